//! Where a screen shows a street map: the map's code (its own chunk, see
//! `platform::split`) is fetched the first time, and whatever goes wrong
//! is said plainly while the screen goes on working: a map set up wrong
//! names the problem, a map whose code cannot be fetched offers to try
//! again, and on the route screen the sketch is drawn instead.

use leptos::prelude::*;

use super::fleet_map::{load_fleet_map, FleetMapData};
use super::route_map::{load_route_map, RouteMapData};
use crate::model::i18n::catalogues::{AppText, MapFill, MapText as M};
use crate::platform::split::PartMissing;
use crate::state::locale::use_locale;

#[component]
fn MapLoading() -> impl IntoView {
    let l = use_locale();
    view! { <div class="map-loading"><p class="empty" role="status">{l.t(AppText::PartLoading)}</p></div> }
}

/// The route map, or the sketch (`sketch`) with the reason.
#[component]
pub fn RouteMapSlot(props: RouteMapData, sketch: ViewFn) -> impl IntoView {
    let l = use_locale();
    let tries = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <MapLoading /> }>
            {move || {
                tries.track();
                let (props, sketch) = (props.clone(), sketch.clone());
                Suspend::new(async move {
                    match load_route_map(props, l.lang()).await {
                        Ok(Ok(map)) => map,
                        Ok(Err(problem)) => view! {
                            <div class="map-and-note">
                                <p class="notice map-problem">{l.f(MapFill::SetupProblem { problem: &problem })}</p>
                                {sketch.run()}
                            </div>
                        }
                        .into_any(),
                        Err(PartMissing) => view! {
                            <div class="map-and-note">
                                <div class="notice map-problem">
                                    <p>{l.t(M::MapNotLoaded)}</p>
                                    <button type="button" class="secondary" on:click=move |_| tries.update(|n| *n += 1)>
                                        {l.t(M::TryMapAgain)}
                                    </button>
                                </div>
                                {sketch.run()}
                            </div>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The fleet map, or the reason it is not there.
#[component]
pub fn FleetMapSlot(props: FleetMapData) -> impl IntoView {
    let l = use_locale();
    let tries = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <MapLoading /> }>
            {move || {
                tries.track();
                let props = props.clone();
                Suspend::new(async move {
                    match load_fleet_map(props, l.lang()).await {
                        Ok(Ok(map)) => map,
                        Ok(Err(problem)) => view! {
                            <p class="notice map-problem">{l.f(MapFill::FleetSetupProblem { problem: &problem })}</p>
                        }
                        .into_any(),
                        Err(PartMissing) => view! {
                            <div class="notice map-problem">
                                <p>{l.t(M::FleetMapNotLoaded)}</p>
                                <button type="button" class="secondary" on:click=move |_| tries.update(|n| *n += 1)>
                                    {l.t(M::TryMapAgain)}
                                </button>
                            </div>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
