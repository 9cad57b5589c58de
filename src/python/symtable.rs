//! Scope analysis: which names are fast locals, cells, free variables or globals.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
    Comprehension,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<usize>,
    pub params: Vec<String>,
    pub assigned: Vec<String>,
    assigned_set: HashSet<String>,
    pub uses: HashSet<String>,
    pub globals: HashSet<String>,
    pub nonlocals: HashSet<String>,
    pub cells: Vec<String>,
    pub frees: Vec<String>,
    pub is_gen: bool,
    /// `async def`: calling it makes a coroutine (a generator that `await` drives).
    pub is_coro: bool,
    /// An `async def` that yields: an async generator.
    pub is_asyncgen: bool,
    /// An `await` appears directly in this scope (makes a comprehension asynchronous).
    pub awaits: bool,
    pub uses_super: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NameKind {
    Fast,
    Cell,
    Free,
    Global,
    /// Module / class body namespace.
    Name,
}

pub struct SymTable {
    pub scopes: Vec<Scope>,
    pub by_range: HashMap<(u32, u32), usize>,
    pub errors: Vec<(String, u32)>,
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            parent,
            params: vec![],
            assigned: vec![],
            assigned_set: HashSet::new(),
            uses: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashSet::new(),
            cells: vec![],
            frees: vec![],
            is_gen: false,
            is_coro: false,
            is_asyncgen: false,
            awaits: false,
            uses_super: false,
        }
    }
    pub fn is_local(&self, n: &str) -> bool {
        self.assigned_set.contains(n) && !self.globals.contains(n) && !self.nonlocals.contains(n)
    }
    pub fn kind_of(&self, n: &str) -> NameKind {
        if self.kind == ScopeKind::Module {
            return NameKind::Global;
        }
        if self.globals.contains(n) {
            return NameKind::Global;
        }
        if self.kind == ScopeKind::Class {
            if self.frees.iter().any(|f| f == n) && !self.assigned_set.contains(n) {
                return NameKind::Free;
            }
            return NameKind::Name;
        }
        if self.cells.iter().any(|c| c == n) {
            return NameKind::Cell;
        }
        if self.frees.iter().any(|c| c == n) {
            return NameKind::Free;
        }
        if self.is_local(n) {
            return NameKind::Fast;
        }
        NameKind::Global
    }
}

fn key(r: ruff_text_size::TextRange) -> (u32, u32) {
    (r.start().to_u32(), r.end().to_u32())
}

struct Builder {
    scopes: Vec<Scope>,
    by_range: HashMap<(u32, u32), usize>,
    cur: usize,
    errors: Vec<(String, u32)>,
}

