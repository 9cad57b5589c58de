//! The modules learners import.
//!
//! The registry (`find`) maps a module name to either a native initialiser (Rust) or
//! Python source embedded in the binary. Issue 4 adds `_thread` (native) and
//! `threading` / `queue` (Python source over `_thread`, as CPython does) here.

pub mod agen;
pub mod collections;
pub mod fs;
pub mod inspectinfo;
pub mod distext;
pub mod floatbits;
pub mod hashlib;
pub mod math;
pub mod mp;
pub mod net;
pub mod random;
pub mod stack;
pub mod sys;
pub mod testfault;
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
    NativeType { construct: None, getattr, repr: None, getitem: None, len: None, setitem: None, iter: None, take_values: None }
}

/// A module the first page does not need. Natively its source is in the binary; on
/// wasm it stays out of the first download (issue 10's 700 KB) and is fetched from the
/// site's `stdlib/` folder (build-site.sh copies src/stdlib/py there) on its first
/// import, by the host's [`FETCH`] hook, then kept for every later program.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! later {
    ($path:literal) => {
        ModuleSource::Python(include_str!(concat!("py/", $path)))
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! later {
    ($path:literal) => {
        fetched($path)
    };
}

/// How the host reads `stdlib/<path>` of the site, synchronously (the web layer sets
/// it: a synchronous request from the worker the program runs on).
pub static FETCH: OnceLock<fn(&str) -> Result<String, String>> = OnceLock::new();

/// The source of a fetched module, fetched once per page (the memory is shared by every
/// worker, so each module's source is downloaded and kept once).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn fetched(path: &'static str) -> ModuleSource {
    static SOURCES: std::sync::Mutex<Vec<(&'static str, &'static str)>> = std::sync::Mutex::new(Vec::new());
    let mut sources = SOURCES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, src)) = sources.iter().find(|(p, _)| *p == path) {
        return ModuleSource::Python(src);
    }
    let Some(fetch) = FETCH.get() else {
        return ModuleSource::Unavailable("this host cannot fetch library modules".into());
    };
    match fetch(path) {
        // Kept for the page's lifetime, as embedded sources are: one copy per module.
        Ok(text) => {
            let src: &'static str = Box::leak(text.into_boxed_str());
            sources.push((path, src));
            ModuleSource::Python(src)
        }
        Err(why) => ModuleSource::Unavailable(format!("its source could not be downloaded: {why}")),
    }
}

/// The modules a learner can import, by top-level name, for the page's hint under a
/// ModuleNotFoundError (the private helpers, `_fs` and the like, are left out).
pub const IMPORTABLE: &[&str] = &[
    "__future__", "_thread", "abc", "array", "asyncio", "atexit", "bisect", "builtins", "collections", "concurrent", "contextlib",
    "copy", "dataclasses", "datetime", "dis", "enum", "faulthandler", "fractions", "functools", "gc", "hashlib",
    "heapq", "http", "inspect", "io", "itertools", "json", "logging", "math", "multiprocessing", "operator", "os", "pprint", "queue",
    "random", "re", "requests", "secrets", "statistics", "string", "struct", "sys", "textwrap", "threading", "time",
    "traceback", "types", "typing", "unittest", "urllib", "uuid", "warnings", "weakref",
];

/// `builtins`: the names every module sees without importing them (`len`, `int`, ...).
fn init_builtins(vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    let all: Vec<(Name, Value)> = lock(&vm.interp.builtins.map).iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in all {
        ns.set(k, v);
    }
    Ok(())
}

