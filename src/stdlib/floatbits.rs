//! `_floatbits`: the IEEE 754 bits of floats, for `struct`'s `d`/`f`/`e` codes (the
//! rest of struct is Python, in `py/struct.py`).

use super::*;

type A = Vec<Value>;
type K = Vec<(Name, Value)>;

fn float_arg(a: &A) -> PyResult<f64> {
    match a.first() {
        Some(Value::Float(f)) => Ok(*f),
        Some(Value::Int(i)) => Ok(*i as f64),
        Some(Value::Bool(b)) => Ok(*b as i64 as f64),
        Some(v) => crate::vm::ops::to_f64(v).ok_or_else(|| crate::vm::types::type_error("required argument is not a float")),
        None => Err(crate::vm::types::type_error("required argument is not a float")),
    }
}

fn int_arg(a: &A) -> u64 {
    match a.first() {
        Some(Value::Int(i)) => *i as u64,
        Some(Value::Big(b)) => {
            use num_traits::ToPrimitive;
            (&**b & num_bigint::BigInt::from(u64::MAX)).to_u64().unwrap_or(0)
        }
        _ => 0,
    }
}

/// `double_bits(x)` -> the 64-bit pattern of x as an int.
fn double_bits(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::big(num_bigint::BigInt::from(float_arg(&a)?.to_bits())))
}
/// `bits_double(n)` -> the float with that 64-bit pattern.
fn bits_double(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Float(f64::from_bits(int_arg(&a))))
}
/// `single_bits(x)` -> the 32-bit pattern of x rounded to a float32; OverflowError like
/// CPython's "float too large to pack with f format".
fn single_bits(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let x = float_arg(&a)?;
    let s = x as f32;
    if s.is_infinite() && x.is_finite() {
        return Err(crate::vm::types::ExcType::OverflowError.msg("float too large to pack with f format"));
    }
    Ok(Value::Int(s.to_bits() as i64))
}
/// `bits_single(n)` -> the float32 with that pattern, as a float.
fn bits_single(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Float(f32::from_bits(int_arg(&a) as u32) as f64))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "double_bits", double_bits);
    def(ns, "bits_double", bits_double);
    def(ns, "single_bits", single_bits);
    def(ns, "bits_single", bits_single);
    Ok(())
}
