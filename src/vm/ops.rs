//! Native operations on builtin values: arithmetic, comparison, hashing, repr.
//! Operations that need Python code (dunder methods) live in interp.rs.

use super::code::{BinOp, CmpOp};
use super::types::*;
use super::value::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero, Pow};
use std::cmp::Ordering;
use std::sync::Arc;

pub const MAX_SEQ: usize = 1 << 25;

pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

pub fn to_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        Value::Big(b) => Some(b.to_f64().unwrap_or(f64::INFINITY)),
        _ => None,
    }
}

pub fn is_intlike(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_))
}

pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    // Shortest round-trip digits via {:e}
    let s = format!("{:e}", f);
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let e = exp as usize;
            if digits.len() > e + 1 {
                out.push_str(&digits[..e + 1]);
                out.push('.');
                out.push_str(&digits[e + 1..]);
            } else {
                out.push_str(&digits);
                for _ in 0..(e + 1 - digits.len()) {
                    out.push('0');
                }
                out.push_str(".0");
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c)
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (0x80..0xa0).contains(&(c as u32)) => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(c as char)
            }
            32..=126 => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(q);
    out
}

/// repr() of values that never need Python code (no instances inside).
pub fn repr_simple(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Big(b) => b.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(&s.s),
        Value::Bytes(b) => bytes_repr(b),
        Value::Ellipsis => "Ellipsis".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Range(r) => {
            if r.2 == 1 {
                format!("range({}, {})", r.0, r.1)
            } else {
                format!("range({}, {}, {})", r.0, r.1, r.2)
            }
        }
        Value::Func(f) => format!("<function {} at 0x{:012x}>", f.qualname, v.id()),
        Value::Class(c) => {
            if &*c.module == "builtins" {
                format!("<class '{}'>", c.qualname)
            } else {
                format!("<class '{}.{}'>", c.module, c.qualname)
            }
        }
        Value::Builtin(b) => {
            if b.bound.is_some() {
                format!("<built-in method {}>", b.name)
            } else {
                format!("<built-in function {}>", b.name)
            }
        }
        Value::BMethod(m) => format!("<built-in method {} of {} object at 0x{:012x}>", m.1, type_name(&m.0), m.0.id()),
        Value::Method(m) => {
            let fname = match &m.1 {
                Value::Func(f) => f.qualname.to_string(),
                _ => "?".into(),
            };
            format!("<bound method {} of {}>", fname, repr_simple(&m.0))
        }
        Value::Module(m) => format!("<module '{}'>", m.name),
        Value::Gen(g) => format!("<generator object {} at 0x{:012x}>", g.qualname, v.id()),
        Value::Inst(i) => {
            let c = i.class();
            format!("<{}.{} object at 0x{:012x}>", c.module, c.qualname, v.id())
        }
        Value::Tuple(t) => {
            let parts: Vec<String> = t.iter().map(repr_simple).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::List(l) => {
            let parts: Vec<String> = lock(l).iter().map(repr_simple).collect();
            format!("[{}]", parts.join(", "))
        }
        _ => format!("<{} object at 0x{:012x}>", type_name(v), v.id()),
    }
}

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
            let mut out = super::dict::Dict::new();
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

