//! The course's lessons: Markdown files in `lessons/` with a front matter block, turned
//! into prose (HTML) and runnable Python blocks the app shows as editors.
//!
//! ```text
//! ---
//! title: Creating threads
//! slug: creating-threads
//! order: 2
//! summary: One line for the lesson list.
//! ---
//! Prose in Markdown, with ```python blocks that become editors.
//! ```
//!
//! Words after `python` on an example's fence line change how the page shows it:
//!
//! - `modes`: a switch between GIL, free-threaded and stepped mode above the editor.
//! - `race`: a racy program; also shows the switch, and a "Run 200 times" button that
//!   runs it under 200 seeded stepped schedules and draws the spread of outcomes (the
//!   last line each run printed). `expected=VALUE` marks the outcome without a race.
//! - `mode=gil|free|step`: the mode the switch starts in (default gil).
//! - `fails`: the example ends with an exception or a deadlock report on purpose.
//!
//! For example ```` ```python race expected=400000 ````. Unknown words are ignored.
//!
//! An exercise is a run of fenced blocks: ```` ```python exercise ```` (the starter
//! code; the task is the prose before it), then any number of ```` ```hint ````, one
//! ```` ```python solution ```` and one ```` ```check ````:
//!
//! ```text
//! runs: 50                  # seeded schedules to try (default 1)
//! modes: gil free step      # which schedulers (default gil)
//! compare: exact            # or sorted-lines, for output whose order varies
//! explore: 2000             # also: every interleaving, searched within 2000 runs
//! stdin: 3\n4\n             # what input() reads (`\n` ends a line), then EOF
//! stdout:
//! every line after `stdout:` is the expected output
//! ```
//!
//! Two more kinds of block belong to an exercise and are never shown on the page:
//!
//! - ```` ```python check ````: a check program. Each checked run executes the learner's
//!   code followed by this program in the same module (see [`Check::source`]), so it
//!   can call the learner's functions, start the learner's classes from many threads
//!   and inspect globals. It `assert`s what must hold (an assertion failing ends the
//!   run with an error, which fails the check) and prints a verdict line; `stdout:`
//!   then holds the learner's expected output followed by the program's lines. A
//!   program that only prints the expected answer fails, because the objects the
//!   check program uses are missing or wrong.
//! - ```` ```python wrong LABEL ````: a wrong answer the check must reject (for
//!   example `wrong printed`, a program that only prints the expected output, and
//!   `wrong racy`, one with a race). `tests/lessons.rs` proves that the check rejects
//!   the starter and every wrong answer in at least one of its runs (or, with
//!   `explore:`, in its search), and `tests/check_lessons.py` that they fail on CPython
//!   too, except a racy answer of a searched check that CPython's 30 runs do not catch
//!   (the reason the check searches; that script says so for each).

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

include!(concat!(env!("OUT_DIR"), "/lesson_files.rs"));

/// A lesson's front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonMeta {
    pub title: String,
    pub slug: String,
    pub order: u32,
    pub summary: String,
}

/// One piece of a lesson page, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// Rendered Markdown (our own text, never the learner's).
    Prose(String),
    /// A runnable Python program.
    Code(Example),
    /// A graded exercise.
    Exercise(Exercise),
}

/// A runnable example and the words on its fence line.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub code: String,
    /// Show the GIL / free-threaded / stepped switch.
    pub modes: bool,
    /// A racy program: outcome histogram over many seeded runs (implies `modes`).
    pub race: bool,
    /// The outcome when no update is lost (`expected=...`), marked on the histogram.
    pub expected: Option<String>,
    /// The mode the switch starts in.
    pub mode: Mode,
    /// Ends with an exception (or a deadlock report) on purpose.
    pub fails: bool,
}

impl Example {
    /// A plain example: no switch, GIL mode.
    pub fn plain(code: &str) -> Example {
        Example { code: code.to_string(), modes: false, race: false, expected: None, mode: Mode::Gil, fails: false }
    }

