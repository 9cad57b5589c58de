//! Panics reach the page: on a worker the hook posts the message to the host, which
//! hands it to the app (`spawn::on_worker_error`); on the page it is logged and shown.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;

/// On the page: log panics with their message and location.
pub fn install_page_hook() {
    console_error_panic_hook::set_once();
}

/// On a worker: log the panic there and post it to the host, so nothing dies silently.
pub fn install_worker_hook() {
    std::panic::set_hook(Box::new(|info| {
        let thread = js_sys::global()
            .dyn_into::<web_sys::DedicatedWorkerGlobalScope>()
            .ok()
            .map(|scope| scope.name())
            .unwrap_or_default();
        let message = format!("panic in worker {thread}: {info}");
        web_sys::console::error_1(&message.clone().into());
        if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
            let msg = Object::new();
            let _ = Reflect::set(&msg, &"type".into(), &"threadlab_panic".into());
            let _ = Reflect::set(&msg, &"message".into(), &message.into());
            let _ = scope.post_message(&msg);
        }
    }));
}
