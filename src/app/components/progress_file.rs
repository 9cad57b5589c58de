//! Progress and saved code as one JSON file: Export downloads it, Import merges one
//! back (after asking; code here that the file replaces is kept as earlier versions),
//! Reset progress forgets passed exercises and visited lessons (after asking; code
//! stays).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::confirm;
use crate::app::model::storage;

#[derive(Properties, PartialEq)]
pub struct ProgressFileProps {
    /// Called after an import or a reset changed what is stored.
    pub on_changed: Callback<()>,
}

/// Downloads `text` as `name` (a data: URL on a temporary link: no network, no server).
fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlElement = document.create_element("a")?.dyn_into()?;
    let href = format!("data:application/json;charset=utf-8,{}", js_sys::encode_uri_component(text));
    a.set_attribute("href", &href)?;
    a.set_attribute("download", name)?;
    a.set_attribute("hidden", "")?;
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    Ok(())
}

/// The text of the file chosen in `input` (`File.text()`), if one was chosen.
async fn chosen_text(input: &web_sys::HtmlInputElement) -> Result<Option<String>, JsValue> {
    let files = js_sys::Reflect::get(input, &"files".into())?;
    let file = js_sys::Reflect::get(&files, &JsValue::from_f64(0.0))?;
    if file.is_undefined() || file.is_null() {
        return Ok(None);
    }
    let text: js_sys::Function = js_sys::Reflect::get(&file, &"text".into())?.dyn_into()?;
    let promise: js_sys::Promise = text.call0(&file)?.dyn_into()?;
    Ok(JsFuture::from(promise).await?.as_string())
}

fn today() -> String {
    String::from(js_sys::Date::new_0().to_iso_string()).chars().take(10).collect()
}

#[function_component(ProgressFile)]
pub fn progress_file(props: &ProgressFileProps) -> Html {
    let message = use_state(|| None::<(bool, String)>);
    let on_export = {
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let json = storage::export_json();
            match download(&format!("threadlab-progress-{}.json", today()), &json) {
                Ok(()) => message.set(Some((true, "Exported: your progress and code are in the downloaded file.".into()))),
                Err(e) => message.set(Some((false, format!("The export failed: {e:?}")))),
            }
        })
    };
    let on_import = {
        let message = message.clone();
        let on_changed = props.on_changed.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let message = message.clone();
            let on_changed = on_changed.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = chosen_text(&input).await;
                input.set_value("");
                let text = match text {
                    Ok(Some(t)) => t,
                    Ok(None) => return,
                    Err(e) => return message.set(Some((false, format!("The file could not be read: {e:?}")))),
                };
                let items = match storage::parse_export(&text) {
                    Ok(items) => items,
                    Err(e) => return message.set(Some((false, format!("Nothing imported: {e}.")))),
                };
                let ask = format!(
                    "Import {} saved item{} from this file? Progress is added; code from the file replaces the code here, \
                     which is kept under “Your earlier code”.",
                    items.len(),
                    if items.len() == 1 { "" } else { "s" }
                );
                if !confirm(&ask) {
                    return message.set(Some((true, "Nothing imported.".into())));
                }
                let done = storage::import(&items);
                let kept = if done.kept > 0 {
                    format!(" {} of your own version{} kept as earlier code.", done.kept, if done.kept == 1 { "" } else { "s" })
                } else {
                    String::new()
                };
                message.set(Some((true, format!("Imported {} item{}.{kept}", done.items, if done.items == 1 { "" } else { "s" }))));
                on_changed.emit(());
            });
        })
    };
    let on_reset = {
        let message = message.clone();
        let on_changed = props.on_changed.clone();
        Callback::from(move |_: MouseEvent| {
            if confirm("Reset your progress? Passed exercises and visited lessons are forgotten; your code stays.") {
                storage::reset_progress();
                message.set(Some((true, "Progress reset. Your code is still saved.".into())));
                on_changed.emit(());
            }
        })
    };
    html! {
        <section class="progress-file" aria-labelledby="progress-file-heading">
            <h2 id="progress-file-heading">{ "Your progress" }</h2>
            <p>{ "Progress and code are kept in this browser only. Take them to another browser as a file." }</p>
            <div class="toolbar">
                <button type="button" onclick={on_export}>{ "Export progress" }</button>
                <label class="button file-button">{ "Import progress…" }
                    <input type="file" class="visually-hidden" accept=".json,application/json" onchange={on_import} />
                </label>
                <button type="button" class="secondary" onclick={on_reset}>{ "Reset progress" }</button>
            </div>
            <p class={classes!("progress-message", message.as_ref().is_some_and(|(ok, _)| !ok).then_some("err"))}
               role="status" aria-live="polite">
                { message.as_ref().map(|(_, m)| m.clone()).unwrap_or_default() }
            </p>
        </section>
    }
}