    /// Reads the words after `python` on the fence line (unknown words are ignored).
    fn with_flags(code: String, words: &[&str]) -> Example {
        let mut e = Example::plain("");
        e.code = code;
        for w in words {
            match *w {
                "modes" => e.modes = true,
                "race" => {
                    e.race = true;
                    e.modes = true;
                }
                "fails" => e.fails = true,
                w => {
                    if let Some(v) = w.strip_prefix("expected=") {
                        e.expected = Some(v.to_string());
                    } else if let Some(m) = w.strip_prefix("mode=").and_then(Mode::parse) {
                        e.mode = m;
                    }
                }
            }
        }
        e
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub starter: String,
    /// Markdown hints, shown one at a time.
    pub hints: Vec<String>,
    pub solution: String,
    pub check: Check,
    /// Wrong answers the check must reject, by label (never shown on the page).
    pub wrong: Vec<(String, String)>,
}

/// How an exercise's output is judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Runs per mode, each under a different seeded schedule; all must pass.
    pub runs: u32,
    pub modes: Vec<Mode>,
    pub compare: Compare,
    pub stdout: String,
    /// A check program run after the learner's code in the same module.
    pub program: Option<String>,
    /// "No interleaving breaks it": after the seeded runs pass, the explorer searches
    /// every interleaving of the checked program (stepped mode) within this many runs;
    /// the search must complete and every outcome must pass. Seeded runs sample
    /// schedules, so a race in a narrow window can pass them; the search cannot miss it.
    pub explore: Option<usize>,
    /// What `input()` reads in every checked run, then end of input (EOFError); without
    /// it `input()` meets EOF at once.
    pub stdin: Option<std::sync::Arc<str>>,
}

/// Why an exhaustive search did not pass a check.
#[derive(Debug, Clone)]
pub enum SearchVerdict {
    /// This interleaving (a witness schedule for the step explorer) gave a wrong outcome.
    Fails(Outcome),
    /// The search could not cover every interleaving within the check's runs.
    Incomplete { runs: usize, note: Option<String> },
}

/// The engine's scheduler modes, named as in checks and fences (`gil`, `free`, `step`).
pub use crate::runtime::options::Mode;
use crate::runtime::explore::{Exploration, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    Exact,
    SortedLines,
}

impl Check {
    /// The program a checked run executes: the learner's code, then the check program
    /// (if any). The learner's line numbers stay as they were.
    pub fn source(&self, code: &str) -> String {
        match &self.program {
            None => code.to_string(),
            Some(p) => {
                let mut s = code.to_string();
                if !s.ends_with('\n') {
                    s.push('\n');
                }
                s.push_str("\n# ---- the exercise's check program ----\n");
                s.push_str(p);
                s
            }
        }
    }

    /// Whether one run's stdout passes.
    pub fn accepts(&self, stdout: &str) -> bool {
        match self.compare {
            Compare::Exact => stdout == self.stdout,
            Compare::SortedLines => {
                let mut a: Vec<_> = stdout.lines().collect();
                let mut b: Vec<_> = self.stdout.lines().collect();
                a.sort_unstable();
                b.sort_unstable();
                a == b
            }
        }
    }

    /// Whether an outcome (one run, or one interleaving's result) passes.
    pub fn passes(&self, exit_code: i32, stdout: &str) -> bool {
        exit_code == 0 && self.accepts(stdout)
    }

    /// Judges an exhaustive search of the checked program: Ok(runs) when it covered
    /// every interleaving and each outcome passes. A failing outcome wins over an
    /// incomplete search (it is a real counterexample either way).
    pub fn judge_search(&self, x: &Exploration) -> Result<usize, SearchVerdict> {
        if let Some(bad) = x.outcomes.iter().find(|o| !self.passes(o.exit_code, &o.stdout)) {
            return Err(SearchVerdict::Fails(bad.clone()));
        }
        if !x.complete {
            return Err(SearchVerdict::Incomplete { runs: x.runs, note: x.note.clone() });
        }
        Ok(x.runs)
    }

