//! Arithmetic on builtin values without Python code: int (with overflow to big ints),
//! float (Python's floor division and modulo signs), str/list/tuple concatenation and
//! repetition, set operators; operator symbols and dunder names for error messages.

use crate::vm::code::BinOp;
use crate::vm::types::*;
use crate::vm::value::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Pow, Signed, ToPrimitive, Zero};
use std::sync::Arc;
use super::*;

pub fn overflow_to_big(a: i64, b: i64, op: BinOp) -> Value {
    let (x, y) = (BigInt::from(a), BigInt::from(b));
    Value::big(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        _ => unreachable!(),
    })
}

fn zde(msg: &str) -> Value {
    ExcType::ZeroDivisionError.msg(msg)
}

fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let fl = div.floor();
        if div - fl > 0.5 {
            fl + 1.0
        } else {
            fl
        }
    } else {
        0.0f64.copysign(a / b)
    }
}

fn float_mod(a: f64, b: f64) -> f64 {
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    m
}

pub fn int_pow(a: &BigInt, b: &BigInt) -> PyResult<Value> {
    let e = b.to_u64().ok_or_else(memory_error)?;
    if a.abs() > BigInt::from(1) && e > 10_000_000 {
        return Err(memory_error());
    }
    Ok(Value::big(Pow::pow(a, e)))
}

