//! Values and objects. Everything is `Send + Sync`: objects are shared through `Arc` and
//! protected by their own lock, so threads (issue 4) can share them.

use num_bigint::BigInt;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::code::Code;
use super::dict::Dict;

pub use crate::python::names::{intern, Fx, FxMap, Name};

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A Python string: UTF-8 plus whether it is ASCII (fast indexing).
pub struct PyStr {
    pub s: String,
    pub ascii: bool,
    pub hash: OnceLock<i64>,
}
impl PyStr {
    pub fn char_len(&self) -> usize {
        if self.ascii {
            self.s.len()
        } else {
            self.s.chars().count()
        }
    }
}

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Big(Arc<BigInt>),
    Str(Arc<PyStr>),
    Bytes(Arc<Vec<u8>>),
    Tuple(Arc<Vec<Value>>),
    List(Arc<Mutex<Vec<Value>>>),
    Dict(Arc<Mutex<Dict>>),
    Set(Arc<Mutex<Dict>>),
    FrozenSet(Arc<Dict>),
    Range(Arc<(i64, i64, i64)>),
    Slice(Arc<(Value, Value, Value)>),
    Func(Arc<Function>),
    Class(Arc<Class>),
    Inst(Arc<Instance>),
    Builtin(Arc<Builtin>),
    /// A bound method of a Python function (self, function).
    Method(Arc<(Value, Value)>),
    /// A bound method of a builtin type: (self, method name).
    BMethod(Arc<(Value, Name)>),
    Module(Arc<Module>),
    Gen(Arc<Generator>),
    Iter(Arc<Mutex<super::iter::IterKind>>),
    Wrap(Arc<Wrapper>),
    Native(Arc<Native>),
    Cell(Arc<Cell>),
    Ellipsis,
    NotImplemented,
}

pub type Cell = Mutex<Option<Value>>;

pub enum Wrapper {
    Property { fget: Value, fset: Value, fdel: Value, doc: Value },
    Static(Value),
    ClassMethod(Value),
    Super(Arc<Class>, Value),
}

/// Objects implemented in Rust by stdlib modules (deque, random.Random, hashes...).
/// What the VM can do with one is given by its class's [`NativeType`].
pub struct Native {
    pub class: Arc<Class>,
    pub data: Mutex<NativeData>,
}
pub enum NativeData {
    /// dict views: 0 keys, 1 values, 2 items
    View(Arc<Mutex<Dict>>, u8),
    /// sys.stdout (1) / sys.stderr (2)
    Stream(u8),
    /// State owned by the stdlib module that made the object (deque's items, random's
    /// Mt, hashlib's hasher, _thread's lock); only that module downcasts it.
    Opaque(Box<dyn std::any::Any + Send>),
}

impl NativeData {
    pub fn opaque<T: std::any::Any + Send>(v: T) -> NativeData {
        NativeData::Opaque(Box::new(v))
    }
    /// The opaque payload, if it is a `T`.
    pub fn downcast_mut<T: std::any::Any>(&mut self) -> Option<&mut T> {
        match self {
            NativeData::Opaque(b) => b.downcast_mut(),
            _ => None,
        }
    }
    pub fn downcast_ref<T: std::any::Any>(&self) -> Option<&T> {
        match self {
            NativeData::Opaque(b) => b.downcast_ref(),
            _ => None,
        }
    }
}

type NVm = super::interp::Vm;

/// The hooks a native class gives the VM: the stdlib module (or vm, for dict views)
/// that defines the class fills one in as a static and makes the class with
/// [`new_native_class`].
pub struct NativeType {
    /// `Cls(...)`; None: "cannot create 'X' instances".
    pub construct: Option<fn(&mut NVm, &Arc<Class>, Vec<Value>, Vec<(Name, Value)>) -> PyResult<Value>>,
    /// Attribute lookup (methods come back bound); None: no such attribute.
    pub getattr: fn(&Value, &str) -> Option<Value>,
    /// repr(); None: `<module.name object at 0x...>`.
    pub repr: Option<fn(&mut NVm, &Value) -> PyResult<String>>,
    /// `o[k]`; None: not subscriptable.
    pub getitem: Option<fn(&mut NVm, &Value, &Value) -> PyResult<Value>>,
    /// len(); None: "object of type 'X' has no len()" (and always true).
    pub len: Option<fn(&Value) -> usize>,
    /// `o[k] = v`; None: "does not support item assignment".
    pub setitem: Option<fn(&mut NVm, &Value, Value, Value) -> PyResult<()>>,
    /// `iter(o)`; None: not iterable.
    pub iter: Option<fn(&Value) -> Value>,
    /// For the end of a program (`finalize.rs`): takes out the values the object's own
    /// state holds (a deque's items), so cycles through them come apart. None: it holds
    /// no Python values.
    pub take_values: Option<fn(&mut NativeData) -> Vec<Value>>,
}

