//! The home page: what Threadlab is, the course progress, and the list of lessons
//! (each marked done once its exercises pass, or once visited if it has none).

use yew::prelude::*;
use yew_router::prelude::*;

use super::{progress, Route};
use crate::lessons;

#[function_component(Home)]
pub fn home() -> Html {
    let (list, progress_bar) = match lessons::all() {
        Ok(all) => {
            let done: Vec<bool> = all.iter().map(progress::lesson_done).collect();
            let n_done = done.iter().filter(|d| **d).count();
            let bar = html! {
                <div class="course-progress">
                    <label for="course-progress">{ format!("Course progress: {n_done} of {} lessons done", all.len()) }</label>
                    <progress id="course-progress" max={all.len().to_string()} value={n_done.to_string()}></progress>
                </div>
            };
            let list = html! {
                <ol class="lesson-list">
                    { for all.into_iter().zip(done).map(|(l, done)| {
                        let exercises = progress::exercise_blocks(&l).len();
                        html! {
                            <li class={classes!("lesson-card", done.then_some("done"))}>
                                <Link<Route> to={Route::Lesson { slug: l.meta.slug.clone() }}>
                                    <span class="lesson-title">{ l.meta.title }</span>
                                </Link<Route>>
                                if done { <span class="done-mark" aria-label="done">{ " ✓ done" }</span> }
                                <p class="lesson-summary">{ l.meta.summary }
                                    if exercises > 0 {
                                        <span class="lesson-exercises">{ format!(" · {exercises} exercise{}", if exercises == 1 { "" } else { "s" }) }</span>
                                    }
                                </p>
                            </li>
                        }
                    }) }
                </ol>
            };
            (list, bar)
        }
        Err(e) => (html! { <p class="notice error" role="alert">{ format!("The lessons could not be read: {e}") }</p> }, html! {}),
    };
    html! {
        <section class="page home">
            <h1>{ "Learn Python threading by running threads" }</h1>
            <p class="lead">
                { "Every example here is a real Python program you can edit and run. Its threads \
                   really run at the same time, each on its own worker, so races, locks and queues \
                   behave as they do on your machine." }
            </p>
            <h2>{ "Lessons" }</h2>
            { progress_bar }
            { list }
            <p><Link<Route> to={Route::Playground}>{ "Or start from a blank page in the playground →" }</Link<Route>></p>
        </section>
    }
}
