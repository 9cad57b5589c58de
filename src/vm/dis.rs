//! A disassembler for our bytecode, in the style of CPython's `dis` module: for
//! compiler tests (tests/compiler.rs snapshots) and for reading what the compiler made.
//!
//! One instruction per line: the source line (when it changes), `>>` on jump targets,
//! the instruction's index in `ops`, the opcode name, its argument, and the argument
//! resolved in parentheses (a name, a constant's repr, a jump target). Names follow
//! CPython where our instruction does the same thing (3.11's where it has one, else the
//! 3.10 name: `DUP_TOP`, `ROT_TWO`, `SETUP_FINALLY`, `CALL_METHOD`...); instructions
//! CPython has no match for get a name in the same style (`LOAD_BUILTIN`, `CALL_KW`,
//! `SETUP_EXCEPT`, `WITH_EXIT`, `BUILD_CLASS`, `RAISE_ASSERT`). `BINARY_OP`,
//! `COMPARE_OP`, `IS_OP`, `CONTAINS_OP`, `FORMAT_VALUE` and `UNPACK_EX` show CPython
//! 3.11's numeric argument. Nested code objects (functions, classes, comprehensions)
//! follow their parent, each under a `Disassembly of` header, as in `dis.dis`.

use super::code::{BinOp, CmpOp, Code, Op, UnOp};
use super::ops::repr_simple;
use std::fmt::Write;

