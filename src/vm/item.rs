//! Subscripts: `o[k]`, `o[k] = v`, `del o[k]` for builtin containers and `__getitem__`
//! classes.

use super::ops::*;
use super::types::*;
use super::value::*;
use super::interp::*;
use super::attr::bind;

impl Vm {
    pub fn getitem(&mut self, o: &Value, k: &Value) -> PyResult<Value> {
        // An int subclass indexes a sequence as its int (`names[Kind(1)]`).
        if let (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_), Some(b @ (Value::Int(_) | Value::Big(_)))) = (o, k.base_value()) {
            return self.getitem(o, &b.clone());
        }
        match o {
            Value::Dict(d) => {
                let h = self.hash(k)?;
                let k = &self.canon_key(d, h, k.clone())?;
                let r = lock(d).get(h, k).cloned();
                match r {
                    Some(v) => Ok(v),
                    None => Err(ExcType::KeyError.with(vec![k.clone()])),
                }
            }
            Value::Inst(_) => match self.call_dunder(o, "__getitem__", vec![k.clone()])? {
                Some(v) => Ok(v),
                None if o.base_value().is_some() => self.getitem_base(o, k),
                None => Err(type_error(format!("'{}' object is not subscriptable", type_name(o)))),
            },
            Value::Class(c) => {
                // Generic aliases like list[int]: return the class itself.
                if let Some(m) = super::attr::meta_method(o, "__getitem__") {
                    return self.call(&m, vec![k.clone()]);
                }
                if let Some(f) = c.lookup("__class_getitem__") {
                    let m = bind(f, o, c);
                    return self.call(&m, vec![k.clone()]);
                }
                Ok(o.clone())
            }
            _ => super::builtins::getitem_builtin(self, o, k),
        }
    }

    pub fn setitem(&mut self, o: &Value, k: Value, v: Value) -> PyResult<()> {
        match o {
            Value::Dict(d) => {
                let h = self.hash(&k)?;
                let k = self.canon_key(d, h, k)?;
                lock(d).insert(h, k, v);
                Ok(())
            }
            Value::List(l) => match &k {
                Value::Int(_) | Value::Bool(_) => {
                    let i = match k {
                        Value::Int(i) => i,
                        Value::Bool(b) => b as i64,
                        _ => 0,
                    };
                    let mut g = lock(l);
                    match norm_index(i, g.len()) {
                        Some(ix) => {
                            g[ix] = v;
                            Ok(())
                        }
                        None => Err(ExcType::IndexError.msg("list assignment index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let items = self.to_vec(&v)?;
                    let mut g = lock(l);
                    let (start, stop, step, n) = slice_indices(s, g.len())?;
                    if step == 1 {
                        let stop = stop.max(start);
                        g.splice(start as usize..stop as usize, items);
                        Ok(())
                    } else {
                        if items.len() != n {
                            return Err(value_error(format!("attempt to assign sequence of size {} to extended slice of size {}", items.len(), n)));
                        }
                        let mut i = start;
                        for x in items {
                            g[i as usize] = x;
                            i += step;
                        }
                        Ok(())
                    }
                }
                _ => Err(type_error(format!("list indices must be integers or slices, not {}", type_name(&k)))),
            },
            Value::Inst(i) if i.base.is_some() && i.class().lookup("__setitem__").is_none() => self.setitem(&i.base.clone().unwrap(), k, v),
            Value::Inst(_) => match self.call_dunder(o, "__setitem__", vec![k, v])? {
                Some(_) => Ok(()),
                None => Err(type_error(format!("'{}' object does not support item assignment", type_name(o)))),
            },
            Value::Native(n) => match n.class.native.and_then(|t| t.setitem) {
                Some(set) => set(self, o, k, v),
                None => Err(type_error(format!("'{}' object does not support item assignment", type_name(o)))),
            },
            _ => Err(type_error(format!("'{}' object does not support item assignment", type_name(o)))),
        }
    }

    pub fn delitem(&mut self, o: &Value, k: &Value) -> PyResult<()> {
        match o {
            Value::Dict(d) => {
                let h = self.hash(k)?;
                let k = &self.canon_key(d, h, k.clone())?;
                let r = lock(d).remove(h, k);
                match r {
                    Some(_) => Ok(()),
                    None => Err(ExcType::KeyError.with(vec![k.clone()])),
                }
            }
            Value::List(l) => match k {
                Value::Int(i) => {
                    let mut g = lock(l);
                    match norm_index(*i, g.len()) {
                        Some(ix) => {
                            g.remove(ix);
                            Ok(())
                        }
                        None => Err(ExcType::IndexError.msg("list assignment index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let mut g = lock(l);
                    let (start, _stop, step, n) = slice_indices(s, g.len())?;
                    let mut idx: Vec<usize> = (0..n).map(|j| (start + j as i64 * step) as usize).collect();
                    idx.sort_unstable();
                    for i in idx.into_iter().rev() {
                        g.remove(i);
                    }
                    Ok(())
                }
                _ => Err(type_error(format!("list indices must be integers or slices, not {}", type_name(k)))),
            },
            Value::Inst(_) => match self.call_dunder(o, "__delitem__", vec![k.clone()])? {
                Some(_) => Ok(()),
                None if o.base_value().is_some() => self.delitem(&o.base_value().unwrap().clone(), k),
                None => Err(type_error(format!("'{}' object does not support item deletion", type_name(o)))),
            },
            _ => Err(type_error(format!("'{}' object does not support item deletion", type_name(o)))),
        }
    }

    // ---------------- iteration ----------------

    /// `o[k]` for an instance of a builtin subclass without its own __getitem__: the
    /// builtin's, which for a dict subclass asks `__missing__` for absent keys.
    fn getitem_base(&mut self, o: &Value, k: &Value) -> PyResult<Value> {
        let base = o.base_value().cloned().unwrap_or(Value::None);
        if let (Value::Dict(_), Value::Inst(i)) = (&base, o) {
            let cls = i.class();
            if let Some(f) = cls.lookup("__missing__") {
                return match self.getitem(&base, k) {
                    Err(e) if exc_matches(&e, ExcType::KeyError) => {
                        let m = bind(f, o, &cls);
                        self.call(&m, vec![k.clone()])
                    }
                    r => r,
                };
            }
        }
        self.getitem(&base, k)
    }
}
