//! The runtime half of `match` statements: which subjects sequence and mapping patterns
//! accept, the keys lookup of mapping patterns and the attribute lookup of class
//! patterns (`__match_args__`), with CPython 3.11's TypeErrors.

use super::exc::ExcType;
use super::frame::Frame;
use super::interp::Vm;
use super::types::{exc_matches, type_error, type_name, type_of, types, value_error};
use super::value::*;

/// Some class in the MRO is the stdlib class `module.name`.
fn has_base(cls: &Class, module: &str, names: &[&str]) -> bool {
    lock(&cls.mro).iter().any(|c| (&*c.module == module || &*c.module == "collections.abc") && names.contains(&&*c.name))
}

/// MATCH_SEQUENCE: list, tuple, range, deque and collections.abc.Sequence classes
/// (CPython's Py_TPFLAGS_SEQUENCE); str, bytes and bytearray are not.
pub fn is_sequence(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Range(_) => true,
        Value::Str(_) | Value::Bytes(_) | Value::Dict(_) | Value::Set(_) | Value::FrozenSet(_) => false,
        _ => {
            let c = type_of(v);
            let t = types();
            if c.is_subclass(&t.list) || c.is_subclass(&t.tuple) {
                return true;
            }
            if c.is_subclass(&t.str_) || c.is_subclass(&t.bytes) {
                return false;
            }
            has_base(&c, "collections_abc", &["Sequence", "MutableSequence"])
                || has_base(&c, "_collections", &["deque"])
                || has_base(&c, "collections", &["deque", "UserList"])
                || has_base(&c, "array", &["array"])
        }
    }
}

/// MATCH_MAPPING: dict, its subclasses and collections.abc.Mapping classes
/// (CPython's Py_TPFLAGS_MAPPING); the collections dict types count as dicts.
pub fn is_mapping(v: &Value) -> bool {
    match v {
        Value::Dict(_) => true,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Int(_) | Value::None => false,
        _ => {
            let c = type_of(v);
            c.is_subclass(&types().dict)
                || has_base(&c, "collections_abc", &["Mapping", "MutableMapping"])
                || has_base(&c, "collections", &["defaultdict", "OrderedDict", "Counter", "UserDict", "ChainMap"])
        }
    }
}

impl Vm {
    /// MATCH_KEYS: `subject keys -> subject keys values|None`.
    pub(crate) fn match_keys(&mut self, f: &mut Frame) -> PyResult<()> {
        let keys = f.stack.last().unwrap().clone();
        let subject = f.stack[f.stack.len() - 2].clone();
        let Value::Tuple(keys) = keys else { return Err(type_error("MATCH_KEYS needs a tuple of keys")) };
        let mut seen: Vec<Value> = vec![];
        let mut values = vec![];
        // Non-dicts answer through their own `get`, with a default nobody else holds.
        let dummy = Value::list(vec![]);
        let get = match &subject {
            Value::Dict(_) => None,
            _ => Some(self.getattr(&subject, "get")?),
        };
        for k in keys.iter() {
            for s in &seen {
                if self.eq(s, k)? {
                    let r = self.repr(k)?;
                    return Err(value_error(format!("mapping pattern checks duplicate key ({r})")));
                }
            }
            seen.push(k.clone());
            let v = match (&subject, &get) {
                (Value::Dict(d), _) => {
                    let h = self.hash(k)?;
                    let k = self.canon_key(d, h, k.clone())?;
                    lock(d).get(h, &k).cloned()
                }
                (_, Some(get)) => {
                    let v = self.call(get, vec![k.clone(), dummy.clone()])?;
                    if v.is(&dummy) {
                        None
                    } else {
                        Some(v)
                    }
                }
                _ => None,
            };
            match v {
                Some(v) => values.push(v),
                None => {
                    f.stack.push(Value::None);
                    return Ok(());
                }
            }
        }
        f.stack.push(Value::tuple(values));
        Ok(())
    }

