//! The site header, with a notice when the page cannot share memory between workers.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::web::cross_origin_isolated;

#[function_component(Header)]
pub fn header() -> Html {
    let isolated = cross_origin_isolated();
    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <header class="site-header">
                <Link<Route> to={Route::Home} classes="brand">
                    <svg class="logo" viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
                        <rect width="32" height="32" rx="6" fill="#1f4e79" />
                        <path d="M9 6v20M16 6v20M23 6v20" stroke="#ffd43b" stroke-width="3" stroke-linecap="round" />
                    </svg>
                    { "Threadlab" }
                    <span class="tagline">{ "Python threading, on real threads" }</span>
                </Link<Route>>
                <nav aria-label="Main">
                    <Link<Route> to={Route::Home}>{ "Lessons" }</Link<Route>>
                    <Link<Route> to={Route::Playground}>{ "Playground" }</Link<Route>>
                    <Link<Route> to={Route::Levels}>{ "Levels" }</Link<Route>>
                </nav>
            </header>
            if !isolated {
                <div class="notice warning" role="status" id="isolation-notice">
                    <strong>{ "Threads are unavailable on this page. " }</strong>
                    { "The page is not cross-origin isolated, so the browser gives it no shared memory \
                       and Python threads cannot run. Reload once: the site installs a small service \
                       worker that fixes this on hosts that cannot send headers. If you host Threadlab \
                       yourself, serve it with " }
                    <code>{ "Cross-Origin-Opener-Policy: same-origin" }</code>{ " and " }
                    <code>{ "Cross-Origin-Embedder-Policy: require-corp" }</code>
                    { " (scripts/serve.sh does), over https or on localhost." }
                </div>
            }
        </>
    }
}
