//! The language front end: Ruff's parser -> AST -> our bytecode compiler, and the
//! mapping of parse errors to CPython 3.11's SyntaxError wording.

pub mod code;
pub mod compile;
pub mod names;
pub mod symtable;

use code::Bytecode;
use ruff_python_ast::token::TokenKind;
use ruff_python_parser::ParseErrorType;

/// The three classes a syntax error can have (typed, like the VM's `ExcType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl std::fmt::Display for SyntaxKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SyntaxKind::SyntaxError => "SyntaxError",
            SyntaxKind::IndentationError => "IndentationError",
            SyntaxKind::TabError => "TabError",
        })
    }
}

/// A syntax error, ready to print the way CPython does.
#[derive(Debug, Clone)]
pub struct SyntaxErr {
    /// SyntaxError, IndentationError or TabError.
    pub kind: SyntaxKind,
    pub msg: String,
    pub filename: String,
    pub line: u32,
    /// 1-based column (characters) of the caret start, 0 = no caret.
    pub col: u32,
    pub end_col: u32,
    pub text: String,
}

impl SyntaxErr {
    /// CPython's report (without a "Traceback" header, as for a script's syntax error).
    pub fn render(&self) -> String {
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.line);
        if !self.text.is_empty() {
            let stripped = self.text.trim_start();
            let removed = self.text.chars().count() - stripped.chars().count();
            out.push_str(&format!("    {}\n", stripped.trim_end()));
            if self.col > 0 {
                let start = (self.col as usize).saturating_sub(1).saturating_sub(removed);
                let width = (self.end_col.max(self.col + 1) - self.col) as usize;
                out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width.max(1))));
            }
        }
        out.push_str(&format!("{}: {}\n", self.kind, self.msg));
        out
    }
}

fn line_text(src: &str, line: u32) -> String {
    src.lines().nth(line.saturating_sub(1) as usize).unwrap_or("").to_string()
}

fn col_of(src: &str, off: usize) -> (u32, u32) {
    let off = off.min(src.len());
    let before = &src[..off];
    let line = before.matches('\n').count() as u32 + 1;
    let ls = before.rfind('\n').map(|p| p + 1).unwrap_or(0);
    let col = src[ls..off].chars().count() as u32 + 1;
    (line, col)
}

/// The offset just past the character at `off` (a one-character caret).
fn next_char(src: &str, off: usize) -> usize {
    let off = off.min(src.len());
    off + src[off..].chars().next().map(|c| c.len_utf8()).unwrap_or(0)
}

fn mk(kind: SyntaxKind, msg: impl Into<String>, src: &str, filename: &str, off: usize, end: usize) -> SyntaxErr {
    let (line, col) = col_of(src, off);
    let (eline, ecol) = col_of(src, end.max(off));
    let end_col = if eline == line { ecol } else { col + 1 };
    SyntaxErr { kind, msg: msg.into(), filename: filename.to_string(), line, col, end_col, text: line_text(src, line) }
}

/// Tokenizer-level checks CPython performs before parsing: unclosed brackets,
/// unterminated strings, indentation.
/// Scan up to `stop`: the first tokenizer-level error (with its offset) and the stack of
/// brackets still open at `stop`.
fn prescan(src: &str, filename: &str, stop: usize) -> (Option<(SyntaxErr, usize)>, Vec<(u8, usize)>) {
    let mut stack: Vec<(u8, usize)> = vec![];
    let r = prescan_inner(src, filename, stop, &mut stack);
    (r, stack)
}

