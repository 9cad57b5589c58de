//! format() mini-language, %-formatting.

use super::ops::*;
use super::types::*;
use super::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

#[derive(Default, Debug)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

pub fn parse_spec(s: &str) -> PyResult<Spec> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut sp = Spec::default();
    if c.len() >= 2 && matches!(c[1], '<' | '>' | '^' | '=') {
        sp.fill = Some(c[0]);
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && matches!(c[0], '<' | '>' | '^' | '=') {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let st = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        sp.width = c[st..i].iter().collect::<String>().parse().unwrap_or(usize::MAX);
        if sp.width > super::ops::MAX_SEQ * 4 {
            return Err(memory_error());
        }
    }
    if i < c.len() && matches!(c[i], ',' | '_') {
        sp.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let st = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return Err(value_error("Format specifier missing precision"));
        }
        let p: usize = c[st..i].iter().collect::<String>().parse().unwrap_or(usize::MAX);
        if p > 100_000 {
            return Err(value_error("precision too big"));
        }
        sp.precision = Some(p);
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(value_error("Invalid format specifier"));
    }
    Ok(sp)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn pad(body: String, sign: &str, sp: &Spec, default_align: char) -> String {
    let len = body.chars().count() + sign.chars().count();
    let fill = sp.fill.unwrap_or(if sp.zero && sp.align.is_none() { '0' } else { ' ' });
    let align = sp.align.unwrap_or(if sp.zero && sp.fill.is_none() { '=' } else { default_align });
    if len >= sp.width {
        return format!("{sign}{body}");
    }
    let padn = sp.width - len;
    let f = |n: usize| std::iter::repeat(fill).take(n).collect::<String>();
    match align {
        '<' => format!("{sign}{body}{}", f(padn)),
        '>' => format!("{}{sign}{body}", f(padn)),
        '^' => format!("{}{sign}{body}{}", f(padn / 2), f(padn - padn / 2)),
        '=' => format!("{sign}{}{body}", f(padn)),
        _ => format!("{sign}{body}"),
    }
}

pub fn format_float(x: f64, sp: &Spec) -> PyResult<String> {
    let ty = sp.ty.unwrap_or('\0');
    let neg = x.is_sign_negative() && !(x == 0.0 && false);
    let a = x.abs();
    let mut body = if a.is_nan() {
        "nan".to_string()
    } else if a.is_infinite() {
        "inf".to_string()
    } else {
        match ty {
            'f' | 'F' => format!("{:.*}", sp.precision.unwrap_or(6), a),
            'e' | 'E' => fmt_exp(a, sp.precision.unwrap_or(6)),
            '%' => format!("{:.*}%", sp.precision.unwrap_or(6), a * 100.0),
            'g' | 'G' | 'n' => fmt_g(a, sp.precision.unwrap_or(6).max(1), sp.alt),
            '\0' => match sp.precision {
                Some(p) => {
                    let s = fmt_g(a, p.max(1), sp.alt);
                    s
                }
                None => float_repr(a),
            },
            _ => return Err(value_error(format!("Unknown format code '{}' for object of type 'float'", ty))),
        }
    };
    if ty == 'E' || ty == 'G' || ty == 'F' {
        body = body.to_uppercase();
    }
    if let Some(g) = sp.grouping {
        let (int, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
            Some(p) => (body[..p].to_string(), body[p..].to_string()),
            None => (body.clone(), String::new()),
        };
        body = format!("{}{}", group(&int, g, 3), rest);
    }
    let sign = if neg && !(x == 0.0 && !x.is_sign_negative()) {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let sign = if x.is_nan() { match sp.sign { Some('+') => "+", Some(' ') => " ", _ => "" } } else { sign };
    Ok(pad(body, sign, sp, '>'))
}

pub fn fmt_exp(a: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, a);
    let (m, e) = s.split_once('e').unwrap();
    let e: i32 = e.parse().unwrap();
    format!("{}e{}{:02}", m, if e < 0 { '-' } else { '+' }, e.abs())
}

