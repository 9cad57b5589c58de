//! _collections (deque) and _itertools (the lazy basics), native.
use super::*;
use crate::vm::builtins::to_int;
use crate::vm::iter::{new_iter, IterKind};
use std::collections::VecDeque;

type A = Vec<Value>;
type K = Vec<(Name, Value)>;

fn deque_class() -> Arc<Class> {
    static C: OnceLock<Arc<Class>> = OnceLock::new();
    C.get_or_init(|| native_class("deque", "collections", &DEQUE)).clone()
}

static DEQUE: NativeType = NativeType {
    construct: Some(construct),
    getattr: deque_attr,
    repr: Some(deque_repr),
    getitem: Some(deque_getitem),
    len: Some(deque_len),
    setitem: Some(deque_setitem),
    iter: Some(deque_iter),
    take_values: Some(deque_take_values),
};

/// The finalizer empties a deque (a deque holding itself is a cycle like any other).
fn deque_take_values(data: &mut NativeData) -> Vec<Value> {
    data.downcast_mut::<Deque>().map(|d| std::mem::take(&mut d.items).into()).unwrap_or_default()
}

/// A deque's state, opaque to the VM.
struct Deque {
    items: VecDeque<Value>,
    maxlen: Option<usize>,
}

fn deque_setitem(_vm: &mut Vm, o: &Value, k: Value, v: Value) -> PyResult<()> {
    let Value::Int(i) = k else {
        return Err(type_error(format!("sequence index must be integer, not '{}'", type_name(&k))));
    };
    with_d(o, |d, _| match crate::vm::ops::norm_index(i, d.len()) {
        Some(ix) => {
            d[ix] = v;
            Ok(())
        }
        None => Err(ExcType::IndexError.msg("deque index out of range")),
    })
}

fn deque_iter(o: &Value) -> Value {
    let items = with_d(o, |d, _| d.iter().cloned().collect());
    new_iter(IterKind::Seq { items: Arc::new(items), i: 0, name: "_collections._deque_iterator" })
}

fn construct(vm: &mut Vm, _c: &Arc<Class>, a: A, k: K) -> PyResult<Value> {
    new_deque(vm, a, k)
}

fn deque_repr(vm: &mut Vm, o: &Value) -> PyResult<String> {
    let (items, maxlen) = with_d(o, |d, m| (d.iter().cloned().collect::<Vec<_>>(), m));
    let r = vm.repr(&Value::list(items))?;
    Ok(match maxlen {
        Some(m) => format!("deque({r}, maxlen={m})"),
        None => format!("deque({r})"),
    })
}

fn deque_getitem(_vm: &mut Vm, o: &Value, k: &Value) -> PyResult<Value> {
    let i = match k {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => return Err(type_error(format!("sequence index must be integer, not '{}'", type_name(k)))),
    };
    with_d(o, |d, _| crate::vm::ops::norm_index(i, d.len()).map(|i| d[i].clone())).ok_or_else(|| ExcType::IndexError.msg("deque index out of range"))
}

fn deque_len(o: &Value) -> usize {
    with_d(o, |d, _| d.len())
}

pub fn new_deque(vm: &mut Vm, a: A, k: K) -> PyResult<Value> {
    let maxlen = a.get(1).cloned().or_else(|| k.iter().find(|(n, _)| &**n == "maxlen").map(|(_, v)| v.clone()));
    let maxlen = match maxlen {
        None | Some(Value::None) => None,
        Some(v) => {
            let m = to_int(&v)?;
            if m < 0 {
                return Err(value_error("maxlen must be non-negative"));
            }
            Some(m as usize)
        }
    };
    let mut d = VecDeque::new();
    if let Some(src) = a.first() {
        for x in vm.to_vec(src)? {
            d.push_back(x);
            if let Some(m) = maxlen {
                if d.len() > m {
                    d.pop_front();
                }
            }
        }
    }
    Ok(Value::Native(Arc::new(Native { class: deque_class(), data: std::sync::Mutex::new(NativeData::opaque(Deque { items: d, maxlen })) })))
}

