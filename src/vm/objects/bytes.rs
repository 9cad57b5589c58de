//! bytes: its methods (one table), working on the bytes themselves, with CPython 3.11's
//! results and messages; and the constructor.

use super::{kwarg, method, Args, Kw, Method};
use crate::vm::builtins::{arg, to_int};
use crate::vm::interp::Vm;
use crate::vm::ops::*;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

fn me(o: &Value) -> PyResult<&Arc<Vec<u8>>> {
    match o {
        Value::Bytes(b) => Ok(b),
        _ => Err(super::wrong_self("bytes", o)),
    }
}

fn bytes(v: Vec<u8>) -> Value {
    Value::Bytes(Arc::new(v))
}

pub static METHODS: &[Method] = &[
    method!("decode", decode),
    method!("hex", hex),
    method!("join", join),
    method!("split", split),
    method!("rsplit", split),
    method!("strip", strip),
    method!("lstrip", strip),
    method!("rstrip", strip),
    method!("startswith", startswith),
    method!("endswith", startswith),
    method!("upper", case),
    method!("lower", case),
    method!("replace", replace),
    method!("find", find),
    method!("rfind", find),
    method!("index", find),
    method!("rindex", find),
    method!("count", count),
    method!("removeprefix", remove_affix),
    method!("removesuffix", remove_affix),
    method!("isdigit", is_class),
    method!("isalpha", is_class),
    method!("isalnum", is_class),
    method!("isspace", is_class),
    method!("isupper", is_class),
    method!("islower", is_class),
    method!("__len__", super::generic::dunder_len),
    method!("__getitem__", super::generic::dunder_getitem),
    method!("__contains__", super::generic::dunder_contains),
    method!("__iter__", super::generic::dunder_iter),
    method!("__eq__", super::generic::dunder_eq),
    method!("__add__", super::generic::dunder_add),
    method!("__hash__", super::generic::dunder_hash),
    method!("__repr__", super::generic::dunder_repr),
];

/// `bytes(...)`
pub fn new(vm: &mut Vm, _c: &Arc<Class>, a: Args, _kw: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Ok(bytes(vec![]));
    }
    match arg(&a, 0)? {
        Value::Str(s) => Ok(bytes(s.s.as_bytes().to_vec())),
        Value::Int(n) => {
            if *n < 0 {
                return Err(value_error("negative count"));
            }
            if *n as usize > MAX_SEQ * 4 {
                return Err(memory_error());
            }
            Ok(bytes(vec![0; *n as usize]))
        }
        Value::Bytes(_) => Ok(arg(&a, 0)?.clone()),
        v => {
            let items = vm.to_vec(v)?;
            let mut out = vec![];
            for x in items {
                let i = to_int(&x)?;
                if !(0..256).contains(&i) {
                    return Err(value_error("bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            Ok(bytes(out))
        }
    }
}

/// No arguments allowed: `bytes.upper() takes no arguments (1 given)`.
fn no_args(name: &str, a: &Args) -> PyResult<()> {
    if !a.is_empty() {
        return Err(type_error(format!("bytes.{name}() takes no arguments ({} given)", a.len())));
    }
    Ok(())
}

/// A bytes-like argument (`a bytes-like object is required, not 'str'`).
fn bytes_like(v: &Value) -> PyResult<&[u8]> {
    match v {
        Value::Bytes(b) => Ok(b),
        _ => Err(type_error(format!("a bytes-like object is required, not '{}'", type_name(v)))),
    }
}

/// The needle of find/count/index: bytes or an int in range(256).
fn needle(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Int(_) | Value::Bool(_) => {
            let i = to_int(v)?;
            if !(0..256).contains(&i) {
                return Err(value_error("byte must be in range(0, 256)"));
            }
            Ok(vec![i as u8])
        }
        _ => Err(type_error(format!("argument should be integer or bytes-like object, not '{}'", type_name(v)))),
    }
}

/// [start, end) of the optional start/end arguments at `from`, clamped like slices.
fn sub_range(len: usize, a: &[Value], from: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
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
    Ok((st, en.max(st)))
}

fn find_sub(hay: &[u8], p: &[u8], from_right: bool) -> Option<usize> {
    if p.len() > hay.len() {
        return None;
    }
    let mut idx = (0..=hay.len() - p.len()).filter(|&i| &hay[i..i + p.len()] == p);
    if from_right {
        idx.last()
    } else {
        idx.next()
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn decode_error(codec: &str, b: &[u8], start: usize, end: usize, reason: &str) -> Value {
    let what = if end - start == 1 { format!("byte 0x{:02x} in position {start}", b[start]) } else { format!("bytes in position {start}-{}", end - 1) };
    ExcType::UnicodeDecodeError.msg(format!("'{codec}' codec can't decode {what}: {reason}"))
}

fn decode_utf8(b: &[u8], errors: &str) -> PyResult<String> {
    let mut out = String::new();
    let mut rest = b;
    let mut base = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return Ok(out);
            }
            Err(e) => {
                let ok = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..ok]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - ok);
                match errors {
                    "replace" => out.push('\u{fffd}'),
                    "ignore" => {}
                    _ => {
                        let pos = base + ok;
                        return Err(match e.error_len() {
                            None => decode_error("utf-8", b, pos, b.len(), "unexpected end of data"),
                            Some(_) => {
                                let c = b[pos];
                                let start_ok = matches!(c, 0xc2..=0xf4);
                                decode_error("utf-8", b, pos, pos + 1, if start_ok { "invalid continuation byte" } else { "invalid start byte" })
                            }
                        });
                    }
                }
                base += ok + bad;
                rest = &rest[ok + bad..];
            }
        }
    }
}

