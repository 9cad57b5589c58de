//! str.format, and `str_method` (the str table lives in objects/str.rs).

use super::interp::Vm;
use super::types::*;
use super::value::*;
use std::sync::Arc;

/// `s.name(*a, **kw)`: the entry of str's method table.
pub fn str_method(vm: &mut Vm, s: &Arc<PyStr>, name: &str, a: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Value> {
    match super::objects::find(super::objects::str::METHODS, name) {
        Some(f) => f(vm, &Value::Str(s.clone()), a, kw),
        None => Err(ExcType::AttributeError.msg(format!("'str' object has no attribute '{}'", name))),
    }
}

/// str.format
pub fn str_format(vm: &mut Vm, fmt: &str, args: &[Value], kw: &[(Name, Value)]) -> PyResult<String> {
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut auto = 0usize;
    let mut manual = false;
    while i < c.len() {
        let ch = c[i];
        if ch == '{' {
            if i + 1 < c.len() && c[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            // find matching }
            let mut depth = 1;
            let mut j = i + 1;
            while j < c.len() {
                if c[j] == '{' {
                    depth += 1;
                } else if c[j] == '}' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                j += 1;
            }
            if j >= c.len() {
                return Err(value_error("Single '{' encountered in format string"));
            }
            let field: String = c[i + 1..j].iter().collect();
            i = j + 1;
            // split field: name[!conv][:spec]
            let (name_part, rest) = match field.find(['!', ':']) {
                Some(p) => (&field[..p], &field[p..]),
                None => (&field[..], ""),
            };
            let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
                let cv = r.chars().next();
                let after = &r[cv.map(|c| c.len_utf8()).unwrap_or(0)..];
                (cv, after.strip_prefix(':').unwrap_or(""))
            } else {
                (None, rest.strip_prefix(':').unwrap_or(""))
            };
            // nested fields in spec
            let spec = if spec.contains('{') { str_format(vm, spec, args, kw)? } else { spec.to_string() };
            // resolve name
            let (first, mut tail) = match name_part.find(['.', '[']) {
                Some(p) => (&name_part[..p], &name_part[p..]),
                None => (name_part, ""),
            };
            let mut v = if first.is_empty() {
                if manual {
                    return Err(value_error("cannot switch from manual field specification to automatic field numbering"));
                }
                let v = args.get(auto).cloned().ok_or_else(|| ExcType::IndexError.msg(format!("Replacement index {} out of range for positional args tuple", auto)))?;
                auto += 1;
                v
            } else if let Ok(n) = first.parse::<usize>() {
                manual = true;
                args.get(n).cloned().ok_or_else(|| ExcType::IndexError.msg(format!("Replacement index {} out of range for positional args tuple", n)))?
            } else {
                kw.iter().find(|(k, _)| &**k == first).map(|(_, v)| v.clone()).ok_or_else(|| ExcType::KeyError.with(vec![Value::str(first)]))?
            };
            while !tail.is_empty() {
                if let Some(r) = tail.strip_prefix('.') {
                    let end = r.find(['.', '[']).unwrap_or(r.len());
                    v = vm.getattr(&v, &r[..end])?;
                    tail = &r[end..];
                } else if let Some(r) = tail.strip_prefix('[') {
                    let end = r.find(']').ok_or_else(|| value_error("Missing ']' in format string"))?;
                    let key = &r[..end];
                    let k = match key.parse::<i64>() {
                        Ok(n) => Value::Int(n),
                        Err(_) => Value::str(key),
                    };
                    v = vm.getitem(&v, &k)?;
                    tail = &r[end + 1..];
                } else {
                    break;
                }
            }
            let v = match conv {
                Some('r') => Value::string(vm.repr(&v)?),
                Some('s') => Value::string(vm.str(&v)?),
                Some('a') => Value::string(super::repr::ascii_of(&vm.repr(&v)?)),
                Some(c) => return Err(value_error(format!("Unknown conversion specifier {}", c))),
                None => v,
            };
            out.push_str(&vm.format(&v, &spec)?);
        } else if ch == '}' {
            if i + 1 < c.len() && c[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error("Single '}' encountered in format string"));
        } else {
            out.push(ch);
            i += 1;
        }
    }
    Ok(out)
}
