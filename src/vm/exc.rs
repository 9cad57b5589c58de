//! Typed exceptions: the builtin exception tree as an enum, and named constructors that
//! carry CPython 3.11's wording for the messages the engine raises most.
//!
//! An exception is named by `ExcType::KeyError`, never by a string, so a misspelt name
//! does not compile. The tree below is the single source: `types()` builds one class per
//! entry, in this order, and `builtins` installs them all.

use super::types::{exc_class, new_exc};
use super::value::Value;

macro_rules! exception_tree {
    ($root:ident $(, $name:ident < $base:ident)* $(,)?) => {
        /// A builtin exception class.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ExcType {
            $root,
            $($name,)*
        }

        impl ExcType {
            /// Every builtin exception, each after its base.
            pub const ALL: &'static [ExcType] = &[ExcType::$root, $(ExcType::$name,)*];

            /// The class name, as Python spells it.
            pub fn name(self) -> &'static str {
                match self {
                    ExcType::$root => stringify!($root),
                    $(ExcType::$name => stringify!($name),)*
                }
            }

            /// The direct base (None for BaseException, whose base is `object`).
            pub fn base(self) -> Option<ExcType> {
                match self {
                    ExcType::$root => None,
                    $(ExcType::$name => Some(ExcType::$base),)*
                }
            }
        }
    };
}

exception_tree! {
    BaseException,
    SystemExit < BaseException,
    KeyboardInterrupt < BaseException,
    GeneratorExit < BaseException,
    Exception < BaseException,
    StopIteration < Exception,
    StopAsyncIteration < Exception,
    ArithmeticError < Exception,
    FloatingPointError < ArithmeticError,
    OverflowError < ArithmeticError,
    ZeroDivisionError < ArithmeticError,
    AssertionError < Exception,
    AttributeError < Exception,
    BufferError < Exception,
    EOFError < Exception,
    ImportError < Exception,
    ModuleNotFoundError < ImportError,
    LookupError < Exception,
    IndexError < LookupError,
    KeyError < LookupError,
    MemoryError < Exception,
    NameError < Exception,
    UnboundLocalError < NameError,
    OSError < Exception,
    TimeoutError < OSError,
    ConnectionError < OSError,
    BrokenPipeError < ConnectionError,
    ConnectionAbortedError < ConnectionError,
    ConnectionRefusedError < ConnectionError,
    ConnectionResetError < ConnectionError,
    FileNotFoundError < OSError,
    PermissionError < OSError,
    FileExistsError < OSError,
    IsADirectoryError < OSError,
    NotADirectoryError < OSError,
    ReferenceError < Exception,
    RuntimeError < Exception,
    NotImplementedError < RuntimeError,
    RecursionError < RuntimeError,
    SyntaxError < Exception,
    IndentationError < SyntaxError,
    TabError < IndentationError,
    SystemError < Exception,
    TypeError < Exception,
    ValueError < Exception,
    UnicodeError < ValueError,
    UnicodeDecodeError < UnicodeError,
    UnicodeEncodeError < UnicodeError,
    Warning < Exception,
    UserWarning < Warning,
    DeprecationWarning < Warning,
    RuntimeWarning < Warning,
}

impl ExcType {
    /// An instance with one string argument: `TypeError("...")`.
    pub fn msg(self, msg: impl Into<String>) -> Value {
        new_exc(&exc_class(self), vec![Value::string(msg.into())])
    }
    /// An instance with these arguments (`KeyError(key)`, `StopIteration(value)`).
    pub fn with(self, args: Vec<Value>) -> Value {
        new_exc(&exc_class(self), args)
    }
    /// An instance with no arguments (`StopIteration()`).
    pub fn bare(self) -> Value {
        new_exc(&exc_class(self), vec![])
    }
}

/// The OSError subclass CPython picks for an error number (`OSError(2, ...)` is a
/// FileNotFoundError).
pub fn os_error_class(errno: i64) -> ExcType {
    use super::files::*;
    match errno as i32 {
        ENOENT => ExcType::FileNotFoundError,
        EEXIST => ExcType::FileExistsError,
        EISDIR => ExcType::IsADirectoryError,
        ENOTDIR => ExcType::NotADirectoryError,
        EPIPE => ExcType::BrokenPipeError,
        ECONNABORTED => ExcType::ConnectionAbortedError,
        ECONNREFUSED => ExcType::ConnectionRefusedError,
        ECONNRESET => ExcType::ConnectionResetError,
        ETIMEDOUT => ExcType::TimeoutError,
        _ => ExcType::OSError,
    }
}

/// Sets `errno`, `strerror` and `filename` on an OSError from its constructor's
/// arguments, as CPython does: with 2 to 5 arguments the first two are the number and
/// the message, the third the file name, and `args` keeps only the first two.
pub fn init_os_error(inst: &super::value::Instance, args: &[Value]) {
    use super::value::intern;
    let (errno, strerror, filename) = match args {
        [n, s, rest @ ..] if rest.len() <= 3 => (n.clone(), s.clone(), rest.first().cloned().unwrap_or(Value::None)),
        _ => (Value::None, Value::None, Value::None),
    };
    if !filename.is_none() {
        inst.set(intern("args"), Value::tuple(args[..2].to_vec()));
    }
    inst.set(intern("errno"), errno);
    inst.set(intern("strerror"), strerror);
    inst.set(intern("filename"), filename);
}