pub fn fmt_g(a: f64, p: usize, alt: bool) -> String {
    if a == 0.0 {
        return if alt { format!("{:.*}", p - 1, 0.0) } else { "0".into() };
    }
    let exp = {
        let s = format!("{:.*e}", p - 1, a);
        let (_, e) = s.split_once('e').unwrap();
        e.parse::<i32>().unwrap()
    };
    let mut s = if exp < -4 || exp >= p as i32 {
        fmt_exp(a, p - 1)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, a)
    };
    if !alt {
        if let Some(epos) = s.find('e') {
            let (m, e) = s.split_at(epos);
            let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
            s = format!("{}{}", m, e);
        } else if s.contains('.') {
            s = s.trim_end_matches('0').trim_end_matches('.').to_string();
        }
    }
    s
}

pub fn format_int(v: &BigInt, sp: &Spec) -> PyResult<String> {
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(v.to_f64().unwrap_or(f64::INFINITY), sp);
    }
    if sp.precision.is_some() {
        return Err(value_error("Precision not allowed in integer format specifier"));
    }
    let a = v.abs();
    let (mut body, prefix) = match ty {
        'd' | 'n' => (a.to_string(), ""),
        'x' => (a.to_str_radix(16), "0x"),
        'X' => (a.to_str_radix(16).to_uppercase(), "0X"),
        'o' => (a.to_str_radix(8), "0o"),
        'b' => (a.to_str_radix(2), "0b"),
        'c' => (char::from_u32(a.to_u32().unwrap_or(0)).unwrap_or('?').to_string(), ""),
        _ => return Err(value_error(format!("Unknown format code '{}' for object of type 'int'", ty))),
    };
    if let Some(g) = sp.grouping {
        body = group(&body, g, if matches!(ty, 'd' | 'n') { 3 } else { 4 });
    }
    let sign = if v.is_negative() {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let sign = if sp.alt { format!("{sign}{prefix}") } else { sign.to_string() };
    Ok(pad(body, &sign, sp, '>'))
}

/// format(v, spec) for builtin values. `s`: str(v) for other types.
pub fn format_value(v: &Value, spec: &str, s: Option<String>) -> PyResult<String> {
    let sp = parse_spec(spec)?;
    match v {
        Value::Int(_) | Value::Big(_) | Value::Bool(_) => {
            if matches!(v, Value::Bool(_)) && sp.ty.is_none() {
                let s = if let Value::Bool(b) = v { if *b { "True" } else { "False" } } else { "" };
                return Ok(pad(s.to_string(), "", &sp, '<'));
            }
            format_int(&to_big(v).unwrap(), &sp)
        }
        Value::Float(f) => format_float(*f, &sp),
        Value::Str(x) => {
            if let Some(t) = sp.ty {
                if t != 's' {
                    return Err(value_error(format!("Unknown format code '{}' for object of type 'str'", t)));
                }
            }
            if sp.sign.is_some() {
                return Err(value_error("Sign not allowed in string format specifier"));
            }
            let mut body = x.s.clone();
            if let Some(p) = sp.precision {
                body = body.chars().take(p).collect();
            }
            Ok(pad(body, "", &sp, '<'))
        }
        _ => {
            let s = s.unwrap_or_default();
            if !spec.is_empty() {
                return Err(type_error(format!("unsupported format string passed to {}.__format__", type_name(v))));
            }
            Ok(s)
        }
    }
}

