//! Per-thread lookup caches for the eval loop's hottest name lookups: class attributes
//! (keyed by class and interned name, valid while no class dict has changed since) and
//! globals/builtins (keyed by namespace and interned name, valid while the namespaces'
//! version counters are unchanged). Each thread has its own, so reading one takes no
//! lock; an entry holds an `Arc` of its class or namespace, so a freed and reused
//! address can never match a stale entry, and names are interned (`intern`, never
//! freed), so a name pointer identifies the name.
//!
//! Invalidation: every change to a class dict after the class is made goes through
//! [`classes_changed`] (attr.rs's setattr/delattr on classes); every change to a
//! namespace goes through `Namespace`'s methods, which bump its counters.

use super::value::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Bumped whenever any class's dict changes after creation: all class entries go stale.
static CLASS_EPOCH: AtomicU64 = AtomicU64::new(1);

/// A class dict changed (attribute set or deleted on a class).
pub fn classes_changed() {
    CLASS_EPOCH.fetch_add(1, Ordering::AcqRel);
}

const CLASS_SLOTS: usize = 512;
const GLOBAL_SLOTS: usize = 512;

struct ClassEntry {
    cls: Option<Arc<Class>>,
    name: usize,
    epoch: u64,
    value: Option<Value>,
}

struct GlobalEntry {
    ns: Option<Arc<Namespace>>,
    name: usize,
    /// Found in the globals: their `version`; in the builtins: the globals' `keys`.
    gver: u64,
    /// Found in the builtins: their `version` (0 for a global hit).
    bver: u64,
    builtin: bool,
    value: Value,
}

pub struct Caches {
    classes: Box<[ClassEntry]>,
    globals: Box<[GlobalEntry]>,
}

#[inline]
fn slot(a: usize, b: usize, n: usize) -> usize {
    // In u64 on every target: usize is 32 bits in wasm.
    let (a, b) = (a as u64, b as u64);
    let h = ((a >> 4) ^ (b >> 3).rotate_left(17)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 40) as usize & (n - 1)
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            classes: (0..CLASS_SLOTS).map(|_| ClassEntry { cls: None, name: 0, epoch: 0, value: None }).collect(),
            globals: (0..GLOBAL_SLOTS).map(|_| GlobalEntry { ns: None, name: 0, gver: 0, bver: 0, builtin: false, value: Value::None }).collect(),
        }
    }
}

impl Caches {
    /// `cls.lookup(name)` (the MRO walk), remembered.
    #[inline]
    pub fn class_lookup(&mut self, cls: &Arc<Class>, name: &Name) -> Option<Value> {
        let epoch = CLASS_EPOCH.load(Ordering::Acquire);
        let np = name.as_ptr() as usize;
        let e = &mut self.classes[slot(Arc::as_ptr(cls) as usize, np, CLASS_SLOTS)];
        if e.name == np && e.epoch == epoch && e.cls.as_ref().is_some_and(|c| Arc::ptr_eq(c, cls)) {
            return e.value.clone();
        }
        let v = cls.lookup(name);
        *e = ClassEntry { cls: Some(cls.clone()), name: np, epoch, value: v.clone() };
        v
    }

    /// LOAD_GLOBAL: `name` in `globals`, else in `builtins`, remembered.
    #[inline]
    pub fn global(&mut self, globals: &Arc<Namespace>, builtins: &Namespace, name: &Name) -> Option<Value> {
        let np = name.as_ptr() as usize;
        let e = &mut self.globals[slot(Arc::as_ptr(globals) as usize, np, GLOBAL_SLOTS)];
        if e.name == np && e.ns.as_ref().is_some_and(|n| Arc::ptr_eq(n, globals)) {
            let ok = if e.builtin {
                e.gver == globals.keys_version() && e.bver == builtins.version()
            } else {
                e.gver == globals.version()
            };
            if ok {
                return Some(e.value.clone());
            }
        }
        // Read the versions before the values: a change in between makes the entry stale.
        let (gver, gkeys, bver) = (globals.version(), globals.keys_version(), builtins.version());
        if let Some(v) = globals.get(name) {
            if keeps_no_object_alive(&v) {
                *e = GlobalEntry { ns: Some(globals.clone()), name: np, gver, bver: 0, builtin: false, value: v.clone() };
            }
            return Some(v);
        }
        let v = builtins.get(name)?;
        *e = GlobalEntry { ns: Some(globals.clone()), name: np, gver: gkeys, bver, builtin: true, value: v.clone() };
        Some(v)
    }
}

/// Whether a global's value may sit in the cache. A stale entry keeps its value alive
/// until it is overwritten, so only values whose lifetime no program can observe
/// (numbers, strings, None) or that live as long as their module anyway in practice
/// (functions, classes, modules, builtins) are cached; an instance or container held
/// here would outlive `del name` (weakref callbacks and finalizers would not run).
#[inline]
fn keeps_no_object_alive(v: &Value) -> bool {
    matches!(
        v,
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Big(_) | Value::Str(_) | Value::Func(_) | Value::Class(_) | Value::Module(_) | Value::Builtin(_)
    )
}
