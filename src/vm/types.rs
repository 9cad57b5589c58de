//! The builtin classes (int, str, ..., the exception hierarchy), created once.

pub use super::exc::ExcType;
use super::value::*;
use std::sync::{Arc, OnceLock};

pub struct Types {
    pub object: Arc<Class>,
    pub type_: Arc<Class>,
    pub none: Arc<Class>,
    pub bool_: Arc<Class>,
    pub int: Arc<Class>,
    pub float: Arc<Class>,
    pub str_: Arc<Class>,
    pub bytes: Arc<Class>,
    pub tuple: Arc<Class>,
    pub list: Arc<Class>,
    pub dict: Arc<Class>,
    pub set: Arc<Class>,
    pub frozenset: Arc<Class>,
    pub range: Arc<Class>,
    pub slice: Arc<Class>,
    pub function: Arc<Class>,
    pub builtin_function: Arc<Class>,
    pub method: Arc<Class>,
    pub module: Arc<Class>,
    pub generator: Arc<Class>,
    pub coroutine: Arc<Class>,
    pub iterator: Arc<Class>,
    pub property: Arc<Class>,
    pub staticmethod: Arc<Class>,
    pub classmethod: Arc<Class>,
    pub super_: Arc<Class>,
    pub cell: Arc<Class>,
    pub ellipsis: Arc<Class>,
    pub notimpl: Arc<Class>,
    /// One class per [`ExcType`], indexed by it.
    pub exc: Vec<Arc<Class>>,
}

pub fn types() -> &'static Types {
    static T: OnceLock<Types> = OnceLock::new();
    T.get_or_init(|| {
        let object = new_class("object", "builtins", vec![], Kind::Object);
        let mk = |n: &str, k: Kind| new_class(n, "builtins", vec![object.clone()], k);
        let int = mk("int", Kind::Int);
        let bool_ = new_class("bool", "builtins", vec![int.clone()], Kind::Bool);
        let mut exc: Vec<Arc<Class>> = Vec::with_capacity(ExcType::ALL.len());
        for e in ExcType::ALL {
            let bases = match e.base() {
                None => vec![object.clone()],
                Some(b) => vec![exc[b as usize].clone()],
            };
            exc.push(new_class(e.name(), "builtins", bases, Kind::Exception));
        }
        Types {
            type_: mk("type", Kind::Type),
            none: mk("NoneType", Kind::NoneType),
            bool_,
            int,
            float: mk("float", Kind::Float),
            str_: mk("str", Kind::Str),
            bytes: mk("bytes", Kind::Bytes),
            tuple: mk("tuple", Kind::Tuple),
            list: mk("list", Kind::List),
            dict: mk("dict", Kind::Dict),
            set: mk("set", Kind::Set),
            frozenset: mk("frozenset", Kind::FrozenSet),
            range: mk("range", Kind::Range),
            slice: mk("slice", Kind::Slice),
            function: mk("function", Kind::Function),
            builtin_function: mk("builtin_function_or_method", Kind::BuiltinFunction),
            method: mk("method", Kind::Method),
            module: mk("module", Kind::Module),
            generator: mk("generator", Kind::Generator),
            coroutine: mk("coroutine", Kind::Generator),
            iterator: mk("iterator", Kind::Iterator),
            property: mk("property", Kind::Property),
            staticmethod: mk("staticmethod", Kind::StaticMethod),
            classmethod: mk("classmethod", Kind::ClassMethod),
            super_: mk("super", Kind::Super),
            cell: mk("cell", Kind::Cell),
            ellipsis: mk("ellipsis", Kind::Ellipsis),
            notimpl: mk("NotImplementedType", Kind::NotImplemented),
            exc,
            object,
        }
    })
}

pub fn exc_class(e: ExcType) -> Arc<Class> {
    types().exc[e as usize].clone()
}

/// A new exception instance of a builtin exception class.
pub fn new_exc(cls: &Arc<Class>, args: Vec<Value>) -> Value {
    let inst = Instance::new(cls.clone());
    init_stop_iteration(&inst, cls, &args);
    inst.set(intern("args"), Value::tuple(args));
    Value::Inst(Arc::new(inst))
}

/// StopIteration's `value` (what a finished generator or coroutine returned): its first
/// argument, or None.
pub fn init_stop_iteration(inst: &Instance, cls: &Arc<Class>, args: &[Value]) {
    if cls.is_subclass(&types().exc[ExcType::StopIteration as usize]) {
        inst.set(intern("value"), args.first().cloned().unwrap_or(Value::None));
    }
}

pub fn type_error(msg: impl Into<String>) -> Value {
    ExcType::TypeError.msg(msg)
}
pub fn value_error(msg: impl Into<String>) -> Value {
    ExcType::ValueError.msg(msg)
}
pub fn memory_error() -> Value {
    ExcType::MemoryError.bare()
}

/// The class of any value.
pub fn type_of(v: &Value) -> Arc<Class> {
    let t = types();
    match v {
        Value::None => t.none.clone(),
        Value::Bool(_) => t.bool_.clone(),
        Value::Int(_) | Value::Big(_) => t.int.clone(),
        Value::Float(_) => t.float.clone(),
        Value::Str(_) => t.str_.clone(),
        Value::Bytes(_) => t.bytes.clone(),
        Value::Tuple(_) => t.tuple.clone(),
        Value::List(_) => t.list.clone(),
        Value::Dict(_) => t.dict.clone(),
        Value::Set(_) => t.set.clone(),
        Value::FrozenSet(_) => t.frozenset.clone(),
        Value::Range(_) => t.range.clone(),
        Value::Slice(_) => t.slice.clone(),
        Value::Func(_) => t.function.clone(),
        Value::Class(c) => c.meta.clone().unwrap_or_else(|| t.type_.clone()),
        Value::Inst(i) => i.class(),
        Value::Builtin(_) | Value::BMethod(_) => t.builtin_function.clone(),
        Value::Method(_) => t.method.clone(),
        Value::Module(_) => t.module.clone(),
        Value::Gen(g) if g.coro => t.coroutine.clone(),
        Value::Gen(_) => t.generator.clone(),
        Value::Iter(_) => t.iterator.clone(),
        Value::Wrap(w) => match &**w {
            Wrapper::Property { .. } => t.property.clone(),
            Wrapper::Static(_) => t.staticmethod.clone(),
            Wrapper::ClassMethod(_) => t.classmethod.clone(),
            Wrapper::Super(..) => t.super_.clone(),
        },
        Value::Native(n) => n.class.clone(),
        Value::Cell(_) => t.cell.clone(),
        Value::Ellipsis => t.ellipsis.clone(),
        Value::NotImplemented => t.notimpl.clone(),
    }
}

pub fn type_name(v: &Value) -> Name {
    match v {
        Value::Iter(it) => intern(super::value::lock(it).type_name()),
        _ => type_of(v).name.clone(),
    }
}

pub fn is_exc_instance(v: &Value) -> bool {
    match v {
        Value::Inst(i) => i.class().is_subclass(&exc_class(ExcType::BaseException)),
        _ => false,
    }
}
pub fn exc_matches(v: &Value, e: ExcType) -> bool {
    match v {
        Value::Inst(i) => i.class().is_subclass(&types().exc[e as usize]),
        _ => false,
    }
}
