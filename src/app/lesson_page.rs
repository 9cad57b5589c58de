//! A lesson: prose, then each Python example in its own editor with Run / Stop, the
//! output and the threads' timeline. Edits are saved as you type and survive reloads;
//! Reset asks before discarding them. Exercises have a Check button; passing marks
//! them done, and a lesson with every exercise done (or none, once visited) is done.

use yew::prelude::*;
use yew_router::prelude::*;

use super::check::CheckPanel;
use super::editor::{Editor, LineMark};
use super::mode_switch::ModeSwitch;
use super::race::RaceHistogram;
use super::run_panel::RunPanel;
use super::{progress, storage, Route};
use crate::lessons::{self, Check, Example, Exercise, Segment};
use crate::links;
use crate::runtime::options::Mode;

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub slug: AttrValue,
}

#[function_component(LessonPage)]
pub fn lesson_page(props: &LessonProps) -> Html {
    // Bumped when an exercise passes, so the lesson's "done" state is re-read.
    let passed = use_state(|| 0u32);
    {
        let slug = props.slug.clone();
        use_effect_with(slug, |slug| progress::mark_visited(slug));
    }
    let all = match lessons::all() {
        Ok(all) => all,
        Err(e) => return html! { <p class="notice error" role="alert">{ e }</p> },
    };
    let Some(index) = all.iter().position(|l| l.meta.slug == props.slug.as_str()) else {
        return html! {
            <section class="page not-found">
                <h1>{ "No such lesson" }</h1>
                <p>{ format!("There is no lesson called “{}”. ", props.slug) }
                   <Link<Route> to={Route::Home}>{ "See all lessons" }</Link<Route>></p>
            </section>
        };
    };
    let lesson = &all[index];
    let slug = lesson.meta.slug.clone();
    let on_passed = {
        let passed = passed.clone();
        Callback::from(move |_: ()| passed.set(*passed + 1))
    };
    let mut block = 0;
    let body = lesson.segments.iter().map(|segment| match segment {
        Segment::Prose(html) => Html::from_html_unchecked(AttrValue::from(html.clone())),
        Segment::Code(example) => {
            block += 1;
            html! {
                <CodeBlock
                    key={format!("{slug}-{block}")}
                    storage_key={format!("code:{slug}:{block}")}
                    example={example.clone()}
                    number={block}
                />
            }
        }
        Segment::Exercise(exercise) => {
            block += 1;
            html! {
                <ExerciseBlock
                    key={format!("{slug}-{block}")}
                    slug={slug.clone()}
                    storage_key={format!("code:{slug}:{block}")}
                    exercise={exercise.clone()}
                    number={block}
                    on_passed={on_passed.clone()}
                />
            }
        }
    });
    let exercises = progress::exercise_blocks(lesson);
    let done_count = exercises.iter().filter(|b| progress::exercise_done(&slug, **b)).count();
    let prev = index.checked_sub(1).map(|i| &all[i]);
    let next = all.get(index + 1);
    html! {
        <article class="page lesson">
            <p class="crumbs"><Link<Route> to={Route::Home}>{ "Lessons" }</Link<Route>>
               { format!(" › Lesson {}", index + 1) }</p>
            <h1>{ &lesson.meta.title }</h1>
            if !exercises.is_empty() {
                <p class={classes!("lesson-progress", (done_count == exercises.len()).then_some("complete"))} role="status">
                    { if done_count == exercises.len() {
                        "✓ Lesson complete: every exercise passes.".to_string()
                      } else {
                        format!("Exercises done: {done_count} of {}", exercises.len())
                      } }
                </p>
            }
            { for body }
            <nav class="lesson-nav" aria-label="Lesson navigation">
                if let Some(p) = prev {
                    <Link<Route> to={Route::Lesson { slug: p.meta.slug.clone() }} classes="prev">
                        { format!("← {}", p.meta.title) }
                    </Link<Route>>
                }
                if let Some(n) = next {
                    <Link<Route> to={Route::Lesson { slug: n.meta.slug.clone() }} classes="next">
                        { format!("{} →", n.meta.title) }
                    </Link<Route>>
                }
            </nav>
        </article>
    }
}

/// The Check part of a code block that is an exercise.
#[derive(Clone, PartialEq)]
struct Grading {
    check: Check,
    done: bool,
    on_passed: Callback<()>,
}

#[derive(Properties, PartialEq)]
struct CodeBlockProps {
    storage_key: AttrValue,
    example: Example,
    number: usize,
    #[prop_or_default]
    grading: Option<Grading>,
}