#[allow(unused_variables)]
fn decode(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    let text = |v: Option<Value>, what: &str, def: &str| -> PyResult<String> {
        match v {
            None => Ok(def.to_string()),
            Some(Value::Str(s)) => Ok(s.s.clone()),
            Some(v) => Err(type_error(format!("decode() argument '{what}' must be str, not {}", type_name(&v)))),
        }
    };
    let encoding = text(a.first().cloned().or_else(|| kwarg(&kw, "encoding")), "encoding", "utf-8")?;
    let errors = text(a.get(1).cloned().or_else(|| kwarg(&kw, "errors")), "errors", "strict")?;
    let norm = encoding.to_ascii_lowercase().replace('_', "-");
    let s = match norm.as_str() {
        "utf-8" | "utf8" | "u8" => decode_utf8(b, &errors)?,
        "ascii" | "us-ascii" => {
            let mut out = String::new();
            for (i, &c) in b.iter().enumerate() {
                if c < 128 {
                    out.push(c as char);
                } else {
                    match errors.as_str() {
                        "replace" => out.push('\u{fffd}'),
                        "ignore" => {}
                        _ => return Err(decode_error("ascii", b, i, i + 1, "ordinal not in range(128)")),
                    }
                }
            }
            out
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => b.iter().map(|&c| c as char).collect(),
        _ => return Err(ExcType::LookupError.msg(format!("unknown encoding: {encoding}"))),
    };
    Ok(Value::string(s))
}

#[allow(unused_variables)]
fn hex(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    Ok(Value::string(b.iter().map(|x| format!("{:02x}", x)).collect()))
}

#[allow(unused_variables)]
fn join(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let sep = me(o)?;
    let items = vm.to_vec(arg(&a, 0)?)?;
    let mut out = vec![];
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        match x {
            Value::Bytes(p) => out.extend_from_slice(p),
            other => return Err(type_error(format!("sequence item {i}: expected a bytes-like object, {} found", type_name(other)))),
        }
        if out.len() > MAX_SEQ * 4 {
            return Err(memory_error());
        }
    }
    Ok(bytes(out))
}

#[allow(unused_variables)]
fn split(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    let sep = a.first().cloned().or_else(|| kwarg(&kw, "sep")).unwrap_or(Value::None);
    let maxsplit = match a.get(1).cloned().or_else(|| kwarg(&kw, "maxsplit")) {
        Some(v) => to_int(&v)?,
        None => -1,
    };
    let right = name == "rsplit";
    let limit = |n: usize| maxsplit >= 0 && n as i64 >= maxsplit;
    let mut parts: Vec<Vec<u8>> = vec![];
    match &sep {
        Value::None => {
            // Runs of ASCII whitespace separate; none at the ends.
            let mut v: Vec<u8> = b.to_vec();
            if right {
                v.reverse();
            }
            let mut i = 0;
            while i < v.len() && is_space(v[i]) {
                i += 1;
            }
            while i < v.len() {
                if limit(parts.len()) {
                    parts.push(v[i..].to_vec());
                    break;
                }
                let s = i;
                while i < v.len() && !is_space(v[i]) {
                    i += 1;
                }
                parts.push(v[s..i].to_vec());
                while i < v.len() && is_space(v[i]) {
                    i += 1;
                }
            }
            if right {
                for p in parts.iter_mut() {
                    p.reverse();
                }
                parts.reverse();
            }
        }
        other => {
            let p = bytes_like(other)?;
            if p.is_empty() {
                return Err(value_error("empty separator"));
            }
            if right {
                let mut end = b.len();
                while !limit(parts.len()) {
                    match find_sub(&b[..end], p, true) {
                        Some(i) => {
                            parts.push(b[i + p.len()..end].to_vec());
                            end = i;
                        }
                        None => break,
                    }
                }
                parts.push(b[..end].to_vec());
                parts.reverse();
            } else {
                let mut start = 0;
                while !limit(parts.len()) {
                    match find_sub(&b[start..], p, false) {
                        Some(i) => {
                            parts.push(b[start..start + i].to_vec());
                            start += i + p.len();
                        }
                        None => break,
                    }
                }
                parts.push(b[start..].to_vec());
            }
        }
    }
    Ok(Value::list(parts.into_iter().map(bytes).collect()))
}