fn prescan_inner(src: &str, filename: &str, stop: usize, stack: &mut Vec<(u8, usize)>) -> Option<(SyntaxErr, usize)> {
    let b = &src.as_bytes()[..stop.min(src.len())];
    let full = src.as_bytes();
    let mut i = 0;
    let mut indents: Vec<(usize, String)> = vec![(0, String::new())];
    let mut at_line_start = true;
    let mut cont = false;
    while i < b.len() {
        if at_line_start && stack.is_empty() && !cont {
            // measure indentation
            let ls = i;
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t' || b[i] == b'\x0c') {
                i += 1;
            }
            if i < b.len() && b[i] != b'\n' && b[i] != b'#' && b[i] != b'\r' {
                let ws = &src[ls..i];
                let width = ws.chars().fold(0, |w, c| if c == '\t' { (w / 8 + 1) * 8 } else { w + 1 });
                let top = indents.last().unwrap().clone();
                if width > top.0 {
                    indents.push((width, ws.to_string()));
                } else if width < top.0 {
                    while indents.last().unwrap().0 > width {
                        indents.pop();
                    }
                    if indents.last().unwrap().0 != width {
                        // CPython puts the caret just past the end of the line.
                        let eol = ls + src[ls..].split('\n').next().unwrap_or("").trim_end().len();
                        return Some((mk(SyntaxKind::IndentationError, "unindent does not match any outer indentation level", src, filename, eol, eol + 1), i));
                    }
                }
                // tabs/spaces consistency
                let cur = &indents.last().unwrap().1;
                if (cur.contains('\t') && ws.contains(' ') || cur.contains(' ') && ws.contains('\t')) && ws != cur {
                    let alt_cur = cur.chars().fold(0, |w, c| if c == '\t' { w + 1 } else { w + 1 });
                    let alt_ws = ws.chars().fold(0, |w, c| if c == '\t' { w + 1 } else { w + 1 });
                    if (alt_cur == alt_ws) != (width == indents.last().unwrap().0) {
                        return Some((mk(SyntaxKind::TabError, "inconsistent use of tabs and spaces in indentation", src, filename, i, i + 1), i));
                    }
                }
            }
            at_line_start = false;
            continue;
        }
        let c = b[i];
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\\' => {
                cont = i + 1 < b.len() && (b[i + 1] == b'\n' || b[i + 1] == b'\r');
                i += 1;
                continue;
            }
            b'\n' => {
                at_line_start = true;
                cont = false;
                i += 1;
                continue;
            }
            b'(' | b'[' | b'{' => stack.push((c, i)),
            b')' | b']' | b'}' => {
                let open = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match stack.pop() {
                    Some((o, oi)) if o != open => {
                        let (oline, _) = col_of(src, oi);
                        let (cline, _) = col_of(src, i);
                        let msg = if oline != cline {
                            format!("closing parenthesis '{}' does not match opening parenthesis '{}' on line {}", c as char, o as char, oline)
                        } else {
                            format!("closing parenthesis '{}' does not match opening parenthesis '{}'", c as char, o as char)
                        };
                        return Some((mk(SyntaxKind::SyntaxError, msg, src, filename, i, i + 1), i));
                    }
                    None => return Some((mk(SyntaxKind::SyntaxError, format!("unmatched '{}'", c as char), src, filename, i, i + 1), i)),
                    _ => {}
                }
            }
            b'\'' | b'"' => {
                // string prefix letters were consumed as identifiers; fine.
                let q = c;
                let triple = i + 2 < b.len() && b[i + 1] == q && b[i + 2] == q;
                let start = i;
                // raw string? look back for r/R prefix
                let mut k = start;
                let mut raw = false;
                while k > 0 && (b[k - 1] as char).is_ascii_alphabetic() {
                    k -= 1;
                    if b[k] == b'r' || b[k] == b'R' {
                        raw = true;
                    }
                }
                let _ = raw;
                if triple {
                    i += 3;
                    loop {
                        if i + 2 >= b.len() + 0 && !(i + 2 < b.len()) {
                            let (l, _) = col_of(src, src.len());
                            let l = if src.ends_with('\n') { l - 1 } else { l };
                            return Some((mk(SyntaxKind::SyntaxError, format!("unterminated triple-quoted string literal (detected at line {})", l), src, filename, start, start + 1), start));
                        }
                        if b[i] == b'\\' {
                            i += 2;
                            continue;
                        }
                        if b[i] == q && b[i + 1] == q && b[i + 2] == q {
                            i += 3;
                            break;
                        }
                        i += 1;
                    }
                    continue;
                } else {
                    i += 1;
                    loop {
                        if i >= b.len() || b[i] == b'\n' {
                            let (l, _) = col_of(src, start);
                            return Some((mk(SyntaxKind::SyntaxError, format!("unterminated string literal (detected at line {})", l), src, filename, start, start + 1), start));
                        }
                        if b[i] == b'\\' {
                            i += 2;
                            continue;
                        }
                        if b[i] == q {
                            i += 1;
                            break;
                        }
                        i += 1;
                    }
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let _ = full;
    None
}

fn block_kind_before(src: &str, off: usize) -> Option<(String, u32)> {
    // The compound statement header that expected an indented block.
    let before = &src[..off.min(src.len())];
    for (idx, l) in before.lines().enumerate().collect::<Vec<_>>().into_iter().rev() {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.ends_with(':') {
            let word = t.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("");
            let what = match word {
                "if" => "'if' statement",
                "elif" => "'elif' statement",
                "else" => "'else' statement",
                "for" => "'for' statement",
                "while" => "'while' statement",
                "try" => "'try' statement",
                "except" => "'except' statement",
                "finally" => "'finally' statement",
                "with" => "'with' statement",
                "match" => "'match' statement",
                "case" => "'case' statement",
                "def" => {
                    let name = t[3..].trim().split('(').next().unwrap_or("").trim().to_string();
                    return Some((format!("function definition on line {}", idx + 1).replace("function definition", &format!("function definition")).replacen("function definition", "function definition", 1).to_string() + &format!("\u{0}{}", name), idx as u32 + 1));
                }
                "class" => {
                    let name = t[5..].trim().split(['(', ':']).next().unwrap_or("").trim().to_string();
                    return Some((format!("class definition on line {}\u{0}{}", idx + 1, name), idx as u32 + 1));
                }
                _ => return None,
            };
            return Some((what.to_string(), idx as u32 + 1));
        }
        return None;
    }
    None
}

/// `if x = 1:`: CPython marks the whole `x = 1` after the keyword.
fn assign_in_condition(src: &str, filename: &str, off: usize, word: &str) -> SyntaxErr {
    let ls = src[..off.min(src.len())].rfind('\n').map(|p| p + 1).unwrap_or(0);
    let text = src[ls..].split('\n').next().unwrap_or("");
    let after_kw = text.find(word).map(|i| i + word.len()).unwrap_or(0);
    let rest = &text[after_kw..];
    let start = after_kw + (rest.len() - rest.trim_start().len());
    let body = text[start..].split(':').next().unwrap_or("").trim_end();
    let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
    if body.is_empty() {
        return mk(SyntaxKind::SyntaxError, msg, src, filename, off, next_char(src, off));
    }
    mk(SyntaxKind::SyntaxError, msg, src, filename, ls + start, ls + start + body.len())
}

/// Where the string literal holding byte `at` begins (just after its opening quote, on
/// the same line): the nearest quote before `at` that no backslash escapes.
fn literal_body_start(src: &str, at: usize) -> usize {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let bytes = src.as_bytes();
    let mut i = at;
    while i > line_start {
        i -= 1;
        if (bytes[i] == b'"' || bytes[i] == b'\'') && (i == 0 || bytes[i - 1] != b'\\') {
            return i + 1;
        }
    }
    line_start
}

fn map_parse_error(src: &str, filename: &str, e: &ruff_python_parser::ParseError) -> SyntaxErr {
    let off = e.location.start().to_usize();
    let end = e.location.end().to_usize();
    let (line, _) = col_of(src, off);
    let text = line_text(src, line);
    let trimmed = text.trim_start();
    let s = |m: &str| mk(SyntaxKind::SyntaxError, m, src, filename, off, end);
    match &e.error {
        ParseErrorType::UnexpectedIndentation => {
            // CPython shows no caret for this one.
            let mut e = mk(SyntaxKind::IndentationError, "unexpected indent", src, filename, off, end);
            e.col = 0;
            e
        }
        ParseErrorType::Lexical(ruff_python_parser::LexicalErrorType::IndentationError) => mk(SyntaxKind::IndentationError, "unindent does not match any outer indentation level", src, filename, off, end),
        ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block") => {
            match block_kind_before(src, off) {
                Some((what, l)) => {
                    let msg = if let Some((head, name)) = what.split_once('\u{0}') {
                        if head.starts_with("function") {
                            format!("expected an indented block after function definition on line {}", l)
                        } else {
                            let _ = name;
                            format!("expected an indented block after class definition on line {}", l)
                        }
                    } else {
                        format!("expected an indented block after {} on line {}", what, l)
                    };
                    mk(SyntaxKind::IndentationError, msg, src, filename, off, next_char(src, off))
                }
                None => mk(SyntaxKind::IndentationError, "expected an indented block", src, filename, off, next_char(src, off)),
            }
        }
        ParseErrorType::ExpectedToken { expected: TokenKind::Colon, found } => {
            let word = trimmed.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("");
            if matches!(word, "if" | "elif" | "while") && trimmed.contains('=') && !trimmed.contains("==") && !trimmed.contains(":=") && !trimmed.contains("!=") && !trimmed.contains("<=") && !trimmed.contains(">=") {
                return assign_in_condition(src, filename, off, word);
            }
            // An expression right after the header (no colon between): CPython calls
            // it plain invalid syntax; a keyword or the line's end gets "expected ':'".
            if matches!(found, TokenKind::Name | TokenKind::Int | TokenKind::Float | TokenKind::String | TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace) {
                return s("invalid syntax");
            }
            s("expected ':'")
        }
        ParseErrorType::ExpectedToken { expected: TokenKind::Else, .. } => s("expected 'else' after 'if' expression"),
        ParseErrorType::InvalidDeleteTarget => {
            let tgt = &src[off..end.min(src.len())];
            let what = if tgt.trim_end().ends_with(')') && !tgt.starts_with('(') {
                "function call"
            } else if tgt.starts_with(|c: char| c.is_ascii_digit() || c == '"' || c == '\'') || tgt == "None" || tgt == "True" || tgt == "False" {
                "literal"
            } else {
                "expression"
            };
            s(&format!("cannot delete {}", what))
        }
        ParseErrorType::OtherError(m) if m.contains("`except` or `finally`") => s("expected 'except' or 'finally' block"),
        ParseErrorType::ExpectedToken { expected: TokenKind::Indent, .. } => match block_kind_before(src, off) {
            Some((what, l)) => {
                let msg = if let Some((head, _)) = what.split_once('\u{0}') {
                    if head.starts_with("function") {
                        format!("expected an indented block after function definition on line {}", l)
                    } else {
                        format!("expected an indented block after class definition on line {}", l)
                    }
                } else {
                    format!("expected an indented block after {} on line {}", what, l)
                };
                mk(SyntaxKind::IndentationError, msg, src, filename, off, next_char(src, off))
            }
            None => mk(SyntaxKind::IndentationError, "expected an indented block", src, filename, off, next_char(src, off)),
        },
        ParseErrorType::SimpleStatementsOnSameLine | ParseErrorType::ExpectedToken { .. } | ParseErrorType::UnexpectedExpressionToken => {
            if (trimmed.starts_with("print ") || trimmed.starts_with("print\t")) && !trimmed.starts_with("print (") {
                let st = text.len() - trimmed.len();
                let ls = src[..off.min(src.len())].rfind('\n').map(|p| p + 1).unwrap_or(0);
                return mk(SyntaxKind::SyntaxError, "Missing parentheses in call to 'print'. Did you mean print(...)?", src, filename, ls + st, ls + text.trim_end().len());
            }
            if trimmed.starts_with("exec ") {
                return s("Missing parentheses in call to 'exec'. Did you mean exec(...)?");
            }
            // "if x = 1:" style
            let word = trimmed.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("");
            if matches!(word, "if" | "elif" | "while") && trimmed.contains('=') && !trimmed.contains("==") && !trimmed.contains(":=") && !trimmed.contains("!=") && !trimmed.contains("<=") && !trimmed.contains(">=") {
                return assign_in_condition(src, filename, off, word);
            }
            // Two expressions side by side inside brackets -> forgot a comma.
            if let ParseErrorType::ExpectedToken { expected, found } = &e.error {
                if matches!(expected, TokenKind::Comma | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace)
                    && matches!(found, TokenKind::Name | TokenKind::Int | TokenKind::Float | TokenKind::String | TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace | TokenKind::True | TokenKind::False | TokenKind::None)
                {
                    // CPython marks from the item before the gap to the end of this one.
                    let before = src[..off].trim_end();
                    let prev = before
                        .char_indices()
                        .rev()
                        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '_' | '.' | '"' | '\'' | ')' | ']' | '}'))
                        .last()
                        .map(|(i, _)| i)
                        .unwrap_or(off);
                    let n = src[off..].find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).unwrap_or(src.len() - off);
                    let tok_end = if n == 0 { next_char(src, off) } else { off + n };
                    let (l1, _) = col_of(src, prev);
                    let (start, stop) = if l1 == line { (prev, tok_end) } else { (off, end) };
                    return mk(SyntaxKind::SyntaxError, "invalid syntax. Perhaps you forgot a comma?", src, filename, start, stop);
                }
            }
            s("invalid syntax")
        }
        ParseErrorType::InvalidAssignmentTarget | ParseErrorType::InvalidAugmentedAssignmentTarget | ParseErrorType::InvalidNamedAssignmentTarget => {
            let tgt = &src[off..end.min(src.len())];
            let what = if tgt.trim_end().ends_with(')') && !tgt.starts_with('(') {
                "function call"
            } else if tgt.starts_with(|c: char| c.is_ascii_digit() || c == '"' || c == '\'') || tgt == "None" || tgt == "True" || tgt == "False" {
                if tgt == "None" || tgt == "True" || tgt == "False" {
                    return s(&format!("cannot assign to {}", tgt));
                }
                "literal"
            } else {
                "expression"
            };
            if matches!(e.error, ParseErrorType::InvalidAugmentedAssignmentTarget) {
                return s(&format!("'{}' is an illegal expression for augmented assignment", what));
            }
            s(&format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", what))
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => s("non-default argument follows default argument"),
        ParseErrorType::PositionalAfterKeywordArgument => s("positional argument follows keyword argument"),
        ParseErrorType::PositionalAfterKeywordUnpacking => s("positional argument follows keyword argument unpacking"),
        ParseErrorType::EmptySlice => s("invalid syntax"),
        ParseErrorType::ExpectedRealNumber => s("real number required in complex literal"),
        ParseErrorType::ExpectedImaginaryNumber => s("imaginary number required in complex literal"),
        ParseErrorType::InvalidMatchPatternTarget => s("cannot use '_' as a target"),
        ParseErrorType::OtherError(m) if m == "Positional patterns cannot follow keyword patterns" => s("positional patterns follow keyword patterns"),
        ParseErrorType::Lexical(ruff_python_parser::LexicalErrorType::UnclosedStringError) => s(&format!("unterminated string literal (detected at line {})", line)),
        ParseErrorType::Lexical(ruff_python_parser::LexicalErrorType::Eof) => s("unexpected EOF while parsing"),
        ParseErrorType::Lexical(ruff_python_parser::LexicalErrorType::UnicodeError) if src[..off].ends_with("N{") => {
            // The parser points at the name; CPython counts bytes from the literal's first
            // character to the escape's backslash and its closing brace.
            let escape = off.saturating_sub(3);
            let body = literal_body_start(src, escape);
            let msg = format!(
                "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: unknown Unicode character name",
                escape - body,
                end - body
            );
            // CPython's caret sits just past the literal's closing quote.
            let quote = src.as_bytes()[body.saturating_sub(1)];
            let close = src[end..].bytes().position(|b| b == quote || b == b'\n').map_or(src.len(), |i| end + i);
            let after = (close + 1).min(src.len());
            mk(SyntaxKind::SyntaxError, &msg, src, filename, after, after)
        }
        ParseErrorType::Lexical(ruff_python_parser::LexicalErrorType::UnrecognizedToken { tok }) => {
            if (*tok as u32) > 127 {
                s(&format!("invalid character '{}' (U+{:04X})", tok, *tok as u32))
            } else {
                s("invalid syntax")
            }
        }
        _ => s("invalid syntax"),
    }
}

