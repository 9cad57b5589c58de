//! Arithmetic: binary and unary operators, with the reflected `__radd__`-style
//! fallbacks and CPython's "unsupported operand" errors; truth testing.

use super::code::*;
use super::ops::*;
use super::types::*;
use super::value::*;
use super::interp::*;

impl Vm {
    /// `a.name(b)`, then the reflected `b.rname(a)`, for instances; None when neither
    /// exists or both return NotImplemented.
    pub(crate) fn reflected(&mut self, a: &Value, b: &Value, name: &str, rname: &str) -> PyResult<Option<Value>> {
        for (x, y, n) in [(a, b, name), (b, a, rname)] {
            if let Value::Inst(_) = x {
                if let Some(r) = self.call_dunder(x, n, vec![y.clone()])? {
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(Some(r));
                    }
                }
            }
        }
        Ok(None)
    }

    pub fn binary(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> PyResult<Value> {
        if inplace {
            if let (Value::List(l), BinOp::Add) = (a, op) {
                let items = self.to_vec(b)?;
                let mut g = lock(l);
                if g.len() + items.len() > MAX_SEQ {
                    return Err(memory_error());
                }
                g.extend(items);
                return Ok(a.clone());
            }
            if let Value::Inst(_) = a {
                let (_, _, iname) = binop_dunder(op);
                if let Some(r) = self.call_dunder(a, iname, vec![b.clone()])? {
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            if let (Value::Set(s), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) = (a, op) {
                if matches!(b, Value::Set(_) | Value::FrozenSet(_)) {
                    let r = binary_native(op, a, b).unwrap()?;
                    *lock(s) = set_dict(&r);
                    return Ok(a.clone());
                }
            }
            if let (Value::Dict(d), BinOp::Or, Value::Dict(o)) = (a, op, b) {
                let items = lock(o).clone();
                let mut g = lock(d);
                for e in items.iter() {
                    g.insert(e.hash, e.key.clone(), e.value.clone());
                }
                return Ok(a.clone());
            }
        }
        if let (Value::Str(s), BinOp::Mod) = (a, op) {
            let s = s.clone();
            return super::format::percent_format(&s.s, b, &mut |v, r| if r { self.repr(v) } else { self.str(v) });
        }
        if let Some(r) = binary_native(op, a, b) {
            return r;
        }
        let (name, rname, _) = binop_dunder(op);
        if let Some(r) = self.reflected(a, b, name, rname)? {
            return Ok(r);
        }
        if a.base_value().is_some() || b.base_value().is_some() {
            if let Some(r) = self.binary_on_bases(op, a, b, inplace) {
                return r;
            }
        }
        if let (Value::Str(_), BinOp::Add) = (a, op) {
            return Err(type_error(format!("can only concatenate str (not \"{}\") to str", type_name(b))));
        }
        if let (Value::List(_), BinOp::Add) = (a, op) {
            return Err(type_error(format!("can only concatenate list (not \"{}\") to list", type_name(b))));
        }
        if let (Value::Tuple(_), BinOp::Add) = (a, op) {
            return Err(type_error(format!("can only concatenate tuple (not \"{}\") to tuple", type_name(b))));
        }
        if matches!(op, BinOp::Mul) && (matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) || matches!(b, Value::Str(_) | Value::List(_) | Value::Tuple(_))) {
            let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) { b } else { a };
            return Err(type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(other))));
        }
        let sym = binop_symbol(op);
        let sym = if inplace && op != BinOp::Pow { format!("{sym}=") } else { sym.to_string() };
        Err(type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", sym, type_name(a), type_name(b))))
    }

    /// The builtin operator on the builtin values inside subclass instances (`MyInt(2) + 3`
    /// is a plain int, `safe_list += [x]` extends the instance itself); None when the
    /// builtins do not support it either.
    fn binary_on_bases(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> Option<PyResult<Value>> {
        let (ua, ub) = (super::subclass::unwrap(a).clone(), super::subclass::unwrap(b).clone());
        if inplace && matches!(a.base_value(), Some(Value::List(_) | Value::Set(_) | Value::Dict(_))) {
            let r = self.binary(op, &ua, &ub, true);
            return Some(match r {
                Ok(r) if r.is(&ua) => Ok(a.clone()),
                r => r,
            });
        }
        if let (Value::Str(s), BinOp::Mod) = (&ua, op) {
            let s = s.clone();
            return Some(super::format::percent_format(&s.s, b, &mut |v, r| if r { self.repr(v) } else { self.str(v) }));
        }
        binary_native(op, &ua, &ub)
    }

    pub fn unary(&mut self, op: UnOp, a: &Value) -> PyResult<Value> {
        match (op, a) {
            (UnOp::Not, v) => Ok(Value::Bool(!self.truthy(v)?)),
            (UnOp::Neg, Value::Int(i)) => Ok(i.checked_neg().map(Value::Int).unwrap_or_else(|| Value::big(-num_bigint::BigInt::from(*i)))),
            (UnOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
            (UnOp::Neg, Value::Big(b)) => Ok(Value::big(-(**b).clone())),
            (UnOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnOp::Pos, Value::Int(_) | Value::Big(_) | Value::Float(_)) => Ok(a.clone()),
            (UnOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
            (UnOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
            (UnOp::Invert, Value::Big(b)) => Ok(Value::big(-(**b).clone() - 1)),
            (_, Value::Inst(_)) => {
                let n = match op {
                    UnOp::Neg => "__neg__",
                    UnOp::Pos => "__pos__",
                    UnOp::Invert => "__invert__",
                    UnOp::Not => unreachable!(),
                };
                match self.call_dunder(a, n, vec![])? {
                    Some(v) => Ok(v),
                    None if a.base_value().is_some() => self.unary(op, &a.base_value().unwrap().clone()),
                    None => Err(type_error(format!("bad operand type for unary {}: '{}'", unary_sym(op), type_name(a)))),
                }
            }
            _ => Err(type_error(format!("bad operand type for unary {}: '{}'", unary_sym(op), type_name(a)))),
        }
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        if let Some(b) = truthy_native(v) {
            return Ok(b);
        }
        if let Some(r) = self.call_dunder(v, "__bool__", vec![])? {
            return match r {
                Value::Bool(b) => Ok(b),
                _ => Err(type_error(format!("__bool__ should return bool, returned {}", type_name(&r)))),
            };
        }
        if let Some(r) = self.call_dunder(v, "__len__", vec![])? {
            return Ok(truthy_native(&r).unwrap_or(true));
        }
        if let Some(b) = v.base_value() {
            return self.truthy(&b.clone());
        }
        Ok(true)
    }
}

pub(crate) fn unary_sym(op: UnOp) -> &'static str {
    match op {
        UnOp::Neg => "-",
        UnOp::Pos => "+",
        UnOp::Invert => "~",
        UnOp::Not => "not",
    }
}
