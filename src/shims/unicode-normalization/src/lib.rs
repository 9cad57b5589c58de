//! NFKC for identifiers, as CPython normalises them: each character becomes its own
//! NFKC form (`M` lines of nfkc.txt), then a character followed by a combining mark
//! composes (`C` lines; Hangul by formula). Canonical reordering of several marks is
//! not done: identifiers that need it are very rare, and they then stay as typed.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("nfkc.txt");

struct Tables {
    map: HashMap<u32, Vec<char>>,
    compose: HashMap<(u32, u32), char>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables { map: HashMap::new(), compose: HashMap::new() };
        let hex = |s: &str| u32::from_str_radix(s, 16).unwrap_or(0);
        for line in TABLE.lines() {
            let mut parts = line.split(' ');
            match parts.next() {
                Some("M") => {
                    let from = parts.next().map(hex).unwrap_or(0);
                    t.map.insert(from, parts.filter_map(|p| char::from_u32(hex(p))).collect());
                }
                Some("C") => {
                    let v: Vec<u32> = parts.map(hex).collect();
                    if let (Some(&a), Some(&b), Some(c)) = (v.first(), v.get(1), v.get(2).and_then(|&c| char::from_u32(c))) {
                        t.compose.insert((a, b), c);
                    }
                }
                _ => {}
            }
        }
        t
    })
}

/// Hangul: a leading consonant and a vowel make a syllable; a syllable without a final
/// consonant and a trailing one make another.
fn hangul(a: u32, b: u32) -> Option<char> {
    const S: u32 = 0xAC00;
    if (0x1100..=0x1112).contains(&a) && (0x1161..=0x1175).contains(&b) {
        return char::from_u32(S + ((a - 0x1100) * 21 + (b - 0x1161)) * 28);
    }
    if (S..=0xD7A3).contains(&a) && (a - S) % 28 == 0 && (0x11A8..=0x11C2).contains(&b) {
        return char::from_u32(a + (b - 0x11A7));
    }
    None
}

/// The NFKC form of a string, as an iterator of characters.
pub trait UnicodeNormalization {
    fn nfkc(self) -> std::vec::IntoIter<char>;
}

impl UnicodeNormalization for &str {
    fn nfkc(self) -> std::vec::IntoIter<char> {
        let mut out: Vec<char> = Vec::with_capacity(self.len());
        if self.is_ascii() {
            out.extend(self.chars());
            return out.into_iter();
        }
        let t = tables();
        for c in self.chars() {
            let mapped: &[char] = match t.map.get(&(c as u32)) {
                Some(m) => m,
                None => std::slice::from_ref(&c),
            };
            for &m in mapped {
                if let Some(&last) = out.last() {
                    let (a, b) = (last as u32, m as u32);
                    if let Some(composed) = t.compose.get(&(a, b)).copied().or_else(|| hangul(a, b)) {
                        *out.last_mut().unwrap() = composed;
                        continue;
                    }
                }
                out.push(m);
            }
        }
        out.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::UnicodeNormalization;

    fn n(s: &str) -> String {
        s.nfkc().collect()
    }

    #[test]
    fn identifiers_normalise_as_cpython_does() {
        assert_eq!(n("counter"), "counter");
        assert_eq!(n("ｃｏｕｎｔ"), "count");
        assert_eq!(n("ﬁle"), "file");
        assert_eq!(n("𝐱"), "x");
        assert_eq!(n("cafe\u{301}"), "café");
        assert_eq!(n("café"), "café");
        assert_eq!(n("\u{1100}\u{1161}\u{11A8}"), "각");
        assert_eq!(n("ſ"), "s");
    }
}
