//! Threads and synchronisation: everything that can block goes through here.

pub mod deadlock;
pub mod gil;
pub mod native_host;
pub mod options;
pub mod program;
pub mod run;
pub mod stepper;
pub mod threads;
pub mod trace;
