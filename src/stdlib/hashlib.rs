//! hashlib: sha1, sha256, sha512, md5 (RustCrypto crates).
use super::*;
use md5::Digest as _;

#[derive(Clone)]
pub enum Hasher {
    Sha256(sha2::Sha256),
    Sha512(sha2::Sha512),
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
}

impl Hasher {
    fn name(&self) -> &'static str {
        match self {
            Hasher::Sha256(_) => "sha256",
            Hasher::Sha512(_) => "sha512",
            Hasher::Md5(_) => "md5",
            Hasher::Sha1(_) => "sha1",
        }
    }
    fn update(&mut self, b: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(b),
            Hasher::Sha512(h) => h.update(b),
            Hasher::Md5(h) => h.update(b),
            Hasher::Sha1(h) => h.update(b),
        }
    }
    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
        }
    }
    fn size(&self) -> i64 {
        match self {
            Hasher::Sha256(_) => 32,
            Hasher::Sha512(_) => 64,
            Hasher::Md5(_) => 16,
            Hasher::Sha1(_) => 20,
        }
    }
}

fn data_of(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Str(_) => Err(type_error("Strings must be encoded before hashing")),
        other => Err(type_error(format!("object supporting the buffer API required, got '{}'", type_name(other)))),
    }
}

static HASH: NativeType = attrs_only(hash_attr);

fn hash_class() -> Arc<Class> {
    static C: OnceLock<Arc<Class>> = OnceLock::new();
    C.get_or_init(|| native_class("HASH", "_hashlib", &HASH)).clone()
}

/// CPython releases the GIL while hashing 2048 bytes or more.
const GIL_FREE_FROM: usize = 2048;

fn update(vm: &Vm, h: &mut Hasher, d: &[u8]) {
    if d.len() >= GIL_FREE_FROM {
        vm.interp.scheduler.without_gil(vm.ident, &mut || h.update(d));
    } else {
        h.update(d);
    }
}

fn make(vm: &Vm, h: Hasher, data: Option<&Value>) -> PyResult<Value> {
    let mut h = h;
    if let Some(d) = data {
        update(vm, &mut h, &data_of(d)?);
    }
    Ok(Value::Native(Arc::new(Native { class: hash_class(), data: std::sync::Mutex::new(NativeData::opaque(h)) })))
}

fn with_h<R>(o: &Value, f: impl FnOnce(&mut Hasher) -> R) -> Option<R> {
    let Value::Native(n) = o else { return None };
    let mut g = lock(&n.data);
    g.downcast_mut::<Hasher>().map(f)
}

type A = Vec<Value>;
type K = Vec<(Name, Value)>;
fn h_sha256(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    make(vm, Hasher::Sha256(sha2::Sha256::new()), a.first())
}
fn h_sha512(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    make(vm, Hasher::Sha512(sha2::Sha512::new()), a.first())
}
fn h_md5(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    make(vm, Hasher::Md5(md5::Md5::new()), a.first())
}
fn h_sha1(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    make(vm, Hasher::Sha1(sha1::Sha1::new()), a.first())
}
fn h_new(vm: &mut Vm, a: A, k: K) -> PyResult<Value> {
    let name = a.first().and_then(|v| v.as_str().map(|s| s.to_lowercase())).unwrap_or_default();
    let rest = a.into_iter().skip(1).collect();
    match name.as_str() {
        "sha256" => h_sha256(vm, rest, k),
        "sha512" => h_sha512(vm, rest, k),
        "md5" => h_md5(vm, rest, k),
        "sha1" => h_sha1(vm, rest, k),
        _ => Err(value_error(format!("unsupported hash type {}", name))),
    }
}
fn m_update(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let d = data_of(a.get(1).unwrap_or(&Value::None))?;
    with_h(crate::vm::builtins::arg(&a, 0)?, |h| update(vm, h, &d));
    Ok(Value::None)
}
fn m_hexdigest(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let d = with_h(crate::vm::builtins::arg(&a, 0)?, |h| h.digest()).unwrap_or_default();
    Ok(Value::string(d.iter().map(|b| format!("{:02x}", b)).collect()))
}
fn m_digest(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Bytes(Arc::new(with_h(crate::vm::builtins::arg(&a, 0)?, |h| h.digest()).unwrap_or_default())))
}
fn m_copy(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let h = with_h(crate::vm::builtins::arg(&a, 0)?, |h| h.clone()).unwrap();
    make(vm, h, None)
}

pub fn hash_attr(o: &Value, name: &str) -> Option<Value> {
    Some(match name {
        "update" => bound("update", o, m_update),
        "hexdigest" => bound("hexdigest", o, m_hexdigest),
        "digest" => bound("digest", o, m_digest),
        "copy" => bound("copy", o, m_copy),
        "name" => Value::str(with_h(o, |h| h.name())?),
        "digest_size" => Value::Int(with_h(o, |h| h.size())?),
        _ => return None,
    })
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "sha256", h_sha256);
    def(ns, "sha512", h_sha512);
    def(ns, "md5", h_md5);
    def(ns, "sha1", h_sha1);
    def(ns, "new", h_new);
    ns.set(intern("algorithms_available"), Value::tuple(vec![Value::str("md5"), Value::str("sha1"), Value::str("sha256"), Value::str("sha512")]));
    Ok(())
}
