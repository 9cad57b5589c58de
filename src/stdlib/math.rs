//! math
use super::*;
use crate::vm::builtins::to_int;
use crate::vm::ops::{to_big, to_f64};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

fn f(a: &[Value], i: usize) -> PyResult<f64> {
    match a.get(i) {
        Some(v) => to_f64(v).ok_or_else(|| type_error(format!("must be real number, not {}", type_name(v)))),
        None => Err(type_error("function missing required argument")),
    }
}
fn dom() -> Value {
    value_error("math domain error")
}
macro_rules! f1 {
    ($name:ident, $e:expr) => {
        fn $name(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
            let x = f(&a, 0)?;
            let g: fn(f64) -> PyResult<f64> = $e;
            Ok(Value::Float(g(x)?))
        }
    };
}
f1!(m_sqrt, |x| if x < 0.0 { Err(dom()) } else { Ok(x.sqrt()) });
f1!(m_exp, |x| {
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        Err(ExcType::OverflowError.msg("math range error"))
    } else {
        Ok(r)
    }
});
f1!(m_log2, |x| if x <= 0.0 { Err(dom()) } else { Ok(x.log2()) });
f1!(m_log10, |x| if x <= 0.0 { Err(dom()) } else { Ok(x.log10()) });
f1!(m_sin, |x| Ok(x.sin()));
f1!(m_cos, |x| Ok(x.cos()));
f1!(m_tan, |x| Ok(x.tan()));
f1!(m_asin, |x| if !(-1.0..=1.0).contains(&x) { Err(dom()) } else { Ok(x.asin()) });
f1!(m_acos, |x| if !(-1.0..=1.0).contains(&x) { Err(dom()) } else { Ok(x.acos()) });
f1!(m_atan, |x| Ok(x.atan()));
f1!(m_fabs, |x| Ok(x.abs()));
f1!(m_degrees, |x| Ok(x.to_degrees()));
f1!(m_radians, |x| Ok(x.to_radians()));
f1!(m_sinh, |x| Ok(x.sinh()));
f1!(m_cosh, |x| Ok(x.cosh()));
f1!(m_tanh, |x| Ok(x.tanh()));

