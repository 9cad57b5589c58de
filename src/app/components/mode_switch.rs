//! The scheduler switch: GIL (CPython 3.11), free-threaded (3.13t) or stepped. A
//! labelled radio group, so it works with the keyboard and reads well aloud.

use yew::prelude::*;

use crate::runtime::options::Mode;

#[derive(Properties, PartialEq)]
pub struct ModeSwitchProps {
    pub mode: Mode,
    pub on_change: Callback<Mode>,
    /// Unique on the page: the radio group's name.
    pub name: AttrValue,
    #[prop_or_default]
    pub disabled: bool,
}

pub const MODES: [(Mode, &str, &str); 3] = [
    (Mode::Gil, "GIL", "CPython 3.11: one thread runs Python at a time"),
    (Mode::Free, "Free-threaded", "like CPython 3.13t: threads run in parallel"),
    (Mode::Step, "Stepped", "one thread at a time, switching at random points; each seed is one schedule"),
];

pub fn mode_label(mode: Mode) -> &'static str {
    MODES.iter().find(|(m, ..)| *m == mode).map(|(_, l, _)| *l).unwrap_or("GIL")
}

#[function_component(ModeSwitch)]
pub fn mode_switch(props: &ModeSwitchProps) -> Html {
    html! {
        <fieldset class="mode-switch">
            <legend>{ "Run with" }</legend>
            { for MODES.iter().map(|(mode, label, what)| {
                let on_change = props.on_change.clone();
                let mode = *mode;
                let onchange = Callback::from(move |_: Event| on_change.emit(mode));
                html! {
                    <label title={*what}>
                        <input type="radio" name={props.name.clone()} value={mode.name()}
                               checked={props.mode == mode} disabled={props.disabled} {onchange} />
                        { *label }
                    </label>
                }
            }) }
            <span class="mode-what">{ MODES.iter().find(|(m, ..)| *m == props.mode).map(|(_, _, w)| *w).unwrap_or("") }</span>
        </fieldset>
    }
}
