//! `use_location_hash`: the URL fragment (with its `#`), updated when it changes
//! (`hashchange`: a link to the same page with another fragment, or the learner
//! editing the address).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The fragment of the address, with its `#` (empty when there is none).
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The fragment and how many times it changed while the page was open (so opening the
/// same link twice is two changes).
#[derive(Clone, Debug, PartialEq)]
pub struct Fragment {
    pub hash: String,
    pub changes: u32,
}

#[hook]
pub fn use_location_hash() -> Fragment {
    let hash = use_state(|| Fragment { hash: current_hash(), changes: 0 });
    {
        let hash = hash.clone();
        use_effect_with((), move |_| {
            let changes = std::cell::Cell::new(0u32);
            let listener = Closure::<dyn Fn()>::new(move || {
                changes.set(changes.get() + 1);
                hash.set(Fragment { hash: current_hash(), changes: changes.get() })
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    (*hash).clone()
}
