//! The pieces pages are made of: the editor and its run panel, the mode switch, the
//! timeline, the race histogram, a lesson's code blocks, earlier versions of code, the
//! progress file, the header.

pub mod code_block;
pub mod earlier;
pub mod explorer;
pub mod editor;
pub mod header;
pub mod mode_switch;
pub mod progress_file;
pub mod race;
pub mod run_panel;
pub mod timeline;

/// Asks the learner before something is discarded or replaced (`window.confirm`: a
/// native dialog, keyboard- and screen-reader-friendly). False where there is no window.
pub fn confirm(message: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}
