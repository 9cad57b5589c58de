//! The challenge levels (`levels/*.md`, parsed by `crate::levels`), listed: each with its
//! story, its goal, its program and hints, and a link that opens it in the playground
//! in stepped mode. Playing a level in the step explorer is for the explorer's page.

use std::rc::Rc;

use yew::prelude::*;

use crate::levels::{self, Kind, Level};
use crate::links;
use crate::runtime::options::Mode;

thread_local! {
    /// Parsed once, like the course.
    static LEVELS: Rc<Result<Vec<Level>, String>> = Rc::new(levels::all());
}

fn level_card(l: &Level) -> Html {
    let href = format!("playground#{}", links::fragment_for(&l.program, Some(Mode::Step)));
    let what = match l.kind {
        Kind::Break => "Reach a failure: ",
        Kind::Fix => "Fix it so that no interleaving shows: ",
    };
    html! {
        <article class="level" id={l.slug.clone()} aria-labelledby={format!("level-{}", l.slug)}>
            <h3 id={format!("level-{}", l.slug)}>{ &l.title }</h3>
            { Html::from_html_unchecked(AttrValue::from(l.story_html.clone())) }
            <p class="level-goal"><strong>{ what }</strong><code>{ &l.goal_text }</code></p>
            <pre class="level-program"><code>{ &l.program }</code></pre>
            <details>
                <summary>{ format!("Hints ({})", l.hints.len()) }</summary>
                <ol>{ for l.hints.iter().map(|h| html! { <li>{ h.trim() }</li> }) }</ol>
            </details>
            <p><a href={href}>{ "Open in the playground (stepped mode)" }</a></p>
        </article>
    }
}

#[function_component(Levels)]
pub fn levels_page() -> Html {
    let all = LEVELS.with(Rc::clone);
    let all = match all.as_ref() {
        Ok(all) => all,
        Err(e) => return html! { <p class="notice error" role="alert">{ format!("The levels could not be read: {e}") }</p> },
    };
    let section = |kind: Kind, title: &str, intro: &str| {
        let these: Vec<&Level> = all.iter().filter(|l| l.kind == kind).collect();
        html! {
            <section aria-label={title.to_string()}>
                <h2>{ format!("{title} ({})", these.len()) }</h2>
                <p>{ intro.to_string() }</p>
                { for these.into_iter().map(level_card) }
            </section>
        }
    };
    html! {
        <div class="levels-page">
            <h1>{ "Challenge levels" }</h1>
            <p>{ "You are the scheduler. Every program below looks correct when its threads take turns politely; \
                  choose who runs next, and when, to make it fail." }</p>
            { section(Kind::Break, "Break it", "Steer the program into the failure its goal names.") }
            { section(Kind::Fix, "Fix it", "Change the program until the explorer finds no interleaving that fails.") }
        </div>
    }
}
