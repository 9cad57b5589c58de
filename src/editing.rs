//! The code editor's keyboard edits, as pure functions of the text and the selection, so
//! they are tested natively. Offsets are UTF-16 code units, as a textarea counts them.
//! Each function returns the [`Edit`] to make (the editor applies it through the
//! browser's own editing command, which keeps Ctrl+Z working), or `None` to let the
//! browser do its default.

/// Spaces per indent level.
pub const INDENT: usize = 4;

/// Replace `from..to` with `text`, then select `sel`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub from: usize,
    pub to: usize,
    pub text: String,
    pub sel: (usize, usize),
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The byte index of UTF-16 offset `u` (clamped to the text).
fn byte_at(text: &str, u: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen >= u {
            return i;
        }
        seen += c.len_utf16();
    }
    text.len()
}

/// Byte range of the lines that `start..end` (bytes) touches: from the start of the first
/// line to the end of the last (before its newline). A selection that ends at the very
/// start of a line does not take that line.
fn line_block(text: &str, start: usize, end: usize) -> (usize, usize) {
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = if end > start && text[..end].ends_with('\n') { end - 1 } else { end };
    let last = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (first, last)
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Enter: keep the line's indentation, one level more after a `:` or an open bracket,
/// one level less after `return`, `pass`, `break`, `continue` or `raise`.
pub fn enter(text: &str, start: usize, end: usize) -> Edit {
    let (s, e) = (byte_at(text, start), byte_at(text, end));
    let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..s];
    let mut indent = leading_spaces(before);
    let code = before.split('#').next().unwrap_or("").trim_end();
    if code.ends_with(':') || code.ends_with(['(', '[', '{']) {
        indent += INDENT;
    } else {
        let word = code.trim_start().split([' ', '(']).next().unwrap_or("");
        if matches!(word, "return" | "pass" | "break" | "continue" | "raise") {
            indent = indent.saturating_sub(INDENT);
        }
    }
    // Spaces right after the cursor would push the new line further in: swallow them.
    let after = &text[e..];
    let e = e + after.len() - after.trim_start_matches(' ').len();
    let insert = format!("\n{}", " ".repeat(indent));
    let at = start + units(&insert);
    // Between a bracket and its closer, the closer goes on a line of its own.
    let opener = code.chars().next_back();
    let next = text[e..].chars().next();
    if opener.is_some_and(|o| matches!(o, '(' | '[' | '{') && closer_of(o) == next) {
        let outer = format!("\n{}", " ".repeat(leading_spaces(before)));
        return Edit { from: start, to: units(&text[..e]), text: format!("{insert}{outer}"), sel: (at, at) };
    }
    Edit { from: start, to: units(&text[..e]), text: insert, sel: (at, at) }
}

/// Tab with a selection over several lines: indent each line by one level.
pub fn indent_lines(text: &str, start: usize, end: usize) -> Option<Edit> {
    let (s, e) = (byte_at(text, start), byte_at(text, end));
    if !text[s..e].contains('\n') {
        return None;
    }
    let (a, b) = line_block(text, s, e);
    let pad = " ".repeat(INDENT);
    let new: Vec<String> = text[a..b].split('\n').map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") }).collect();
    let new = new.join("\n");
    let from = units(&text[..a]);
    Some(Edit { from, to: from + units(&text[a..b]), sel: (from, from + units(&new)), text: new })
}

/// Shift+Tab: remove one level of indentation from each line the selection touches.
pub fn dedent(text: &str, start: usize, end: usize) -> Option<Edit> {
    let (s, e) = (byte_at(text, start), byte_at(text, end));
    let (a, b) = line_block(text, s, e);
    let old = &text[a..b];
    let mut removed_first = 0;
    let new: Vec<&str> = old
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let cut = leading_spaces(l).min(INDENT);
            if i == 0 {
                removed_first = cut;
            }
            &l[cut..]
        })
        .collect();
    let new = new.join("\n");
    if new == old {
        return None;
    }
    let from = units(&text[..a]);
    let sel = if start == end {
        let at = start.saturating_sub(removed_first).max(from);
        (at, at)
    } else {
        (from, from + units(&new))
    };
    Some(Edit { from, to: from + units(old), text: new, sel })
}

