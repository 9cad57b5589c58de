//! Hashes as CPython computes them (ints modulo 2**61 - 1, floats through frexp,
//! strings cached), so sets and dicts of ints iterate in CPython's order.

use crate::vm::types::*;
use crate::vm::value::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive};

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
