//! The home page: what Threadlab is, "continue where you left off", the course
//! progress, the list of lessons (each marked done once its exercises pass, or once
//! visited if it has none), and the progress file (export, import, reset).

use yew::prelude::*;
use yew_router::history::{BrowserHistory, History};
use yew_router::prelude::*;

use crate::app::components::progress_file::ProgressFile;
use crate::app::model::{course::course, progress};
use crate::app::Route;
use crate::links;

#[function_component(Home)]
pub fn home() -> Html {
    // Bumped after an import or a reset, so progress is read again.
    let changed = use_state(|| 0u32);
    let on_changed = {
        let changed = changed.clone();
        Callback::from(move |_: ()| changed.set(*changed + 1))
    };
    let course = course();
    let all = match course.as_ref() {
        Ok(all) => all,
        Err(e) => return html! { <p class="notice error" role="alert">{ format!("The lessons could not be read: {e}") }</p> },
    };
    let done: Vec<bool> = all.iter().map(progress::lesson_done).collect();
    let n_done = done.iter().filter(|d| **d).count();
    let resume = progress::last().and_then(|place| {
        let index = all.iter().position(|l| l.meta.slug == place.slug)?;
        Some((index, place))
    });
    let continue_card = resume.map(|(index, place)| {
        let lesson = &all[index];
        let fragment = place.block.map(links::example_fragment);
        let href = match &fragment {
            Some(f) => format!("lesson/{}#{f}", place.slug),
            None => format!("lesson/{}", place.slug),
        };
        // In-app navigation (no reload) to the address with its fragment, which the
        // lesson page reads when it mounts.
        let onclick = {
            let href = href.clone();
            Callback::from(move |e: MouseEvent| {
                if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                    return; // a new tab or window: let the browser follow the link
                }
                let base = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.base_uri().ok().flatten())
                    .unwrap_or_else(|| "/".into());
                e.prevent_default();
                BrowserHistory::new().push(format!("{base}{href}"));
            })
        };
        let what = match place.block {
            Some(b) => format!("Lesson {}: {}, example {b}", index + 1, lesson.meta.title),
            None => format!("Lesson {}: {}", index + 1, lesson.meta.title),
        };
        html! {
            <section class="continue" aria-labelledby="continue-heading">
                <h2 id="continue-heading">{ "Continue where you left off" }</h2>
                <a class="button continue-link" {href} {onclick}>{ format!("Continue: {what} →") }</a>
            </section>
        }
    });
    html! {
        <section class="page home">
            <h1>{ "Learn Python threading by running threads" }</h1>
            <p class="lead">
                { "Every example here is a real Python program you can edit and run. Its threads \
                   really run at the same time, each on its own worker, so races, locks and queues \
                   behave as they do on your machine." }
            </p>
            { for continue_card }
            <h2>{ "Lessons" }</h2>
            <div class="course-progress">
                <label for="course-progress">{ format!("Course progress: {n_done} of {} lessons done", all.len()) }</label>
                <progress id="course-progress" max={all.len().to_string()} value={n_done.to_string()}></progress>
            </div>
            <ol class="lesson-list">
                { for all.iter().zip(done).map(|(l, done)| {
                    let exercises = progress::exercise_blocks(l).len();
                    html! {
                        <li class={classes!("lesson-card", done.then_some("done"))}>
                            <Link<Route> to={Route::Lesson { slug: l.meta.slug.clone() }}>
                                <span class="lesson-title">{ &l.meta.title }</span>
                            </Link<Route>>
                            if done { <span class="done-mark" aria-label="done">{ " ✓ done" }</span> }
                            <p class="lesson-summary">{ &l.meta.summary }
                                if exercises > 0 {
                                    <span class="lesson-exercises">{ format!(" · {exercises} exercise{}", if exercises == 1 { "" } else { "s" }) }</span>
                                }
                            </p>
                        </li>
                    }
                }) }
            </ol>
            <p><Link<Route> to={Route::Playground}>{ "Or start from a blank page in the playground →" }</Link<Route>></p>
            <ProgressFile {on_changed} />
        </section>
    }
}
