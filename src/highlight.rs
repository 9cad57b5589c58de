//! Syntax colouring for the code editor: splits Python source into classed spans.
//! A forgiving lexer, not the parser: it must never fail on half-typed code, and the
//! spans must concatenate back to exactly the input (the editor overlays them on the
//! textarea, so any drift would misplace the caret).

/// What a span of source is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Keyword,
    Builtin,
    String,
    Number,
    Comment,
    Decorator,
    Definition,
}

impl Kind {
    /// The CSS class the editor gives this span.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Plain => "",
            Kind::Keyword => "tok-kw",
            Kind::Builtin => "tok-builtin",
            Kind::String => "tok-str",
            Kind::Number => "tok-num",
            Kind::Comment => "tok-comment",
            Kind::Decorator => "tok-deco",
            Kind::Definition => "tok-def",
        }
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

const BUILTINS: &[&str] = &[
    "abs", "all", "any", "bool", "bytes", "callable", "dict", "enumerate", "filter", "float",
    "frozenset", "getattr", "hasattr", "hash", "id", "input", "int", "isinstance", "issubclass",
    "iter", "len", "list", "map", "max", "min", "next", "object", "print", "range", "repr",
    "reversed", "round", "set", "setattr", "sorted", "str", "sum", "super", "tuple", "type", "zip",
    "self",
];

/// Splits `src` into `(kind, text)` spans that concatenate to `src`.
pub fn spans(src: &str) -> Vec<(Kind, &str)> {
    let mut out: Vec<(Kind, &str)> = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut after_def = false;
    fn push<'a>(src: &'a str, out: &mut Vec<(Kind, &'a str)>, kind: Kind, text: &'a str) {
        if let Some(last) = out.last_mut() {
            if last.0 == kind && kind == Kind::Plain {
                // Merge neighbouring plain text: fewer DOM nodes.
                let start = last.1.as_ptr() as usize - src.as_ptr() as usize;
                last.1 = &src[start..start + last.1.len() + text.len()];
                return;
            }
        }
        out.push((kind, text));
    }
    while i < bytes.len() {
        let c = src[i..].chars().next().unwrap();
        let start = i;
        if c == '#' {
            i = src[i..].find('\n').map_or(src.len(), |n| i + n);
            push(src, &mut out, Kind::Comment, &src[start..i]);
        } else if let Some(len) = string_len(&src[i..]) {
            i += len;
            push(src, &mut out, Kind::String, &src[start..i]);
        } else if c.is_ascii_digit() || (c == '.' && src[i + 1..].starts_with(|d: char| d.is_ascii_digit())) {
            i += src[i..]
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.'))
                .unwrap_or(src.len() - i);
            push(src, &mut out, Kind::Number, &src[start..i]);
        } else if c == '@' && line_prefix_is_blank(src, i) {
            i += 1 + src[i + 1..]
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '.'))
                .unwrap_or(src.len() - i - 1);
            push(src, &mut out, Kind::Decorator, &src[start..i]);
        } else if c.is_alphabetic() || c == '_' {
            i += src[i..].find(|ch: char| !(ch.is_alphanumeric() || ch == '_')).unwrap_or(src.len() - i);
            let word = &src[start..i];
            let kind = if after_def {
                Kind::Definition
            } else if KEYWORDS.contains(&word) {
                Kind::Keyword
            } else if BUILTINS.contains(&word) && !src[..start].ends_with('.') {
                Kind::Builtin
            } else {
                Kind::Plain
            };
            after_def = word == "def" || word == "class";
            push(src, &mut out, kind, word);
            continue;
        } else {
            i += c.len_utf8();
            push(src, &mut out, Kind::Plain, &src[start..i]);
        }
        if !c.is_whitespace() || c == '\n' {
            after_def = false;
        }
    }
    out
}

