//! The wait-for graph of a deadlock: threads (circles) and locks (squares), an arrow
//! from each waiting thread to the lock it waits for and from each lock to the thread
//! holding it; the arrows that close a cycle are drawn heavier and in the error colour.
//! Built from the step explorer's snapshot, or parsed from a deadlock report's text
//! (`Thread-1 (one) waits for a lock held by Thread-2 (two), line 6: with b:`). A
//! text list says the same for screen readers.

use yew::prelude::*;

pub use crate::runtime::deadlock::{cycle, edges_from_report, WaitEdge};

#[derive(Properties, PartialEq)]
pub struct WaitGraphProps {
    pub edges: Vec<WaitEdge>,
}

#[function_component(WaitGraph)]
pub fn wait_graph(props: &WaitGraphProps) -> Html {
    let edges = &props.edges;
    if edges.is_empty() {
        return html! {};
    }
    let on_cycle = cycle(edges);
    // Nodes around a circle: each thread followed by the lock it waits for.
    let mut nodes: Vec<(String, bool)> = Vec::new();
    let add = |name: &str, lock: bool, nodes: &mut Vec<(String, bool)>| {
        if !nodes.iter().any(|(n, l)| n == name && *l == lock) {
            nodes.push((name.to_string(), lock));
        }
    };
    for e in edges {
        add(&e.thread, false, &mut nodes);
        add(&e.lock, true, &mut nodes);
        if let Some(h) = &e.holder {
            add(h, false, &mut nodes);
        }
    }
    let (w, h) = (420.0f64, 300.0f64);
    let (cx, cy, r) = (w / 2.0, h / 2.0, 105.0f64);
    let n = nodes.len().max(1) as f64;
    let pos = |i: usize| {
        let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n;
        (cx + r * a.cos(), cy + r * a.sin())
    };
    let at = |name: &str, lock: bool| nodes.iter().position(|(m, l)| m == name && *l == lock).map(pos).unwrap_or((cx, cy));
    // An arrow from a to b, stopping short of the node.
    let arrow = |a: (f64, f64), b: (f64, f64), hot: bool, label: &str| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let d = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / d, dy / d);
        let (x1, y1, x2, y2) = (a.0 + ux * 24.0, a.1 + uy * 24.0, b.0 - ux * 26.0, b.1 - uy * 26.0);
        html! {
            <line class={classes!("edge", hot.then_some("cycle"))} x1={format!("{x1:.1}")} y1={format!("{y1:.1}")}
                  x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} marker-end={if hot { "url(#arrow-hot)" } else { "url(#arrow)" }}>
                <title>{ label.to_string() }</title>
            </line>
        }
    };
    let lines = edges.iter().flat_map(|e| {
        let hot = on_cycle.contains(&e.thread) && e.holder.as_ref().is_some_and(|h| on_cycle.contains(h));
        let t = at(&e.thread, false);
        let l = at(&e.lock, true);
        let mut v = vec![arrow(t, l, hot, &format!("{} waits for {}", e.thread, e.lock))];
        if let Some(hd) = &e.holder {
            v.push(arrow(l, at(hd, false), hot, &format!("{} is held by {hd}", e.lock)));
        }
        v
    });
    let shapes = nodes.iter().enumerate().map(|(i, (name, lock))| {
        let (x, y) = pos(i);
        let hot = !*lock && on_cycle.contains(name);
        let label: String = if name.chars().count() > 18 { name.chars().take(17).chain(std::iter::once('…')).collect() } else { name.clone() };
        html! {
            <g class={classes!("node", if *lock { "lock" } else { "thread" }, hot.then_some("cycle"))}>
                if *lock {
                    <rect x={format!("{:.1}", x - 20.0)} y={format!("{:.1}", y - 20.0)} width="40" height="40" rx="4" />
                } else {
                    <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="22" />
                }
                <text x={format!("{x:.1}")} y={format!("{:.1}", y + (if y < cy { -30.0 } else { 38.0 }))} text-anchor="middle">{ label }<title>{ name.clone() }</title></text>
            </g>
        }
    });
    let summary = if on_cycle.is_empty() {
        "No cycle: a thread waits for something nobody holds.".to_string()
    } else {
        format!("Cycle: {} → {}", on_cycle.join(" → "), on_cycle[0])
    };
    html! {
        <figure class="wait-graph">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={format!("Wait-for graph. {summary}")}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" /></marker>
                    <marker id="arrow-hot" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head hot" /></marker>
                </defs>
                { for lines }
                { for shapes }
            </svg>
            <figcaption>
                <strong>{ "Who waits for whom. " }</strong>{ summary }
                <ul>
                    { for edges.iter().map(|e| html! {
                        <li>{ match &e.holder {
                            Some(h) => format!("{} waits for {}, held by {h}", e.thread, e.lock),
                            None => format!("{} waits ({})", e.thread, e.lock),
                        } }</li>
                    }) }
                </ul>
            </figcaption>
        </figure>
    }
}