/// Parse and compile a module.
pub fn compile(src: &str, filename: &str) -> Result<Bytecode, SyntaxErr> {
    let parsed = match ruff_python_parser::parse_module(src) {
        Ok(p) => p,
        Err(e) => {
            let at = e.location.start().to_usize().min(src.len());
            // Tokenizer errors before the parse error win (CPython tokenizes lazily).
            let (tok_err, _) = prescan(src, filename, src.len());
            if let Some((te, toff)) = tok_err {
                let (eline, _) = col_of(src, at);
                let (tline, _) = col_of(src, toff);
                if toff <= at || tline <= eline {
                    return Err(te);
                }
            }
            // An unclosed bracket on an earlier line than the error: "'(' was never closed".
            let (_, stack) = prescan(src, filename, at);
            if let Some((o, oi)) = stack.last() {
                let (bl, _) = col_of(src, *oi);
                let (el, _) = col_of(src, at);
                if el > bl || at >= src.trim_end().len() {
                    return Err(mk(SyntaxKind::SyntaxError, format!("'{}' was never closed", *o as char), src, filename, *oi, *oi + 1));
                }
            }
            return Err(map_parse_error(src, filename, &e));
        }
    };
    let module = parsed.into_syntax();
    compile::compile_module(src, &module.body, filename).map_err(|e| {
        let mut se = mk(SyntaxKind::SyntaxError, e.msg, src, filename, e.offset as usize, e.end as usize);
        if se.end_col <= se.col {
            se.end_col = se.col + 1;
        }
        se
    })
}