pub type Builtin = BuiltinFn;
pub struct BuiltinFn {
    pub name: &'static str,
    pub module: &'static str,
    pub f: fn(&mut super::interp::Vm, Vec<Value>, Vec<(Name, Value)>) -> PyResult<Value>,
    /// For stdlib bound functions (e.g. methods of a Random instance): the receiver.
    pub bound: Option<Value>,
}

pub struct Function {
    pub code: Arc<Code>,
    pub globals: Arc<Namespace>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Name, Value)>,
    pub closure: Vec<Arc<Cell>>,
    pub name: Mutex<Name>,
    pub qualname: Name,
    pub dict: Mutex<Vec<(Name, Value)>>,
}

pub struct Module {
    pub name: Name,
    pub ns: Arc<Namespace>,
}

/// A namespace: module globals, class bodies.
///
/// Change it only through `set`/`remove`: they bump the version counters that the
/// per-thread globals cache (`vm::cache`) checks; reading `map` directly is fine.
pub struct Namespace {
    pub map: Mutex<FxMap<Name, Value>>,
    /// Bumped by every change.
    version: std::sync::atomic::AtomicU64,
    /// Bumped when a name is added or removed.
    keys: std::sync::atomic::AtomicU64,
}
impl Namespace {
    pub fn new() -> Arc<Namespace> {
        Namespace::with_capacity(0)
    }
    /// Room for `n` names: a module's or class body's name table tells how many it
    /// may set, and growing the map name by name was a twentieth of `import threading`.
    pub fn with_capacity(n: usize) -> Arc<Namespace> {
        let map = FxMap::with_capacity_and_hasher(n, Default::default());
        Arc::new(Namespace { map: Mutex::new(map), version: 1.into(), keys: 1.into() })
    }
    pub fn get(&self, k: &str) -> Option<Value> {
        lock(&self.map).get(k).cloned()
    }
    pub fn set(&self, k: Name, v: Value) {
        use std::sync::atomic::Ordering::Release;
        let mut m = lock(&self.map);
        if m.insert(k, v).is_none() {
            self.keys.fetch_add(1, Release);
        }
        self.version.fetch_add(1, Release);
    }
    pub fn remove(&self, k: &str) -> Option<Value> {
        use std::sync::atomic::Ordering::Release;
        let mut m = lock(&self.map);
        let old = m.remove(k);
        if old.is_some() {
            self.keys.fetch_add(1, Release);
            self.version.fetch_add(1, Release);
        }
        old
    }
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.load(std::sync::atomic::Ordering::Acquire)
    }
    #[inline]
    pub fn keys_version(&self) -> u64 {
        self.keys.load(std::sync::atomic::Ordering::Acquire)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Generator,
    Iterator,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    Cell,
    Ellipsis,
    NotImplemented,
    /// BaseException and its subclasses.
    Exception,
    /// Native stdlib objects.
    Native,
    /// An ordinary user class.
    User,
}

pub struct Class {
    pub name: Name,
    pub qualname: Name,
    pub module: Name,
    pub bases: Vec<Arc<Class>>,
    pub mro: Mutex<Vec<Arc<Class>>>,
    /// Once the class is in use, every change to it must be followed by
    /// `vm::cache::classes_changed()` (the per-thread attribute caches check it).
    pub dict: Mutex<FxMap<Name, Value>>,
    /// The nearest builtin base's kind.
    pub kind: Kind,
    pub id: usize,
    /// Fast-path flags (see CLASS_HAS_*), computed when the class is made.
    pub flags: std::sync::atomic::AtomicU32,
    /// For `Kind::Native` classes: the hooks the VM calls.
    pub native: Option<&'static NativeType>,
    /// The metaclass when it is not `type` (`class C(metaclass=M)`).
    pub meta: Option<Arc<Class>>,
}

/// Some class in the MRO has a property (data descriptor).
pub const CLASS_HAS_PROPERTY: u32 = 1;
/// Some class in the MRO defines __setattr__.
pub const CLASS_HAS_SETATTR: u32 = 2;
/// A builtin type (list, dict, int...) is in the MRO of this user class.
pub const CLASS_BUILTIN_BASE: u32 = 4;
/// Some class in the MRO defines __getattribute__.
pub const CLASS_HAS_GETATTRIBUTE: u32 = 8;

/// The builtin types a Python class may subclass (their instances carry a base value).
pub fn subclassable_kind(k: Kind) -> bool {
    matches!(k, Kind::Int | Kind::Float | Kind::Str | Kind::Bytes | Kind::Tuple | Kind::List | Kind::Dict | Kind::Set | Kind::FrozenSet)
}

