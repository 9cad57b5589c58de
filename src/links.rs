//! Shareable playground links: the program travels in the URL fragment
//! (`/playground#code=<base64url of UTF-8>`), which browsers never send to a server, so
//! a learner's code never lands in a server log.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The fragment (without `#`) that carries `code`.
pub fn fragment_for(code: &str) -> String {
    format!("code={}", URL_SAFE_NO_PAD.encode(code.as_bytes()))
}

/// The program in a fragment such as `#code=...` (leading `#` optional, other
/// `&`-separated keys ignored). `None` when there is none; `Err` when it is damaged.
pub fn code_from_fragment(fragment: &str) -> Option<Result<String, String>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let value = fragment.split('&').find_map(|kv| kv.strip_prefix("code="))?;
    // Accept padded or standard-alphabet input too: people paste links by hand.
    let cleaned: String = value
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    Some(
        URL_SAFE_NO_PAD
            .decode(cleaned.as_bytes())
            .map_err(|e| format!("the link's code is damaged ({e})"))
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "the link's code is not UTF-8 text".into())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_unicode_and_newlines() {
        let code = "import threading\nprint('héllo ✓')\n\tx = 1 + 2\n";
        let frag = fragment_for(code);
        assert!(!frag[5..].contains(['+', '/', '=']), "{frag}");
        assert_eq!(code_from_fragment(&format!("#{frag}")), Some(Ok(code.to_string())));
        assert_eq!(code_from_fragment(&format!("mode=free&{frag}")), Some(Ok(code.to_string())));
    }

    #[test]
    fn missing_and_damaged_links() {
        assert_eq!(code_from_fragment(""), None);
        assert_eq!(code_from_fragment("#other=1"), None);
        assert!(code_from_fragment("#code=%%%").unwrap().is_err());
        assert!(code_from_fragment(&format!("#code={}", URL_SAFE_NO_PAD.encode([0xff, 0xfe]))).unwrap().is_err());
    }
}
