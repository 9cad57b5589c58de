//! `threadlab-serve [DIR]`: serves the built site (default `dist/`) on 127.0.0.1:$PORT
//! (default 8000) with the headers the site needs: cross-origin isolation (COOP + COEP,
//! without which there is no SharedArrayBuffer and so no threads), a strict
//! Content-Security-Policy, correct MIME types, and `index.html` for client-side routes.
//! Standard library only: a dev server for one person, not a production web server.

mod http;

use std::net::TcpListener;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "dist".into()));
    if !root.join("index.html").is_file() {
        eprintln!("threadlab-serve: {} has no index.html; build the site first", root.display());
        std::process::exit(2);
    }
    let host = std::env::var("HOST").unwrap_or_else(|_| "127.0.0.1".into());
    let port: u16 = match std::env::var("PORT").ok().map(|p| p.parse()) {
        None => 8000,
        Some(Ok(p)) => p,
        Some(Err(_)) => {
            eprintln!("threadlab-serve: PORT must be a number from 0 to 65535");
            std::process::exit(2);
        }
    };
    let listener = match TcpListener::bind((host.as_str(), port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("threadlab-serve: cannot listen on {host}:{port}: {e}");
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().expect("bound socket has an address");
    println!("Threadlab is being served at http://{addr}/  (Ctrl+C stops it)");
    let headers = if std::env::var_os("THREADLAB_PLAIN_HOST").is_some_and(|v| v == "1") {
        println!("(plain-host mode: no isolation headers; the service worker must add them)");
        http::Headers::PlainHost
    } else {
        http::Headers::Isolated
    };
    let root = std::sync::Arc::new(root);
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || http::handle(stream, &root, headers));
    }
}
