//! Challenge levels: Markdown files in `levels/`, one level each. In a *break it* level
//! the learner is the scheduler and must steer a program into a failure; in a *fix it*
//! level they must change the program so that no interleaving fails (the explorer,
//! `runtime::explore`, is the judge).
//!
//! ~~~text
//! ---
//! title: Two at the counter
//! slug: lost-update
//! order: 1
//! kind: break                       # or fix
//! goal: stdout-last-line != 2       # what a failing outcome looks like
//! must: stdout-last-line == 2       # fix levels: every outcome of a fix must be this
//! ---
//! The story, in Markdown.
//!
//! ```python program
//! the program (break: as it is; fix: the starter to repair)
//! ```
//!
//! ```hint
//! any number of hints, shown one at a time
//! ```
//!
//! ```python fix
//! fix levels: a reference fix (never shown; tests/levels.rs proves it)
//! ```
//! ~~~
//!
//! A goal is a [`Goal`] over one outcome (stdout, stderr, exit code); see
//! [`Goal::parse`] for the words. `tests/levels.rs` proves every level: a break level's
//! program has a failing interleaving (with a witness schedule that replays to it) and
//! its plain, unpreempted run does not fail; a fix level's starter fails and its
//! reference fix has no failing interleaving in a complete exploration.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

include!(concat!(env!("OUT_DIR"), "/level_files.rs"));

/// Break the program, or fix it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Break,
    Fix,
}

/// A predicate over one run's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// `deadlock`: every thread waited for good (the report on stderr).
    Deadlock,
    /// `stdout-contains TEXT`
    StdoutContains(String),
    /// `stdout-lacks TEXT`
    StdoutLacks(String),
    /// `stdout-last-line == VALUE` (the last non-empty line, trimmed)
    LastLineIs(String),
    /// `stdout-last-line != VALUE` (also true when nothing was printed)
    LastLineIsNot(String),
    /// `exception NAME`: an uncaught `NAME` in any thread (a traceback line `NAME: ...`).
    Exception(String),
    /// `exit-code == N`
    ExitIs(i32),
    /// `exit-code != N`
    ExitIsNot(i32),
    /// `A || B`: either holds.
    Any(Vec<Goal>),
    /// `A && B`: both hold.
    All(Vec<Goal>),
}

impl Goal {
    /// Parses a goal: `deadlock`, `stdout-contains TEXT`, `stdout-lacks TEXT`,
    /// `stdout-last-line == V`, `stdout-last-line != V`, `exception NAME`,
    /// `exit-code == N`, `exit-code != N`; joined by ` || ` or ` && ` (not both).
    pub fn parse(s: &str) -> Result<Goal, String> {
        let s = s.trim();
        if s.contains(" || ") && s.contains(" && ") {
            return Err(format!("goal `{s}` mixes || and &&"));
        }
        if s.contains(" || ") {
            return s.split(" || ").map(Goal::parse).collect::<Result<_, _>>().map(Goal::Any);
        }
        if s.contains(" && ") {
            return s.split(" && ").map(Goal::parse).collect::<Result<_, _>>().map(Goal::All);
        }
        let (word, rest) = s.split_once(' ').map(|(w, r)| (w, r.trim())).unwrap_or((s, ""));
        let value = |op: &str| -> Result<String, String> {
            rest.strip_prefix(op).map(|v| v.trim().to_string()).ok_or_else(|| format!("goal `{s}`: expected `{word} {op} VALUE`"))
        };
        let number = |v: String| v.parse::<i32>().map_err(|_| format!("goal `{s}`: `{v}` is not a number"));
        let needs_text = |g: Goal| if rest.is_empty() { Err(format!("goal `{s}` needs a text")) } else { Ok(g) };
        match word {
            "deadlock" if rest.is_empty() => Ok(Goal::Deadlock),
            "stdout-contains" => needs_text(Goal::StdoutContains(rest.to_string())),
            "stdout-lacks" => needs_text(Goal::StdoutLacks(rest.to_string())),
            "exception" => needs_text(Goal::Exception(rest.to_string())),
            "stdout-last-line" if rest.starts_with("==") => Ok(Goal::LastLineIs(value("==")?)),
            "stdout-last-line" => Ok(Goal::LastLineIsNot(value("!=")?)),
            "exit-code" if rest.starts_with("==") => Ok(Goal::ExitIs(number(value("==")?)?)),
            "exit-code" => Ok(Goal::ExitIsNot(number(value("!=")?)?)),
            _ => Err(format!("unknown goal `{s}`")),
        }
    }

