//! The code editor: a textarea with line numbers and syntax colouring. The colours are a
//! `<pre>` drawn under a transparent textarea, so typing, selection, undo and screen
//! readers stay the browser's own. Python-aware keys (`crate::editing`): Enter keeps
//! and adds indentation, Tab / Shift+Tab indent and dedent, Backspace removes an indent
//! level, brackets and quotes pair, Ctrl/Cmd+/ toggles comments, Ctrl/Cmd+F finds.
//! Every such edit goes through the browser's `insertText` command so Ctrl+Z undoes it.
//! Esc leaves the editor so keyboard users are never trapped; Ctrl/Cmd+Enter runs.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::editing::{self, Edit};
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
    /// The line the last run's error points at, with its message.
    #[prop_or_default]
    pub error: Option<ErrorMark>,
}

/// A thread's current line, drawn as a band in the thread's colour.
#[derive(Clone, Debug, PartialEq)]
pub struct LineMark {
    pub line: u32,
    /// Index into the thread palette (`thread-c0` ... `thread-c7`).
    pub colour: usize,
    pub thread: String,
}

/// Where a SyntaxError or uncaught exception happened.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorMark {
    pub line: u32,
    pub message: String,
}

/// Pixels per line (14px font, line-height 1.5) and the code's top padding, for bands.
const LINE_PX: u32 = 21;

fn band_top(line: u32) -> String {
    format!("top: calc(0.6rem + {} * {LINE_PX}px)", line.saturating_sub(1))
}

/// The open find bar: what is searched and the match shown.
#[derive(Clone, PartialEq, Default)]
struct Find {
    query: String,
    current: Option<(usize, usize)>,
}