fn m_log(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let x = match crate::vm::builtins::arg(&a, 0)? {
        Value::Big(b) => {
            if !b.is_positive() {
                return Err(dom());
            }
            let bits = b.bits() as i64;
            let shift = (bits - 60).max(0);
            let top: BigInt = (**b).clone() >> (shift as usize);
            (top.to_f64().unwrap_or(1.0)).ln() + shift as f64 * std::f64::consts::LN_2
        }
        _ => {
            let x = f(&a, 0)?;
            if x <= 0.0 {
                return Err(dom());
            }
            x.ln()
        }
    };
    if a.len() > 1 {
        let b = f(&a, 1)?;
        if b <= 0.0 {
            return Err(dom());
        }
        if b == 1.0 {
            return Err(ExcType::ZeroDivisionError.msg("float division by zero"));
        }
        return Ok(Value::Float(x / b.ln()));
    }
    Ok(Value::Float(x))
}
fn int_result(x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(ExcType::OverflowError.msg("cannot convert float infinity to integer"));
    }
    if x.abs() < 9e18 {
        Ok(Value::Int(x as i64))
    } else {
        Ok(Value::big(BigInt::parse_bytes(format!("{:.0}", x).as_bytes(), 10).unwrap_or_default()))
    }
}
fn m_floor(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    if matches!(a.first(), Some(Value::Int(_) | Value::Big(_))) {
        return Ok(crate::vm::builtins::arg(&a, 0)?.clone());
    }
    if let Some(v @ Value::Inst(_)) = a.first() {
        if let Some(r) = vm.call_dunder(v, "__floor__", vec![])? {
            return Ok(r);
        }
    }
    int_result(f(&a, 0)?.floor())
}
fn m_ceil(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    if matches!(a.first(), Some(Value::Int(_) | Value::Big(_))) {
        return Ok(crate::vm::builtins::arg(&a, 0)?.clone());
    }
    if let Some(v @ Value::Inst(_)) = a.first() {
        if let Some(r) = vm.call_dunder(v, "__ceil__", vec![])? {
            return Ok(r);
        }
    }
    int_result(f(&a, 0)?.ceil())
}
fn m_trunc(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    if matches!(a.first(), Some(Value::Int(_) | Value::Big(_))) {
        return Ok(crate::vm::builtins::arg(&a, 0)?.clone());
    }
    int_result(f(&a, 0)?.trunc())
}
fn m_pow(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let (x, y) = (f(&a, 0)?, f(&a, 1)?);
    if x < 0.0 && y.fract() != 0.0 {
        return Err(dom());
    }
    if x == 0.0 && y < 0.0 {
        return Err(dom());
    }
    Ok(Value::Float(x.powf(y)))
}
fn m_atan2(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Float(f(&a, 0)?.atan2(f(&a, 1)?)))
}
fn m_hypot(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let mut s = 0.0;
    for i in 0..a.len() {
        let x = f(&a, i)?;
        s += x * x;
    }
    Ok(Value::Float(s.sqrt()))
}
fn m_copysign(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Float(f(&a, 0)?.copysign(f(&a, 1)?)))
}
fn m_fmod(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let (x, y) = (f(&a, 0)?, f(&a, 1)?);
    if y == 0.0 {
        return Err(dom());
    }
    Ok(Value::Float(x % y))
}
fn m_modf(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let x = f(&a, 0)?;
    Ok(Value::tuple(vec![Value::Float(x.fract()), Value::Float(x.trunc())]))
}
fn bigs(a: &[Value]) -> PyResult<Vec<BigInt>> {
    a.iter().map(|v| to_big(v).ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))))).collect()
}
fn m_gcd(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let mut g = BigInt::zero();
    for b in bigs(&a)? {
        g = g.gcd(&b);
    }
    Ok(Value::big(g))
}
fn m_lcm(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let mut l = BigInt::one();
    for b in bigs(&a)? {
        if b.is_zero() {
            return Ok(Value::Int(0));
        }
        l = l.lcm(&b);
    }
    Ok(Value::big(l.abs()))
}
fn m_factorial(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    if let Some(Value::Float(_)) = a.first() {
        return Err(type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = to_int(a.first().unwrap_or(&Value::Int(0)))?;
    if n < 0 {
        return Err(value_error("factorial() not defined for negative values"));
    }
    if n > 100_000 {
        return Err(memory_error());
    }
    let mut r = BigInt::one();
    for i in 2..=n {
        r *= i;
    }
    Ok(Value::big(r))
}
fn m_isqrt(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let b = bigs(&a)?.remove(0);
    if b.is_negative() {
        return Err(value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::big(b.sqrt()))
}
fn m_comb(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let (n, k) = (to_int(crate::vm::builtins::arg(&a, 0)?)?, to_int(crate::vm::builtins::arg(&a, 1)?)?);
    if n < 0 || k < 0 {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k);
    if k > 100_000 {
        return Err(memory_error());
    }
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (n - i) / (i + 1);
    }
    Ok(Value::big(r))
}
fn m_perm(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let n = to_int(crate::vm::builtins::arg(&a, 0)?)?;
    let k = match a.get(1) {
        Some(v) if !v.is_none() => to_int(v)?,
        _ => n,
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    if k > 100_000 {
        return Err(memory_error());
    }
    let mut r = BigInt::one();
    for i in 0..k {
        r *= n - i;
    }
    Ok(Value::big(r))
}
fn m_isclose(_vm: &mut Vm, a: Vec<Value>, k: Vec<(Name, Value)>) -> PyResult<Value> {
    let (x, y) = (f(&a, 0)?, f(&a, 1)?);
    let mut rel = 1e-9;
    let mut abs = 0.0;
    for (n, v) in &k {
        let fv = to_f64(v).unwrap_or(0.0);
        if &**n == "rel_tol" {
            rel = fv
        } else if &**n == "abs_tol" {
            abs = fv
        }
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let d = (x - y).abs();
    Ok(Value::Bool(d <= (rel * y.abs()).max(rel * x.abs()) || d <= abs))
}
fn m_isfinite(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Bool(f(&a, 0)?.is_finite()))
}
fn m_isinf(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Bool(f(&a, 0)?.is_infinite()))
}
fn m_isnan(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Bool(f(&a, 0)?.is_nan()))
}
fn m_prod(vm: &mut Vm, a: Vec<Value>, k: Vec<(Name, Value)>) -> PyResult<Value> {
    let mut acc = k.iter().find(|(n, _)| &**n == "start").map(|(_, v)| v.clone()).unwrap_or(Value::Int(1));
    for x in vm.to_vec(crate::vm::builtins::arg(&a, 0)?)? {
        acc = vm.binary(crate::vm::code::BinOp::Mul, &acc, &x, false)?;
    }
    Ok(acc)
}
fn m_fsum(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    // Shewchuk's algorithm (exact like CPython's).
    let mut partials: Vec<f64> = vec![];
    for v in vm.to_vec(crate::vm::builtins::arg(&a, 0)?)? {
        let mut x = to_f64(&v).ok_or_else(|| type_error("must be real number"))?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    Ok(Value::Float(partials.iter().sum()))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    ns.set(intern("pi"), Value::Float(std::f64::consts::PI));
    ns.set(intern("e"), Value::Float(std::f64::consts::E));
    ns.set(intern("tau"), Value::Float(std::f64::consts::TAU));
    ns.set(intern("inf"), Value::Float(f64::INFINITY));
    ns.set(intern("nan"), Value::Float(f64::NAN));
    def(ns, "sqrt", m_sqrt);
    def(ns, "exp", m_exp);
    def(ns, "log", m_log);
    def(ns, "log2", m_log2);
    def(ns, "log10", m_log10);
    def(ns, "sin", m_sin);
    def(ns, "cos", m_cos);
    def(ns, "tan", m_tan);
    def(ns, "asin", m_asin);
    def(ns, "acos", m_acos);
    def(ns, "atan", m_atan);
    def(ns, "atan2", m_atan2);
    def(ns, "sinh", m_sinh);
    def(ns, "cosh", m_cosh);
    def(ns, "tanh", m_tanh);
    def(ns, "fabs", m_fabs);
    def(ns, "degrees", m_degrees);
    def(ns, "radians", m_radians);
    def(ns, "floor", m_floor);
    def(ns, "ceil", m_ceil);
    def(ns, "trunc", m_trunc);
    def(ns, "pow", m_pow);
    def(ns, "hypot", m_hypot);
    def(ns, "copysign", m_copysign);
    def(ns, "fmod", m_fmod);
    def(ns, "modf", m_modf);
    def(ns, "gcd", m_gcd);
    def(ns, "lcm", m_lcm);
    def(ns, "factorial", m_factorial);
    def(ns, "isqrt", m_isqrt);
    def(ns, "comb", m_comb);
    def(ns, "perm", m_perm);
    def(ns, "isclose", m_isclose);
    def(ns, "isfinite", m_isfinite);
    def(ns, "isinf", m_isinf);
    def(ns, "isnan", m_isnan);
    def(ns, "prod", m_prod);
    def(ns, "fsum", m_fsum);
    Ok(())
}
