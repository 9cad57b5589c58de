//! Builtins over iterables (min, max, sum, any, all, sorted, reversed, enumerate, zip,
//! map, filter, iter, next) and the iterators that need the VM to advance.

use super::*;

pub(super) fn minmax(vm: &mut Vm, a: Args, kw: Kw, is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let key = kwarg(&kw, "key").filter(|k| !k.is_none());
    let default = kwarg(&kw, "default");
    let items = if a.len() == 1 {
        vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?
    } else if a.is_empty() {
        return Err(type_error(format!("{name} expected at least 1 argument, got 0")));
    } else {
        a
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
    let mut best = items[0].clone();
    let mut bestk = match &key {
        Some(k) => vm.call(k, vec![best.clone()])?,
        None => best.clone(),
    };
    for x in items.into_iter().skip(1) {
        let xk = match &key {
            Some(k) => vm.call(k, vec![x.clone()])?,
            None => x.clone(),
        };
        let better = if is_max { vm.lt(&bestk, &xk)? } else { vm.lt(&xk, &bestk)? };
        if better {
            best = x;
            bestk = xk;
        }
    }
    Ok(best)
}
pub(super) fn b_min(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    minmax(vm, a, kw, false)
}
pub(super) fn b_max(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    minmax(vm, a, kw, true)
}
pub(super) fn b_sum(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("sum", &a, 1, 2)?;
    let mut acc = a.get(1).cloned().or_else(|| kwarg(&kw, "start")).unwrap_or(Value::Int(0));
    if let Value::Str(_) = acc {
        return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = vm.get_iter(crate::vm::builtins::arg(&a, 0)?)?;
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary(crate::vm::code::BinOp::Add, &acc, &x, false)?;
    }
    Ok(acc)
}
pub(super) fn b_any(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("any", &a, 1, 1)?;
    let it = vm.get_iter(crate::vm::builtins::arg(&a, 0)?)?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
pub(super) fn b_all(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("all", &a, 1, 1)?;
    let it = vm.get_iter(crate::vm::builtins::arg(&a, 0)?)?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

pub fn sort_values(vm: &mut Vm, items: &mut Vec<Value>, key: Option<Value>, reverse: bool) -> PyResult<()> {
    let keys: Vec<Value> = match &key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in items.iter() {
                ks.push(vm.call(k, vec![x.clone()])?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut error: Option<Value> = None;
    // Fast path: all natively comparable.
    let native = keys.windows(2).all(|w| cmp_native(&w[0], &w[1]).is_ok());
    if native {
        idx.sort_by(|&x, &y| {
            let o = cmp_native(&keys[x], &keys[y]).unwrap_or(std::cmp::Ordering::Equal);
            if reverse {
                o.reverse()
            } else {
                o
            }
        });
    } else {
        idx.sort_by(|&x, &y| {
            if error.is_some() {
                return std::cmp::Ordering::Equal;
            }
            let (p, q) = if reverse { (&keys[x], &keys[y]) } else { (&keys[y], &keys[x]) };
            // "y < x" means x is greater
            match vm.lt(p, q) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Less.then(std::cmp::Ordering::Equal).min(std::cmp::Ordering::Equal).max(match vm.lt(q, p) {
                    Ok(true) => std::cmp::Ordering::Less,
                    Ok(false) => std::cmp::Ordering::Equal,
                    Err(e) => {
                        error = Some(e);
                        std::cmp::Ordering::Equal
                    }
                }),
                Err(e) => {
                    error = Some(e);
                    std::cmp::Ordering::Equal
                }
            }
        });
    }
    if let Some(e) = error {
        return Err(e);
    }
    let sorted: Vec<Value> = idx.into_iter().map(|i| items[i].clone()).collect();
    *items = sorted;
    Ok(())
}

pub(super) fn b_sorted(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("sorted", &a, 1, 1)?;
    let mut items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
    let key = kwarg(&kw, "key").filter(|k| !k.is_none());
    let rev = match kwarg(&kw, "reverse") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    sort_values(vm, &mut items, key, rev)?;
    Ok(Value::list(items))
}
pub(super) fn b_reversed(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("reversed", &a, 1, 1)?;
    match crate::vm::builtins::arg(&a, 0)? {
        Value::List(_) | Value::Tuple(_) | Value::Range(_) | Value::Str(_) => {
            let items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
            Ok(new_iter(IterKind::Reversed { items }))
        }
        Value::Dict(d) => Ok(new_iter(IterKind::Reversed { items: lock(d).keys() })),
        v @ Value::Inst(_) => {
            if let Some(r) = vm.call_dunder(v, "__reversed__", vec![])? {
                return Ok(r);
            }
            let n = len_of(vm, v)?;
            let mut items = vec![];
            for i in 0..n {
                items.push(vm.getitem(v, &Value::Int(i as i64))?);
            }
            Ok(new_iter(IterKind::Reversed { items }))
        }
        Value::Native(_) => {
            let items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
            Ok(new_iter(IterKind::Reversed { items }))
        }
        v => Err(type_error(format!("'{}' object is not reversible", type_name(v)))),
    }
}
pub(super) fn b_enumerate(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let start = a.get(1).cloned().or_else(|| kwarg(&kw, "start")).unwrap_or(Value::Int(0));
    let src = a.first().cloned().or_else(|| kwarg(&kw, "iterable")).ok_or_else(|| type_error("enumerate() missing required argument 'iterable' (pos 1)"))?;
    let inner = vm.get_iter(&src)?;
    Ok(new_iter(IterKind::Enumerate { inner, n: start }))
}
pub(super) fn b_zip(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let mut inners = vec![];
    for x in &a {
        inners.push(vm.get_iter(x)?);
    }
    let strict = match kwarg(&kw, "strict") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    Ok(new_iter(IterKind::Zip { inners, strict }))
}
pub(super) fn b_map(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let mut inners = vec![];
    for x in &a[1..] {
        inners.push(vm.get_iter(x)?);
    }
    Ok(new_iter(IterKind::Map { f: crate::vm::builtins::arg(&a, 0)?.clone(), inners }))
}
pub(super) fn b_filter(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("filter", &a, 2, 2)?;
    let inner = vm.get_iter(crate::vm::builtins::arg(&a, 1)?)?;
    Ok(new_iter(IterKind::Filter { f: crate::vm::builtins::arg(&a, 0)?.clone(), inner }))
}
pub(super) fn b_iter(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("iter", &a, 1, 2)?;
    if a.len() == 2 {
        return Ok(new_iter(IterKind::CallIter { f: crate::vm::builtins::arg(&a, 0)?.clone(), sentinel: crate::vm::builtins::arg(&a, 1)?.clone() }));
    }
    vm.get_iter(crate::vm::builtins::arg(&a, 0)?)
}
pub(super) fn b_next(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("next", &a, 1, 2)?;
    match crate::vm::builtins::arg(&a, 0)? {
        Value::Iter(_) | Value::Gen(_) | Value::Inst(_) => {}
        v => return Err(type_error(format!("'{}' object is not an iterator", type_name(v)))),
    }
    if let Value::Gen(g) = crate::vm::builtins::arg(&a, 0)? {
        // Preserve the StopIteration value of a generator's return.
        let g = g.clone();
        return match vm.gen_next_rust(&g, None)? {
            Some(v) => Ok(v),
            None => match a.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(ExcType::StopIteration.bare()),
            },
        };
    }
    match vm.next(crate::vm::builtins::arg(&a, 0)?)? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(ExcType::StopIteration.bare()),
        },
    }
}

// ---------------- iterators needing the VM ----------------

pub fn next_complex(vm: &mut Vm, it: &Mutex<IterKind>) -> PyResult<Option<Value>> {
    // Take what we need out of the lock, release it, then call into the VM.
    enum Step {
        Enum(Value, Value),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Count(Value, Value),
        Cycle,
        Chain(Vec<Value>, usize),
        Islice(Value, i64, Option<i64>, i64, i64),
        TakeWhile(Value, Value, bool),
        DropWhile(Value, Value, bool),
        CallIter(Value, Value),
        DictIter,
        Done,
    }
    let step = {
        let g = lock(it);
        match &*g {
            IterKind::Enumerate { inner, n } => Step::Enum(inner.clone(), n.clone()),
            IterKind::Zip { inners, strict } => Step::Zip(inners.clone(), *strict),
            IterKind::Map { f, inners } => Step::Map(f.clone(), inners.clone()),
            IterKind::Filter { f, inner } => Step::Filter(f.clone(), inner.clone()),
            IterKind::Count { cur, step } => Step::Count(cur.clone(), step.clone()),
            IterKind::Cycle { .. } => Step::Cycle,
            IterKind::Chain { iters, i } => Step::Chain(iters.clone(), *i),
            IterKind::Islice { inner, next, stop, step, pos } => Step::Islice(inner.clone(), *next, *stop, *step, *pos),
            IterKind::TakeWhile { f, inner, done } => Step::TakeWhile(f.clone(), inner.clone(), *done),
            IterKind::DropWhile { f, inner, dropping } => Step::DropWhile(f.clone(), inner.clone(), *dropping),
            IterKind::CallIter { f, sentinel } => Step::CallIter(f.clone(), sentinel.clone()),
            IterKind::DictIter { .. } => Step::DictIter,
            _ => Step::Done,
        }
    };
    match step {
        Step::Enum(inner, n) => match vm.next(&inner)? {
            Some(v) => {
                let n2 = vm.binary(crate::vm::code::BinOp::Add, &n, &Value::Int(1), false)?;
                if let IterKind::Enumerate { n: slot, .. } = &mut *lock(it) {
                    *slot = n2;
                }
                Ok(Some(Value::tuple(vec![n, v])))
            }
            None => Ok(None),
        },
        Step::Zip(inners, strict) => {
            if inners.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(inners.len());
            for (i, x) in inners.iter().enumerate() {
                match vm.next(x)? {
                    Some(v) => out.push(v),
                    None => {
                        if strict && i > 0 {
                            return Err(value_error(format!("zip() argument {} is shorter than argument 1", i + 1)));
                        }
                        if strict && i == 0 {
                            for (j, y) in inners.iter().enumerate().skip(1) {
                                if vm.next(y)?.is_some() {
                                    return Err(value_error(format!("zip() argument {} is longer than argument 1", j + 1)));
                                }
                            }
                        }
                        *lock(it) = IterKind::Done;
                        return Ok(None);
                    }
                }
            }
            Ok(Some(Value::tuple(out)))
        }
        Step::Map(f, inners) => {
            let mut args = Vec::with_capacity(inners.len());
            for x in &inners {
                match vm.next(x)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            Ok(Some(vm.call(&f, args)?))
        }
        Step::Filter(f, inner) => loop {
            match vm.next(&inner)? {
                Some(v) => {
                    let keep = if f.is_none() { vm.truthy(&v)? } else {
                        let r = vm.call(&f, vec![v.clone()])?;
                        vm.truthy(&r)?
                    };
                    if keep {
                        return Ok(Some(v));
                    }
                }
                None => return Ok(None),
            }
        },
        Step::Count(cur, step) => {
            let n = vm.binary(crate::vm::code::BinOp::Add, &cur, &step, false)?;
            if let IterKind::Count { cur: c, .. } = &mut *lock(it) {
                *c = n;
            }
            Ok(Some(cur))
        }
        Step::Cycle => {
            let inner = {
                let g = lock(it);
                if let IterKind::Cycle { inner, .. } = &*g { inner.clone() } else { None }
            };
            if let Some(inner) = inner {
                match vm.next(&inner)? {
                    Some(v) => {
                        if let IterKind::Cycle { saved, .. } = &mut *lock(it) {
                            saved.push(v.clone());
                        }
                        return Ok(Some(v));
                    }
                    None => {
                        if let IterKind::Cycle { inner, .. } = &mut *lock(it) {
                            *inner = None;
                        }
                    }
                }
            }
            let mut g = lock(it);
            if let IterKind::Cycle { saved, i, .. } = &mut *g {
                if saved.is_empty() {
                    return Ok(None);
                }
                let v = saved[*i % saved.len()].clone();
                *i += 1;
                return Ok(Some(v));
            }
            Ok(None)
        }
        Step::Chain(iters, mut i) => {
            while i < iters.len() {
                let cur = vm.get_iter(&iters[i])?;
                if let IterKind::Chain { iters: its, .. } = &mut *lock(it) {
                    its[i] = cur.clone();
                }
                match vm.next(&cur)? {
                    Some(v) => return Ok(Some(v)),
                    None => {
                        i += 1;
                        if let IterKind::Chain { i: slot, .. } = &mut *lock(it) {
                            *slot = i;
                        }
                    }
                }
            }
            Ok(None)
        }
        Step::Islice(inner, next, stop, step, mut pos) => {
            if let Some(s) = stop {
                if next >= s {
                    return Ok(None);
                }
            }
            loop {
                let v = vm.next(&inner)?;
                let Some(v) = v else { return Ok(None) };
                pos += 1;
                if pos - 1 == next {
                    if let IterKind::Islice { next: n, pos: p, .. } = &mut *lock(it) {
                        *n = next + step;
                        *p = pos;
                    }
                    return Ok(Some(v));
                }
            }
        }
        Step::TakeWhile(f, inner, done) => {
            if done {
                return Ok(None);
            }
            match vm.next(&inner)? {
                Some(v) => {
                    let r = vm.call(&f, vec![v.clone()])?;
                    if vm.truthy(&r)? {
                        Ok(Some(v))
                    } else {
                        if let IterKind::TakeWhile { done, .. } = &mut *lock(it) {
                            *done = true;
                        }
                        Ok(None)
                    }
                }
                None => Ok(None),
            }
        }
        Step::DropWhile(f, inner, dropping) => loop {
            match vm.next(&inner)? {
                Some(v) => {
                    if dropping {
                        let r = vm.call(&f, vec![v.clone()])?;
                        if vm.truthy(&r)? {
                            continue;
                        }
                        if let IterKind::DropWhile { dropping, .. } = &mut *lock(it) {
                            *dropping = false;
                        }
                    }
                    return Ok(Some(v));
                }
                None => return Ok(None),
            }
        },
        Step::CallIter(f, sentinel) => {
            let v = vm.call(&f, vec![])?;
            if vm.eq(&v, &sentinel)? {
                *lock(it) = IterKind::Done;
                Ok(None)
            } else {
                Ok(Some(v))
            }
        }
        Step::DictIter => {
            let mut g = lock(it);
            let IterKind::DictIter { d, pos, len, kind } = &mut *g else { return Ok(None) };
            let dg = lock(d);
            if dg.len() != *len {
                *len = usize::MAX;
                return Err(ExcType::RuntimeError.msg(if *kind == 3 { "Set changed size during iteration" } else { "dictionary changed size during iteration" }));
            }
            while *pos < dg.entries.len() {
                let p = *pos;
                *pos += 1;
                if let Some(e) = &dg.entries[p] {
                    return Ok(Some(match kind {
                        0 | 3 => e.key.clone(),
                        1 => e.value.clone(),
                        _ => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                    }));
                }
            }
            Ok(None)
        }
        Step::Done => Ok(None),
    }
}
