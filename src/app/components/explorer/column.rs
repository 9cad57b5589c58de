//! One thread's column in the step explorer: its name in its colour, what it is doing
//! (or why it cannot run), its current line, the instruction it runs next, the moves
//! it can make, and its call stack with locals.

use yew::prelude::*;

use crate::runtime::snapshot::{Snapshot, Status, ThreadView};
use crate::runtime::solo::Move;

/// A thread's colour class: MainThread first, as in the timeline.
pub fn colour(no: u64) -> String {
    format!("thread-c{}", (no.saturating_sub(1)) % 8)
}

/// Why a thread can or cannot be picked, in words.
pub fn status_text(t: &ThreadView, snap: &Snapshot) -> String {
    let name_of = |no: u64| snap.thread(no).map(|t| t.name.clone()).unwrap_or_else(|| format!("thread {no}"));
    match &t.status {
        Status::Ready if t.frames.is_empty() => "ready".into(),
        Status::Ready => "ready: pick it to run".into(),
        Status::Sleeping => "sleeping (time is virtual: it may run now)".into(),
        Status::Waiting { wait, enabled: true } => match wait.kind.as_str() {
            "lock" | "rlock" => format!("waiting for lock `{}`, which is free now: running it takes the lock", wait.lock),
            _ => format!("waiting in {}(), which can go on now", wait.api),
        },
        Status::Waiting { wait, enabled: false } => {
            let dead = if snap.deadlock { format!("deadlocked at line {}: ", wait.line) } else { String::new() };
            match (wait.kind.as_str(), wait.holder) {
                ("lock" | "rlock", Some(h)) => format!("{dead}cannot run: waits for lock `{}`, held by {}", wait.lock, name_of(h)),
                ("lock" | "rlock", None) => format!("{dead}cannot run: waits for lock `{}`, which nobody will release", wait.lock),
                ("event", _) if wait.api.ends_with("start") => format!("{dead}cannot run: waits in Thread.start() until the new thread runs"),
                ("join", _) => format!("{dead}cannot run: waits in {}() for a thread to finish", wait.api),
                _ => format!("{dead}cannot run: waits in {}()", wait.api),
            }
        }
        Status::Nested => "cannot run from here: it waits inside a builtin's callback".into(),
        Status::Finished => "finished".into(),
    }
}

#[derive(Properties, PartialEq)]
pub struct ColumnProps {
    pub thread: ThreadView,
    pub snapshot: Snapshot,
    /// The program's lines, to show the current one.
    pub lines: Vec<AttrValue>,
    pub selected: bool,
    /// Moves are off while a replay runs or after the end.
    pub busy: bool,
    pub on_move: Callback<(u64, Move)>,
    pub on_select: Callback<u64>,
}

#[function_component(ThreadColumn)]
pub fn thread_column(props: &ColumnProps) -> Html {
    let t = &props.thread;
    let can = t.can_run() && !props.busy;
    let status = status_text(t, &props.snapshot);
    let source = t.line.and_then(|l| props.lines.get(l.saturating_sub(1) as usize)).map(|s| s.trim().to_string());
    let mv = |m: Move, label: &'static str, key: &'static str, title: &'static str| {
        let on_move = props.on_move.clone();
        let no = t.no;
        html! {
            <button type="button" class={classes!("move", format!("move-{key}"))} disabled={!can} title={format!("{title} (key {key})")}
                    aria-keyshortcuts={key} onclick={Callback::from(move |_: MouseEvent| on_move.emit((no, m)))}>{ label }</button>
        }
    };
    let on_focus = {
        let (on_select, no) = (props.on_select.clone(), t.no);
        Callback::from(move |_: FocusEvent| on_select.emit(no))
    };
    html! {
        <section class={classes!("thread-col", props.selected.then_some("selected"), (!t.can_run()).then_some("cannot-run"))}
                 aria-label={format!("Thread {}", t.name)} data-thread={t.no.to_string()} data-can-run={t.can_run().to_string()}
                 onfocusin={on_focus}>
            <h3><span class={classes!("swatch", colour(t.no))} aria-hidden="true">{ "●" }</span>{ " " }{ &t.name }</h3>
            <p class="thread-status">{ status }</p>
            if let Some(l) = t.line {
                <p class="thread-line"><span class={classes!("line-no", colour(t.no))}>{ format!("line {l}") }</span>
                    { " " }<code>{ source.unwrap_or_default() }</code></p>
            }
            if let Some(n) = &t.next {
                <p class="thread-next">{ "next: " }<code class="instr">{ n.clone() }</code></p>
                if let Some(f) = t.frames.last().filter(|f| f.user && !f.stack.is_empty()) {
                    <p class="thread-stack">{ "values it holds: " }<code>{ f.stack.join(", ") }</code></p>
                }
            } else if !t.frames.is_empty() && t.status != Status::Finished {
                <p class="thread-next muted">{ "in library code (runs as one step)" }</p>
            }
            if t.status != Status::Finished {
                <div class="moves" role="group" aria-label={format!("Run {}", t.name)}>
                    { mv(Move::Instruction, "Instruction", "i", "Run one instruction") }
                    { mv(Move::Line, "Line", "l", "Run to the next line") }
                    { mv(Move::UntilBlocked, "Until blocked", "b", "Run until it blocks or ends") }
                </div>
            }
            if !t.frames.is_empty() {
                <details class="stack" open=true>
                    <summary>{ format!("Call stack ({})", t.frames.len()) }</summary>
                    <ol reversed=true>
                        { for t.frames.iter().rev().map(|f| html! {
                            <li class={classes!((!f.user).then_some("library"))}>
                                <code>{ format!("{} · line {}", f.func, f.line) }</code>
                                if !f.user { <span class="muted">{ " (library)" }</span> }
                                if !f.locals.is_empty() {
                                    <table class="locals"><tbody>
                                        { for f.locals.iter().map(|(k, v)| html! { <tr><th scope="row">{ k }</th><td><code>{ v }</code></td></tr> }) }
                                    </tbody></table>
                                }
                            </li>
                        }) }
                    </ol>
                </details>
            }
        </section>
    }
}
