//! `_stack`: the calling thread's Python stack as plain tuples, for `traceback`
//! (`extract_stack`, `print_stack`) and `faulthandler.dump_traceback`. The engine has
//! no frame objects, so these modules read the frames through this instead.

use super::*;

type A = Vec<Value>;
type K = Vec<(Name, Value)>;

/// `extract()` -> [(filename, lineno, name, line), ...], outermost first, ending with
/// the frame that called `extract` (its caller in Python, not this native function).
fn extract(vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    let sources = lock(&vm.interp.sources).clone();
    let entries = vm
        .frames
        .iter()
        .map(|f| {
            let line = f.line();
            let text = sources
                .get(&*f.code.filename)
                .and_then(|s| s.lines().nth((line as usize).wrapping_sub(1)))
                .map(|l| l.trim().to_string())
                .unwrap_or_default();
            Value::tuple(vec![
                Value::str(&f.code.filename),
                Value::Int(line as i64),
                Value::str(&f.code.name),
                Value::string(text),
            ])
        })
        .collect();
    Ok(Value::list(entries))
}

/// `source_line(filename, lineno)` -> the stripped source line, or "" (linecache's job).
fn source_line(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let file = match a.first() {
        Some(Value::Str(s)) => s.s.clone(),
        _ => return Ok(Value::str("")),
    };
    let n = match a.get(1) {
        Some(Value::Int(n)) => *n,
        _ => return Ok(Value::str("")),
    };
    let sources = lock(&vm.interp.sources);
    let text = sources
        .get(&*file)
        .and_then(|s| s.lines().nth((n as usize).wrapping_sub(1)))
        .map(|l| l.trim().to_string())
        .unwrap_or_default();
    Ok(Value::string(text))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "extract", extract);
    def(ns, "source_line", source_line);
    Ok(())
}
