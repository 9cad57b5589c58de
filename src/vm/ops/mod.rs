//! Native operations on builtin values: arithmetic, comparison, hashing, repr, sequence
//! indices. Nothing here runs Python code; operations that may call dunder methods are
//! the Vm's (binary.rs, compare.rs, repr.rs), which try these first.

mod arith;
mod compare;
mod hash;
mod seq;
mod text;

pub use arith::*;
pub use compare::*;
pub use hash::*;
pub use seq::*;
pub use text::*;

use crate::vm::value::*;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

pub const MAX_SEQ: usize = 1 << 25;

pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Big(b) => Some((**b).clone()),
        Value::Inst(i) => i.base.as_ref().and_then(to_big),
        _ => None,
    }
}

pub fn to_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        Value::Big(b) => Some(b.to_f64().unwrap_or(f64::INFINITY)),
        Value::Inst(i) => i.base.as_ref().and_then(to_f64),
        _ => None,
    }
}

pub fn is_intlike(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_))
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
