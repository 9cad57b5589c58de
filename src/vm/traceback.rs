//! Exceptions as the learner sees them: making an exception from `raise X`,
//! matching `except T`, traceback entries, and CPython 3.11's report with its `^~~`
//! markers and chained causes.

use super::code::*;
use super::types::*;
use super::value::*;
use super::frame::Frame;
use super::interp::*;

/// How many entries a traceback report shows at most: CPython 3.11's default when
/// `sys.tracebacklimit` is unset (PyTraceBack_LIMIT).
const TRACEBACK_LIMIT: usize = 1000;

/// How many entries an exception records, innermost first. CPython keeps every one, but
/// its report shows only TRACEBACK_LIMIT, so the report is the same; what differs is
/// `traceback.extract_tb` of an exception more than this many calls deep. Recording all
/// of a 100,000-deep recursion made Stop take 180 ms in the page.
const TRACEBACK_KEPT: usize = 10_000;

impl Vm {
    pub(crate) fn make_exc(&mut self, e: Value) -> PyResult<Value> {
        match &e {
            Value::Class(c) if c.is_subclass(&types().exc[ExcType::BaseException as usize]) => self.call(&e, vec![]),
            Value::Inst(i) if i.class().is_subclass(&types().exc[ExcType::BaseException as usize]) => Ok(e),
            _ => Err(type_error("exceptions must derive from BaseException")),
        }
    }

    // ---------------- attributes ----------------

    pub fn format_exception(&mut self, e: &Value) -> String {
        let mut out = String::new();
        self.format_exc_chain(e, &mut out, 0);
        out
    }

    pub(crate) fn format_exc_chain(&mut self, e: &Value, out: &mut String, depth: usize) {
        if let Value::Inst(i) = e {
            if depth < 50 {
                let cause = i.get("__cause__").filter(|c| !c.is_none());
                let suppress = matches!(i.get("__suppress_context__"), Some(Value::Bool(true)));
                if let Some(c) = cause {
                    self.format_exc_chain(&c, out, depth + 1);
                    out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                } else if !suppress {
                    if let Some(c) = i.get("__context__").filter(|c| !c.is_none()) {
                        self.format_exc_chain(&c, out, depth + 1);
                        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
                    }
                }
            }
            if let Some(Value::List(tb)) = i.get("__traceback__") {
                let entries = lock(&tb).clone();
                if !entries.is_empty() {
                    out.push_str("Traceback (most recent call last):\n");
                    let mut last: Option<String> = None;
                    let mut repeat = 0;
                    let flush_repeat = |out: &mut String, repeat: usize| {
                        if repeat > 3 {
                            out.push_str(&format!("  [Previous line repeated {} more time{}]\n", repeat - 3, if repeat - 3 == 1 { "" } else { "s" }));
                        }
                    };
                    // Innermost first; like CPython's own report, only the innermost
                    // TRACEBACK_LIMIT entries (a 100,000-deep recursion made Stop slow).
                    for ent in entries.iter().take(TRACEBACK_LIMIT).rev() {
                        let Value::Tuple(t) = ent else { continue };
                        let file = t[0].as_str().unwrap_or("?").to_string();
                        let line = if let Value::Int(l) = t[1] { l } else { 0 };
                        let name = t[2].as_str().unwrap_or("?").to_string();
                        let mut s = format!("  File \"{}\", line {}, in {}\n", file, line, name);
                        if let Some(src) = lock(&self.interp.sources).get(&*file) {
                            if let Some(l) = src.lines().nth((line as usize).wrapping_sub(1)) {
                                let trimmed = l.trim();
                                if !trimmed.is_empty() {
                                    s.push_str(&format!("    {}\n", trimmed));
                                    if let Some(m) = markers(src, line as usize, t) {
                                        s.push_str(&m);
                                    }
                                }
                            }
                        }
                        if last.as_ref() == Some(&s) {
                            repeat += 1;
                            if repeat < 3 {
                                out.push_str(&s);
                            }
                            continue;
                        }
                        flush_repeat(out, repeat + 1);
                        repeat = 0;
                        out.push_str(&s);
                        last = Some(s);
                    }
                    flush_repeat(out, repeat + 1);
                }
            }
        }
        out.push_str(&self.exc_line(e));
        out.push('\n');
    }

    /// The last line of a traceback: `Type: message`.
    pub fn exc_line(&mut self, e: &Value) -> String {
        let cls = type_of(e);
        let name = if &*cls.module == "builtins" || &*cls.module == "__main__" { cls.qualname.to_string() } else { format!("{}.{}", cls.module, cls.qualname) };
        let msg = match self.str(e) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".into(),
        };
        if msg.is_empty() {
            name
        } else {
            format!("{}: {}", name, msg)
        }
    }
}

