//! Threadlab: a Python threading course whose programs run on real threads.
//!
//! Data flows as in `../shared/DESIGN.md`: lessons -> app -> engine (python front end ->
//! vm) -> runtime (the Scheduler seam) -> stdout and trace back to the app.

pub mod editing;
pub mod highlight;
pub mod lessons;
pub mod levels;
pub mod links;
pub mod python;
pub mod runtime;
pub mod stdlib;
pub mod vm;

#[global_allocator]
static ALLOC: vm::memory::Counting = vm::memory::Counting;

/// Browser-only pieces: worker start-up and the bridge to the page.
#[cfg(target_arch = "wasm32")]
pub mod web;
/// The Yew single-page app.
#[cfg(target_arch = "wasm32")]
pub mod app;
