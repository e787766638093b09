//! The sketch's numbered stop markers: the stops a driver is about to
//! drive to are keyboard buttons with their names read out; the rest of a
//! long route stays plain dots so 141 stops do not become 141 tab stops.

use leptos::prelude::*;

use super::{Projected, SketchStop};
use crate::model::i18n::catalogues::{RouteFill as F, RouteText as T};
use crate::model::route_view::numbered_stops;
use crate::state::locale::use_locale;

/// Below this many stops every circle carries its number (on the street
/// map too).
pub(crate) const NUMBER_ALL_BELOW: usize = 30;
/// How many upcoming stops are keyboard buttons on the sketch (and on the
/// street map).
pub(crate) const FOCUSABLE_AHEAD: usize = 6;

#[component]
pub fn StopMarkers(
    points: Memo<Projected>,
    stops: Signal<Vec<SketchStop>>,
    done: Signal<Vec<bool>>,
    next: Signal<Option<usize>>,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let l = use_locale();
    let is_done = move |i: usize| done.with(|d| d.get(i).copied().unwrap_or(false));
    move || {
        let next_i = next.get();
        let sel = selected.get();
        let count = stops.with(Vec::len);
        let shown = numbered_stops(count, next_i, sel, NUMBER_ALL_BELOW, FOCUSABLE_AHEAD);
        let ahead = next_i.map(|n| n..n + FOCUSABLE_AHEAD);
        points.with(|(p, _)| {
            shown
                .into_iter()
                .filter_map(|i| {
                    let (x, y) = *p.get(i)?;
                    let stop = stops.with(|s| s.get(i).cloned())?;
                    let is_next = Some(i) == next_i;
                    let is_sel = Some(i) == sel;
                    let focusable = is_sel || ahead.as_ref().is_some_and(|r| r.contains(&i));
                    let r = if is_next || is_sel { 13.0 } else { 10.0 };
                    let status = l.t(if is_done(i) {
                        T::SketchDone
                    } else if is_next {
                        T::SketchNext
                    } else {
                        T::SketchToDo
                    });
                    let name = l.f(F::SketchStop { seq: &stop.seq, name: &stop.name, status: &status });
                    let select = move || selected.set(Some(i));
                    Some(view! {
                        <g class="marker" class:next=is_next class:selected=is_sel
                            class:done=move || is_done(i)
                            role=focusable.then_some("button")
                            tabindex=focusable.then_some("0")
                            aria-label=focusable.then_some(name)
                            aria-pressed=focusable.then(|| is_sel.to_string())
                            on:click=move |ev| { ev.stop_propagation(); select(); }
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    select();
                                }
                            }>
                            <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r=r.to_string() />
                            <text x=format!("{x:.1}") y=format!("{:.1}", y + 0.5) text-anchor="middle"
                                dominant-baseline="central" aria-hidden="true">{stop.seq}</text>
                        </g>
                    })
                })
                .collect_view()
        })
    }
}
