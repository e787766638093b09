//! Demo-only controls: make the simulated backend fail in each way a real
//! one can, so every outage screen can be seen on a static deploy.

use leptos::prelude::*;

use super::app::EnvSignal;
use super::later::{Later, Part};
use crate::backend::demo::server::{DemoState, FLEET_LARGE, FLEET_STANDARD};
use crate::backend::demo::{Fault, FaultScope};
use crate::model::i18n::catalogues::DemoText;
use crate::platform::demo_transport::{load_state, update_state};
use crate::state::locale::use_locale;

#[component]
pub fn DemoPanel() -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let is_demo = move || env.with(|e| e.as_ref().is_some_and(|e| e.api.is_demo()));
    // The simulated server's code is a chunk of its own (with the server
    // itself, see platform::demo_transport): a real deploy never fetches it.
    view! { <Show when=is_demo><Later part=Part::DemoControls /></Show> }
}

#[component]
pub fn DemoControls() -> impl IntoView {
    let state = load_state();
    let fault = RwSignal::new(state.fault);
    let scope = RwSignal::new(state.fault_scope);
    let l = use_locale();
    let lang = l.lang();

    let set_fault = move |ev| {
        let f = Fault::from_key(&event_target_value(&ev));
        fault.set(f);
        update_state(|s| s.fault = f);
    };
    let set_scope = move |ev| {
        let sc = FaultScope::from_key(&event_target_value(&ev)).unwrap_or_default();
        scope.set(sc);
        update_state(|s| s.fault_scope = sc);
    };
    // A checkbox that changes one setting of the simulated server.
    let check = move |label: DemoText, on: bool, apply: fn(&mut DemoState, bool)| {
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=on
                    on:change=move |ev| update_state(|s| apply(s, event_target_checked(&ev))) />
                {l.t(label)}
            </label>
        }
    };
    view! {
        <details class="demo-panel">
            <summary>{l.t(DemoText::Controls)}</summary>
            <p class="hint">{l.t(DemoText::Hint)}</p>
            <label for="demo-fault">{l.t(DemoText::MakeFail)}</label>
            <select id="demo-fault" on:change=set_fault>
                <option value="" selected=move || fault.get().is_none()>{l.t(DemoText::WorkingNormally)}</option>
                {Fault::ALL.iter().map(|f| {
                    let f = *f;
                    view! { <option value=f.key() selected=move || fault.get() == Some(f)>{f.label_in(lang)}</option> }
                }).collect_view()}
            </select>
            <label for="demo-scope">{l.t(DemoText::For)}</label>
            <select id="demo-scope" on:change=set_scope>
                {FaultScope::ALL.iter().map(|sc| {
                    let sc = *sc;
                    view! { <option value=sc.key() selected=move || scope.get() == sc>{sc.label_in(lang)}</option> }
                }).collect_view()}
            </select>
            {check(DemoText::LargeFleet, state.fleet_size >= FLEET_LARGE, |s, on| {
                s.fleet_size = if on { FLEET_LARGE } else { FLEET_STANDARD };
            })}
            {check(DemoText::LargeManifest, state.large_manifest, |s, on| s.large_manifest = on)}
        </details>
    }
}