    /// Does the outcome `(stdout, stderr, exit_code)` satisfy the goal?
    pub fn holds(&self, stdout: &str, stderr: &str, exit_code: i32) -> bool {
        let last = stdout.lines().rev().find(|l| !l.trim().is_empty()).map(str::trim);
        match self {
            Goal::Deadlock => stderr.contains("RuntimeError: deadlock:"),
            Goal::StdoutContains(t) => stdout.contains(t.as_str()),
            Goal::StdoutLacks(t) => !stdout.contains(t.as_str()),
            Goal::LastLineIs(v) => last == Some(v.as_str()),
            Goal::LastLineIsNot(v) => last != Some(v.as_str()),
            Goal::Exception(name) => stderr.lines().any(|l| l == name || l.starts_with(&format!("{name}:"))),
            Goal::ExitIs(n) => exit_code == *n,
            Goal::ExitIsNot(n) => exit_code != *n,
            Goal::Any(gs) => gs.iter().any(|g| g.holds(stdout, stderr, exit_code)),
            Goal::All(gs) => gs.iter().all(|g| g.holds(stdout, stderr, exit_code)),
        }
    }
}

/// One level.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub title: String,
    pub slug: String,
    pub order: u32,
    pub kind: Kind,
    /// The goal as written (shown to the learner) and parsed.
    pub goal_text: String,
    pub goal: Goal,
    /// Fix levels: what every outcome of a correct fix shows.
    pub must: Option<Goal>,
    /// The story, rendered Markdown (our own text).
    pub story_html: String,
    pub program: String,
    pub hints: Vec<String>,
    /// Fix levels: the reference fix.
    pub fix: Option<String>,
}

/// Every level shipped with the site, sorted by `order`.
pub fn all() -> Result<Vec<Level>, String> {
    let mut levels = LEVEL_FILES
        .iter()
        .map(|(file, text)| parse(text).map_err(|e| format!("levels/{file}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    levels.sort_by_key(|l| l.order);
    Ok(levels)
}

/// Parses one level file.
pub fn parse(text: &str) -> Result<Level, String> {
    let text = text.replace("\r\n", "\n");
    let rest = text.strip_prefix("---\n").ok_or("missing front matter (a first line of ---)")?;
    let end = rest.find("\n---\n").ok_or("front matter is not closed by a line of ---")?;
    let (front, body) = (&rest[..end], &rest[end + 5..]);
    let (mut title, mut slug, mut order, mut kind, mut goal, mut must) = (None, None, None, None, None, None);
    for (n, line) in front.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':').ok_or_else(|| format!("front matter line {}: expected `key: value`", n + 2))?;
        let value = value.trim().to_string();
        match key.trim() {
            "title" => title = Some(value),
            "slug" => slug = Some(value),
            "order" => order = Some(value.parse::<u32>().map_err(|_| format!("order `{value}` is not a number"))?),
            "kind" => {
                kind = Some(match value.as_str() {
                    "break" => Kind::Break,
                    "fix" => Kind::Fix,
                    _ => return Err(format!("kind `{value}` must be break or fix")),
                })
            }
            "goal" => goal = Some((Goal::parse(&value)?, value)),
            "must" => must = Some(Goal::parse(&value)?),
            other => return Err(format!("unknown front matter key `{other}`")),
        }
    }
    let slug: String = slug.ok_or("front matter has no slug")?;
    if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(format!("slug `{slug}` must be lowercase letters, digits and dashes"));
    }
    let kind = kind.ok_or("front matter has no kind (break or fix)")?;
    let (goal, goal_text) = goal.ok_or("front matter has no goal")?;
    let (story_html, program, hints, fix) = body_parts(body)?;
    let program = program.ok_or("no ```python program block")?;
    match (kind, &fix) {
        (Kind::Fix, None) => return Err("a fix level needs a ```python fix block (the reference fix)".into()),
        (Kind::Break, Some(_)) => return Err("a break level has no ```python fix block".into()),
        _ => {}
    }
    if kind == Kind::Break && must.is_some() {
        return Err("`must` belongs to fix levels".into());
    }
    Ok(Level {
        title: title.ok_or("front matter has no title")?,
        slug,
        order: order.ok_or("front matter has no order")?,
        kind,
        goal_text,
        goal,
        must,
        story_html,
        program,
        hints,
        fix,
    })
}

