//! `match` statements (PEP 634) -> bytecode, following CPython 3.11's scheme so that the
//! observable order of lookups, comparisons and bindings is the same: each pattern
//! consumes the value on top of the stack; captured values wait on the stack (below the
//! items a pattern in progress still needs) and are bound only when the whole case
//! pattern has matched; a failed test jumps to a label that pops exactly what that
//! point left on the stack.

use super::{err, CResult, Compiler};
use crate::python::code::{CmpOp, Const, Op, Pos, PosKind};
use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::{Ranged, TextRange};

/// State of one case pattern (CPython's `pattern_context`).
struct PCtx {
    /// Names captured so far, in capture order; their values sit on the stack, the first
    /// captured nearest the top.
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here (last case, guarded, sub-pattern).
    allow_irrefutable: bool,
    /// Jumps to patch, indexed by how many items the failure path must pop.
    fail_pop: Vec<Vec<usize>>,
    /// Items above the captures that the patterns in progress still need.
    on_top: usize,
}

fn wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}
fn wildcard_star(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

/// A literal mapping key, for the duplicate-key SyntaxError: equal Python values give
/// equal keys (1, 1.0 and True are one key, as in a set).
fn literal_key(e: &Expr) -> Option<(String, String)> {
    match e {
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => {
                let s = i.to_string().replace('_', "");
                let v = super::parse_big(&s);
                Some((format!("n:{v}"), v.to_string()))
            }
            ast::Number::Float(f) => Some((num_key(*f), format!("{f:?}"))),
            ast::Number::Complex { .. } => None,
        },
        Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::USub) => {
            let (k, r) = literal_key(&u.operand)?;
            Some((format!("-{k}"), format!("-{r}")))
        }
        Expr::BooleanLiteral(b) => Some((format!("n:{}", b.value as i32), if b.value { "True".into() } else { "False".into() })),
        Expr::NoneLiteral(_) => Some(("None".into(), "None".into())),
        Expr::StringLiteral(s) => {
            let v = s.value.to_str().to_string();
            Some((format!("s:{v}"), quote(&v, "")))
        }
        Expr::BytesLiteral(b) => {
            let v: Vec<u8> = b.value.bytes().collect();
            let text: String = v.iter().map(|&c| if (0x20..0x7f).contains(&c) { (c as char).to_string() } else { format!("\\x{c:02x}") }).collect();
            Some((format!("b:{v:?}"), quote(&text, "b")))
        }
        _ => None,
    }
}
/// A string constant as Python's repr writes it (for error messages).
fn quote(s: &str, prefix: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = format!("{prefix}{q}");
    for ch in s.chars() {
        match ch {
            '\\' if prefix.is_empty() => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}
fn num_key(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e18 {
        format!("n:{}", f as i64)
    } else {
        format!("f:{f}")
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn match_stmt(&mut self, m: &ast::StmtMatch) -> CResult<()> {
        self.expr(&m.subject)?;
        let mut ends = vec![];
        let cases = m.cases.len();
        let last = &m.cases[cases - 1];
        let has_default = wildcard(&last.pattern) && cases > 1;
        for (i, c) in m.cases[..cases - has_default as usize].iter().enumerate() {
            self.set_line(c.pattern.range());
            self.cur_pos = Pos::default();
            let copy = i != cases - has_default as usize - 1;
            if copy {
                self.emit(Op::Dup);
            }
            let mut pc = PCtx { stores: vec![], allow_irrefutable: c.guard.is_some() || i == cases - 1, fail_pop: vec![], on_top: 0 };
            self.pattern(&c.pattern, &mut pc)?;
            for n in pc.stores.clone() {
                self.store_name(&n);
            }
            if let Some(g) = &c.guard {
                self.set_line(g.range());
                self.expr(g)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                if pc.fail_pop.is_empty() {
                    pc.fail_pop.push(vec![]);
                }
                pc.fail_pop[0].push(j);
            }
            if copy {
                self.emit(Op::Pop);
            }
            self.body(&c.body)?;
            ends.push(self.emit(Op::Jump(0)));
            self.set_line(c.pattern.range());
            self.cur_pos = Pos::default();
            self.emit_fail_pop(&mut pc);
        }
        if has_default {
            self.set_line(last.pattern.range());
            self.cur_pos = Pos::default();
            if cases == 1 {
                self.emit(Op::Pop);
            } else {
                self.emit(Op::Nop);
            }
            if let Some(g) = &last.guard {
                self.set_line(g.range());
                self.expr(g)?;
                ends.push(self.emit(Op::PopJumpIfFalse(0)));
            }
            self.body(&last.body)?;
        }
        for j in ends {
            self.patch(j);
        }
        Ok(())
    }

    /// Jump (with `op`, target patched later) to the failure path for what is on the
    /// stack now.
    fn jump_to_fail(&mut self, op: Op, pc: &mut PCtx) {
        let pops = pc.on_top + pc.stores.len();
        while pc.fail_pop.len() <= pops {
            pc.fail_pop.push(vec![]);
        }
        let j = self.emit(op);
        pc.fail_pop[pops].push(j);
    }

    /// The failure paths: pop n, n-1, ... items, falling through to the next case.
    fn emit_fail_pop(&mut self, pc: &mut PCtx) {
        let fp = std::mem::take(&mut pc.fail_pop);
        for (n, jumps) in fp.iter().enumerate().rev() {
            for &j in jumps {
                self.patch(j);
            }
            if n > 0 {
                self.emit(Op::Pop);
            }
        }
    }

    /// TOS moves down under `n - 1` items (CPython's pattern_helper_rotate).
    fn rotate(&mut self, n: usize) {
        if n > 1 {
            self.emit(Op::Rotate(n as u32));
        }
    }

    fn store_capture(&mut self, name: Option<&ast::Identifier>, r: TextRange, pc: &mut PCtx) -> CResult<()> {
        let Some(n) = name else {
            self.emit(Op::Pop);
            return Ok(());
        };
        let n = n.id.as_str();
        if n == "__debug__" {
            return err("cannot assign to __debug__", r);
        }
        if pc.stores.iter().any(|s| s == n) {
            return err(format!("multiple assignments to name '{n}' in pattern"), r);
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(n.to_string());
        Ok(())
    }

    fn subpattern(&mut self, p: &Pattern, pc: &mut PCtx) -> CResult<()> {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = saved;
        r
    }

    fn mark(&mut self, r: TextRange) {
        self.set_line(r);
        self.cur_pos = Pos { start: r.start().to_u32(), end: r.end().to_u32(), a: 0, b: 0, kind: PosKind::Plain };
    }

    fn pattern(&mut self, p: &Pattern, pc: &mut PCtx) -> CResult<()> {
        self.mark(p.range());
        self.last_pattern = p.range();
        match p {
            Pattern::MatchValue(v) => {
                if !matches!(&*v.value, Expr::Attribute(_)) && literal_key(&v.value).is_none() && !is_complex_literal(&v.value) {
                    return err("patterns may only match literals and attribute lookups", v.value.range());
                }
                self.expr(&v.value)?;
                self.mark(p.range());
                self.emit(Op::Compare(CmpOp::Eq));
                self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
            }
            Pattern::MatchSingleton(s) => {
                let c = self.const_(match s.value {
                    ast::Singleton::None => Const::None,
                    ast::Singleton::True => Const::Bool(true),
                    ast::Singleton::False => Const::Bool(false),
                });
                self.emit(Op::LoadConst(c));
                self.emit(Op::Compare(CmpOp::Is));
                self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
            }
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return match &a.name {
                            Some(n) => err(format!("name capture '{}' makes remaining patterns unreachable", n.id.as_str()), a.range),
                            None => err("wildcard makes remaining patterns unreachable", a.range),
                        };
                    }
                    self.store_capture(a.name.as_ref(), a.range, pc)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit(Op::Dup);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.store_capture(a.name.as_ref(), a.range, pc)?;
                }
            },
            Pattern::MatchStar(s) => self.store_capture(s.name.as_ref(), s.range, pc)?,
            Pattern::MatchSequence(s) => self.pattern_sequence(&s.patterns, pc)?,
            Pattern::MatchMapping(m) => self.pattern_mapping(m, pc)?,
            Pattern::MatchClass(c) => self.pattern_class(c, pc)?,
            Pattern::MatchOr(o) => self.pattern_or(o, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(&mut self, patterns: &[Pattern], pc: &mut PCtx) -> CResult<()> {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, q) in patterns.iter().enumerate() {
            if let Pattern::MatchStar(_) = q {
                if star.is_some() {
                    return err("multiple starred names in sequence pattern", self.last_pattern);
                }
                star_wildcard = wildcard_star(q);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= wildcard(q);
        }
        pc.on_top += 1;
        self.emit(Op::MatchSequence);
        self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
        match star {
            None => {
                self.emit(Op::GetLen);
                let c = self.const_(Const::Int(size as i64));
                self.emit(Op::LoadConst(c));
                self.emit(Op::Compare(CmpOp::Eq));
                self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
            }
            Some(_) if size > 1 => {
                self.emit(Op::GetLen);
                let c = self.const_(Const::Int(size as i64 - 1));
                self.emit(Op::LoadConst(c));
                self.emit(Op::Compare(CmpOp::Ge));
                self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(Op::Pop);
        } else if star_wildcard {
            // `[a, *_, b]`: index the items instead of unpacking the middle.
            let star = star.unwrap_or(0);
            pc.on_top += 1;
            for (i, q) in patterns.iter().enumerate() {
                if wildcard(q) || i == star {
                    continue;
                }
                self.emit(Op::Dup);
                let idx = if i < star { i as i64 } else { i as i64 - size as i64 };
                let c = self.const_(Const::Int(idx));
                self.emit(Op::LoadConst(c));
                self.emit(Op::Subscr);
                self.subpattern(q, pc)?;
            }
            pc.on_top -= 1;
            self.emit(Op::Pop);
        } else {
            match star {
                Some(si) => self.emit(Op::UnpackEx(si as u32, (size - si - 1) as u32)),
                None => self.emit(Op::UnpackSeq(size as u32)),
            };
            pc.on_top += size;
            for q in patterns {
                pc.on_top -= 1;
                self.subpattern(q, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(&mut self, m: &ast::PatternMatchMapping, pc: &mut PCtx) -> CResult<()> {
        let size = m.keys.len();
        pc.on_top += 1;
        self.emit(Op::MatchMapping);
        self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
        if size == 0 && m.rest.is_none() {
            pc.on_top -= 1;
            self.emit(Op::Pop);
            return Ok(());
        }
        if size > 0 {
            self.emit(Op::GetLen);
            let c = self.const_(Const::Int(size as i64));
            self.emit(Op::LoadConst(c));
            self.emit(Op::Compare(CmpOp::Ge));
            self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
        }
        let mut seen: Vec<String> = vec![];
        for k in m.keys.iter() {
            if let Some((key, shown)) = literal_key(k) {
                if seen.contains(&key) {
                    return err(format!("mapping pattern checks duplicate key ({shown})"), self.last_pattern);
                }
                seen.push(key);
            } else if !matches!(k, Expr::Attribute(_)) && !is_complex_literal(k) {
                return err("mapping pattern keys may only match literals and attribute lookups", self.last_pattern);
            }
            self.expr(k)?;
        }
        self.mark(m.range);
        self.emit(Op::BuildTuple(size as u32));
        self.emit(Op::MatchKeys);
        pc.on_top += 2;
        self.emit(Op::Dup);
        let c = self.const_(Const::None);
        self.emit(Op::LoadConst(c));
        self.emit(Op::Compare(CmpOp::IsNot));
        self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
        self.emit(Op::UnpackSeq(size as u32));
        pc.on_top += size;
        pc.on_top -= 1;
        for q in m.patterns.iter() {
            pc.on_top -= 1;
            self.subpattern(q, pc)?;
        }
        pc.on_top -= 2;
        match &m.rest {
            Some(rest) => {
                self.emit(Op::CopyDictWithoutKeys);
                self.store_capture(Some(rest), m.range, pc)?;
            }
            None => {
                self.emit(Op::Pop);
                self.emit(Op::Pop);
            }
        }
        Ok(())
    }

    fn pattern_class(&mut self, c: &ast::PatternMatchClass, pc: &mut PCtx) -> CResult<()> {
        let args = &c.arguments;
        let nargs = args.patterns.len();
        let mut names: Vec<&str> = vec![];
        for k in args.keywords.iter() {
            let n = k.attr.id.as_str();
            if names.contains(&n) {
                return err(format!("attribute name repeated in class pattern: {n}"), k.pattern.range());
            }
            names.push(n);
        }
        self.expr(&c.cls)?;
        let t = self.const_(Const::Tuple(names.iter().map(|n| Const::Str(n.to_string())).collect()));
        self.emit(Op::LoadConst(t));
        self.mark(c.range);
        self.emit(Op::MatchClass(nargs as u32));
        self.emit(Op::Dup);
        let none = self.const_(Const::None);
        self.emit(Op::LoadConst(none));
        self.emit(Op::Compare(CmpOp::IsNot));
        pc.on_top += 1;
        self.jump_to_fail(Op::PopJumpIfFalse(0), pc);
        let total = nargs + names.len();
        self.emit(Op::UnpackSeq(total as u32));
        pc.on_top += total;
        pc.on_top -= 1;
        let all = args.patterns.iter().chain(args.keywords.iter().map(|k| &k.pattern));
        for q in all {
            pc.on_top -= 1;
            if wildcard(q) {
                self.emit(Op::Pop);
                continue;
            }
            self.subpattern(q, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, o: &ast::PatternMatchOr, pc: &mut PCtx) -> CResult<()> {
        let size = o.patterns.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_fail = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let old_allow = pc.allow_irrefutable;
        let mut control: Option<Vec<String>> = None;
        let mut ends = vec![];
        for (i, alt) in o.patterns.iter().enumerate() {
            pc.stores = vec![];
            pc.allow_irrefutable = i == size - 1 && old_allow;
            pc.fail_pop = vec![];
            pc.on_top = 0;
            self.emit(Op::Dup);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) if ctl.len() != nstores => return err("alternative patterns bind different names", self.last_pattern),
                Some(ctl) => {
                    // Reorder the captured values to the first alternative's order.
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return err("alternative patterns bind different names", self.last_pattern);
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, n) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, n);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            ends.push(self.emit(Op::Jump(0)));
            self.emit_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.fail_pop = old_fail;
        pc.on_top = old_on_top;
        pc.allow_irrefutable = old_allow;
        // No alternative matched: pop the subject and fail.
        self.emit(Op::Pop);
        self.jump_to_fail(Op::Jump(0), pc);
        for j in ends {
            self.patch(j);
        }
        let control = control.unwrap_or_default();
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return err(format!("multiple assignments to name '{name}' in pattern"), self.last_pattern);
            }
            pc.stores.push(name);
        }
        self.emit(Op::Pop);
        Ok(())
    }
}

/// `1+2j`, `-1-2j`, `3j` (complex literals, folded to constants by CPython).
fn is_complex_literal(e: &Expr) -> bool {
    match e {
        Expr::NumberLiteral(n) => matches!(n.value, ast::Number::Complex { .. }),
        Expr::UnaryOp(u) => matches!(u.op, ast::UnaryOp::USub) && is_complex_literal(&u.operand),
        Expr::BinOp(b) => {
            matches!(b.op, ast::Operator::Add | ast::Operator::Sub)
                && (literal_key(&b.left).is_some() || is_complex_literal(&b.left))
                && is_complex_literal(&b.right)
        }
        _ => false,
    }
}
