//! The step explorer: the learner takes the scheduler's seat. The program pauses before
//! its first instruction; the learner picks a ready thread and how far it runs (one
//! instruction, one line, until it blocks); each thread's column shows its line, next
//! instruction and call stack, beside the shared variables.
//!
//! Every state is a schedule of turns `(thread, instructions)`, replayed from the start
//! on a worker (`web::explore::pause_on_worker`, bounded by an instruction budget; Stop
//! ends it). Undo and redo move through the list of schedules reached so far and replay
//! that one; the current schedule goes to the page (`on_schedule`) for the address, so
//! a reload or a shared link comes back to the same interleaving. A schedule that no
//! longer fits (the code was edited) is replayed as far as it fits, and says where.
//!
//! Keys (when focus is in the explorer, not in a text field): 1–9 or ←/→ pick a
//! thread; i, l, b run it one instruction, one line, until blocked; u / Ctrl+Z undo;
//! r / Ctrl+Y redo; Home back to the start.

pub mod column;
pub mod graph;
pub mod outcomes;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::runtime::explore::{schedule_text, Paused, Schedule};
use crate::runtime::snapshot::{Snapshot, Status};
use crate::runtime::solo::Move;
use crate::web::explore::{pause_on_worker, Job};
use column::{colour, ThreadColumn};
use graph::{WaitEdge, WaitGraph};

#[derive(Properties, PartialEq)]
pub struct StepExplorerProps {
    pub code: AttrValue,
    /// The schedule to open at (from the address, or an outcome's witness).
    #[prop_or_default]
    pub schedule: Schedule,
    /// Told the current schedule after every move, undo and redo.
    #[prop_or_default]
    pub on_schedule: Callback<Schedule>,
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

#[derive(Default)]
struct Model {
    /// Schedules of the states reached, from the start (`[]`); `pos` is the shown one.
    history: Vec<Schedule>,
    pos: usize,
    shown: Option<Rc<Paused>>,
    job: Option<Job<Paused>>,
    /// Requests so far: a result of an older one is dropped.
    req: u32,
    error: Option<String>,
    /// Why the last replay did not go where asked (divergence, a budget).
    note: Option<String>,
    selected: u64,
}

#[derive(Clone, Copy)]
enum Then {
    /// Opened at a schedule: every turn boundary of it becomes a state to undo to.
    Load,
    Move,
    Goto,
}

type Shared = Rc<RefCell<Model>>;

/// Replays `sched` (and the move `then`) on a worker; the result lands in the model.
fn request(model: &Shared, redraw: &Callback<()>, on_schedule: &Callback<Schedule>, code: &str, sched: Schedule, then: Option<(u64, Move)>, kind: Then) {
    let job = match pause_on_worker(code, sched, then) {
        Ok(j) => j,
        Err(e) => {
            model.borrow_mut().error = Some(e);
            redraw.emit(());
            return;
        }
    };
    let id = {
        let mut m = model.borrow_mut();
        if let Some(old) = m.job.take() {
            old.stop();
        }
        m.req += 1;
        m.job = Some(job.clone());
        m.error = None;
        m.req
    };
    redraw.emit(());
    let (model, redraw, on_schedule) = (model.clone(), redraw.clone(), on_schedule.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let Some(p) = job.wait().await else {
            let mut m = model.borrow_mut();
            if m.req == id {
                m.job = None;
                m.error = Some("The replay's worker failed (its error is shown above); Undo or Restart to go on.".into());
            }
            drop(m);
            redraw.emit(());
            return;
        };
        let stopped = job.stopped();
        let sched = {
            let mut m = model.borrow_mut();
            if m.req != id {
                return;
            }
            m.job = None;
            m.note = match (&p.diverged, &p.cut) {
                (Some(d), _) => Some(format!("The schedule no longer fits this code: {}. Replayed as far as it fits.", d.reason)),
                (None, Some(c)) if stopped || c == "stopped" => Some("Stopped: this is where the replay got to.".into()),
                (None, Some(c)) => Some(format!("Stopped early: {c}.")),
                _ => None,
            };
            match kind {
                Then::Load => {
                    m.history = (0..=p.schedule.len()).map(|i| p.schedule[..i].to_vec()).collect();
                    m.pos = m.history.len() - 1;
                }
                Then::Move => {
                    if m.history.get(m.pos) != Some(&p.schedule) {
                        let pos = m.pos;
                        m.history.truncate(pos + 1);
                        m.history.push(p.schedule.clone());
                        m.pos += 1;
                    } else if m.note.is_none() {
                        m.note = Some("That move ran nothing.".into());
                    }
                }
                Then::Goto => {}
            }
            // Keep a thread that can run selected.
            let snap = &p.snapshot;
            if !snap.thread(m.selected).is_some_and(|t| t.can_run()) {
                if let Some(t) = snap.threads.iter().find(|t| t.can_run()).or(snap.threads.first()) {
                    m.selected = t.no;
                }
            }
            m.shown = Some(Rc::new(p));
            m.history.get(m.pos).cloned().unwrap_or_default()
        };
        on_schedule.emit(sched);
        redraw.emit(());
    });
}

