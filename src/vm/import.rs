//! Imports: the module cache, the library's modules (native or embedded Python,
//! compiled once per process), and CPython's ModuleNotFoundError.

use super::code::*;
use super::types::*;
use super::value::*;
use std::sync::{Arc, Mutex};
use super::frame::Frame;
use super::interp::*;
use super::host::LocalModule;

/// A native module's initialiser: fills the module's namespace.
pub type ModuleInit = fn(&mut Vm, &Arc<Namespace>) -> PyResult<()>;

/// Where a library module comes from.
pub enum ModuleSource {
    /// Written in Rust.
    Native(ModuleInit),
    /// Python source embedded in the binary, compiled on first import.
    Python(&'static str),
    /// A module the library has but could not load now (its source could not be
    /// fetched): a ModuleNotFoundError that says why.
    Unavailable(String),
}

/// The modules a program can import, by name. The VM does not know them: whoever makes
/// the [`Interpreter`] hands it one (`stdlib::find`), so vm depends on no library.
pub type Library = fn(&str) -> Option<ModuleSource>;

impl Vm {
    /// `import name` (dotted names import each package first).
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some((_, m)) = self.importing.iter().rev().find(|(n, _)| &**n == name) {
            return Ok(m.clone());
        }
        if let Some(m) = lock(&self.interp.modules).get(name).cloned() {
            return Ok(m);
        }
        // A submodule: import its package first, then bind it as the package's attribute.
        if let Some((parent, child)) = name.rsplit_once('.') {
            let p = self.import(parent)?;
            let Some(found) = self.find_module(name) else {
                // A folder with an `__init__.py` is a package (it has `__path__`).
                let package = matches!(&p, Value::Module(pm) if pm.ns.get("__path__").is_some());
                let why = if package { String::new() } else { format!("; '{parent}' is not a package") };
                return Err(ExcType::ModuleNotFoundError.msg(format!("No module named '{name}'{why}")));
            };
            let m = self.load_module(name, found)?;
            if let Value::Module(pm) = &p {
                pm.ns.set(intern(child), m.clone());
            }
            return Ok(m);
        }
        self.import_one(name)
    }

    pub(crate) fn import_one(&mut self, name: &str) -> PyResult<Value> {
        match self.find_module(name) {
            Some(found) => self.load_module(name, found),
            None => Err(ExcType::ModuleNotFoundError.msg(format!("No module named '{name}'"))),
        }
    }

    /// Where `import name` finds its module: the library's native modules first (like
    /// CPython's built-in modules, a file cannot shadow them), then the program's own
    /// folder, then the library's Python modules (a learner's `random.py` beside the
    /// program shadows `random`, as it does in CPython).
    fn find_module(&self, name: &str) -> Option<Found> {
        match (self.interp.library)(name) {
            Some(native @ ModuleSource::Native(_)) => Some(Found::Library(native)),
            library => match self.interp.host.local_module(name) {
                Some(local) => Some(Found::Local(local)),
                None => library.map(Found::Library),
            },
        }
    }

    /// Runs a module's code in a new module object, registered before it runs (so
    /// circular imports see the half-made module, as in CPython).
    ///
    /// A library module is registered for this thread only until its code has run, then
    /// published; if another thread published it meanwhile, that one is kept and used.
    /// So a thread never sees a library module another thread is still making (CPython
    /// makes it wait on the module's import lock: two threads calling `open()` first at
    /// once would otherwise find `io` without `open`). A learner's module is shared
    /// half-made, as CPython shows it to its own circular imports.
    /// `local` is the learner's file: its `__file__`, and `__path__` for a package (set
    /// before `__init__.py` runs, as CPython does).
    fn run_module(&mut self, name: &str, code: Arc<Code>, local: Option<&LocalModule>) -> PyResult<Value> {
        let ns = Namespace::with_capacity(code.names.len() + 4);
        ns.set(intern("__name__"), Value::str(name));
        if let Some(local) = local {
            ns.set(intern("__file__"), Value::str(&local.filename));
            if local.package {
                let dir = std::path::Path::new(&local.filename).parent().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
                ns.set(intern("__path__"), Value::list(vec![Value::str(&dir)]));
            }
        }
        let m = Value::Module(Arc::new(Module { name: intern(name), ns: ns.clone() }));
        if local.is_some() {
            lock(&self.interp.modules).insert(intern(name), m.clone());
        } else {
            self.importing.push((intern(name), m.clone()));
        }
        let func = Value::Func(Arc::new(Function {
            name: Mutex::new(code.name.clone()),
            qualname: code.qualname.clone(),
            code,
            globals: ns,
            defaults: vec![],
            kwdefaults: vec![],
            closure: vec![],
            dict: Mutex::new(vec![]),
        }));
        let ran = self.call(&func, vec![]);
        if local.is_none() {
            if let Some(i) = self.importing.iter().rposition(|(n, _)| &**n == name) {
                self.importing.remove(i);
            }
        }
        if let Err(e) = ran {
            // A module whose code failed is not importable (CPython removes it too).
            if local.is_some() {
                lock(&self.interp.modules).remove(name);
            }
            return Err(e);
        }
        Ok(lock(&self.interp.modules).entry(intern(name)).or_insert(m).clone())
    }

