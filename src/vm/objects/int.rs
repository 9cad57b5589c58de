//! int and bool: their methods (one table), attributes and constructors.

use super::{kwarg, method, Args, Kw, Method};
use crate::vm::builtins::{arg, to_int};
use crate::vm::interp::Vm;
use crate::vm::ops::*;
use crate::vm::types::*;
use crate::vm::value::*;
use num_bigint::BigInt;
use num_traits::Signed;
use std::sync::Arc;

pub static METHODS: &[Method] = &[
    method!("bit_length", bit_length),
    method!("bit_count", bit_count),
    method!("conjugate", conjugate),
    method!("to_bytes", to_bytes),
    method!("from_bytes", from_bytes),
    method!("__add__", super::generic::dunder_add),
    method!("__sub__", super::generic::dunder_sub),
    method!("__mul__", super::generic::dunder_mul),
    method!("__eq__", super::generic::dunder_eq),
    method!("__lt__", super::generic::dunder_lt),
    method!("__hash__", super::generic::dunder_hash),
    method!("__index__", super::generic::dunder_index),
    method!("__int__", super::generic::dunder_int),
    method!("__float__", super::generic::dunder_float),
    method!("__str__", super::generic::dunder_str),
    method!("__repr__", super::generic::dunder_repr),
    method!("__abs__", super::generic::dunder_abs),
    method!("__neg__", super::generic::dunder_neg),
];

/// `int(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Ok(Value::Int(0));
    }
    let mut a = a;
    if let Value::Inst(i) = &a[0] {
        let cls = i.class();
        if i.base.is_some() && cls.lookup("__int__").is_none() && cls.lookup("__index__").is_none() {
            a[0] = i.base.clone().unwrap();
        }
    }
    let base = a.get(1).cloned().or_else(|| kwarg(&kw, "base"));
    match (arg(&a, 0)?, base) {
        (Value::Str(s), b) => {
            let base = match b {
                Some(b) => {
                    let b = to_int(&b)?;
                    if b != 0 && !(2..=36).contains(&b) {
                        return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
                    }
                    b as u32
                }
                None => 10,
            };
            parse_int_str(&s.s, base).ok_or_else(|| value_error(format!("invalid literal for int() with base {}: {}", base, str_repr(&s.s))))
        }
        (v, None) => match v {
            Value::Int(_) | Value::Big(_) => Ok(v.clone()),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            Value::Float(f) => {
                if f.is_nan() {
                    return Err(value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(ExcType::OverflowError.msg("cannot convert float infinity to integer"));
                }
                let t = f.trunc();
                if t.abs() < 9.2e18 {
                    Ok(Value::Int(t as i64))
                } else {
                    Ok(Value::big(BigInt::parse_bytes(format!("{:.0}", t).as_bytes(), 10).unwrap_or_default()))
                }
            }
            Value::Bytes(b) => {
                let s = String::from_utf8_lossy(b).to_string();
                parse_int_str(&s, 10).ok_or_else(|| value_error(format!("invalid literal for int() with base 10: {}", bytes_repr(b))))
            }
            Value::Inst(_) => match vm.call_dunder(v, "__int__", vec![])? {
                Some(r) => Ok(r),
                None => match vm.call_dunder(v, "__index__", vec![])? {
                    Some(r) => Ok(r),
                    None => Err(type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", type_name(v)))),
                },
            },
            _ => Err(type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", type_name(v)))),
        },
        _ => Err(type_error("int() can't convert non-string with explicit base")),
    }
}

/// `bool(...)`
#[allow(unused_variables)]
pub fn new_bool(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(vm.truthy(arg(&a, 0)?)?))
}

#[allow(unused_variables)]
fn bit_length(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    Ok(Value::Int(to_big(o).map(|b| b.bits() as i64).unwrap_or(0)))
}

#[allow(unused_variables)]
fn bit_count(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    Ok(Value::Int(to_big(o).map(|b| b.abs().to_str_radix(2).matches('1').count() as i64).unwrap_or(0)))
}

#[allow(unused_variables)]
fn conjugate(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    Ok(o.clone())
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a class method: the
/// receiver, if any, is not used).
#[allow(unused_variables)]
fn from_bytes(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    from_bytes_of(vm, a, kw)
}

pub fn from_bytes_of(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let src = a.first().cloned().or_else(|| kwarg(&kw, "bytes")).ok_or_else(|| type_error("from_bytes() missing required argument 'bytes' (pos 1)"))?;
    let data: Vec<u8> = match &src {
        Value::Bytes(b) => b.to_vec(),
        Value::Str(_) => return Err(type_error("cannot convert 'str' object to bytes")),
        other => {
            let mut out = vec![];
            for v in vm.to_vec(other)? {
                match to_int(&v) {
                    Ok(i) if (0..256).contains(&i) => out.push(i as u8),
                    Ok(_) => return Err(value_error("bytes must be in range(0, 256)")),
                    Err(_) => return Err(type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&v)))),
                }
            }
            out
        }
    };
    let order = match a.get(1).cloned().or_else(|| kwarg(&kw, "byteorder")) {
        None => "big".to_string(),
        Some(Value::Str(s)) => s.s.clone(),
        Some(v) => return Err(type_error(format!("from_bytes() argument 'byteorder' must be str, not {}", type_name(&v)))),
    };
    let signed = match kwarg(&kw, "signed") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let b = match (order.as_str(), signed) {
        ("big", false) => BigInt::from_bytes_be(num_bigint::Sign::Plus, &data),
        ("little", false) => BigInt::from_bytes_le(num_bigint::Sign::Plus, &data),
        ("big", true) => BigInt::from_signed_bytes_be(&data),
        ("little", true) => BigInt::from_signed_bytes_le(&data),
        _ => return Err(value_error("byteorder must be either 'little' or 'big'")),
    };
    Ok(Value::big(b))
}