impl Builder {
    fn assign(&mut self, n: &str) {
        let s = &mut self.scopes[self.cur];
        if s.assigned_set.insert(n.to_string()) {
            s.assigned.push(n.to_string());
        }
    }
    fn use_(&mut self, n: &str) {
        self.scopes[self.cur].uses.insert(n.to_string());
    }
    fn push(&mut self, kind: ScopeKind, r: ruff_text_size::TextRange) -> usize {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, Some(self.cur)));
        self.by_range.insert(key(r), id);
        let prev = self.cur;
        self.cur = id;
        prev
    }
    fn params(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            self.param(a.parameter.name.id.as_str());
        }
        for a in p.kwonlyargs.iter() {
            self.param(a.parameter.name.id.as_str());
        }
        if let Some(v) = &p.vararg {
            self.param(v.name.id.as_str());
        }
        if let Some(v) = &p.kwarg {
            self.param(v.name.id.as_str());
        }
    }
    fn param(&mut self, n: &str) {
        self.scopes[self.cur].params.push(n.to_string());
        self.assign(n);
    }
    fn param_defaults(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            if let Some(d) = &a.default {
                self.expr(d);
            }
        }
    }
    fn body(&mut self, b: &[Stmt]) {
        for s in b {
            self.stmt(s);
        }
    }
    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression);
                }
                self.param_defaults(&f.parameters);
                self.assign(f.name.id.as_str());
                let prev = self.push(ScopeKind::Function, f.range);
                if f.is_async {
                    self.scopes[self.cur].is_gen = true;
                    self.scopes[self.cur].is_coro = true;
                }
                self.params(&f.parameters);
                self.body(&f.body);
                self.cur = prev;
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression);
                }
                if let Some(a) = &c.arguments {
                    for e in a.args.iter() {
                        self.expr(e);
                    }
                    for k in a.keywords.iter() {
                        self.expr(&k.value);
                    }
                }
                self.assign(c.name.id.as_str());
                let prev = self.push(ScopeKind::Class, c.range);
                self.body(&c.body);
                self.cur = prev;
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.target(t)
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                for t in &a.targets {
                    self.target(t)
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                if let Expr::Name(n) = &*a.target {
                    self.use_(n.id.as_str());
                }
                self.target(&a.target);
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.target(&a.target);
                } else if !matches!(&*a.target, Expr::Name(_)) {
                    self.expr(&a.target);
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.target(&f.target);
                self.body(&f.body);
                self.body(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.body(&w.body);
                self.body(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.body(&i.body);
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.body(&c.body);
                }
            }
            Stmt::With(w) => {
                for it in &w.items {
                    self.expr(&it.context_expr);
                    if let Some(v) = &it.optional_vars {
                        self.target(v);
                    }
                }
                self.body(&w.body);
            }
            Stmt::Match(m) => {
                self.expr(&m.subject);
                for c in &m.cases {
                    self.pattern(&c.pattern);
                    if let Some(g) = &c.guard {
                        self.expr(g);
                    }
                    self.body(&c.body);
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)
                }
                if let Some(e) = &r.cause {
                    self.expr(e)
                }
            }
            Stmt::Try(t) => {
                self.body(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(e) = &h.type_ {
                        self.expr(e);
                    }
                    if let Some(n) = &h.name {
                        self.assign(n.id.as_str());
                    }
                    self.body(&h.body);
                }
                self.body(&t.orelse);
                self.body(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    match &a.asname {
                        Some(n) => self.assign(n.id.as_str()),
                        None => {
                            let full = a.name.id.as_str();
                            let first = full.split('.').next().unwrap_or(full).to_string();
                            self.assign(&first)
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().unwrap_or(&a.name);
                    if n.id.as_str() != "*" {
                        self.assign(n.id.as_str());
                    }
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let n = n.id.as_str().to_string();
                    if self.scopes[self.cur].assigned_set.contains(&n) || self.scopes[self.cur].uses.contains(&n) {
                        let msg = if self.scopes[self.cur].params.contains(&n) {
                            format!("name '{n}' is parameter and global")
                        } else if self.scopes[self.cur].assigned_set.contains(&n) {
                            format!("name '{n}' is assigned to before global declaration")
                        } else {
                            format!("name '{n}' is used prior to global declaration")
                        };
                        self.errors.push((msg, g.range.start().to_u32()));
                    }
                    self.scopes[self.cur].globals.insert(n);
                }
            }
            Stmt::Nonlocal(g) => {
                if self.scopes[self.cur].kind == ScopeKind::Module {
                    self.errors.push(("nonlocal declaration not allowed at module level".into(), g.range.start().to_u32()));
                }
                for n in &g.names {
                    let n = n.id.as_str().to_string();
                    if self.scopes[self.cur].assigned_set.contains(&n) || self.scopes[self.cur].uses.contains(&n) {
                        let msg = if self.scopes[self.cur].params.contains(&n) {
                            format!("name '{n}' is parameter and nonlocal")
                        } else if self.scopes[self.cur].assigned_set.contains(&n) {
                            format!("name '{n}' is assigned to before nonlocal declaration")
                        } else {
                            format!("name '{n}' is used prior to nonlocal declaration")
                        };
                        self.errors.push((msg, g.range.start().to_u32()));
                    }
                    self.scopes[self.cur].nonlocals.insert(n.clone());
                    self.assign(&n);
                }
            }
            Stmt::Expr(e) => self.expr(&e.value),
            _ => {}
        }
    }
    /// A `case` pattern: captures are assignments; values, keys and classes are uses.
    fn pattern(&mut self, p: &ast::Pattern) {
        use ast::Pattern as P;
        match p {
            P::MatchValue(v) => self.expr(&v.value),
            P::MatchSingleton(_) => {}
            P::MatchSequence(s) => s.patterns.iter().for_each(|q| self.pattern(q)),
            P::MatchMapping(m) => {
                m.keys.iter().for_each(|k| self.expr(k));
                m.patterns.iter().for_each(|q| self.pattern(q));
                if let Some(r) = &m.rest {
                    self.assign(r.id.as_str());
                }
            }
            P::MatchClass(c) => {
                self.expr(&c.cls);
                c.arguments.patterns.iter().for_each(|q| self.pattern(q));
                c.arguments.keywords.iter().for_each(|k| self.pattern(&k.pattern));
            }
            P::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.assign(n.id.as_str());
                }
            }
            P::MatchAs(a) => {
                if let Some(q) = &a.pattern {
                    self.pattern(q);
                }
                if let Some(n) = &a.name {
                    self.assign(n.id.as_str());
                }
            }
            P::MatchOr(o) => o.patterns.iter().for_each(|q| self.pattern(q)),
        }
    }
    fn target(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => self.assign(n.id.as_str()),
            Expr::Tuple(t) => {
                for e in &t.elts {
                    self.target(e)
                }
            }
            Expr::List(t) => {
                for e in &t.elts {
                    self.target(e)
                }
            }
            Expr::Starred(s) => self.target(&s.value),
            other => self.expr(other),
        }
    }
    fn comp(&mut self, r: ruff_text_size::TextRange, gens: &[ast::Comprehension], elts: &[&Expr], is_gen: bool) {
        if let Some(first) = gens.first() {
            self.expr(&first.iter);
        }
        let prev = self.push(ScopeKind::Comprehension, r);
        self.scopes[self.cur].is_gen = is_gen;
        self.param(".0");
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            for c in &g.ifs {
                self.expr(c);
            }
        }
        for e in elts {
            self.expr(e);
        }
        // `async for` in it, or an `await`: an asynchronous comprehension, a coroutine
        // the enclosing code awaits (an async generator, for a generator expression).
        let s = &mut self.scopes[self.cur];
        if gens.iter().any(|g| g.is_async) || s.awaits {
            s.is_coro = true;
            s.is_asyncgen = is_gen;
            s.is_gen = true;
        }
        self.cur = prev;
    }
    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => {
                let id = n.id.as_str();
                match n.ctx {
                    ast::ExprContext::Load => {
                        self.use_(id);
                        if id == "super" {
                            self.scopes[self.cur].uses_super = true;
                        }
                    }
                    _ => self.assign(id),
                }
            }
            Expr::Named(n) => {
                self.expr(&n.value);
                if let Expr::Name(t) = &*n.target {
                    // In a comprehension, the walrus binds in the enclosing function.
                    let mut s = self.cur;
                    while self.scopes[s].kind == ScopeKind::Comprehension {
                        let p = self.scopes[s].parent.unwrap_or(0);
                        self.scopes[s].uses.insert(t.id.to_string());
                        s = p;
                    }
                    let save = self.cur;
                    self.cur = s;
                    self.assign(t.id.as_str());
                    self.cur = save;
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.param_defaults(p);
                }
                let prev = self.push(ScopeKind::Function, l.range);
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.expr(&l.body);
                self.cur = prev;
            }
            Expr::ListComp(c) => self.comp(c.range, &c.generators, &[&c.elt], false),
            Expr::SetComp(c) => self.comp(c.range, &c.generators, &[&c.elt], false),
            Expr::Generator(c) => self.comp(c.range, &c.generators, &[&c.elt], true),
            Expr::DictComp(c) => {
                let mut v: Vec<&Expr> = vec![];
                if let Some(k) = &c.key {
                    v.push(k);
                }
                v.push(&c.value);
                self.comp(c.range, &c.generators, &v, false)
            }
            Expr::Yield(y) => {
                self.scopes[self.cur].is_gen = true;
                if self.scopes[self.cur].is_coro {
                    self.scopes[self.cur].is_asyncgen = true;
                }
                if let Some(v) = &y.value {
                    self.expr(v);
                }
            }
            Expr::YieldFrom(y) => {
                self.scopes[self.cur].is_gen = true;
                self.expr(&y.value);
            }
            Expr::Await(a) => {
                self.scopes[self.cur].awaits = true;
                self.expr(&a.value);
            }
            _ => {
                // Generic walk over child expressions.
                walk_children(e, &mut |c| self.expr(c));
            }
        }
    }
}

