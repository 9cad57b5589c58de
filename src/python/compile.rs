//! AST -> bytecode.

use super::symtable::{self, NameKind, ScopeKind, SymTable};
use super::code::{BinOp, Bytecode, CmpOp, Const, Op, Pos, PosKind, UnOp};
use super::names::{intern, Name};
use num_bigint::BigInt;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub struct CompileError {
    pub msg: String,
    pub offset: u32,
    pub end: u32,
}

type CResult<T> = Result<T, CompileError>;

enum FBlock {
    Loop { start: usize, breaks: Vec<usize>, is_for: bool },
    TryExcept,
    Finally(*const [Stmt]),
    Handler { name: Option<String> },
    /// `with` (false) or `async with` (true: its `__aexit__` is awaited).
    With(bool),
}

struct Unit {
    scope: usize,
    ops: Vec<Op>,
    lines: Vec<u32>,
    positions: Vec<Pos>,
    consts: Vec<Const>,
    names: Vec<Name>,
    varnames: Vec<Name>,
    codes: Vec<Bytecode>,
    fblocks: Vec<FBlock>,
    name: String,
    qualname: String,
    firstline: u32,
}

pub struct Compiler<'a> {
    st: SymTable,
    units: Vec<Unit>,
    filename: Name,
    line_starts: Vec<u32>,
    cur_line: u32,
    cur_pos: Pos,
    _src: &'a str,
    /// `from __future__ import annotations`: annotations are kept as their source text.
    future_annotations: bool,
    /// The pattern compiled last: where CPython reports a `match` SyntaxError found
    /// after a pattern was compiled.
    last_pattern: TextRange,
}

mod matching;

/// A `#` outside the string literals of an f-string's expression part (3.11 allows one
/// inside a string there, not a comment).
fn comment_in(expr: &str) -> bool {
    let mut quote = None;
    for c in expr.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') => return true,
            _ => {}
        }
    }
    false
}

fn err<T>(msg: impl Into<String>, r: TextRange) -> CResult<T> {
    Err(CompileError { msg: msg.into(), offset: r.start().to_u32(), end: r.end().to_u32() })
}

pub fn line_starts(src: &str) -> Vec<u32> {
    let mut v = vec![0u32];
    for (i, b) in src.bytes().enumerate() {
        if b == b'\n' {
            v.push(i as u32 + 1);
        }
    }
    v
}

pub fn line_of(starts: &[u32], off: u32) -> u32 {
    match starts.binary_search(&off) {
        Ok(i) => i as u32 + 1,
        Err(i) => i as u32,
    }
}

pub fn compile_module(src: &str, body: &[Stmt], filename: &str) -> CResult<Bytecode> {
    check_future_first(body)?;
    let st = symtable::build(body);
    if let Some((m, off)) = st.errors.first() {
        return Err(CompileError { msg: m.clone(), offset: *off, end: *off });
    }
    let mut c = Compiler { st, units: vec![], filename: intern(filename), line_starts: line_starts(src), cur_line: 1, cur_pos: Pos::default(), _src: src, future_annotations: has_future_annotations(body), last_pattern: TextRange::default() };
    c.push_unit(0, "<module>", "<module>", 1);
    c.setup_annotations(body);
    c.body(body)?;
    let n = c.const_(Const::None);
    c.emit(Op::LoadConst(n));
    c.emit(Op::Return);
    Ok(c.pop_unit(0, false, 0, 0, 0, false, false))
}

