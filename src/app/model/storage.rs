//! The learner's edits and progress, kept in localStorage (keys `threadlab:...`) so a
//! reload loses nothing. Code that something else replaces (a link, an import, Reset)
//! is first kept as an earlier version of its key, so nothing the learner typed is
//! lost; progress and code travel between browsers as one JSON file.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;

const PREFIX: &str = "threadlab:";
/// Earlier versions kept per editor; the oldest go first.
const MAX_VERSIONS: usize = 20;
/// What an exported file says it is.
pub const FORMAT: &str = "threadlab-progress";

/// The stored text under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    local()?.get_item(&format!("{PREFIX}{key}")).ok().flatten()
}

/// Stores `value`; quietly does nothing where storage is unavailable or full.
pub fn save(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(&format!("{PREFIX}{key}"), value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(&format!("{PREFIX}{key}"));
    }
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Every stored key (without the prefix) and its value.
pub fn items() -> Vec<(String, String)> {
    let Some(s) = local() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n).filter_map(|i| s.key(i).ok().flatten()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let short = k.strip_prefix(PREFIX)?.to_string();
            let v = s.get_item(&k).ok().flatten()?;
            Some((short, v))
        })
        .collect()
}

fn versions_key(key: &str) -> String {
    format!("earlier:{key}")
}

fn parse_list(text: &str) -> Vec<String> {
    JSON::parse(text)
        .ok()
        .filter(|v| Array::is_array(v))
        .map(|v| Array::from(&v).iter().filter_map(|s| s.as_string()).collect())
        .unwrap_or_default()
}

fn save_list(key: &str, list: &[String]) {
    if list.is_empty() {
        remove(&versions_key(key));
        return;
    }
    let arr: Array = list.iter().map(|s| JsValue::from_str(s)).collect();
    if let Ok(text) = JSON::stringify(&arr) {
        save(&versions_key(key), &String::from(text));
    }
}

/// The earlier versions of the code under `key`, newest first.
pub fn versions(key: &str) -> Vec<String> {
    let mut list = load(&versions_key(key)).map(|t| parse_list(&t)).unwrap_or_default();
    list.reverse();
    list
}

/// Keeps `code` as the newest earlier version of `key` (once: an equal version moves
/// to the front). Returns the list, newest first.
pub fn push_version(key: &str, code: &str) -> Vec<String> {
    let mut list = load(&versions_key(key)).map(|t| parse_list(&t)).unwrap_or_default();
    list.retain(|c| c != code);
    list.push(code.to_string());
    if list.len() > MAX_VERSIONS {
        let extra = list.len() - MAX_VERSIONS;
        list.drain(..extra);
    }
    save_list(key, &list);
    list.reverse();
    list
}

/// Takes the earlier version `index` (0 = newest) out of the list of `key`.
pub fn take_version(key: &str, index: usize) -> Option<String> {
    let mut list = load(&versions_key(key)).map(|t| parse_list(&t)).unwrap_or_default();
    let at = list.len().checked_sub(index + 1)?;
    let code = list.remove(at);
    save_list(key, &list);
    Some(code)
}

/// Keys worth carrying to another browser: code, earlier versions, progress, the
/// playground's mode and where the learner left off.
fn exported(key: &str) -> bool {
    ["code:", "earlier:", "done:", "visited:"].iter().any(|p| key.starts_with(p))
        || matches!(key, "playground" | "playground-mode" | "last")
}

/// The whole of the learner's state as a JSON document.
pub fn export_json() -> String {
    let items = Object::new();
    let mut all = items_sorted();
    all.retain(|(k, _)| exported(k));
    for (k, v) in &all {
        let _ = Reflect::set(&items, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    let doc = Object::new();
    let _ = Reflect::set(&doc, &"format".into(), &FORMAT.into());
    let _ = Reflect::set(&doc, &"version".into(), &JsValue::from_f64(1.0));
    let _ = Reflect::set(&doc, &"exported".into(), &js_sys::Date::new_0().to_iso_string());
    let _ = Reflect::set(&doc, &"items".into(), &items);
    JSON::stringify_with_replacer_and_space(&doc, &JsValue::NULL, &JsValue::from_f64(1.0))
        .map(String::from)
        .unwrap_or_default()
}

fn items_sorted() -> Vec<(String, String)> {
    let mut all = items();
    all.sort();
    all
}

/// What an import did.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub items: usize,
    /// Code in this browser that the file's code replaced, kept as earlier versions.
    pub kept: usize,
}

/// The items of an exported file, checked: `Err` names what is wrong with it.
pub fn parse_export(text: &str) -> Result<Vec<(String, String)>, String> {
    let doc = JSON::parse(text).map_err(|_| "the file is not JSON".to_string())?;
    let format = Reflect::get(&doc, &"format".into()).ok().and_then(|f| f.as_string());
    if format.as_deref() != Some(FORMAT) {
        return Err("the file is not a Threadlab progress export".into());
    }
    let items = Reflect::get(&doc, &"items".into()).map_err(|_| "the file has no items".to_string())?;
    if !items.is_object() {
        return Err("the file has no items".into());
    }
    let mut out = Vec::new();
    for entry in Object::entries(&Object::from(items)).iter() {
        let pair = Array::from(&entry);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            if exported(&k) {
                out.push((k, v));
            }
        }
    }
    Ok(out)
}

/// Merges an export into this browser: its progress is added, its code replaces the
/// code here, and code here that differs is kept as an earlier version first.
pub fn import(items: &[(String, String)]) -> Imported {
    let mut kept = 0;
    for (k, v) in items {
        if let Some(key) = k.strip_prefix("earlier:") {
            for code in parse_list(v) {
                push_version(key, &code);
            }
            continue;
        }
        if k.starts_with("code:") || k == "playground" {
            if let Some(old) = load(k) {
                if old != *v {
                    push_version(k, &old);
                    kept += 1;
                }
            }
        }
        save(k, v);
    }
    Imported { items: items.len(), kept }
}

/// Forgets progress (passed exercises, visited lessons, where the learner left off);
/// code and its earlier versions stay.
pub fn reset_progress() {
    for (k, _) in items() {
        if k.starts_with("done:") || k.starts_with("visited:") || k == "last" {
            remove(&k);
        }
    }
}