/// CPython 3.11's marker line under a traceback's source line: `^` under the failing
/// expression, or `~~^~~` (operands and operator) for a binary operation, `~^^^` for a
/// subscript. None when there is no position, it spans lines, or it is the whole line.
pub(crate) fn markers(src: &str, line: usize, ent: &[Value]) -> Option<String> {
    let num = |i: usize| match ent.get(i) {
        Some(Value::Int(n)) => Some(*n as usize),
        _ => None,
    };
    let (kind, start, end, a, b) = (num(3)?, num(4)?, num(5)?, num(6)?, num(7)?);
    if kind == 0 {
        return None;
    }
    let line_start: usize = src.split_inclusive('\n').take(line.checked_sub(1)?).map(|l| l.len()).sum();
    let text = src[line_start..].split('\n').next()?;
    let line_end = line_start + text.len();
    if start < line_start || end > line_end || start >= end {
        return None;
    }
    // Plain markers under the whole line say nothing: CPython leaves them out.
    if kind == 1 && src[start..end].trim() == text.trim() {
        return None;
    }
    let col = |at: usize| src[line_start..at].chars().count();
    let indent = text.chars().count() - text.trim_start().chars().count();
    let (cs, ce) = (col(start), col(end));
    let mut m: Vec<char> = vec!['^'; ce - cs];
    match kind {
        2 if a >= start && b <= end && a <= b => {
            // The operator: after the left operand, past spaces and closing brackets.
            let between = &src[a..b];
            let skip = between.len() - between.trim_start_matches(|c: char| c.is_whitespace() || c == ')').len();
            let op_start = a + skip;
            let op_len = src[op_start..b].find(|c: char| c.is_whitespace() || c == '(').unwrap_or(b - op_start);
            let (os, oe) = (col(op_start) - cs, col(op_start + op_len) - cs);
            for (i, c) in m.iter_mut().enumerate() {
                if i < os || i >= oe {
                    *c = '~';
                }
            }
        }
        3 if a >= start && a <= end => {
            let vs = col(a) - cs;
            for c in m.iter_mut().take(vs) {
                *c = '~';
            }
        }
        _ => {}
    }
    let pad = " ".repeat(4 + cs.checked_sub(indent)?);
    Some(format!("{pad}{}\n", m.into_iter().collect::<String>()))
}

/// Whether the exception's message mentions `what`.
pub(crate) fn exc_message_has(exc: &Value, what: &str) -> bool {
    match exc {
        Value::Inst(i) => match i.get("args") {
            Some(Value::Tuple(t)) => t.first().and_then(|m| m.as_str().map(|m| m.contains(what))).unwrap_or(false),
            _ => false,
        },
        _ => false,
    }
}

pub(crate) fn add_tb(exc: &Value, file: &Name, line: u32, name: &Name, pos: Pos) {
    if let Value::Inst(i) = exc {
        let list = i.get("__traceback__");
        if let Some(Value::List(l)) = &list {
            if lock(l).len() >= TRACEBACK_KEPT {
                return;
            }
        }
        let kind = match pos.kind {
            PosKind::None => 0,
            PosKind::Plain => 1,
            PosKind::BinOp => 2,
            PosKind::Subscript => 3,
        };
        let ent = Value::tuple(vec![
            Value::str(file),
            Value::Int(line as i64),
            Value::str(name),
            Value::Int(kind),
            Value::Int(pos.start as i64),
            Value::Int(pos.end as i64),
            Value::Int(pos.a as i64),
            Value::Int(pos.b as i64),
        ]);
        match list {
            Some(Value::List(l)) => lock(&l).push(ent),
            _ => i.set(intern("__traceback__"), Value::list(vec![ent])),
        }
    }
}

pub fn exc_match(e: &Value, t: &Value) -> PyResult<bool> {
    let cls = type_of(e);
    match t {
        Value::Class(c) => {
            if !c.is_subclass(&types().exc[ExcType::BaseException as usize]) {
                return Err(type_error("catching classes that do not inherit from BaseException is not allowed"));
            }
            Ok(cls.is_subclass(c))
        }
        Value::Tuple(ts) => {
            for x in ts.iter() {
                if exc_match(e, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error("catching classes that do not inherit from BaseException is not allowed")),
    }
}

/// Opcode bodies called from the eval loop.
impl Vm {
    /// RAISE_VARARGS n: `raise` (n = 0, re-raise the exception being handled, without a
    /// new traceback entry), `raise e` (1), `raise e from c` (2). Returns the exception
    /// to unwind with and whether this frame is added to its traceback.
    #[inline(never)]
    pub(crate) fn raise_op(&mut self, f: &mut Frame, n: u32) -> PyResult<(Value, bool)> {
        match n {
            0 => Ok(match self.current_handled() {
                Some(e) => (e, false),
                None => (ExcType::RuntimeError.msg("No active exception to reraise"), true),
            }),
            1 => {
                let e = f.stack.pop().unwrap();
                Ok((self.make_exc(e)?, true))
            }
            _ => {
                let c = f.stack.pop().unwrap();
                let e = f.stack.pop().unwrap();
                let e = self.make_exc(e)?;
                let c = if c.is_none() { c } else { self.make_exc(c)? };
                if let Value::Inst(i) = &e {
                    i.set(intern("__cause__"), c);
                    i.set(intern("__suppress_context__"), Value::Bool(true));
                }
                Ok((e, true))
            }
        }
    }
}
