//! Sequence indices: negative index normalisation, slice bounds as CPython's
//! PySlice_AdjustIndices computes them, range lengths.

use crate::vm::types::*;
use crate::vm::value::*;
use num_traits::Signed;

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
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
