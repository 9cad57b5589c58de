//! A lesson's code block: an example in its own editor with Run / Stop, the output and
//! the threads' timeline; an exercise adds hints, the solution and Check. Edits are
//! saved as you type and survive reloads; Reset asks first and keeps the edit as an
//! earlier version. Each block has an address: `/lesson/SLUG#example-N`.

use yew::prelude::*;

use super::confirm;
use super::earlier::EarlierVersions;
use super::editor::Editor;
use super::mode_switch::ModeSwitch;
use super::race::RaceHistogram;
use super::run_panel::RunPanel;
use crate::app::check::CheckPanel;
use crate::app::hooks::{use_program_run, use_saved_code};
use crate::app::model::progress;
use crate::lessons::{Check, Example, Exercise};
use crate::links;

/// The Check part of a code block that is an exercise.
#[derive(Clone, PartialEq)]
pub struct Grading {
    pub check: Check,
    pub done: bool,
    pub on_passed: Callback<()>,
}

#[derive(Properties, PartialEq)]
pub struct CodeBlockProps {
    pub slug: AttrValue,
    pub example: Example,
    /// The block's number in the lesson, from 1.
    pub number: usize,
    #[prop_or_default]
    pub grading: Option<Grading>,
}

pub fn storage_key(slug: &str, number: usize) -> String {
    format!("code:{slug}:{number}")
}

#[function_component(CodeBlock)]
pub fn code_block(props: &CodeBlockProps) -> Html {
    let saved = use_saved_code(
        AttrValue::from(storage_key(&props.slug, props.number)),
        AttrValue::from(props.example.code.clone()),
    );
    let program = use_program_run(props.example.mode, None);
    let code = saved.code();
    // Editing or running a block makes it the place to continue from.
    {
        let (slug, number) = (props.slug.clone(), props.number);
        use_effect_with(program.running(), move |running| {
            if *running {
                progress::set_last(&slug, Some(number));
            }
        });
    }
    let on_input = {
        let (slug, number) = (props.slug.clone(), props.number);
        saved.on_input().reform(move |text: String| {
            progress::set_last(&slug, Some(number));
            text
        })
    };
    let on_reset = {
        let saved = saved.clone();
        Callback::from(move |_: MouseEvent| {
            if confirm("Reset this example to its original code? Your version stays under “Your earlier code”.") {
                saved.reset();
            }
        })
    };
    let on_restore = {
        let saved = saved.clone();
        Callback::from(move |i: usize| saved.restore(i))
    };
    let on_forget = {
        let saved = saved.clone();
        Callback::from(move |i: usize| saved.forget(i))
    };
    let edited = saved.edited();
    let playground = format!("playground#{}", links::fragment_for(&code, Some(program.mode())));
    let anchor = links::example_fragment(props.number);
    let kind = if props.grading.is_some() { "Exercise" } else { "Example" };
    html! {
        <section class="example" id={anchor.clone()} tabindex="-1" aria-label={format!("{kind} {}", props.number)}
                 data-fails={props.example.fails.to_string()} data-block={props.number.to_string()}>
            if props.example.modes {
                <ModeSwitch mode={program.mode()} on_change={program.on_mode()}
                            name={format!("mode-{}-{}", props.slug, props.number)} />
            }
            <Editor code={code.clone()} {on_input} on_run={Some(program.runner(&code))} marks={program.marks()}
                    error={program.error_mark(&code)}
                    label={format!("Code editor, example {}", props.number)} />
            <RunPanel program={program.clone()} code={code.clone()}>
                <button type="button" onclick={on_reset} disabled={!edited}>{ "Reset" }</button>
                <a class="button step-through" href={format!("playground#{}", links::step_fragment(&code, &[]))}
                   title="Be the scheduler: run this example's threads one step at a time">{ "Step through" }</a>
                <a class="button" href={playground}>{ "Open in playground" }</a>
                <a class="button link-here" href={format!("lesson/{}#{anchor}", props.slug)}
                   aria-label={format!("Link to {} {}", kind.to_lowercase(), props.number)}>{ "Link" }</a>
                if edited { <span class="status">{ "Your edits are saved in this browser." }</span> }
            </RunPanel>
            <EarlierVersions versions={saved.versions()} {on_restore} {on_forget} />
            if let Some(g) = &props.grading {
                <CheckPanel code={code.clone()} check={g.check.clone()} done={g.done} on_passed={g.on_passed.clone()} />
            }
            if props.example.race {
                <RaceHistogram code={code.clone()} expected={props.example.expected.clone().map(AttrValue::from)} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExerciseProps {
    pub slug: AttrValue,
    pub exercise: Exercise,
    pub number: usize,
    pub on_passed: Callback<()>,
}

/// An exercise: the starter in an editor, hints one at a time, the solution behind a
/// disclosure so the learner decides when to look, and Check.
#[function_component(ExerciseBlock)]
pub fn exercise_block(props: &ExerciseProps) -> Html {
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
            <CodeBlock slug={props.slug.clone()}
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