    /// COPY_DICT_WITHOUT_KEYS: `subject keys -> rest` (`**rest` of a mapping pattern).
    pub(crate) fn copy_dict_without_keys(&mut self, f: &mut Frame) -> PyResult<()> {
        let keys = f.stack.pop().unwrap();
        let subject = f.stack.pop().unwrap();
        let rest = self.call(&Value::Class(types().dict.clone()), vec![subject])?;
        if let Value::Tuple(keys) = keys {
            for k in keys.iter() {
                self.delitem(&rest, k)?;
            }
        }
        f.stack.push(rest);
        Ok(())
    }

    /// MATCH_CLASS: `subject cls names -> attrs|None`.
    pub(crate) fn match_class(&mut self, f: &mut Frame, nargs: u32) -> PyResult<()> {
        let names = f.stack.pop().unwrap();
        let cls = f.stack.pop().unwrap();
        let subject = f.stack.pop().unwrap();
        let r = self.match_class_attrs(&subject, &cls, nargs as usize, &names)?;
        f.stack.push(r.map(Value::tuple).unwrap_or(Value::None));
        Ok(())
    }

    fn match_class_attrs(&mut self, subject: &Value, cls: &Value, nargs: usize, names: &Value) -> PyResult<Option<Vec<Value>>> {
        let Value::Class(c) = cls else { return Err(type_error("called match pattern must be a type")) };
        if !super::builtins::introspection::isinstance_hooked(self, subject, cls, "__instancecheck__")? {
            return Ok(None);
        }
        let mut seen: Vec<String> = vec![];
        let mut attrs = vec![];
        if nargs > 0 {
            let mut match_self = false;
            let match_args = match self.getattr(cls, "__match_args__") {
                Ok(v) => match v {
                    Value::Tuple(t) => (*t).clone(),
                    other => {
                        return Err(type_error(format!("{}.__match_args__ must be a tuple (got {})", c.name, type_name(&other))));
                    }
                },
                Err(e) if exc_matches(&e, ExcType::AttributeError) => {
                    match_self = matches_self(c);
                    vec![]
                }
                Err(e) => return Err(e),
            };
            let allowed = if match_self { 1 } else { match_args.len() };
            if allowed < nargs {
                let plural = if allowed == 1 { "" } else { "s" };
                return Err(type_error(format!("{}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)", c.name)));
            }
            if match_self {
                attrs.push(subject.clone());
            } else {
                for name in match_args.iter().take(nargs) {
                    let Value::Str(s) = name else {
                        return Err(type_error(format!("__match_args__ elements must be strings (got {})", type_name(name))));
                    };
                    match self.match_class_attr(subject, c, &s.s, &mut seen)? {
                        Some(v) => attrs.push(v),
                        None => return Ok(None),
                    }
                }
            }
        }
        if let Value::Tuple(names) = names {
            for n in names.iter() {
                let s = n.as_str().unwrap_or("");
                match self.match_class_attr(subject, c, s, &mut seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(None),
                }
            }
        }
        Ok(Some(attrs))
    }

    fn match_class_attr(&mut self, subject: &Value, c: &Class, name: &str, seen: &mut Vec<String>) -> PyResult<Option<Value>> {
        if seen.iter().any(|s| s == name) {
            return Err(type_error(format!("{}() got multiple sub-patterns for attribute '{name}'", c.name)));
        }
        seen.push(name.to_string());
        match self.getattr(subject, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if exc_matches(&e, ExcType::AttributeError) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The builtin types whose class pattern `T(x)` matches the subject itself (CPython's
/// _Py_TPFLAGS_MATCH_SELF), inherited by their subclasses.
fn matches_self(c: &Class) -> bool {
    let t = types();
    [&t.bool_, &t.bytes, &t.dict, &t.float, &t.frozenset, &t.int, &t.list, &t.set, &t.str_, &t.tuple].iter().any(|b| c.is_subclass(b))
}
