//! A lesson: prose, then each Python example in its own editor. Edits are saved as you
//! type and survive reloads; Reset asks before discarding them.

use yew::prelude::*;
use yew_router::prelude::*;

use super::editor::Editor;
use super::{storage, Route};
use crate::lessons::{self, Exercise, Segment};
use crate::links;

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub slug: AttrValue,
}

#[function_component(LessonPage)]
pub fn lesson_page(props: &LessonProps) -> Html {
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
    let mut block = 0;
    let body = lesson.segments.iter().map(|segment| match segment {
        Segment::Prose(html) => Html::from_html_unchecked(AttrValue::from(html.clone())),
        Segment::Code(code) => {
            block += 1;
            html! {
                <CodeBlock
                    key={format!("{}-{block}", lesson.meta.slug)}
                    storage_key={format!("code:{}:{block}", lesson.meta.slug)}
                    original={AttrValue::from(code.clone())}
                    number={block}
                />
            }
        }
        Segment::Exercise(exercise) => {
            block += 1;
            html! {
                <ExerciseBlock
                    key={format!("{}-{block}", lesson.meta.slug)}
                    storage_key={format!("code:{}:{block}", lesson.meta.slug)}
                    exercise={exercise.clone()}
                    number={block}
                />
            }
        }
    });
    let prev = index.checked_sub(1).map(|i| &all[i]);
    let next = all.get(index + 1);
    html! {
        <article class="page lesson">
            <p class="crumbs"><Link<Route> to={Route::Home}>{ "Lessons" }</Link<Route>>
               { format!(" › Lesson {}", index + 1) }</p>
            <h1>{ &lesson.meta.title }</h1>
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

#[derive(Properties, PartialEq)]
struct CodeBlockProps {
    storage_key: AttrValue,
    original: AttrValue,
    number: usize,
}

#[function_component(CodeBlock)]
fn code_block(props: &CodeBlockProps) -> Html {
    let code = {
        let key = props.storage_key.clone();
        let original = props.original.clone();
        use_state(move || storage::load(&key).map(AttrValue::from).unwrap_or(original))
    };
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
        let original = props.original.clone();
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
    let edited = *code != props.original;
    let playground = format!("/playground#{}", links::fragment_for(&code));
    html! {
        <section class="example" aria-label={format!("Example {}", props.number)}>
            <Editor code={(*code).clone()} {on_input} label={format!("Code editor, example {}", props.number)} />
            <div class="toolbar">
                <button type="button" onclick={on_reset} disabled={!edited}>{ "Reset" }</button>
                <a class="button" href={playground}>{ "Open in playground" }</a>
                if edited { <span class="status">{ "Your edits are saved in this browser." }</span> }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ExerciseProps {
    storage_key: AttrValue,
    exercise: Exercise,
    number: usize,
}

/// An exercise: the starter in an editor, hints one at a time, the solution behind a
/// disclosure so the learner decides when to look.
#[function_component(ExerciseBlock)]
fn exercise_block(props: &ExerciseProps) -> Html {
    let shown_hints = use_state(|| 0usize);
    let more_hint = {
        let shown_hints = shown_hints.clone();
        Callback::from(move |_| shown_hints.set(*shown_hints + 1))
    };
    let hints = &props.exercise.hints;
    html! {
        <section class="exercise" aria-label={format!("Exercise, block {}", props.number)}>
            <h3 class="exercise-label">{ "Exercise" }</h3>
            <CodeBlock storage_key={props.storage_key.clone()}
                       original={AttrValue::from(props.exercise.starter.clone())}
                       number={props.number} />
            { for hints.iter().take(*shown_hints).enumerate().map(|(i, h)| html! {
                <p class="hint"><strong>{ format!("Hint {}: ", i + 1) }</strong>{ h.trim() }</p>
            }) }
            if *shown_hints < hints.len() {
                <button type="button" onclick={more_hint}>
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