    fn parse(text: &str) -> Result<Check, String> {
        let mut check =
            Check { runs: 1, modes: vec![Mode::Gil], compare: Compare::Exact, stdout: String::new(), program: None, explore: None, stdin: None };
        let mut lines = text.split_inclusive('\n');
        let mut saw_stdout = false;
        for line in lines.by_ref() {
            let line_t = line.trim();
            if line_t.is_empty() || line_t.starts_with('#') {
                continue;
            }
            let (key, value) =
                line_t.split_once(':').ok_or_else(|| format!("check: expected `key: value`, got `{line_t}`"))?;
            let value = value.split('#').next().unwrap_or("").trim();
            match key.trim() {
                "runs" => check.runs = value.parse().map_err(|_| format!("check: runs `{value}` is not a number"))?,
                "modes" => {
                    check.modes = value
                        .split_whitespace()
                        .map(|m| Mode::parse(m).ok_or_else(|| format!("check: unknown mode `{m}`")))
                        .collect::<Result<_, _>>()?
                }
                "compare" => {
                    check.compare = match value {
                        "exact" => Compare::Exact,
                        "sorted-lines" => Compare::SortedLines,
                        other => return Err(format!("check: unknown compare `{other}`")),
                    }
                }
                "explore" => {
                    let n: usize = value.parse().map_err(|_| format!("check: explore `{value}` is not a number of runs"))?;
                    if n == 0 {
                        return Err("check: explore needs at least one run".into());
                    }
                    check.explore = Some(n);
                }
                "stdin" => check.stdin = Some(value.replace("\\n", "\n").into()),
                "stdout" => {
                    saw_stdout = true;
                    break;
                }
                other => return Err(format!("check: unknown key `{other}`")),
            }
        }
        if !saw_stdout {
            return Err("check: no `stdout:` line".into());
        }
        check.stdout = lines.collect();
        if check.runs == 0 || check.modes.is_empty() {
            return Err("check: needs at least one run and one mode".into());
        }
        Ok(check)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub meta: LessonMeta,
    pub segments: Vec<Segment>,
}

impl Lesson {
    /// The lesson's runnable programs, in order.
    pub fn programs(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Code(e) => Some(e.code.as_str()),
            _ => None,
        })
    }

    /// The lesson's exercises, in order.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Exercise(e) => Some(e),
            _ => None,
        })
    }
}

/// Every lesson shipped with the site, sorted by `order`.
pub fn all() -> Result<Vec<Lesson>, String> {
    let mut lessons = LESSON_FILES
        .iter()
        .map(|(file, text)| parse(text).map_err(|e| format!("lessons/{file}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    lessons.sort_by_key(|l| l.meta.order);
    Ok(lessons)
}

/// Parses one lesson file.
pub fn parse(text: &str) -> Result<Lesson, String> {
    let text = text.replace("\r\n", "\n");
    let rest = text.strip_prefix("---\n").ok_or("missing front matter (a first line of ---)")?;
    let end = rest.find("\n---\n").ok_or("front matter is not closed by a line of ---")?;
    let (front, body) = (&rest[..end], &rest[end + 5..]);
    let mut title = None;
    let mut slug = None;
    let mut order = None;
    let mut summary = None;
    for (n, line) in front.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("front matter line {}: expected `key: value`", n + 2))?;
        let value = value.trim().to_string();
        match key.trim() {
            "title" => title = Some(value),
            "slug" => slug = Some(value),
            "order" => order = Some(value.parse().map_err(|_| format!("order `{value}` is not a number"))?),
            "summary" => summary = Some(value),
            other => return Err(format!("unknown front matter key `{other}`")),
        }
    }
    let slug: String = slug.ok_or("front matter has no slug")?;
    if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(format!("slug `{slug}` must be lowercase letters, digits and dashes"));
    }
    let title: String = title.ok_or("front matter has no title")?;
    let mut segments = segments(body)?;
    // The page shows the title as its heading: a first `# Title` line repeating it
    // would make a second h1.
    if let Some(Segment::Prose(html)) = segments.first_mut() {
        let escaped = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        if let Some(rest) = html.strip_prefix(&format!("<h1>{escaped}</h1>\n")) {
            *html = rest.to_string();
        }
        if html.trim().is_empty() {
            segments.remove(0);
        }
    }
    Ok(Lesson {
        meta: LessonMeta { title, slug, order: order.ok_or("front matter has no order")?, summary: summary.unwrap_or_default() },
        segments,
    })
}

