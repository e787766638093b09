//! The drivers on the street map, beside (or above) the fleet table: each
//! driver with a last known position is a marker coloured and shaped by
//! state, named for assistive technology and as a tooltip ("Quentin
//! Marsh-Adebayo, unreachable"), and a link to that driver. The map shows
//! the drivers the table shows (its state and text filters).
//!
//! Drivers that would cover each other are one numbered group (selecting
//! it zooms in), so a thousand drivers are a few dozen elements at a
//! city-wide zoom and the map stays fluid.

use leptos::prelude::*;

use super::street_map::{MapState, StreetMap};
use crate::model::fleet::DriverState;
use crate::model::i18n::catalogues::{MapFill, MapText as M};
use crate::model::i18n::Lang;
use crate::model::map::camera::{Insets, Viewport, Zooms};
use crate::model::map::clusters::{group, Group};
use crate::model::map::{Camera, MapSetup, World};
use crate::platform::split::PartMissing;
use crate::split_point;
use crate::state::locale::{use_locale, Locale};

/// Markers closer than this (pixels) are grouped: a finger's width.
const GROUP_SPACING_PX: f64 = 44.0;
/// Room around the drivers in a first view: the map's buttons are at the
/// top and on the right, its credit at the bottom.
const FIT_PAD: Insets = Insets {
    top: 64.0,
    right: 64.0,
    bottom: 40.0,
    left: 28.0,
};
/// The map before it is measured (a desk's side column).
const FIRST_SIZE: Viewport = Viewport {
    width: 420.0,
    height: 520.0,
};

/// A driver the map can show.
#[derive(Clone, Debug, PartialEq)]
pub struct MapDriver {
    pub id: String,
    pub name: String,
    pub state: DriverState,
    pub lat: f64,
    pub lng: f64,
    /// The driver's page (the fleet's view with this driver open).
    pub href: String,
}

/// What the fleet screen hands the map.
#[derive(Clone)]
pub struct FleetMapData {
    /// config.json's `"map"`, as written (JSON text).
    pub map: String,
    /// The drivers the table shows that have a position, in table order.
    pub drivers: Memo<Vec<MapDriver>>,
    /// How many drivers the table shows (with or without a position).
    pub shown: Signal<usize>,
    /// Changes with the table's filters: the map fits the drivers again.
    pub filter: Signal<String>,
    pub open: Callback<String>,
}

split_point!(
    map,
    /// The fleet map, or why the map setting cannot be used (in `lang`).
    fn fleet_map_part(
        props: FleetMapData,
        lang: Lang,
    ) -> Result<Result<AnyView, String>, PartMissing> {
        Ok(match MapSetup::from_text(&props.map) {
            Ok(setup) => Ok(view! { <FleetMap setup data=props /> }.into_any()),
            Err(e) => Err(e.describe(lang)),
        })
    }
);

/// Loads the map's code and draws the fleet map (see `map_slot`).
pub async fn load_fleet_map(
    props: FleetMapData,
    lang: Lang,
) -> Result<Result<AnyView, String>, PartMissing> {
    crate::later!(fleet_map_part(props, lang))
}

/// The state's words on a marker ("unreachable") and its class.
fn state_words(l: Locale, s: &DriverState) -> (&'static str, &'static str) {
    match s {
        DriverState::OnRoute => (l.t(M::MarkerOnRoute), "on_route"),
        DriverState::SignedOut => (l.t(M::MarkerSignedOut), "signed_out"),
        DriverState::Unreachable => (l.t(M::MarkerUnreachable), "unreachable"),
        DriverState::Finished => (l.t(M::MarkerFinished), "finished"),
        _ => (l.t(M::MarkerUnknown), "unknown"),
    }
}

/// The mark inside a marker, so the state is not told by colour alone.
fn glyph(s: &DriverState) -> &'static str {
    match s {
        DriverState::OnRoute => "›",
        DriverState::SignedOut => "–",
        DriverState::Unreachable => "!",
        DriverState::Finished => "✓",
        _ => "?",
    }
}

