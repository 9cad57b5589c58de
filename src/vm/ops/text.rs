//! repr() of builtin values that never need Python code: floats as CPython prints
//! them (shortest round-trip), strings and bytes with their quotes and escapes.

use crate::vm::types::*;
use crate::vm::value::*;

pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    // Shortest round-trip digits via {:e}
    let s = format!("{:e}", f);
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let e = exp as usize;
            if digits.len() > e + 1 {
                out.push_str(&digits[..e + 1]);
                out.push('.');
                out.push_str(&digits[e + 1..]);
            } else {
                out.push_str(&digits);
                for _ in 0..(e + 1 - digits.len()) {
                    out.push('0');
                }
                out.push_str(".0");
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

/// Non-ASCII characters repr() shows as they are: all but separators other than the
/// space (Zs, Zl, Zp), format characters (Cf) and private use (Co), by Unicode 14's
/// tables as CPython 3.11 has them. Unassigned code points (Cn), which CPython also
/// escapes, are shown as they are: that table is not carried.
pub fn printable(c: char) -> bool {
    const HIDDEN: &[(u32, u32)] = &[
        (0xA0, 0xA0), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
        (0x890, 0x891), (0x8E2, 0x8E2), (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200F),
        (0x2028, 0x202F), (0x205F, 0x2064), (0x2066, 0x206F), (0x3000, 0x3000), (0xE000, 0xF8FF),
        (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
        (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
        (0xE0020, 0xE007F), (0xF0000, 0x10FFFF),
    ];
    let n = c as u32;
    n < 0xA0 || !HIDDEN.iter().any(|&(a, b)| (a..=b).contains(&n))
}

pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c)
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (0x80..0xa0).contains(&(c as u32)) => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if !printable(c) => match c as u32 {
                n @ 0..=0xff => out.push_str(&format!("\\x{n:02x}")),
                n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
                n => out.push_str(&format!("\\U{n:08x}")),
            },
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(c as char)
            }
            32..=126 => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(q);
    out
}

/// repr() of values that never need Python code (no instances inside).
pub fn repr_simple(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Big(b) => b.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(&s.s),
        Value::Bytes(b) => bytes_repr(b),
        Value::Ellipsis => "Ellipsis".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Range(r) => {
            if r.2 == 1 {
                format!("range({}, {})", r.0, r.1)
            } else {
                format!("range({}, {}, {})", r.0, r.1, r.2)
            }
        }
        Value::Func(f) => format!("<function {} at 0x{:012x}>", f.qualname, v.id()),
        Value::Class(c) => {
            if &*c.module == "builtins" {
                format!("<class '{}'>", c.qualname)
            } else {
                format!("<class '{}.{}'>", c.module, c.qualname)
            }
        }
        Value::Builtin(b) => {
            if b.bound.is_some() {
                format!("<built-in method {}>", b.name)
            } else {
                format!("<built-in function {}>", b.name)
            }
        }
        Value::BMethod(m) => format!("<built-in method {} of {} object at 0x{:012x}>", m.1, type_name(&m.0), m.0.id()),
        Value::Method(m) => {
            let fname = match &m.1 {
                Value::Func(f) => f.qualname.to_string(),
                _ => "?".into(),
            };
            format!("<bound method {} of {}>", fname, repr_simple(&m.0))
        }
        Value::Module(m) => format!("<module '{}'>", m.name),
        Value::Gen(g) if g.coro => format!("<coroutine object {} at 0x{:012x}>", g.qualname, v.id()),
        Value::Gen(g) => format!("<generator object {} at 0x{:012x}>", g.qualname, v.id()),
        Value::Inst(i) => {
            let c = i.class();
            format!("<{}.{} object at 0x{:012x}>", c.module, c.qualname, v.id())
        }
        Value::Tuple(t) => {
            let parts: Vec<String> = t.iter().map(repr_simple).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::List(l) => {
            let parts: Vec<String> = lock(l).iter().map(repr_simple).collect();
            format!("[{}]", parts.join(", "))
        }
        _ => format!("<{} object at 0x{:012x}>", type_name(v), v.id()),
    }
}
