//! The home page: what Threadlab is, and the list of lessons.

use yew::prelude::*;
use yew_router::prelude::*;

use super::Route;
use crate::lessons;

#[function_component(Home)]
pub fn home() -> Html {
    let list = match lessons::all() {
        Ok(all) => html! {
            <ol class="lesson-list">
                { for all.into_iter().map(|l| html! {
                    <li>
                        <Link<Route> to={Route::Lesson { slug: l.meta.slug.clone() }}>
                            <span class="lesson-title">{ l.meta.title }</span>
                        </Link<Route>>
                        <p class="lesson-summary">{ l.meta.summary }</p>
                    </li>
                }) }
            </ol>
        },
        Err(e) => html! { <p class="notice error" role="alert">{ format!("The lessons could not be read: {e}") }</p> },
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
            { list }
            <p><Link<Route> to={Route::Playground}>{ "Or start from a blank page in the playground →" }</Link<Route>></p>
        </section>
    }
}
