//! The modules learners import.
//!
//! The registry (`find`) maps a module name to either a native initialiser (Rust) or
//! Python source embedded in the binary. Issue 4 adds `_thread` (native) and
//! `threading` / `queue` (Python source over `_thread`, as CPython does) here.

pub mod collections;
pub mod hashlib;
pub mod math;
pub mod random;
pub mod stack;
pub mod sys;
pub mod thread;
pub mod sre;
pub mod time;
pub mod weakref;

use crate::vm::builtins::bf;
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::{Arc, OnceLock};

pub use crate::vm::import::ModuleSource;

/// A NativeType with only attribute lookup.
pub const fn attrs_only(getattr: fn(&Value, &str) -> Option<Value>) -> NativeType {
    NativeType { construct: None, getattr, repr: None, getitem: None, len: None, setitem: None, iter: None }
}

/// The library: every module a program can import (`vm::import::Library`).
pub fn find(name: &str) -> Option<ModuleSource> {
    Some(match name {
        "sys" => ModuleSource::Native(sys::init),
        "time" => ModuleSource::Native(time::init),
        "math" => ModuleSource::Native(math::init),
        "random" => ModuleSource::Native(random::init),
        "hashlib" => ModuleSource::Native(hashlib::init),
        "_collections" => ModuleSource::Native(collections::init),
        "_itertools" => ModuleSource::Native(collections::init_itertools),
        "collections" => ModuleSource::Python(include_str!("py/collections.py")),
        "itertools" => ModuleSource::Python(include_str!("py/itertools.py")),
        "functools" => ModuleSource::Python(include_str!("py/functools.py")),
        "_thread" => ModuleSource::Native(thread::init),
        "threading" => ModuleSource::Python(include_str!("py/threading.py")),
        "queue" => ModuleSource::Python(include_str!("py/queue.py")),
        "heapq" => ModuleSource::Python(include_str!("py/heapq.py")),
        "io" => ModuleSource::Python(include_str!("py/io.py")),
        "concurrent" => ModuleSource::Python(include_str!("py/concurrent/__init__.py")),
        "concurrent.futures" => ModuleSource::Python(include_str!("py/concurrent/futures/__init__.py")),
        "concurrent.futures._base" => ModuleSource::Python(include_str!("py/concurrent/futures/_base.py")),
        "concurrent.futures.thread" => ModuleSource::Python(include_str!("py/concurrent/futures/thread.py")),
        "__future__" => ModuleSource::Python(include_str!("py/__future__.py")),
        "dataclasses" => ModuleSource::Python(include_str!("py/dataclasses.py")),
        "bisect" => ModuleSource::Python(include_str!("py/bisect.py")),
        "operator" => ModuleSource::Python(include_str!("py/operator.py")),
        "copy" => ModuleSource::Python(include_str!("py/copy.py")),
        "enum" => ModuleSource::Python(include_str!("py/enum.py")),
        "contextlib" => ModuleSource::Python(include_str!("py/contextlib.py")),
        "abc" => ModuleSource::Python(include_str!("py/abc.py")),
        "types" => ModuleSource::Python(include_str!("py/types.py")),
        "atexit" => ModuleSource::Python(include_str!("py/atexit.py")),
        "gc" => ModuleSource::Python(include_str!("py/gc.py")),
        "string" => ModuleSource::Python(include_str!("py/string.py")),
        "warnings" => ModuleSource::Python(include_str!("py/warnings.py")),
        "typing" => ModuleSource::Python(include_str!("py/typing.py")),
        "json" => ModuleSource::Python(include_str!("py/json/__init__.py")),
        "os" => ModuleSource::Python(include_str!("py/os/__init__.py")),
        "os.path" => ModuleSource::Python(include_str!("py/os/path.py")),
        "textwrap" => ModuleSource::Python(include_str!("py/textwrap.py")),
        "_weakref" => ModuleSource::Native(weakref::init),
        "weakref" => ModuleSource::Python(include_str!("py/weakref.py")),
        "statistics" => ModuleSource::Python(include_str!("py/statistics.py")),
        "datetime" => ModuleSource::Python(include_str!("py/datetime.py")),
        "_sre" => ModuleSource::Native(sre::init),
        "re" => ModuleSource::Python(include_str!("py/re.py")),
        "unittest" => ModuleSource::Python(include_str!("py/unittest/__init__.py")),
        "collections.abc" => ModuleSource::Python(include_str!("py/collections_abc.py")),
        "array" => ModuleSource::Python(include_str!("py/array.py")),
        // Debugging (lesson 12): logging, traceback, faulthandler over `_stack`.
        "_stack" => ModuleSource::Native(stack::init),
        "logging" => ModuleSource::Python(include_str!("py/logging.py")),
        "traceback" => ModuleSource::Python(include_str!("py/traceback.py")),
        "faulthandler" => ModuleSource::Python(include_str!("py/faulthandler.py")),
        _ => return None,
    })
}

/// Register a native function in a module namespace.
pub fn def(ns: &Arc<Namespace>, name: &'static str, f: fn(&mut Vm, Vec<Value>, Vec<(Name, Value)>) -> PyResult<Value>) {
    ns.set(intern(name), bf(name, f));
}

/// A native class (base object) whose behaviour is given by `native`.
pub fn native_class(name: &'static str, module: &'static str, native: &'static NativeType) -> Arc<Class> {
    new_native_class(name, module, native)
}

/// A builtin function bound to a receiver (methods of native objects).
pub fn bound(name: &'static str, recv: &Value, f: fn(&mut Vm, Vec<Value>, Vec<(Name, Value)>) -> PyResult<Value>) -> Value {
    Value::Builtin(Arc::new(BuiltinFn { name, module: "", f, bound: Some(recv.clone()) }))
}
