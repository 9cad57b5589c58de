//! Equality, ordering and truth of builtin values without Python code.

use crate::vm::code::CmpOp;
use crate::vm::value::*;
use num_traits::Zero;
use std::cmp::Ordering;
use std::sync::Arc;
use super::*;

/// Equality for builtin values; instances compare by identity here.
pub fn eq_native(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => x == y,
        // Builtin subclass instances without their own __eq__ compare as their value
        // (a dict finds `MyStr("a")` under "a").
        (Inst(i), _) if i.base.is_some() && i.class().lookup("__eq__").is_none() => eq_native(i.base.as_ref().unwrap(), b),
        (_, Inst(i)) if i.base.is_some() && i.class().lookup("__eq__").is_none() => eq_native(a, i.base.as_ref().unwrap()),
        (Str(x), Str(y)) => Arc::ptr_eq(x, y) || x.s == y.s,
        (None, None) => true,
        (Bool(x), Bool(y)) => x == y,
        (Float(x), Float(y)) => x == y,
        (Int(_) | Bool(_) | Big(_), Int(_) | Bool(_) | Big(_)) => to_big(a) == to_big(b),
        (Float(x), Int(_) | Bool(_) | Big(_)) | (Int(_) | Bool(_) | Big(_), Float(x)) => {
            let other = if matches!(a, Float(_)) { b } else { a };
            match other {
                Big(bb) => x.fract() == 0.0 && x.is_finite() && num_bigint::BigInt::from(*x as i128) == **bb,
                _ => to_f64(other) == Some(*x),
            }
        }
        (Bytes(x), Bytes(y)) => x == y,
        (Tuple(x), Tuple(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| eq_native(p, q)),
        (List(x), List(y)) => {
            if Arc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (lock(x).clone(), lock(y).clone());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| eq_native(p, q))
        }
        (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
            let (x, y) = (set_dict(a), set_dict(b));
            x.len() == y.len() && x.iter().all(|e| y.contains(e.hash, &e.key))
        }
        (Dict(x), Dict(y)) => {
            if Arc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (lock(x).clone(), lock(y).clone());
            x.len() == y.len() && x.iter().all(|e| y.get(e.hash, &e.key).map(|v| eq_native(v, &e.value)).unwrap_or(false))
        }
        (Range(x), Range(y)) => {
            let lx = range_len(x.0, x.1, x.2);
            let ly = range_len(y.0, y.1, y.2);
            lx == ly && (lx == 0 || (x.0 == y.0 && (lx == 1 || x.2 == y.2)))
        }
        _ => a.is(b),
    }
}

/// Ordering for builtin values. Err(()) if not orderable natively.
pub fn cmp_native(a: &Value, b: &Value) -> Result<Ordering, ()> {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => Ok(x.cmp(y)),
        (Float(x), Float(y)) => x.partial_cmp(y).ok_or(()),
        (Int(_) | Bool(_) | Big(_), Int(_) | Bool(_) | Big(_)) => Ok(to_big(a).cmp(&to_big(b))),
        (Float(_) | Int(_) | Bool(_) | Big(_), Float(_) | Int(_) | Bool(_) | Big(_)) => to_f64(a).partial_cmp(&to_f64(b)).ok_or(()),
        (Str(x), Str(y)) => Ok(x.s.cmp(&y.s)),
        (Bytes(x), Bytes(y)) => Ok(x.cmp(y)),
        _ => Err(()),
    }
}

pub fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        _ => "?",
    }
}

pub fn truthy_native(v: &Value) -> Option<bool> {
    use Value::*;
    Some(match v {
        None => false,
        Bool(b) => *b,
        Int(i) => *i != 0,
        Float(f) => *f != 0.0,
        Big(b) => !b.is_zero(),
        Str(s) => !s.s.is_empty(),
        Bytes(b) => !b.is_empty(),
        Tuple(t) => !t.is_empty(),
        List(l) => !lock(l).is_empty(),
        Dict(d) => !lock(d).is_empty(),
        Set(d) => !lock(d).is_empty(),
        FrozenSet(d) => !d.is_empty(),
        Range(r) => range_len(r.0, r.1, r.2) != 0,
        Inst(_) => return Option::None,
        Native(n) => match n.class.native.and_then(|t| t.len) {
            Some(len) => len(v) != 0,
            Option::None => true,
        },
        _ => true,
    })
}
