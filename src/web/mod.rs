//! Browser-only plumbing: workers on the shared memory, the trial pool (rayon), the
//! common clock, panics that reach the page, and the bench hooks the end-to-end test
//! calls.

pub mod bench;
pub mod clock;
pub mod explore;
pub mod host;
pub mod library;
pub mod net;
pub mod panic;
pub mod pool;
pub mod program;
pub mod sink;
pub mod spawn;
pub mod timer;
pub mod trace;

use js_sys::Reflect;

/// True when the page may share memory between workers (COOP + COEP in force).
pub fn cross_origin_isolated() -> bool {
    Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
