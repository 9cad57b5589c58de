//! Comparison, equality, membership (`in`) and hashing, with rich-comparison
//! fallbacks.

use super::code::*;
use super::dict::Dict;
use super::ops::*;
use super::types::*;
use super::value::*;
use std::sync::Mutex;
use super::interp::*;
use super::attr::bind;

impl Vm {
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Inst(_), _) | (_, Value::Inst(_)) => {
                let r = self.compare(CmpOp::Eq, a, b)?;
                self.truthy(&r)
            }
            (Value::List(x), Value::List(y)) => {
                let x = lock(x).clone();
                let y = lock(y).clone();
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !p.is(q) && !self.eq(p, q)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !p.is(q) && !self.eq(p, q)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            // Two deques are equal when their items are, in order (as lists are).
            (Value::Native(x), Value::Native(y)) if !std::sync::Arc::ptr_eq(x, y) && std::sync::Arc::ptr_eq(&x.class, &y.class) && &*x.class.name == "deque" => {
                let (x, y) = (Value::list(self.to_vec(a)?), Value::list(self.to_vec(b)?));
                self.eq(&x, &y)
            }
            _ => Ok(eq_native(a, b)),
        }
    }

    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        let (name, rname) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::Ge => ("__ge__", "__le__"),
            CmpOp::Eq => ("__eq__", "__eq__"),
            CmpOp::Ne => ("__ne__", "__ne__"),
            _ => unreachable!(),
        };
        if matches!(a, Value::Inst(_)) || matches!(b, Value::Inst(_)) {
            if let Some(r) = self.reflected(a, b, name, rname)? {
                return Ok(r);
            }
            if op == CmpOp::Ne {
                if let Value::Inst(_) = a {
                    if let Some(r) = self.call_dunder(a, "__eq__", vec![b.clone()])? {
                        if !matches!(r, Value::NotImplemented) {
                            return Ok(Value::Bool(!self.truthy(&r)?));
                        }
                    }
                }
            }
            if a.base_value().is_some() || b.base_value().is_some() {
                let (ua, ub) = (super::subclass::unwrap(a).clone(), super::subclass::unwrap(b).clone());
                return self.compare(op, &ua, &ub);
            }
            return match op {
                CmpOp::Eq => Ok(Value::Bool(a.is(b))),
                CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
                _ => Err(type_error(format!("'{}' not supported between instances of '{}' and '{}'", cmp_symbol(op), type_name(a), type_name(b)))),
            };
        }
        match op {
            CmpOp::Eq => return Ok(Value::Bool(self.eq(a, b)?)),
            CmpOp::Ne => return Ok(Value::Bool(!self.eq(a, b)?)),
            _ => {}
        }
        let ord = match (a, b) {
            (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
                let x = self.to_vec(a)?;
                let y = self.to_vec(b)?;
                let mut res = None;
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.eq(p, q)? {
                        let lt = self.compare(CmpOp::Lt, p, q)?;
                        res = Some(if self.truthy(&lt)? { std::cmp::Ordering::Less } else { std::cmp::Ordering::Greater });
                        if matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge) {
                            // Compare the differing elements with the operator itself.
                            let r = self.compare(op, p, q)?;
                            return Ok(r);
                        }
                        break;
                    }
                }
                Ok(res.unwrap_or_else(|| x.len().cmp(&y.len())))
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let (x, y) = (set_dict(a), set_dict(b));
                let sub = x.iter().all(|e| y.contains(e.hash, &e.key));
                let sup = y.iter().all(|e| x.contains(e.hash, &e.key));
                let r = match op {
                    CmpOp::Le => sub,
                    CmpOp::Lt => sub && x.len() < y.len(),
                    CmpOp::Ge => sup,
                    CmpOp::Gt => sup && x.len() > y.len(),
                    _ => false,
                };
                return Ok(Value::Bool(r));
            }
            _ => cmp_native(a, b),
        };
        match ord {
            Ok(o) => Ok(Value::Bool(match op {
                CmpOp::Lt => o.is_lt(),
                CmpOp::Le => o.is_le(),
                CmpOp::Gt => o.is_gt(),
                CmpOp::Ge => o.is_ge(),
                _ => false,
            })),
            Err(()) => {
                if let (Value::Float(_), _) | (_, Value::Float(_)) = (a, b) {
                    if to_f64(a).is_some() && to_f64(b).is_some() {
                        return Ok(Value::Bool(false)); // NaN
                    }
                }
                Err(type_error(format!("'{}' not supported between instances of '{}' and '{}'", cmp_symbol(op), type_name(a), type_name(b))))
            }
        }
    }

    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Ok(o) = cmp_native(a, b) {
            return Ok(o.is_lt());
        }
        let r = self.compare(CmpOp::Lt, a, b)?;
        self.truthy(&r)
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(i) => Ok(s.s.contains(&*i.s)),
                _ => Err(type_error(format!("'in <string>' requires string as left operand, not {}", type_name(item)))),
            },
            Value::Bytes(b) => match item {
                Value::Bytes(i) => Ok(i.is_empty() || b.windows(i.len()).any(|w| w == &i[..])),
                Value::Int(i) => Ok(b.contains(&(*i as u8))),
                _ => Err(type_error("a bytes-like object is required")),
            },
            Value::Dict(d) | Value::Set(d) => {
                let h = self.hash(item)?;
                let item = self.canon_key(d, h, item.clone())?;
                Ok(lock(d).contains(h, &item))
            }
            Value::FrozenSet(d) => {
                let h = self.hash(item)?;
                Ok(d.contains(h, item))
            }
            Value::Range(r) => match item {
                Value::Int(i) => {
                    let (start, stop, step) = **r;
                    let inr = if step > 0 { *i >= start && *i < stop } else { *i <= start && *i > stop };
                    Ok(inr && (i - start) % step == 0)
                }
                _ => {
                    for x in self.to_vec(container)? {
                        if self.eq(&x, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            Value::List(_) | Value::Tuple(_) => {
                let items = match container {
                    Value::List(l) => lock(l).clone(),
                    Value::Tuple(t) => (**t).clone(),
                    _ => unreachable!(),
                };
                for x in items.iter() {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Class(_) if super::attr::meta_method(container, "__contains__").is_some() => {
                let m = super::attr::meta_method(container, "__contains__").unwrap();
                let r = self.call(&m, vec![item.clone()])?;
                self.truthy(&r)
            }
            Value::Inst(_) => {
                if let Some(r) = self.call_dunder(container, "__contains__", vec![item.clone()])? {
                    return self.truthy(&r);
                }
                if let Some(b) = container.base_value() {
                    if let Value::Inst(i) = container {
                        if i.class().lookup("__iter__").is_none() {
                            return self.contains(&b.clone(), item);
                        }
                    }
                }
                let it = self.get_iter(container)?;
                while let Some(x) = self.next(&it)? {
                    if self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                let it = self.get_iter(container).map_err(|_| type_error(format!("argument of type '{}' is not iterable", type_name(container))))?;
                while let Some(x) = self.next(&it)? {
                    if self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// For instance keys with a user __eq__: the existing equal key in `d`, so that the
    /// table (which compares by identity for instances) finds it.
    pub fn canon_key(&mut self, d: &Mutex<Dict>, h: i64, k: Value) -> PyResult<Value> {
        if !needs_py_eq(&k) {
            return Ok(k);
        }
        let cands: Vec<Value> = lock(d).iter().filter(|e| e.hash == h).map(|e| e.key.clone()).collect();
        for c in cands {
            if c.is(&k) || self.eq(&c, &k)? {
                return Ok(c);
            }
        }
        Ok(k)
    }

    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match hash_native(v) {
            Ok(Some(h)) => Ok(h),
            Ok(None) => {
                let Value::Inst(inst) = v else { return Ok(v.id()) };
                let cls = inst.class();
                match cls.lookup("__hash__") {
                    Some(Value::None) => Err(type_error(format!("unhashable type: '{}'", cls.name))),
                    Some(f @ Value::Func(_)) => {
                        let m = bind(f, v, &cls);
                        let r = self.call(&m, vec![])?;
                        match r {
                            Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                            Value::Big(b) => Ok(hash_big(&b)),
                            Value::Bool(b) => Ok(b as i64),
                            _ => Err(type_error("__hash__ method should return an integer")),
                        }
                    }
                    _ => {
                        if cls.lookup("__eq__").is_some() {
                            return Err(type_error(format!("unhashable type: '{}'", cls.name)));
                        }
                        if let Some(b) = &inst.base {
                            return self.hash(&b.clone()).map_err(|_| type_error(format!("unhashable type: '{}'", cls.name)));
                        }
                        Ok(v.id() >> 4)
                    }
                }
            }
            Err(tn) => Err(type_error(format!("unhashable type: '{}'", tn))),
        }
    }

    // ---------------- items ----------------
}

pub fn needs_py_eq(k: &Value) -> bool {
    match k {
        Value::Inst(i) => i.class().lookup("__eq__").is_some(),
        Value::Tuple(t) => t.iter().any(needs_py_eq),
        _ => false,
    }
}