#[allow(unused_variables)]
fn strip(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    let chars: Option<&[u8]> = match a.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_like(v)?),
    };
    let strip_it = |c: u8| match chars {
        Some(cs) => cs.contains(&c),
        None => is_space(c),
    };
    let mut s = 0;
    let mut e = b.len();
    if name != "rstrip" {
        while s < e && strip_it(b[s]) {
            s += 1;
        }
    }
    if name != "lstrip" {
        while e > s && strip_it(b[e - 1]) {
            e -= 1;
        }
    }
    Ok(bytes(b[s..e].to_vec()))
}

#[allow(unused_variables)]
fn startswith(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    let (s, e) = sub_range(b.len(), &a, 1)?;
    let hay = &b[s..e];
    let check = |p: &[u8]| if name == "startswith" { hay.starts_with(p) } else { hay.ends_with(p) };
    let bad = |v: &Value| type_error(format!("{name} first arg must be bytes or a tuple of bytes, not {}", type_name(v)));
    match a.first() {
        Some(Value::Bytes(p)) => Ok(Value::Bool(check(p))),
        Some(Value::Tuple(t)) => {
            for x in t.iter() {
                match x {
                    Value::Bytes(p) => {
                        if check(p) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    // CPython's wording for a bad tuple item.
                    other => return Err(type_error(format!("a bytes-like object is required, not '{}'", type_name(other)))),
                }
            }
            Ok(Value::Bool(false))
        }
        Some(v) => Err(bad(v)),
        None => Err(type_error(format!("{name}() takes at least 1 argument (0 given)"))),
    }
}

#[allow(unused_variables)]
fn case(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    no_args(name, &a)?;
    Ok(bytes(if name == "upper" { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() }))
}

#[allow(unused_variables)]
fn replace(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    let old = bytes_like(arg(&a, 0)?)?;
    let new = bytes_like(arg(&a, 1)?)?;
    let mut count = match a.get(2) {
        Some(v) => to_int(v)?,
        None => -1,
    };
    let mut out = vec![];
    let mut i = 0;
    if old.is_empty() {
        // Insert `new` between every byte (and at both ends), as CPython does.
        while i <= b.len() {
            if count != 0 {
                out.extend_from_slice(new);
                count -= 1;
            }
            if i < b.len() {
                out.push(b[i]);
            }
            i += 1;
            if out.len() > MAX_SEQ * 4 {
                return Err(memory_error());
            }
        }
        return Ok(bytes(out));
    }
    while i < b.len() {
        if count != 0 && b[i..].starts_with(old) {
            out.extend_from_slice(new);
            i += old.len();
            count -= 1;
            if out.len() > MAX_SEQ * 4 {
                return Err(memory_error());
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(bytes(out))
}

#[allow(unused_variables)]
fn find(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    let p = needle(arg(&a, 0)?)?;
    let (s, e) = sub_range(b.len(), &a, 1)?;
    match find_sub(&b[s..e], &p, name.starts_with('r')) {
        Some(i) => Ok(Value::Int((s + i) as i64)),
        None if name.ends_with("index") => Err(value_error("subsection not found")),
        None => Ok(Value::Int(-1)),
    }
}

#[allow(unused_variables)]
fn count(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    let p = needle(arg(&a, 0)?)?;
    let (s, e) = sub_range(b.len(), &a, 1)?;
    let hay = &b[s..e];
    if p.is_empty() {
        return Ok(Value::Int(hay.len() as i64 + 1));
    }
    let (mut n, mut i) = (0, 0);
    while i + p.len() <= hay.len() {
        if &hay[i..i + p.len()] == &p[..] {
            n += 1;
            i += p.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(n))
}

#[allow(unused_variables)]
fn remove_affix(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    let p = bytes_like(arg(&a, 0)?)?;
    let r = if name == "removeprefix" { b.strip_prefix(p) } else { b.strip_suffix(p) };
    Ok(match r {
        Some(r) => bytes(r.to_vec()),
        None => o.clone(),
    })
}

#[allow(unused_variables)]
fn is_class(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let b = me(o)?;
    no_args(name, &a)?;
    let all = |f: fn(&u8) -> bool| !b.is_empty() && b.iter().all(f);
    Ok(Value::Bool(match name {
        "isdigit" => all(u8::is_ascii_digit),
        "isalpha" => all(u8::is_ascii_alphabetic),
        "isalnum" => all(u8::is_ascii_alphanumeric),
        "isspace" => all(|c| is_space(*c)),
        "isupper" => b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase),
        _ => b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase),
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, bytes(b"ab".to_vec()));
    }

    /// Expected values are CPython 3.11's (python3 -c 'print(repr(...))').
    #[test]
    fn bytes_methods_work_on_bytes() {
        let got = testing::reprs(&[
            "b\"a\".startswith(\"a\")",
            "b\"abc\".startswith((b\"x\", b\"a\"))",
            "b\"abc\".endswith(b\"bc\", 0, 3)",
            "b\"abc\".find(\"a\")",
            "b\"abc\".find(98)",
            "b\"abc\".find(300)",
            "b\"abcb\".rfind(b\"b\")",
            "b\"abc\".index(b\"z\")",
            "b\"a b  c\".split()",
            "b\" a b \".rsplit(None, 1)",
            "b\"a,b,c\".split(b\",\", 1)",
            "b\"aXbX\".rsplit(b\"X\", 1)",
            "b\"a\".split(b\"\")",
            "b\"abc\".split(\"a\")",
            "b\"  x \".strip()",
            "b\"xxhixx\".strip(b\"x\")",
            "b\"xhix\".lstrip(b\"x\")",
            "b\"xhix\".rstrip(b\"x\")",
            "b\"abc\".strip(\"a\")",
            "b\"aBc\".upper()",
            "b\"aBc\".lower()",
            "b\"a\".upper(1)",
            "b\"aaa\".replace(b\"a\", b\"bb\", 2)",
            "b\"ab\".replace(b\"\", b\"-\")",
            "b\"abc\".replace(\"a\", b\"\")",
            "b\"-\".join([b\"a\", b\"b\"])",
            "b\"\".join([\"a\"])",
            "b\"abcabc\".count(b\"bc\")",
            "b\"abc\".count(b\"\")",
            "b\"abc\".count(\"a\")",
            "b\"\\xc3\\xa9\".decode()",
            "b\"\\xff\".decode()",
            "b\"\\xe4\\x41\".decode()",
            "b\"a\\xe4\\xb8\".decode()",
            "b\"\\xff\".decode(\"ascii\")",
            "b\"\\xffa\".decode(\"utf-8\", \"replace\")",
            "b\"\\xe9\".decode(\"latin-1\")",
            "b\"a\".decode(\"xyz\")",
            "b\"\\x01\\xff\".hex()",
            "b\"abc\"[1]",
            "b\"abc\"[1:]",
            "len(b\"abc\")",
            "b\"ab\".removeprefix(b\"a\")",
            "b\"12\".isdigit()",
            "b\"ab\".__len__()",
            "b\"ab\".nosuch"
        ]);
        let want = [
            "TypeError: startswith first arg must be bytes or a tuple of bytes, not str",
            "True",
            "True",
            "TypeError: argument should be integer or bytes-like object, not 'str'",
            "1",
            "ValueError: byte must be in range(0, 256)",
            "3",
            "ValueError: subsection not found",
            "[b'a', b'b', b'c']",
            "[b' a', b'b']",
            "[b'a', b'b,c']",
            "[b'aXb', b'']",
            "ValueError: empty separator",
            "TypeError: a bytes-like object is required, not 'str'",
            "b'x'",
            "b'hi'",
            "b'hix'",
            "b'xhi'",
            "TypeError: a bytes-like object is required, not 'str'",
            "b'ABC'",
            "b'abc'",
            "TypeError: bytes.upper() takes no arguments (1 given)",
            "b'bbbba'",
            "b'-a-b-'",
            "TypeError: a bytes-like object is required, not 'str'",
            "b'a-b'",
            "TypeError: sequence item 0: expected a bytes-like object, str found",
            "2",
            "4",
            "TypeError: argument should be integer or bytes-like object, not 'str'",
            "'é'",
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe4 in position 0: invalid continuation byte",
            "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 1-2: unexpected end of data",
            "UnicodeDecodeError: 'ascii' codec can't decode byte 0xff in position 0: ordinal not in range(128)",
            "'�a'",
            "'é'",
            "LookupError: unknown encoding: xyz",
            "'01ff'",
            "98",
            "b'bc'",
            "3",
            "b'b'",
            "True",
            "2",
            "AttributeError: 'bytes' object has no attribute 'nosuch'"
        ];
        for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
            assert_eq!(g, w, "case {i}");
        }
        assert_eq!(got.len(), want.len());
    }
}
