//! The Yew single-page app, laid out as Yew's examples are: `pages/` (one component per
//! route), `components/` (what pages are made of), `hooks/` (a program's runs, saved
//! code, the URL fragment), `model/` (the parsed course, storage, progress, trials).
//! `check.rs` (an exercise's Check panel) sits here. Started by `static/boot.js`
//! through [`run_app`].

mod check;
mod components;
mod hooks;
mod model;
mod pages;

// check.rs names these as its siblings.
use components::mode_switch;
use model::trials;

use wasm_bindgen::prelude::*;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::web;

/// Client-side routes; the server answers every one of them with `index.html`.
#[derive(Clone, Routable, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/lesson/:slug")]
    Lesson { slug: String },
    #[at("/playground")]
    Playground,
    #[at("/levels")]
    Levels,
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Lesson { slug } => html! { <pages::lesson::LessonPage {slug} /> },
        Route::Playground => html! { <pages::playground::Playground /> },
        Route::Levels => html! { <pages::levels::Levels /> },
        Route::NotFound => html! { <pages::not_found::NotFound /> },
    }
}

#[function_component(App)]
fn app() -> Html {
    // Worker failures (a panic or a trap in any thread) are shown, never swallowed.
    let worker_errors = use_state(Vec::<String>::new);
    {
        let worker_errors = worker_errors.clone();
        use_effect_with((), move |_| {
            let handler = Closure::<dyn Fn(String)>::new(move |message: String| {
                let mut all = (*worker_errors).clone();
                all.push(message);
                worker_errors.set(all);
            });
            web::spawn::on_worker_error(handler.into_js_value().unchecked_into());
        });
    }
    html! {
        <BrowserRouter>
            <components::header::Header />
            if !worker_errors.is_empty() {
                <div class="notice error" role="alert">
                    <strong>{ "A worker thread failed: " }</strong>
                    { for worker_errors.iter().map(|e| html! { <pre>{ e }</pre> }) }
                </div>
            }
            <main id="main">
                <Switch<Route> render={switch} />
            </main>
            <footer class="site-footer">
                <p>{ "Threadlab runs your Python on real threads in this tab: one Web Worker per thread, one shared memory." }</p>
            </footer>
        </BrowserRouter>
    }
}

/// Mounts the app into `<body>`. Called once, from the page's main thread.
#[wasm_bindgen]
pub fn run_app() {
    web::panic::install_page_hook();
    web::library::install();
    // Keep a few workers warm for a learner who reads before pressing Run: a program's
    // main thread and first threads then start at once instead of after 20-40 ms each.
    if web::cross_origin_isolated() {
        web::spawn::set_idle_timeout(std::time::Duration::from_secs(300));
        web::spawn::prewarm(6);
        // Compile threading, queue and concurrent.futures now, on a worker, so the
        // learner's first Run does not pay for it (the compiled code is shared).
        let warm = "import threading, queue\nimport concurrent.futures\n";
        let _ = web::program::start_python(warm, crate::runtime::options::Options::new("warm-up.py"));
    }
    yew::Renderer::<App>::new().render();
}
