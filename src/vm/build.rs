//! Building the values the compiler asks for: sets, dicts and f-strings from stack
//! items, comprehension appends, `*`/`**` unpacking into displays, and unpacking
//! assignments (`a, b = ...`, `a, *b = ...`). Each function is one opcode's body,
//! called from the eval loop; it pops its operands from the frame's stack and pushes
//! its result.

use super::dict::Dict;
use super::frame::*;
use super::interp::*;
use super::repr::ascii_of;
use super::ops::*;
use super::types::*;
use super::value::*;
use std::sync::{Arc, Mutex};

impl Vm {
    /// BUILD_SET: pop n items, push a set of them.
    #[inline(never)]
    pub(crate) fn build_set(&mut self, f: &mut Frame, n: u32) -> PyResult<()> {
        let k = f.stack.len() - n as usize;
        let v: Vec<Value> = f.stack.drain(k..).collect();
        let d = Arc::new(Mutex::new(Dict::new()));
        for x in v {
            let h = self.hash(&x)?;
            let x = self.canon_key(&d, h, x)?;
            lock(&d).insert(h, x, Value::None);
        }
        f.stack.push(Value::Set(d));
        Ok(())
    }

    /// BUILD_MAP: pop n key/value pairs, push a dict.
    #[inline(never)]
    pub(crate) fn build_map(&mut self, f: &mut Frame, n: u32) -> PyResult<()> {
        let k = f.stack.len() - 2 * n as usize;
        let v: Vec<Value> = f.stack.drain(k..).collect();
        let d = Arc::new(Mutex::new(Dict::new()));
        for pair in v.chunks(2) {
            let h = self.hash(&pair[0])?;
            let k = self.canon_key(&d, h, pair[0].clone())?;
            lock(&d).insert(h, k, pair[1].clone());
        }
        f.stack.push(Value::Dict(d));
        Ok(())
    }

    /// BUILD_STRING: pop n strings (an f-string's parts), push their concatenation.
    #[inline(never)]
    pub(crate) fn build_string(&mut self, f: &mut Frame, n: u32) -> PyResult<()> {
        let k = f.stack.len() - n as usize;
        let mut s = String::new();
        for v in f.stack.drain(k..) {
            if let Value::Str(x) = v {
                s.push_str(&x.s);
            }
        }
        f.stack.push(Value::string(s));
        Ok(())
    }

    /// SET_ADD (set comprehensions): pop an item, add it to the set d deep.
    #[inline(never)]
    pub(crate) fn set_add(&mut self, f: &mut Frame, d: u32) -> PyResult<()> {
        let v = f.stack.pop().unwrap();
        let h = self.hash(&v)?;
        let n = f.stack.len();
        if let Value::Set(s) = f.stack[n - d as usize].clone() {
            let v = self.canon_key(&s, h, v)?;
            lock(&s).insert(h, v, Value::None);
        }
        Ok(())
    }

    /// MAP_ADD (dict comprehensions): pop key and value, store them in the dict d deep.
    #[inline(never)]
    pub(crate) fn map_add(&mut self, f: &mut Frame, d: u32) -> PyResult<()> {
        let v = f.stack.pop().unwrap();
        let k = f.stack.pop().unwrap();
        let h = self.hash(&k)?;
        let n = f.stack.len();
        if let Value::Dict(m) = f.stack[n - d as usize].clone() {
            let k = self.canon_key(&m, h, k)?;
            lock(&m).insert(h, k, v);
        }
        Ok(())
    }

    /// LIST_EXTEND (`[*a, *b]`): pop an iterable, extend the list below it.
    #[inline(never)]
    pub(crate) fn list_extend(&mut self, f: &mut Frame) -> PyResult<()> {
        let it = f.stack.pop().unwrap();
        let items = self.to_vec(&it)?;
        if let Some(Value::List(l)) = f.stack.last() {
            lock(l).extend(items);
        }
        Ok(())
    }

