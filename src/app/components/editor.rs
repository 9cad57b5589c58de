//! The code editor: a textarea with line numbers and syntax colouring. The colours are a
//! `<pre>` drawn under a transparent textarea, so typing, selection, undo and screen
//! readers stay the browser's own. Tab indents (4 spaces, undoable), Esc leaves the
//! editor so keyboard users are never trapped, Ctrl/Cmd+Enter runs.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::highlight;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub code: AttrValue,
    pub on_input: Callback<String>,
    #[prop_or(AttrValue::Static("Code editor"))]
    pub label: AttrValue,
    #[prop_or_default]
    pub on_run: Option<Callback<()>>,
    /// Lines to highlight: where each thread is (while a program runs or replays).
    #[prop_or_default]
    pub marks: Vec<LineMark>,
}

/// A thread's current line, drawn as a band in the thread's colour.
#[derive(Clone, Debug, PartialEq)]
pub struct LineMark {
    pub line: u32,
    /// Index into the thread palette (`thread-c0` ... `thread-c7`).
    pub colour: usize,
    pub thread: String,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let gutter = use_node_ref();
    let colours = use_node_ref();
    let lines = props.code.split('\n').count().max(1);

    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_input.emit(area.value());
        })
    };
    let onkeydown = {
        let on_run = props.on_run.clone();
        let on_input = props.on_input.clone();
        Callback::from(move |e: KeyboardEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            match e.key().as_str() {
                "Tab" if !e.shift_key() && !e.ctrl_key() && !e.alt_key() && !e.meta_key() => {
                    e.prevent_default();
                    insert_text(&area, "    ");
                    on_input.emit(area.value());
                }
                "Escape" => {
                    let _ = area.blur();
                }
                "Enter" if e.ctrl_key() || e.meta_key() => {
                    if let Some(run) = &on_run {
                        e.prevent_default();
                        run.emit(());
                    }
                }
                _ => {}
            }
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        let colours = colours.clone();
        Callback::from(move |e: Event| {
            let area: HtmlElement = e.target_unchecked_into();
            if let Some(g) = gutter.cast::<HtmlElement>() {
                g.set_scroll_top(area.scroll_top());
            }
            if let Some(c) = colours.cast::<HtmlElement>() {
                c.set_scroll_top(area.scroll_top());
                c.set_scroll_left(area.scroll_left());
            }
        })
    };
    let coloured = highlight::spans(&props.code).into_iter().map(|(kind, text)| match kind {
        highlight::Kind::Plain => html! { { text } },
        kind => html! { <span class={kind.class()}>{ text }</span> },
    });
    // One band per marked line, labelled with the threads on it.
    let mut by_line: Vec<(u32, Vec<&LineMark>)> = Vec::new();
    for m in &props.marks {
        match by_line.iter_mut().find(|(l, _)| *l == m.line) {
            Some((_, ms)) => ms.push(m),
            None => by_line.push((m.line, vec![m])),
        }
    }
    let bands = by_line.into_iter().filter(|(l, _)| *l >= 1 && (*l as usize) <= lines).map(|(line, ms)| {
        html! {
            <span class={classes!("line-mark", format!("thread-c{}", ms[0].colour % 8))}
                  style={format!("top: calc(0.6rem + {} * 21px)", line - 1)}>
                <span class="line-mark-labels">
                    { for ms.iter().map(|m| html! {
                        <span class={classes!("line-mark-label", format!("thread-c{}", m.colour % 8))}>{ &m.thread }</span>
                    }) }
                </span>
            </span>
        }
    });
    html! {
        <div class="editor">
            <pre class="gutter" ref={gutter} aria-hidden="true">
                { (1..=lines).map(|n| n.to_string()).collect::<Vec<_>>().join("\n") }
            </pre>
            <div class="code-area">
                <pre class="colours" ref={colours} aria-hidden="true">{ for bands }{ for coloured }{ "\n" }</pre>
                <textarea
                    class="code"
                    aria-label={props.label.clone()}
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    wrap="off"
                    rows={lines.max(4).to_string()}
                    value={props.code.clone()}
                    {oninput}
                    {onkeydown}
                    {onscroll}
                />
            </div>
        </div>
    }
}

/// Inserts text at the cursor through the browser's editing command, so Ctrl+Z undoes
/// it; falls back to setRangeText where that command is unavailable.
fn insert_text(area: &HtmlTextAreaElement, text: &str) {
    let done = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command_with_show_ui_and_value("insertText", false, text).ok())
        .unwrap_or(false);
    if !done {
        let start = area.selection_start().ok().flatten().unwrap_or(0);
        let end = area.selection_end().ok().flatten().unwrap_or(start);
        let _ = area.set_range_text_with_start_and_end_and_mode(
            text,
            start,
            end,
            "end",
        );
    }
}
