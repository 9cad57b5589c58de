//! The builtin types, one file each: a type's methods sit in ONE static table
//! ([`Method`] entries), which attribute lookup (`has_method`, `builtin_getattr`) and
//! calls (`call_method`) both read, next to the type's constructor (`new`).

pub mod bytes;
pub mod descr;
pub mod dict;
pub mod float;
pub mod generator;
pub mod generic;
pub mod int;
pub mod iterator;
pub mod list;
pub mod object;
pub mod range;
pub mod set;
pub mod slice;
pub mod str;
pub mod tuple;
pub mod typeobj;

use super::interp::Vm;
use super::types::*;
use super::value::*;

pub type Args = Vec<Value>;
pub type Kw = Vec<(Name, Value)>;
/// A method of a builtin type: (vm, self, args, kwargs).
pub type MethodFn = fn(&mut Vm, &Value, Args, Kw) -> PyResult<Value>;

pub struct Method {
    pub name: &'static str,
    pub f: MethodFn,
}

/// `method!("name", imp)`: a table entry calling `imp(vm, self, "name", args, kw)`, so
/// one implementation can serve several names (split / rsplit).
macro_rules! method {
    ($name:literal, $imp:path) => {
        $crate::vm::objects::Method { name: $name, f: |vm, o, a, kw| $imp(vm, o, $name, a, kw) }
    };
}
pub(crate) use method;

/// The method table of a builtin kind (empty for kinds without one).
pub fn table(kind: Kind) -> &'static [Method] {
    match kind {
        Kind::Str => str::METHODS,
        Kind::Bytes => bytes::METHODS,
        Kind::List => list::METHODS,
        Kind::Tuple => tuple::METHODS,
        Kind::Dict => dict::METHODS,
        Kind::Set => set::METHODS,
        Kind::FrozenSet => set::FROZENSET_METHODS,
        Kind::Int | Kind::Bool => int::METHODS,
        Kind::Float => float::METHODS,
        Kind::Range => range::METHODS,
        Kind::Slice => slice::METHODS,
        Kind::Generator => generator::METHODS,
        Kind::Iterator => iterator::METHODS,
        Kind::Object | Kind::Exception | Kind::User => object::METHODS,
        Kind::Type => typeobj::METHODS,
        _ => &[],
    }
}

/// The entry named `name` in `t`.
pub fn find(t: &'static [Method], name: &str) -> Option<MethodFn> {
    t.iter().find(|m| m.name == name).map(|m| m.f)
}

/// The kind whose table serves a value's methods, for values with one.
pub fn value_kind(v: &Value) -> Option<Kind> {
    Some(match v {
        Value::Str(_) => Kind::Str,
        Value::Bytes(_) => Kind::Bytes,
        Value::List(_) => Kind::List,
        Value::Tuple(_) => Kind::Tuple,
        Value::Dict(_) => Kind::Dict,
        Value::Set(_) => Kind::Set,
        Value::FrozenSet(_) => Kind::FrozenSet,
        Value::Int(_) | Value::Big(_) => Kind::Int,
        Value::Bool(_) => Kind::Bool,
        Value::Float(_) => Kind::Float,
        Value::Gen(_) => Kind::Generator,
        Value::Iter(_) => Kind::Iterator,
        _ => return None,
    })
}

/// Whether values of `kind` not finding a name in their table fall back to the
/// [`generic`] dunders (str, generators and iterators do not).
pub fn has_generic_fallback(kind: Kind) -> bool {
    matches!(kind, Kind::Bytes | Kind::List | Kind::Tuple | Kind::Dict | Kind::Set | Kind::FrozenSet | Kind::Int | Kind::Bool | Kind::Float)
}

/// A method of `ty` called on a value of another type (`str.upper(5)`).
pub fn wrong_self(ty: &str, o: &Value) -> Value {
    type_error(format!("descriptor for '{ty}' objects doesn't apply to a '{}' object", type_name(o)))
}

pub fn kwarg(kw: &Kw, name: &str) -> Option<Value> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
}

/// Argument-count check with CPython's wording.
pub fn nargs(name: &str, a: &Args, min: usize, max: usize) -> PyResult<()> {
    if a.len() < min || a.len() > max {
        if min == max {
            if min == 1 {
                return Err(type_error(format!("{name}() takes exactly one argument ({} given)", a.len())));
            }
            return Err(type_error(format!("{name} expected {min} arguments, got {}", a.len())));
        }
        if a.len() < min {
            return Err(type_error(format!("{name} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, a.len())));
        }
        return Err(type_error(format!("{name} expected at most {max} argument{}, got {}", if max == 1 { "" } else { "s" }, a.len())));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod testing {
    //! A VM for the tables' unit tests, and the checks every table must pass.
    use super::*;
    use crate::runtime::native_host::NativeHost;
    use crate::vm::host::SingleThread;
    use std::sync::Arc;

    pub fn vm() -> Vm {
        let interp = crate::vm::interp::Interpreter::new(Arc::new(NativeHost::capturing()), Arc::new(SingleThread), vec![], crate::stdlib::find);
        let code = interp.compile("", "<test>").unwrap_or_else(|_| panic!("compile"));
        interp.main_thread(code, "__main__")
    }

    /// Every name in `t` is unique and `getattr(sample, name)` finds it.
    pub fn check_table(t: &'static [Method], sample: Value) {
        let mut vm = vm();
        let mut seen = std::collections::HashSet::new();
        for m in t {
            assert!(seen.insert(m.name), "duplicate table entry {}", m.name);
            let r = crate::vm::builtins::builtin_getattr(&mut vm, &sample, m.name);
            assert!(r.is_ok(), "{}.{} not reachable through getattr", type_name(&sample), m.name);
        }
    }

    /// Run a program; its stdout and stderr.
    pub fn run(src: &str) -> (String, String) {
        let host = Arc::new(NativeHost::capturing());
        crate::vm::run_main(src, "<test>", vec![], host.clone(), crate::stdlib::find);
        host.captured()
    }

    /// `print(repr(expr))` for each expression, one output line each; errors print
    /// as `Type: message`.
    pub fn reprs(exprs: &[&str]) -> Vec<String> {
        let mut src = String::new();
        for e in exprs {
            src.push_str(&format!("try:\n    print(repr({e}))\nexcept Exception as ex:\n    print(type(ex).__name__ + ': ' + str(ex))\n"));
        }
        let (out, err) = run(&src);
        assert!(err.is_empty(), "{err}");
        out.lines().map(String::from).collect()
    }
}
