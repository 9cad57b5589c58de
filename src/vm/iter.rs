//! Builtin iterators.

use super::value::*;
use std::sync::{Arc, Mutex};

pub enum IterKind {
    Seq { items: Arc<Vec<Value>>, i: usize, name: &'static str },
    List { list: Arc<Mutex<Vec<Value>>>, i: usize },
    Range { cur: i64, stop: i64, step: i64 },
    Str { s: Arc<PyStr>, byte: usize },
    /// Iterators that need the VM to advance (user __next__, map with a function...).
    Enumerate { inner: Value, n: Value },
    Zip { inners: Vec<Value>, strict: bool },
    Map { f: Value, inners: Vec<Value> },
    Filter { f: Value, inner: Value },
    Reversed { items: Vec<Value> },
    Count { cur: Value, step: Value },
    Repeat { v: Value, left: Option<i64> },
    Cycle { saved: Vec<Value>, inner: Option<Value>, i: usize },
    Chain { iters: Vec<Value>, i: usize },
    Islice { inner: Value, next: i64, stop: Option<i64>, step: i64, pos: i64 },
    TakeWhile { f: Value, inner: Value, done: bool },
    DropWhile { f: Value, inner: Value, dropping: bool },
    /// A Python object with __next__ (from iter(obj) with __iter__ returning self etc.)
    CallIter { f: Value, sentinel: Value },
    /// Live iteration over a dict (kind 0 keys, 1 values, 2 items) or set (3).
    DictIter { d: Arc<Mutex<super::dict::Dict>>, pos: usize, len: usize, kind: u8 },
    Done,
}

impl IterKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            IterKind::Seq { name, .. } => name,
            IterKind::List { .. } => "list_iterator",
            IterKind::Range { .. } => "range_iterator",
            IterKind::Str { .. } => "str_ascii_iterator",
            IterKind::Enumerate { .. } => "enumerate",
            IterKind::Zip { .. } => "zip",
            IterKind::Map { .. } => "map",
            IterKind::Filter { .. } => "filter",
            IterKind::Reversed { .. } => "list_reverseiterator",
            IterKind::Count { .. } => "itertools.count",
            IterKind::Repeat { .. } => "itertools.repeat",
            IterKind::Cycle { .. } => "itertools.cycle",
            IterKind::Chain { .. } => "itertools.chain",
            IterKind::Islice { .. } => "itertools.islice",
            IterKind::TakeWhile { .. } => "itertools.takewhile",
            IterKind::DropWhile { .. } => "itertools.dropwhile",
            IterKind::CallIter { .. } => "callable_iterator",
            IterKind::DictIter { kind, .. } => match kind {
                0 => "dict_keyiterator",
                1 => "dict_valueiterator",
                2 => "dict_itemiterator",
                _ => "set_iterator",
            },
            IterKind::Done => "iterator",
        }
    }
}

pub fn new_iter(k: IterKind) -> Value {
    Value::Iter(Arc::new(Mutex::new(k)))
}

/// Advance an iterator that needs no Python code. Ok(Some(None)) = exhausted;
/// Err(()) = needs the VM.
pub fn next_native(it: &Mutex<IterKind>) -> Result<Option<Value>, ()> {
    let mut g = lock(it);
    match &mut *g {
        IterKind::Seq { items, i, .. } => {
            if *i < items.len() {
                *i += 1;
                Ok(Some(items[*i - 1].clone()))
            } else {
                Ok(None)
            }
        }
        IterKind::List { list, i } => {
            let l = lock(list);
            if *i < l.len() {
                let v = l[*i].clone();
                drop(l);
                *i += 1;
                Ok(Some(v))
            } else {
                Ok(None)
            }
        }
        IterKind::Range { cur, stop, step } => {
            if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                let v = *cur;
                *cur = cur.saturating_add(*step);
                Ok(Some(Value::Int(v)))
            } else {
                Ok(None)
            }
        }
        IterKind::Str { s, byte } => match s.s[*byte..].chars().next() {
            Some(c) => {
                *byte += c.len_utf8();
                let mut b = [0u8; 4];
                Ok(Some(Value::str(c.encode_utf8(&mut b))))
            }
            None => Ok(None),
        },
        IterKind::Reversed { items } => Ok(items.pop()),
        IterKind::Repeat { v, left } => match left {
            Some(0) => Ok(None),
            Some(n) => {
                *n -= 1;
                Ok(Some(v.clone()))
            }
            None => Ok(Some(v.clone())),
        },
        IterKind::Done => Ok(None),
        _ => Err(()),
    }
}