/// `FileNotFoundError: [Errno 2] No such file or directory: 'name'`, as the engine
/// raises it for a file operation.
pub fn os_error(errno: i32, filename: &str) -> Value {
    let args = vec![Value::Int(errno as i64), Value::str(super::files::strerror(errno)), Value::str(filename)];
    let e = new_exc(&exc_class(os_error_class(errno as i64)), args.clone());
    if let Value::Inst(i) = &e {
        init_os_error(i, &args);
    }
    e
}

// CPython 3.11's wording for the common messages.

/// `NameError: name 'x' is not defined`
pub fn name_not_defined(name: &str) -> Value {
    ExcType::NameError.msg(format!("name '{name}' is not defined"))
}

/// `UnboundLocalError: cannot access local variable 'x' where it is not associated with a value`
pub fn unbound_local(name: &str) -> Value {
    ExcType::UnboundLocalError.msg(format!("cannot access local variable '{name}' where it is not associated with a value"))
}

/// `NameError: cannot access free variable 'x' where it is not associated with a value in enclosing scope`
pub fn unbound_free(name: &str) -> Value {
    ExcType::NameError
        .msg(format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"))
}

/// `AttributeError: 'T' object has no attribute 'x'`
pub fn no_attribute(type_name: &str, attr: &str) -> Value {
    ExcType::AttributeError.msg(format!("'{type_name}' object has no attribute '{attr}'"))
}

/// `TypeError: 'T' object is not callable`
pub fn not_callable(type_name: &str) -> Value {
    ExcType::TypeError.msg(format!("'{type_name}' object is not callable"))
}

/// `TypeError: 'T' object is not iterable`
pub fn not_iterable(type_name: &str) -> Value {
    ExcType::TypeError.msg(format!("'{type_name}' object is not iterable"))
}

/// `TypeError: 'T' object is not subscriptable`
pub fn not_subscriptable(type_name: &str) -> Value {
    ExcType::TypeError.msg(format!("'{type_name}' object is not subscriptable"))
}

/// `TypeError: f() takes 2 positional arguments but 3 were given` (and the singular,
/// "takes from 1 to 2", forms), for functions written in Python.
pub fn positional_count(func: &str, min: usize, max: usize, given: usize) -> Value {
    let takes = if min == max { format!("{max}") } else { format!("from {min} to {max}") };
    let plural = if max == 1 && min == max { "" } else { "s" };
    let were = if given == 1 { "was" } else { "were" };
    ExcType::TypeError.msg(format!("{func}() takes {takes} positional argument{plural} but {given} {were} given"))
}

/// `TypeError: f() missing 2 required positional arguments: 'a' and 'b'`
pub fn missing_arguments(func: &str, kind: &str, names: &[String]) -> Value {
    let n = names.len();
    let list = match names {
        [one] => format!("'{one}'"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|s| format!("'{s}'")).collect();
            let sep = if init.len() > 1 { ", and " } else { " and " };
            format!("{}{sep}'{last}'", init.join(", "))
        }
        [] => String::new(),
    };
    let plural = if n == 1 { "" } else { "s" };
    ExcType::TypeError.msg(format!("{func}() missing {n} required {kind} argument{plural}: {list}"))
}

/// `TypeError: f() got an unexpected keyword argument 'x'`
pub fn unexpected_keyword(func: &str, kw: &str) -> Value {
    ExcType::TypeError.msg(format!("{func}() got an unexpected keyword argument '{kw}'"))
}

/// `TypeError: f() got multiple values for argument 'x'`
pub fn multiple_values(func: &str, arg: &str) -> Value {
    ExcType::TypeError.msg(format!("{func}() got multiple values for argument '{arg}'"))
}

/// `TypeError: unsupported operand type(s) for +: 'int' and 'str'`
pub fn unsupported_operands(op: &str, a: &str, b: &str) -> Value {
    ExcType::TypeError.msg(format!("unsupported operand type(s) for {op}: '{a}' and '{b}'"))
}

/// `IndexError: list index out of range` (and tuple, str, range...)
pub fn index_out_of_range(what: &str) -> Value {
    ExcType::IndexError.msg(format!("{what} index out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_base_comes_first() {
        for (i, e) in ExcType::ALL.iter().enumerate() {
            assert_eq!(*e as usize, i, "{} out of order", e.name());
            if let Some(b) = e.base() {
                assert!((b as usize) < i, "{} before its base {}", e.name(), b.name());
            }
        }
    }

    #[test]
    fn cpython_wording() {
        let text = |v: Value| match v {
            Value::Inst(i) => match i.get("args") {
                Some(Value::Tuple(t)) => t[0].as_str().unwrap_or("").to_string(),
                _ => String::new(),
            },
            _ => String::new(),
        };
        assert!(text(positional_count("f", 2, 2, 3)).contains("f() takes 2 positional arguments but 3 were given"));
        assert!(text(positional_count("f", 1, 1, 2)).contains("f() takes 1 positional argument but 2 were given"));
        assert!(text(positional_count("f", 1, 2, 3)).contains("f() takes from 1 to 2 positional arguments but 3 were given"));
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(text(missing_arguments("f", "positional", &names(&["a"]))).contains("missing 1 required positional argument: 'a'"));
        assert!(text(missing_arguments("f", "positional", &names(&["a", "b"]))).contains("arguments: 'a' and 'b'"));
        assert!(text(missing_arguments("f", "positional", &names(&["a", "b", "c"]))).contains("'a', 'b', and 'c'"));
    }
}