/// Backspace with the cursor in a line's leading spaces removes back to the previous
/// indent level; between an empty pair (`(|)`, `"|"`) it removes both.
pub fn backspace(text: &str, start: usize, end: usize) -> Option<Edit> {
    if start != end || start == 0 {
        return None;
    }
    let s = byte_at(text, start);
    let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..s];
    if !before.is_empty() && before.bytes().all(|b| b == b' ') {
        let n = before.len();
        let cut = if n % INDENT == 0 { INDENT } else { n % INDENT };
        return Some(Edit { from: start - cut, to: start, text: String::new(), sel: (start - cut, start - cut) });
    }
    let prev = text[..s].chars().next_back()?;
    let next = text[s..].chars().next();
    if next.is_some_and(|n| closer_of(prev) == Some(n)) {
        let from = start - prev.len_utf16();
        return Some(Edit { from, to: start + 1, text: String::new(), sel: (from, from) });
    }
    None
}

fn closer_of(c: char) -> Option<char> {
    match c {
        '(' => Some(')'),
        '[' => Some(']'),
        '{' => Some('}'),
        '"' => Some('"'),
        '\'' => Some('\''),
        _ => None,
    }
}

/// Typing a bracket or quote: an opener gets its closer (around the selection, if any);
/// typing a closer that is already next to the cursor steps over it.
pub fn typed(text: &str, start: usize, end: usize, c: char) -> Option<Edit> {
    let (s, e) = (byte_at(text, start), byte_at(text, end));
    let next = text[e..].chars().next();
    let prev = text[..s].chars().next_back();
    let quote = c == '"' || c == '\'';
    if start == end && next == Some(c) && (matches!(c, ')' | ']' | '}') || quote) {
        return Some(Edit { from: start, to: start, text: String::new(), sel: (start + 1, start + 1) });
    }
    let close = closer_of(c)?;
    if start != end {
        let inner = &text[s..e];
        let new = format!("{c}{inner}{close}");
        return Some(Edit { from: start, to: end, sel: (start + 1, start + 1 + units(inner)), text: new });
    }
    let free_after = next.is_none_or(|n| n.is_whitespace() || matches!(n, ')' | ']' | '}' | ',' | ':' | ';'));
    if !free_after {
        return None;
    }
    if quote {
        // A third quote opens a triple-quoted string: close it with three.
        if text[..s].ends_with(&format!("{c}{c}")) {
            let new = format!("{c}{c}{c}{c}");
            return Some(Edit { from: start, to: start, text: new, sel: (start + 1, start + 1) });
        }
        // Not after a letter or digit (don't, f"...": the f is a prefix, so allow it).
        if prev.is_some_and(|p| p.is_alphanumeric() || p == '_') {
            let prefix = text[..s].rsplit(|ch: char| !(ch.is_alphanumeric() || ch == '_')).next().unwrap_or("");
            if !matches!(prefix.to_ascii_lowercase().as_str(), "f" | "r" | "b" | "rb" | "br" | "fr" | "rf" | "u") {
                return None;
            }
        }
    }
    Some(Edit { from: start, to: start, text: format!("{c}{close}"), sel: (start + 1, start + 1) })
}

/// Ctrl/Cmd+/: comment out the lines the selection touches with `# ` at their common
/// indentation, or uncomment them when every non-blank one is a comment already.
pub fn toggle_comment(text: &str, start: usize, end: usize) -> Edit {
    let (s, e) = (byte_at(text, start), byte_at(text, end));
    let (a, b) = line_block(text, s, e);
    let old = &text[a..b];
    let lines: Vec<&str> = old.split('\n').collect();
    let blank = |l: &str| l.trim().is_empty();
    let all_commented = lines.iter().filter(|l| !blank(l)).all(|l| l.trim_start().starts_with('#'))
        && lines.iter().any(|l| !blank(l));
    let min_indent = lines.iter().filter(|l| !blank(l)).map(|l| leading_spaces(l)).min().unwrap_or(0);
    let mut first_delta: isize = 0;
    let new: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (out, delta) = if all_commented {
                let ind = leading_spaces(l);
                let rest = &l[ind..];
                match rest.strip_prefix("# ").or_else(|| rest.strip_prefix('#')) {
                    Some(r) => (format!("{}{r}", &l[..ind]), r.len() as isize - rest.len() as isize),
                    None => (l.to_string(), 0),
                }
            } else if blank(l) && lines.len() > 1 {
                (l.to_string(), 0)
            } else {
                let at = min_indent.min(l.len());
                (format!("{}# {}", &l[..at], &l[at..]), 2)
            };
            if i == 0 {
                first_delta = delta;
            }
            out
        })
        .collect();
    let new = new.join("\n");
    let from = units(&text[..a]);
    let sel = if start == end {
        let at = (start as isize + first_delta).max(from as isize) as usize;
        (at, at)
    } else {
        (from, from + units(&new))
    };
    Edit { from, to: from + units(old), text: new, sel }
}

