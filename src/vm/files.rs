//! A run's file system: what `open()`, `os.listdir` and `os.path` see. It lives in
//! memory, one per program (its threads share it), so a lesson can have threads write
//! and read files in the browser, where there is no disk. It starts with the files the
//! run was given (`Options::files`: a lesson's sample data, the learner's modules); a
//! path it does not hold is read from the host where the host has files (natively, the
//! program's folder). Writes stay in memory: a run never changes the disk.
//!
//! Paths are relative to the program's folder; `/`-separated, `.` and `..` resolved,
//! never above the folder. Directories are those made by `mkdir` and every parent of a
//! file.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// The POSIX error numbers CPython's messages use (Linux values, as CPython prints them).
pub const ENOENT: i32 = 2;
pub const EEXIST: i32 = 17;
pub const ENOTDIR: i32 = 20;
pub const EISDIR: i32 = 21;
pub const EINVAL: i32 = 22;
pub const ENOTEMPTY: i32 = 39;
// Linux's numbers for the network's errors (`urllib`, `requests`: `vm::host::Host::fetch`).
pub const EPIPE: i32 = 32;
pub const ECONNABORTED: i32 = 103;
pub const ECONNRESET: i32 = 104;
pub const ETIMEDOUT: i32 = 110;
pub const ECONNREFUSED: i32 = 111;

/// `os.strerror` for the numbers above.
pub fn strerror(errno: i32) -> &'static str {
    match errno {
        ENOENT => "No such file or directory",
        EEXIST => "File exists",
        ENOTDIR => "Not a directory",
        EISDIR => "Is a directory",
        EINVAL => "Invalid argument",
        ENOTEMPTY => "Directory not empty",
        EPIPE => "Broken pipe",
        ECONNABORTED => "Software caused connection abort",
        ECONNRESET => "Connection reset by peer",
        ETIMEDOUT => "Connection timed out",
        ECONNREFUSED => "Connection refused",
        _ => "Unknown error",
    }
}

/// What the host has on its disk (natively the program's folder; the page has none).
pub trait Disk {
    fn read(&self, path: &str) -> Option<Vec<u8>>;
    /// The names in a folder; None when it is not one.
    fn list(&self, path: &str) -> Option<Vec<String>>;
}

/// No disk at all.
pub struct NoDisk;
impl Disk for NoDisk {
    fn read(&self, _: &str) -> Option<Vec<u8>> {
        None
    }
    fn list(&self, _: &str) -> Option<Vec<String>> {
        None
    }
}

#[derive(Default)]
pub struct Files {
    inner: Mutex<Tree>,
}

#[derive(Default)]
struct Tree {
    files: BTreeMap<String, Vec<u8>>,
    dirs: BTreeSet<String>,
    /// Paths removed in this run (a host file of that name is gone too).
    removed: BTreeSet<String>,
}

/// `a/./b/../c` -> `a/c`; `""` is the program's folder. Leading `/` is ignored: the
/// run's folder is the whole file system.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(p, _)| p).unwrap_or("")
}

impl Tree {
    fn is_dir(&self, p: &str) -> bool {
        p.is_empty() || self.dirs.contains(p) || self.files.keys().any(|f| f.starts_with(p) && f.as_bytes().get(p.len()) == Some(&b'/'))
    }
}

impl Files {
    /// Adds files (path -> text) before the run starts.
    pub fn seed(&self, files: &BTreeMap<String, String>) {
        let mut t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        for (p, text) in files {
            t.files.insert(normalize(p), text.as_bytes().to_vec());
        }
    }

    /// A file's bytes; `host` reads one this store does not hold (None: no such file).
    pub fn read(&self, path: &str, disk: &dyn Disk) -> Result<Vec<u8>, i32> {
        let p = normalize(path);
        {
            let t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(b) = t.files.get(&p) {
                return Ok(b.clone());
            }
            if t.is_dir(&p) {
                return Err(EISDIR);
            }
            if t.removed.contains(&p) {
                return Err(ENOENT);
            }
        }
        disk.read(&p).ok_or(ENOENT)
    }

    /// Writes (or appends to) a file; its folder must exist. `exclusive`: fail if it does.
    pub fn write(&self, path: &str, data: &[u8], append: bool, exclusive: bool, disk: &dyn Disk) -> Result<(), i32> {
        let p = normalize(path);
        if p.is_empty() {
            return Err(EISDIR);
        }
        let existing = match self.read(&p, disk) {
            Ok(b) => Some(b),
            Err(ENOENT) => None,
            Err(e) => return Err(e),
        };
        if exclusive && existing.is_some() {
            return Err(EEXIST);
        }
        let dir = parent(&p);
        if !self.is_dir(dir, disk) {
            return Err(if self.read(dir, disk).is_ok() { ENOTDIR } else { ENOENT });
        }
        let mut t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        t.removed.remove(&p);
        // An append adds to what the store holds now, under its lock: threads appending
        // to one log at once must not lose lines (the read above may be stale by now:
        // 4 threads x 50 appends lost lines in 24 of 30 free-threaded runs).
        if let (true, Some(bytes)) = (append, t.files.get_mut(&p)) {
            bytes.extend_from_slice(data);
            return Ok(());
        }
        let mut bytes = if append { existing.unwrap_or_default() } else { Vec::new() };
        bytes.extend_from_slice(data);
        t.files.insert(p, bytes);
        Ok(())
    }