impl Code {
    /// The disassembly of this code object and, after it, of every nested one.
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        self.dis_into(&mut out);
        out
    }

    fn dis_into(&self, out: &mut String) {
        let _ = writeln!(out, "Disassembly of <code {}, file \"{}\", line {}>:", self.qualname, self.filename, self.firstline);
        let list = |v: &[super::value::Name]| v.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
        let mut info = vec![format!("args {}", self.argcount)];
        if self.posonly > 0 {
            info.push(format!("posonly {}", self.posonly));
        }
        if self.kwonly > 0 {
            info.push(format!("kwonly {}", self.kwonly));
        }
        if self.varargs {
            info.push("*args".into());
        }
        if self.varkw {
            info.push("**kwargs".into());
        }
        if self.is_gen {
            info.push("generator".into());
        }
        if !self.varnames.is_empty() {
            info.push(format!("locals ({})", list(&self.varnames)));
        }
        if !self.cellvars.is_empty() {
            info.push(format!("cells ({})", list(&self.cellvars)));
        }
        if !self.freevars.is_empty() {
            info.push(format!("frees ({})", list(&self.freevars)));
        }
        let _ = writeln!(out, "  {}", info.join("; "));
        let targets: std::collections::BTreeSet<u32> = self.ops.iter().filter_map(jump_target).collect();
        let mut last_line = None;
        for (i, op) in self.ops.iter().enumerate() {
            let line = self.lines.get(i).copied();
            let line_col = if line != last_line {
                last_line = line;
                line.map(|l| l.to_string()).unwrap_or_default()
            } else {
                String::new()
            };
            let mark = if targets.contains(&(i as u32)) { ">>" } else { "" };
            let (name, arg, resolved) = self.describe(op);
            let mut text = format!("{line_col:>4} {mark:>3} {i:>4} {name}");
            if let Some(a) = arg {
                let _ = write!(text, "{:pad$}{a:>4}", "", pad = 24usize.saturating_sub(name.len()));
            }
            if let Some(r) = resolved {
                let _ = write!(text, " ({r})");
            }
            let _ = writeln!(out, "{}", text.trim_end());
        }
        for c in &self.codes {
            out.push('\n');
            c.dis_into(out);
        }
    }

    /// The instruction at `ip` as the step explorer names it: the opcode and its
    /// argument resolved (`LOAD_GLOBAL counter`, `BINARY_OP +=`, `CALL 1`).
    pub fn instruction_text(&self, ip: usize) -> Option<String> {
        let (name, arg, resolved) = self.describe(self.ops.get(ip)?);
        Some(match (arg, resolved) {
            (_, Some(r)) => format!("{name} {r}"),
            (Some(a), None) => format!("{name} {a}"),
            (None, None) => name.to_string(),
        })
    }

    /// (opcode name, numeric argument, argument resolved).
    fn describe(&self, op: &Op) -> (&'static str, Option<String>, Option<String>) {
        let n = |i: &u32| Some(i.to_string());
        let name = |i: &u32| Some(self.names.get(*i as usize).map(|s| s.to_string()).unwrap_or_else(|| format!("<bad name {i}>")));
        let local = |i: &u32| Some(self.varnames.get(*i as usize).map(|s| s.to_string()).unwrap_or_else(|| format!("<bad local {i}>")));
        let cell = |i: &u32| {
            let i = *i as usize;
            Some(self.cellvars.get(i).or_else(|| self.freevars.get(i.wrapping_sub(self.cellvars.len()))).map(|s| s.to_string()).unwrap_or_else(|| format!("<bad cell {i}>")))
        };
        let konst = |i: &u32| Some(self.consts.get(*i as usize).map(repr_simple).unwrap_or_else(|| format!("<bad const {i}>")));
        let to = |t: &u32| Some(format!("to {t}"));
        match op {
            Op::Nop => ("NOP", None, None),
            Op::LoadConst(i) => ("LOAD_CONST", n(i), konst(i)),
            Op::LoadFast(i) => ("LOAD_FAST", n(i), local(i)),
            Op::StoreFast(i) => ("STORE_FAST", n(i), local(i)),
            Op::DeleteFast(i) => ("DELETE_FAST", n(i), local(i)),
            Op::LoadDeref(i) => ("LOAD_DEREF", n(i), cell(i)),
            Op::StoreDeref(i) => ("STORE_DEREF", n(i), cell(i)),
            Op::DeleteDeref(i) => ("DELETE_DEREF", n(i), cell(i)),
            Op::LoadClosure(i) => ("LOAD_CLOSURE", n(i), cell(i)),
            Op::LoadGlobal(i) => ("LOAD_GLOBAL", n(i), name(i)),
            Op::StoreGlobal(i) => ("STORE_GLOBAL", n(i), name(i)),
            Op::DeleteGlobal(i) => ("DELETE_GLOBAL", n(i), name(i)),
            Op::LoadName(i) => ("LOAD_NAME", n(i), name(i)),
            Op::StoreName(i) => ("STORE_NAME", n(i), name(i)),
            Op::DeleteName(i) => ("DELETE_NAME", n(i), name(i)),
            Op::LoadAttr(i) => ("LOAD_ATTR", n(i), name(i)),
            Op::StoreAttr(i) => ("STORE_ATTR", n(i), name(i)),
            Op::DeleteAttr(i) => ("DELETE_ATTR", n(i), name(i)),
            Op::Subscr => ("BINARY_SUBSCR", None, None),
            Op::StoreSubscr => ("STORE_SUBSCR", None, None),
            Op::DeleteSubscr => ("DELETE_SUBSCR", None, None),
            Op::Binary(b) => ("BINARY_OP", Some(nb_arg(*b).to_string()), Some(bin_sym(*b).to_string())),
            Op::Inplace(b) => ("BINARY_OP", Some((nb_arg(*b) + 13).to_string()), Some(format!("{}=", bin_sym(*b)))),
            Op::Unary(u) => (
                match u {
                    UnOp::Neg => "UNARY_NEGATIVE",
                    UnOp::Pos => "UNARY_POSITIVE",
                    UnOp::Not => "UNARY_NOT",
                    UnOp::Invert => "UNARY_INVERT",
                },
                None,
                None,
            ),
            Op::Compare(c) => match c {
                CmpOp::Lt => ("COMPARE_OP", Some("0".into()), Some("<".into())),
                CmpOp::Le => ("COMPARE_OP", Some("1".into()), Some("<=".into())),
                CmpOp::Eq => ("COMPARE_OP", Some("2".into()), Some("==".into())),
                CmpOp::Ne => ("COMPARE_OP", Some("3".into()), Some("!=".into())),
                CmpOp::Gt => ("COMPARE_OP", Some("4".into()), Some(">".into())),
                CmpOp::Ge => ("COMPARE_OP", Some("5".into()), Some(">=".into())),
                CmpOp::Is => ("IS_OP", Some("0".into()), Some("is".into())),
                CmpOp::IsNot => ("IS_OP", Some("1".into()), Some("is not".into())),
                CmpOp::In => ("CONTAINS_OP", Some("0".into()), Some("in".into())),
                CmpOp::NotIn => ("CONTAINS_OP", Some("1".into()), Some("not in".into())),
            },
            Op::Pop => ("POP_TOP", None, None),
            Op::Dup => ("DUP_TOP", None, None),
            Op::Dup2 => ("DUP_TOP_TWO", None, None),
            Op::Rot2 => ("ROT_TWO", None, None),
            Op::Rot3 => ("ROT_THREE", None, None),
            Op::Rot4 => ("ROT_FOUR", None, None),
            Op::Rotate(k) => ("ROT_N", n(k), None),
            Op::GetLen => ("GET_LEN", None, None),
            Op::MatchSequence => ("MATCH_SEQUENCE", None, None),
            Op::MatchMapping => ("MATCH_MAPPING", None, None),
            Op::MatchKeys => ("MATCH_KEYS", None, None),
            Op::CopyDictWithoutKeys => ("COPY_DICT_WITHOUT_KEYS", None, None),
            Op::MatchClass(k) => ("MATCH_CLASS", n(k), None),
            Op::Jump(t) => ("JUMP", n(t), to(t)),
            Op::JumpBack(t) => ("JUMP_BACKWARD", n(t), to(t)),
            Op::PopJumpIfFalse(t) => ("POP_JUMP_IF_FALSE", n(t), to(t)),
            Op::PopJumpIfTrue(t) => ("POP_JUMP_IF_TRUE", n(t), to(t)),
            Op::JumpIfFalseOrPop(t) => ("JUMP_IF_FALSE_OR_POP", n(t), to(t)),
            Op::JumpIfTrueOrPop(t) => ("JUMP_IF_TRUE_OR_POP", n(t), to(t)),
            Op::GetIter => ("GET_ITER", None, None),
            Op::ForIter(t) => ("FOR_ITER", n(t), to(t)),
            Op::Call(argc) => ("CALL", n(argc), None),
            Op::CallKw(argc, ci) => ("CALL_KW", n(argc), konst(ci).map(|k| format!("keywords {k}"))),
            Op::CallEx(kw) => ("CALL_FUNCTION_EX", Some((*kw as u32).to_string()), None),
            Op::CallMethod(ni, argc) => ("CALL_METHOD", n(argc), name(ni)),
            Op::Return => ("RETURN_VALUE", None, None),
            Op::Yield => ("YIELD_VALUE", None, None),
            Op::YieldFrom => ("YIELD_FROM", None, None),
            Op::GetAwaitable => ("GET_AWAITABLE", None, None),
            Op::BeforeAsyncWith => ("BEFORE_ASYNC_WITH", None, None),
            Op::GetAIter => ("GET_AITER", None, None),
            Op::GetANext => ("GET_ANEXT", None, None),
            Op::EndAsyncFor => ("END_ASYNC_FOR", None, None),
            Op::AsyncGenWrap => ("ASYNC_GEN_WRAP", None, None),
            Op::BuildTuple(k) => ("BUILD_TUPLE", n(k), None),
            Op::BuildList(k) => ("BUILD_LIST", n(k), None),
            Op::BuildSet(k) => ("BUILD_SET", n(k), None),
            Op::BuildMap(k) => ("BUILD_MAP", n(k), None),
            Op::BuildSlice(k) => ("BUILD_SLICE", n(k), None),
            Op::BuildString(k) => ("BUILD_STRING", n(k), None),
            Op::ListAppend(k) => ("LIST_APPEND", n(k), None),
            Op::SetAdd(k) => ("SET_ADD", n(k), None),
            Op::MapAdd(k) => ("MAP_ADD", n(k), None),
            Op::ListExtend => ("LIST_EXTEND", None, None),
            Op::SetUpdate => ("SET_UPDATE", None, None),
            Op::DictUpdate => ("DICT_UPDATE", None, None),
            Op::ListToTuple => ("LIST_TO_TUPLE", None, None),
            Op::FormatValue(conv, spec) => {
                let mut what = vec![];
                match conv {
                    1 => what.push("str"),
                    2 => what.push("repr"),
                    3 => what.push("ascii"),
                    _ => {}
                }
                if *spec {
                    what.push("with format");
                }
                ("FORMAT_VALUE", Some((*conv as u32 | if *spec { 4 } else { 0 }).to_string()), (!what.is_empty()).then(|| what.join(", ")))
            }
            Op::UnpackSeq(k) => ("UNPACK_SEQUENCE", n(k), None),
            Op::UnpackEx(before, after) => ("UNPACK_EX", Some((before | (after << 8)).to_string()), Some(format!("{before} before, {after} after"))),
            Op::SetupExcept(t) => ("SETUP_EXCEPT", n(t), to(t)),
            Op::SetupFinally(t) => ("SETUP_FINALLY", n(t), to(t)),
            Op::PopBlock => ("POP_BLOCK", None, None),
            Op::PopExcept => ("POP_EXCEPT", None, None),
            Op::Reraise => ("RERAISE", None, None),
            Op::Raise(k) => ("RAISE_VARARGS", n(k), None),
            Op::ExcMatch => ("CHECK_EXC_MATCH", None, None),
            Op::BeforeWith => ("BEFORE_WITH", None, None),
            Op::WithExcept => ("WITH_EXCEPT_START", None, None),
            Op::WithExit => ("WITH_EXIT", None, None),
            Op::MakeFunction(ci, flags) => {
                let code = self.codes.get(*ci as usize).map(|c| c.qualname.to_string()).unwrap_or_else(|| format!("<bad code {ci}>"));
                let mut what = vec![format!("code {code}")];
                for (bit, s) in [(1, "defaults"), (2, "kwdefaults"), (8, "closure")] {
                    if flags & bit != 0 {
                        what.push(s.to_string());
                    }
                }
                ("MAKE_FUNCTION", n(flags), Some(what.join(", ")))
            }
            Op::BuildClass(bases, kw) => ("BUILD_CLASS", n(bases), Some(format!("{bases} bases{}", if *kw { ", keywords" } else { "" }))),
            Op::ImportName(i) => ("IMPORT_NAME", n(i), name(i)),
            Op::ImportFrom(i) => ("IMPORT_FROM", n(i), name(i)),
            Op::ImportStar => ("IMPORT_STAR", None, None),
            Op::RaiseAssert(k) => ("RAISE_ASSERT", n(k), Some(if *k == 0 { "no message" } else { "message" }.into())),
        }
    }
}

