#![cfg(not(target_arch = "wasm32"))]
//! The network (`urllib.request`, `requests`, `urllib.parse`, `http`): the programs in
//! tests/net run against a small HTTP server started here, on CPython 3.11 (its own
//! urllib and the real requests package) and on the engine in gil, free and step
//! mode; stdout must be the same. The server serves static/data (the site's sample
//! files), `?delay=MS` like threadlab-serve, error statuses, a redirect, a chunked body
//! and an echo of what was sent.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("static")
}

fn answer(out: &mut TcpStream, status: u16, reason: &str, ctype: &str, extra: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    );
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(body);
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn serve_one(stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("/").to_string());
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 {
            return;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let mut body = vec![0u8; header("content-length").and_then(|n| n.parse().ok()).unwrap_or(0)];
    let _ = reader.read_exact(&mut body);
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    if let Some(ms) = query.split('&').find_map(|kv| kv.strip_prefix("delay=")).and_then(|v| v.parse::<u64>().ok()) {
        std::thread::sleep(Duration::from_millis(ms.min(10_000)));
    }
    if let Some(code) = path.strip_prefix("/status/") {
        let code: u16 = code.parse().unwrap_or(500);
        let reason = match code {
            200 => "OK",
            404 => "Not Found",
            503 => "Service Unavailable",
            _ => "Other",
        };
        return answer(&mut out, code, reason, "text/plain; charset=utf-8", "", format!("status {code}\n").as_bytes());
    }
    match path {
        "/redirect" => answer(&mut out, 302, "Found", "text/plain", "Location: /data/weather/index.json\r\n", b""),
        "/echo" => {
            let text = String::from_utf8_lossy(&body);
            let json = format!(
                "{{\"method\": {}, \"path\": {}, \"type\": {}, \"lesson\": {}, \"body\": {}}}",
                json_str(&method),
                json_str(&target),
                json_str(&header("content-type").unwrap_or_default()),
                json_str(&header("x-lesson").unwrap_or_default()),
                json_str(&text)
            );
            answer(&mut out, 200, "OK", "application/json", "", json.as_bytes())
        }
        "/chunked" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            let _ = out.write_all(head.as_bytes());
            for piece in ["[1, 2", ", 3]"] {
                let _ = out.write_all(format!("{:x}\r\n{piece}\r\n", piece.len()).as_bytes());
            }
            let _ = out.write_all(b"0\r\n\r\n");
        }
        _ => {
            let file = data_dir().join(path.trim_start_matches('/'));
            match (path.starts_with("/data/") && !path.contains(".."), std::fs::read(&file)) {
                (true, Ok(bytes)) => answer(&mut out, 200, "OK", "application/json", "", &bytes),
                _ => answer(&mut out, 404, "Not Found", "text/plain", "", b"not found\n"),
            }
        }
    }
}

/// Starts the server on a free port; returns its base URL.
fn start_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve_one(stream));
        }
    });
    format!("http://{addr}")
}

/// A port nothing listens on (bound, then closed).
fn refused() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}")
}

/// The program with the server's addresses put in, in a folder of its own.
fn program(name: &str, base: &str, refused: &str) -> PathBuf {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/net").join(name)).unwrap();
    let src = src.replace("\"http://127.0.0.1:0\"", &format!("{base:?}")).replace("\"http://127.0.0.1:1\"", &format!("{refused:?}"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("net-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), src).unwrap();
    dir
}

fn compare(name: &str) {
    let exe = common::cpython_exe();
    let (base, refused) = (start_server(), refused());
    let dir = program(name, &base, &refused);
    let theirs = common::run(&exe, &[name], &dir, 60);
    assert_eq!(theirs.code, 0, "CPython failed on {name}:\n{}", theirs.stderr);
    assert!(!theirs.stdout.is_empty());
    for mode in ["gil", "free", "step"] {
        let ours = common::engine(mode, 3, name, &dir);
        assert_eq!(ours.stdout, theirs.stdout, "{name} in {mode}: stdout\n{}", ours.stderr);
        assert_eq!(ours.code, 0, "{name} in {mode}: exit code\n{}", ours.stderr);
    }
}

#[test]
fn urllib_matches_cpython() {
    compare("urllib_basics.py");
}

#[test]
fn requests_matches_the_requests_package() {
    compare("requests_basics.py");
}

/// The GIL is released while a thread waits for the server: six 300 ms waits overlap
/// (the program prints "serial" when they do not).
#[test]
fn threads_waiting_on_the_network_overlap() {
    compare("threads_overlap.py");
}

#[test]
fn a_fetch_that_cannot_be_made_is_a_clear_error() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("net-errors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("e.py"),
        "import urllib.request\ntry:\n    urllib.request.urlopen('https://example.invalid/')\nexcept OSError as e:\n    print(type(e).__name__, e)\nimport _net\n_net.fetch('GET', 3, [], None, None)\n",
    )
    .unwrap();
    let ours = common::engine("gil", 1, "e.py", &dir);
    assert_eq!(ours.stdout, "URLError <urlopen error https: URLs are not available natively (only http://)>\n", "{}", ours.stderr);
    assert_eq!(common::last_line(&ours.stderr), "TypeError: fetch: url must be str, not int");
    assert_eq!(ours.code, 1);
}
