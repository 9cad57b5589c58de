//! str: its methods (one table) and constructor.

use super::{method, Args, Kw, Method};
use crate::vm::builtins::to_int;
use crate::vm::interp::Vm;
use crate::vm::ops::*;
use crate::vm::strmethods::str_format;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

fn me(o: &Value) -> PyResult<&Arc<PyStr>> {
    match o {
        Value::Str(s) => Ok(s),
        _ => Err(super::wrong_self("str", o)),
    }
}

pub static METHODS: &[Method] = &[
    method!("join", join),
    method!("split", split),
    method!("rsplit", split),
    method!("strip", strip),
    method!("lstrip", strip),
    method!("rstrip", strip),
    method!("upper", upper),
    method!("lower", lower),
    method!("casefold", lower),
    method!("title", title),
    method!("capitalize", capitalize),
    method!("swapcase", swapcase),
    method!("replace", replace),
    method!("startswith", startswith),
    method!("endswith", startswith),
    method!("find", find),
    method!("rfind", find),
    method!("index", find),
    method!("rindex", find),
    method!("count", count),
    method!("format", format),
    method!("format_map", format_map),
    method!("isdigit", isdigit),
    method!("isdecimal", isdigit),
    method!("isnumeric", isdigit),
    method!("isalpha", isalpha),
    method!("isascii", isascii),
    method!("isalnum", isalnum),
    method!("isspace", isspace),
    method!("isupper", isupper),
    method!("islower", islower),
    method!("istitle", istitle),
    method!("isidentifier", isidentifier),
    method!("center", center),
    method!("ljust", center),
    method!("rjust", center),
    method!("zfill", zfill),
    method!("splitlines", splitlines),
    method!("partition", partition),
    method!("rpartition", partition),
    method!("encode", encode),
    method!("removeprefix", removeprefix),
    method!("removesuffix", removesuffix),
    method!("expandtabs", expandtabs),
    method!("__len__", dunder_len),
    method!("__contains__", dunder_contains),
    method!("__getitem__", dunder_getitem),
    method!("__add__", dunder_add),
    method!("__mul__", dunder_mul),
    method!("__eq__", dunder_eq),
    method!("__lt__", dunder_lt),
    method!("__hash__", dunder_hash),
    method!("__str__", dunder_str),
    method!("__repr__", dunder_repr),
];

/// `str(...)`
pub fn new(vm: &mut Vm, _cls: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Ok(Value::str(""));
    }
    if let (Value::Bytes(b), Some(_)) = (crate::vm::builtins::arg(&a, 0)?, a.get(1).or(super::kwarg(&kw, "encoding").as_ref())) {
        return String::from_utf8(b.to_vec()).map(Value::string).map_err(|_| ExcType::UnicodeDecodeError.msg("'utf-8' codec can't decode bytes"));
    }
    Ok(Value::string(vm.str(crate::vm::builtins::arg(&a, 0)?)?))
}

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

#[allow(unused_variables)]
fn join(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
            let items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
            let mut out = String::new();
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(st);
                }
                match x {
                    Value::Str(p) => out.push_str(&p.s),
                    other if other.as_str().is_some() => out.push_str(other.as_str().unwrap()),
                    other => return Err(type_error(format!("sequence item {}: expected str instance, {} found", i, type_name(other)))),
                }
            }
            Value::string(out)
})
}

#[allow(unused_variables)]
fn split(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn strip(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn upper(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::string(st.to_uppercase()))
}

#[allow(unused_variables)]
fn lower(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::string(st.to_lowercase()))
}

#[allow(unused_variables)]
fn title(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn capitalize(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
            let mut cs = st.chars();
            Value::string(match cs.next() {
                Some(c) => c.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                None => String::new(),
            })
})
}

#[allow(unused_variables)]
fn swapcase(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::string(st.chars().map(|c| if c.is_uppercase() { c.to_lowercase().collect::<String>() } else { c.to_uppercase().collect() }).collect()))
}

#[allow(unused_variables)]
fn replace(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn startswith(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
            let (bs, be) = sub_range(s, &a, 1)?;
            let hay = &st[bs..be];
            let check = |p: &str| if name == "startswith" { hay.starts_with(p) } else { hay.ends_with(p) };
            match a.first() {
                Some(Value::Str(p)) => Value::Bool(check(&p.s)),
                Some(Value::Tuple(t)) => Value::Bool(t.iter().any(|x| x.as_str().map(check).unwrap_or(false))),
                Some(v) => return Err(type_error(format!("{} first arg must be str or a tuple of str, not {}", name, type_name(v)))),
                None => return Err(type_error(format!("{name}() takes at least 1 argument (0 given)"))),
            }
})
}

#[allow(unused_variables)]
fn find(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn count(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
            let p = arg_str(&a, 0, "count")?;
            let (bs, be) = sub_range(s, &a, 1)?;
            let hay = &st[bs..be];
            Value::Int(if p.is_empty() { hay.chars().count() as i64 + 1 } else { hay.matches(p).count() as i64 })
})
}

#[allow(unused_variables)]
fn format(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::string(str_format(vm, st, &a, &kw)?))
}

#[allow(unused_variables)]
fn format_map(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
            let mut kws = vec![];
            if let Some(Value::Dict(d)) = a.first() {
                for (k, v) in lock(d).items() {
                    kws.push((intern(k.as_str().unwrap_or("")), v));
                }
            }
            Value::string(str_format(vm, st, &[], &kws)?)
})
}

