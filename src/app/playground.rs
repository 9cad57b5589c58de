//! The playground: a blank page for any program. A shared link carries the code in the
//! URL fragment (`#code=`); otherwise the last program typed here comes back.

use yew::prelude::*;

use super::editor::Editor;
use super::storage;
use crate::links;

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
            <Editor code={(*code).clone()} {on_input} />
            <div class="toolbar">
                <button type="button" onclick={on_share}>{ "Share" }</button>
                if let Some(url) = &*shared {
                    <label class="share-url">{ "Link to this program: " }
                        <input type="text" readonly=true value={url.clone()} aria-label="Share link" />
                    </label>
                }
            </div>
        </section>
    }
}
