//! The host stack, watched. Python-level calls never use it (the eval loop is
//! stackless), but builtins that call back into Python (repr, sorting keys, ==, a
//! generator consumed by list()) re-enter the loop in Rust. A worker in the browser
//! has a small stack and wasm has no guard page, so running off its end would corrupt
//! memory: before re-entering, the VM checks how much stack its thread has used and
//! raises RecursionError instead, as CPython does when its C stack runs deep.

use std::cell::Cell;

/// Stack a Python thread may use before re-entry is refused. Browser workers get
/// wasm-bindgen's default 1 MiB stack; our native threads get 64 MiB or more.
#[cfg(target_arch = "wasm32")]
const LIMIT: usize = 700 << 10;
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