impl<'a> Compiler<'a> {
    fn push_unit(&mut self, scope: usize, name: &str, qualname: &str, line: u32) {
        let mut varnames = vec![];
        let s = &self.st.scopes[scope];
        if s.kind == ScopeKind::Function || s.kind == ScopeKind::Comprehension {
            for p in &s.params {
                varnames.push(intern(p));
            }
            for a in &s.assigned {
                if s.is_local(a) && !varnames.iter().any(|v| &**v == a) {
                    varnames.push(intern(a));
                }
            }
        }
        self.units.push(Unit {
            scope,
            ops: vec![],
            lines: vec![],
            positions: vec![],
            consts: vec![],
            names: vec![],
            varnames,
            codes: vec![],
            fblocks: vec![],
            name: name.into(),
            qualname: qualname.into(),
            firstline: line,
        });
    }
    #[allow(clippy::too_many_arguments)]
    fn pop_unit(&mut self, argcount: u32, _x: bool, posonly: u32, kwonly: u32, _y: u32, varargs: bool, varkw: bool) -> Bytecode {
        let u = self.units.pop().unwrap();
        let s = &self.st.scopes[u.scope];
        let cellvars: Vec<Name> = s.cells.iter().map(|c| intern(c)).collect();
        let freevars: Vec<Name> = s.frees.iter().map(|c| intern(c)).collect();
        let mut cell_params = vec![];
        for (ci, c) in cellvars.iter().enumerate() {
            if let Some(li) = s.params.iter().position(|p| **p == **c) {
                cell_params.push((ci as u32, li as u32));
            }
        }
        Bytecode {
            name: intern(&u.name),
            qualname: intern(&u.qualname),
            filename: self.filename.clone(),
            ops: u.ops,
            lines: u.lines,
            positions: u.positions,
            consts: u.consts,
            codes: u.codes,
            names: u.names,
            varnames: u.varnames,
            cellvars,
            freevars,
            cell_params,
            argcount,
            posonly,
            kwonly,
            varargs,
            varkw,
            is_gen: s.is_gen,
            is_coro: s.is_coro,
            is_asyncgen: s.is_asyncgen,
            uses_names: s.kind == ScopeKind::Class,
            firstline: u.firstline,
            max_stack: 0,
        }
    }
    fn u(&mut self) -> &mut Unit {
        self.units.last_mut().unwrap()
    }
    fn scope(&self) -> &symtable::Scope {
        &self.st.scopes[self.units.last().unwrap().scope]
    }
    fn emit(&mut self, op: Op) -> usize {
        let line = self.cur_line;
        let pos = self.cur_pos;
        let u = self.u();
        u.ops.push(op);
        u.lines.push(line);
        u.positions.push(pos);
        u.ops.len() - 1
    }
    fn here(&mut self) -> usize {
        self.u().ops.len()
    }
    fn patch(&mut self, at: usize) {
        let target = self.here() as u32;
        self.patch_to(at, target);
    }
    fn patch_to(&mut self, at: usize, target: u32) {
        let u = self.u();
        u.ops[at] = match u.ops[at] {
            Op::Jump(_) => Op::Jump(target),
            Op::JumpBack(_) => Op::JumpBack(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::SetupExcept(_) => Op::SetupExcept(target),
            Op::SetupFinally(_) => Op::SetupFinally(target),
            o => o,
        };
    }
    fn const_(&mut self, v: Const) -> u32 {
        let u = self.u();
        // Dedup simple constants.
        for (i, c) in u.consts.iter().enumerate() {
            let same = match (c, &v) {
                (Const::None, Const::None) => true,
                (Const::Bool(a), Const::Bool(b)) => a == b,
                (Const::Int(a), Const::Int(b)) => a == b,
                (Const::Str(a), Const::Str(b)) => a == b,
                _ => false,
            };
            if same {
                return i as u32;
            }
        }
        u.consts.push(v);
        (u.consts.len() - 1) as u32
    }
    fn name_idx(&mut self, n: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.names.iter().position(|x| &**x == n) {
            return i as u32;
        }
        u.names.push(intern(n));
        (u.names.len() - 1) as u32
    }
    fn set_line(&mut self, r: TextRange) {
        self.cur_line = line_of(&self.line_starts, r.start().to_u32());
    }
    fn cell_index(&self, n: &str) -> u32 {
        let s = self.scope();
        if let Some(i) = s.cells.iter().position(|c| c == n) {
            return i as u32;
        }
        (s.cells.len() + s.frees.iter().position(|c| c == n).unwrap_or(0)) as u32
    }
    fn fast_index(&mut self, n: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.varnames.iter().position(|v| &**v == n) {
            return i as u32;
        }
        u.varnames.push(intern(n));
        (u.varnames.len() - 1) as u32
    }
    fn load_name(&mut self, n: &str) {
        match self.scope().kind_of(n) {
            NameKind::Fast => {
                let i = self.fast_index(n);
                self.emit(Op::LoadFast(i));
            }
            NameKind::Cell | NameKind::Free => {
                let i = self.cell_index(n);
                self.emit(Op::LoadDeref(i));
            }
            NameKind::Global => {
                let i = self.name_idx(n);
                self.emit(Op::LoadGlobal(i));
            }
            NameKind::Name => {
                let i = self.name_idx(n);
                self.emit(Op::LoadName(i));
            }
        }
    }
    fn store_name(&mut self, n: &str) {
        match self.scope().kind_of(n) {
            NameKind::Fast => {
                let i = self.fast_index(n);
                self.emit(Op::StoreFast(i));
            }
            NameKind::Cell | NameKind::Free => {
                let i = self.cell_index(n);
                self.emit(Op::StoreDeref(i));
            }
            NameKind::Global => {
                let i = self.name_idx(n);
                self.emit(Op::StoreGlobal(i));
            }
            NameKind::Name => {
                let i = self.name_idx(n);
                self.emit(Op::StoreName(i));
            }
        }
    }
    fn delete_name(&mut self, n: &str) {
        match self.scope().kind_of(n) {
            NameKind::Fast => {
                let i = self.fast_index(n);
                self.emit(Op::DeleteFast(i));
            }
            NameKind::Cell | NameKind::Free => {
                let i = self.cell_index(n);
                self.emit(Op::DeleteDeref(i));
            }
            NameKind::Global => {
                let i = self.name_idx(n);
                self.emit(Op::DeleteGlobal(i));
            }
            NameKind::Name => {
                let i = self.name_idx(n);
                self.emit(Op::DeleteName(i));
            }
        }
    }

    fn body(&mut self, b: &[Stmt]) -> CResult<()> {
        for s in b {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn in_function(&self) -> bool {
        matches!(self.scope().kind, ScopeKind::Function | ScopeKind::Comprehension)
    }

    /// Emit the clean-up of the fblocks from the top down to (excluding) index `to`.
    /// `preserve_tos`: a return value sits on top of the stack.
    fn unwind_fblocks(&mut self, to: usize, preserve_tos: bool) -> CResult<()> {
        let mut i = self.u().fblocks.len();
        while i > to {
            i -= 1;
            let fb = std::mem::replace(&mut self.u().fblocks[i], FBlock::TryExcept);
            match &fb {
                FBlock::Loop { is_for, .. } => {
                    if *is_for {
                        if preserve_tos {
                            self.emit(Op::Rot2);
                        }
                        self.emit(Op::Pop);
                    }
                }
                FBlock::TryExcept => {
                    self.emit(Op::PopBlock);
                }
                FBlock::Handler { name } => {
                    self.emit(Op::PopExcept);
                    if let Some(n) = name {
                        let n = n.clone();
                        let c = self.const_(Const::None);
                        self.emit(Op::LoadConst(c));
                        self.store_name(&n);
                    }
                }
                FBlock::With(is_async) => {
                    self.emit(Op::PopBlock);
                    if preserve_tos {
                        self.emit(Op::Rot2);
                    }
                    self.emit(Op::WithExit);
                    if *is_async {
                        self.await_tos();
                    }
                    self.emit(Op::Pop);
                }
                FBlock::Finally(body) => {
                    let body: *const [Stmt] = *body;
                    self.u().fblocks[i] = fb;
                    self.emit(Op::PopBlock);
                    // Compile the finally body with only the fblocks below it.
                    let saved: Vec<FBlock> = self.u().fblocks.drain(i..).collect();
                    let r = self.body(unsafe { &*body });
                    self.u().fblocks.extend(saved);
                    r?;
                    continue;
                }
            }
            self.u().fblocks[i] = fb;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> CResult<()> {
        self.set_line(s.range());
        self.cur_pos = Pos::default();
        match s {
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                self.emit(Op::Pop);
            }
            Stmt::Pass(_) => {}
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.store_target(t)?;
                }
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store_target(&a.target)?;
                }
                // Module and class bodies record `name: T` in __annotations__ (functions
                // never evaluate their local annotations, as in CPython).
                if let (Expr::Name(n), true, false) = (&*a.target, a.simple, self.in_function()) {
                    if self.future_annotations {
                        let r = a.annotation.range();
                        let text = self._src.get(r.start().to_usize()..r.end().to_usize()).unwrap_or("").to_string();
                        let c = self.const_(cstr(&text));
                        self.emit(Op::LoadConst(c));
                    } else {
                        self.expr(&a.annotation)?;
                    }
                    self.load_name("__annotations__");
                    let k = self.const_(cstr(n.id.as_str()));
                    self.emit(Op::LoadConst(k));
                    self.emit(Op::StoreSubscr);
                }
            }
            Stmt::AugAssign(a) => {
                let op = binop(a.op);
                match &*a.target {
                    Expr::Name(n) => {
                        self.load_name(n.id.as_str());
                        self.expr(&a.value)?;
                        self.emit(Op::Inplace(op));
                        self.store_name(n.id.as_str());
                    }
                    Expr::Attribute(at) => {
                        self.expr(&at.value)?;
                        self.emit(Op::Dup);
                        let i = self.name_idx(at.attr.id.as_str());
                        self.emit(Op::LoadAttr(i));
                        self.expr(&a.value)?;
                        self.emit(Op::Inplace(op));
                        self.emit(Op::Rot2);
                        self.emit(Op::StoreAttr(i));
                    }
                    Expr::Subscript(sb) => {
                        self.expr(&sb.value)?;
                        self.expr(&sb.slice)?;
                        self.emit(Op::Dup2);
                        self.emit(Op::Subscr);
                        self.expr(&a.value)?;
                        self.emit(Op::Inplace(op));
                        self.emit(Op::Rot3);
                        self.emit(Op::StoreSubscr);
                    }
                    t => return err("'expression' is an illegal expression for augmented assignment", t.range()),
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
            }
            Stmt::Return(r) => {
                if !self.in_function() {
                    return err("'return' outside function", r.range);
                }
                if r.value.is_some() && self.scope().is_asyncgen {
                    return err("'return' with value in async generator", r.range);
                }
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let c = self.const_(Const::None);
                        self.emit(Op::LoadConst(c));
                    }
                }
                self.unwind_fblocks(0, true)?;
                self.set_line(r.range);
                self.emit(Op::Return);
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.body(&i.body)?;
                let mut ends = vec![];
                let mut pending = Some(j);
                for c in &i.elif_else_clauses {
                    ends.push(self.emit(Op::Jump(0)));
                    if let Some(p) = pending.take() {
                        self.patch(p);
                    }
                    if let Some(t) = &c.test {
                        self.set_line(t.range());
                        self.expr(t)?;
                        pending = Some(self.emit(Op::PopJumpIfFalse(0)));
                    }
                    self.body(&c.body)?;
                }
                if let Some(p) = pending {
                    self.patch(p);
                }
                for e in ends {
                    self.patch(e);
                }
            }
            Stmt::While(w) => {
                let start = self.here();
                self.expr(&w.test)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.u().fblocks.push(FBlock::Loop { start, breaks: vec![], is_for: false });
                self.body(&w.body)?;
                self.set_line(w.range);
                self.emit(Op::JumpBack(start as u32));
                let Some(FBlock::Loop { breaks, .. }) = self.u().fblocks.pop() else { unreachable!() };
                self.patch(j);
                self.body(&w.orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            Stmt::For(f) => self.for_stmt(f)?,
            Stmt::Break(b) => {
                let Some(li) = self.u().fblocks.iter().rposition(|f| matches!(f, FBlock::Loop { .. })) else {
                    return err("'break' outside loop", b.range);
                };
                self.unwind_fblocks(li + 1, false)?;
                if let FBlock::Loop { is_for: true, .. } = self.u().fblocks[li] {
                    self.emit(Op::Pop);
                }
                let j = self.emit(Op::Jump(0));
                if let FBlock::Loop { breaks, .. } = &mut self.u().fblocks[li] {
                    breaks.push(j);
                }
            }
            Stmt::Continue(c) => {
                let Some(li) = self.u().fblocks.iter().rposition(|f| matches!(f, FBlock::Loop { .. })) else {
                    return err("'continue' not properly in loop", c.range);
                };
                self.unwind_fblocks(li + 1, false)?;
                if let FBlock::Loop { start, .. } = self.u().fblocks[li] {
                    self.emit(Op::JumpBack(start as u32));
                }
            }
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression)?;
                }
                self.make_function(f.range, f.name.id.as_str(), &f.parameters, FuncBody::Stmts(&f.body))?;
                for _ in &f.decorator_list {
                    self.emit(Op::Call(1));
                }
                self.store_name(f.name.id.as_str());
            }
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Op::Raise(n));
            }
            Stmt::Try(t) => self.try_stmt(t)?,
            Stmt::With(w) => {
                if w.is_async && !self.scope().is_coro {
                    return err("'async with' outside async function", w.range);
                }
                self.with_items(&w.items, &w.body, w.is_async)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                let j = self.emit(Op::PopJumpIfTrue(0));
                // CPython marks the failed test under the line.
                let r = a.test.range();
                let at = Pos { start: r.start().to_u32(), end: r.end().to_u32(), a: 0, b: 0, kind: PosKind::Plain };
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                    self.cur_pos = at;
                    self.emit(Op::RaiseAssert(1));
                } else {
                    self.cur_pos = at;
                    self.emit(Op::RaiseAssert(0));
                }
                self.cur_pos = Pos::default();
                self.patch(j);
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let full = a.name.id.as_str();
                    let n = self.name_idx(full);
                    self.emit(Op::ImportName(n));
                    match &a.asname {
                        Some(asn) => {
                            // import a.b as c -> the submodule
                            for part in full.split('.').skip(1) {
                                let p = self.name_idx(part);
                                self.emit(Op::LoadAttr(p));
                            }
                            self.store_name(asn.id.as_str());
                        }
                        None => {
                            let first = full.split('.').next().unwrap_or(full).to_string();
                            if first != full {
                                self.emit(Op::Pop);
                                let n = self.name_idx(&first);
                                self.emit(Op::ImportName(n));
                            }
                            self.store_name(&first);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                if i.level > 0 {
                    return err("attempted relative import with no known parent package", i.range);
                }
                let m = i.module.as_ref().map(|m| m.id.to_string()).unwrap_or_default();
                let n = self.name_idx(&m);
                self.emit(Op::ImportName(n));
                for a in &i.names {
                    if a.name.id.as_str() == "*" {
                        if self.in_function() {
                            return err("import * only allowed at module level", i.range);
                        }
                        self.emit(Op::ImportStar);
                        return Ok(());
                    }
                    let x = self.name_idx(a.name.id.as_str());
                    self.emit(Op::ImportFrom(x));
                    let target = a.asname.as_ref().unwrap_or(&a.name);
                    self.store_name(target.id.as_str());
                }
                self.emit(Op::Pop);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Match(m) => self.match_stmt(m)?,
            Stmt::TypeAlias(t) => return err("type aliases are not supported", t.range),
            Stmt::IpyEscapeCommand(t) => return err("invalid syntax", t.range),
        }
        Ok(())
    }

    /// `for` and `async for` (whose turns await `__anext__()`).
    fn for_stmt(&mut self, f: &ast::StmtFor) -> CResult<()> {
        if f.is_async && !self.scope().is_coro {
            return err("'async for' outside async function", f.range);
        }
        self.expr(&f.iter)?;
        self.emit(if f.is_async { Op::GetAIter } else { Op::GetIter });
        let start = self.here();
        let head = self.loop_head(f.is_async);
        self.store_target(&f.target)?;
        self.u().fblocks.push(FBlock::Loop { start, breaks: vec![], is_for: true });
        self.body(&f.body)?;
        self.set_line(f.range);
        self.emit(Op::JumpBack(start as u32));
        let Some(FBlock::Loop { breaks, .. }) = self.u().fblocks.pop() else { unreachable!() };
        self.loop_exit(head, f.is_async);
        self.body(&f.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    /// The start of a turn of a loop over the iterator on TOS: FOR_ITER, or for
    /// `async for` the await of `__anext__()` inside a handler for its end. Returns what
    /// `loop_exit` patches. `it -> it item`
    fn loop_head(&mut self, is_async: bool) -> usize {
        if !is_async {
            return self.emit(Op::ForIter(0));
        }
        let setup = self.emit(Op::SetupExcept(0));
        self.emit(Op::GetANext);
        self.emit(Op::YieldFrom);
        self.emit(Op::PopBlock);
        setup
    }

    /// Where a loop from `loop_head` goes when the iterator is exhausted (for `async
    /// for`, END_ASYNC_FOR: StopAsyncIteration ends it, other errors go on up).
    fn loop_exit(&mut self, head: usize, is_async: bool) {
        self.patch(head);
        if is_async {
            self.emit(Op::EndAsyncFor);
        }
    }

    /// `await` of TOS: GET_AWAITABLE, then YIELD_FROM leaves the result.
    fn await_tos(&mut self) {
        self.emit(Op::GetAwaitable);
        self.emit(Op::YieldFrom);
    }

    fn with_items(&mut self, items: &[ast::WithItem], body: &[Stmt], is_async: bool) -> CResult<()> {
        let Some((first, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&first.context_expr)?;
        if is_async {
            self.emit(Op::BeforeAsyncWith);
            self.await_tos();
        } else {
            self.emit(Op::BeforeWith);
        }
        match &first.optional_vars {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Op::Pop);
            }
        }
        let setup = self.emit(Op::SetupExcept(0));
        self.u().fblocks.push(FBlock::With(is_async));
        self.with_items(rest, body, is_async)?;
        self.u().fblocks.pop();
        self.emit(Op::PopBlock);
        self.emit(Op::WithExit);
        if is_async {
            self.await_tos();
        }
        self.emit(Op::Pop);
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        // Stack: exit, exc
        self.emit(Op::WithExcept);
        if is_async {
            self.await_tos();
        }
        let j = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(j);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop);
        self.emit(Op::Pop);
        self.patch(end);
        Ok(())
    }

    fn try_stmt(&mut self, t: &ast::StmtTry) -> CResult<()> {
        if t.is_star {
            return err("except* is not supported", t.range);
        }
        if !t.finalbody.is_empty() {
            let setup = self.emit(Op::SetupFinally(0));
            self.u().fblocks.push(FBlock::Finally(&t.finalbody[..] as *const [Stmt]));
            self.try_except(t)?;
            self.u().fblocks.pop();
            self.emit(Op::PopBlock);
            self.body(&t.finalbody)?;
            let end = self.emit(Op::Jump(0));
            self.patch(setup);
            // Stack: exc (handler entered; the exception is being handled)
            self.u().fblocks.push(FBlock::Handler { name: None });
            self.body(&t.finalbody)?;
            self.u().fblocks.pop();
            self.emit(Op::Reraise);
            self.patch(end);
            Ok(())
        } else {
            self.try_except(t)
        }
    }

    fn try_except(&mut self, t: &ast::StmtTry) -> CResult<()> {
        if t.handlers.is_empty() {
            self.body(&t.body)?;
            return self.body(&t.orelse);
        }
        let setup = self.emit(Op::SetupExcept(0));
        self.u().fblocks.push(FBlock::TryExcept);
        self.body(&t.body)?;
        self.u().fblocks.pop();
        self.emit(Op::PopBlock);
        self.body(&t.orelse)?;
        let mut ends = vec![self.emit(Op::Jump(0))];
        self.patch(setup);
        // Stack: exc
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h.range);
            let mut next = None;
            match &h.type_ {
                Some(ty) => {
                    self.emit(Op::Dup);
                    self.expr(ty)?;
                    self.emit(Op::ExcMatch);
                    next = Some(self.emit(Op::PopJumpIfFalse(0)));
                }
                None => {
                    if i + 1 != t.handlers.len() {
                        return err("default 'except:' must be last", h.range);
                    }
                }
            }
            let name = h.name.as_ref().map(|n| n.id.to_string());
            match &name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Op::Pop);
                }
            }
            self.u().fblocks.push(FBlock::Handler { name: name.clone() });
            self.body(&h.body)?;
            self.u().fblocks.pop();
            self.emit(Op::PopExcept);
            if let Some(n) = &name {
                let c = self.const_(Const::None);
                self.emit(Op::LoadConst(c));
                self.store_name(n);
                self.delete_name(n);
            }
            ends.push(self.emit(Op::Jump(0)));
            if let Some(n) = next {
                self.patch(n);
            }
        }
        self.emit(Op::Reraise);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn class_def(&mut self, c: &ast::StmtClassDef) -> CResult<()> {
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        let scope = *self.st.by_range.get(&symtable::scope_key(c.range)).expect("class scope");
        let qual = self.qualname_for(c.name.id.as_str());
        let line = line_of(&self.line_starts, c.range.start().to_u32());
        self.push_unit(scope, c.name.id.as_str(), &qual, line);
        // __module__, __qualname__
        let i = self.name_idx("__name__");
        self.emit(Op::LoadGlobal(i));
        let m = self.name_idx("__module__");
        self.emit(Op::StoreName(m));
        let q = self.const_(cstr(&qual));
        self.emit(Op::LoadConst(q));
        let qn = self.name_idx("__qualname__");
        self.emit(Op::StoreName(qn));
        self.setup_annotations(&c.body);
        self.body(&c.body)?;
        let n = self.const_(Const::None);
        self.emit(Op::LoadConst(n));
        self.emit(Op::Return);
        let code = self.pop_unit(0, false, 0, 0, 0, false, false);
        self.set_line(c.range);
        self.emit_closure_and_make(code, 0)?;
        let nc = self.const_(cstr(c.name.id.as_str()));
        self.emit(Op::LoadConst(nc));
        let mut nb = 0;
        let mut has_kw = false;
        if let Some(a) = &c.arguments {
            for b in a.args.iter() {
                if let Expr::Starred(s) = b {
                    return err("starred class bases are not supported", s.range);
                }
                self.expr(b)?;
                nb += 1;
            }
            if !a.keywords.is_empty() {
                has_kw = true;
                let mut n = 0;
                for k in a.keywords.iter() {
                    let Some(arg) = &k.arg else { return err("**kwargs in class definition not supported", k.range) };
                    let kc = self.const_(cstr(arg.id.as_str()));
                    self.emit(Op::LoadConst(kc));
                    self.expr(&k.value)?;
                    n += 1;
                }
                self.emit(Op::BuildMap(n));
            }
        }
        self.emit(Op::BuildClass(nb, has_kw));
        for _ in &c.decorator_list {
            self.emit(Op::Call(1));
        }
        self.store_name(c.name.id.as_str());
        Ok(())
    }

    /// SETUP_ANNOTATIONS: `__annotations__ = {}` at the top of a module or class body
    /// that annotates a name somewhere outside nested functions and classes.
    fn setup_annotations(&mut self, body: &[Stmt]) {
        if annotates(body) {
            self.emit(Op::BuildMap(0));
            self.store_name("__annotations__");
        }
    }

    fn qualname_for(&self, name: &str) -> String {
        let u = self.units.last().unwrap();
        let s = &self.st.scopes[u.scope];
        match s.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name),
            _ => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    /// Push the closure tuple (if needed) and emit MakeFunction.
    fn emit_closure_and_make(&mut self, code: Bytecode, mut flags: u32) -> CResult<()> {
        if !code.freevars.is_empty() {
            for fv in code.freevars.iter() {
                let i = self.cell_index(fv);
                self.emit(Op::LoadClosure(i));
            }
            self.emit(Op::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        self.u().codes.push(code);
        let ci = (self.u().codes.len() - 1) as u32;
        self.emit(Op::MakeFunction(ci, flags));
        Ok(())
    }

    fn make_function(&mut self, range: TextRange, name: &str, p: &ast::Parameters, body: FuncBody) -> CResult<()> {
        // Defaults.
        let mut flags = 0;
        let defaults: Vec<&Expr> = p.posonlyargs.iter().chain(p.args.iter()).filter_map(|a| a.default.as_deref()).collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(defaults.len() as u32));
            flags |= 1;
        }
        let kwd: Vec<(&str, &Expr)> = p.kwonlyargs.iter().filter_map(|a| a.default.as_deref().map(|d| (a.parameter.name.id.as_str(), d))).collect();
        if !kwd.is_empty() {
            for (n, d) in &kwd {
                let c = self.const_(cstr(n));
                self.emit(Op::LoadConst(c));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap(kwd.len() as u32));
            flags |= 2;
        }
        let scope = *self.st.by_range.get(&symtable::scope_key(range)).expect("function scope");
        let qual = self.qualname_for(name);
        let line = line_of(&self.line_starts, range.start().to_u32());
        let saved_line = self.cur_line;
        self.push_unit(scope, name, &qual, line);
        match body {
            FuncBody::Stmts(b) => {
                self.body(b)?;
                let n = self.const_(Const::None);
                self.emit(Op::LoadConst(n));
                self.emit(Op::Return);
            }
            FuncBody::Expr(e) => {
                self.set_line(e.range());
                self.expr(e)?;
                self.emit(Op::Return);
            }
        }
        let argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        let code = self.pop_unit(argcount, false, p.posonlyargs.len() as u32, p.kwonlyargs.len() as u32, 0, p.vararg.is_some(), p.kwarg.is_some());
        self.cur_line = saved_line;
        self.emit_closure_and_make(code, flags)
    }

    fn comprehension(&mut self, range: TextRange, gens: &[ast::Comprehension], kind: CompKind, elt: &Expr, val: Option<&Expr>) -> CResult<()> {
        let scope = *self.st.by_range.get(&symtable::scope_key(range)).expect("comp scope");
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        let qual = self.qualname_for(name);
        let line = self.cur_line;
        let is_async = self.st.scopes[scope].is_coro;
        if is_async && kind != CompKind::Gen && !self.scope().is_coro {
            return err("asynchronous comprehension outside of an asynchronous function", range);
        }
        // Outer iterable evaluated in the enclosing scope.
        self.expr(&gens[0].iter)?;
        self.push_unit(scope, name, &qual, line);
        self.cur_line = line;
        match kind {
            CompKind::List => {
                self.emit(Op::BuildList(0));
            }
            CompKind::Set => {
                self.emit(Op::BuildSet(0));
            }
            CompKind::Dict => {
                self.emit(Op::BuildMap(0));
            }
            CompKind::Gen => {}
        }
        let mut loops = vec![];
        for (i, g) in gens.iter().enumerate() {
            if i == 0 {
                self.emit(Op::LoadFast(0));
            } else {
                self.expr(&g.iter)?;
                self.emit(if g.is_async { Op::GetAIter } else { Op::GetIter });
            }
            let start = self.here();
            let fi = self.loop_head(g.is_async);
            self.store_target(&g.target)?;
            let mut skips = vec![];
            for c in &g.ifs {
                self.expr(c)?;
                skips.push(self.emit(Op::PopJumpIfFalse(0)));
            }
            loops.push((start, fi, skips));
        }
        let depth = gens.len() as u32 + 1;
        match kind {
            CompKind::List => {
                self.expr(elt)?;
                self.emit(Op::ListAppend(depth));
            }
            CompKind::Set => {
                self.expr(elt)?;
                self.emit(Op::SetAdd(depth));
            }
            CompKind::Dict => {
                self.expr(elt)?;
                self.expr(val.unwrap())?;
                self.emit(Op::MapAdd(depth));
            }
            CompKind::Gen => {
                self.expr(elt)?;
                if is_async {
                    self.emit(Op::AsyncGenWrap);
                }
                self.emit(Op::Yield);
                self.emit(Op::Pop);
            }
        }
        for ((start, fi, skips), g) in loops.into_iter().zip(gens).rev() {
            for s in skips {
                self.patch_to(s, start as u32);
            }
            self.emit(Op::JumpBack(start as u32));
            self.loop_exit(fi, g.is_async);
        }
        if kind == CompKind::Gen {
            let n = self.const_(Const::None);
            self.emit(Op::LoadConst(n));
        }
        self.emit(Op::Return);
        let code = self.pop_unit(1, false, 0, 0, 0, false, false);
        self.cur_line = line;
        // The function object must be below the iterable: make it, then swap.
        self.emit_closure_and_make(code, 0)?;
        self.emit(Op::Rot2);
        self.emit(if gens[0].is_async { Op::GetAIter } else { Op::GetIter });
        self.emit(Op::Call(1));
        if is_async && kind != CompKind::Gen {
            self.await_tos();
        }
        Ok(())
    }

    fn store_target(&mut self, t: &Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.store_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_idx(a.attr.id.as_str());
                self.emit(Op::StoreAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::StoreSubscr);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    Some(si) => {
                        if elts.iter().filter(|e| matches!(e, Expr::Starred(_))).count() > 1 {
                            return err("multiple starred expressions in assignment", t.range());
                        }
                        self.emit(Op::UnpackEx(si as u32, (elts.len() - si - 1) as u32));
                    }
                    None => {
                        self.emit(Op::UnpackSeq(elts.len() as u32));
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.store_target(&s.value)?,
                        e => self.store_target(e)?,
                    }
                }
            }
            Expr::Starred(s) => return err("starred assignment target must be in a list or tuple", s.range),
            other => {
                let what = expr_desc(other);
                return err(format!("cannot assign to {what}"), other.range());
            }
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.delete_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_idx(a.attr.id.as_str());
                self.emit(Op::DeleteAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::DeleteSubscr);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete_target(e)?;
                }
            }
            other => return err(format!("cannot delete {}", expr_desc(other)), other.range()),
        }
        Ok(())
    }

    /// Build a sequence with possible starred items as a list on the stack.
    fn starred_list(&mut self, elts: &[Expr]) -> CResult<()> {
        let mut pending = 0;
        let mut built = false;
        for e in elts {
            if let Expr::Starred(s) = e {
                if !built {
                    self.emit(Op::BuildList(pending));
                    built = true;
                } else if pending > 0 {
                    self.emit(Op::BuildList(pending));
                    self.emit(Op::ListExtend);
                }
                pending = 0;
                self.expr(&s.value)?;
                self.emit(Op::ListExtend);
            } else {
                self.expr(e)?;
                pending += 1;
            }
        }
        if !built {
            self.emit(Op::BuildList(pending));
        } else if pending > 0 {
            self.emit(Op::BuildList(pending));
            self.emit(Op::ListExtend);
        }
        Ok(())
    }

    /// Compiles `e`; its instructions carry its position (for traceback markers).
    fn expr(&mut self, e: &Expr) -> CResult<()> {
        let saved = self.cur_pos;
        let r = e.range();
        let (start, end) = (r.start().to_u32(), r.end().to_u32());
        self.cur_pos = match e {
            Expr::BinOp(b) => Pos { start, end, a: b.left.range().end().to_u32(), b: b.right.range().start().to_u32(), kind: PosKind::BinOp },
            Expr::Subscript(sb) => Pos { start, end, a: sb.value.range().end().to_u32(), b: 0, kind: PosKind::Subscript },
            _ => Pos { start, end, a: 0, b: 0, kind: PosKind::Plain },
        };
        let result = self.expr_inner(e);
        self.cur_pos = saved;
        result
    }

    fn expr_inner(&mut self, e: &Expr) -> CResult<()> {
        match e {
            Expr::NumberLiteral(n) => {
                let v = match &n.value {
                    ast::Number::Int(i) => match i.as_i64() {
                        Some(v) => Const::Int(v),
                        None => Const::Big(parse_big(&i.to_string())),
                    },
                    ast::Number::Float(f) => Const::Float(*f),
                    ast::Number::Complex { .. } => return err("complex numbers are not supported", n.range),
                };
                let c = self.const_(v);
                self.emit(Op::LoadConst(c));
            }
            Expr::StringLiteral(s) => {
                let c = self.const_(cstr(s.value.to_str()));
                self.emit(Op::LoadConst(c));
            }
            Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.bytes().collect();
                let c = self.const_(Const::Bytes(bytes));
                self.emit(Op::LoadConst(c));
            }
            Expr::BooleanLiteral(b) => {
                let c = self.const_(Const::Bool(b.value));
                self.emit(Op::LoadConst(c));
            }
            Expr::NoneLiteral(_) => {
                let c = self.const_(Const::None);
                self.emit(Op::LoadConst(c));
            }
            Expr::EllipsisLiteral(_) => {
                let c = self.const_(Const::Ellipsis);
                self.emit(Op::LoadConst(c));
            }
            Expr::FString(f) => {
                let mut n = 0;
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(l) => {
                            let c = self.const_(cstr(&l.value));
                            self.emit(Op::LoadConst(c));
                            n += 1;
                        }
                        ast::FStringPart::FString(fs) => {
                            self.fstring_rules_311(&fs.elements, fs.range)?;
                            n += self.fstring_elements(&fs.elements)?;
                        }
                    }
                }
                if n != 1 {
                    self.emit(Op::BuildString(n));
                }
            }
            Expr::TString(t) => return err("template strings are not supported", t.range),
            Expr::Name(n) => {
                let id = n.id.as_str();
                self.load_name(id);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_idx(a.attr.id.as_str());
                self.emit(Op::LoadAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::Subscr);
            }
            Expr::Slice(s) => {
                for p in [&s.lower, &s.upper] {
                    match p {
                        Some(x) => self.expr(x)?,
                        None => {
                            let c = self.const_(Const::None);
                            self.emit(Op::LoadConst(c));
                        }
                    }
                }
                match &s.step {
                    Some(x) => {
                        self.expr(x)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Op::Binary(binop(b.op)));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => UnOp::Invert,
                    ast::UnaryOp::Not => UnOp::Not,
                    ast::UnaryOp::UAdd => UnOp::Pos,
                    ast::UnaryOp::USub => UnOp::Neg,
                };
                self.emit(Op::Unary(op));
            }
            Expr::BoolOp(b) => {
                let mut js = vec![];
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < b.values.len() {
                        js.push(self.emit(match b.op {
                            ast::BoolOp::And => Op::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in js {
                    self.patch(j);
                }
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                let n = c.ops.len();
                if n == 1 {
                    self.expr(&c.comparators[0])?;
                    self.emit(Op::Compare(cmpop(c.ops[0])));
                } else {
                    let mut cleanups = vec![];
                    for i in 0..n {
                        self.expr(&c.comparators[i])?;
                        if i + 1 < n {
                            self.emit(Op::Dup);
                            self.emit(Op::Rot3);
                            self.emit(Op::Compare(cmpop(c.ops[i])));
                            cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
                        } else {
                            self.emit(Op::Compare(cmpop(c.ops[i])));
                        }
                    }
                    let end = self.emit(Op::Jump(0));
                    for j in cleanups {
                        self.patch(j);
                    }
                    self.emit(Op::Rot2);
                    self.emit(Op::Pop);
                    self.patch(end);
                }
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.expr(&i.body)?;
                let end = self.emit(Op::Jump(0));
                self.patch(j);
                self.expr(&i.orelse)?;
                self.patch(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Op::Dup);
                if let Expr::Name(t) = &*n.target {
                    // Walrus in a comprehension binds in the enclosing scope (free var).
                    self.store_name(t.id.as_str());
                } else {
                    return err("cannot use assignment expressions with this target", n.range);
                }
            }
            Expr::Tuple(t) => {
                if t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.starred_list(&t.elts)?;
                    self.emit(Op::ListToTuple);
                } else {
                    for x in &t.elts {
                        self.expr(x)?;
                    }
                    self.emit(Op::BuildTuple(t.elts.len() as u32));
                }
            }
            Expr::List(t) => {
                if t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.starred_list(&t.elts)?;
                } else {
                    for x in &t.elts {
                        self.expr(x)?;
                    }
                    self.emit(Op::BuildList(t.elts.len() as u32));
                }
            }
            Expr::Set(t) => {
                if t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.emit(Op::BuildSet(0));
                    self.starred_list(&t.elts)?;
                    self.emit(Op::SetUpdate);
                } else {
                    for x in &t.elts {
                        self.expr(x)?;
                    }
                    self.emit(Op::BuildSet(t.elts.len() as u32));
                }
            }
            Expr::Dict(d) => {
                let mut pending = 0;
                let mut built = false;
                for it in &d.items {
                    match &it.key {
                        Some(k) => {
                            self.expr(k)?;
                            self.expr(&it.value)?;
                            pending += 1;
                        }
                        None => {
                            if !built {
                                self.emit(Op::BuildMap(pending));
                                built = true;
                            } else if pending > 0 {
                                self.emit(Op::BuildMap(pending));
                                self.emit(Op::DictUpdate);
                            }
                            pending = 0;
                            self.expr(&it.value)?;
                            self.emit(Op::DictUpdate);
                        }
                    }
                }
                if !built {
                    self.emit(Op::BuildMap(pending));
                } else if pending > 0 {
                    self.emit(Op::BuildMap(pending));
                    self.emit(Op::DictUpdate);
                }
            }
            Expr::Call(c) => self.call(c)?,
            Expr::Lambda(l) => {
                let empty = ast::Parameters {
                    range: l.range,
                    node_index: Default::default(),
                    posonlyargs: Default::default(),
                    args: Default::default(),
                    vararg: None,
                    kwonlyargs: Default::default(),
                    kwarg: None,
                };
                let p = l.parameters.as_deref().unwrap_or(&empty);
                self.make_function(l.range, "<lambda>", p, FuncBody::Expr(&l.body))?;
            }
            Expr::ListComp(c) => self.comprehension(c.range, &c.generators, CompKind::List, &c.elt, None)?,
            Expr::SetComp(c) => self.comprehension(c.range, &c.generators, CompKind::Set, &c.elt, None)?,
            Expr::Generator(c) => self.comprehension(c.range, &c.generators, CompKind::Gen, &c.elt, None)?,
            Expr::DictComp(c) => {
                let Some(k) = &c.key else { return err("dict unpacking cannot be used in dict comprehension", c.range) };
                self.comprehension(c.range, &c.generators, CompKind::Dict, k, Some(&c.value))?
            }
            Expr::Yield(y) => {
                if !self.in_function() {
                    return err("'yield' outside function", y.range);
                }
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let c = self.const_(Const::None);
                        self.emit(Op::LoadConst(c));
                    }
                }
                if self.scope().is_coro {
                    self.emit(Op::AsyncGenWrap);
                }
                self.emit(Op::Yield);
            }
            Expr::YieldFrom(y) => {
                if !self.in_function() {
                    return err("'yield' outside function", y.range);
                }
                if self.scope().is_coro {
                    return err("'yield from' inside async function", y.range);
                }
                self.expr(&y.value)?;
                self.emit(Op::GetIter);
                self.emit(Op::YieldFrom);
            }
            Expr::Await(a) => {
                if !self.scope().is_coro {
                    return err("'await' outside async function", a.range);
                }
                self.expr(&a.value)?;
                self.await_tos();
            }
            Expr::Starred(s) => return err("can't use starred expression here", s.range),
            Expr::IpyEscapeCommand(i) => return err("invalid syntax", i.range),
        }
        Ok(())
    }

    /// Python 3.11's f-string rules, which the parser (3.12's grammar) no longer has: an
    /// expression part may hold no backslash and no `#`. CPython 3.11 points at the end
    /// of the f-string.
    fn fstring_rules_311(&self, els: &ast::InterpolatedStringElements, whole: TextRange) -> CResult<()> {
        for el in els.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                // From after `{` to the format spec or the closing `}`: a comment is not
                // in the expression's own range.
                let from = i.range.start().to_usize() + 1;
                let to = i.format_spec.as_ref().map_or(i.range.end().to_usize().saturating_sub(1), |s| s.range.start().to_usize());
                let text = self._src.get(from..to.max(from)).unwrap_or("");
                let what = if text.contains('\\') {
                    Some("f-string expression part cannot include a backslash")
                } else if comment_in(text) {
                    Some("f-string expression part cannot include '#'")
                } else {
                    None
                };
                if let Some(msg) = what {
                    return err(msg, TextRange::new(whole.end(), whole.end()));
                }
                if let Some(spec) = &i.format_spec {
                    self.fstring_rules_311(&spec.elements, whole)?;
                }
            }
        }
        Ok(())
    }

    fn fstring_elements(&mut self, els: &ast::InterpolatedStringElements) -> CResult<u32> {
        let mut n = 0;
        for el in els.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    let c = self.const_(cstr(&l.value));
                    self.emit(Op::LoadConst(c));
                    n += 1;
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(d) = &i.debug_text {
                        let text = d.as_str().to_string();
                        let c = self.const_(cstr(&text));
                        self.emit(Op::LoadConst(c));
                        n += 1;
                        if conv == 0 && i.format_spec.is_none() {
                            conv = 2;
                        }
                    }
                    self.expr(&i.expression)?;
                    let has_spec = match &i.format_spec {
                        Some(spec) => {
                            let k = self.fstring_elements(&spec.elements)?;
                            if k != 1 {
                                self.emit(Op::BuildString(k));
                            }
                            true
                        }
                        None => false,
                    };
                    self.emit(Op::FormatValue(conv, has_spec));
                    n += 1;
                }
            }
        }
        Ok(n)
    }

    fn call(&mut self, c: &ast::ExprCall) -> CResult<()> {
        let args = &c.arguments.args;
        let kws = &c.arguments.keywords;
        let has_star = args.iter().any(|a| matches!(a, Expr::Starred(_))) || kws.iter().any(|k| k.arg.is_none());
        // Zero-argument super() -> super(__class__, first_arg)
        if let Expr::Name(n) = &*c.func {
            if n.id.as_str() == "super" && args.is_empty() && kws.is_empty() && self.scope().kind == ScopeKind::Function {
                let s = self.scope();
                if s.frees.iter().any(|f| f == "__class__") && !s.params.is_empty() {
                    let first = s.params[0].clone();
                    self.load_name("super");
                    self.load_name("__class__");
                    self.load_name(&first);
                    self.emit(Op::Call(2));
                    return Ok(());
                }
            }
        }
        if !has_star && kws.is_empty() {
            if let Expr::Attribute(a) = &*c.func {
                self.expr(&a.value)?;
                for x in args.iter() {
                    self.expr(x)?;
                }
                let i = self.name_idx(a.attr.id.as_str());
                self.set_line(c.range());
                // `a`: where `obj.name` ends, so a failed lookup marks just that part.
                let saved = self.cur_pos;
                self.cur_pos.a = a.range().end().to_u32();
                self.emit(Op::CallMethod(i, args.len() as u32));
                self.cur_pos = saved;
                return Ok(());
            }
        }
        self.expr(&c.func)?;
        if has_star {
            self.starred_list(args)?;
            self.emit(Op::ListToTuple);
            if !kws.is_empty() {
                let mut pending = 0;
                self.emit(Op::BuildMap(0));
                for k in kws.iter() {
                    match &k.arg {
                        Some(a) => {
                            let kc = self.const_(cstr(a.id.as_str()));
                            self.emit(Op::LoadConst(kc));
                            self.expr(&k.value)?;
                            pending += 1;
                        }
                        None => {
                            if pending > 0 {
                                self.emit(Op::BuildMap(pending));
                                self.emit(Op::DictUpdate);
                                pending = 0;
                            }
                            self.expr(&k.value)?;
                            self.emit(Op::DictUpdate);
                        }
                    }
                }
                if pending > 0 {
                    self.emit(Op::BuildMap(pending));
                    self.emit(Op::DictUpdate);
                }
                self.set_line(c.range());
                self.emit(Op::CallEx(true));
            } else {
                self.set_line(c.range());
                self.emit(Op::CallEx(false));
            }
            return Ok(());
        }
        for x in args.iter() {
            self.expr(x)?;
        }
        if kws.is_empty() {
            self.set_line(c.range());
            self.emit(Op::Call(args.len() as u32));
        } else {
            let mut names = vec![];
            for k in kws.iter() {
                self.expr(&k.value)?;
                names.push(cstr(k.arg.as_ref().unwrap().id.as_str()));
            }
            let nk = names.len();
            self.u().consts.push(Const::Tuple(names));
            let ci = (self.u().consts.len() - 1) as u32;
            self.set_line(c.range());
            self.emit(Op::CallKw((args.len() + nk) as u32, ci));
        }
        Ok(())
    }
}