/// "3 on route, 1 unreachable", in the order of the states.
fn group_states(l: Locale, members: &[&MapDriver]) -> String {
    let order = [
        DriverState::OnRoute,
        DriverState::Unreachable,
        DriverState::SignedOut,
        DriverState::Finished,
    ];
    let mut parts: Vec<String> = order
        .iter()
        .map(|s| (s, members.iter().filter(|d| &d.state == s).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| {
            l.f(MapFill::GroupState {
                n: &n,
                state: &state_words(l, s).0,
            })
        })
        .collect();
    let others = members.iter().filter(|d| !order.contains(&d.state)).count();
    if others > 0 {
        parts.push(l.f(MapFill::GroupState {
            n: &others,
            state: &l.t(M::MarkerUnknown),
        }));
    }
    parts.join(", ")
}

#[component]
fn FleetMap(setup: MapSetup, data: FleetMapData) -> impl IntoView {
    let l = use_locale();
    let FleetMapData {
        drivers,
        shown,
        filter,
        open,
        ..
    } = data;
    let max = f64::from(setup.max_zoom);
    let zooms = Zooms {
        min: 3.0_f64.min(max),
        max,
        single: 15.0_f64.min(max),
    };
    let worlds = Memo::new(move |_| {
        drivers.with(|d| {
            d.iter()
                .map(|d| World::from_lat_lng(d.lat, d.lng))
                .collect::<Vec<_>>()
        })
    });
    let start = worlds
        .with_untracked(|w| Camera::fit(w, FIRST_SIZE, FIT_PAD, zooms))
        .unwrap_or(Camera {
            center: World::from_lat_lng(0.0, 0.0),
            zoom: zooms.min,
        });
    let state = MapState::new(zooms, FIRST_SIZE, start);
    // A first view of the drivers shown: again whenever the filters change,
    // and as they move until the dispatcher moves the map.
    Effect::new(move |prev: Option<String>| {
        let key = filter.get();
        let _ = state.size.get();
        worlds.track();
        if prev.as_ref() != Some(&key) {
            state.touched.set(false);
        }
        if !state.touched.get_untracked() {
            worlds.with_untracked(|w| state.fit(w, FIT_PAD));
        }
        key
    });
    let on_fit = Callback::new(move |_| worlds.with_untracked(|w| state.fit(w, FIT_PAD)));

    // Grouped at the whole zoom drawn; at the source's deepest zoom
    // nobody is grouped (there is no closer look to offer).
    let level = Memo::new(move |_| state.camera.with(|c| c.zoom.round().clamp(0.0, max) as u8));
    // Keyed by who is in a group, their states and where it is, so a
    // refresh or a filter redraws exactly the markers that changed.
    let groups = Memo::new(move |_| {
        let level = level.get();
        let spacing = if f64::from(level) >= max {
            1.0
        } else {
            GROUP_SPACING_PX
        };
        let groups = worlds.with(|w| {
            let pts: Vec<(usize, World)> = w.iter().copied().enumerate().collect();
            group(&pts, level, spacing)
        });
        drivers.with(|d| {
            groups
                .into_iter()
                .map(|g| {
                    let who: Vec<String> = g
                        .members
                        .iter()
                        .filter_map(|i| d.get(*i))
                        .map(|d| format!("{}:{}:{}", d.id, d.state.as_str(), d.href))
                        .collect();
                    (format!("{}@{:.9},{:.9}", who.join(","), g.at.x, g.at.y), g)
                })
                .collect::<Vec<(String, Group)>>()
        })
    });
    let item = move |(_, g): (String, Group)| {
        let transform = move || {
            let (x, y) = state.place(g.at);
            format!("translate({x:.1}px,{y:.1}px)")
        };
        let members: Vec<MapDriver> = drivers.with_untracked(|d| {
            g.members
                .iter()
                .filter_map(|i| d.get(*i).cloned())
                .collect()
        });
        if let [d] = members.as_slice() {
            let (words, class) = state_words(l, &d.state);
            let name = l.f(MapFill::DriverMarker {
                name: &d.name,
                state: &words,
            });
            let id = d.id.clone();
            view! {
                <a class=format!("driver-marker state-{class}") href=d.href.clone() aria-label=name.clone() title=name
                    data-driver=d.id.clone() style:transform=transform
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        let plain = ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
                        if plain {
                            ev.prevent_default();
                            open.run(id.clone());
                        }
                    }>
                    <span aria-hidden="true">{glyph(&d.state)}</span>
                </a>
            }
            .into_any()
        } else {
            let refs: Vec<&MapDriver> = members.iter().collect();
            let label = l.f(MapFill::GroupLabel {
                count: &members.len(),
                states: &group_states(l, &refs),
            });
            let points: Vec<World> = members
                .iter()
                .map(|d| World::from_lat_lng(d.lat, d.lng))
                .collect();
            let count = members.len();
            // A group with an unreachable driver is red: the one to look
            // into, even before zooming in.
            let urgent = members.iter().any(|d| d.state == DriverState::Unreachable);
            view! {
                <button type="button" class="driver-group" class:urgent=urgent aria-label=label.clone() title=label data-count=count
                    style:transform=transform
                    on:click=move |_| {
                        // Closer, to where these drivers are: at least one
                        // step in, so a tap always shows more.
                        let before = state.camera.get_untracked();
                        state.fit(&points, FIT_PAD);
                        let after = state.camera.get_untracked();
                        if after.zoom <= before.zoom {
                            let zoom = (before.zoom.floor() + 1.0).min(state.zooms.max);
                            state.camera.set(Camera { center: after.center, zoom });
                        }
                        state.touched.set(true);
                    }>
                    <span aria-hidden="true">{count}</span>
                </button>
            }
            .into_any()
        }
    };
    let on_map = move || {
        let on = drivers.with(Vec::len);
        let total = shown.get();
        if total > 0 && on == 0 {
            l.t(M::OnMapNone).to_string()
        } else if on >= total {
            l.f(MapFill::OnMapAll { n: &on })
        } else {
            l.f(MapFill::OnMapSome {
                shown: &on,
                total: &total,
                missing: &(total - on),
            })
        }
    };

    view! {
        <figure class="fleet-map">
            <StreetMap state setup label=l.t(M::FleetMapLabel).to_string() hint_id="fleet-map-hint"
                fit_label=l.t(M::FitDrivers).to_string() on_fit>
                <div class="driver-markers">
                    <For each=move || groups.get() key=|(k, _)| k.clone() children=item />
                </div>
            </StreetMap>
            <figcaption class="map-legend">
                <span class="key state-on_route">{state_words(l, &DriverState::OnRoute).0}</span>
                <span class="key state-unreachable">{state_words(l, &DriverState::Unreachable).0}</span>
                <span class="key state-signed_out">{state_words(l, &DriverState::SignedOut).0}</span>
                <span class="key state-finished">{state_words(l, &DriverState::Finished).0}</span>
                <span class="key group">{l.t(M::KeyGroup)}</span>
                <span class="key group urgent">{l.t(M::KeyGroupUrgent)}</span>
                <span class="on-map">{on_map}</span>
                <span class="hint" id="fleet-map-hint">{l.t(M::FleetHint)}</span>
            </figcaption>
        </figure>
    }
}