/// Calls `f` on each direct child expression of `e` (for the kinds not handled specially).
pub fn walk_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    match e {
        Expr::BoolOp(b) => b.values.iter().for_each(|x| f(x)),
        Expr::BinOp(b) => {
            f(&b.left);
            f(&b.right)
        }
        Expr::UnaryOp(u) => f(&u.operand),
        Expr::If(i) => {
            f(&i.test);
            f(&i.body);
            f(&i.orelse)
        }
        Expr::Dict(d) => {
            for it in &d.items {
                if let Some(k) = &it.key {
                    f(k)
                }
                f(&it.value)
            }
        }
        Expr::Set(s) => s.elts.iter().for_each(|x| f(x)),
        Expr::Await(a) => f(&a.value),
        Expr::Compare(c) => {
            f(&c.left);
            c.comparators.iter().for_each(|x| f(x))
        }
        Expr::Call(c) => {
            f(&c.func);
            c.arguments.args.iter().for_each(|x| f(x));
            c.arguments.keywords.iter().for_each(|k| f(&k.value));
        }
        Expr::FString(s) => {
            for part in s.value.iter() {
                if let ast::FStringPart::FString(fs) = part {
                    walk_fstring(&fs.elements, f);
                }
            }
        }
        Expr::Attribute(a) => f(&a.value),
        Expr::Subscript(s) => {
            f(&s.value);
            f(&s.slice)
        }
        Expr::Starred(s) => f(&s.value),
        Expr::List(l) => l.elts.iter().for_each(|x| f(x)),
        Expr::Tuple(l) => l.elts.iter().for_each(|x| f(x)),
        Expr::Slice(s) => {
            if let Some(x) = &s.lower {
                f(x)
            }
            if let Some(x) = &s.upper {
                f(x)
            }
            if let Some(x) = &s.step {
                f(x)
            }
        }
        _ => {}
    }
}

