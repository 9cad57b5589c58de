//! Methods of str, and str.format.

use super::builtins::to_int;
use super::interp::Vm;
use super::ops::*;
use super::types::*;
use super::value::*;
use std::sync::Arc;

fn arg_str<'a>(a: &'a [Value], i: usize, m: &str) -> PyResult<&'a str> {
    match a.get(i) {
        Some(Value::Str(s)) => Ok(&s.s),
        Some(v) => Err(type_error(format!("{m} arg must be None or str, not {}", type_name(v)).replace(" arg must be None or str", &format!("() argument {} must be str", i + 1)))),
        None => Err(type_error(format!("{m}() takes at least {} argument ({} given)", i + 1, a.len()))),
    }
}

fn char_index_to_byte(s: &str, ci: usize) -> usize {
    s.char_indices().nth(ci).map(|(b, _)| b).unwrap_or(s.len())
}

fn byte_to_char_index(s: &PyStr, b: usize) -> usize {
    if s.ascii {
        b
    } else {
        s.s[..b].chars().count()
    }
}

fn sub_range(s: &PyStr, a: &[Value], from: usize) -> PyResult<(usize, usize)> {
    let n = s.char_len() as i64;
    let get = |i: usize, def: i64| -> PyResult<i64> {
        match a.get(i) {
            None | Some(Value::None) => Ok(def),
            Some(v) => {
                let x = to_int(v)?;
                Ok(if x < 0 { (x + n).max(0) } else { x.min(n) })
            }
        }
    };
    let st = get(from, 0)? as usize;
    let en = get(from + 1, n)? as usize;
    let (bs, be) = if s.ascii { (st, en) } else { (char_index_to_byte(&s.s, st), char_index_to_byte(&s.s, en)) };
    Ok((bs, be.max(bs)))
}