/// `str % args` for builtin args (instances use their repr via the simple path).
pub fn percent_format(fmt: &str, args: &Value, conv_str: &mut dyn FnMut(&Value, bool) -> PyResult<String>) -> PyResult<Value> {
    let items: Vec<Value> = match args {
        Value::Tuple(t) => (**t).clone(),
        other => vec![other.clone()],
    };
    let dict = if let Value::Dict(d) = args { Some(d.clone()) } else { None };
    let mut out = String::new();
    let c: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut ai = 0;
    while i < c.len() {
        if c[i] != '%' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= c.len() {
            return Err(value_error("incomplete format"));
        }
        let mut key_val = None;
        if c[i] == '(' {
            let st = i + 1;
            while i < c.len() && c[i] != ')' {
                i += 1;
            }
            let key: String = c[st..i.min(c.len())].iter().collect();
            i += 1;
            if let Some(d) = &dict {
                let k = Value::str(&key);
                let h = hash_native(&k).ok().flatten().unwrap_or(0);
                key_val = lock(d).get(h, &k).cloned();
                if key_val.is_none() {
                    return Err(ExcType::KeyError.with(vec![k]));
                }
            } else {
                return Err(type_error("format requires a mapping"));
            }
        }
        let mut flags = String::new();
        while i < c.len() && matches!(c[i], '-' | '+' | ' ' | '#' | '0') {
            flags.push(c[i]);
            i += 1;
        }
        let mut width = String::new();
        while i < c.len() && (c[i].is_ascii_digit() || c[i] == '*') {
            if c[i] == '*' {
                let w = items.get(ai).cloned().unwrap_or(Value::Int(0));
                ai += 1;
                width = repr_simple(&w);
            } else {
                width.push(c[i]);
            }
            i += 1;
        }
        let mut prec = None;
        if i < c.len() && c[i] == '.' {
            i += 1;
            let mut p = String::new();
            while i < c.len() && c[i].is_ascii_digit() {
                p.push(c[i]);
                i += 1;
            }
            prec = Some(p.parse::<usize>().unwrap_or(0));
        }
        if i >= c.len() {
            return Err(value_error("incomplete format"));
        }
        let conv = c[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let arg = match key_val.take() {
            Some(v) => v,
            None => {
                let a = items.get(ai).cloned().ok_or_else(|| type_error("not enough arguments for format string"))?;
                ai += 1;
                a
            }
        };
        let mut spec = Spec { width: width.parse().unwrap_or(0), precision: prec, ..Default::default() };
        if spec.width > super::ops::MAX_SEQ * 4 || prec.unwrap_or(0) > 100_000 {
            return Err(memory_error());
        }
        if flags.contains('-') {
            spec.align = Some('<');
        } else {
            spec.align = Some('>');
        }
        if flags.contains('0') && !flags.contains('-') {
            spec.zero = true;
            spec.align = None;
        }
        if flags.contains('+') {
            spec.sign = Some('+');
        } else if flags.contains(' ') {
            spec.sign = Some(' ');
        }
        spec.alt = flags.contains('#');
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = conv_str(&arg, conv != 's')?;
                let s = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                spec.zero = false;
                if spec.align.is_none() {
                    spec.align = Some('>');
                }
                pad(s, "", &spec, '>')
            }
            'd' | 'i' | 'u' => {
                let b = match &arg {
                    Value::Float(f) => BigInt::from(f.trunc() as i64),
                    other => to_big(other).ok_or_else(|| type_error(format!("%d format: a real number is required, not {}", type_name(other))))?,
                };
                spec.precision = None;
                format_int(&b, &spec)?
            }
            'x' | 'X' | 'o' => {
                let b = to_big(&arg).ok_or_else(|| type_error(format!("%{} format: an integer is required, not {}", conv, type_name(&arg))))?;
                spec.ty = Some(conv);
                spec.precision = None;
                format_int(&b, &spec)?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let f = to_f64(&arg).ok_or_else(|| type_error(format!("must be real number, not {}", type_name(&arg))))?;
                spec.ty = Some(conv);
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                format_float(f, &spec)?
            }
            'c' => match &arg {
                Value::Str(s) => s.s.clone(),
                Value::Int(i) => char::from_u32(*i as u32).map(|c| c.to_string()).unwrap_or_default(),
                _ => return Err(type_error("%c requires int or char")),
            },
            other => return Err(value_error(format!("unsupported format character '{}' (0x{:x}) at index {}", other, other as u32, i - 1))),
        };
        out.push_str(&piece);
    }
    if ai < items.len() && dict.is_none() {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    Ok(Value::string(out))
}
