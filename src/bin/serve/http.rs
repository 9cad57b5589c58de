//! One HTTP/1.1 connection: GET and HEAD of static files, keep-alive.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The policy the site needs and no more: our own scripts and wasm (compiling wasm
/// needs 'wasm-unsafe-eval'), inline styles from the component framework, our own
/// workers (and `blob:` workers: wasm-bindgen-rayon starts the trial pool's workers from
/// a blob of its own same-origin script), no plugins, no framing, no network beyond our
/// origin.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'none'; frame-ancestors 'none'";

/// Which headers go out: everything, or only what a plain static host sends (used to
/// test the service-worker route to isolation: `THREADLAB_PLAIN_HOST=1`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Headers {
    Isolated,
    PlainHost,
}

pub fn handle(stream: TcpStream, root: &Path, headers: Headers) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut out = stream;
    loop {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut keep_alive = true;
        let mut accept = String::new();
        loop {
            let mut header = String::new();
            match reader.read_line(&mut header) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("connection") && value.trim().eq_ignore_ascii_case("close") {
                    keep_alive = false;
                }
                if name.eq_ignore_ascii_case("accept-encoding") {
                    accept = value.to_ascii_lowercase();
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        if let Some(d) = delay(target) {
            std::thread::sleep(d);
        }
        let response = respond(method, target, root, headers, &accept);
        if out.write_all(&response).is_err() || !keep_alive {
            return;
        }
    }
}

/// Builds the whole response for one request. `accept` is the request's
/// Accept-Encoding (lower case): a file with a precompressed sibling (`x.wasm.br`,
/// `x.wasm.gz`, made by build-site.sh) goes out compressed when the browser takes it.
pub fn respond(method: &str, target: &str, root: &Path, headers: Headers, accept: &str) -> Vec<u8> {
    let build = |status, content_type, body: &[u8], head| build(status, content_type, body, head, headers, None);
    if method != "GET" && method != "HEAD" {
        return build(405, "text/plain; charset=utf-8", b"method not allowed\n", method == "HEAD");
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let Some(file) = resolve(root, path) else {
        return build(400, "text/plain; charset=utf-8", b"bad path\n", method == "HEAD");
    };
    let (status, file) = if file.is_file() {
        (200, file)
    } else if Path::new(path).extension().is_some() {
        // A missing asset is a real 404; a path without extension is a client route.
        return build(404, "text/plain; charset=utf-8", b"not found\n", method == "HEAD");
    } else {
        (200, root.join("index.html"))
    };
    for (token, ext) in [("br", "br"), ("gzip", "gz")] {
        if !takes(accept, token) {
            continue;
        }
        let mut packed = file.clone().into_os_string();
        packed.push(".");
        packed.push(ext);
        if let Ok(body) = std::fs::read(&packed) {
            return self::build(status, mime(&file), &body, method == "HEAD", headers, Some(token));
        }
    }
    match std::fs::read(&file) {
        Ok(body) => build(status, mime(&file), &body, method == "HEAD"),
        Err(_) => build(404, "text/plain; charset=utf-8", b"not found\n", method == "HEAD"),
    }
}

/// Longest `?delay=` a request may ask for.
const MAX_DELAY_MS: u64 = 10_000;

/// `?delay=MS` on any URL: the answer waits that long (at most 10 s), so lessons can
/// show threads overlapping their waits on a slow server (`urllib`, `requests`).
pub fn delay(target: &str) -> Option<Duration> {
    let query = target.split('#').next()?.split_once('?')?.1;
    let ms = query.split('&').find_map(|kv| kv.strip_prefix("delay="))?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ms.min(MAX_DELAY_MS)))
}

/// Whether an Accept-Encoding value accepts `token` (listed, and not with q=0).
fn takes(accept: &str, token: &str) -> bool {
    accept.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        parts.next() == Some(token) && !parts.any(|p| p.replace(' ', "") == "q=0" || p.replace(' ', "") == "q=0.0")
    })
}