pub fn str_method(vm: &mut Vm, s: &Arc<PyStr>, name: &str, a: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Value> {
    let st = &s.s;
    Ok(match name {
        "join" => {
            let items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
            let mut out = String::new();
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(st);
                }
                match x {
                    Value::Str(p) => out.push_str(&p.s),
                    other => return Err(type_error(format!("sequence item {}: expected str instance, {} found", i, type_name(other)))),
                }
            }
            Value::string(out)
        }
        "split" | "rsplit" => {
            let sep = a.first().cloned().or_else(|| kw.iter().find(|(k, _)| &**k == "sep").map(|(_, v)| v.clone())).unwrap_or(Value::None);
            let maxsplit = match a.get(1).cloned().or_else(|| kw.iter().find(|(k, _)| &**k == "maxsplit").map(|(_, v)| v.clone())) {
                Some(v) => to_int(&v)?,
                None => -1,
            };
            let parts: Vec<String> = match &sep {
                Value::None => {
                    if name == "split" {
                        let mut out = vec![];
                        let mut rest = st.trim_start();
                        while !rest.is_empty() {
                            if maxsplit >= 0 && out.len() as i64 == maxsplit {
                                out.push(rest.to_string());
                                break;
                            }
                            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                            out.push(rest[..end].to_string());
                            rest = rest[end..].trim_start();
                        }
                        out
                    } else {
                        let mut out = vec![];
                        let mut rest = st.trim_end();
                        while !rest.is_empty() {
                            if maxsplit >= 0 && out.len() as i64 == maxsplit {
                                out.push(rest.to_string());
                                break;
                            }
                            let start = rest.rfind(char::is_whitespace).map(|p| p + rest[p..].chars().next().unwrap().len_utf8()).unwrap_or(0);
                            out.push(rest[start..].to_string());
                            rest = rest[..start].trim_end();
                        }
                        out.reverse();
                        out
                    }
                }
                Value::Str(p) => {
                    if p.s.is_empty() {
                        return Err(value_error("empty separator"));
                    }
                    if name == "split" {
                        if maxsplit >= 0 {
                            st.splitn(maxsplit as usize + 1, &*p.s).map(String::from).collect()
                        } else {
                            st.split(&*p.s).map(String::from).collect()
                        }
                    } else if maxsplit >= 0 {
                        let mut v: Vec<String> = st.rsplitn(maxsplit as usize + 1, &*p.s).map(String::from).collect();
                        v.reverse();
                        v
                    } else {
                        st.split(&*p.s).map(String::from).collect()
                    }
                }
                other => return Err(type_error(format!("must be str or None, not {}", type_name(other)))),
            };
            Value::list(parts.into_iter().map(Value::string).collect())
        }
        "strip" | "lstrip" | "rstrip" => {
            let chars: Option<Vec<char>> = match a.first() {
                Some(Value::Str(c)) => Some(c.s.chars().collect()),
                _ => None,
            };
            let f = |c: char| match &chars {
                Some(cs) => cs.contains(&c),
                None => c.is_whitespace(),
            };
            Value::str(match name {
                "strip" => st.trim_matches(f),
                "lstrip" => st.trim_start_matches(f),
                _ => st.trim_end_matches(f),
            })
        }
        "upper" => Value::string(st.to_uppercase()),
        "lower" | "casefold" => Value::string(st.to_lowercase()),
        "title" => {
            let mut out = String::new();
            let mut prev_alpha = false;
            for c in st.chars() {
                if c.is_alphabetic() {
                    if prev_alpha {
                        out.extend(c.to_lowercase());
                    } else {
                        out.extend(c.to_uppercase());
                    }
                    prev_alpha = true;
                } else {
                    out.push(c);
                    prev_alpha = false;
                }
            }
            Value::string(out)
        }
        "capitalize" => {
            let mut cs = st.chars();
            Value::string(match cs.next() {
                Some(c) => c.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                None => String::new(),
            })
        }
        "swapcase" => Value::string(st.chars().map(|c| if c.is_uppercase() { c.to_lowercase().collect::<String>() } else { c.to_uppercase().collect() }).collect()),
        "replace" => {
            let old = arg_str(&a, 0, "replace")?;
            let new = arg_str(&a, 1, "replace")?;
            let count = match a.get(2) {
                Some(v) => to_int(v)?,
                None => -1,
            };
            let r = if count < 0 { st.replace(old, new) } else { st.replacen(old, new, count as usize) };
            if r.len() > MAX_SEQ * 4 {
                return Err(memory_error());
            }
            Value::string(r)
        }
        "startswith" | "endswith" => {
            let (bs, be) = sub_range(s, &a, 1)?;
            let hay = &st[bs..be];
            let check = |p: &str| if name == "startswith" { hay.starts_with(p) } else { hay.ends_with(p) };
            match a.first() {
                Some(Value::Str(p)) => Value::Bool(check(&p.s)),
                Some(Value::Tuple(t)) => Value::Bool(t.iter().any(|x| x.as_str().map(check).unwrap_or(false))),
                Some(v) => return Err(type_error(format!("{} first arg must be str or a tuple of str, not {}", name, type_name(v)))),
                None => return Err(type_error(format!("{name}() takes at least 1 argument (0 given)"))),
            }
        }
        "find" | "rfind" | "index" | "rindex" => {
            let p = arg_str(&a, 0, name)?;
            let (bs, be) = sub_range(s, &a, 1)?;
            let hay = &st[bs..be];
            let r = if name.starts_with('r') { hay.rfind(p) } else { hay.find(p) };
            match r {
                Some(b) => Value::Int(byte_to_char_index(s, bs + b) as i64),
                None => {
                    if name.ends_with("index") {
                        return Err(value_error("substring not found"));
                    }
                    Value::Int(-1)
                }
            }
        }
        "count" => {
            let p = arg_str(&a, 0, "count")?;
            let (bs, be) = sub_range(s, &a, 1)?;
            let hay = &st[bs..be];
            Value::Int(if p.is_empty() { hay.chars().count() as i64 + 1 } else { hay.matches(p).count() as i64 })
        }
        "format" => Value::string(str_format(vm, st, &a, &kw)?),
        "format_map" => {
            let mut kws = vec![];
            if let Some(Value::Dict(d)) = a.first() {
                for (k, v) in lock(d).items() {
                    kws.push((intern(k.as_str().unwrap_or("")), v));
                }
            }
            Value::string(str_format(vm, st, &[], &kws)?)
        }
        "isdigit" | "isdecimal" | "isnumeric" => Value::Bool(!st.is_empty() && st.chars().all(|c| c.is_ascii_digit() || (name != "isdecimal" && c.is_numeric()))),
        "isalpha" => Value::Bool(!st.is_empty() && st.chars().all(char::is_alphabetic)),
        "isalnum" => Value::Bool(!st.is_empty() && st.chars().all(char::is_alphanumeric)),
        "isspace" => Value::Bool(!st.is_empty() && st.chars().all(char::is_whitespace)),
        "isupper" => Value::Bool(st.chars().any(char::is_uppercase) && !st.chars().any(char::is_lowercase)),
        "islower" => Value::Bool(st.chars().any(char::is_lowercase) && !st.chars().any(char::is_uppercase)),
        "istitle" => {
            let t = str_method(vm, s, "title", vec![], vec![])?;
            Value::Bool(t.as_str() == Some(st) && st.chars().any(char::is_alphabetic))
        }
        "isidentifier" => Value::Bool(st.chars().next().map(|c| c.is_alphabetic() || c == '_').unwrap_or(false) && st.chars().all(|c| c.is_alphanumeric() || c == '_')),
        "center" | "ljust" | "rjust" => {
            let w = to_int(a.first().unwrap_or(&Value::Int(0)))?.max(0) as usize;
            if w > MAX_SEQ * 4 {
                return Err(memory_error());
            }
            let fill = match a.get(1) {
                Some(Value::Str(f)) if f.char_len() == 1 => f.s.chars().next().unwrap(),
                Some(_) => return Err(type_error("The fill character must be exactly one character long")),
                None => ' ',
            };
            let n = s.char_len();
            if w <= n {
                Value::Str(s.clone())
            } else {
                let pad = w - n;
                let f = |k: usize| std::iter::repeat(fill).take(k).collect::<String>();
                Value::string(match name {
                    "ljust" => format!("{st}{}", f(pad)),
                    "rjust" => format!("{}{st}", f(pad)),
                    _ => {
                        let left = pad / 2 + (pad & w & 1);
                        format!("{}{st}{}", f(left), f(pad - left))
                    }
                })
            }
        }
        "zfill" => {
            let w = to_int(crate::vm::builtins::arg(&a, 0)?)?.max(0) as usize;
            if w > MAX_SEQ * 4 {
                return Err(memory_error());
            }
            let n = s.char_len();
            if w <= n {
                Value::Str(s.clone())
            } else {
                let (sign, rest) = if st.starts_with('-') || st.starts_with('+') { (&st[..1], &st[1..]) } else { ("", &st[..]) };
                Value::string(format!("{sign}{}{rest}", "0".repeat(w - n)))
            }
        }
        "splitlines" => {
            let keep = a.first().map(|v| matches!(v, Value::Bool(true))).unwrap_or(false);
            let mut out = vec![];
            let mut cur = String::new();
            let mut it = st.chars().peekable();
            while let Some(c) = it.next() {
                if c == '\n' || c == '\r' {
                    let mut end = c.to_string();
                    if c == '\r' && it.peek() == Some(&'\n') {
                        it.next();
                        end.push('\n');
                    }
                    if keep {
                        cur.push_str(&end);
                    }
                    out.push(Value::string(std::mem::take(&mut cur)));
                } else {
                    cur.push(c);
                }
            }
            if !cur.is_empty() {
                out.push(Value::string(cur));
            }
            Value::list(out)
        }
        "partition" | "rpartition" => {
            let p = arg_str(&a, 0, name)?;
            if p.is_empty() {
                return Err(value_error("empty separator"));
            }
            let pos = if name == "partition" { st.find(p) } else { st.rfind(p) };
            match pos {
                Some(i) => Value::tuple(vec![Value::str(&st[..i]), Value::str(p), Value::str(&st[i + p.len()..])]),
                None => {
                    if name == "partition" {
                        Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")])
                    } else {
                        Value::tuple(vec![Value::str(""), Value::str(""), Value::Str(s.clone())])
                    }
                }
            }
        }
        "encode" => Value::Bytes(Arc::new(st.as_bytes().to_vec())),
        "removeprefix" => {
            let p = arg_str(&a, 0, name)?;
            Value::str(st.strip_prefix(p).unwrap_or(st))
        }
        "removesuffix" => {
            let p = arg_str(&a, 0, name)?;
            Value::str(st.strip_suffix(p).unwrap_or(st))
        }
        "expandtabs" => {
            let ts = match a.first() {
                Some(v) => to_int(v)?.clamp(0, 1000) as usize,
                None => 8,
            };
            let mut out = String::new();
            let mut col = 0;
            for c in st.chars() {
                if c == '\t' {
                    if ts > 0 {
                        let n = ts - col % ts;
                        out.push_str(&" ".repeat(n));
                        col += n;
                    }
                } else {
                    out.push(c);
                    col = if c == '\n' { 0 } else { col + 1 };
                }
            }
            Value::string(out)
        }
        "__len__" => Value::Int(s.char_len() as i64),
        "__contains__" => Value::Bool(vm.contains(&Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?)?),
        "__getitem__" => vm.getitem(&Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?)?,
        "__add__" => vm.binary(super::code::BinOp::Add, &Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?, false)?,
        "__mul__" => vm.binary(super::code::BinOp::Mul, &Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?, false)?,
        "__eq__" => Value::Bool(eq_native(&Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?)),
        "__lt__" => vm.compare(super::code::CmpOp::Lt, &Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?)?,
        "__hash__" => Value::Int(hash_str(s)),
        "__str__" => Value::Str(s.clone()),
        "__repr__" => Value::string(str_repr(st)),
        _ => return Err(ExcType::AttributeError.msg(format!("'str' object has no attribute '{}'", name))),
    })
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
                Some('a') => Value::string(super::interp::ascii_of(&vm.repr(&v)?)),
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
