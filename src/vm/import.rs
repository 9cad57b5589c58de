//! Imports: the module cache, the library's modules (native or embedded Python,
//! compiled once per process), and CPython's ModuleNotFoundError.

use super::code::*;
use super::types::*;
use super::value::*;
use std::sync::{Arc, Mutex};
use super::frame::Frame;
use super::interp::*;

/// A native module's initialiser: fills the module's namespace.
pub type ModuleInit = fn(&mut Vm, &Arc<Namespace>) -> PyResult<()>;

/// Where a library module comes from.
pub enum ModuleSource {
    /// Written in Rust.
    Native(ModuleInit),
    /// Python source embedded in the binary, compiled on first import.
    Python(&'static str),
}

/// The modules a program can import, by name. The VM does not know them: whoever makes
/// the [`Interpreter`] hands it one (`stdlib::find`), so vm depends on no library.
pub type Library = fn(&str) -> Option<ModuleSource>;

impl Vm {
    /// `import name` (dotted names import each package first).
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = lock(&self.interp.modules).get(name).cloned() {
            return Ok(m);
        }
        // A submodule: import its package first, then bind it as the package's attribute.
        if let Some((parent, child)) = name.rsplit_once('.') {
            let p = self.import(parent)?;
            if (self.interp.library)(name).is_none() {
                return Err(ExcType::ModuleNotFoundError.msg(format!("No module named '{name}'; '{parent}' is not a package")));
            }
            let m = self.import_one(name)?;
            if let Value::Module(pm) = &p {
                pm.ns.set(intern(child), m.clone());
            }
            return Ok(m);
        }
        self.import_one(name)
    }

    pub(crate) fn import_one(&mut self, name: &str) -> PyResult<Value> {
        let m = match (self.interp.library)(name) {
            Some(ModuleSource::Native(init)) => {
                let ns = Namespace::new();
                ns.set(intern("__name__"), Value::str(name));
                init(self, &ns)?;
                Value::Module(Arc::new(Module { name: intern(name), ns }))
            }
            Some(ModuleSource::Python(src)) => {
                let filename = format!("<frozen {name}>");
                let code = stdlib_code(&self.interp, name, src, &filename)?;
                let ns = Namespace::new();
                ns.set(intern("__name__"), Value::str(name));
                let m = Value::Module(Arc::new(Module { name: intern(name), ns: ns.clone() }));
                lock(&self.interp.modules).insert(intern(name), m.clone());
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
                self.call(&func, vec![])?;
                m
            }
            None => return Err(ExcType::ModuleNotFoundError.msg(format!("No module named '{name}'"))),
        };
        lock(&self.interp.modules).insert(intern(name), m.clone());
        Ok(m)
    }
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
            Err(_) if matches!(&m, Value::Module(mm) if (self.interp.library)(&format!("{}.{n}", mm.name)).is_some()) => {
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
