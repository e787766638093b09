//! The fleet's filters: one button per driver state (with its count) and
//! the text filter, and the line that says how many drivers are shown.

use leptos::prelude::*;

use super::query::TableQuery;
use crate::model::fleet::DriverState;
use crate::model::fleet_view::StateCounts;
use crate::model::i18n::catalogues::{FleetFill, FleetText};
use crate::state::locale::use_locale;

const FILTERS: [(Option<DriverState>, FleetText); 5] = [
    (None, FleetText::FilterAll),
    (Some(DriverState::OnRoute), FleetText::StateOnRoute),
    (Some(DriverState::SignedOut), FleetText::StateSignedOut),
    (Some(DriverState::Unreachable), FleetText::StateUnreachable),
    (Some(DriverState::Finished), FleetText::StateFinished),
];

#[component]
pub fn FleetControls(
    table: TableQuery,
    counts: Memo<StateCounts>,
    /// The drivers the filters let through, in table order.
    order: Memo<Vec<usize>>,
) -> impl IntoView {
    let l = use_locale();
    let query = table.query;

    let on_text = move |ev| {
        let mut q = query.get_untracked();
        q.text = event_target_value(&ev);
        table.set(q);
    };

    let filter_button = move |(state, label): (Option<DriverState>, FleetText)| {
        let key = state
            .as_ref()
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| "all".into());
        let state_for_count = state.clone();
        let count = move || {
            counts.with(|c| match &state_for_count {
                Some(s) => c.get(s),
                None => c.total(),
            })
        };
        let state_for_pressed = state.clone();
        let pressed = move || query.with(|q| q.state == state_for_pressed);
        view! {
            <button type="button" class=format!("state-filter state-{key}") data-state=key.clone()
                aria-pressed=move || pressed().to_string()
                on:click=move |_| {
                    let mut q = query.get_untracked();
                    q.state = state.clone();
                    table.set(q);
                }>
                <span class="count">{count}</span>
                <span class="label">{l.t(label)}</span>
            </button>
        }
    };

    let shown_text = move || {
        let shown = order.with(Vec::len);
        let total = counts.with(|c| c.total());
        if shown == total {
            l.f(FleetFill::Drivers { n: &total })
        } else {
            l.f(FleetFill::ShowingOf {
                shown: &shown,
                total: &total,
            })
        }
    };

    view! {
        <div class="fleet-controls">
            <div class="state-filters" role="group" aria-label=l.t(FleetText::FilterByState)>
                {FILTERS.into_iter().map(filter_button).collect_view()}
            </div>
            <div class="text-filter">
                <label for="fleet-filter">{l.t(FleetText::FindLabel)}</label>
                <input id="fleet-filter" type="search" autocomplete="off" spellcheck="false"
                    prop:value=move || query.with(|q| q.text.clone()) on:input=on_text />
            </div>
        </div>
        <p class="shown">
            <span role="status" aria-live="polite">{shown_text}</span>
            <span class="legend">" · "{l.t(FleetText::Legend)}</span>
        </p>
    }
}