/// The story (HTML), the program, the hints and the fix.
fn body_parts(body: &str) -> Result<(String, Option<String>, Vec<String>, Option<String>), String> {
    let (mut story, mut program, mut hints, mut fix) = (Vec::new(), None, Vec::new(), None);
    // The block being read: which one, and its text so far.
    let mut block: Option<(&'static str, String)> = None;
    for event in Parser::new(body) {
        match (&mut block, event) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))) => {
                let words: Vec<&str> = info.split_whitespace().collect();
                let which = match words.as_slice() {
                    ["python", "program"] => "program",
                    ["python", "fix"] => "fix",
                    ["hint"] => "hint",
                    _ => "",
                };
                if which.is_empty() {
                    story.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))));
                } else {
                    block = Some((which, String::new()));
                }
            }
            (Some((_, text)), Event::Text(t)) => text.push_str(&t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                let (which, text) = block.take().expect("in a block");
                let slot = match which {
                    "program" => &mut program,
                    "fix" => &mut fix,
                    _ => {
                        hints.push(text);
                        continue;
                    }
                };
                if slot.replace(text).is_some() {
                    return Err(format!("more than one ```python {which} block"));
                }
            }
            (Some(_), _) => {}
            (None, e) => story.push(e),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, story.into_iter());
    Ok((html, program, hints, fix))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "---\ntitle: T\nslug: t\norder: 1\nkind: break\ngoal: deadlock\n---\n";

    #[test]
    fn a_level_has_story_program_and_hints() {
        let l = parse(&format!("{HEAD}Two *threads*.\n\n```python program\nx = 1\n```\n\n```hint\nFirst.\n```\n\n```hint\nSecond.\n```\n\n```python\nshown()\n```\n")).unwrap();
        assert_eq!((l.kind, l.goal.clone(), l.goal_text.as_str()), (Kind::Break, Goal::Deadlock, "deadlock"));
        assert_eq!(l.program, "x = 1\n");
        assert_eq!(l.hints, vec!["First.\n".to_string(), "Second.\n".to_string()]);
        assert!(l.story_html.contains("<em>threads</em>") && l.story_html.contains("shown()"), "{}", l.story_html);
        assert!(!l.story_html.contains("x = 1") && !l.story_html.contains("First."));
    }

    #[test]
    fn goals_parse_and_judge_outcomes() {
        let g = |s: &str| Goal::parse(s).unwrap();
        assert!(g("stdout-last-line != 2").holds("1\n", "", 0));
        assert!(!g("stdout-last-line != 2").holds("x\n2\n\n", "", 0));
        assert!(g("stdout-last-line != 2").holds("", "", 0), "no output is not 2");
        assert!(g("stdout-last-line == 2").holds("1\n 2 \n", "", 0));
        assert!(g("stdout-contains BOTH IN").holds("a BOTH IN b\n", "", 0));
        assert!(!g("stdout-lacks BOTH").holds("BOTH\n", "", 0));
        assert!(g("deadlock").holds("", "Deadlock: ...\nRuntimeError: deadlock: all 2 threads are blocked forever\n", 1));
        assert!(!g("deadlock").holds("deadlock\n", "", 0));
        let tb = "Exception in thread Thread-1 (f):\nTraceback (most recent call last):\nIndexError: pop from empty list\n";
        assert!(g("exception IndexError").holds("", tb, 0));
        assert!(!g("exception Index").holds("", tb, 0), "a name, not a prefix");
        assert!(g("exit-code != 0").holds("", "", 1) && !g("exit-code == 0").holds("", "", 1));
        assert!(g("deadlock || stdout-contains X").holds("X", "", 0));
        assert!(!g("stdout-contains X && exit-code == 0").holds("X", "", 1));
        for bad in ["", "dead", "stdout-last-line 2", "exit-code == x", "stdout-contains", "deadlock now", "a || b && c"] {
            assert!(Goal::parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn bad_levels_are_reported() {
        let no_program = parse(HEAD).unwrap_err();
        assert!(no_program.contains("program"), "{no_program}");
        let fix_without_fix = HEAD.replace("kind: break", "kind: fix") + "```python program\nx\n```\n";
        assert!(parse(&fix_without_fix).unwrap_err().contains("fix"));
        let two = format!("{HEAD}```python program\nx\n```\n```python program\ny\n```\n");
        assert!(parse(&two).unwrap_err().contains("more than one"));
        assert!(parse(&HEAD.replace("kind: break", "kind: melt")).unwrap_err().contains("kind"));
        assert!(parse(&HEAD.replace("goal: deadlock", "goal: win")).unwrap_err().contains("goal"));
        assert!(parse(&HEAD.replace("slug: t", "slug: T T")).unwrap_err().contains("slug"));
    }

    #[test]
    fn shipped_levels_parse_with_unique_slugs_and_orders() {
        let levels = all().unwrap();
        let breaks = levels.iter().filter(|l| l.kind == Kind::Break).count();
        let fixes = levels.iter().filter(|l| l.kind == Kind::Fix).count();
        assert!(breaks >= 20 && fixes >= 3, "{breaks} break levels, {fixes} fix levels");
        let slugs: std::collections::HashSet<_> = levels.iter().map(|l| &l.slug).collect();
        assert_eq!(slugs.len(), levels.len(), "duplicate slug");
        let orders: std::collections::HashSet<_> = levels.iter().map(|l| l.order).collect();
        assert_eq!(orders.len(), levels.len(), "duplicate order");
        for l in &levels {
            assert!(!l.hints.is_empty(), "{} has no hint", l.slug);
            assert!(!l.story_html.trim().is_empty(), "{} has no story", l.slug);
        }
    }
}
