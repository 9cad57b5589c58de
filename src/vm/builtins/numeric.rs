//! Numeric builtins: abs, round, divmod, pow, chr, ord, hex/oct/bin.

use super::*;

pub fn b_abs(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("abs", &a, 1, 1)?;
    let mut a = a;
    if let Some(b) = crate::vm::subclass::base_unless(&a[0], "__abs__") {
        a[0] = b;
    }
    match crate::vm::builtins::arg(&a, 0)? {
        Value::Int(i) => Ok(i.checked_abs().map(Value::Int).unwrap_or_else(|| Value::big(BigInt::from(*i).abs()))),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Big(b) => Ok(Value::big(b.abs())),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        v => match vm.call_dunder(v, "__abs__", vec![])? {
            Some(r) => Ok(r),
            None => Err(type_error(format!("bad operand type for abs(): '{}'", type_name(v)))),
        },
    }
}

pub fn round_half_even(x: f64, nd: i32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    // Use decimal string rounding for correctness like CPython (round-half-even on the
    // exact binary value).
    let s = format!("{:.*}", nd.max(0) as usize, x);
    if nd >= 0 {
        return s.parse().unwrap_or(x);
    }
    let p = 10f64.powi(-nd);
    let y = x / p;
    let r = y.round();
    let r = if (y - y.trunc()).abs() == 0.5 { 2.0 * (y / 2.0).round() } else { r };
    r * p
}

pub fn b_round(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("round", &a, 1, 2)?;
    let mut a = a;
    if let Some(b) = crate::vm::subclass::base_unless(&a[0], "__round__") {
        a[0] = b;
    }
    let nd = a.get(1).cloned().or_else(|| kwarg(&kw, "ndigits")).filter(|v| !v.is_none());
    match crate::vm::builtins::arg(&a, 0)? {
        Value::Float(f) => match nd {
            None => {
                if !f.is_finite() {
                    return Err(if f.is_nan() { value_error("cannot convert float NaN to integer") } else { ExcType::OverflowError.msg("cannot convert float infinity to integer") });
                }
                let r = f.round();
                let r = if (f - f.trunc()).abs() == 0.5 { 2.0 * (f / 2.0).round() } else { r };
                Ok(if r.abs() < 9e18 { Value::Int(r as i64) } else { Value::big(BigInt::from(r as i128)) })
            }
            Some(n) => {
                let nd = to_int(&n)?;
                if nd > 330 {
                    return Ok(Value::Float(*f));
                }
                if nd < -330 {
                    return Ok(Value::Float(0.0 * f));
                }
                Ok(Value::Float(round_half_even(*f, nd as i32)))
            }
        },
        Value::Int(i) => match nd {
            None => Ok(Value::Int(*i)),
            Some(n) => {
                let n = to_int(&n)?;
                if n >= 0 {
                    return Ok(Value::Int(*i));
                }
                let p = 10i64.checked_pow((-n) as u32).unwrap_or(i64::MAX);
                let q = i.div_euclid(p);
                let r = i.rem_euclid(p);
                let mut q2 = q;
                if r * 2 > p || (r * 2 == p && q % 2 != 0) {
                    q2 += 1;
                }
                Ok(Value::Int(q2 * p))
            }
        },
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Big(_) => Ok(crate::vm::builtins::arg(&a, 0)?.clone()),
        v => match vm.call_dunder(v, "__round__", a[1..].to_vec())? {
            Some(r) => Ok(r),
            None => Err(type_error(format!("type {} doesn't define __round__ method", type_name(v)))),
        },
    }
}
pub(super) fn b_divmod(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("divmod", &a, 2, 2)?;
    let q = vm.binary(crate::vm::code::BinOp::FloorDiv, crate::vm::builtins::arg(&a, 0)?, crate::vm::builtins::arg(&a, 1)?, false)?;
    let r = vm.binary(crate::vm::code::BinOp::Mod, crate::vm::builtins::arg(&a, 0)?, crate::vm::builtins::arg(&a, 1)?, false)?;
    Ok(Value::tuple(vec![q, r]))
}
pub(super) fn b_pow(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("pow", &a, 2, 3)?;
    if a.len() == 3 && !crate::vm::builtins::arg(&a, 2)?.is_none() {
        let (b, e, m) = (to_big(crate::vm::builtins::arg(&a, 0)?), to_big(crate::vm::builtins::arg(&a, 1)?), to_big(crate::vm::builtins::arg(&a, 2)?));
        if let (Some(b), Some(e), Some(m)) = (b, e, m) {
            if m.is_zero() {
                return Err(value_error("pow() 3rd argument cannot be 0"));
            }
            if e.is_negative() {
                return Err(value_error("base is not invertible for the given modulus"));
            }
            let r = b.modpow(&e, &m);
            let r = if r.is_negative() != m.is_negative() && !r.is_zero() { r + &m } else { r };
            return Ok(Value::big(r));
        }
        return Err(type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    }
    vm.binary(crate::vm::code::BinOp::Pow, crate::vm::builtins::arg(&a, 0)?, crate::vm::builtins::arg(&a, 1)?, false)
}
pub(super) fn b_chr(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("chr", &a, 1, 1)?;
    let i = to_int(crate::vm::builtins::arg(&a, 0)?)?;
    match char::from_u32(i as u32).filter(|_| (0..=0x10ffff).contains(&i)) {
        Some(c) => Ok(Value::string(c.to_string())),
        None => Err(value_error("chr() arg not in range(0x110000)")),
    }
}
pub(super) fn b_ord(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("ord", &a, 1, 1)?;
    match crate::vm::builtins::arg(&a, 0)? {
        Value::Str(s) => {
            let n = s.char_len();
            if n != 1 {
                return Err(type_error(format!("ord() expected a character, but string of length {} found", n)));
            }
            Ok(Value::Int(s.s.chars().next().unwrap() as i64))
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        v => Err(type_error(format!("ord() expected string of length 1, but {} found", type_name(v)))),
    }
}
pub(super) fn radix(a: &Args, name: &str, r: u32, prefix: &str) -> PyResult<Value> {
    nargs(name, a, 1, 1)?;
    let b = to_big(crate::vm::builtins::arg(&a, 0)?).ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&a[0]))))?;
    let s = b.abs().to_str_radix(r);
    Ok(Value::string(format!("{}{}{}", if b.is_negative() { "-" } else { "" }, prefix, s)))
}
pub(super) fn b_hex(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    radix(&a, "hex", 16, "0x")
}
pub(super) fn b_oct(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    radix(&a, "oct", 8, "0o")
}
pub(super) fn b_bin(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    radix(&a, "bin", 2, "0b")
}
