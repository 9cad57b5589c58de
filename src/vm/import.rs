//! Imports: the module cache, the library's modules (native or embedded Python,
//! compiled once per process), and CPython's ModuleNotFoundError.

use super::code::*;
use super::types::*;
use super::value::*;
use std::sync::{Arc, Mutex};
use super::interp::*;

impl Vm {
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = lock(&self.interp.modules).get(name).cloned() {
            return Ok(m);
        }
        // A submodule: import its package first, then bind it as the package's attribute.
        if let Some((parent, child)) = name.rsplit_once('.') {
            let p = self.import(parent)?;
            if crate::stdlib::find(name).is_none() {
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
        let m = match crate::stdlib::find(name) {
            Some(crate::stdlib::ModuleSource::Native(init)) => {
                let ns = Namespace::new();
                ns.set(intern("__name__"), Value::str(name));
                init(self, &ns)?;
                Value::Module(Arc::new(Module { name: intern(name), ns }))
            }
            Some(crate::stdlib::ModuleSource::Python(src)) => {
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

    // ---------------- tracebacks ----------------
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
    let code = crate::python::compile(src, filename).map_err(|e| ExcType::SyntaxError.msg(e.msg))?;
    lock(cache).insert(intern(name), code.clone());
    Ok(code)
}