/// Gives each editor its own element ids (for aria-describedby).
fn next_id() -> usize {
    thread_local!(static NEXT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let gutter = use_node_ref();
    let colours = use_node_ref();
    let area_ref = use_node_ref();
    let find_input = use_node_ref();
    let find = use_state(|| None::<Find>);
    let id = *use_memo((), |_| next_id());
    let lines = props.code.split('\n').count().max(1);
    let error = props.error.as_ref().filter(|e| e.line >= 1 && e.line as usize <= lines);

    // Focus the find field when the bar opens; bring the current match into view.
    {
        let (find_input, colours) = (find_input.clone(), colours.clone());
        let open = find.is_some();
        let current = find.as_ref().and_then(|f| f.current);
        use_effect_with((open, current), move |(open, current)| {
            if *open {
                if let Some(input) = find_input.cast::<HtmlElement>() {
                    if web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).as_ref()
                        != Some(input.as_ref())
                    {
                        let _ = input.focus();
                    }
                }
                if current.is_some() {
                    if let Some(mark) = colours.cast::<web_sys::Element>().and_then(|c| c.query_selector(".find-match").ok().flatten()) {
                        scroll_into_view(&mark);
                    }
                }
            }
        });
    }

    // Typed text reaches the page once per frame, not once per input event: pasting or
    // a test's `fill` fires one input event per line, and each re-rendered the whole page
    // (600 ms of frames lost for a 90-line program). Until it is handed on, the text in
    // `pending` is what the textarea shows (a re-render must not put the old code back).
    let pending = use_mut_ref(|| None::<String>);
    let latest = use_mut_ref(|| (props.on_input.clone(), props.on_run.clone()));
    *latest.borrow_mut() = (props.on_input.clone(), props.on_run.clone());
    let flush: Rc<dyn Fn() -> bool> = {
        let (pending, latest) = (pending.clone(), latest.clone());
        Rc::new(move || {
            let text = pending.borrow_mut().take();
            if let Some(text) = text {
                let on_input = latest.borrow().0.clone();
                on_input.emit(text);
                true
            } else {
                false
            }
        })
    };
    let oninput = {
        let (pending, flush) = (pending.clone(), flush.clone());
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let first = pending.borrow_mut().replace(area.value()).is_none();
            if first {
                // Before the next frame is drawn (so the colours never lag), or soon
                // where frames are not drawn (a hidden tab).
                after_input(flush.clone());
            }
        })
    };
    let onblur = {
        let flush = flush.clone();
        Callback::from(move |_: FocusEvent| {
            flush();
        })
    };
    let onkeydown = {
        let find = find.clone();
        let find_input = find_input.clone();
        let (flush, latest) = (flush.clone(), latest.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Text typed just before a key that acts on it is handed on first.
            let flushed = flush();
            let on_run = latest.borrow().1.clone();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = area.value();
            let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = area.selection_end().ok().flatten().unwrap_or(start as u32) as usize;
            let (start, end) = (start.min(end), start.max(end));
            let command = e.ctrl_key() || e.meta_key();
            let plain = !command && !e.alt_key();
            if e.is_composing() {
                return;
            }
            let edit: Option<Edit> = match e.key().as_str() {
                "Tab" if plain && !e.shift_key() => Some(editing::indent_lines(&text, start, end).unwrap_or(Edit {
                    from: start,
                    to: end,
                    text: " ".repeat(editing::INDENT),
                    sel: (start + editing::INDENT, start + editing::INDENT),
                })),
                // Shift+Tab dedents; with nothing to dedent it still stays in the editor
                // (Esc is the way out).
                "Tab" if plain => {
                    e.prevent_default();
                    editing::dedent(&text, start, end)
                }
                "Enter" if command => {
                    if let Some(run) = &on_run {
                        e.prevent_default();
                        if flushed {
                            // Run the code just handed on: the page's run callback of
                            // the render that follows knows it.
                            let latest = latest.clone();
                            later(0, move || {
                                if let Some(run) = latest.borrow().1.clone() {
                                    run.emit(());
                                }
                            });
                        } else {
                            run.emit(());
                        }
                    }
                    None
                }
                "Enter" if plain && !e.shift_key() => Some(editing::enter(&text, start, end)),
                "Backspace" if plain && !e.shift_key() => editing::backspace(&text, start, end),
                "/" if command && !e.alt_key() => Some(editing::toggle_comment(&text, start, end)),
                "f" | "F" if command && !e.alt_key() && !e.shift_key() => {
                    e.prevent_default();
                    let selected: String = if start != end && !text.is_empty() {
                        let units: Vec<u16> = text.encode_utf16().collect();
                        String::from_utf16_lossy(&units[start.min(units.len())..end.min(units.len())])
                    } else {
                        find.as_ref().map(|f| f.query.clone()).unwrap_or_default()
                    };
                    let selected = if selected.contains('\n') { String::new() } else { selected };
                    let current = editing::find(&text, &selected, start, false);
                    find.set(Some(Find { query: selected, current }));
                    // Already open: back to its field (the effect runs only on changes).
                    if let Some(input) = find_input.cast::<HtmlElement>() {
                        let _ = input.focus();
                    }
                    None
                }
                "Escape" => {
                    let _ = area.blur();
                    None
                }
                key if plain => {
                    let mut chars = key.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) if "()[]{}'\"".contains(c) => editing::typed(&text, start, end, c),
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(edit) = edit {
                e.prevent_default();
                apply(&area, &edit);
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

    // The find bar: Enter finds the next match (Shift+Enter the previous), Esc closes it
    // and puts the cursor on the match.
    // The shown match, while it still is one (an edit may have moved the text).
    let matches = find.as_ref().map(|f| editing::find_all(&props.code, &f.query)).unwrap_or_default();
    let shown = find.as_ref().and_then(|f| f.current).filter(|c| matches.contains(c));
    let find_bar = find.as_ref().map(|f| {
        let index = shown.and_then(|c| matches.iter().position(|m| *m == c));
        let count = match (f.query.is_empty(), matches.len(), index) {
            (true, _, _) => String::new(),
            (false, 0, _) => "no matches".to_string(),
            (false, n, Some(i)) => format!("{} of {n}", i + 1),
            (false, n, None) => format!("{n} matches"),
        };
        let on_find_input = {
            let (find, code) = (find.clone(), props.code.clone());
            let from = f.current.map_or(0, |c| c.0);
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let query = input.value();
                let current = editing::find(&code, &query, from, false);
                find.set(Some(Find { query, current }));
            })
        };
        let close = {
            let (find, area_ref) = (find.clone(), area_ref.clone());
            let current = shown;
            move || {
                find.set(None);
                if let Some(area) = area_ref.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                    if let Some((a, b)) = current {
                        let _ = area.set_selection_range(a as u32, b as u32);
                    }
                }
            }
        };
        let step = {
            let (find, code, f) = (find.clone(), props.code.clone(), f.clone());
            move |back: bool| {
                let from = match f.current {
                    Some((a, _)) if back => a,
                    Some((a, _)) => a + 1,
                    None => 0,
                };
                let current = editing::find(&code, &f.query, from, back);
                find.set(Some(Find { query: f.query.clone(), current }));
            }
        };
        let on_find_key = {
            let (close, step) = (close.clone(), step.clone());
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    step(e.shift_key());
                }
                "Escape" => {
                    e.prevent_default();
                    close();
                }
                _ => {}
            })
        };
        let on_next = {
            let step = step.clone();
            Callback::from(move |_: MouseEvent| step(false))
        };
        let on_close = Callback::from(move |_: MouseEvent| close());
        html! {
            <div class="find-bar">
                <label>{ "Find" }
                    <input type="search" ref={find_input.clone()} value={f.query.clone()} oninput={on_find_input}
                           onkeydown={on_find_key} spellcheck="false" autocomplete="off"
                           aria-describedby={format!("find-count-{id}")} />
                </label>
                <span class="find-count" id={format!("find-count-{id}")} aria-live="polite">{ count }</span>
                <button type="button" class="secondary" onclick={on_next}>{ "Next" }</button>
                <button type="button" class="secondary" onclick={on_close} aria-label="Close find">{ "Close" }</button>
            </div>
        }
    });

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
            <span class={classes!("line-mark", format!("thread-c{}", ms[0].colour % 8))} style={band_top(line)}>
                <span class="line-mark-labels">
                    { for ms.iter().map(|m| html! {
                        <span class={classes!("line-mark-label", format!("thread-c{}", m.colour % 8))}>{ &m.thread }</span>
                    }) }
                </span>
            </span>
        }
    });
    let error_band = error.map(|e| {
        html! {
            <span class="line-error" style={band_top(e.line)}>
                <span class="line-error-label">{ &e.message }</span>
            </span>
        }
    });
    let find_band = shown.map(|(a, b)| {
        let (line, col) = editing::line_col(&props.code, a);
        html! {
            <span class="find-match"
                  style={format!("{}; left: calc(0.75rem + {col}ch); width: {}ch", band_top(line), b - a)}></span>
        }
    });
    let numbers = (1..=lines).map(|n| {
        if error.is_some_and(|e| e.line as usize == n) {
            html! { <><span class="gutter-error" title="error on this line">{ n.to_string() }</span>{ "\n" }</> }
        } else {
            html! { { format!("{n}\n") } }
        }
    });
    let error_id = format!("editor-error-{id}");
    html! {
        <div class="editor-wrap">
            { for find_bar }
            <div class="editor">
                <pre class="gutter" ref={gutter} aria-hidden="true">{ for numbers }</pre>
                <div class="code-area">
                    <pre class="colours" ref={colours} aria-hidden="true">
                        { for error_band }{ for bands }{ for find_band }{ for coloured }{ "\n" }
                    </pre>
                    <textarea
                        ref={area_ref}
                        class="code"
                        aria-label={props.label.clone()}
                        aria-describedby={error.map(|_| error_id.clone())}
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        rows={lines.max(4).to_string()}
                        value={pending.borrow().clone().map_or_else(|| props.code.clone(), AttrValue::from)}
                        {oninput}
                        {onblur}
                        {onkeydown}
                        {onscroll}
                    />
                </div>
            </div>
            if let Some(e) = error {
                <p class="editor-error" id={error_id}>{ format!("Line {}: {}", e.line, e.message) }</p>
            }
        </div>
    }
}