/// The next match of `query` at or after `from` (wrapping around), ignoring ASCII case:
/// its UTF-16 range.
pub fn find(text: &str, query: &str, from: usize, backwards: bool) -> Option<(usize, usize)> {
    let matches = find_all(text, query);
    if matches.is_empty() {
        return None;
    }
    if backwards {
        matches.iter().rev().find(|m| m.0 < from).or(matches.last()).copied()
    } else {
        matches.iter().find(|m| m.0 >= from).or(matches.first()).copied()
    }
}

/// Every (non-overlapping) match of `query`, as UTF-16 ranges.
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    if query.is_empty() {
        return Vec::new();
    }
    let hay = text.to_ascii_lowercase();
    let needle = query.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = hay[at..].find(&needle) {
        let b = at + i;
        let u = units(&text[..b]);
        out.push((u, u + units(&needle)));
        at = b + needle.len();
    }
    out
}

/// Line (from 1) and column (UTF-16 units from 0) of an offset.
pub fn line_col(text: &str, offset: usize) -> (u32, usize) {
    let b = byte_at(text, offset);
    let line_start = text[..b].rfind('\n').map_or(0, |i| i + 1);
    (text[..b].matches('\n').count() as u32 + 1, units(&text[line_start..b]))
}

/// Where a run's error points in the learner's file `file`: for each traceback (or
/// SyntaxError report) in `stderr`, the last `File "<file>", line N` before its
/// exception line, and that line as the message. The last such error wins (the one that
/// ended the program).
pub fn error_location(stderr: &str, file: &str) -> Option<(u32, String)> {
    let head = format!("File \"{file}\", line ");
    let mut pending: Option<u32> = None;
    let mut found = None;
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(&head) {
            pending = rest.split(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse().ok());
            continue;
        }
        if trimmed.starts_with("File \"") {
            // A frame in another file (a library module): the learner's line stays.
            continue;
        }
        if line.starts_with(' ') || line.starts_with("Traceback ") {
            continue;
        }
        if let Some(n) = pending {
            if is_exception_line(line) {
                found = Some((n, line.trim().to_string()));
                pending = None;
            }
        }
    }
    found
}

