//! `use_saved_code`: an editor's code, saved as the learner types and back after a
//! reload. Whatever replaces the learner's code (Reset, a link, an import) first keeps
//! it as an earlier version, which the page offers to restore: nothing typed is lost.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::model::storage;

#[derive(Clone, PartialEq)]
pub struct SavedCode {
    key: AttrValue,
    original: AttrValue,
    code: UseStateHandle<AttrValue>,
    versions: UseStateHandle<Rc<Vec<String>>>,
}

impl SavedCode {
    pub fn code(&self) -> AttrValue {
        (*self.code).clone()
    }

    /// True when the code differs from what the page started with.
    pub fn edited(&self) -> bool {
        *self.code != self.original
    }

    /// Earlier versions, newest first.
    pub fn versions(&self) -> Rc<Vec<String>> {
        (*self.versions).clone()
    }

    /// The editor's input: saved at once.
    pub fn on_input(&self) -> Callback<String> {
        let this = self.clone();
        Callback::from(move |text: String| {
            storage::save(&this.key, &text);
            this.code.set(AttrValue::from(text));
        })
    }

    /// Keeps the current code as an earlier version if it is the learner's own.
    fn keep_current(&self, unless: &str) -> bool {
        let current = storage::load(&self.key).unwrap_or_else(|| self.code.to_string());
        let keep = current != self.original.as_str() && current != unless && !current.trim().is_empty();
        if keep {
            self.versions.set(Rc::new(storage::push_version(&self.key, &current)));
        }
        keep
    }

    /// Replaces the code (a link was opened), keeping the learner's; true when the
    /// learner's code was kept as an earlier version.
    pub fn replace(&self, text: &str) -> bool {
        let kept = self.keep_current(text);
        storage::save(&self.key, text);
        self.code.set(AttrValue::from(text.to_string()));
        kept
    }

    /// Back to the original, keeping the learner's code as an earlier version.
    pub fn reset(&self) {
        self.keep_current(&self.original);
        storage::remove(&self.key);
        self.code.set(self.original.clone());
    }

    /// Brings back earlier version `index` (0 = newest); the current code becomes an
    /// earlier version in its place.
    pub fn restore(&self, index: usize) {
        let Some(text) = storage::take_version(&self.key, index) else { return };
        self.keep_current(&text);
        storage::save(&self.key, &text);
        self.versions.set(Rc::new(storage::versions(&self.key)));
        self.code.set(AttrValue::from(text));
    }

    /// Forgets earlier version `index`.
    pub fn forget(&self, index: usize) {
        storage::take_version(&self.key, index);
        self.versions.set(Rc::new(storage::versions(&self.key)));
    }
}

/// The code stored under `key`, or `original` when there is none.
#[hook]
pub fn use_saved_code(key: AttrValue, original: AttrValue) -> SavedCode {
    let code = {
        let (key, original) = (key.clone(), original.clone());
        use_state(move || storage::load(&key).map(AttrValue::from).unwrap_or(original))
    };
    let versions = {
        let key = key.clone();
        use_state(move || Rc::new(storage::versions(&key)))
    };
    SavedCode { key, original, code, versions }
}