/// Makes `edit` through the browser's editing command, so it lands on the undo stack
/// (Ctrl+Z undoes it like typing) and fires the usual input event; falls back to
/// setRangeText (not undoable) where that command is unavailable.
fn apply(area: &HtmlTextAreaElement, edit: &Edit) {
    let _ = area.set_selection_range(edit.from as u32, edit.to as u32);
    let changes = edit.from != edit.to || !edit.text.is_empty();
    if changes {
        let doc = web_sys::window().and_then(|w| w.document()).and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
        let command = if edit.text.is_empty() { "delete" } else { "insertText" };
        let done = doc.and_then(|d| d.exec_command_with_show_ui_and_value(command, false, &edit.text).ok()).unwrap_or(false);
        if !done {
            let _ = area.set_range_text_with_start_and_end_and_mode(&edit.text, edit.from as u32, edit.to as u32, "end");
            if let Ok(ev) = web_sys::InputEvent::new("input") {
                let _ = area.dispatch_event(&ev);
            }
        }
    }
    let _ = area.set_selection_range(edit.sel.0 as u32, edit.sel.1 as u32);
}

/// Calls `f` after `ms` milliseconds (a timer on the window).
fn later(ms: i32, f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
    }
}

/// Calls `flush` before the next frame, and after 100 ms in case no frame comes (a
/// hidden tab); the second call finds nothing left to hand on.
fn after_input(flush: Rc<dyn Fn() -> bool>) {
    let on_frame = flush.clone();
    let f = wasm_bindgen::closure::Closure::once_into_js(move || {
        on_frame();
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(f.unchecked_ref());
    }
    later(100, move || {
        flush();
    });
}

/// `el.scrollIntoView({block: "nearest"})`, without the web-sys feature for the options.
fn scroll_into_view(el: &web_sys::Element) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
    if let Ok(f) = js_sys::Reflect::get(el, &"scrollIntoView".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(el, &JsValue::from(options));
        }
    }
}
