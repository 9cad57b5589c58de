//! `_testfault`: kills the calling thread inside the engine, the way a bug would, so
//! tests can check that a run which dies this way ends with a clear message, stops its
//! other threads and leaves the next run working (`runtime/fault.rs`).
//!
//! Not for learners: `import _testfault` raises ModuleNotFoundError unless the run was
//! armed for it (`Options::test_faults`: `threadlab run --test-faults`, or
//! `threadlab.armTestFaults()` in the page, which arms only the next run started).
//!
//! - `panic(message)`: a Rust panic (natively it unwinds; in the browser it aborts the
//!   worker after the panic hook ran).
//! - `trap()`: a WebAssembly `unreachable` trap, no panic hook involved (natively, where
//!   traps do not exist, a panic).
//! - `oom()`: asks the allocator for 1.5 GiB (more than a wasm memory can ever have), as
//!   a big `Vec` would, and so dies in `handle_alloc_error` (natively: asks for 2^62
//!   bytes; the process aborts, so native tests do not call it).
use super::*;

fn fault_panic(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let msg = a.first().and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_else(|| "injected panic".into());
    panic!("{msg}");
}

fn fault_trap(_vm: &mut Vm, _a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    panic!("injected trap (a panic natively)");
}

fn fault_oom(_vm: &mut Vm, _a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    #[cfg(target_arch = "wasm32")]
    let bytes: usize = 1536 << 20;
    #[cfg(not(target_arch = "wasm32"))]
    let bytes: usize = 1 << 62;
    let mut v: Vec<u8> = Vec::new();
    v.reserve_exact(bytes);
    // Unreachable in practice; keeps the allocation from being optimised away.
    Ok(Value::Int(v.capacity() as i64))
}

pub fn init(vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    if !vm.host().test_faults() {
        return Err(ExcType::ModuleNotFoundError.msg("No module named '_testfault'"));
    }
    def(ns, "panic", fault_panic);
    def(ns, "trap", fault_trap);
    def(ns, "oom", fault_oom);
    Ok(())
}
