//! The playground: a blank page for any program. A link carries a program (and its
//! mode) in the fragment: `/playground#mode=free&code=...`. It loads on arrival and
//! when another such link is opened while here (hashchange). The learner's own code is
//! never lost: code a link replaces is kept under "Your earlier code", with a Restore
//! button in the notice. Without a link, the last program typed here comes back.

use yew::prelude::*;

use crate::app::components::earlier::EarlierVersions;
use crate::app::components::explorer::StepExplorer;
use crate::app::components::editor::Editor;
use crate::app::components::mode_switch::ModeSwitch;
use crate::app::components::race::RaceHistogram;
use crate::app::components::run_panel::RunPanel;
use crate::app::hooks::{use_location_hash, use_program_run, use_saved_code};
use crate::links;
use crate::runtime::options::Mode;

const STARTER: &str = "import threading\n\n\ndef greet(n):\n    print(f\"hello from thread {n}\")\n\n\nthreads = [threading.Thread(target=greet, args=(i,)) for i in range(3)]\nfor t in threads:\n    t.start()\nfor t in threads:\n    t.join()\nprint(\"all done\")\n";

/// What the last link did.
#[derive(Clone, PartialEq)]
enum LinkNote {
    /// Loaded; `kept` when the learner's code was kept as an earlier version.
    Loaded { kept: bool, mode: Option<Mode> },
    Damaged(String),
}

/// Takes the link out of the address once loaded: a reload then shows the learner's
/// latest code (saved as they type) instead of the link's, and opening the same link
/// again is a change the page sees.
fn forget_fragment() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[function_component(Playground)]
pub fn playground() -> Html {
    let saved = use_saved_code(AttrValue::Static("playground"), AttrValue::Static(STARTER));
    let program = use_program_run(Mode::Gil, Some(AttrValue::Static("playground-mode")));
    let note = use_state(|| None::<LinkNote>);
    let shared = use_state(|| None::<String>);
    let show_race = use_state(|| false);
    // The step explorer, when open: the schedule it opened at, and the current one
    // (kept in the address, so a reload comes back to it).
    let explore = use_state(|| None::<Vec<(u64, u32)>>);
    let current = use_mut_ref(Vec::<(u64, u32)>::new);
    let fragment = use_location_hash();
    {
        let (saved, program, note, shared, explore) = (saved.clone(), program.clone(), note.clone(), shared.clone(), explore.clone());
        use_effect_with(fragment, move |fragment| match links::code_from_fragment(&fragment.hash) {
            Some(Ok(code)) => {
                let kept = saved.replace(&code);
                let mode = links::mode_from_fragment(&fragment.hash);
                if let Some(m) = mode {
                    program.set_mode(m);
                }
                shared.set(None);
                match links::schedule_from_fragment(&fragment.hash) {
                    // A step-explorer link stays in the address (the explorer keeps it current).
                    Some(Ok(s)) => {
                        explore.set(Some(s));
                        note.set(Some(LinkNote::Loaded { kept, mode }));
                    }
                    Some(Err(e)) => {
                        explore.set(Some(vec![]));
                        note.set(Some(LinkNote::Damaged(e)));
                    }
                    None => {
                        note.set(Some(LinkNote::Loaded { kept, mode }));
                        forget_fragment();
                    }
                }
            }
            Some(Err(e)) => note.set(Some(LinkNote::Damaged(e))),
            None => {}
        });
    }
    let code = saved.code();
    let toggle_race = {
        let show_race = show_race.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            show_race.set(input.checked());
        })
    };
    let on_input = {
        let shared = shared.clone();
        saved.on_input().reform(move |text: String| {
            shared.set(None);
            text
        })
    };
    let on_restore = {
        let (saved, note) = (saved.clone(), note.clone());
        Callback::from(move |i: usize| {
            saved.restore(i);
            note.set(None);
        })
    };
    let on_forget = {
        let saved = saved.clone();
        Callback::from(move |i: usize| saved.forget(i))
    };
    let restore_latest = on_restore.reform(|_: MouseEvent| 0);
    let on_schedule = {
        let (code, current) = (code.clone(), current.clone());
        Callback::from(move |s: Vec<(u64, u32)>| {
            let fragment = links::step_fragment(&code, &s);
            *current.borrow_mut() = s;
            let Some(window) = web_sys::window() else { return };
            let location = window.location();
            let url = format!("{}{}#{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default(), fragment);
            if let Ok(history) = window.history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        })
    };
    let open_explorer = {
        let (explore, current) = (explore.clone(), current.clone());
        Callback::from(move |_: MouseEvent| {
            current.borrow_mut().clear();
            explore.set(Some(vec![]));
        })
    };
    let close_explorer = {
        let explore = explore.clone();
        Callback::from(move |_: ()| {
            explore.set(None);
            forget_fragment();
        })
    };
    let on_share = {
        let code = code.clone();
        let shared = shared.clone();
        let mode = program.mode();
        let (explore, current) = (explore.clone(), current.clone());
        Callback::from(move |_| {
            let Some(window) = web_sys::window() else { return };
            let fragment = if explore.is_some() { links::step_fragment(&code, &current.borrow()) } else { links::fragment_for(&code, Some(mode)) };
            let location = window.location();
            let url = format!(
                "{}{}#{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default(),
                fragment
            );
            let _ = window.navigator().clipboard().write_text(&url);
            shared.set(Some(url));
        })
    };
    html! {
        <section class="page playground">
            <h1>{ "Playground" }</h1>
            { match &*note {
                Some(LinkNote::Damaged(e)) => html! {
                    <p class="notice error" role="alert">{ format!("{e}; showing your last program instead.") }</p>
                },
                Some(LinkNote::Loaded { kept, mode }) => html! {
                    <p class="notice info link-note" role="status">
                        { "Loaded the program from the link" }
                        { mode.map(|m| format!(" (mode: {})", crate::app::components::mode_switch::mode_label(m))).unwrap_or_default() }
                        { "." }
                        if *kept {
                            { " Your previous program is kept under “Your earlier code”. " }
                            <button type="button" onclick={restore_latest}>{ "Restore my previous code" }</button>
                        }
                    </p>
                },
                None => html! {},
            } }
            <ModeSwitch mode={program.mode()} on_change={program.on_mode()} name="mode-playground" />
            <Editor code={code.clone()} {on_input} on_run={Some(program.runner(&code))} marks={program.marks()}
                    error={program.error_mark(&code)} />
            <RunPanel program={program.clone()} code={code.clone()}>
                <button type="button" class="step-through" onclick={open_explorer} disabled={explore.is_some()}
                        title="Be the scheduler: run the threads one step at a time">{ "Step through" }</button>
                <button type="button" onclick={on_share}>{ "Share" }</button>
            </RunPanel>
            if let Some(start) = &*explore {
                <StepExplorer code={code.clone()} schedule={start.clone()} {on_schedule} on_close={Some(close_explorer)} />
            }
            if let Some(url) = &*shared {
                <div class="toolbar">
                    <label class="share-url">{ "Link to this program: " }
                        <input type="text" readonly=true value={url.clone()} aria-label="Share link" />
                    </label>
                </div>
            }
            <EarlierVersions versions={saved.versions()} {on_restore} {on_forget} />
            <label class="race-toggle"><input type="checkbox" checked={*show_race} onchange={toggle_race} />
                { " Show the spread of outcomes over many stepped runs (for racy programs)" }</label>
            if *show_race {
                <RaceHistogram code={code.clone()} />
            }
        </section>
    }
}