#[function_component(CodeBlock)]
fn code_block(props: &CodeBlockProps) -> Html {
    let original = AttrValue::from(props.example.code.clone());
    let code = {
        let key = props.storage_key.clone();
        let original = original.clone();
        use_state(move || storage::load(&key).map(AttrValue::from).unwrap_or(original))
    };
    let mode = use_state(|| props.example.mode);
    let run_requests = use_state(|| 0u32);
    let marks = use_state(Vec::<LineMark>::new);
    let on_input = {
        let code = code.clone();
        let key = props.storage_key.clone();
        Callback::from(move |text: String| {
            storage::save(&key, &text);
            code.set(AttrValue::from(text));
        })
    };
    let on_reset = {
        let code = code.clone();
        let key = props.storage_key.clone();
        let original = original.clone();
        Callback::from(move |_| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message("Discard your changes to this example?").ok())
                .unwrap_or(false);
            if confirmed {
                storage::remove(&key);
                code.set(original.clone());
            }
        })
    };
    let on_run = {
        let run_requests = run_requests.clone();
        Callback::from(move |_: ()| run_requests.set(*run_requests + 1))
    };
    let on_lines = {
        let marks = marks.clone();
        Callback::from(move |m: Vec<LineMark>| {
            if *marks != m {
                marks.set(m)
            }
        })
    };
    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |m: Mode| mode.set(m))
    };
    let edited = *code != original;
    let playground = format!("playground#{}", links::fragment_for(&code));
    let kind = if props.grading.is_some() { "Exercise" } else { "Example" };
    html! {
        <section class="example" aria-label={format!("{kind} {}", props.number)}
                 data-fails={props.example.fails.to_string()} data-block={props.number.to_string()}>
            if props.example.modes {
                <ModeSwitch mode={*mode} on_change={on_mode} name={format!("mode-{}", props.storage_key)} />
            }
            <Editor code={(*code).clone()} {on_input} on_run={Some(on_run)} marks={(*marks).clone()}
                    label={format!("Code editor, example {}", props.number)} />
            <RunPanel code={(*code).clone()} mode={*mode} run_requests={*run_requests} on_lines={Some(on_lines)}>
                <button type="button" onclick={on_reset} disabled={!edited}>{ "Reset" }</button>
                <a class="button" href={playground}>{ "Open in playground" }</a>
                if edited { <span class="status">{ "Your edits are saved in this browser." }</span> }
            </RunPanel>
            if let Some(g) = &props.grading {
                <CheckPanel code={(*code).clone()} check={g.check.clone()} done={g.done} on_passed={g.on_passed.clone()} />
            }
            if props.example.race {
                <RaceHistogram code={(*code).clone()} expected={props.example.expected.clone().map(AttrValue::from)} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ExerciseProps {
    slug: AttrValue,
    storage_key: AttrValue,
    exercise: Exercise,
    number: usize,
    on_passed: Callback<()>,
}

/// An exercise: the starter in an editor, hints one at a time, the solution behind a
/// disclosure so the learner decides when to look, and Check.
#[function_component(ExerciseBlock)]
fn exercise_block(props: &ExerciseProps) -> Html {
    let shown_hints = use_state(|| 0usize);
    let done = use_state(|| progress::exercise_done(&props.slug, props.number));
    let more_hint = {
        let shown_hints = shown_hints.clone();
        Callback::from(move |_| shown_hints.set(*shown_hints + 1))
    };
    let on_passed = {
        let done = done.clone();
        let slug = props.slug.clone();
        let number = props.number;
        let parent = props.on_passed.clone();
        Callback::from(move |_: ()| {
            progress::mark_exercise_done(&slug, number);
            done.set(true);
            parent.emit(());
        })
    };
    let hints = &props.exercise.hints;
    let example = Example::plain(&props.exercise.starter);
    html! {
        <section class={classes!("exercise", done.then_some("done"))} aria-label={format!("Exercise, block {}", props.number)}>
            <h3 class="exercise-label">{ "Exercise" }
                if *done { <span class="done-mark">{ " ✓ done" }</span> }</h3>
            <CodeBlock storage_key={props.storage_key.clone()}
                       {example}
                       number={props.number}
                       grading={Grading { check: props.exercise.check.clone(), done: *done, on_passed }} />
            { for hints.iter().take(*shown_hints).enumerate().map(|(i, h)| html! {
                <p class="hint"><strong>{ format!("Hint {}: ", i + 1) }</strong>{ h.trim() }</p>
            }) }
            if *shown_hints < hints.len() {
                <button type="button" class="secondary" onclick={more_hint}>
                    { if *shown_hints == 0 { "Show a hint" } else { "Show another hint" } }
                </button>
            }
            <details class="solution">
                <summary>{ "Show the solution" }</summary>
                <pre><code>{ props.exercise.solution.clone() }</code></pre>
            </details>
        </section>
    }
}
