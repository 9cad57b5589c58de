//! Any address the app has no page for.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

#[function_component(NotFound)]
pub fn not_found() -> Html {
    html! {
        <section class="page not-found">
            <h1>{ "Page not found" }</h1>
            <p>{ "There is no page at this address. " }
               <Link<Route> to={Route::Home}>{ "See all lessons" }</Link<Route>></p>
        </section>
    }
}