/// The wait-for edges of a snapshot (threads waiting for locks).
fn edges(snap: &Snapshot) -> Vec<WaitEdge> {
    let name = |no: u64| snap.thread(no).map(|t| t.name.clone()).unwrap_or_else(|| format!("thread {no}"));
    snap.threads
        .iter()
        .filter_map(|t| match &t.status {
            Status::Waiting { wait, enabled: false } => Some(WaitEdge {
                thread: t.name.clone(),
                lock: if matches!(wait.kind.as_str(), "lock" | "rlock") { wait.lock.clone() } else { format!("{}()", wait.api) },
                holder: wait.holder.map(name),
            }),
            _ => None,
        })
        .collect()
}

fn typing(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
}

#[function_component(StepExplorer)]
pub fn step_explorer(props: &StepExplorerProps) -> Html {
    let model: Shared = use_mut_ref(Model::default);
    let update = use_force_update();
    let redraw = use_memo((), move |_| Callback::from(move |_: ()| update.force_update()));
    let redraw: Callback<()> = (*redraw).clone();
    // Open at the given schedule; when only the code changes (an edit), replay the
    // current schedule on the new code, as far as it fits.
    let last_start = use_mut_ref(|| None::<Schedule>);
    {
        let (model, redraw, on_schedule) = (model.clone(), redraw.clone(), props.on_schedule.clone());
        use_effect_with((props.code.clone(), props.schedule.clone()), move |(code, sched)| {
            let fresh = last_start.borrow().as_ref() != Some(sched);
            *last_start.borrow_mut() = Some(sched.clone());
            let start = {
                let mut m = model.borrow_mut();
                let start = if fresh { sched.clone() } else { m.history.get(m.pos).cloned().unwrap_or_default() };
                m.history = vec![vec![]];
                m.pos = 0;
                m.note = None;
                start
            };
            request(&model, &redraw, &on_schedule, code, start, None, Then::Load);
        });
    }
    // Stop a replay still running when the explorer closes.
    {
        let model = model.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(j) = model.borrow_mut().job.take() {
                    j.stop();
                }
            }
        });
    }
    let code = props.code.clone();
    let do_move = {
        let (model, redraw, on_schedule, code) = (model.clone(), redraw.clone(), props.on_schedule.clone(), code.clone());
        Callback::from(move |(no, mv): (u64, Move)| {
            let sched = {
                let mut m = model.borrow_mut();
                if m.job.is_some() || m.shown.as_ref().is_some_and(|p| p.ended) {
                    return;
                }
                m.selected = no;
                // A thread that cannot run says why instead (keys reach here for any thread).
                let why = m.shown.as_ref().and_then(|p| p.snapshot.thread(no).filter(|t| !t.can_run()).map(|t| format!("{} {}.", t.name, column::status_text(t, &p.snapshot))));
                if let Some(why) = why {
                    m.note = Some(why);
                    drop(m);
                    redraw.emit(());
                    return;
                }
                m.history.get(m.pos).cloned().unwrap_or_default()
            };
            request(&model, &redraw, &on_schedule, &code, sched, Some((no, mv)), Then::Move);
        })
    };
    let goto = {
        let (model, redraw, on_schedule, code) = (model.clone(), redraw.clone(), props.on_schedule.clone(), code.clone());
        Callback::from(move |pos: usize| {
            let sched = {
                let mut m = model.borrow_mut();
                if m.job.is_some() || pos >= m.history.len() || pos == m.pos {
                    return;
                }
                m.pos = pos;
                m.history[pos].clone()
            };
            request(&model, &redraw, &on_schedule, &code, sched, None, Then::Goto);
        })
    };
    let on_select = {
        let (model, redraw) = (model.clone(), redraw.clone());
        Callback::from(move |no: u64| {
            if model.borrow().selected != no {
                model.borrow_mut().selected = no;
                redraw.emit(());
            }
        })
    };
    let on_stop = {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(j) = &model.borrow().job {
                j.stop();
            }
        })
    };
    let m = model.borrow();
    let busy = m.job.is_some();
    let (pos, len) = (m.pos, m.history.len());
    let on_key = {
        let (do_move, goto, on_select) = (do_move.clone(), goto.clone(), on_select.clone());
        let threads: Vec<(u64, bool)> = m.shown.as_ref().map(|p| p.snapshot.threads.iter().map(|t| (t.no, t.can_run())).collect()).unwrap_or_default();
        let selected = m.selected;
        Callback::from(move |e: KeyboardEvent| {
            if typing(&e) || e.alt_key() || e.meta_key() {
                return;
            }
            let ctrl = e.ctrl_key();
            let key = e.key();
            let idx = threads.iter().position(|(n, _)| *n == selected).unwrap_or(0);
            let handled = match (key.as_str(), ctrl) {
                ("i", false) => { do_move.emit((selected, Move::Instruction)); true }
                ("l", false) => { do_move.emit((selected, Move::Line)); true }
                ("b", false) => { do_move.emit((selected, Move::UntilBlocked)); true }
                ("u", false) | ("z", true) => { if pos > 0 { goto.emit(pos - 1) }; true }
                ("r", false) | ("y", true) => { goto.emit(pos + 1); true }
                ("Home", false) => { goto.emit(0); true }
                ("ArrowRight", false) if !threads.is_empty() => { on_select.emit(threads[(idx + 1) % threads.len()].0); true }
                ("ArrowLeft", false) if !threads.is_empty() => { on_select.emit(threads[(idx + threads.len() - 1) % threads.len()].0); true }
                (d, false) if d.len() == 1 && d.as_bytes()[0].is_ascii_digit() && d != "0" => {
                    let k = (d.as_bytes()[0] - b'1') as usize;
                    if let Some((n, _)) = threads.get(k) { on_select.emit(*n) }
                    true
                }
                _ => false,
            };
            if handled {
                e.prevent_default();
            }
        })
    };
    let lines: Vec<AttrValue> = props.code.lines().map(|l| AttrValue::from(l.to_string())).collect();
    let undo = { let goto = goto.clone(); Callback::from(move |_: MouseEvent| if pos > 0 { goto.emit(pos - 1) }) };
    let redo = { let goto = goto.clone(); Callback::from(move |_: MouseEvent| goto.emit(pos + 1)) };
    let restart = { let goto = goto.clone(); Callback::from(move |_: MouseEvent| goto.emit(0)) };
    let shown = m.shown.clone();
    let state_text = match &shown {
        None => "Loading…".to_string(),
        Some(p) if p.snapshot.deadlock => format!("Deadlock after {pos} moves: every thread waits and none can go on."),
        Some(p) if p.ended => format!("The program finished after {pos} moves (exit code {}).", p.result.exit_code),
        Some(_) if pos == 0 => "Paused before the first instruction. Pick a thread and how far it runs.".to_string(),
        Some(_) => format!("Paused after {pos} move{}.", if pos == 1 { "" } else { "s" }),
    };
    let sched_text = m.history.get(pos).map(|s| schedule_text(s)).unwrap_or_default();
    html! {
        <section class="step-explorer" aria-label="Step explorer" tabindex="0" onkeydown={on_key}
                 data-busy={busy.to_string()} data-pos={pos.to_string()} data-ended={shown.as_ref().is_some_and(|p| p.ended).to_string()}
                 data-schedule={sched_text.clone()}>
            <div class="toolbar">
                <h2>{ "Step explorer" }</h2>
                <button type="button" class="undo" onclick={undo} disabled={busy || pos == 0} title="Undo (u or Ctrl+Z)">{ "Undo" }</button>
                <button type="button" class="redo" onclick={redo} disabled={busy || pos + 1 >= len} title="Redo (r or Ctrl+Y)">{ "Redo" }</button>
                <button type="button" class="restart" onclick={restart} disabled={busy || pos == 0} title="Back to the start (Home)">{ "Restart" }</button>
                if busy { <button type="button" class="stop" onclick={on_stop}>{ "Stop" }</button> }
                if let Some(close) = &props.on_close {
                    <button type="button" class="close" onclick={close.reform(|_: MouseEvent| ())}>{ "Close explorer" }</button>
                }
            </div>
            <p class="explorer-state" role="status">{ if busy { "Replaying…".to_string() } else { state_text } }</p>
            if let Some(n) = &m.note { <p class="notice info explorer-note" role="alert">{ n.clone() }</p> }
            if let Some(e) = &m.error { <p class="notice error" role="alert">{ e.clone() }</p> }
            <p class="keys muted">{ "Keys: 1–9 or ←/→ pick a thread · i one instruction · l one line · b until blocked · u undo · r redo · Home restart" }</p>
            if let Some(p) = &shown {
                <div class="explorer-body">
                    <ol class="explorer-source" aria-label="The program, with each thread's line">
                        { for lines.iter().enumerate().map(|(i, text)| {
                            let here: Vec<_> = p.snapshot.threads.iter().filter(|t| t.line == Some(i as u32 + 1) && t.status != Status::Finished).collect();
                            html! {
                                <li class={classes!((!here.is_empty()).then_some("current"))}>
                                    <span class="ln">{ i + 1 }</span><code>{ text.to_string() }{ "\u{200b}" }</code>
                                    { for here.iter().map(|t| html! { <span class={classes!("chip", colour(t.no))}>{ &t.name }</span> }) }
                                </li>
                            }
                        }) }
                    </ol>
                    <div class="explorer-side">
                        <section class="globals" aria-label="Shared variables">
                            <h3>{ "Shared variables" }</h3>
                            if p.snapshot.globals.is_empty() {
                                <p class="muted">{ "(none yet)" }</p>
                            } else {
                                <table><tbody>
                                    { for p.snapshot.globals.iter().map(|(k, v)| html! { <tr data-name={k.clone()}><th scope="row">{ k }</th><td><code>{ v }</code></td></tr> }) }
                                </tbody></table>
                            }
                        </section>
                        if !p.result.stdout.is_empty() || !p.result.stderr.is_empty() {
                            <section class="explorer-output" aria-label="Output so far">
                                <h3>{ "Output so far" }</h3>
                                <pre class="output"><span class="stdout">{ p.result.stdout.clone() }</span><span class="stderr">{ p.result.stderr.clone() }</span></pre>
                            </section>
                        }
                    </div>
                </div>
                <div class="thread-cols">
                    { for p.snapshot.threads.iter().map(|t| html! {
                        <ThreadColumn key={t.no.to_string()} thread={t.clone()} snapshot={p.snapshot.clone()} lines={lines.clone()}
                                      selected={t.no == m.selected} busy={busy || p.ended} on_move={do_move.clone()} on_select={on_select.clone()} />
                    }) }
                </div>
                if p.snapshot.deadlock {
                    <WaitGraph edges={edges(&p.snapshot)} />
                }
                <p class="muted schedule">{ "Schedule (thread:instructions): " }<code>{ if sched_text.is_empty() { "(empty)".to_string() } else { sched_text.clone() } }</code>
                    { " — the address links to this exact interleaving." }</p>
            }
        </section>
    }
}
