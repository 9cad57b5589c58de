//! The playground: a blank page for any program. A shared link carries the code in the
//! URL fragment (`#code=`); otherwise the last program typed here comes back.

use yew::prelude::*;

use super::editor::{Editor, LineMark};
use super::mode_switch::ModeSwitch;
use super::race::RaceHistogram;
use super::run_panel::RunPanel;
use super::storage;
use crate::links;
use crate::runtime::options::Mode;

const STARTER: &str = "import threading\n\n\ndef greet(n):\n    print(f\"hello from thread {n}\")\n\n\nthreads = [threading.Thread(target=greet, args=(i,)) for i in range(3)]\nfor t in threads:\n    t.start()\nfor t in threads:\n    t.join()\nprint(\"all done\")\n";

#[function_component(Playground)]
pub fn playground() -> Html {
    let link_error = use_state(|| None::<String>);
    let code = {
        let link_error = link_error.clone();
        use_state(move || {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            match links::code_from_fragment(&hash) {
                Some(Ok(code)) => AttrValue::from(code),
                Some(Err(e)) => {
                    link_error.set(Some(e));
                    storage::load("playground").map(AttrValue::from).unwrap_or(AttrValue::Static(STARTER))
                }
                None => storage::load("playground").map(AttrValue::from).unwrap_or(AttrValue::Static(STARTER)),
            }
        })
    };
    let shared = use_state(|| None::<String>);
    let mode = use_state(|| storage::load("playground-mode").and_then(|m| Mode::parse(&m)).unwrap_or_default());
    let run_requests = use_state(|| 0u32);
    let marks = use_state(Vec::<LineMark>::new);
    let show_race = use_state(|| false);
    let on_run = {
        let run_requests = run_requests.clone();
        Callback::from(move |_: ()| run_requests.set(*run_requests + 1))
    };
    let on_lines = {
        let marks = marks.clone();
        Callback::from(move |m: Vec<LineMark>| {
            if *marks != m {
                marks.set(m)
            }
        })
    };
    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |m: Mode| {
            storage::save("playground-mode", m.name());
            mode.set(m)
        })
    };
    let toggle_race = {
        let show_race = show_race.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            show_race.set(input.checked());
        })
    };
    let on_input = {
        let code = code.clone();
        let shared = shared.clone();
        Callback::from(move |text: String| {
            storage::save("playground", &text);
            code.set(AttrValue::from(text));
            shared.set(None);
        })
    };
    let on_share = {
        let code = code.clone();
        let shared = shared.clone();
        Callback::from(move |_| {
            let Some(window) = web_sys::window() else { return };
            let fragment = links::fragment_for(&code);
            let location = window.location();
            let url = format!(
                "{}{}#{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default(),
                fragment
            );
            if let Ok(history) = window.history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
            let _ = window.navigator().clipboard().write_text(&url);
            shared.set(Some(url));
        })
    };
    html! {
        <section class="page playground">
            <h1>{ "Playground" }</h1>
            if let Some(e) = &*link_error {
                <p class="notice error" role="alert">{ format!("{e}; showing your last program instead.") }</p>
            }
            <ModeSwitch mode={*mode} on_change={on_mode} name="mode-playground" />
            <Editor code={(*code).clone()} {on_input} on_run={Some(on_run)} marks={(*marks).clone()} />
            <RunPanel code={(*code).clone()} mode={*mode} run_requests={*run_requests} on_lines={Some(on_lines)}>
                <button type="button" onclick={on_share}>{ "Share" }</button>
            </RunPanel>
            if let Some(url) = &*shared {
                <div class="toolbar">
                    <label class="share-url">{ "Link to this program: " }
                        <input type="text" readonly=true value={url.clone()} aria-label="Share link" />
                    </label>
                </div>
            }
            <label class="race-toggle"><input type="checkbox" checked={*show_race} onchange={toggle_race} />
                { " Show the spread of outcomes over many stepped runs (for racy programs)" }</label>
            if *show_race {
                <RaceHistogram code={(*code).clone()} />
            }
        </section>
    }
}
