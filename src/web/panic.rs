//! Panics reach the page. On a worker the hook first ends the program whose thread
//! panicked, with a message naming the thread (`runtime::fault::report`; the run panel
//! shows it), then posts the message to the host; a panic outside any program goes to
//! the app's error banner (`spawn::on_worker_error`). On the page it is logged.

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
        // A trial pool thread's creator does not listen for messages: tell its batch.
        super::pool::note_panic(&message);
        let text = info.payload_as_str().unwrap_or("(no message)");
        let place = info.location().map(|l| format!(" (at {}:{})", l.file(), l.line())).unwrap_or_default();
        let attributed = crate::runtime::fault::report(&format!("a Rust panic: {text}{place}"));
        if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
            let msg = Object::new();
            let _ = Reflect::set(&msg, &"type".into(), &"threadlab_panic".into());
            let _ = Reflect::set(&msg, &"message".into(), &message.into());
            let _ = Reflect::set(&msg, &"attributed".into(), &attributed.into());
            let _ = scope.post_message(&msg);
        }
    }));
}
