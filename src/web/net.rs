//! The page's network for `_net.fetch` (`urllib.request`, `requests`): a synchronous
//! request from the worker the Python thread runs on. Workers may block (the page's
//! main thread never does), and the GIL is released around the call, so threads that
//! wait on the network overlap as in CPython. The site's Content-Security-Policy allows
//! only its own origin (`connect-src 'self'`); anything else fails as a network error.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::vm::host::{HttpRequest, HttpResponse, NetError};

/// `location.origin` of the worker (the site's: workers are same-origin).
pub fn origin() -> Option<String> {
    let location = Reflect::get(&js_sys::global(), &"location".into()).ok()?;
    Reflect::get(&location, &"origin".into()).ok()?.as_string()
}

fn other(e: JsValue) -> NetError {
    let name = Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    if name == "TimeoutError" {
        return NetError::TimedOut;
    }
    let message = e
        .as_string()
        .or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"));
    NetError::Other(message)
}

pub fn fetch(req: &HttpRequest) -> Result<HttpResponse, NetError> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(other)?;
    xhr.open_with_async(&req.method, &req.url, false).map_err(other)?;
    // Bytes as they came: each byte is one character of this charset.
    xhr.override_mime_type("text/plain; charset=x-user-defined").map_err(other)?;
    if let Some(t) = req.timeout {
        xhr.set_timeout((t * 1000.0).ceil().clamp(1.0, u32::MAX as f64) as u32);
    }
    for (k, v) in &req.headers {
        // The browser refuses a few (Host, Connection, ...): it sets those itself.
        let _ = xhr.set_request_header(k, v);
    }
    let sent = match &req.body {
        // A copy outside the shared memory: send() takes no view of a SharedArrayBuffer.
        Some(body) => {
            let copy = js_sys::Uint8Array::new_with_length(body.len() as u32);
            copy.copy_from(body);
            xhr.send_with_opt_js_u8_array(Some(&copy))
        }
        None => xhr.send(),
    };
    sent.map_err(other)?;
    let status = xhr.status().map_err(other)?;
    if status == 0 {
        return Err(NetError::Other(format!("network error: the browser did not complete the request to {}", req.url)));
    }
    let text = xhr.response_text().map_err(other)?.unwrap_or_default();
    let body = text.chars().map(|c| (c as u32 & 0xff) as u8).collect();
    let headers = xhr
        .get_all_response_headers()
        .map_err(other)?
        .split("\r\n")
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let reason = xhr.status_text().unwrap_or_default();
    let url = xhr.response_url();
    Ok(HttpResponse { status, reason, headers, body, url: if url.is_empty() { req.url.clone() } else { url } })
}
