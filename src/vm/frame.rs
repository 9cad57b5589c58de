//! Frames live on their thread's own frame stack (stackless evaluation).

use super::code::Code;
use super::value::*;
use std::sync::Arc;

#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub handler: u32,
    pub stack: u32,
    pub handling: u32,
}

/// What happens to a frame's return value.
pub enum OnReturn {
    /// Push it on the caller's stack.
    Push,
    /// `__init__` frame: check for None, push the new instance instead.
    Init(Value),
    /// A call made from Rust (a builtin calling Python code): hand back to Rust.
    Stop,
    /// Class body: build the class from the namespace.
    ClassBody { name: Value, bases: Vec<Value>, kw: Option<Value> },
    /// Generator frame.
    Gen,
}

/// How a resumed generator delivers yields and its end.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Resume {
    /// From ForIter: exhausted -> jump to the target in the caller.
    ForIter(u32),
    /// next()/send(): exhausted -> StopIteration in the caller.
    Next,
    /// Driven from Rust (nested).
    Rust,
}

pub struct Frame {
    pub code: Arc<Code>,
    pub ip: usize,
    pub stack: Vec<Value>,
    pub locals: Vec<Option<Value>>,
    pub cells: Vec<Arc<Cell>>,
    pub globals: Arc<Namespace>,
    /// Class bodies: the class namespace.
    pub names: Option<Arc<Namespace>>,
    pub blocks: Vec<Block>,
    /// Exceptions being handled (except/finally blocks entered), innermost last.
    pub handling: Vec<Value>,
    pub on_return: OnReturn,
    pub gen: Option<Arc<Generator>>,
    pub resume: Resume,
    pub started: bool,
    pub in_yield_from: bool,
}

impl Frame {
    pub fn new(code: Arc<Code>, globals: Arc<Namespace>, locals: Vec<Option<Value>>, cells: Vec<Arc<Cell>>) -> Frame {
        Frame {
            stack: Vec::with_capacity(8),
            code,
            ip: 0,
            locals,
            cells,
            globals,
            names: None,
            blocks: vec![],
            handling: vec![],
            on_return: OnReturn::Push,
            gen: None,
            resume: Resume::Next,
            started: false,
            in_yield_from: false,
        }
    }
    /// The current instruction's expression position (traceback markers).
    pub fn pos(&self) -> super::code::Pos {
        let i = self.ip.saturating_sub(1);
        self.code.positions.get(i).copied().unwrap_or_default()
    }

    pub fn line(&self) -> u32 {
        let i = self.ip.saturating_sub(1);
        self.code.lines.get(i).copied().unwrap_or(self.code.firstline)
    }
}
