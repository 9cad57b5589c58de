//! `character(name)`: the character a Unicode name (or formal alias) stands for, as
//! CPython's "\N{...}" looks it up (letter case does not matter), over the subset of
//! names in `names.txt`; see Cargo.toml for why a subset.

const NAMES: &str = include_str!("names.txt");

/// Ranges of CJK unified ideographs (Unicode 14), named "CJK UNIFIED IDEOGRAPH-XXXX".
const CJK: [(u32, u32); 8] = [
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF), (0x2A700, 0x2B738),
    (0x2B740, 0x2B81D), (0x2B820, 0x2CEA1), (0x2CEB0, 0x2EBE0), (0x30000, 0x3134A),
];

/// The character named `name`, or None when the name is unknown here.
pub fn character(name: &str) -> Option<char> {
    let upper = name.trim().to_ascii_uppercase();
    if let Some(hex) = upper.strip_prefix("CJK UNIFIED IDEOGRAPH-") {
        let cp = u32::from_str_radix(hex, 16).ok().filter(|_| (4..=5).contains(&hex.len()))?;
        return CJK.iter().any(|&(a, b)| (a..=b).contains(&cp)).then(|| char::from_u32(cp)).flatten();
    }
    NAMES.lines().find_map(|line| {
        let (hex, n) = line.split_once(' ')?;
        (n == upper).then(|| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::character;

    #[test]
    fn names_aliases_case_and_ideographs() {
        assert_eq!(character("BULLET"), Some('\u{2022}'));
        assert_eq!(character("bullet"), Some('\u{2022}'));
        assert_eq!(character("LATIN SMALL LETTER E WITH ACUTE"), Some('é'));
        assert_eq!(character("GREEK SMALL LETTER LAMDA"), Some('λ'));
        assert_eq!(character("SNAKE"), Some('\u{1F40D}'));
        assert_eq!(character("LINE FEED"), Some('\n'));
        assert_eq!(character("NBSP"), Some('\u{a0}'));
        assert_eq!(character("CJK UNIFIED IDEOGRAPH-4E2D"), Some('中'));
        assert_eq!(character("CJK UNIFIED IDEOGRAPH-0041"), None);
        assert_eq!(character("NO SUCH CHARACTER"), None);
        assert_eq!(character(""), None);
    }
}