/// The jump target of a jumping instruction.
fn jump_target(op: &Op) -> Option<u32> {
    match op {
        Op::Jump(t)
        | Op::JumpBack(t)
        | Op::PopJumpIfFalse(t)
        | Op::PopJumpIfTrue(t)
        | Op::JumpIfFalseOrPop(t)
        | Op::JumpIfTrueOrPop(t)
        | Op::ForIter(t)
        | Op::SetupExcept(t)
        | Op::SetupFinally(t) => Some(*t),
        _ => None,
    }
}

/// CPython 3.11's `BINARY_OP` argument (the `NB_*` constant; in-place adds 13).
fn nb_arg(b: BinOp) -> u32 {
    match b {
        BinOp::Add => 0,
        BinOp::And => 1,
        BinOp::FloorDiv => 2,
        BinOp::LShift => 3,
        BinOp::MatMul => 4,
        BinOp::Mul => 5,
        BinOp::Mod => 6,
        BinOp::Or => 7,
        BinOp::Pow => 8,
        BinOp::RShift => 9,
        BinOp::Sub => 10,
        BinOp::TrueDiv => 11,
        BinOp::Xor => 12,
    }
}

fn bin_sym(b: BinOp) -> &'static str {
    match b {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::TrueDiv => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::And => "&",
        BinOp::Or => "|",
        BinOp::Xor => "^",
    }
}
