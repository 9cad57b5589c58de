//! The host stack, watched. Python-level calls never use it (the eval loop is
//! stackless), but builtins that call back into Python (repr, sorting keys, ==, a
//! generator consumed by list()) re-enter the loop in Rust. A worker in the browser
//! has a small stack and wasm has no guard page, so running off its end would corrupt
//! memory: before re-entering, the VM checks how much stack its thread has used and
//! raises RecursionError instead, as CPython does when its C stack runs deep.

use std::cell::Cell;

/// Stack a Python thread may use before re-entry is refused. Browser workers get
/// a 2 MiB stack from wasm-bindgen; our native threads get 64 MiB or more. In the
/// browser the engine's own (V8) stack of a worker can run out first: at 700 KiB a
/// `__repr__` recursing 1000 deep trapped with "RangeError: Maximum call stack size
/// exceeded" (tests/web.rs), so re-entry stops well before.
#[cfg(target_arch = "wasm32")]
const LIMIT: usize = 400 << 10;
#[cfg(not(target_arch = "wasm32"))]
const LIMIT: usize = 48 << 20;

thread_local! {
    static BASE: Cell<usize> = const { Cell::new(0) };
}

fn here() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Records the current stack position as this host thread's base (called where a
/// Python thread starts running).
pub fn mark_base() {
    BASE.with(|b| b.set(here()));
}

/// True when this thread has used more stack than allowed since `mark_base`.
pub fn too_deep() -> bool {
    let base = BASE.with(|b| b.get());
    base != 0 && base.abs_diff(here()) > LIMIT
}

/// Re-entries of the eval loop a thread may nest. On wasm the check above sees only
/// the shadow stack in linear memory; each nested loop also takes frames on the
/// engine's own machine stack (V8 gives a worker under 1 MB), which no wasm code can
/// measure. Overrunning it is a `RangeError` that kills the worker, so the depth is
/// capped by count: a __repr__ that calls repr() 500 deep in stepped mode did that
/// in a debug build. Natively the byte limit alone is enough.
#[cfg(target_arch = "wasm32")]
pub const MAX_NESTED: usize = 160;
#[cfg(not(target_arch = "wasm32"))]
pub const MAX_NESTED: usize = usize::MAX;

/// Whether re-entering the eval loop once more (at nesting `nested`) must be refused.
pub fn refuse_reentry(nested: usize) -> bool {
    nested >= MAX_NESTED || too_deep()
}