    pub fn exists(&self, path: &str, disk: &dyn Disk) -> bool {
        self.is_dir(path, disk) || self.read(path, disk).is_ok()
    }

    pub fn is_dir(&self, path: &str, disk: &dyn Disk) -> bool {
        let p = normalize(path);
        let t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        t.is_dir(&p) || (!t.files.contains_key(&p) && !t.removed.contains(&p) && disk.list(&p).is_some())
    }

    /// The names in a folder, sorted (files this store holds and the folder's subfolders).
    pub fn list_dir(&self, path: &str, disk: &dyn Disk) -> Result<Vec<String>, i32> {
        let p = normalize(path);
        let on_disk = disk.list(&p);
        let t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if t.files.contains_key(&p) || (on_disk.is_none() && disk.read(&p).is_some()) {
            return Err(ENOTDIR);
        }
        if !t.is_dir(&p) && on_disk.is_none() {
            return Err(ENOENT);
        }
        let prefix = if p.is_empty() { String::new() } else { format!("{p}/") };
        let mut names: BTreeSet<String> = on_disk
            .unwrap_or_default()
            .into_iter()
            .filter(|n| !t.removed.contains(&format!("{prefix}{n}")))
            .collect();
        for f in t.files.keys().chain(t.dirs.iter()) {
            if let Some(rest) = f.strip_prefix(&prefix) {
                if let Some(first) = rest.split('/').next().filter(|s| !s.is_empty()) {
                    names.insert(first.to_string());
                }
            }
        }
        Ok(names.into_iter().collect())
    }

    pub fn remove(&self, path: &str, disk: &dyn Disk) -> Result<(), i32> {
        let p = normalize(path);
        if self.is_dir(&p, disk) {
            return Err(EISDIR);
        }
        let held = self.inner.lock().unwrap_or_else(|e| e.into_inner()).files.remove(&p).is_some();
        if !held && self.read(&p, disk).is_err() {
            return Err(ENOENT);
        }
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).removed.insert(p);
        Ok(())
    }

    /// `os.mkdir`: the parent must exist, the folder must not.
    pub fn mkdir(&self, path: &str, exist_ok: bool, disk: &dyn Disk) -> Result<(), i32> {
        let p = normalize(path);
        let (is_dir, parent_is_dir) = (self.is_dir(&p, disk), self.is_dir(parent(&p), disk));
        let exists = is_dir || self.read(&p, disk).is_ok();
        let mut t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if (exists && !is_dir) || (is_dir && !exist_ok) {
            return Err(EEXIST);
        }
        if !parent_is_dir {
            return Err(ENOENT);
        }
        t.dirs.insert(p);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct OneFile;
    impl Disk for OneFile {
        fn read(&self, p: &str) -> Option<Vec<u8>> {
            (p == "data.txt" || p == "x.txt").then(|| b"on disk".to_vec())
        }
        fn list(&self, p: &str) -> Option<Vec<String>> {
            p.is_empty().then(|| vec!["data.txt".to_string(), "x.txt".to_string()])
        }
    }

    #[test]
    fn paths_folders_and_errors() {
        let f = Files::default();
        assert_eq!(normalize("./a/../b//c.txt"), "b/c.txt");
        assert_eq!(f.write("x.txt", b"hi", false, false, &NoDisk), Ok(()));
        assert_eq!(f.write("x.txt", b"!", true, false, &NoDisk), Ok(()));
        assert_eq!(f.read("./x.txt", &NoDisk), Ok(b"hi!".to_vec()));
        assert_eq!(f.write("x.txt", b"", false, true, &NoDisk), Err(EEXIST));
        assert_eq!(f.write("out/y.txt", b"", false, false, &NoDisk), Err(ENOENT));
        assert_eq!(f.mkdir("out", false, &NoDisk), Ok(()));
        assert_eq!(f.mkdir("out", false, &NoDisk), Err(EEXIST));
        assert_eq!(f.write("out/y.txt", b"y", false, false, &NoDisk), Ok(()));
        assert_eq!(f.write("x.txt/z", b"", false, false, &NoDisk), Err(ENOTDIR));
        assert_eq!(f.read("out", &NoDisk), Err(EISDIR));
        assert_eq!(f.list_dir("", &NoDisk), Ok(vec!["out".to_string(), "x.txt".to_string()]));
        assert_eq!(f.remove("x.txt", &NoDisk), Ok(()));
        assert_eq!(f.read("x.txt", &OneFile), Err(ENOENT), "removed stays removed");
        assert_eq!(f.read("data.txt", &OneFile), Ok(b"on disk".to_vec()));
        assert_eq!(f.list_dir("", &OneFile), Ok(vec!["data.txt".to_string(), "out".to_string()]));
    }
}