/// Arithmetic on numbers, strings, lists, tuples... None: not supported natively.
pub fn binary_native(op: BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    use Value::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => {
            let (x, y) = (*x, *y);
            match op {
                BinOp::Add => Ok(x.checked_add(y).map(Int).unwrap_or_else(|| overflow_to_big(x, y, op))),
                BinOp::Sub => Ok(x.checked_sub(y).map(Int).unwrap_or_else(|| overflow_to_big(x, y, op))),
                BinOp::Mul => Ok(x.checked_mul(y).map(Int).unwrap_or_else(|| overflow_to_big(x, y, op))),
                BinOp::TrueDiv => {
                    if y == 0 {
                        Err(zde("division by zero"))
                    } else {
                        Ok(Float(x as f64 / y as f64))
                    }
                }
                BinOp::FloorDiv => {
                    if y == 0 {
                        Err(zde("integer division or modulo by zero"))
                    } else if x == i64::MIN && y == -1 {
                        Ok(Value::big(-BigInt::from(x)))
                    } else {
                        Ok(Int(Integer::div_floor(&x, &y)))
                    }
                }
                BinOp::Mod => {
                    if y == 0 {
                        Err(zde("integer modulo by zero"))
                    } else if y == -1 {
                        Ok(Int(0))
                    } else {
                        Ok(Int(Integer::mod_floor(&x, &y)))
                    }
                }
                BinOp::Pow => {
                    if y < 0 {
                        if x == 0 {
                            Err(zde("0.0 cannot be raised to a negative power"))
                        } else {
                            Ok(Float((x as f64).powf(y as f64)))
                        }
                    } else if y < 64 {
                        let mut r: i64 = 1;
                        let mut ok = true;
                        for _ in 0..y {
                            match r.checked_mul(x) {
                                Some(v) => r = v,
                                Option::None => {
                                    ok = false;
                                    break;
                                }
                            }
                        }
                        if ok {
                            Ok(Int(r))
                        } else {
                            int_pow(&BigInt::from(x), &BigInt::from(y))
                        }
                    } else {
                        int_pow(&BigInt::from(x), &BigInt::from(y))
                    }
                }
                BinOp::LShift => {
                    if y < 0 {
                        Err(value_error("negative shift count"))
                    } else if y < 63 && (x.abs() < (1i64 << (62 - y))) {
                        Ok(Int(x << y))
                    } else if y > 100_000_000 {
                        Err(memory_error())
                    } else {
                        Ok(Value::big(BigInt::from(x) << (y as usize)))
                    }
                }
                BinOp::RShift => {
                    if y < 0 {
                        Err(value_error("negative shift count"))
                    } else {
                        Ok(Int(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y }))
                    }
                }
                BinOp::And => Ok(Int(x & y)),
                BinOp::Or => Ok(Int(x | y)),
                BinOp::Xor => Ok(Int(x ^ y)),
                BinOp::MatMul => return Option::None,
            }
        }
        (Float(_), Float(_) | Int(_) | Bool(_) | Big(_)) | (Int(_) | Bool(_) | Big(_), Float(_)) => {
            let x = to_f64(a)?;
            let y = to_f64(b)?;
            match op {
                BinOp::Add => Ok(Float(x + y)),
                BinOp::Sub => Ok(Float(x - y)),
                BinOp::Mul => Ok(Float(x * y)),
                BinOp::TrueDiv => {
                    if y == 0.0 {
                        Err(zde("float division by zero"))
                    } else {
                        Ok(Float(x / y))
                    }
                }
                BinOp::FloorDiv => {
                    if y == 0.0 {
                        Err(zde("float floor division by zero"))
                    } else {
                        Ok(Float(float_floordiv(x, y)))
                    }
                }
                BinOp::Mod => {
                    if y == 0.0 {
                        Err(zde("float modulo"))
                    } else {
                        Ok(Float(float_mod(x, y)))
                    }
                }
                BinOp::Pow => {
                    if x == 0.0 && y < 0.0 {
                        Err(zde("0.0 cannot be raised to a negative power"))
                    } else if x < 0.0 && y.fract() != 0.0 {
                        Err(value_error("math domain error"))
                    } else {
                        let r = x.powf(y);
                        if r.is_infinite() && x.is_finite() {
                            Err(ExcType::OverflowError.msg("(34, 'Numerical result out of range')"))
                        } else {
                            Ok(Float(r))
                        }
                    }
                }
                _ => return Option::None,
            }
        }
        (Int(_) | Bool(_) | Big(_), Int(_) | Bool(_) | Big(_)) => {
            if let (Int(_) | Bool(_), Int(_) | Bool(_)) = (a, b) {
                let x = match a { Bool(v) => *v as i64, Int(v) => *v, _ => 0 };
                let y = match b { Bool(v) => *v as i64, Int(v) => *v, _ => 0 };
                if matches!(op, BinOp::And | BinOp::Or | BinOp::Xor) && matches!((a, b), (Bool(_), Bool(_))) {
                    let r = match op { BinOp::And => x & y, BinOp::Or => x | y, _ => x ^ y };
                    return Some(Ok(Bool(r != 0)));
                }
                return binary_native(op, &Int(x), &Int(y));
            }
            let x = to_big(a)?;
            let y = to_big(b)?;
            match op {
                BinOp::Add => Ok(Value::big(x + y)),
                BinOp::Sub => Ok(Value::big(x - y)),
                BinOp::Mul => {
                    if x.bits() + y.bits() > 64 * 1024 * 1024 {
                        Err(memory_error())
                    } else {
                        Ok(Value::big(x * y))
                    }
                }
                BinOp::TrueDiv => {
                    if y.is_zero() {
                        Err(zde("division by zero"))
                    } else {
                        Ok(Float(x.to_f64().unwrap_or(f64::INFINITY) / y.to_f64().unwrap_or(f64::INFINITY)))
                    }
                }
                BinOp::FloorDiv => {
                    if y.is_zero() {
                        Err(zde("integer division or modulo by zero"))
                    } else {
                        Ok(Value::big(x.div_floor(&y)))
                    }
                }
                BinOp::Mod => {
                    if y.is_zero() {
                        Err(zde("integer modulo by zero"))
                    } else {
                        Ok(Value::big(x.mod_floor(&y)))
                    }
                }
                BinOp::Pow => {
                    if y.is_negative() {
                        Ok(Float(x.to_f64().unwrap_or(0.0).powf(y.to_f64().unwrap_or(0.0))))
                    } else {
                        int_pow(&x, &y)
                    }
                }
                BinOp::LShift => match y.to_usize() {
                    Some(s) if s < 100_000_000 => Ok(Value::big(x << s)),
                    _ => Err(if y.is_negative() { value_error("negative shift count") } else { memory_error() }),
                },
                BinOp::RShift => match y.to_usize() {
                    Some(s) => Ok(Value::big(x >> s)),
                    Option::None => Err(value_error("negative shift count")),
                },
                BinOp::And => Ok(Value::big(x & y)),
                BinOp::Or => Ok(Value::big(x | y)),
                BinOp::Xor => Ok(Value::big(x ^ y)),
                BinOp::MatMul => return Option::None,
            }
        }
        (Str(x), Str(y)) => match op {
            BinOp::Add => {
                if x.s.len() + y.s.len() > MAX_SEQ * 4 {
                    return Some(Err(memory_error()));
                }
                let mut s = String::with_capacity(x.s.len() + y.s.len());
                s.push_str(&x.s);
                s.push_str(&y.s);
                Ok(Value::string(s))
            }
            _ => return Option::None,
        },
        (Str(s), Int(_) | Bool(_) | Big(_)) | (Int(_) | Bool(_) | Big(_), Str(s)) if op == BinOp::Mul => {
            let n = repeat_count(if matches!(a, Str(_)) { b } else { a });
            let total = (s.s.len() as u128) * (n as u128);
            if total > (MAX_SEQ * 4) as u128 {
                return Some(Err(memory_error()));
            }
            Ok(Value::string(s.s.repeat(n)))
        }
        (Bytes(x), Bytes(y)) if op == BinOp::Add => {
            let mut v = (**x).clone();
            v.extend_from_slice(y);
            Ok(Bytes(Arc::new(v)))
        }
        (Bytes(s), Int(_)) | (Int(_), Bytes(s)) if op == BinOp::Mul => {
            let n = repeat_count(if matches!(a, Bytes(_)) { b } else { a });
            if (s.len() as u128) * (n as u128) > (MAX_SEQ * 4) as u128 {
                return Some(Err(memory_error()));
            }
            Ok(Bytes(Arc::new(s.repeat(n))))
        }
        (List(x), List(y)) if op == BinOp::Add => {
            let mut v = lock(x).clone();
            v.extend(lock(y).iter().cloned());
            if v.len() > MAX_SEQ {
                return Some(Err(memory_error()));
            }
            Ok(Value::list(v))
        }
        (Tuple(x), Tuple(y)) if op == BinOp::Add => {
            let mut v = (**x).clone();
            v.extend(y.iter().cloned());
            Ok(Value::tuple(v))
        }
        (List(l), Int(_) | Bool(_) | Big(_)) | (Int(_) | Bool(_) | Big(_), List(l)) if op == BinOp::Mul => {
            let n = repeat_count(if matches!(a, List(_)) { b } else { a });
            let src = lock(l).clone();
            if (src.len() as u128) * (n as u128) > MAX_SEQ as u128 {
                return Some(Err(memory_error()));
            }
            let mut v = Vec::with_capacity(src.len() * n);
            for _ in 0..n {
                v.extend(src.iter().cloned());
            }
            Ok(Value::list(v))
        }
        (Tuple(t), Int(_) | Bool(_) | Big(_)) | (Int(_) | Bool(_) | Big(_), Tuple(t)) if op == BinOp::Mul => {
            let n = repeat_count(if matches!(a, Tuple(_)) { b } else { a });
            if (t.len() as u128) * (n as u128) > MAX_SEQ as u128 {
                return Some(Err(memory_error()));
            }
            let mut v = Vec::with_capacity(t.len() * n);
            for _ in 0..n {
                v.extend(t.iter().cloned());
            }
            Ok(Value::tuple(v))
        }
        (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
            let x = set_dict(a);
            let y = set_dict(b);
            let mut out = crate::vm::dict::Dict::new();
            match op {
                BinOp::Or => {
                    for e in x.iter().chain(y.iter()) {
                        out.insert(e.hash, e.key.clone(), Value::None);
                    }
                }
                BinOp::And => {
                    for e in x.iter() {
                        if y.contains(e.hash, &e.key) {
                            out.insert(e.hash, e.key.clone(), Value::None);
                        }
                    }
                }
                BinOp::Sub => {
                    for e in x.iter() {
                        if !y.contains(e.hash, &e.key) {
                            out.insert(e.hash, e.key.clone(), Value::None);
                        }
                    }
                }
                BinOp::Xor => {
                    for e in x.iter() {
                        if !y.contains(e.hash, &e.key) {
                            out.insert(e.hash, e.key.clone(), Value::None);
                        }
                    }
                    for e in y.iter() {
                        if !x.contains(e.hash, &e.key) {
                            out.insert(e.hash, e.key.clone(), Value::None);
                        }
                    }
                }
                _ => return Option::None,
            }
            if matches!(a, FrozenSet(_)) {
                Ok(FrozenSet(Arc::new(out)))
            } else {
                Ok(Set(Arc::new(std::sync::Mutex::new(out))))
            }
        }
        (Dict(x), Dict(y)) if op == BinOp::Or => {
            let mut d = lock(x).clone();
            for e in lock(y).iter() {
                d.insert(e.hash, e.key.clone(), e.value.clone());
            }
            Ok(Value::dict(d))
        }
        _ => return Option::None,
    })
}

pub fn set_dict(v: &Value) -> crate::vm::dict::Dict {
    match v {
        Value::Set(s) => lock(s).clone(),
        Value::FrozenSet(s) => (**s).clone(),
        Value::Dict(d) => lock(d).clone(),
        _ => crate::vm::dict::Dict::new(),
    }
}

fn repeat_count(v: &Value) -> usize {
    match v {
        Value::Int(i) => (*i).max(0) as usize,
        Value::Bool(b) => *b as usize,
        Value::Big(b) => {
            if b.is_negative() {
                0
            } else {
                usize::MAX / 2
            }
        }
        _ => 0,
    }
}

pub fn binop_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::TrueDiv => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::And => "&",
        BinOp::Or => "|",
        BinOp::Xor => "^",
    }
}

pub fn binop_dunder(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::And => ("__and__", "__rand__", "__iand__"),
        BinOp::Or => ("__or__", "__ror__", "__ior__"),
        BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
    }
}
