//! The app's own hooks: runs of one editor's program, saved code with its earlier
//! versions, the URL fragment.

pub mod use_hash;
pub mod use_program_run;
pub mod use_saved_code;

pub use use_hash::{current_hash, use_location_hash};
pub use use_program_run::{use_program_run, ProgramHandle, Status};
pub use use_saved_code::use_saved_code;