fn with_d<R>(o: &Value, f: impl FnOnce(&mut VecDeque<Value>, Option<usize>) -> R) -> R {
    let Value::Native(n) = o else { panic!("deque receiver") };
    let mut g = lock(&n.data);
    match g.downcast_mut::<Deque>() {
        Some(d) => f(&mut d.items, d.maxlen),
        None => f(&mut VecDeque::new(), None),
    }
}

fn d_append(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let v = a.get(1).cloned().ok_or_else(|| type_error("deque.append() takes exactly one argument (0 given)"))?;
    with_d(crate::vm::builtins::arg(&a, 0)?, |d, m| {
        d.push_back(v);
        if let Some(m) = m {
            if d.len() > m {
                d.pop_front();
            }
        }
    });
    Ok(Value::None)
}
fn d_appendleft(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let v = a.get(1).cloned().ok_or_else(|| type_error("deque.appendleft() takes exactly one argument (0 given)"))?;
    with_d(crate::vm::builtins::arg(&a, 0)?, |d, m| {
        d.push_front(v);
        if let Some(m) = m {
            if d.len() > m {
                d.pop_back();
            }
        }
    });
    Ok(Value::None)
}
fn d_pop(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    with_d(crate::vm::builtins::arg(&a, 0)?, |d, _| d.pop_back()).ok_or_else(|| ExcType::IndexError.msg("pop from an empty deque"))
}
fn d_popleft(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    with_d(crate::vm::builtins::arg(&a, 0)?, |d, _| d.pop_front()).ok_or_else(|| ExcType::IndexError.msg("pop from an empty deque"))
}
fn d_extend(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let items = vm.to_vec(a.get(1).unwrap_or(&Value::None))?;
    with_d(crate::vm::builtins::arg(&a, 0)?, |d, m| {
        for x in items {
            d.push_back(x);
            if let Some(m) = m {
                if d.len() > m {
                    d.pop_front();
                }
            }
        }
    });
    Ok(Value::None)
}
fn d_extendleft(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let items = vm.to_vec(a.get(1).unwrap_or(&Value::None))?;
    with_d(crate::vm::builtins::arg(&a, 0)?, |d, m| {
        for x in items {
            d.push_front(x);
            if let Some(m) = m {
                if d.len() > m {
                    d.pop_back();
                }
            }
        }
    });
    Ok(Value::None)
}
fn d_clear(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    with_d(crate::vm::builtins::arg(&a, 0)?, |d, _| d.clear());
    Ok(Value::None)
}
fn d_rotate(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let n = match a.get(1) {
        Some(v) => to_int(v)?,
        None => 1,
    };
    with_d(crate::vm::builtins::arg(&a, 0)?, |d, _| {
        if !d.is_empty() {
            let len = d.len() as i64;
            let k = n.rem_euclid(len) as usize;
            d.rotate_right(k);
        }
    });
    Ok(Value::None)
}
fn d_count(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let items: Vec<Value> = with_d(crate::vm::builtins::arg(&a, 0)?, |d, _| d.iter().cloned().collect());
    let mut n = 0;
    for x in items {
        if vm.eq(&x, a.get(1).unwrap_or(&Value::None))? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}
fn d_remove(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let items: Vec<Value> = with_d(crate::vm::builtins::arg(&a, 0)?, |d, _| d.iter().cloned().collect());
    for (i, x) in items.iter().enumerate() {
        if vm.eq(x, a.get(1).unwrap_or(&Value::None))? {
            with_d(crate::vm::builtins::arg(&a, 0)?, |d, _| d.remove(i));
            return Ok(Value::None);
        }
    }
    Err(value_error("deque.remove(x): x not in deque"))
}
fn d_copy(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let (items, m): (Vec<Value>, Option<usize>) = with_d(crate::vm::builtins::arg(&a, 0)?, |d, m| (d.iter().cloned().collect(), m));
    new_deque(vm, vec![Value::list(items), m.map(|x| Value::Int(x as i64)).unwrap_or(Value::None)], vec![])
}

pub fn deque_attr(o: &Value, name: &str) -> Option<Value> {
    Some(match name {
        "append" => bound("append", o, d_append),
        "appendleft" => bound("appendleft", o, d_appendleft),
        "pop" => bound("pop", o, d_pop),
        "popleft" => bound("popleft", o, d_popleft),
        "extend" => bound("extend", o, d_extend),
        "extendleft" => bound("extendleft", o, d_extendleft),
        "clear" => bound("clear", o, d_clear),
        "rotate" => bound("rotate", o, d_rotate),
        "count" => bound("count", o, d_count),
        "remove" => bound("remove", o, d_remove),
        "copy" => bound("copy", o, d_copy),
        "maxlen" => with_d(o, |_, m| m.map(|x| Value::Int(x as i64)).unwrap_or(Value::None)),
        _ => return None,
    })
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    ns.set(intern("deque"), Value::Class(deque_class()));
    Ok(())
}

// ---- _itertools ----
fn i_count(_vm: &mut Vm, a: A, k: K) -> PyResult<Value> {
    let start = a.first().cloned().or_else(|| k.iter().find(|(n, _)| &**n == "start").map(|(_, v)| v.clone())).unwrap_or(Value::Int(0));
    let step = a.get(1).cloned().or_else(|| k.iter().find(|(n, _)| &**n == "step").map(|(_, v)| v.clone())).unwrap_or(Value::Int(1));
    Ok(new_iter(IterKind::Count { cur: start, step }))
}
fn i_cycle(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let inner = vm.get_iter(a.first().unwrap_or(&Value::None))?;
    Ok(new_iter(IterKind::Cycle { saved: vec![], inner: Some(inner), i: 0 }))
}
fn i_repeat(_vm: &mut Vm, a: A, k: K) -> PyResult<Value> {
    let times = a.get(1).cloned().or_else(|| k.iter().find(|(n, _)| &**n == "times").map(|(_, v)| v.clone()));
    let left = match times {
        Some(t) => Some(to_int(&t)?.max(0)),
        None => None,
    };
    Ok(new_iter(IterKind::Repeat { v: a.first().cloned().unwrap_or(Value::None), left }))
}
fn i_chain(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(new_iter(IterKind::Chain { iters: a, i: 0 }))
}
fn i_chain_from(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let iters = vm.to_vec(a.first().unwrap_or(&Value::None))?;
    Ok(new_iter(IterKind::Chain { iters, i: 0 }))
}
fn i_islice(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let inner = vm.get_iter(a.first().unwrap_or(&Value::None))?;
    let opt = |v: Option<&Value>| -> PyResult<Option<i64>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(x) => Ok(Some(to_int(x)?)),
        }
    };
    let (start, stop, step) = match a.len() {
        2 => (0, opt(a.get(1))?, 1),
        3 => (opt(a.get(1))?.unwrap_or(0), opt(a.get(2))?, 1),
        _ => (opt(a.get(1))?.unwrap_or(0), opt(a.get(2))?, opt(a.get(3))?.unwrap_or(1)),
    };
    if start < 0 || stop.map(|s| s < 0).unwrap_or(false) || step <= 0 {
        return Err(value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
    }
    Ok(new_iter(IterKind::Islice { inner, next: start, stop, step, pos: 0 }))
}
fn i_takewhile(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let inner = vm.get_iter(a.get(1).unwrap_or(&Value::None))?;
    Ok(new_iter(IterKind::TakeWhile { f: crate::vm::builtins::arg(&a, 0)?.clone(), inner, done: false }))
}
fn i_dropwhile(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let inner = vm.get_iter(a.get(1).unwrap_or(&Value::None))?;
    Ok(new_iter(IterKind::DropWhile { f: crate::vm::builtins::arg(&a, 0)?.clone(), inner, dropping: true }))
}

pub fn init_itertools(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "count", i_count);
    def(ns, "cycle", i_cycle);
    def(ns, "repeat", i_repeat);
    def(ns, "chain", i_chain);
    def(ns, "_chain_from_iterable", i_chain_from);
    def(ns, "islice", i_islice);
    def(ns, "takewhile", i_takewhile);
    def(ns, "dropwhile", i_dropwhile);
    Ok(())
}