#[allow(unused_variables)]
fn isdigit(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(!st.is_empty() && st.chars().all(|c| c.is_ascii_digit() || (name != "isdecimal" && c.is_numeric()))))
}

#[allow(unused_variables)]
fn isalpha(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(!st.is_empty() && st.chars().all(char::is_alphabetic)))
}

#[allow(unused_variables)]
fn isascii(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    Ok(Value::Bool(me(o)?.s.is_ascii()))
}

#[allow(unused_variables)]
fn isalnum(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(!st.is_empty() && st.chars().all(char::is_alphanumeric)))
}

#[allow(unused_variables)]
fn isspace(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(!st.is_empty() && st.chars().all(char::is_whitespace)))
}

#[allow(unused_variables)]
fn isupper(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(st.chars().any(char::is_uppercase) && !st.chars().any(char::is_lowercase)))
}

#[allow(unused_variables)]
fn islower(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(st.chars().any(char::is_lowercase) && !st.chars().any(char::is_uppercase)))
}

#[allow(unused_variables)]
fn istitle(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
            let t = title(vm, o, "title", vec![], vec![])?;
            Value::Bool(t.as_str() == Some(st) && st.chars().any(char::is_alphabetic))
})
}

#[allow(unused_variables)]
fn isidentifier(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(st.chars().next().map(|c| c.is_alphabetic() || c == '_').unwrap_or(false) && st.chars().all(|c| c.is_alphanumeric() || c == '_')))
}

#[allow(unused_variables)]
fn center(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn zfill(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn splitlines(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn partition(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
/// `str.encode(encoding='utf-8', errors='strict')`: UTF-8, ASCII and Latin-1.
fn encode(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let _ = vm;
    let s = me(o)?;
    let st = &s.s;
    let text = |i: usize, key: &str, default: &str| -> PyResult<String> {
        match a.get(i).cloned().or_else(|| super::kwarg(&kw, key)) {
            None => Ok(default.to_string()),
            Some(Value::Str(v)) => Ok(v.s.clone()),
            Some(v) => Err(type_error(format!("{name}() argument '{key}' must be str, not {}", type_name(&v)))),
        }
    };
    let encoding = text(0, "encoding", "utf-8")?;
    let errors = text(1, "errors", "strict")?;
    let (codec, limit) = match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" => return Ok(Value::Bytes(Arc::new(st.as_bytes().to_vec()))),
        "ascii" | "us-ascii" => ("ascii", 128u32),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => ("latin-1", 256),
        _ => return Err(ExcType::LookupError.msg(format!("unknown encoding: {encoding}"))),
    };
    let mut out = Vec::with_capacity(st.len());
    for (pos, c) in st.chars().enumerate() {
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            continue;
        }
        match errors.as_str() {
            "ignore" => {}
            "replace" => out.push(b'?'),
            _ => {
                let ch: String = c.escape_unicode().collect();
                let shown = if (c as u32) < 0x100 { format!("\\x{:02x}", c as u32) } else if (c as u32) < 0x10000 { format!("\\u{:04x}", c as u32) } else { ch };
                let why = if codec == "ascii" { "ordinal not in range(128)" } else { "ordinal not in range(256)" };
                return Err(ExcType::UnicodeEncodeError.msg(format!("'{codec}' codec can't encode character '{shown}' in position {pos}: {why}")));
            }
        }
    }
    Ok(Value::Bytes(Arc::new(out)))
}

#[allow(unused_variables)]
fn removeprefix(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
            let p = arg_str(&a, 0, name)?;
            Value::str(st.strip_prefix(p).unwrap_or(st))
})
}

#[allow(unused_variables)]
fn removesuffix(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
            let p = arg_str(&a, 0, name)?;
            Value::str(st.strip_suffix(p).unwrap_or(st))
})
}

#[allow(unused_variables)]
fn expandtabs(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok({
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
})
}

#[allow(unused_variables)]
fn dunder_len(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Int(s.char_len() as i64))
}

#[allow(unused_variables)]
fn dunder_contains(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(vm.contains(&Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?)?))
}

#[allow(unused_variables)]
fn dunder_getitem(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(vm.getitem(&Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?)?)
}

#[allow(unused_variables)]
fn dunder_add(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(vm.binary(crate::vm::code::BinOp::Add, &Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?, false)?)
}

#[allow(unused_variables)]
fn dunder_mul(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(vm.binary(crate::vm::code::BinOp::Mul, &Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?, false)?)
}

#[allow(unused_variables)]
fn dunder_eq(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Bool(eq_native(&Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?)))
}

#[allow(unused_variables)]
fn dunder_lt(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(vm.compare(crate::vm::code::CmpOp::Lt, &Value::Str(s.clone()), crate::vm::builtins::arg(&a, 0)?)?)
}

#[allow(unused_variables)]
fn dunder_hash(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Int(hash_str(s)))
}

#[allow(unused_variables)]
fn dunder_str(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::Str(s.clone()))
}

#[allow(unused_variables)]
fn dunder_repr(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let s = me(o)?;
    let st = &s.s;
    Ok(Value::string(str_repr(st)))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::str("abc"));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["\"a-b\".split(\"-\")", "\"ab\".startswith((\"x\", \"a\"))", "\"x\".join([\"1\", \"2\"])"]), ["['a', 'b']", "True", "'1x2'"]);
    }
}
