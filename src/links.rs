//! Links into the site, all carried in the URL fragment, which browsers never send to a
//! server (so a learner's code never lands in a server log):
//!
//! - a playground program: `/playground#mode=free&code=<base64url of UTF-8>` (`mode`
//!   optional: `gil`, `free` or `step`);
//! - one example of a lesson: `/lesson/race-conditions#example-2` (blocks are numbered
//!   1, 2, ... in page order, examples and exercises alike);
//! - one interleaving in the step explorer: `/playground#mode=step&code=...&schedule=1:12,2:4`
//!   (turns `THREAD:INSTRUCTIONS`, as `threadlab explore` prints them; empty: the start).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::runtime::options::Mode;

/// The fragment (without `#`) that carries `code`, and the mode to run it in if given.
pub fn fragment_for(code: &str, mode: Option<Mode>) -> String {
    let code = URL_SAFE_NO_PAD.encode(code.as_bytes());
    match mode {
        Some(m) => format!("mode={}&code={code}", m.name()),
        None => format!("code={code}"),
    }
}

/// The fragment that opens `code` in the step explorer at `schedule`.
pub fn step_fragment(code: &str, schedule: &[(u64, u32)]) -> String {
    format!("{}&schedule={}", fragment_for(code, Some(Mode::Step)), crate::runtime::explore::schedule_text(schedule))
}

/// The step explorer's schedule in a fragment: `None` without `schedule=`, `Err` when
/// it is damaged.
pub fn schedule_from_fragment(fragment: &str) -> Option<Result<Vec<(u64, u32)>, String>> {
    let v = value(fragment, "schedule")?;
    let v = v.replace("%2C", ",").replace("%2c", ",").replace("%3A", ":").replace("%3a", ":");
    Some(crate::runtime::explore::parse_schedule(&v).map_err(|e| format!("the link's schedule is damaged ({e})")))
}

fn value<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.split('&').find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

/// The program in a fragment such as `#code=...` (leading `#` optional, other
/// `&`-separated keys ignored). `None` when there is none; `Err` when it is damaged.
pub fn code_from_fragment(fragment: &str) -> Option<Result<String, String>> {
    let value = value(fragment, "code")?;
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

/// The mode a link asks for (`mode=free`), if any and known.
pub fn mode_from_fragment(fragment: &str) -> Option<Mode> {
    Mode::parse(value(fragment, "mode")?)
}

/// The fragment (without `#`) that points at block `n` of a lesson.
pub fn example_fragment(n: usize) -> String {
    format!("example-{n}")
}

/// The block a fragment such as `#example-2` points at.
pub fn example_from_fragment(fragment: &str) -> Option<usize> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.strip_prefix("example-")?.parse().ok().filter(|n| *n >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_unicode_and_newlines() {
        let code = "import threading\nprint('héllo ✓')\n\tx = 1 + 2\n";
        let frag = fragment_for(code, None);
        assert!(!frag[5..].contains(['+', '/', '=']), "{frag}");
        assert_eq!(code_from_fragment(&format!("#{frag}")), Some(Ok(code.to_string())));
        assert_eq!(code_from_fragment(&format!("mode=free&{frag}")), Some(Ok(code.to_string())));
    }

    #[test]
    fn links_carry_the_mode() {
        let frag = fragment_for("print(1)\n", Some(Mode::Free));
        assert!(frag.starts_with("mode=free&code="), "{frag}");
        assert_eq!(mode_from_fragment(&format!("#{frag}")), Some(Mode::Free));
        assert_eq!(code_from_fragment(&frag), Some(Ok("print(1)\n".to_string())));
        assert_eq!(mode_from_fragment("#code=cHJpbnQ"), None);
        assert_eq!(mode_from_fragment("#mode=turbo&code=cHJpbnQ"), None);
        // `xcode=` is not `code=`.
        assert_eq!(code_from_fragment("#xcode=cHJpbnQ"), None);
    }

    #[test]
    fn step_links_carry_the_schedule() {
        let frag = step_fragment("print(1)\n", &[(1, 12), (2, 4)]);
        assert!(frag.starts_with("mode=step&code="), "{frag}");
        assert!(frag.ends_with("&schedule=1:12,2:4"), "{frag}");
        assert_eq!(mode_from_fragment(&frag), Some(Mode::Step));
        assert_eq!(code_from_fragment(&frag), Some(Ok("print(1)\n".to_string())));
        assert_eq!(schedule_from_fragment(&format!("#{frag}")), Some(Ok(vec![(1, 12), (2, 4)])));
        assert_eq!(schedule_from_fragment(&step_fragment("x", &[])), Some(Ok(vec![])));
        // Browsers may escape the separators.
        assert_eq!(schedule_from_fragment("#schedule=1%3A3%2C2%3A1"), Some(Ok(vec![(1, 3), (2, 1)])));
        assert_eq!(schedule_from_fragment("#code=abc"), None);
        assert!(schedule_from_fragment("#schedule=1:x").unwrap().is_err());
    }

    #[test]
    fn example_links() {
        assert_eq!(example_from_fragment(&format!("#{}", example_fragment(2))), Some(2));
        assert_eq!(example_from_fragment("example-12"), Some(12));
        assert_eq!(example_from_fragment("#example-0"), None);
        assert_eq!(example_from_fragment("#example-x"), None);
        assert_eq!(example_from_fragment("#code=abc"), None);
    }

    #[test]
    fn missing_and_damaged_links() {
        assert_eq!(code_from_fragment(""), None);
        assert_eq!(code_from_fragment("#other=1"), None);
        assert!(code_from_fragment("#code=%%%").unwrap().is_err());
        assert!(code_from_fragment(&format!("#code={}", URL_SAFE_NO_PAD.encode([0xff, 0xfe]))).unwrap().is_err());
    }
}
