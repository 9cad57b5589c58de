//! Bytecode.

use super::value::{Name, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug)]
pub enum Op {
    Nop,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Push the cell itself (for building closures).
    LoadClosure(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadBuiltin(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    Binary(BinOp),
    Inplace(BinOp),
    Unary(UnOp),
    Compare(CmpOp),
    Pop,
    Dup,
    Dup2,
    Rot2,
    Rot3,
    Rot4,
    Jump(u32),
    /// Backward jump: an eval-breaker check point.
    JumpBack(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    ForIter(u32),
    Call(u32),
    /// argc including keyword values; the const is a tuple of keyword names.
    CallKw(u32, u32),
    /// Stack: callable, args tuple, [kwargs dict]
    CallEx(bool),
    /// Stack: obj, args... ; name index, argc
    CallMethod(u32, u32),
    Return,
    Yield,
    /// Stack: iterator (delegation of `yield from` for generators)
    YieldFrom,
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    BuildMap(u32),
    BuildSlice(u32),
    BuildString(u32),
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend,
    SetUpdate,
    DictUpdate,
    /// TOS list -> tuple
    ListToTuple,
    /// conversion: 0 none, 1 str, 2 repr, 3 ascii; bool: has format spec on stack
    FormatValue(u8, bool),
    UnpackSeq(u32),
    UnpackEx(u32, u32),
    SetupExcept(u32),
    SetupFinally(u32),
    PopBlock,
    PopExcept,
    /// Re-raise TOS (the exception under handling) without a new traceback entry.
    Reraise,
    /// 0: bare raise, 1: raise X, 2: raise X from Y
    Raise(u32),
    /// Stack: exc, type -> exc, bool
    ExcMatch,
    /// Stack: ctx -> exit, result of __enter__
    BeforeWith,
    /// Stack: exit, exc -> calls exit(type, exc, tb); pushes whether to suppress
    WithExcept,
    /// Stack: exit -> calls exit(None, None, None)
    WithExit,
    /// MakeFunction(index into `codes`, flags: 1 defaults tuple, 2 kwdefaults dict, 8 closure tuple)
    MakeFunction(u32, u32),
    /// Stack: body function, name, bases..., [kw dict]; argc = number of bases, bool: kwargs
    BuildClass(u32, bool),
    ImportName(u32),
    ImportFrom(u32),
    ImportStar,
    /// Stack: value -> pushes value, sets nothing; for walrus etc.
    SetupAnnotations,
    /// Raise AssertionError with TOS message (or no message if arg 0)
    RaiseAssert(u32),
}

/// Where an instruction's expression sits in the source (byte offsets), for CPython
/// 3.11's `~~^~~` markers under a traceback's source line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub start: u32,
    pub end: u32,
    /// BinOp: end of the left operand and start of the right one. Subscript: end of
    /// the value being subscripted.
    pub a: u32,
    pub b: u32,
    pub kind: PosKind,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PosKind {
    /// No expression (statement-level instructions): no markers.
    #[default]
    None,
    Plain,
    BinOp,
    Subscript,
}

pub struct Code {
    pub name: Name,
    pub qualname: Name,
    pub filename: Name,
    pub ops: Vec<Op>,
    pub lines: Vec<u32>,
    /// One per op, like `lines`.
    pub positions: Vec<Pos>,
    pub consts: Vec<Value>,
    /// Nested code objects (functions, classes, comprehensions) for MakeFunction.
    pub codes: Vec<std::sync::Arc<Code>>,
    pub names: Vec<Name>,
    /// Fast locals (parameters first).
    pub varnames: Vec<Name>,
    pub cellvars: Vec<Name>,
    pub freevars: Vec<Name>,
    /// For each cellvar that is also a parameter: (cell index, local index).
    pub cell_params: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonly: u32,
    pub kwonly: u32,
    pub varargs: bool,
    pub varkw: bool,
    pub is_gen: bool,
    /// Code that uses LoadName/StoreName (module or class body).
    pub uses_names: bool,
    pub firstline: u32,
    pub max_stack: u32,
}

impl Code {
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }
}
