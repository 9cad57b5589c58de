//! The native host's HTTP/1.1 client (std sockets only): one request per connection
//! (`Connection: close`), Content-Length or chunked bodies, redirects followed as
//! urllib follows them. Plain `http://` only; natively there is no TLS.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::vm::host::{HttpRequest, HttpResponse, NetError};

/// How long a request may take when the program gives no timeout.
const DEFAULT_TIMEOUT: f64 = 60.0;
const MAX_REDIRECTS: usize = 10;

struct Url {
    host: String,
    port: u16,
    /// Path and query, at least `/`.
    target: String,
}

fn parse(url: &str) -> Result<Url, NetError> {
    let Some(rest) = url.strip_prefix("http://") else {
        let scheme = url.split_once("://").map_or(url, |(s, _)| s);
        return Err(NetError::Other(format!("{scheme}: URLs are not available natively (only http://)")));
    };
    let (authority, target) = match rest.find(['/', '?']) {
        Some(i) if rest.as_bytes()[i] == b'/' => (&rest[..i], rest[i..].to_string()),
        Some(i) => (&rest[..i], format!("/{}", &rest[i..])),
        None => (rest, "/".to_string()),
    };
    let target = target.split('#').next().unwrap_or("/").to_string();
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() => {
            let port = p.parse().map_err(|_| NetError::Other(format!("nonnumeric port: '{p}'")))?;
            (h.to_string(), port)
        }
        _ => (authority.to_string(), 80),
    };
    if host.is_empty() {
        return Err(NetError::Other("no host given".into()));
    }
    Ok(Url { host, port, target })
}

fn io_error(e: std::io::Error) -> NetError {
    use std::io::ErrorKind::*;
    match e.kind() {
        ConnectionRefused => NetError::Refused,
        TimedOut | WouldBlock => NetError::TimedOut,
        _ => NetError::Other(e.to_string()),
    }
}

/// One exchange, without following redirects.
fn exchange(req: &HttpRequest, url: &Url, deadline: Instant) -> Result<HttpResponse, NetError> {
    let left = || deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()).ok_or(NetError::TimedOut);
    let addrs: Vec<_> = (url.host.as_str(), url.port)
        .to_socket_addrs()
        .map_err(|_| NetError::UnknownHost(url.host.clone()))?
        .collect();
    let mut last = NetError::UnknownHost(url.host.clone());
    let mut stream = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, left()?) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = io_error(e),
        }
    }
    let mut stream = stream.ok_or(last)?;
    let host_header = if url.port == 80 { url.host.clone() } else { format!("{}:{}", url.host, url.port) };
    let mut head = format!("{} {} HTTP/1.1\r\nHost: {host_header}\r\nConnection: close\r\n", req.method, url.target);
    let has = |name: &str| req.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name));
    if !has("user-agent") {
        head.push_str("User-Agent: Threadlab\r\n");
    }
    if !has("accept") {
        head.push_str("Accept: */*\r\n");
    }
    for (k, v) in &req.headers {
        if ["host", "connection", "content-length"].iter().any(|h| k.eq_ignore_ascii_case(h)) {
            continue;
        }
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(body) = &req.body {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.set_write_timeout(Some(left()?)).map_err(io_error)?;
    stream.write_all(head.as_bytes()).map_err(io_error)?;
    if let Some(body) = &req.body {
        stream.write_all(body).map_err(io_error)?;
    }
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        stream.set_read_timeout(Some(left()?)).map_err(io_error)?;
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(e)),
        }
    }
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| NetError::Other("Remote end closed connection without response".into()))?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.splitn(3, ' ');
    let (version, code, reason) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let status: u16 = match (version.starts_with("HTTP/"), code.parse()) {
        (true, Ok(c)) => c,
        _ => return Err(NetError::Other(format!("bad status line: {status_line:?}"))),
    };
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let mut body = raw[end + 4..].to_vec();
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body)?;
    } else if let Some(n) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.truncate(n);
    }
    if req.method.eq_ignore_ascii_case("HEAD") {
        body.clear();
    }
    Ok(HttpResponse { status, reason: reason.to_string(), headers, body, url: String::new() })
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, NetError> {
    let bad = || NetError::Other("bad chunked encoding".into());
    let mut out = Vec::new();
    loop {
        let eol = data.windows(2).position(|w| w == b"\r\n").ok_or_else(bad)?;
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16).map_err(|_| bad())?;
        data = &data[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err(bad());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// Where a redirect's Location points, from the URL it came from.
fn join(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let origin_end = base.find("://").map(|i| i + 3).and_then(|s| base[s..].find('/').map(|j| s + j)).unwrap_or(base.len());
    if location.starts_with('/') {
        return format!("{}{location}", &base[..origin_end]);
    }
    let path = base.split(['?', '#']).next().unwrap_or(base);
    let dir_end = path.rfind('/').filter(|&i| i >= origin_end).map_or(path.len(), |i| i + 1);
    let sep = if dir_end == path.len() && !path.ends_with('/') { "/" } else { "" };
    format!("{}{sep}{location}", &path[..dir_end])
}

/// The request, following up to ten redirects (301/302/303 turn a POST into a GET).
pub fn fetch(req: &HttpRequest) -> Result<HttpResponse, NetError> {
    let deadline = Instant::now() + Duration::from_secs_f64(req.timeout.unwrap_or(DEFAULT_TIMEOUT));
    let mut req = req.clone();
    for _ in 0..=MAX_REDIRECTS {
        let url = parse(&req.url)?;
        let mut r = exchange(&req, &url, deadline)?;
        r.url = req.url.clone();
        let location = r.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("location")).map(|(_, v)| v.clone());
        match (r.status, location) {
            (301..=303 | 307 | 308, Some(to)) => {
                if matches!(r.status, 301..=303) && !req.method.eq_ignore_ascii_case("HEAD") {
                    req.method = "GET".into();
                    req.body = None;
                }
                req.url = join(&req.url, &to);
            }
            _ => return Ok(r),
        }
    }
    Err(NetError::Other("too many redirects".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_host_port_and_target() {
        let u = parse("http://127.0.0.1:8000/data/a.json?x=1#frag").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.target.as_str()), ("127.0.0.1", 8000, "/data/a.json?x=1"));
        let u = parse("http://example.com").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.target.as_str()), ("example.com", 80, "/"));
        assert!(matches!(parse("https://example.com/"), Err(NetError::Other(_))));
    }

    #[test]
    fn redirects_resolve_like_a_browser() {
        assert_eq!(join("http://h:1/a/b?q", "/c"), "http://h:1/c");
        assert_eq!(join("http://h:1/a/b", "c"), "http://h:1/a/c");
        assert_eq!(join("http://h:1", "c"), "http://h:1/c");
        assert_eq!(join("http://h:1/a/", "http://x/y"), "http://x/y");
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(), b"abcde");
        assert!(dechunk(b"5\r\nab").is_err());
    }
}
