//! A lesson: prose, then each Python example in its own editor (components/code_block).
//! `#example-N` in the address scrolls to block N and focuses it. Previous / next
//! lesson links at the end, also on Alt+Shift+← / →. Passing every exercise (or, with
//! none, visiting) marks the lesson done.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::code_block::{CodeBlock, ExerciseBlock};
use crate::app::hooks::{current_hash, use_location_hash};
use crate::app::model::{course::course, progress};
use crate::app::Route;
use crate::lessons::Segment;
use crate::links;

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub slug: AttrValue,
}

/// Scrolls to block `n` of the page and gives it focus, so keyboard and screen-reader
/// users land where the link points.
fn go_to_block(n: usize) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(el) = doc.get_element_by_id(&links::example_fragment(n)) {
        el.scroll_into_view();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

fn is_typing_target(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
}

#[function_component(LessonPage)]
pub fn lesson_page(props: &LessonProps) -> Html {
    // Bumped when an exercise passes, so the lesson's "done" state is re-read.
    let passed = use_state(|| 0u32);
    let course = course();
    let index = course.as_ref().as_ref().ok().and_then(|all| all.iter().position(|l| l.meta.slug == props.slug.as_str()));
    let slugs = |i: Option<usize>| -> Option<String> {
        let all = course.as_ref().as_ref().ok()?;
        Some(all.get(i?)?.meta.slug.clone())
    };
    let prev_slug = slugs(index.and_then(|i| i.checked_sub(1)));
    let next_slug = slugs(index.map(|i| i + 1));
    {
        let slug = props.slug.clone();
        let known = index.is_some();
        use_effect_with(slug, move |slug| {
            if known {
                progress::mark_visited(slug);
                let here = progress::last().filter(|p| p.slug == slug.as_str()).and_then(|p| p.block);
                progress::set_last(slug, here);
            }
        });
    }
    // `#example-N`: on arrival and whenever the fragment changes.
    let fragment = use_location_hash();
    // The address is read afresh: after going to another lesson the state still holds
    // the old fragment, and a new lesson without one starts at its top.
    use_effect_with((props.slug.clone(), fragment), |_| match links::example_from_fragment(&current_hash()) {
        Some(n) => go_to_block(n),
        None => {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    // Alt+Shift+← / → go to the previous / next lesson (not while typing).
    let navigator = use_navigator();
    use_effect_with((prev_slug.clone(), next_slug.clone()), move |(prev, next)| {
        let (prev, next) = (prev.clone(), next.clone());
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if !(e.alt_key() && e.shift_key()) || e.ctrl_key() || e.meta_key() || is_typing_target(&e) {
                return;
            }
            let to = match e.key().as_str() {
                "ArrowLeft" => prev.clone(),
                "ArrowRight" => next.clone(),
                _ => None,
            };
            if let (Some(slug), Some(nav)) = (to, &navigator) {
                e.prevent_default();
                nav.push(&Route::Lesson { slug });
            }
        });
        let doc = web_sys::window().and_then(|w| w.document());
        if let Some(d) = &doc {
            let _ = d.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(d) = &doc {
                let _ = d.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
        }
    });

    let all = match course.as_ref() {
        Ok(all) => all,
        Err(e) => return html! { <p class="notice error" role="alert">{ e }</p> },
    };
    let Some(index) = index else {
        return html! {
            <section class="page not-found">
                <h1>{ "No such lesson" }</h1>
                <p>{ format!("There is no lesson called “{}”. ", props.slug) }
                   <Link<Route> to={Route::Home}>{ "See all lessons" }</Link<Route>></p>
            </section>
        };
    };
    let lesson = &all[index];
    let slug = AttrValue::from(lesson.meta.slug.clone());
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
                <CodeBlock key={format!("{slug}-{block}")} slug={slug.clone()} example={example.clone()} number={block} />
            }
        }
        Segment::Exercise(exercise) => {
            block += 1;
            html! {
                <ExerciseBlock key={format!("{slug}-{block}")} slug={slug.clone()} exercise={exercise.clone()}
                               number={block} on_passed={on_passed.clone()} />
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
               { format!(" › Lesson {} of {}", index + 1, all.len()) }</p>
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
                        <span class="nav-dir">{ "← Previous lesson" }<kbd aria-hidden="true">{ "Alt+Shift+←" }</kbd></span>
                        <span class="nav-title">{ &p.meta.title }</span>
                    </Link<Route>>
                }
                if let Some(n) = next {
                    <Link<Route> to={Route::Lesson { slug: n.meta.slug.clone() }} classes="next">
                        <span class="nav-dir">{ "Next lesson →" }<kbd aria-hidden="true">{ "Alt+Shift+→" }</kbd></span>
                        <span class="nav-title">{ &n.meta.title }</span>
                    </Link<Route>>
                }
            </nav>
        </article>
    }
}