impl Class {
    pub fn compute_flags(&self) {
        let mut f = 0;
        for c in lock(&self.mro).iter() {
            let d = lock(&c.dict);
            if d.contains_key("__setattr__") {
                f |= CLASS_HAS_SETATTR;
            }
            if d.contains_key("__getattribute__") {
                f |= CLASS_HAS_GETATTRIBUTE;
            }
            if d.values().any(|v| matches!(v, Value::Wrap(w) if matches!(&**w, Wrapper::Property { .. }))) {
                f |= CLASS_HAS_PROPERTY;
            }
            if subclassable_kind(c.kind) && self.kind == Kind::User {
                f |= CLASS_BUILTIN_BASE;
            }
        }
        self.flags.store(f, std::sync::atomic::Ordering::Relaxed);
    }
    pub fn flags(&self) -> u32 {
        self.flags.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Class {
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = lock(&self.dict).get(name) {
            return Some(v.clone());
        }
        let mro = lock(&self.mro);
        for c in mro.iter().skip(1) {
            if let Some(v) = lock(&c.dict).get(name) {
                return Some(v.clone());
            }
        }
        None
    }
    pub fn is_subclass(&self, other: &Class) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        lock(&self.mro).iter().any(|c| std::ptr::eq(&**c, other))
    }
    pub fn mro(&self) -> Vec<Arc<Class>> {
        lock(&self.mro).clone()
    }
    /// The builtin type a user class derives from (`list` for `class SafeList(list)`).
    pub fn builtin_base(&self) -> Option<Arc<Class>> {
        if self.flags() & CLASS_BUILTIN_BASE == 0 {
            return None;
        }
        lock(&self.mro).iter().find(|c| subclassable_kind(c.kind)).cloned()
    }
}

pub struct Instance {
    pub class: Mutex<Arc<Class>>,
    pub dict: Mutex<Vec<(Name, Value)>>,
    /// For instances of a subclass of a builtin type (`class SafeList(list)`): the
    /// builtin value that holds the list's items (the int's value...). Builtin
    /// operations the class does not override act on it.
    pub base: Option<Value>,
}
impl Instance {
    pub fn new(class: Arc<Class>) -> Instance {
        Instance { class: Mutex::new(class), dict: Mutex::new(vec![]), base: None }
    }
    pub fn with_base(class: Arc<Class>, base: Option<Value>) -> Instance {
        Instance { class: Mutex::new(class), dict: Mutex::new(vec![]), base }
    }
    pub fn class(&self) -> Arc<Class> {
        lock(&self.class).clone()
    }
    pub fn get(&self, name: &str) -> Option<Value> {
        let d = lock(&self.dict);
        for (k, v) in d.iter() {
            if std::ptr::eq(k.as_ptr(), name.as_ptr()) || &**k == name {
                return Some(v.clone());
            }
        }
        None
    }
    pub fn set(&self, name: Name, v: Value) {
        let mut d = lock(&self.dict);
        for (k, slot) in d.iter_mut() {
            if Arc::ptr_eq(k, &name) || **k == *name {
                *slot = v;
                return;
            }
        }
        d.push((name, v));
    }
    pub fn del(&self, name: &str) -> bool {
        let mut d = lock(&self.dict);
        if let Some(i) = d.iter().position(|(k, _)| &**k == name) {
            d.remove(i);
            true
        } else {
            false
        }
    }
}

pub struct Generator {
    pub frame: Mutex<Option<Box<super::frame::Frame>>>,
    pub name: Name,
    pub qualname: Name,
    pub running: std::sync::atomic::AtomicBool,
    /// Made by an `async def`: a coroutine (its own type; `await` drives it).
    pub coro: bool,
}