/// `NameError: name 'x' is not defined`, `KeyboardInterrupt`, `mod.Error: ...`.
fn is_exception_line(line: &str) -> bool {
    let name = line.split(':').next().unwrap_or("");
    !name.is_empty()
        && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        && name.split('.').next_back().is_some_and(|n| n.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies an edit to text with a `|` cursor (or `[...]` selection) marker.
    fn run(src: &str, f: impl Fn(&str, usize, usize) -> Option<Edit>) -> Option<String> {
        let (text, start, end) = parse(src);
        let edit = f(&text, start, end)?;
        let mut t: Vec<u16> = text.encode_utf16().collect();
        let new: Vec<u16> = edit.text.encode_utf16().collect();
        t.splice(edit.from..edit.to, new);
        let (a, b) = edit.sel;
        let mut out: Vec<u16> = Vec::new();
        for (i, u) in t.iter().enumerate() {
            if i == a {
                out.extend(if a == b { "|" } else { "[" }.encode_utf16());
            }
            if i == b && a != b {
                out.extend("]".encode_utf16());
            }
            out.push(*u);
        }
        if a == t.len() {
            out.extend(if a == b { "|" } else { "[" }.encode_utf16());
        }
        if b == t.len() && a != b {
            out.extend("]".encode_utf16());
        }
        Some(String::from_utf16(&out).unwrap())
    }

    fn parse(src: &str) -> (String, usize, usize) {
        if let Some(i) = src.find('|') {
            let text = src.replacen('|', "", 1);
            let u = units(&src[..i]);
            return (text, u, u);
        }
        let a = src.find('[').unwrap();
        let b = src.find(']').unwrap();
        let text = src.replacen('[', "", 1).replacen(']', "", 1);
        (text, units(&src[..a]), units(&src[..b]) - 1)
    }

    #[test]
    fn enter_keeps_and_adds_indentation() {
        let e = |s: &str| run(s, |t, a, b| Some(enter(t, a, b))).unwrap();
        assert_eq!(e("def work():|"), "def work():\n    |");
        assert_eq!(e("    x = 1|"), "    x = 1\n    |");
        assert_eq!(e("    if x:  # why|"), "    if x:  # why\n        |");
        assert_eq!(e("    return x|"), "    return x\n|");
        assert_eq!(e("f(|"), "f(\n    |");
        assert_eq!(e("    f(|)"), "    f(\n        |\n    )");
        assert_eq!(e("ab|cd"), "ab\n|cd");
        assert_eq!(e("    x = 1|    \ny"), "    x = 1\n    |\ny");
        assert_eq!(e("if [x]:"), "if \n|:");
    }

    #[test]
    fn tab_shift_tab_and_backspace() {
        assert_eq!(run("[a\nb]", indent_lines).unwrap(), "[    a\n    b]");
        assert_eq!(run("a|b", indent_lines), None);
        assert_eq!(run("        x|", dedent).unwrap(), "    x|");
        assert_eq!(run("[    a\n      b]\nc", dedent).unwrap(), "[a\n  b]\nc");
        assert_eq!(run("x|", dedent), None);
        assert_eq!(run("        |x", backspace).unwrap(), "    |x");
        assert_eq!(run("      |", backspace).unwrap(), "    |");
        assert_eq!(run("    x |", backspace), None);
        assert_eq!(run("f(|)", backspace).unwrap(), "f|");
        assert_eq!(run("'|'", backspace).unwrap(), "|");
    }

    #[test]
    fn pairs_and_stepping_over() {
        let t = |s: &str, c: char| run(s, |x, a, b| typed(x, a, b, c));
        assert_eq!(t("print|", '(').unwrap(), "print(|)");
        assert_eq!(t("print(|)", ')').unwrap(), "print()|");
        assert_eq!(t("x = |", '"').unwrap(), "x = \"|\"");
        assert_eq!(t("x = \"hi|\"", '"').unwrap(), "x = \"hi\"|");
        assert_eq!(t("don|", '\''), None);
        assert_eq!(t("print(f|)", '"').unwrap(), "print(f\"|\")");
        assert_eq!(t("|abc", '('), None);
        assert_eq!(t("[abc]", '[').unwrap(), "[[abc]]");
        assert_eq!(t("x = \"\"|", '"').unwrap(), "x = \"\"\"|\"\"\"");
        assert_eq!(t("a|", 'b'), None);
    }

    #[test]
    fn comments_toggle() {
        let c = |s: &str| run(s, |t, a, b| Some(toggle_comment(t, a, b))).unwrap();
        assert_eq!(c("x = 1|"), "# x = 1|");
        assert_eq!(c("# x = 1|"), "x = 1|");
        assert_eq!(c("[if a:\n    b\n\n    c]"), "[# if a:\n#     b\n\n#     c]");
        assert_eq!(c("[# if a:\n#     b]"), "[if a:\n    b]");
        assert_eq!(c("    [a\n    b\n]c"), "[    # a\n    # b]\nc");
    }

    #[test]
    fn find_wraps_and_ignores_case() {
        let text = "Lock lock LOCK";
        assert_eq!(find_all(text, "lock"), vec![(0, 4), (5, 9), (10, 14)]);
        assert_eq!(find(text, "lock", 6, false), Some((10, 14)));
        assert_eq!(find(text, "lock", 11, false), Some((0, 4)));
        assert_eq!(find(text, "lock", 5, true), Some((0, 4)));
        assert_eq!(find(text, "lock", 0, true), Some((10, 14)));
        assert_eq!(find(text, "nope", 0, false), None);
        assert_eq!(line_col("ab\ncd", 4), (2, 1));
        assert_eq!(line_col("é😀\nx", 5), (2, 1));
        assert_eq!(line_col("é😀\nx", 3), (1, 3));
    }

    #[test]
    fn error_locations_from_tracebacks() {
        let tb = "Traceback (most recent call last):\n  File \"main.py\", line 7, in <module>\n    work()\n  File \"main.py\", line 3, in work\n    print(x)\n          ^\nNameError: name 'x' is not defined\n";
        assert_eq!(error_location(tb, "main.py"), Some((3, "NameError: name 'x' is not defined".into())));
        let syntax = "  File \"main.py\", line 2\n    def f(:\n          ^\nSyntaxError: invalid syntax\n";
        assert_eq!(error_location(syntax, "main.py"), Some((2, "SyntaxError: invalid syntax".into())));
        let thread = "Exception in thread Thread-1 (work):\nTraceback (most recent call last):\n  File \"threading.py\", line 1016, in _bootstrap_inner\n  File \"main.py\", line 4, in work\n    1 / 0\nZeroDivisionError: division by zero\n";
        assert_eq!(error_location(thread, "main.py"), Some((4, "ZeroDivisionError: division by zero".into())));
        assert_eq!(error_location("Traceback (most recent call last):\n  File \"other.py\", line 4, in f\nValueError: x\n", "main.py"), None);
        assert_eq!(error_location("just some stderr: Text\n", "main.py"), None);
    }
}
