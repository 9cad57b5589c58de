//! sys
use super::*;
use crate::vm::value::*;

fn exit(_vm: &mut Vm, a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    Err(ExcType::SystemExit.with(a))
}
fn getswitchinterval(vm: &mut Vm, _a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Float(*lock(&vm.interp.switch_interval)))
}
fn setswitchinterval(vm: &mut Vm, a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    let v = a.first().and_then(crate::vm::ops::to_f64).ok_or_else(|| type_error("must be real number"))?;
    if v <= 0.0 {
        return Err(value_error("switch interval must be strictly positive"));
    }
    *lock(&vm.interp.switch_interval) = v;
    Ok(Value::None)
}
fn getrecursionlimit(vm: &mut Vm, _a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Int(vm.interp.recursion_limit.load(std::sync::atomic::Ordering::Relaxed) as i64))
}
fn setrecursionlimit(vm: &mut Vm, a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    let n = crate::vm::builtins::to_int(a.first().unwrap_or(&Value::Int(1000)))?;
    if n < 1 {
        return Err(value_error("recursion limit must be greater or equal than 1"));
    }
    // Our frames are on the heap; still cap it so runaway recursion ends in RecursionError.
    vm.interp.recursion_limit.store((n as usize).min(100_000), std::sync::atomic::Ordering::Relaxed);
    Ok(Value::None)
}
fn stream_write(vm: &mut Vm, a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    let Value::Native(n) = crate::vm::builtins::arg(&a, 0)? else { return Ok(Value::None) };
    let which = if let NativeData::Stream(w) = &*lock(&n.data) { *w } else { 1 };
    let s = match a.get(1) {
        Some(Value::Str(s)) => s.s.clone(),
        Some(v) => return Err(type_error(format!("write() argument must be str, not {}", type_name(v)))),
        None => return Err(type_error("write() takes exactly one argument (0 given)")),
    };
    if which == 2 {
        vm.host().write_stderr(&s);
    } else {
        vm.host().write_stdout(&s);
    }
    Ok(Value::Int(s.chars().count() as i64))
}
fn stream_flush(vm: &mut Vm, _a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    vm.host().flush();
    Ok(Value::None)
}
static STREAM: NativeType = attrs_only(stream_attr);

pub fn stream_attr(o: &Value, name: &str) -> Option<Value> {
    match name {
        "write" => Some(bound("write", o, stream_write)),
        "flush" => Some(bound("flush", o, stream_flush)),
        _ => None,
    }
}

/// (type, value, traceback) of the exception being handled; the traceback is the
/// engine's own record (not None while an exception is handled).
fn exc_info(vm: &mut Vm, _a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(match vm.current_handled() {
        Some(e) => {
            let tb = match &e {
                Value::Inst(i) => i.get("__traceback__").unwrap_or(Value::None),
                _ => Value::None,
            };
            Value::tuple(vec![Value::Class(type_of(&e)), e, tb])
        }
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn exception(vm: &mut Vm, _a: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(vm.current_handled().unwrap_or(Value::None))
}

pub fn init(vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "exc_info", exc_info);
    def(ns, "exception", exception);
    let argv: Vec<Value> = lock(&vm.interp.argv).iter().map(|s| Value::str(s)).collect();
    ns.set(intern("argv"), Value::list(argv));
    def(ns, "exit", exit);
    def(ns, "getswitchinterval", getswitchinterval);
    def(ns, "setswitchinterval", setswitchinterval);
    def(ns, "getrecursionlimit", getrecursionlimit);
    def(ns, "setrecursionlimit", setrecursionlimit);
    let cls = native_class("TextIOWrapper", "_io", &STREAM);
    for (n, w) in [("stdout", 1u8), ("stderr", 2u8), ("__stdout__", 1), ("__stderr__", 2)] {
        ns.set(intern(n), Value::Native(Arc::new(Native { class: cls.clone(), data: std::sync::Mutex::new(NativeData::Stream(w)) })));
    }
    ns.set(intern("maxsize"), Value::Int(i64::MAX));
    ns.set(intern("version"), Value::str("3.11.0 (threadlab)"));
    ns.set(intern("version_info"), Value::tuple(vec![Value::Int(3), Value::Int(11), Value::Int(0), Value::str("final"), Value::Int(0)]));
    ns.set(intern("platform"), Value::str("threadlab"));
    ns.set(intern("byteorder"), Value::str("little"));
    ns.set(intern("path"), Value::list(vec![]));
    ns.set(intern("executable"), Value::str("threadlab"));
    Ok(())
}