pub fn set_dict(v: &Value) -> super::dict::Dict {
    match v {
        Value::Set(s) => lock(s).clone(),
        Value::FrozenSet(s) => (**s).clone(),
        Value::Dict(d) => lock(d).clone(),
        _ => super::dict::Dict::new(),
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

/// Equality for builtin values; instances compare by identity here.
pub fn eq_native(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => x == y,
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

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
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

// ---- hashing (CPython-compatible for ints, so set order of ints matches) ----
const MODULUS: u64 = (1u64 << 61) - 1;

pub fn hash_int(i: i64) -> i64 {
    let neg = i < 0;
    let mut h = (i.unsigned_abs() % MODULUS) as i64;
    if neg {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_big(b: &BigInt) -> i64 {
    let m = BigInt::from(MODULUS);
    let r = b.abs().mod_floor(&m).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_float(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return hash_int(f as i64);
    }
    // CPython's algorithm (Python/pyhash.c _Py_HashDouble).
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let mut h = x as i64;
    if f < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

pub fn hash_str(s: &PyStr) -> i64 {
    *s.hash.get_or_init(|| {
        // FNV-1a (CPython randomises str hashes; programs cannot depend on them).
        let mut h: u64 = 0xcbf29ce484222325;
        for b in s.s.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        let h = h as i64;
        if h == -1 {
            -2
        } else {
            h
        }
    })
}

/// Hash of builtin hashable values; Err(type name) for unhashable ones, Ok(None) for
/// instances (the VM decides: __hash__ or identity).
pub fn hash_native(v: &Value) -> Result<Option<i64>, Name> {
    use Value::*;
    Ok(Some(match v {
        Int(i) => hash_int(*i),
        Bool(b) => *b as i64,
        None => 0xfcba_1234,
        Float(f) => hash_float(*f),
        Big(b) => hash_big(b),
        Str(s) => hash_str(s),
        Bytes(b) => {
            let mut h: u64 = 0xcbf29ce484222325;
            for x in b.iter() {
                h ^= *x as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
            h as i64
        }
        Tuple(t) => {
            // CPython's tuplehash (xxHash-based).
            const P1: u64 = 11400714785074694791;
            const P2: u64 = 14029467366897019727;
            const P5: u64 = 2870177450012600261;
            let mut acc: u64 = P5;
            for x in t.iter() {
                let lane = match hash_native(x)? {
                    Some(h) => h as u64,
                    Option::None => x.id() as u64 >> 4,
                };
                acc = acc.wrapping_add(lane.wrapping_mul(P2));
                acc = acc.rotate_left(31);
                acc = acc.wrapping_mul(P1);
            }
            acc = acc.wrapping_add((t.len() as u64) ^ (P5 ^ 3527539));
            if acc == u64::MAX {
                1546275796
            } else {
                acc as i64
            }
        }
        FrozenSet(s) => {
            let mut h: u64 = 0;
            for e in s.iter() {
                let x = e.hash as u64;
                h ^= (x ^ (x << 16) ^ 89869747).wrapping_mul(3644798167);
            }
            h as i64
        }
        List(_) | Dict(_) | Set(_) => return Err(type_name(v)),
        Inst(_) => return Ok(Option::None),
        Range(r) => hash_native(&Value::tuple(vec![Int(r.0), Int(r.1), Int(r.2)]))?.unwrap_or(0),
        _ => (v.id() >> 4) as i64,
    }))
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
        Native(n) => match &*lock(&n.data) {
            NativeData::Deque(d, _) => !d.is_empty(),
            _ => true,
        },
        _ => true,
    })
}

/// Index normalisation for sequences.
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    if i < 0 || i >= len as i64 {
        None
    } else {
        Some(i as usize)
    }
}

/// Resolve slice bounds (CPython's PySlice_AdjustIndices). Returns (start, stop, step, len).
pub fn slice_indices(s: &(Value, Value, Value), len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let get = |v: &Value| -> PyResult<Option<i64>> {
        match v {
            Value::None => Ok(Option::None),
            Value::Int(i) => Ok(Some(*i)),
            Value::Bool(b) => Ok(Some(*b as i64)),
            Value::Big(b) => Ok(Some(if b.is_negative() { i64::MIN / 2 } else { i64::MAX / 2 })),
            _ => Err(type_error("slice indices must be integers or None or have an __index__ method")),
        }
    };
    let step = get(&s.2)?.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let (def_start, def_stop) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let adj = |v: Option<i64>, def: i64| -> i64 {
        match v {
            Option::None => def,
            Some(mut i) => {
                if i < 0 {
                    i += len;
                    if i < 0 {
                        i = if step < 0 { -1 } else { 0 };
                    }
                } else if i >= len {
                    i = if step < 0 { len - 1 } else { len };
                }
                i
            }
        }
    };
    let start = adj(get(&s.0)?, def_start);
    let stop = adj(get(&s.1)?, def_stop);
    let n = range_len(start, stop, step);
    Ok((start, stop, step, n.max(0) as usize))
}

pub fn slice_vec<T: Clone>(v: &[T], s: &(Value, Value, Value)) -> PyResult<Vec<T>> {
    let (start, _stop, step, n) = slice_indices(s, v.len())?;
    let mut out = Vec::with_capacity(n);
    let mut i = start;
    for _ in 0..n {
        out.push(v[i as usize].clone());
        i += step;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn float_repr_like_cpython() {
        for (f, s) in [(1e16, "1e+16"), (1e15, "1000000000000000.0"), (0.1, "0.1"), (-0.0, "-0.0"), (1.0, "1.0"), (1.5e-5, "1.5e-05"), (0.0001, "0.0001"), (f64::INFINITY, "inf"), (f64::NAN, "nan"), (123456789.123, "123456789.123"), (5e-324, "5e-324")] {
            assert_eq!(float_repr(f), s);
        }
    }
    #[test]
    fn int_hash_like_cpython() {
        assert_eq!(hash_int(-1), -2);
        assert_eq!(hash_int(1 << 62), (1i64 << 62) % ((1i64 << 61) - 1));
        assert_eq!(hash_float(1.5), 1152921504606846977);
    }
}