    /// SET_UPDATE (`{*a}`): pop an iterable, add its items to the set below it.
    #[inline(never)]
    pub(crate) fn set_update(&mut self, f: &mut Frame) -> PyResult<()> {
        let it = f.stack.pop().unwrap();
        let items = self.to_vec(&it)?;
        let mut hs = vec![];
        for x in &items {
            hs.push(self.hash(x)?);
        }
        if let Some(Value::Set(s)) = f.stack.last() {
            let mut g = lock(s);
            for (x, h) in items.into_iter().zip(hs) {
                g.insert(h, x, Value::None);
            }
        }
        Ok(())
    }

    /// DICT_UPDATE (`{**a}`): pop a mapping, copy it into the dict below it.
    #[inline(never)]
    pub(crate) fn dict_update(&mut self, f: &mut Frame) -> PyResult<()> {
        let other = f.stack.pop().unwrap();
        let items = match super::subclass::unwrap(&other) {
            Value::Dict(d) => lock(d).items(),
            _ => {
                let tn = type_name(&other);
                return Err(type_error(format!("'{tn}' object is not a mapping")))
            }
        };
        if let Some(Value::Dict(d)) = f.stack.last() {
            let mut g = lock(d);
            for (k, v) in items {
                let h = hash_native(&k).ok().flatten().unwrap_or(k.id());
                g.insert(h, k, v);
            }
        }
        Ok(())
    }

    /// FORMAT_VALUE: pop a value (and a spec), push the f-string field as str.
    #[inline(never)]
    pub(crate) fn format_value(&mut self, f: &mut Frame, conv: u8, has_spec: bool) -> PyResult<()> {
        let spec = if has_spec { f.stack.pop() } else { None };
        let v = f.stack.pop().unwrap();
        let v = match conv {
            1 => Value::string(self.str(&v)?),
            2 => Value::string(self.repr(&v)?),
            3 => Value::string(ascii_of(&self.repr(&v)?)),
            _ => v,
        };
        let spec_s = spec.as_ref().and_then(|s| s.as_str().map(|x| x.to_string())).unwrap_or_default();
        let s = self.format(&v, &spec_s)?;
        f.stack.push(Value::string(s));
        Ok(())
    }

    /// UNPACK_SEQUENCE: pop an iterable of exactly n items, push them last first.
    #[inline(never)]
    pub(crate) fn unpack_seq(&mut self, f: &mut Frame, n: u32) -> PyResult<()> {
        let v = f.stack.pop().unwrap();
        // A tuple or list of the right length: straight onto the stack (moved out of a
        // tuple nobody else holds), no intermediate vector.
        match v {
            Value::Tuple(t) if t.len() == n as usize => {
                match Arc::try_unwrap(t) {
                    Ok(items) => f.stack.extend(items.into_iter().rev()),
                    Err(t) => f.stack.extend(t.iter().rev().cloned()),
                }
                return Ok(());
            }
            Value::List(ref l) => {
                let g = lock(l);
                if g.len() == n as usize {
                    f.stack.extend(g.iter().rev().cloned());
                    return Ok(());
                }
            }
            _ => {}
        }
        let items = match &v {
            Value::Tuple(t) => (**t).clone(),
            Value::List(l) => lock(l).clone(),
            _ => self.to_vec(&v)?,
        };
        if items.len() != n as usize {
            if items.len() > n as usize {
                return Err(value_error(format!("too many values to unpack (expected {n})")))
            } else {
                return Err(value_error(format!("not enough values to unpack (expected {n}, got {})", items.len())))
            }
        }
        f.stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// UNPACK_EX (`a, *b, c = ...`): pop an iterable, push the tail, the starred list, then the head.
    #[inline(never)]
    pub(crate) fn unpack_ex(&mut self, f: &mut Frame, before: u32, after: u32) -> PyResult<()> {
        let v = f.stack.pop().unwrap();
        let mut items = self.to_vec(&v)?;
        if items.len() < (before + after) as usize {
            return Err(value_error(format!("not enough values to unpack (expected at least {}, got {})", before + after, items.len())))
        }
        let tail = items.split_off(items.len() - after as usize);
        let mid = items.split_off(before as usize);
        for x in tail.into_iter().rev() {
            f.stack.push(x);
        }
        f.stack.push(Value::list(mid));
        for x in items.into_iter().rev() {
            f.stack.push(x);
        }
        Ok(())
    }
}