#[allow(unused_variables)]
fn to_bytes(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
                let len = to_int(&a.first().cloned().or_else(|| kwarg(&kw, "length")).unwrap_or(Value::Int(1)))?;
                if len < 0 {
                    return Err(value_error("length argument must be non-negative"));
                }
                if len as usize > MAX_SEQ {
                    return Err(memory_error());
                }
                let len = len as usize;
                let order = a.get(1).cloned().or_else(|| kwarg(&kw, "byteorder")).and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_else(|| "big".into());
                if order != "big" && order != "little" {
                    return Err(value_error("byteorder must be either 'little' or 'big'"));
                }
                let b = to_big(o).unwrap();
                let signed = kwarg(&kw, "signed").map(|v| matches!(v, Value::Bool(true)) || matches!(v, Value::Int(i) if i != 0)).unwrap_or(false);
                if !signed && b.sign() == num_bigint::Sign::Minus {
                    return Err(ExcType::OverflowError.msg("can't convert negative int to unsigned"));
                }
                // Two's complement when signed: the sign bit must fit as well.
                let mut bytes = if b.sign() == num_bigint::Sign::NoSign { vec![] } else if signed { b.to_signed_bytes_le() } else { b.to_bytes_le().1 };
                if signed && bytes.len() > len && bytes.len() == len + 1 && len > 0 {
                    // to_signed_bytes_le may add a sign byte that the padding re-creates.
                    let last = bytes[len];
                    if (last == 0 && bytes[len - 1] & 0x80 == 0) || (last == 0xff && bytes[len - 1] & 0x80 != 0) {
                        bytes.truncate(len);
                    }
                }
                if bytes.len() > len || (len == 0 && b.sign() != num_bigint::Sign::NoSign) {
                    return Err(ExcType::OverflowError.msg("int too big to convert"));
                }
                let fill = if signed && b.sign() == num_bigint::Sign::Minus { 0xff } else { 0 };
                bytes.resize(len, fill);
                if order == "big" {
                    bytes.reverse();
                }
                Ok(Value::Bytes(Arc::new(bytes)))
}
}

fn parse_int_str(s: &str, base: u32) -> Option<Value> {
    let t = s.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut base = base;
    let mut digits = t;
    let low = t.to_ascii_lowercase();
    if base == 16 || base == 0 {
        if low.starts_with("0x") {
            digits = &t[2..];
            base = 16;
        }
    }
    if base == 8 || base == 0 {
        if low.starts_with("0o") {
            digits = &t[2..];
            base = 8;
        }
    }
    if base == 2 || base == 0 {
        if low.starts_with("0b") {
            digits = &t[2..];
            base = 2;
        }
    }
    if base == 0 {
        base = 10;
    }
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let b = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(Value::big(if neg { -b } else { b }))
}


#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::Int(5));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["(5).bit_length()", "True.bit_length()", "(1).to_bytes(2, \"big\")"]), ["3", "1", "b'\\x00\\x01'"]);
    }
}