/// What a fenced block is, by its info string.
#[derive(Clone, PartialEq)]
enum Block {
    Example(Vec<String>),
    Starter,
    Hint,
    Solution,
    Check,
    CheckProgram,
    Wrong(String),
}

/// Splits Markdown into prose HTML, runnable examples and exercises.
fn segments(body: &str) -> Result<Vec<Segment>, String> {
    let mut out = Vec::new();
    let mut prose: Vec<Event> = Vec::new();
    let mut open: Option<(Block, String)> = None;
    let mut exercise: Option<Pending> = None;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(body, options) {
        match (&mut open, event) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))) => {
                let words: Vec<&str> = info.split_whitespace().collect();
                let kind = match words.as_slice() {
                    ["python", "exercise"] => Some(Block::Starter),
                    ["python", "solution"] => Some(Block::Solution),
                    ["python", "check"] => Some(Block::CheckProgram),
                    ["python", "wrong", label] => Some(Block::Wrong(label.to_string())),
                    ["python", flags @ ..] => Some(Block::Example(flags.iter().map(|w| w.to_string()).collect())),
                    ["hint"] => Some(Block::Hint),
                    ["check"] => Some(Block::Check),
                    _ => None,
                };
                match kind {
                    Some(kind) => open = Some((kind, String::new())),
                    None => prose.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))),
                }
            }
            (Some((_, text)), Event::Text(t)) => text.push_str(&t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                let (kind, text) = open.take().expect("a block is open");
                let opens = matches!(kind, Block::Example(_) | Block::Starter);
                if !opens && exercise.is_none() {
                    return Err("a hint, solution, check or wrong block comes before any ```python exercise".into());
                }
                if opens {
                    finish_exercise(&mut exercise, &mut out)?;
                    flush_prose(&mut prose, &mut out);
                }
                match kind {
                    Block::Example(flags) => {
                        let words: Vec<&str> = flags.iter().map(String::as_str).collect();
                        out.push(Segment::Code(Example::with_flags(text, &words)))
                    }
                    Block::Starter => exercise = Some(Pending { starter: text, ..Pending::default() }),
                    Block::Hint => exercise.as_mut().unwrap().hints.push(text),
                    Block::Solution => exercise.as_mut().unwrap().solution = Some(text),
                    Block::Check => exercise.as_mut().unwrap().check = Some(Check::parse(&text)?),
                    Block::CheckProgram => exercise.as_mut().unwrap().program = Some(text),
                    Block::Wrong(label) => exercise.as_mut().unwrap().wrong.push((label, text)),
                }
            }
            (Some(_), _) => {}
            (None, event) => {
                if exercise.is_some() && !is_blank(&event) {
                    finish_exercise(&mut exercise, &mut out)?;
                }
                prose.push(event)
            }
        }
    }
    finish_exercise(&mut exercise, &mut out)?;
    flush_prose(&mut prose, &mut out);
    Ok(out)
}

fn is_blank(event: &Event) -> bool {
    matches!(event, Event::SoftBreak | Event::HardBreak) || matches!(event, Event::Text(t) if t.trim().is_empty())
}

fn flush_prose(prose: &mut Vec<Event>, out: &mut Vec<Segment>) {
    if !prose.is_empty() {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, prose.drain(..));
        out.push(Segment::Prose(html));
    }
}

