//! Bytecode, as the compiler emits it: the instruction set (each opcode documented with
//! its operands and stack effect), positions for traceback markers, constants, and the
//! code object of one function, class body or module. The VM loads it (`vm::code`).

use super::names::Name;
use num_bigint::BigInt;

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

/// One instruction. Each variant says its operands and its effect on the frame's value
/// stack, written `before -> after` with the top of the stack on the right ("TOS").
/// Indices name a table of the code object: `consts`, `varnames` (fast locals),
/// `names` (globals, attributes, imports), cells (`cellvars` then `freevars`), `codes`.
/// Jump targets are instruction indices. "Check point" marks where CPython 3.11 looks
/// at its eval breaker, so a thread may be switched there (GIL mode) and Stop is seen.
#[derive(Clone, Copy, Debug)]
pub enum Op {
    /// Does nothing. `->`
    Nop,
    /// Push `consts[i]`. `-> value`
    LoadConst(u32),
    /// Push local `varnames[i]` (UnboundLocalError if unset). `-> value`
    LoadFast(u32),
    /// Pop into local `varnames[i]`. `value ->`
    StoreFast(u32),
    /// Unset local `varnames[i]` (`del x`). `->`
    DeleteFast(u32),
    /// Push the content of cell `i` (NameError for an empty free variable). `-> value`
    LoadDeref(u32),
    /// Pop into cell `i`. `value ->`
    StoreDeref(u32),
    /// Empty cell `i`. `->`
    DeleteDeref(u32),
    /// Push cell `i` itself (for building closures). `-> cell`
    LoadClosure(u32),
    /// Push global `names[i]`, else the builtin of that name (NameError). `-> value`
    LoadGlobal(u32),
    /// Pop into global `names[i]`. `value ->`
    StoreGlobal(u32),
    /// Delete global `names[i]`. `->`
    DeleteGlobal(u32),
    /// Push `names[i]` from the class/module namespace, the globals or builtins. `-> value`
    LoadName(u32),
    /// Pop into `names[i]` in the class/module namespace. `value ->`
    StoreName(u32),
    /// Delete `names[i]` from the class/module namespace. `->`
    DeleteName(u32),
    /// Replace an object by its attribute `names[i]` (LOAD_ATTR). `obj -> value`
    LoadAttr(u32),
    /// `obj.name = value` (STORE_ATTR). `value obj ->`
    StoreAttr(u32),
    /// `del obj.name`. `obj ->`
    DeleteAttr(u32),
    /// `obj[key]` (BINARY_SUBSCR); list[int] has a fast path. `obj key -> value`
    Subscr,
    /// `obj[key] = value` (STORE_SUBSCR). `value obj key ->`
    StoreSubscr,
    /// `del obj[key]`. `obj key ->`
    DeleteSubscr,
    /// `a op b` (BINARY_OP); int +, -, * have a fast path. `a b -> result`
    Binary(BinOp),
    /// `a op= b` (BINARY_OP with `__iadd__`-style methods first). `a b -> result`
    Inplace(BinOp),
    /// `-a`, `+a`, `~a`, `not a`. `a -> result`
    Unary(UnOp),
    /// `a op b` (COMPARE_OP, IS_OP, CONTAINS_OP); int comparisons have a fast path. `a b -> bool-ish`
    Compare(CmpOp),
    /// `value ->`
    Pop,
    /// `a -> a a`
    Dup,
    /// `a b -> a b a b`
    Dup2,
    /// `a b -> b a`
    Rot2,
    /// `a b c -> c a b`
    Rot3,
    /// `a b c d -> d a b c`
    Rot4,
    /// TOS moves down under the n - 1 items below it (ROT_N, CPython 3.10; `match`
    /// keeps captured values under the items a pattern still needs).
    /// `a1 .. an -> an a1 .. an-1`
    Rotate(u32),
    /// `match`: push len(TOS), keeping it (GET_LEN). `obj -> obj len`
    GetLen,
    /// `match`: is TOS a sequence for a sequence pattern (list, tuple, range, deque,
    /// collections.abc.Sequence; not str/bytes) (MATCH_SEQUENCE). `subject -> subject bool`
    MatchSequence,
    /// `match`: is TOS a mapping (dict and its subclasses, collections.abc.Mapping)
    /// (MATCH_MAPPING). `subject -> subject bool`
    MatchMapping,
    /// `match`: look the keys up with `subject.get` (dicts directly): a tuple of the
    /// values, or None if one is missing (MATCH_KEYS). `subject keys -> subject keys values|None`
    MatchKeys,
    /// `match`: `**rest` of a mapping pattern: a new dict of the subject's items without
    /// the keys (COPY_DICT_WITHOUT_KEYS, CPython 3.10, here also popping the subject).
    /// `subject keys -> rest`
    CopyDictWithoutKeys,
    /// `match`: class pattern with `n` positional sub-patterns: isinstance(subject, cls),
    /// then the attributes named by `__match_args__` and the keyword names, as a tuple;
    /// None if not an instance or an attribute is missing (MATCH_CLASS).
    /// `subject cls names -> attrs|None`
    MatchClass(u32),
    /// Forward jump to `t`. `->`
    Jump(u32),
    /// Backward jump to `t` (loops): a check point. `->`
    JumpBack(u32),
    /// Pop; jump to `t` if false. `value ->`
    PopJumpIfFalse(u32),
    /// Pop; jump to `t` if true. `value ->`
    PopJumpIfTrue(u32),
    /// `and`: if false jump to `t` keeping the value, else pop it. `value -> value?`
    JumpIfFalseOrPop(u32),
    /// `or`: if true jump to `t` keeping the value, else pop it. `value -> value?`
    JumpIfTrueOrPop(u32),
    /// `iter(value)`. `value -> iterator`
    GetIter,
    /// Push the iterator's next item, or pop it and jump to `t` when exhausted.
    /// `it -> it item` | `it ->`
    ForIter(u32),
    /// Call with `argc` positional arguments (CALL): a check point after it returns,
    /// or function entry when it pushes a frame. `f a1..an -> result`
    Call(u32),
    /// Call with keywords: `argc` counts positional and keyword values; `consts[k]` is
    /// the tuple of keyword names. `f a1..an -> result`
    CallKw(u32, u32),
    /// `f(*args, **kwargs)` (CALL_FUNCTION_EX); bool: a kwargs dict is on the stack.
    /// `f args_tuple [kwargs] -> result`
    CallEx(bool),
    /// `obj.names[i](args)` without building a bound method (LOAD_METHOD + CALL).
    /// `obj a1..an -> result`
    CallMethod(u32, u32),
    /// Return TOS from the frame (RETURN_VALUE). `value ->`
    Return,
    /// Yield TOS from a generator; resumes with the sent value (YIELD_VALUE). `value -> sent`
    Yield,
    /// `yield from it`: re-runs itself until the iterator is exhausted, then leaves
    /// a subgenerator's return value (None for other iterators). `it -> result`
    YieldFrom,
    /// `await x`: x itself if it is a coroutine, else what `x.__await__()` returns
    /// (GET_AWAITABLE); then YieldFrom, which leaves the result. `x -> iterator`
    GetAwaitable,
    /// `a1..an -> (a1, .., an)`
    BuildTuple(u32),
    /// `a1..an -> [a1, .., an]`
    BuildList(u32),
    /// `a1..an -> {a1, .., an}`
    BuildSet(u32),
    /// `k1 v1 .. kn vn -> {k1: v1, ..}`
    BuildMap(u32),
    /// `start stop [step] -> slice` (n = 2 or 3)
    BuildSlice(u32),
    /// Concatenate the parts of an f-string. `s1..sn -> str`
    BuildString(u32),
    /// Comprehension: append TOS to the list `d` below it. `list .. item -> list ..`
    ListAppend(u32),
    /// Comprehension: add TOS to the set `d` below it. `set .. item -> set ..`
    SetAdd(u32),
    /// Comprehension: store key/value in the dict `d` below them. `dict .. k v -> dict ..`
    MapAdd(u32),
    /// `[*it]`: extend the list below with an iterable. `list it -> list`
    ListExtend,
    /// `{*it}`: add an iterable's items to the set below. `set it -> set`
    SetUpdate,
    /// `{**m}`: copy a mapping into the dict below. `dict m -> dict`
    DictUpdate,
    /// `list -> tuple`
    ListToTuple,
    /// An f-string field: conversion 0 none, 1 `!s`, 2 `!r`, 3 `!a`; bool: a format
    /// spec is on the stack. `value [spec] -> str`
    FormatValue(u8, bool),
    /// Unpack exactly n items, first item on top (UNPACK_SEQUENCE). `it -> an .. a1`
    UnpackSeq(u32),
    /// `a, *b, c = it` with `before` and `after` names around the star.
    /// `it -> c.. [b] a..` (head on top)
    UnpackEx(u32, u32),
    /// Push a handler block: an exception jumps to `h` with the stack cut back to
    /// this depth. `->`; at the handler: `-> exc`
    SetupExcept(u32),
    /// Like SetupExcept, for a `finally` (the handler re-raises at its end).
    SetupFinally(u32),
    /// Pop the innermost handler block. `->`
    PopBlock,
    /// Leave an except clause: the exception is no longer "being handled". `->`
    PopExcept,
    /// Re-raise TOS (the exception under handling) without a new traceback entry. `exc ->`
    Reraise,
    /// `raise` (0: re-raise the handled exception), `raise e` (1), `raise e from c` (2).
    /// `[e [c]] ->`
    Raise(u32),
    /// `except T:` test. `exc T -> bool`
    ExcMatch,
    /// Enter a `with`: look up `__exit__`, call `__enter__` (not a check point, as in
    /// CPython 3.11, so `with lock:` never switches right after acquiring).
    /// `ctx -> exit enter_result`
    BeforeWith,
    /// `async with`: look up `__aexit__`, call `__aenter__` (BEFORE_ASYNC_WITH; the
    /// compiler awaits its result). `ctx -> aexit aenter_result`
    BeforeAsyncWith,
    /// `async for`: `type(x).__aiter__(x)` (GET_AITER). `x -> aiter`
    GetAIter,
    /// `async for`, each turn: `type(aiter).__anext__(aiter)`, made awaitable
    /// (GET_ANEXT; YieldFrom awaits it). `aiter -> aiter awaitable`
    GetANext,
    /// `async for` left by an exception: StopAsyncIteration ends the loop (the async
    /// iterator is dropped); anything else goes on up (END_ASYNC_FOR). `aiter exc ->`
    EndAsyncFor,
    /// `yield v` in an async generator: pairs the value with a mark, so the generator's
    /// `__anext__` tells it from what the body's awaits pass up to the event loop
    /// (ASYNC_GEN_WRAP). `v -> wrapped`
    AsyncGenWrap,
    /// `with` left by an exception: call `exit(type, exc, None)`; the result says
    /// whether to suppress it. `exit exc -> exit exc result`
    WithExcept,
    /// `with` left normally: call `exit(None, None, None)`. `exit -> result`
    WithExit,
    /// Make a function of `codes[i]`; flags: 1 a defaults tuple, 2 a kwdefaults dict,
    /// 8 a closure tuple are on the stack. `[defaults] [kwdefaults] [closure] -> function`
    MakeFunction(u32, u32),
    /// Run a class body: `nb` bases, bool: a keywords dict follows. Pushes the body's
    /// frame; when it returns the class is made and pushed.
    /// `body name base1..basen [kw] -> class`
    BuildClass(u32, bool),
    /// `import names[i]`: push the module (IMPORT_NAME). `-> module`
    ImportName(u32),
    /// `from m import names[i]`: push the attribute, importing a submodule if needed.
    /// `module -> module value`
    ImportFrom(u32),
    /// `from m import *` into the current namespace. `module ->`
    ImportStar,
    /// `assert` failed: raise AssertionError, with the message TOS if the operand is 1.
    /// `[msg] ->`
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


/// A constant of the code object (`consts`), before the VM turns it into a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    Bool(bool),
    Int(i64),
    Big(BigInt),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    /// Keyword names of a call, and constant tuples.
    Tuple(Vec<Const>),
    Ellipsis,
}

pub struct Bytecode {
    pub name: Name,
    pub qualname: Name,
    pub filename: Name,
    pub ops: Vec<Op>,
    pub lines: Vec<u32>,
    /// One per op, like `lines`.
    pub positions: Vec<Pos>,
    pub consts: Vec<Const>,
    /// Nested code objects (functions, classes, comprehensions) for MakeFunction.
    pub codes: Vec<Bytecode>,
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
    /// An `async def`'s code: its generator is a coroutine.
    pub is_coro: bool,
    /// An `async def` with `yield`: calling it makes an async generator.
    pub is_asyncgen: bool,
    /// Code that uses LoadName/StoreName (module or class body).
    pub uses_names: bool,
    pub firstline: u32,
    pub max_stack: u32,
}

impl Bytecode {
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }
}
