//! _fs: the run's file system (`vm::files`) for `io.open` and `os`: bytes in, bytes out,
//! errors as CPython's OSError subclasses (`[Errno 2] No such file or directory: 'x'`).
use super::*;
use crate::vm::exc::os_error;
use crate::vm::files::Files;
use crate::vm::host::HostDisk;

/// The path argument: a str (`os.PathLike` is not supported).
fn path_arg(a: &[Value], i: usize, f: &str) -> PyResult<String> {
    match a.get(i) {
        Some(Value::Str(s)) => Ok(s.s.clone()),
        Some(v) => Err(type_error(format!("{f}: path should be string, not {}", type_name(v)))),
        None => Err(type_error(format!("{f}() missing required argument 'path'"))),
    }
}

fn with_files<T>(vm: &Vm, f: impl FnOnce(&Files, &HostDisk) -> T) -> PyResult<T> {
    let host = vm.host();
    let files = host.files().ok_or_else(|| ExcType::OSError.msg("this run has no file system"))?;
    Ok(f(files, &HostDisk(host)))
}

fn fs_read(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let p = path_arg(&a, 0, "read")?;
    with_files(vm, |fs, disk| fs.read(&p, disk))?.map(|b| Value::Bytes(Arc::new(b))).map_err(|e| os_error(e, &p))
}

/// write(path, data, append, exclusive)
fn fs_write(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let p = path_arg(&a, 0, "write")?;
    let data = match a.get(1) {
        Some(Value::Bytes(b)) => b.clone(),
        _ => return Err(type_error("write: data must be bytes")),
    };
    let append = match a.get(2) { Some(v) => vm.truthy(v)?, None => false };
    let exclusive = match a.get(3) { Some(v) => vm.truthy(v)?, None => false };
    with_files(vm, |fs, disk| fs.write(&p, &data, append, exclusive, disk))?.map(|()| Value::None).map_err(|e| os_error(e, &p))
}

fn fs_exists(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let p = path_arg(&a, 0, "exists")?;
    Ok(Value::Bool(with_files(vm, |fs, disk| fs.exists(&p, disk))?))
}

fn fs_isdir(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let p = path_arg(&a, 0, "isdir")?;
    Ok(Value::Bool(with_files(vm, |fs, disk| fs.is_dir(&p, disk))?))
}

fn fs_listdir(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let p = if a.is_empty() { ".".to_string() } else { path_arg(&a, 0, "listdir")? };
    let names = with_files(vm, |fs, disk| fs.list_dir(&p, disk))?.map_err(|e| os_error(e, &p))?;
    Ok(Value::list(names.iter().map(|n| Value::str(n)).collect()))
}

fn fs_remove(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let p = path_arg(&a, 0, "remove")?;
    with_files(vm, |fs, disk| fs.remove(&p, disk))?.map(|()| Value::None).map_err(|e| os_error(e, &p))
}

/// mkdir(path, exist_ok)
fn fs_mkdir(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let p = path_arg(&a, 0, "mkdir")?;
    let exist_ok = match a.get(1) { Some(v) => vm.truthy(v)?, None => false };
    with_files(vm, |fs, disk| fs.mkdir(&p, exist_ok, disk))?.map(|()| Value::None).map_err(|e| os_error(e, &p))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "read", fs_read);
    def(ns, "write", fs_write);
    def(ns, "exists", fs_exists);
    def(ns, "isdir", fs_isdir);
    def(ns, "listdir", fs_listdir);
    def(ns, "remove", fs_remove);
    def(ns, "mkdir", fs_mkdir);
    Ok(())
}