/// An exercise whose blocks are still being read.
#[derive(Default)]
struct Pending {
    starter: String,
    hints: Vec<String>,
    solution: Option<String>,
    check: Option<Check>,
    program: Option<String>,
    wrong: Vec<(String, String)>,
}

fn finish_exercise(pending: &mut Option<Pending>, out: &mut Vec<Segment>) -> Result<(), String> {
    if let Some(p) = pending.take() {
        let mut check = p.check.ok_or("an exercise has no ```check block")?;
        check.program = p.program;
        out.push(Segment::Exercise(Exercise {
            starter: p.starter,
            hints: p.hints,
            solution: p.solution.ok_or("an exercise has no ```python solution block")?,
            check,
            wrong: p.wrong,
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_prose_and_python_blocks() {
        let l = parse(
            "---\ntitle: T\nslug: t-1\norder: 3\nsummary: S\n---\nHello *world*.\n\n```python\nprint(1)\n```\n\nAfter.\n\n```text\nnot code\n```\n",
        )
        .unwrap();
        assert_eq!(l.meta, LessonMeta { title: "T".into(), slug: "t-1".into(), order: 3, summary: "S".into() });
        assert_eq!(l.segments.len(), 3);
        assert_eq!(l.segments[0], Segment::Prose("<p>Hello <em>world</em>.</p>\n".into()));
        assert_eq!(l.segments[1], Segment::Code(Example::plain("print(1)\n")));
        let Segment::Prose(after) = &l.segments[2] else { panic!("{:?}", l.segments[2]) };
        assert!(after.contains("<p>After.</p>") && after.contains("not code"));
    }

    #[test]
    fn exercises_gather_starter_hints_solution_and_check() {
        let l = parse(concat!(
            "---\ntitle: T\nslug: t\norder: 1\n---\nDo it.\n\n",
            "```python exercise\nx = 0\n```\n\n```hint\nUse a loop.\n```\n\n",
            "```python solution\nprint(1)\nprint(2)\n```\n\n",
            "```check\nruns: 5\nmodes: gil free\ncompare: sorted-lines\nstdout:\n2\n1\n```\n\nAfter.\n",
        ))
        .unwrap();
        assert_eq!(l.segments.len(), 3, "{:?}", l.segments);
        let ex = l.exercises().next().unwrap();
        assert_eq!(ex.starter, "x = 0\n");
        assert_eq!(ex.hints, vec!["Use a loop.\n".to_string()]);
        assert_eq!(ex.solution, "print(1)\nprint(2)\n");
        assert_eq!((ex.check.runs, ex.check.modes.clone()), (5, vec![Mode::Gil, Mode::Free]));
        assert!(ex.check.accepts("1\n2\n"));
        assert!(!ex.check.accepts("1\n3\n"));
        let exact = Check { compare: Compare::Exact, ..ex.check.clone() };
        assert!(exact.accepts("2\n1\n") && !exact.accepts("1\n2\n"));
    }

    #[test]
    fn check_programs_and_wrong_answers_belong_to_the_exercise() {
        let l = parse(concat!(
            "---\ntitle: T\nslug: t\norder: 1\n---\nDo it.\n\n",
            "```python exercise\ndef f(): pass\n```\n\n",
            "```python solution\ndef f(): return 2\n```\n\n",
            "```python check\nassert f() == 2\nprint('ok')\n```\n\n",
            "```python wrong printed\nprint('ok')\n```\n\n",
            "```python wrong racy\ndef f(): return 3\n```\n\n",
            "```check\nstdout:\nok\n```\n",
        ))
        .unwrap();
        assert_eq!(l.segments.len(), 2, "{:?}", l.segments);
        assert_eq!(l.programs().count(), 0, "check programs and wrong answers are not examples");
        let ex = l.exercises().next().unwrap();
        assert_eq!(ex.check.program.as_deref(), Some("assert f() == 2\nprint('ok')\n"));
        let labels: Vec<&str> = ex.wrong.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, vec!["printed", "racy"]);
        let src = ex.check.source("def f(): return 2");
        assert!(src.starts_with("def f(): return 2\n\n# ----") && src.ends_with("print('ok')\n"), "{src}");
        let plain = Check { program: None, ..ex.check.clone() };
        assert_eq!(plain.source("x = 1\n"), "x = 1\n");
    }

    #[test]
    fn a_first_heading_repeating_the_title_is_dropped() {
        let l = parse("---\ntitle: A & B\nslug: t\norder: 1\n---\n# A & B\n\nText.\n\n# Other\n").unwrap();
        assert_eq!(l.segments, vec![Segment::Prose("<p>Text.</p>\n<h1>Other</h1>\n".into())]);
        let only = parse("---\ntitle: T\nslug: t\norder: 1\n---\n# T\n\n```python\nx\n```\n").unwrap();
        assert_eq!(only.segments, vec![Segment::Code(Example::plain("x\n"))]);
    }

    #[test]
    fn fence_words_set_example_flags() {
        let l = parse(concat!(
            "---\ntitle: T\nslug: t\norder: 1\n---\n",
            "```python race expected=400000\nprint(400000)\n```\n\n",
            "```python modes mode=free\nx = 1\n```\n\n",
            "```python fails shiny\nraise ValueError\n```\n\n",
            "```python\nprint(2)\n```\n",
        ))
        .unwrap();
        let ex: Vec<&Example> = l.segments.iter().filter_map(|s| if let Segment::Code(e) = s { Some(e) } else { None }).collect();
        assert_eq!(ex.len(), 4);
        assert!(ex[0].race && ex[0].modes && !ex[0].fails);
        assert_eq!(ex[0].expected.as_deref(), Some("400000"));
        assert_eq!(ex[0].code, "print(400000)\n");
        assert!(ex[1].modes && !ex[1].race && ex[1].mode == Mode::Free && ex[1].expected.is_none());
        assert!(ex[2].fails && !ex[2].modes, "unknown words are ignored");
        assert_eq!(*ex[3], Example::plain("print(2)\n"));
        assert_eq!(l.programs().collect::<Vec<_>>(), vec!["print(400000)\n", "x = 1\n", "raise ValueError\n", "print(2)\n"]);
    }

    #[test]
    fn incomplete_exercises_are_rejected() {
        let head = "---\ntitle: T\nslug: t\norder: 1\n---\n";
        let no_check = format!("{head}```python exercise\nx\n```\n\n```python solution\ny\n```\n");
        assert!(parse(&no_check).unwrap_err().contains("check"));
        let stray = format!("{head}```hint\nh\n```\n");
        assert!(parse(&stray).unwrap_err().contains("before any"));
        let bad = format!("{head}```python exercise\nx\n```\n```python solution\ny\n```\n```check\nruns: 2\n```\n");
        assert!(parse(&bad).unwrap_err().contains("stdout"));
    }

    #[test]
    fn bad_front_matter_is_reported() {
        assert!(parse("no front matter").unwrap_err().contains("front matter"));
        assert!(parse("---\ntitle: T\norder: 1\n---\n").unwrap_err().contains("slug"));
        assert!(parse("---\ntitle: T\nslug: Bad Slug\norder: 1\n---\n").unwrap_err().contains("slug"));
        assert!(parse("---\ntitle: T\nslug: a\norder: x\n---\n").unwrap_err().contains("order"));
    }

    #[test]
    fn shipped_lessons_parse_with_unique_slugs_and_orders() {
        let lessons = all().unwrap();
        assert!(!lessons.is_empty(), "no lessons in lessons/");
        let slugs: std::collections::HashSet<_> = lessons.iter().map(|l| &l.meta.slug).collect();
        assert_eq!(slugs.len(), lessons.len(), "duplicate slug");
        let orders: std::collections::HashSet<_> = lessons.iter().map(|l| l.meta.order).collect();
        assert_eq!(orders.len(), lessons.len(), "duplicate order");
        for l in &lessons {
            assert!(l.programs().count() > 0, "{} has no runnable example", l.meta.slug);
        }
    }
}
