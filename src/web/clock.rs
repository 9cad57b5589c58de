//! One clock for every worker: each worker's `performance.now()` counts from its own
//! `timeOrigin`, so we add the two and every thread's timestamps line up.

use js_sys::Reflect;
use wasm_bindgen::JsCast;

/// Milliseconds since the Unix epoch, sub-millisecond precision, same on every worker.
pub fn now_ms() -> f64 {
    let perf = Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
    match perf {
        Some(p) => p.time_origin() + p.now(),
        None => js_sys::Date::now(),
    }
}