fn walk_fstring(els: &ast::InterpolatedStringElements, f: &mut dyn FnMut(&Expr)) {
    for el in els.iter() {
        if let ast::InterpolatedStringElement::Interpolation(i) = el {
            f(&i.expression);
            if let Some(spec) = &i.format_spec {
                walk_fstring(&spec.elements, f);
            }
        }
    }
}

pub fn build(module: &[Stmt]) -> SymTable {
    let mut b = Builder { scopes: vec![Scope::new(ScopeKind::Module, None)], by_range: HashMap::new(), cur: 0, errors: vec![] };
    b.body(module);
    let mut scopes = b.scopes;
    // Implicit __class__ for functions that use super().
    for i in 0..scopes.len() {
        if scopes[i].uses_super && scopes[i].kind == ScopeKind::Function {
            scopes[i].uses.insert("__class__".into());
        }
    }
    // Resolve free variables.
    let mut errors = b.errors;
    for i in 0..scopes.len() {
        if scopes[i].kind == ScopeKind::Module {
            continue;
        }
        let mut names: Vec<String> = scopes[i].uses.iter().cloned().collect();
        names.extend(scopes[i].nonlocals.iter().cloned());
        names.sort();
        names.dedup();
        for n in names {
            let s = &scopes[i];
            if s.globals.contains(&n) {
                continue;
            }
            if s.is_local(&n) && !(s.kind == ScopeKind::Class && n == "__class__") {
                continue;
            }
            if s.kind == ScopeKind::Class && s.assigned_set.contains(&n) {
                continue;
            }
            // Search enclosing scopes.
            let mut p = s.parent;
            let mut found = None;
            let mut first = true;
            while let Some(pi) = p {
                let ps = &scopes[pi];
                if ps.kind == ScopeKind::Module {
                    break;
                }
                if ps.kind == ScopeKind::Class {
                    if n == "__class__" && first {
                        found = Some(pi);
                        break;
                    }
                    p = ps.parent;
                    continue;
                }
                first = false;
                if ps.globals.contains(&n) {
                    break;
                }
                if ps.is_local(&n) {
                    found = Some(pi);
                    break;
                }
                p = ps.parent;
            }
            let _ = first;
            match found {
                Some(def) => {
                    if !scopes[def].cells.contains(&n) {
                        scopes[def].cells.push(n.clone());
                    }
                    // Every scope between (exclusive def) gets a free var.
                    let mut c = Some(i);
                    while let Some(ci) = c {
                        if ci == def {
                            break;
                        }
                        if !scopes[ci].frees.contains(&n) {
                            scopes[ci].frees.push(n.clone());
                        }
                        c = scopes[ci].parent;
                    }
                }
                None => {
                    if scopes[i].nonlocals.contains(&n) {
                        errors.push((format!("no binding for nonlocal '{n}' found"), 0));
                    }
                }
            }
        }
    }
    SymTable { scopes, by_range: b.by_range, errors }
}

pub fn scope_key(r: ruff_text_size::TextRange) -> (u32, u32) {
    key(r)
}

#[allow(dead_code)]
fn _r(e: &Expr) -> ruff_text_size::TextRange {
    e.range()
}