pub type PyResult<T> = Result<T, Value>;

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::new(PyStr { ascii: s.is_ascii(), s: s.to_string(), hash: OnceLock::new() }))
    }
    pub fn string(s: String) -> Value {
        Value::Str(Arc::new(PyStr { ascii: s.is_ascii(), s, hash: OnceLock::new() }))
    }
    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Arc::new(v))
    }
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Arc::new(Mutex::new(v)))
    }
    pub fn dict(d: Dict) -> Value {
        Value::Dict(Arc::new(Mutex::new(d)))
    }
    pub fn big(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::Big(Arc::new(b)),
        }
    }
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    /// The builtin value inside an instance of a builtin type's subclass.
    pub fn base_value(&self) -> Option<&Value> {
        match self {
            Value::Inst(i) => i.base.as_ref(),
            _ => None,
        }
    }
    /// The text of a str, or of a str subclass's instance.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(&s.s),
            Value::Inst(i) => match &i.base {
                Some(Value::Str(s)) => Some(&s.s),
                _ => None,
            },
            _ => None,
        }
    }
    /// Identity (Python `is`).
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) | (NotImplemented, NotImplemented) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Str(a), Str(b)) => Arc::ptr_eq(a, b) || (a.s.len() <= 1 && a.s == b.s),
            _ => match (self.ptr(), other.ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }
    pub fn ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            Big(a) => Arc::as_ptr(a) as *const u8 as usize,
            Str(a) => Arc::as_ptr(a) as *const u8 as usize,
            Bytes(a) => Arc::as_ptr(a) as *const u8 as usize,
            Tuple(a) => Arc::as_ptr(a) as *const u8 as usize,
            List(a) => Arc::as_ptr(a) as *const u8 as usize,
            Dict(a) => Arc::as_ptr(a) as *const u8 as usize,
            Set(a) => Arc::as_ptr(a) as *const u8 as usize,
            FrozenSet(a) => Arc::as_ptr(a) as *const u8 as usize,
            Range(a) => Arc::as_ptr(a) as *const u8 as usize,
            Slice(a) => Arc::as_ptr(a) as *const u8 as usize,
            Func(a) => Arc::as_ptr(a) as *const u8 as usize,
            Class(a) => Arc::as_ptr(a) as *const u8 as usize,
            Inst(a) => Arc::as_ptr(a) as *const u8 as usize,
            Builtin(a) => Arc::as_ptr(a) as *const u8 as usize,
            Method(a) => Arc::as_ptr(a) as *const u8 as usize,
            BMethod(a) => Arc::as_ptr(a) as *const u8 as usize,
            Module(a) => Arc::as_ptr(a) as *const u8 as usize,
            Gen(a) => Arc::as_ptr(a) as *const u8 as usize,
            Iter(a) => Arc::as_ptr(a) as *const u8 as usize,
            Wrap(a) => Arc::as_ptr(a) as *const u8 as usize,
            Native(a) => Arc::as_ptr(a) as *const u8 as usize,
            Cell(a) => Arc::as_ptr(a) as *const u8 as usize,
            _ => return Option::None,
        })
    }
    /// id(): pointer for objects, a stable fake address for inline values.
    pub fn id(&self) -> i64 {
        match self.ptr() {
            Some(p) => p as i64,
            None => match self {
                Value::None => 0x1000,
                Value::Bool(b) => 0x1010 + *b as i64,
                Value::Int(i) => 0x100000 + i.wrapping_mul(32),
                Value::Float(f) => f.to_bits() as i64 >> 1,
                _ => 0x2000,
            },
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", super::ops::repr_simple(self))
    }
}

static CLASS_IDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// C3 linearisation.
pub fn compute_mro(cls: &Arc<Class>, bases: &[Arc<Class>]) -> Result<Vec<Arc<Class>>, String> {
    let mut seqs: Vec<Vec<Arc<Class>>> = bases.iter().map(|b| b.mro()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let head = &s[0];
            if !seqs.iter().any(|t| t[1..].iter().any(|c| Arc::ptr_eq(c, head))) {
                found = Some(head.clone());
                break;
            }
        }
        let Some(h) = found else {
            let names: Vec<String> = bases.iter().map(|b| b.name.to_string()).collect();
            return Err(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for s in seqs.iter_mut() {
            if Arc::ptr_eq(&s[0], &h) {
                s.remove(0);
            }
        }
        out.push(h);
    }
}

pub fn new_class(name: &str, module: &str, bases: Vec<Arc<Class>>, kind: Kind) -> Arc<Class> {
    make_class(name, module, bases, kind, None)
}

/// A class of native objects (`Kind::Native`, base object) with its hooks.
pub fn new_native_class(name: &str, module: &str, native: &'static NativeType) -> Arc<Class> {
    let object = super::types::types().object.clone();
    make_class(name, module, vec![object], Kind::Native, Some(native))
}

fn make_class(name: &str, module: &str, bases: Vec<Arc<Class>>, kind: Kind, native: Option<&'static NativeType>) -> Arc<Class> {
    let c = Arc::new(Class {
        name: intern(name),
        qualname: intern(name),
        module: intern(module),
        bases: bases.clone(),
        mro: Mutex::new(vec![]),
        dict: Mutex::new(FxMap::default()),
        kind,
        id: CLASS_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        flags: Default::default(),
        native,
        meta: None,
    });
    let mro = compute_mro(&c, &bases).unwrap_or_else(|_| vec![c.clone()]);
    *lock(&c.mro) = mro;
    c
}
