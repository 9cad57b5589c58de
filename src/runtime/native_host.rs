//! [`NativeHost`]: the std-based [`Host`] for the native CLI and tests (stdout through
//! a buffer, or captured into strings; the process's monotonic and wall clocks; stdin).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::vm::host::{Host, LocalModule};

/// std-based host for the native CLI and tests.
pub struct NativeHost {
    start: std::time::Instant,
    out: Mutex<std::io::BufWriter<std::io::Stdout>>,
    pub stop: AtomicBool,
    /// When set, output is captured here instead of written to the process's streams.
    pub capture: Option<Mutex<(String, String)>>,
    /// The program's folder, where `import name` looks for `name.py` (the CLI sets it).
    pub module_dir: Option<std::path::PathBuf>,
}

impl NativeHost {
    pub fn new() -> NativeHost {
        NativeHost {
            start: std::time::Instant::now(),
            out: Mutex::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout())),
            stop: AtomicBool::new(false),
            capture: None,
            module_dir: None,
        }
    }
    pub fn capturing() -> NativeHost {
        let mut h = NativeHost::new();
        h.capture = Some(Mutex::new((String::new(), String::new())));
        h
    }
    pub fn captured(&self) -> (String, String) {
        match &self.capture {
            Some(c) => c.lock().unwrap_or_else(|e| e.into_inner()).clone(),
            None => (String::new(), String::new()),
        }
    }
}

impl Default for NativeHost {
    fn default() -> Self {
        NativeHost::new()
    }
}

impl Host for NativeHost {
    fn write_stdout(&self, s: &str) {
        if let Some(c) = &self.capture {
            c.lock().unwrap_or_else(|e| e.into_inner()).0.push_str(s);
            return;
        }
        let _ = self.out.lock().unwrap_or_else(|e| e.into_inner()).write_all(s.as_bytes());
    }
    fn write_stderr(&self, s: &str) {
        if let Some(c) = &self.capture {
            c.lock().unwrap_or_else(|e| e.into_inner()).1.push_str(s);
            return;
        }
        self.flush();
        let _ = std::io::stderr().write_all(s.as_bytes());
    }
    fn flush(&self) {
        let _ = self.out.lock().unwrap_or_else(|e| e.into_inner()).flush();
    }
    fn now(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
    fn wall(&self) -> f64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
    }
    fn wait_until(&self, t: f64) {
        self.flush();
        loop {
            let now = self.now();
            if now >= t || self.stop_requested() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_secs_f64((t - now).min(0.05)));
        }
    }
    fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
    fn read_line(&self) -> Option<String> {
        self.flush();
        let mut s = String::new();
        match std::io::stdin().read_line(&mut s) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                if s.ends_with('\n') {
                    s.pop();
                    if s.ends_with('\r') {
                        s.pop();
                    }
                }
                Some(s)
            }
        }
    }
    fn read_file(&self, path: &str) -> Option<Vec<u8>> {
        let mut p = self.module_dir.clone()?;
        p.extend(path.split('/').filter(|s| !s.is_empty()));
        std::fs::read(p).ok()
    }
    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let mut p = self.module_dir.clone()?;
        p.extend(path.split('/').filter(|s| !s.is_empty()));
        let names = std::fs::read_dir(p).ok()?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned());
        Some(names.collect())
    }
    #[cfg(not(target_arch = "wasm32"))]
    fn fetch(&self, req: &crate::vm::host::HttpRequest) -> Result<crate::vm::host::HttpResponse, crate::vm::host::NetError> {
        self.flush();
        super::http_client::fetch(req)
    }
    fn local_module(&self, name: &str) -> Option<LocalModule> {
        let mut path = self.module_dir.clone()?;
        path.extend(name.split('.'));
        let read = |p: std::path::PathBuf, package: bool| {
            let bytes = std::fs::read(&p).ok()?;
            Some(LocalModule { filename: p.to_string_lossy().into_owned(), source: String::from_utf8_lossy(&bytes).into_owned(), package })
        };
        read(path.with_extension("py"), false).or_else(|| read(path.join("__init__.py"), true))
    }
}
