//! Threads and synchronisation: everything that can block goes through here.

pub mod gil;
pub mod native_host;
pub mod program;
pub mod stepper;
pub mod threads;
pub mod trace;
