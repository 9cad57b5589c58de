//! The learner's edits, kept in localStorage so a reload loses nothing.

/// The stored text under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    local()?.get_item(&format!("threadlab:{key}")).ok().flatten()
}

/// Stores `value`; quietly does nothing where storage is unavailable or full.
pub fn save(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(&format!("threadlab:{key}"), value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(&format!("threadlab:{key}"));
    }
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
