//! Insertion-ordered hash table used by dict, set and frozenset.
//! Keys are compared with `ops::eq_native` (values of builtin types by value, everything
//! else by identity); hashes are computed by the VM beforehand (it may call `__hash__`).

use super::value::Value;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
pub struct Dict {
    pub entries: Vec<Option<Entry>>,
    /// Open addressing: index into entries, or -1 empty.
    index: Vec<i32>,
    len: usize,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn find(&self, hash: i64, key: &Value) -> Result<usize, usize> {
        // Ok(slot of existing) / Err(empty slot)
        let mask = self.index.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let ix = self.index[i];
            if ix < 0 {
                return Err(i);
            }
            if let Some(e) = &self.entries[ix as usize] {
                if e.hash == hash && super::ops::eq_native(&e.key, key) {
                    return Ok(i);
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }
    fn rebuild(&mut self, cap: usize) {
        let mut n = 8;
        while n < cap * 2 {
            n *= 2;
        }
        let old: Vec<Entry> = self.entries.drain(..).flatten().collect();
        self.index = vec![-1; n];
        self.len = 0;
        for e in old {
            let slot = match self.find(e.hash, &e.key) {
                Ok(s) | Err(s) => s,
            };
            self.index[slot] = self.entries.len() as i32;
            self.entries.push(Some(e));
            self.len += 1;
        }
    }
    pub fn get(&self, hash: i64, key: &Value) -> Option<&Value> {
        if self.len == 0 {
            return None;
        }
        match self.find(hash, key) {
            Ok(s) => self.entries[self.index[s] as usize].as_ref().map(|e| &e.value),
            Err(_) => None,
        }
    }
    pub fn get_entry(&self, hash: i64, key: &Value) -> Option<&Entry> {
        if self.len == 0 {
            return None;
        }
        match self.find(hash, key) {
            Ok(s) => self.entries[self.index[s] as usize].as_ref(),
            Err(_) => None,
        }
    }
    pub fn contains(&self, hash: i64, key: &Value) -> bool {
        self.get(hash, key).is_some()
    }
    pub fn insert(&mut self, hash: i64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.index.len() * 2 {
            self.rebuild(self.len + 1);
        }
        match self.find(hash, &key) {
            Ok(s) => {
                if let Some(e) = &mut self.entries[self.index[s] as usize] {
                    e.value = value;
                }
            }
            Err(s) => {
                self.index[s] = self.entries.len() as i32;
                self.entries.push(Some(Entry { hash, key, value }));
                self.len += 1;
            }
        }
    }
    pub fn remove(&mut self, hash: i64, key: &Value) -> Option<Entry> {
        if self.len == 0 {
            return None;
        }
        match self.find(hash, key) {
            Ok(s) => {
                let ix = self.index[s] as usize;
                let e = self.entries[ix].take();
                // Keep the index slot pointing at the empty entry (a tombstone).
                self.len -= 1;
                if self.len == 0 {
                    self.entries.clear();
                    self.index.clear();
                } else if self.entries.len() > 16 && self.len * 4 < self.entries.len() {
                    self.rebuild(self.len);
                }
                e
            }
            Err(_) => None,
        }
    }
    pub fn clear(&mut self) {
        *self = Dict::default();
    }
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|e| (e.key.clone(), e.value.clone())).collect()
    }
    pub fn pop_last(&mut self) -> Option<Entry> {
        while let Some(last) = self.entries.pop() {
            if let Some(e) = last {
                self.len -= 1;
                let mut d = Dict::new();
                for e in self.entries.drain(..).flatten() {
                    d.insert(e.hash, e.key, e.value);
                }
                *self = d;
                return Some(e);
            }
        }
        None
    }
    pub fn pop_first(&mut self) -> Option<Entry> {
        let pos = self.entries.iter().position(|e| e.is_some())?;
        let e = self.entries[pos].clone()?;
        self.remove(e.hash, &e.key);
        Some(e)
    }
}
