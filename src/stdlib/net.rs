//! _net: one HTTP exchange, for `urllib.request` and `requests` (both in Python over
//! it). The host makes the request (natively a socket, in the page a synchronous
//! request from the program's worker) with the GIL released, so threads that wait on
//! the network overlap as they do in CPython.
use super::*;
use crate::vm::exc::init_os_error;
use crate::vm::host::{HttpRequest, NetError};

fn str_arg(a: &[Value], i: usize, what: &str) -> PyResult<String> {
    match a.get(i) {
        Some(Value::Str(s)) => Ok(s.s.clone()),
        Some(v) => Err(type_error(format!("fetch: {what} must be str, not {}", type_name(v)))),
        None => Err(type_error(format!("fetch() missing required argument '{what}'"))),
    }
}

/// `OSError(errno, strerror)` as CPython builds it: the class follows the number.
fn errno_error(errno: i32, strerror: &str) -> Value {
    let args = vec![Value::Int(errno as i64), Value::str(strerror)];
    let e = new_exc(&exc_class(crate::vm::exc::os_error_class(errno as i64)), args.clone());
    if let Value::Inst(i) = &e {
        init_os_error(i, &args);
    }
    e
}

fn raise(e: NetError) -> Value {
    use crate::vm::files::ECONNREFUSED;
    match e {
        NetError::Refused => errno_error(ECONNREFUSED, "Connection refused"),
        // socket.timeout is TimeoutError since 3.10, with this message.
        NetError::TimedOut => ExcType::TimeoutError.msg("timed out"),
        // socket.gaierror: EAI_NONAME.
        NetError::UnknownHost(_) => errno_error(-2, "Name or service not known"),
        NetError::Other(why) => ExcType::OSError.msg(why),
    }
}

/// fetch(method, url, headers, body, timeout) -> (status, reason, headers, body, url)
fn net_fetch(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let method = str_arg(&a, 0, "method")?;
    let url = str_arg(&a, 1, "url")?;
    let mut headers = Vec::new();
    if let Some(h) = a.get(2).filter(|v| !v.is_none()) {
        for pair in vm.to_vec(h)? {
            let kv = vm.to_vec(&pair)?;
            match kv.as_slice() {
                [Value::Str(k), Value::Str(v)] => headers.push((k.s.clone(), v.s.clone())),
                _ => return Err(type_error("fetch: headers must be (str, str) pairs")),
            }
        }
    }
    let body = match a.get(3) {
        None | Some(Value::None) => None,
        Some(Value::Bytes(b)) => Some(b.to_vec()),
        Some(v) => return Err(type_error(format!("fetch: body must be bytes, not {}", type_name(v)))),
    };
    let timeout = match a.get(4) {
        None | Some(Value::None) => None,
        Some(v) => match crate::vm::ops::to_f64(v) {
            Some(t) if t > 0.0 => Some(t),
            Some(_) => return Err(value_error("Timeout value must be positive")),
            None => return Err(type_error(format!("fetch: timeout must be a number, not {}", type_name(v)))),
        },
    };
    let req = HttpRequest { method, url, headers, body, timeout };
    let mut answer = None;
    vm.interp.scheduler.without_gil(vm.ident, &mut || answer = Some(vm.host().fetch(&req)));
    let r = answer.expect("without_gil runs its closure").map_err(raise)?;
    let headers = r.headers.into_iter().map(|(k, v)| Value::tuple(vec![Value::string(k), Value::string(v)])).collect();
    Ok(Value::tuple(vec![
        Value::Int(r.status as i64),
        Value::string(r.reason),
        Value::list(headers),
        Value::Bytes(Arc::new(r.body)),
        Value::string(r.url),
    ]))
}

/// origin() -> the site's origin in the page (what `/path` URLs are relative to), or None.
fn net_origin(vm: &mut Vm, _a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(vm.host().origin().map(Value::string).unwrap_or(Value::None))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "fetch", net_fetch);
    def(ns, "origin", net_origin);
    Ok(())
}
