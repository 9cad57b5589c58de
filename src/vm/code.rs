//! Code objects as the VM runs them: the compiler's [`Bytecode`] (instructions, names,
//! positions; see `python::code` for every opcode's stack effect) with its constants
//! turned into values and its nested code objects loaded too, once, when the program or
//! module is compiled.

pub use crate::python::code::{BinOp, Bytecode, CmpOp, Const, Op, Pos, PosKind, UnOp};

use super::value::Value;
use std::sync::Arc;

pub struct Code {
    bytecode: Bytecode,
    /// `bytecode.consts` as values (LOAD_CONST pushes a clone).
    pub consts: Vec<Value>,
    /// The nested code objects (functions, classes, comprehensions) for MAKE_FUNCTION.
    pub codes: Vec<Arc<Code>>,
}

impl Code {
    /// Loads the compiler's output: constants become values, nested code is loaded.
    pub fn load(mut bytecode: Bytecode) -> Arc<Code> {
        let consts = std::mem::take(&mut bytecode.consts).into_iter().map(value_of).collect();
        let codes = std::mem::take(&mut bytecode.codes).into_iter().map(Code::load).collect();
        Arc::new(Code { bytecode, consts, codes })
    }
}

/// Instructions, names and positions are read straight from the bytecode.
impl std::ops::Deref for Code {
    type Target = Bytecode;
    fn deref(&self) -> &Bytecode {
        &self.bytecode
    }
}

fn value_of(c: Const) -> Value {
    match c {
        Const::None => Value::None,
        Const::Bool(b) => Value::Bool(b),
        Const::Int(i) => Value::Int(i),
        Const::Big(b) => Value::big(b),
        Const::Float(f) => Value::Float(f),
        Const::Str(s) => Value::string(s),
        Const::Bytes(b) => Value::Bytes(Arc::new(b)),
        Const::Tuple(t) => Value::tuple(t.into_iter().map(value_of).collect()),
        Const::Ellipsis => Value::Ellipsis,
    }
}
