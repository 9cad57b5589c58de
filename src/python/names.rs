//! Identifiers, interned: the compiler and the VM share one table, so the same name is
//! always one allocation and attribute lookups can compare pointers first.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// A small fast hasher (FxHash) for name tables.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);
impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut v = 0u64;
            for (i, b) in chunk.iter().enumerate() {
                v |= (*b as u64) << (i * 8);
            }
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(i as u64)
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64)
    }
}
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

pub type Name = Arc<str>;

/// Interned names: the same identifier always shares one allocation, so attribute
/// lookups can compare pointers first.
pub fn intern(s: &str) -> Name {
    static TABLE: OnceLock<Mutex<FxMap<Box<str>, Name>>> = OnceLock::new();
    let t = TABLE.get_or_init(Default::default);
    let mut t = t.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(n) = t.get(s) {
        return n.clone();
    }
    let n: Name = Arc::from(s);
    t.insert(s.into(), n.clone());
    n
}

