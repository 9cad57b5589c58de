//! _sre: the matching engine under `re` (src/stdlib/py/re.py), on the `regex-lite`
//! crate. re.py translates Python's pattern syntax and refuses what the crate cannot do
//! (look-around, backreferences) with NotImplementedError; here a compiled pattern is
//! an opaque handle and a match is the list of group spans in character offsets.

use super::*;
use std::sync::Mutex;

struct Compiled {
    re: regex_lite::Regex,
    /// The same pattern followed by `\z`, for fullmatch.
    full: regex_lite::Regex,
}

fn pattern_class() -> Arc<Class> {
    static C: OnceLock<Arc<Class>> = OnceLock::new();
    static T: NativeType = attrs_only(|_, _| None);
    C.get_or_init(|| native_class("compiled", "_sre", &T)).clone()
}

/// `_sre.compile(translated_pattern)` -> handle; ValueError(message) if the crate rejects it.
fn s_compile(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let p = a.first().and_then(|v| v.as_str()).ok_or_else(|| type_error("_sre.compile() needs a str"))?;
    let re = regex_lite::Regex::new(p).map_err(|e| value_error(e.to_string()))?;
    let full = regex_lite::Regex::new(&format!("(?:{p})\\z")).map_err(|e| value_error(e.to_string()))?;
    Ok(Value::Native(Arc::new(Native { class: pattern_class(), data: Mutex::new(NativeData::opaque(Compiled { re, full })) })))
}

fn with_compiled<R>(v: &Value, f: impl FnOnce(&Compiled) -> R) -> PyResult<R> {
    let Value::Native(n) = v else { return Err(type_error("not a compiled pattern")) };
    let g = lock(&n.data);
    let c = g.downcast_ref::<Compiled>().ok_or_else(|| type_error("not a compiled pattern"))?;
    Ok(f(c))
}

/// Byte offset of character index `ci` in `s` (clamped to the end).
fn byte_of(s: &str, ci: usize, ascii: bool) -> usize {
    if ascii {
        return ci.min(s.len());
    }
    s.char_indices().nth(ci).map(|(b, _)| b).unwrap_or(s.len())
}

/// `_sre.search(handle, string, pos, endpos, mode)`: mode 0 search, 1 match (must start at
/// pos), 2 fullmatch (must also end at endpos). None, or a list with (start, end) per
/// group (None for a group that did not take part), in character offsets.
fn s_search(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let Some(Value::Str(s)) = a.get(1) else { return Err(type_error("expected string or bytes-like object")) };
    let int = |i: usize| match a.get(i) {
        Some(Value::Int(n)) => *n,
        _ => 0,
    };
    let (pos, endpos, mode) = (int(2).max(0) as usize, int(3).max(0) as usize, int(4));
    let text = &s.s;
    let start_b = byte_of(text, pos, s.ascii);
    let end_b = byte_of(text, endpos, s.ascii).max(start_b);
    let hay = &text[..end_b];
    let caps = with_compiled(&a[0], |c| {
        let re = if mode == 2 { &c.full } else { &c.re };
        re.captures_at(hay, start_b).map(|cap| (0..cap.len()).map(|i| cap.get(i).map(|m| (m.start(), m.end()))).collect::<Vec<_>>())
    })?;
    let Some(caps) = caps else { return Ok(Value::None) };
    if mode != 0 && caps[0].map(|(st, _)| st != start_b).unwrap_or(true) {
        return Ok(Value::None);
    }
    // Byte offsets -> character offsets.
    let to_char = |b: usize| if s.ascii { b } else { text[..b].chars().count() };
    let spans = caps
        .into_iter()
        .map(|g| match g {
            Some((st, en)) => Value::tuple(vec![Value::Int(to_char(st) as i64), Value::Int(to_char(en) as i64)]),
            None => Value::None,
        })
        .collect();
    Ok(Value::list(spans))
}

/// `_sre.names(handle)`: the group names by index (None for unnamed groups).
fn s_names(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let names = with_compiled(crate::vm::builtins::arg(&a, 0)?, |c| c.re.capture_names().map(|n| n.map(Value::str).unwrap_or(Value::None)).collect::<Vec<_>>())?;
    Ok(Value::list(names))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "compile", s_compile);
    def(ns, "search", s_search);
    def(ns, "names", s_names);
    Ok(())
}