enum FuncBody<'b> {
    Stmts(&'b [Stmt]),
    Expr(&'b Expr),
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

fn binop(o: ast::Operator) -> BinOp {
    use ast::Operator::*;
    match o {
        Add => BinOp::Add,
        Sub => BinOp::Sub,
        Mult => BinOp::Mul,
        MatMult => BinOp::MatMul,
        Div => BinOp::TrueDiv,
        Mod => BinOp::Mod,
        Pow => BinOp::Pow,
        LShift => BinOp::LShift,
        RShift => BinOp::RShift,
        BitOr => BinOp::Or,
        BitXor => BinOp::Xor,
        BitAnd => BinOp::And,
        FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(o: ast::CmpOp) -> CmpOp {
    use ast::CmpOp::*;
    match o {
        Eq => CmpOp::Eq,
        NotEq => CmpOp::Ne,
        Lt => CmpOp::Lt,
        LtE => CmpOp::Le,
        Gt => CmpOp::Gt,
        GtE => CmpOp::Ge,
        Is => CmpOp::Is,
        IsNot => CmpOp::IsNot,
        In => CmpOp::In,
        NotIn => CmpOp::NotIn,
    }
}

/// Whether a body has `name: T` outside nested scopes (CPython's SETUP_ANNOTATIONS test).
fn annotates(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(a) => a.simple && matches!(&*a.target, Expr::Name(_)),
        Stmt::If(i) => annotates(&i.body) || i.elif_else_clauses.iter().any(|c| annotates(&c.body)),
        Stmt::For(f) => annotates(&f.body) || annotates(&f.orelse),
        Stmt::While(w) => annotates(&w.body) || annotates(&w.orelse),
        Stmt::With(w) => annotates(&w.body),
        Stmt::Match(m) => m.cases.iter().any(|c| annotates(&c.body)),
        Stmt::Try(t) => annotates(&t.body) || annotates(&t.orelse) || annotates(&t.finalbody) || t.handlers.iter().any(|h| match h {
            ast::ExceptHandler::ExceptHandler(h) => annotates(&h.body),
        }),
        _ => false,
    })
}

/// CPython's rule: `from __future__` imports come first in a module, after its docstring
/// and other such imports only (they change how the rest is compiled).
fn check_future_first(body: &[Stmt]) -> CResult<()> {
    let mut leading = true;
    for (i, s) in body.iter().enumerate() {
        let future = matches!(s, Stmt::ImportFrom(f) if f.level == 0 && f.module.as_ref().is_some_and(|m| m.id.as_str() == "__future__"));
        let docstring = i == 0 && matches!(s, Stmt::Expr(e) if e.value.is_string_literal_expr());
        if future && !leading {
            return err("from __future__ imports must occur at the beginning of the file", s.range());
        }
        if !future && !docstring {
            leading = false;
        }
    }
    Ok(())
}

/// `from __future__ import annotations` among the module's statements.
fn has_future_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::ImportFrom(i) => i.module.as_ref().map(|m| m.id.as_str() == "__future__").unwrap_or(false) && i.names.iter().any(|a| a.name.id.as_str() == "annotations"),
        _ => false,
    })
}

pub fn expr_desc(e: &Expr) -> &'static str {
    match e {
        Expr::Call(_) => "function call",
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) | Expr::EllipsisLiteral(_) => "literal",
        Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Compare(_) => "comparison",
        Expr::Lambda(_) => "lambda",
        Expr::BoolOp(_) => "expression",
        Expr::If(_) => "conditional expression",
        Expr::FString(_) => "f-string expression",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::ListComp(_) => "list comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::Named(_) => "named expression",
        _ => "expression",
    }
}

pub fn parse_big(s: &str) -> BigInt {
    let t: String = s.chars().filter(|c| *c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (radix, digits) = if let Some(r) = lower.strip_prefix("0x") {
        (16, r.to_string())
    } else if let Some(r) = lower.strip_prefix("0o") {
        (8, r.to_string())
    } else if let Some(r) = lower.strip_prefix("0b") {
        (2, r.to_string())
    } else {
        (10, lower)
    };
    BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default()
}

/// A string constant.
fn cstr(s: &str) -> Const {
    Const::Str(s.to_string())
}