/// Maps a URL path onto the site's folder, refusing anything that climbs out of it.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "webmanifest" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn build(status: u16, content_type: &str, body: &[u8], head: bool, headers: Headers, encoding: Option<&str>) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let isolation = match headers {
        Headers::Isolated => {
            "Cross-Origin-Opener-Policy: same-origin\r\n\
             Cross-Origin-Embedder-Policy: require-corp\r\n\
             Cross-Origin-Resource-Policy: same-origin\r\n"
        }
        Headers::PlainHost => "",
    };
    // Every answer may differ by Accept-Encoding, so caches must key on it.
    let encoding = match encoding {
        Some(e) => format!("Content-Encoding: {e}\r\nVary: Accept-Encoding\r\n"),
        None => "Vary: Accept-Encoding\r\n".into(),
    };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\n\
         Content-Type: {content_type}\r\n\
         Content-Length: {}\r\n\
         {isolation}\
         {encoding}\
         Content-Security-Policy: {CSP}\r\n\
         X-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\n\
         Cache-Control: no-cache\r\n\
         \r\n",
        body.len()
    )
    .into_bytes();
    if !head {
        out.extend_from_slice(body);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        // One folder per call: tests run in parallel and must not see half-written files.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("threadlab-serve-test-{}-{n}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>").unwrap();
        std::fs::write(dir.join("pkg/app_bg.wasm"), b"\0asm").unwrap();
        dir
    }

    fn head_of(resp: &[u8]) -> String {
        let text = String::from_utf8_lossy(resp);
        text.split("\r\n\r\n").next().unwrap().to_string()
    }

    #[test]
    fn wasm_is_served_as_application_wasm_with_isolation_headers() {
        let r = head_of(&respond("GET", "/pkg/app_bg.wasm", &site(), Headers::Isolated, ""));
        assert!(r.starts_with("HTTP/1.1 200"), "{r}");
        assert!(r.contains("Content-Type: application/wasm"), "{r}");
        assert!(r.contains("Cross-Origin-Opener-Policy: same-origin"), "{r}");
        assert!(r.contains("Cross-Origin-Embedder-Policy: require-corp"), "{r}");
        assert!(r.contains("Content-Security-Policy: default-src 'self'"), "{r}");
    }

    #[test]
    fn client_routes_get_index_html_but_missing_assets_get_404() {
        let root = site();
        let r = respond("GET", "/lesson/race-conditions", &root, Headers::Isolated, "");
        assert!(head_of(&r).starts_with("HTTP/1.1 200"));
        assert!(String::from_utf8_lossy(&r).ends_with("<title>t</title>"));
        assert!(head_of(&respond("GET", "/playground?x=1", &root, Headers::Isolated, "")).contains("text/html"));
        assert!(head_of(&respond("GET", "/missing.js", &root, Headers::Isolated, "")).starts_with("HTTP/1.1 404"));
    }

    #[test]
    fn paths_cannot_climb_out_of_the_site() {
        let root = site();
        assert!(head_of(&respond("GET", "/../etc/passwd", &root, Headers::Isolated, "")).starts_with("HTTP/1.1 400"));
        assert!(head_of(&respond("GET", "/%2e%2e/etc/passwd", &root, Headers::Isolated, "")).starts_with("HTTP/1.1 400"));
        assert!(head_of(&respond("POST", "/", &root, Headers::Isolated, "")).starts_with("HTTP/1.1 405"));
    }

    #[test]
    fn plain_host_mode_drops_only_the_isolation_headers() {
        let r = head_of(&respond("GET", "/", &site(), Headers::PlainHost, ""));
        assert!(r.starts_with("HTTP/1.1 200"), "{r}");
        assert!(!r.contains("Cross-Origin-Opener-Policy"), "{r}");
        assert!(r.contains("Content-Security-Policy"), "{r}");
    }

    #[test]
    fn delay_is_read_from_the_query_and_capped() {
        assert_eq!(delay("/data/a.json?delay=250"), Some(Duration::from_millis(250)));
        assert_eq!(delay("/data/a.json?x=1&delay=5#top"), Some(Duration::from_millis(5)));
        assert_eq!(delay("/data/a.json?delay=99999999"), Some(Duration::from_millis(MAX_DELAY_MS)));
        assert_eq!(delay("/data/a.json"), None);
        assert_eq!(delay("/data/a.json?delay=soon"), None);
    }

    #[test]
    fn head_sends_headers_only() {
        let r = respond("HEAD", "/", &site(), Headers::Isolated, "");
        assert!(String::from_utf8_lossy(&r).ends_with("\r\n\r\n"));
        assert!(head_of(&r).contains("Content-Length: 31"));
    }

    #[test]
    fn precompressed_files_go_out_only_to_browsers_that_take_them() {
        let root = site();
        std::fs::write(root.join("pkg/app_bg.wasm.br"), b"BR").unwrap();
        std::fs::write(root.join("pkg/app_bg.wasm.gz"), b"GZ").unwrap();
        let get = |accept| respond("GET", "/pkg/app_bg.wasm", &root, Headers::Isolated, accept);
        let br = get("gzip, deflate, br");
        assert!(head_of(&br).contains("Content-Encoding: br"), "{}", head_of(&br));
        assert!(head_of(&br).contains("Content-Type: application/wasm"));
        assert!(br.ends_with(b"\r\n\r\nBR"));
        let gz = get("gzip");
        assert!(head_of(&gz).contains("Content-Encoding: gzip") && gz.ends_with(b"GZ"));
        let refused = get("br;q=0, gzip;q=0");
        assert!(!head_of(&refused).contains("Content-Encoding") && refused.ends_with(b"\0asm"));
        let plain = get("");
        assert!(!head_of(&plain).contains("Content-Encoding") && plain.ends_with(b"\0asm"));
        assert!(head_of(&plain).contains("Vary: Accept-Encoding"));
    }
}
