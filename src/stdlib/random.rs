//! random: MT19937 with CPython's seeding and algorithms, so seeded sequences match.
use super::*;
use crate::vm::builtins::to_int;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

pub struct Mt {
    mt: [u32; 624],
    idx: usize,
}

impl Mt {
    pub fn new() -> Mt {
        Mt { mt: [0; 624], idx: 625 }
    }
    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..624 {
            self.mt[i] = 1812433253u32.wrapping_mul(self.mt[i - 1] ^ (self.mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        self.idx = 624;
    }
    pub fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let (mut i, mut j) = (1usize, 0usize);
        let n = 624;
        let klen = key.len().max(1);
        let mut k = n.max(klen);
        while k > 0 {
            self.mt[i] = (self.mt[i] ^ (self.mt[i - 1] ^ (self.mt[i - 1] >> 30)).wrapping_mul(1664525)).wrapping_add(*key.get(j).unwrap_or(&0)).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= n {
                self.mt[0] = self.mt[n - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
            k -= 1;
        }
        k = n - 1;
        while k > 0 {
            self.mt[i] = (self.mt[i] ^ (self.mt[i - 1] ^ (self.mt[i - 1] >> 30)).wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= n {
                self.mt[0] = self.mt[n - 1];
                i = 1;
            }
            k -= 1;
        }
        self.mt[0] = 0x80000000;
        self.idx = 624;
    }
    pub fn genrand(&mut self) -> u32 {
        if self.idx >= 624 {
            if self.idx == 625 {
                self.init_genrand(5489);
            }
            for kk in 0..624 {
                let y = (self.mt[kk] & 0x80000000) | (self.mt[(kk + 1) % 624] & 0x7fffffff);
                let mut v = self.mt[(kk + 397) % 624] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908b0df;
                }
                self.mt[kk] = v;
            }
            self.idx = 0;
        }
        let mut y = self.mt[self.idx];
        self.idx += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        y
    }
    pub fn random(&mut self) -> f64 {
        let a = (self.genrand() >> 5) as f64;
        let b = (self.genrand() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }
    pub fn getrandbits(&mut self, k: u64) -> BigInt {
        if k == 0 {
            return BigInt::zero();
        }
        if k <= 32 {
            return BigInt::from(self.genrand() >> (32 - k));
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut ws = vec![0u32; words];
        let mut rem = k;
        for w in ws.iter_mut() {
            let mut r = self.genrand();
            if rem < 32 {
                r >>= 32 - rem;
            }
            *w = r;
            rem = rem.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &ws)
    }
    pub fn randbelow(&mut self, n: &BigInt) -> BigInt {
        let k = n.bits();
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }
    pub fn randbelow_u(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros() as u64;
        loop {
            let r = if k <= 32 { (self.genrand() >> (32 - k)) as u64 } else { self.getrandbits(k).to_u64().unwrap_or(0) };
            if r < n {
                return r;
            }
        }
    }
    pub fn seed_int(&mut self, n: &BigInt) {
        let a = n.abs();
        let (_, mut words) = a.to_u32_digits();
        if words.is_empty() {
            words.push(0);
        }
        self.init_by_array(&words);
    }
}

impl Default for Mt {
    fn default() -> Self {
        Mt::new()
    }
}

fn with_mt<R>(o: &Value, f: impl FnOnce(&mut Mt) -> R) -> R {
    let Value::Native(n) = o else { panic!("random receiver") };
    let mut g = lock(&n.data);
    match g.downcast_mut::<Mt>() {
        Some(m) => f(m),
        None => f(&mut Mt::new()),
    }
}

fn seed_value(vm: &mut Vm, mt: &mut Mt, v: Option<&Value>) -> PyResult<()> {
    match v {
        None | Some(Value::None) => {
            let t = (vm.host().wall() * 1e6) as u64;
            mt.init_by_array(&[t as u32, (t >> 32) as u32]);
        }
        Some(Value::Int(_) | Value::Big(_) | Value::Bool(_)) => mt.seed_int(&crate::vm::ops::to_big(v.unwrap()).unwrap()),
        Some(Value::Float(f)) => {
            let h = crate::vm::ops::hash_float(*f);
            mt.seed_int(&BigInt::from(h));
        }
        Some(Value::Str(s)) => {
            // CPython (version 2): int.from_bytes(a + sha512(a).digest())
            use sha2::Digest;
            let mut bytes = s.s.as_bytes().to_vec();
            bytes.extend_from_slice(&sha2::Sha512::digest(s.s.as_bytes()));
            let n = BigInt::from_bytes_be(Sign::Plus, &bytes);
            mt.seed_int(&n);
        }
        Some(other) => {
            let h = vm.hash(other)?;
            mt.seed_int(&BigInt::from(h));
        }
    }
    Ok(())
}

type A = Vec<Value>;
type K = Vec<(Name, Value)>;

fn r_seed(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let mut mt = Mt::new();
    seed_value(vm, &mut mt, a.get(1))?;
    with_mt(crate::vm::builtins::arg(&a, 0)?, |m| *m = mt);
    Ok(Value::None)
}
fn r_random(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Float(with_mt(crate::vm::builtins::arg(&a, 0)?, |m| m.random())))
}
fn r_getrandbits(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let k = to_int(a.get(1).unwrap_or(&Value::Int(0)))?;
    if k < 0 {
        return Err(value_error("number of bits must be non-negative"));
    }
    Ok(Value::big(with_mt(crate::vm::builtins::arg(&a, 0)?, |m| m.getrandbits(k as u64))))
}
fn randbelow(o: &Value, n: &BigInt) -> BigInt {
    with_mt(o, |m| match n.to_u64() {
        Some(u) => BigInt::from(m.randbelow_u(u)),
        None => m.randbelow(n),
    })
}
fn r_randrange(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let big = |v: &Value| crate::vm::ops::to_big(v).ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))));
    let (start, stop, step) = match a.len() {
        2 => (BigInt::zero(), big(crate::vm::builtins::arg(&a, 1)?)?, BigInt::from(1)),
        3 => (big(crate::vm::builtins::arg(&a, 1)?)?, big(crate::vm::builtins::arg(&a, 2)?)?, BigInt::from(1)),
        4 => (big(crate::vm::builtins::arg(&a, 1)?)?, big(crate::vm::builtins::arg(&a, 2)?)?, big(crate::vm::builtins::arg(&a, 3)?)?),
        _ => return Err(type_error("randrange expected at least 1 argument")),
    };
    if a.len() == 2 {
        if !stop.is_positive() {
            return Err(value_error("empty range for randrange()"));
        }
        return Ok(Value::big(randbelow(crate::vm::builtins::arg(&a, 0)?, &stop)));
    }
    let width = &stop - &start;
    if step == BigInt::from(1) {
        if !width.is_positive() {
            return Err(value_error(format!("empty range for randrange() ({}, {}, {})", start, stop, width)));
        }
        return Ok(Value::big(start + randbelow(crate::vm::builtins::arg(&a, 0)?, &width)));
    }
    if step.is_zero() {
        return Err(value_error("zero step for randrange()"));
    }
    let n: BigInt = if step.is_positive() { (&width + &step - 1) / &step } else { (&width + &step + 1) / &step };
    if !n.is_positive() {
        return Err(value_error("empty range for randrange()"));
    }
    Ok(Value::big(start + step * randbelow(crate::vm::builtins::arg(&a, 0)?, &n)))
}
fn r_randint(vm: &mut Vm, a: A, k: K) -> PyResult<Value> {
    let b = crate::vm::ops::to_big(a.get(2).unwrap_or(&Value::Int(0))).ok_or_else(|| type_error("randint() arguments must be integers"))?;
    r_randrange(vm, vec![crate::vm::builtins::arg(&a, 0)?.clone(), crate::vm::builtins::arg(&a, 1)?.clone(), Value::big(b + 1)], k)
}
fn r_choice(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let seq = a.get(1).cloned().unwrap_or(Value::None);
    let n = crate::vm::builtins::len_of(vm, &seq)?;
    if n == 0 {
        return Err(ExcType::IndexError.msg("Cannot choose from an empty sequence"));
    }
    let i = randbelow(crate::vm::builtins::arg(&a, 0)?, &BigInt::from(n));
    vm.getitem(&seq, &Value::big(i))
}
fn r_shuffle(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let Some(Value::List(l)) = a.get(1) else { return Err(type_error("shuffle() argument must be a list")) };
    let mut items = lock(l).clone();
    for i in (1..items.len()).rev() {
        let j = randbelow(crate::vm::builtins::arg(&a, 0)?, &BigInt::from(i + 1)).to_usize().unwrap_or(0);
        items.swap(i, j);
    }
    *lock(l) = items;
    let _ = vm;
    Ok(Value::None)
}
fn r_uniform(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let x = crate::vm::ops::to_f64(a.get(1).unwrap_or(&Value::Int(0))).ok_or_else(|| type_error("must be real number"))?;
    let y = crate::vm::ops::to_f64(a.get(2).unwrap_or(&Value::Int(0))).ok_or_else(|| type_error("must be real number"))?;
    let r = with_mt(crate::vm::builtins::arg(&a, 0)?, |m| m.random());
    Ok(Value::Float(x + (y - x) * r))
}
fn r_sample(vm: &mut Vm, a: A, k: K) -> PyResult<Value> {
    let pop = vm.to_vec(a.get(1).unwrap_or(&Value::None))?;
    let kk = a.get(2).cloned().or_else(|| k.iter().find(|(n, _)| &**n == "k").map(|(_, v)| v.clone())).unwrap_or(Value::Int(0));
    let kk = to_int(&kk)?;
    let n = pop.len() as i64;
    if kk < 0 || kk > n {
        return Err(value_error("Sample larger than population or is negative"));
    }
    let kk = kk as usize;
    let n = n as usize;
    let mut result = vec![Value::None; kk];
    let mut setsize = 21usize;
    if kk > 5 {
        let x = ((kk * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.pow(x.ceil() as u32);
    }
    if n <= setsize {
        let mut pool = pop.clone();
        for i in 0..kk {
            let j = randbelow(crate::vm::builtins::arg(&a, 0)?, &BigInt::from(n - i)).to_usize().unwrap_or(0);
            result[i] = pool[j].clone();
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for r in result.iter_mut() {
            let mut j = randbelow(crate::vm::builtins::arg(&a, 0)?, &BigInt::from(n)).to_usize().unwrap_or(0);
            while selected.contains(&j) {
                j = randbelow(crate::vm::builtins::arg(&a, 0)?, &BigInt::from(n)).to_usize().unwrap_or(0);
            }
            selected.insert(j);
            *r = pop[j].clone();
        }
    }
    Ok(Value::list(result))
}
fn r_gauss(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let mu = a.get(1).and_then(crate::vm::ops::to_f64).unwrap_or(0.0);
    let sigma = a.get(2).and_then(crate::vm::ops::to_f64).unwrap_or(1.0);
    // normalvariate (Kinderman and Monahan), as CPython's normalvariate.
    let nv_magicconst = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    let z = with_mt(crate::vm::builtins::arg(&a, 0)?, |m| loop {
        let u1 = m.random();
        let u2 = 1.0 - m.random();
        let z = nv_magicconst * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            break z;
        }
    });
    Ok(Value::Float(mu + z * sigma))
}

fn r_choices(vm: &mut Vm, a: A, k: K) -> PyResult<Value> {
    let pop = vm.to_vec(a.get(1).unwrap_or(&Value::None))?;
    let kw = |n: &str| k.iter().find(|(x, _)| &**x == n).map(|(_, v)| v.clone()).filter(|v| !v.is_none());
    let weights = a.get(2).cloned().filter(|v| !v.is_none()).or_else(|| kw("weights"));
    let cum = kw("cum_weights");
    let count = to_int(&kw("k").unwrap_or(Value::Int(1)))?.max(0) as usize;
    let n = pop.len();
    let cum: Option<Vec<f64>> = match (weights, cum) {
        (Some(w), None) => {
            let mut acc = 0.0;
            let mut out = vec![];
            for x in vm.to_vec(&w)? {
                acc += crate::vm::ops::to_f64(&x).ok_or_else(|| type_error("weights must be numbers"))?;
                out.push(acc);
            }
            Some(out)
        }
        (None, Some(c)) => Some(vm.to_vec(&c)?.iter().map(|x| crate::vm::ops::to_f64(x).unwrap_or(0.0)).collect()),
        (None, None) => None,
        _ => return Err(type_error("Cannot specify both weights and cumulative weights")),
    };
    let mut out = Vec::with_capacity(count);
    match cum {
        None => {
            if n == 0 {
                return Err(ExcType::IndexError.msg("Cannot choose from an empty sequence"));
            }
            for _ in 0..count {
                let r = with_mt(crate::vm::builtins::arg(&a, 0)?, |m| m.random());
                out.push(pop[(r * n as f64).floor() as usize].clone());
            }
        }
        Some(cw) => {
            if cw.len() != n {
                return Err(value_error("The number of weights does not match the population"));
            }
            let total = *cw.last().unwrap_or(&0.0);
            for _ in 0..count {
                let r = with_mt(crate::vm::builtins::arg(&a, 0)?, |m| m.random()) * total;
                // bisect_right over cw[0..n-1]
                let (mut lo, mut hi) = (0usize, n - 1);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if r < cw[mid] {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                out.push(pop[lo].clone());
            }
        }
    }
    Ok(Value::list(out))
}

const METHODS: &[(&str, fn(&mut Vm, A, K) -> PyResult<Value>)] = &[
    ("choices", r_choices),
    ("seed", r_seed),
    ("random", r_random),
    ("getrandbits", r_getrandbits),
    ("randrange", r_randrange),
    ("randint", r_randint),
    ("choice", r_choice),
    ("shuffle", r_shuffle),
    ("uniform", r_uniform),
    ("sample", r_sample),
    ("gauss", r_gauss),
    ("normalvariate", r_gauss),
];

pub fn random_attr(o: &Value, name: &str) -> Option<Value> {
    METHODS.iter().find(|(n, _)| *n == name).map(|(n, f)| bound(n, o, *f))
}

static RANDOM: NativeType = NativeType { construct: Some(construct), ..attrs_only(random_attr) };

fn construct(vm: &mut Vm, _c: &Arc<Class>, a: A, _k: K) -> PyResult<Value> {
    new_random(vm, a)
}

fn random_class() -> Arc<Class> {
    static C: OnceLock<Arc<Class>> = OnceLock::new();
    C.get_or_init(|| native_class("Random", "random", &RANDOM)).clone()
}

pub fn new_random(vm: &mut Vm, a: Vec<Value>) -> PyResult<Value> {
    let mut mt = Mt::new();
    seed_value(vm, &mut mt, a.first())?;
    Ok(Value::Native(Arc::new(Native { class: random_class(), data: std::sync::Mutex::new(NativeData::opaque(mt)) })))
}

pub fn init(vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    let inst = new_random(vm, vec![])?;
    for (n, f) in METHODS {
        ns.set(intern(n), bound(n, &inst, *f));
    }
    ns.set(intern("Random"), Value::Class(random_class()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Mt;
    #[test]
    fn seeded_like_cpython() {
        // random.seed(42); random.random() in CPython 3.11
        let mut m = Mt::new();
        m.seed_int(&num_bigint::BigInt::from(42));
        assert_eq!(m.random(), 0.6394267984578837);
        assert_eq!(m.random(), 0.025010755222666936);
    }
}