/// The library: every module a program can import (`vm::import::Library`).
pub fn find(name: &str) -> Option<ModuleSource> {
    Some(match name {
        "sys" => ModuleSource::Native(sys::init),
        "builtins" => ModuleSource::Native(init_builtins),
        "time" => ModuleSource::Native(time::init),
        "math" => ModuleSource::Native(math::init),
        "random" => ModuleSource::Native(random::init),
        "hashlib" => ModuleSource::Native(hashlib::init),
        "_fs" => ModuleSource::Native(fs::init),
        // Processes (issue 11): multiprocessing and ProcessPoolExecutor over `_mp`.
        "_mp" => ModuleSource::Native(mp::init),
        "multiprocessing" => later!("multiprocessing/__init__.py"),
        "multiprocessing.context" => later!("multiprocessing/context.py"),
        "multiprocessing.reduction" => later!("multiprocessing/reduction.py"),
        "multiprocessing.process" => later!("multiprocessing/process.py"),
        "multiprocessing.queues" => later!("multiprocessing/queues.py"),
        "multiprocessing.connection" => later!("multiprocessing/connection.py"),
        "multiprocessing.synchronize" => later!("multiprocessing/synchronize.py"),
        "multiprocessing.sharedctypes" => later!("multiprocessing/sharedctypes.py"),
        "multiprocessing.pool" => later!("multiprocessing/pool.py"),
        "concurrent.futures.process" => later!("concurrent/futures/process.py"),
        // The network (issue 13): urllib and a requests of our own over `_net`.
        "_net" => ModuleSource::Native(net::init),
        "urllib" => later!("urllib/__init__.py"),
        "urllib.parse" => later!("urllib/parse.py"),
        "urllib.error" => later!("urllib/error.py"),
        "urllib.response" => later!("urllib/response.py"),
        "urllib.request" => later!("urllib/request.py"),
        "http" => later!("http/__init__.py"),
        "http.client" => later!("http/client.py"),
        "requests" => later!("requests/__init__.py"),
        "requests.exceptions" => later!("requests/exceptions.py"),
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
        "__future__" => later!("__future__.py"),
        "dataclasses" => later!("dataclasses.py"),
        "bisect" => later!("bisect.py"),
        "operator" => later!("operator.py"),
        "copy" => later!("copy.py"),
        "enum" => later!("enum.py"),
        "contextlib" => later!("contextlib.py"),
        "abc" => later!("abc.py"),
        "types" => later!("types.py"),
        "atexit" => ModuleSource::Python(include_str!("py/atexit.py")),
        "gc" => ModuleSource::Python(include_str!("py/gc.py")),
        "string" => later!("string.py"),
        "warnings" => later!("warnings.py"),
        "typing" => later!("typing.py"),
        "json" => later!("json/__init__.py"),
        "os" => later!("os/__init__.py"),
        "os.path" => later!("os/path.py"),
        "textwrap" => later!("textwrap.py"),
        "_weakref" => ModuleSource::Native(weakref::init),
        "weakref" => later!("weakref.py"),
        "statistics" => later!("statistics.py"),
        "datetime" => later!("datetime.py"),
        "_sre" => ModuleSource::Native(sre::init),
        "re" => later!("re.py"),
        "unittest" => later!("unittest/__init__.py"),
        "collections.abc" => later!("collections_abc.py"),
        "array" => later!("array.py"),
        "fractions" => later!("fractions.py"),
        "_inspect" => ModuleSource::Native(inspectinfo::init),
        "inspect" => later!("inspect.py"),
        "_dis" => ModuleSource::Native(distext::init),
        "dis" => later!("dis.py"),
        "_floatbits" => ModuleSource::Native(floatbits::init),
        "struct" => later!("struct.py"),
        "pprint" => later!("pprint.py"),
        "secrets" => later!("secrets.py"),
        "uuid" => later!("uuid.py"),
        // Coroutines on one thread (lesson 11 compares them with threads).
        "asyncio" => later!("asyncio.py"),
        // Async generators (an `async def` that yields): their protocol, in Python.
        "_agen" => ModuleSource::Native(agen::init),
        "_asyncgen" => later!("_asyncgen.py"),
        // Debugging (lesson 12): logging, traceback, faulthandler over `_stack`.
        "_stack" => ModuleSource::Native(stack::init),
        "logging" => later!("logging.py"),
        "traceback" => later!("traceback.py"),
        "faulthandler" => later!("faulthandler.py"),
        // Fault injection for tests; refuses to load unless the run was armed.
        "_testfault" => ModuleSource::Native(testfault::init),
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

#[cfg(test)]
mod tests {
    /// IMPORTABLE names every public module `find` knows, and only those.
    #[test]
    fn importable_lists_every_public_module() {
        let src = include_str!("mod.rs");
        let body = &src[src.find("pub fn find(").unwrap()..];
        let body = &body[..body.find("\n}\n").unwrap()];
        let mut public: Vec<&str> = body
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.split_once("\" =>").map(|(n, _)| n))
            .map(|n| n.split('.').next().unwrap())
            .filter(|n| !n.starts_with('_') || *n == "_thread" || *n == "__future__")
            .collect();
        public.sort();
        public.dedup();
        assert_eq!(public, super::IMPORTABLE);
        for n in super::IMPORTABLE {
            assert!(super::find(n).is_some(), "{n}");
        }
    }
}