    fn load_module(&mut self, name: &str, found: Found) -> PyResult<Value> {
        let source = match found {
            Found::Library(source) => source,
            Found::Local(local) => {
                // The learner's file: compiled for this program only (it may change).
                let code = crate::python::compile(&local.source, &local.filename)
                    .map(Code::load)
                    .map_err(|e| ExcType::SyntaxError.msg(e.msg))?;
                lock(&self.interp.sources).insert(intern(&local.filename), Arc::from(local.source.as_str()));
                return self.run_module(name, code, Some(&local));
            }
        };
        let m = match source {
            ModuleSource::Native(init) => {
                let ns = Namespace::new();
                ns.set(intern("__name__"), Value::str(name));
                init(self, &ns)?;
                Value::Module(Arc::new(Module { name: intern(name), ns }))
            }
            ModuleSource::Python(src) => {
                let filename = format!("<frozen {name}>");
                let code = stdlib_code(&self.interp, name, src, &filename)?;
                self.run_module(name, code, None)?
            }
            ModuleSource::Unavailable(why) => {
                return Err(ExcType::ModuleNotFoundError.msg(format!("No module named '{name}' ({why})")))
            }
        };
        Ok(lock(&self.interp.modules).entry(intern(name)).or_insert(m).clone())
    }
}

/// What [`Vm::find_module`] found.
enum Found {
    Library(ModuleSource),
    Local(LocalModule),
}

/// The library's own Python modules are compiled once per process and shared by every
/// program after that (code objects are immutable): `import threading` costs its
/// compile only on the first run, which matters for 200-run race histograms.
pub(crate) fn stdlib_code(interp: &Interpreter, name: &str, src: &'static str, filename: &str) -> PyResult<Arc<Code>> {
    static CACHE: std::sync::OnceLock<Mutex<FxMap<Name, Arc<Code>>>> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // Tracebacks read the source from the interpreter.
    lock(&interp.sources).insert(intern(filename), Arc::from(src));
    if let Some(c) = lock(cache).get(name) {
        return Ok(c.clone());
    }
    let code = crate::python::compile(src, filename).map(Code::load).map_err(|e| ExcType::SyntaxError.msg(e.msg))?;
    lock(cache).insert(intern(name), code.clone());
    Ok(code)
}

/// Opcode bodies called from the eval loop.
impl Vm {
    /// IMPORT_FROM: push attribute `names[i]` of the module on top (importing a submodule if needed).
    #[inline(never)]
    pub(crate) fn import_from(&mut self, f: &mut Frame, i: u32) -> PyResult<()> {
        let code = f.code.clone();
        let m = f.stack.last().unwrap().clone();
        let n = &code.names[i as usize];
        let v = match self.getattr(&m, n) {
            Ok(v) => v,
            Err(_) if matches!(&m, Value::Module(mm) if self.find_module(&format!("{}.{n}", mm.name)).is_some()) => {
                let Value::Module(mm) = &m else { unreachable!() };
                let full = format!("{}.{n}", mm.name);
                self.import(&full)?
            }
            Err(_) => {
                let mn = if let Value::Module(m) = &m { m.name.to_string() } else { "?".into() };
                return Err(ExcType::ImportError.msg(format!("cannot import name '{n}' from '{mn}' (unknown location)")))
            }
        };
        f.stack.push(v);
        Ok(())
    }

    /// IMPORT_STAR: pop a module, copy its public names into the current namespace.
    #[inline(never)]
    pub(crate) fn import_star(&mut self, f: &mut Frame) -> PyResult<()> {
        let m = f.stack.pop().unwrap();
        if let Value::Module(m) = m {
            let items: Vec<(Name, Value)> = lock(&m.ns.map).iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect();
            let ns = f.names.clone().unwrap_or_else(|| f.globals.clone());
            for (k, v) in items {
                ns.set(k, v);
            }
        }
        Ok(())
    }
}
