//! Earlier versions of an editor's code (kept when Reset, a link or an import replaced
//! it), each with Restore, so nothing the learner typed is lost.

use std::rc::Rc;

use yew::prelude::*;

use super::confirm;

#[derive(Properties, PartialEq)]
pub struct EarlierProps {
    /// Newest first.
    pub versions: Rc<Vec<String>>,
    pub on_restore: Callback<usize>,
    pub on_forget: Callback<usize>,
    #[prop_or_default]
    pub open: bool,
}

fn preview(code: &str) -> String {
    let lines: Vec<&str> = code.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = lines.iter().take(3).copied().collect::<Vec<_>>().join("\n");
    if lines.len() > 3 {
        out.push_str(&format!("\n… ({} lines)", code.lines().count()));
    }
    out
}

#[function_component(EarlierVersions)]
pub fn earlier_versions(props: &EarlierProps) -> Html {
    if props.versions.is_empty() {
        return html! {};
    }
    let n = props.versions.len();
    html! {
        <details class="earlier" open={props.open}>
            <summary>{ format!("Your earlier code ({n} version{} kept in this browser)", if n == 1 { "" } else { "s" }) }</summary>
            <ol>
                { for props.versions.iter().enumerate().map(|(i, code)| {
                    let restore = props.on_restore.reform(move |_: MouseEvent| i);
                    let forget = {
                        let on_forget = props.on_forget.clone();
                        Callback::from(move |_: MouseEvent| {
                            if confirm("Forget this earlier version for good?") {
                                on_forget.emit(i);
                            }
                        })
                    };
                    html! {
                        <li>
                            <pre class="earlier-preview">{ preview(code) }</pre>
                            <div class="toolbar">
                                <button type="button" onclick={restore}
                                        aria-label={format!("Restore earlier version {}", i + 1)}>{ "Restore" }</button>
                                <button type="button" class="secondary" onclick={forget}
                                        aria-label={format!("Forget earlier version {}", i + 1)}>{ "Forget" }</button>
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </details>
    }
}
