//! Library modules fetched on first import (`stdlib::FETCH`): the page's first download
//! leaves them out, and a program that imports one gets it from the site's `stdlib/`
//! folder with a synchronous request. Python runs only on workers, where synchronous
//! requests are allowed and block only that program's thread; the service worker
//! answers them from its cache when the site is offline.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// Sets the library's fetch hook (once per page; every worker shares it).
pub fn install() {
    let _ = crate::stdlib::FETCH.set(fetch);
}

/// The site's root: workers run scripts from `<root>/snippets/...`, the page from the root.
fn site_root() -> Result<String, String> {
    let location = Reflect::get(&js_sys::global(), &"location".into()).map_err(describe)?;
    let href = Reflect::get(&location, &"href".into()).map_err(describe)?.as_string().ok_or("no location")?;
    if let Some(i) = href.find("/snippets/") {
        return Ok(href[..=i].to_string());
    }
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Ok(Some(base)) = doc.base_uri() {
            return Ok(base);
        }
    }
    Ok(href[..=href.rfind('/').unwrap_or(0)].to_string())
}

fn fetch(path: &str) -> Result<String, String> {
    let url = format!("{}stdlib/{path}", site_root()?);
    let xhr = web_sys::XmlHttpRequest::new().map_err(describe)?;
    xhr.open_with_async("GET", &url, false).map_err(describe)?;
    xhr.send().map_err(describe)?;
    match xhr.status().map_err(describe)? {
        200 => xhr.response_text().map_err(describe)?.ok_or_else(|| "an empty answer".into()),
        0 => Err("the site could not be reached".into()),
        code => Err(format!("HTTP {code} for {url}")),
    }
}

fn describe(e: JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}
