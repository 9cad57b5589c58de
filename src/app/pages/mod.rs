//! One component per route.

pub mod home;
pub mod lesson;
pub mod levels;
pub mod not_found;
pub mod playground;