/// Length of a string literal (with prefix) starting here, if one does; an unclosed
/// one runs to the end of its line (or of the input, for triple quotes).
fn string_len(s: &str) -> Option<usize> {
    let prefix = s.find(['\'', '"']).filter(|&p| {
        p <= 3 && s[..p].chars().all(|ch| "rRbBfFuU".contains(ch)) && !s[..p].is_empty() || p == 0
    })?;
    let body = &s[prefix..];
    let quote = body.chars().next()?;
    let triple: String = std::iter::repeat_n(quote, 3).collect();
    let raw = s[..prefix].contains(['r', 'R']);
    if body.starts_with(&triple) {
        let mut j = 3;
        while j < body.len() {
            if !raw && body[j..].starts_with('\\') {
                j += 1 + body[j + 1..].chars().next().map_or(0, char::len_utf8);
            } else if body[j..].starts_with(&triple) {
                return Some(prefix + j + 3);
            } else {
                j += body[j..].chars().next().map_or(1, char::len_utf8);
            }
        }
        return Some(s.len());
    }
    let mut j = 1;
    while j < body.len() {
        let ch = body[j..].chars().next()?;
        if ch == '\\' && !raw {
            j += 1 + body[j + 1..].chars().next().map_or(0, char::len_utf8);
        } else if ch == quote {
            return Some(prefix + j + 1);
        } else if ch == '\n' {
            return Some(prefix + j);
        } else {
            j += ch.len_utf8();
        }
    }
    Some(s.len())
}

fn line_prefix_is_blank(src: &str, at: usize) -> bool {
    src[..at].rsplit('\n').next().is_some_and(|line| line.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, String)> {
        spans(src).into_iter().filter(|(k, _)| *k != Kind::Plain).map(|(k, t)| (k, t.to_string())).collect()
    }

    #[test]
    fn classifies_the_usual_suspects() {
        let k = kinds("@decorator\ndef worker(n):  # run\n    print(f\"n={n}\", 0x1F, 2.5e3)\n");
        assert_eq!(
            k,
            vec![
                (Kind::Decorator, "@decorator".into()),
                (Kind::Keyword, "def".into()),
                (Kind::Definition, "worker".into()),
                (Kind::Comment, "# run".into()),
                (Kind::Builtin, "print".into()),
                (Kind::String, "f\"n={n}\"".into()),
                (Kind::Number, "0x1F".into()),
                (Kind::Number, "2.5e3".into()),
            ]
        );
    }

    #[test]
    fn strings_with_escapes_triples_and_prefixes() {
        assert_eq!(kinds(r#"'it\'s' rb"x" '''a'b'''"#).len(), 3);
        assert_eq!(kinds("x = \"\"\"doc\nstring\"\"\" + y")[0].1, "\"\"\"doc\nstring\"\"\"");
        // A method named like a builtin is not the builtin.
        assert!(kinds("q.print()").is_empty());
        // Names that start like prefixes are names.
        assert!(kinds("fr = bar").is_empty());
    }

    #[test]
    fn unfinished_code_never_fails_and_always_round_trips() {
        let samples = [
            "print('unclosed\nnext line",
            "s = \"\"\"never closed",
            "x = 'a\\",
            "@",
            "1.",
            ".5 + é + 日本 # ✓",
            "def",
            "class C(",
            "'\\\n'",
            "",
        ];
        for s in samples {
            let joined: String = spans(s).iter().map(|(_, t)| *t).collect();
            assert_eq!(joined, s);
        }
        assert_eq!(kinds("print('unclosed\nnext")[1], (Kind::String, "'unclosed".into()));
    }

    #[test]
    fn every_prefix_of_a_real_program_round_trips() {
        let program = "import threading\n\n@dec\ndef f(x='a\\'b', *a, **k):\n    \"\"\"Doc.\"\"\"\n    return rb'\\d' + f\"{x!r:>10}\"  # ok\n";
        for end in (0..=program.len()).filter(|&e| program.is_char_boundary(e)) {
            let joined: String = spans(&program[..end]).iter().map(|(_, t)| *t).collect();
            assert_eq!(joined, &program[..end]);
        }
    }
}
