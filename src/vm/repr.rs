//! `repr()`, `str()` and `format()` of any value, with recursion guards for
//! containers that contain themselves.

use super::ops::*;
use super::types::*;
use super::value::*;
use super::interp::*;
use super::attr::bind;
use super::iterate::set_order;

impl Vm {
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        if let Some(m) = super::attr::meta_method(v, "__repr__") {
            let r = self.call(&m, vec![])?;
            return match r {
                Value::Str(s) => Ok(s.s.clone()),
                _ => Err(type_error(format!("__repr__ returned non-string (type {})", type_name(&r)))),
            };
        }
        match v {
            Value::Inst(inst) => {
                let cls = inst.class();
                if let Some(f) = cls.lookup("__repr__") {
                    let m = bind(f, v, &cls);
                    let r = self.call(&m, vec![])?;
                    return match r {
                        Value::Str(s) => Ok(s.s.clone()),
                        _ => Err(type_error(format!("__repr__ returned non-string (type {})", type_name(&r)))),
                    };
                }
                if let Some(b) = &inst.base {
                    let r = self.repr(&b.clone())?;
                    // Sets name their subclass: `S({1, 2})`, `S()`.
                    if let Value::Set(_) | Value::FrozenSet(_) = b {
                        let inner = r.strip_prefix("frozenset(").and_then(|x| x.strip_suffix(')')).unwrap_or(&r);
                        let inner = if inner == "set()" || inner.is_empty() { "" } else { inner };
                        return Ok(format!("{}({inner})", cls.name));
                    }
                    return Ok(r);
                }
                if cls.kind == Kind::Exception {
                    let args = inst.get("args").unwrap_or(Value::tuple(vec![]));
                    let inner = match &args {
                        Value::Tuple(t) if t.len() == 1 => format!("({})", self.repr(&t[0])?),
                        _ => self.repr(&args)?,
                    };
                    return Ok(format!("{}{}", cls.name, inner));
                }
                if &*cls.module == "__main__" || &*cls.module == "builtins" {
                    return Ok(format!("<{}.{} object at 0x{:012x}>", cls.module, cls.qualname, v.id()));
                }
                Ok(repr_simple(v))
            }
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) | Value::FrozenSet(_) => {
                let p = v.ptr().unwrap_or(0);
                if self.repr_guard.contains(&p) {
                    return Ok(match v {
                        Value::List(_) => "[...]",
                        Value::Dict(_) => "{...}",
                        _ => "(...)",
                    }
                    .into());
                }
                if self.repr_guard.len() > 200 || super::stack::refuse_reentry(self.nested) {
                    return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded while getting the repr of an object"));
                }
                self.repr_guard.push(p);
                let r = self.repr_container(v);
                self.repr_guard.pop();
                r
            }
            Value::Native(_) => super::builtins::native_repr(self, v),
            Value::Method(m) => {
                let fname = match &m.1 {
                    Value::Func(f) => f.qualname.to_string(),
                    _ => "?".into(),
                };
                Ok(format!("<bound method {} of {}>", fname, self.repr(&m.0.clone())?))
            }
            _ => Ok(repr_simple(v)),
        }
    }

    pub(crate) fn repr_container(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::List(l) => {
                let items = lock(l).clone();
                let mut parts = Vec::with_capacity(items.len());
                for x in &items {
                    parts.push(self.repr(x)?);
                }
                Ok(format!("[{}]", parts.join(", ")))
            }
            Value::Tuple(t) => {
                let mut parts = Vec::with_capacity(t.len());
                for x in t.iter() {
                    parts.push(self.repr(x)?);
                }
                if parts.len() == 1 {
                    Ok(format!("({},)", parts[0]))
                } else {
                    Ok(format!("({})", parts.join(", ")))
                }
            }
            Value::Dict(d) => {
                let items = lock(d).items();
                let mut parts = Vec::with_capacity(items.len());
                for (k, x) in &items {
                    parts.push(format!("{}: {}", self.repr(k)?, self.repr(x)?));
                }
                Ok(format!("{{{}}}", parts.join(", ")))
            }
            Value::Set(_) | Value::FrozenSet(_) => {
                let items = set_order(&set_dict(v));
                let frozen = matches!(v, Value::FrozenSet(_));
                if items.is_empty() {
                    return Ok(if frozen { "frozenset()".into() } else { "set()".into() });
                }
                let mut parts = Vec::with_capacity(items.len());
                for x in &items {
                    parts.push(self.repr(x)?);
                }
                if frozen {
                    Ok(format!("frozenset({{{}}})", parts.join(", ")))
                } else {
                    Ok(format!("{{{}}}", parts.join(", ")))
                }
            }
            _ => Ok(repr_simple(v)),
        }
    }

    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.s.clone()),
            Value::Inst(inst) => {
                let cls = inst.class();
                if let Some(f) = cls.lookup("__str__") {
                    let m = bind(f, v, &cls);
                    let r = self.call(&m, vec![])?;
                    return match r {
                        Value::Str(s) => Ok(s.s.clone()),
                        _ => Err(type_error(format!("__str__ returned non-string (type {})", type_name(&r)))),
                    };
                }
                // str's own __str__ gives the string; the others' str is their repr.
                if let Some(Value::Str(s)) = &inst.base {
                    return Ok(s.s.clone());
                }
                if cls.kind == Kind::Exception {
                    // `[Errno 2] No such file or directory: 'x.txt'`
                    if cls.is_subclass(&types().exc[ExcType::OSError as usize]) {
                        if let (Some(n), Some(msg)) = (inst.get("errno").filter(|v| !v.is_none()), inst.get("strerror")) {
                            let mut s = format!("[Errno {}] {}", self.str(&n)?, self.str(&msg)?);
                            if let Some(f) = inst.get("filename").filter(|v| !v.is_none()) {
                                s.push_str(&format!(": {}", self.repr(&f)?));
                            }
                            return Ok(s);
                        }
                    }
                    if cls.lookup("__repr__").is_none() || true {
                        let args = inst.get("args").unwrap_or(Value::tuple(vec![]));
                        return match &args {
                            Value::Tuple(t) if t.is_empty() => Ok(String::new()),
                            Value::Tuple(t) if t.len() == 1 => {
                                if cls.is_subclass(&types().exc[ExcType::KeyError as usize]) {
                                    self.repr(&t[0])
                                } else {
                                    self.str(&t[0])
                                }
                            }
                            other => self.repr(other),
                        };
                    }
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Inst(_) = v {
            if let Some(r) = self.call_dunder(v, "__format__", vec![Value::str(spec)])? {
                return Ok(r.as_str().unwrap_or("").to_string());
            }
            if spec.is_empty() {
                return self.str(v);
            }
            if let Some(b) = v.base_value() {
                return self.format(&b.clone(), spec);
            }
            return Err(type_error(format!("unsupported format string passed to {}.__format__", type_name(v))));
        }
        if spec.is_empty() {
            return self.str(v);
        }
        let s = match v {
            Value::Str(_) | Value::Int(_) | Value::Big(_) | Value::Float(_) | Value::Bool(_) => None,
            _ => Some(self.str(v)?),
        };
        super::format::format_value(v, spec, s)
    }

    // ---------------- modules ----------------
}

pub fn ascii_of(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        if c.is_ascii() {
            o.push(c);
        } else if (c as u32) < 0x100 {
            o.push_str(&format!("\\x{:02x}", c as u32));
        } else if (c as u32) < 0x10000 {
            o.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            o.push_str(&format!("\\U{:08x}", c as u32));
        }
    }
    o
}
