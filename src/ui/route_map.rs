//! The route on the street map: the route line, every stop (done ones
//! hollow and grey, the next one large and numbered), the driver's position
//! when location is allowed, and the tiles kept for offline use.
//!
//! The first view fits the stops still to do, the next stop and the driver
//! (when near the route); until the driver moves the map it follows them as
//! stops are done. A stop picked anywhere comes into view. As on the sketch,
//! the next few stops are buttons; every stop stays reachable in the list
//! below for screen-reader and keyboard users.

use leptos::prelude::*;

use super::route_sketch::{SketchStop, FOCUSABLE_AHEAD, NUMBER_ALL_BELOW};
use super::street_map::{MapState, StreetMap};
use crate::model::i18n::catalogues::{MapText as M, RouteFill, RouteText as T};
use crate::model::i18n::Lang;
use crate::model::map::offline::{route_zooms, saving_words, TileSaving, FIT_PAD, PHONE_MAP};
use crate::model::map::{Camera, MapSetup, World};
use crate::model::route_view::{near_route, nearest_point, numbered_stops};
use crate::platform::split::PartMissing;
use crate::split_point;
use crate::state::locale::use_locale;
use crate::state::map_tiles;

/// The driver counts in the first view only within this distance of a
/// stop; farther away the route would shrink to a dot.
const DRIVER_RANGE_M: f64 = 30_000.0;
/// A tap this close to a stop selects it.
const TAP_RADIUS_PX: f64 = 24.0;
/// Numbered stops closer than this (pixels) would cover each other: the
/// later one in route order is left as a dot (it is in the list).
const NUMBERS_APART_PX: f64 = 36.0;
/// A picked stop is brought this far inside the map's edge (clear of its
/// buttons).
const SHOW_MARGIN_PX: f64 = 64.0;

/// What the route screen hands the map.
#[derive(Clone)]
pub struct RouteMapData {
    /// config.json's `"map"`, as written (JSON text).
    pub map: String,
    pub stops: Signal<Vec<SketchStop>>,
    /// Per stop, in the same order: done (no pending package).
    pub done: Signal<Vec<bool>>,
    pub next: Signal<Option<usize>>,
    pub selected: RwSignal<Option<usize>>,
    pub driver: Signal<Option<(f64, f64)>>,
}

split_point!(
    map,
    /// The route map, or why the map setting cannot be used (in `lang`).
    fn route_map_part(
        props: RouteMapData,
        lang: Lang,
    ) -> Result<Result<AnyView, String>, PartMissing> {
        Ok(match MapSetup::from_text(&props.map) {
            Ok(setup) => Ok(view! { <RouteMap setup data=props /> }.into_any()),
            Err(e) => Err(e.describe(lang)),
        })
    }
);

/// Loads the map's code and draws the route map (see `map_slot`).
pub async fn load_route_map(
    props: RouteMapData,
    lang: Lang,
) -> Result<Result<AnyView, String>, PartMissing> {
    crate::later!(route_map_part(props, lang))
}

#[component]
fn RouteMap(setup: MapSetup, data: RouteMapData) -> impl IntoView {
    let l = use_locale();
    let RouteMapData {
        stops,
        done,
        next,
        selected,
        driver,
        ..
    } = data;
    let worlds = Memo::new(move |_| {
        stops.with(|s| {
            s.iter()
                .map(|s| World::from_lat_lng(s.at.0, s.at.1))
                .collect::<Vec<_>>()
        })
    });
    let driver_near = Memo::new(move |_| {
        let d = driver.get()?;
        let pts: Vec<(f64, f64)> = stops.with(|s| s.iter().map(|s| s.at).collect());
        near_route(d, &pts, DRIVER_RANGE_M).then(|| World::from_lat_lng(d.0, d.1))
    });
    // Rounded (about 50 m) so GPS jitter does not move a followed view.
    let driver_key = Memo::new(move |_| {
        driver_near
            .get()
            .map(|w| ((w.x * 1e6).round() as i64, (w.y * 1e6).round() as i64))
    });
    // The stops still to do, the next one and the driver; all stops once
    // every one is done.
    let first_view = Memo::new(move |_| {
        let _ = driver_key.get();
        let mut pts: Vec<World> = worlds.with(|w| {
            done.with(|d| {
                w.iter()
                    .enumerate()
                    .filter(|(i, _)| !d.get(*i).copied().unwrap_or(false))
                    .map(|(_, p)| *p)
                    .collect()
            })
        });
        if let Some(n) = next.get().and_then(|n| worlds.with(|w| w.get(n).copied())) {
            pts.push(n);
        }
        if pts.is_empty() {
            pts = worlds.get();
        }
        if let Some(d) = driver_near.get_untracked() {
            pts.push(d);
        }
        pts
    });
    let zooms = route_zooms(setup.max_zoom);
    let start = first_view
        .with_untracked(|p| Camera::fit(p, PHONE_MAP, FIT_PAD, zooms))
        .unwrap_or(Camera {
            center: World::from_lat_lng(0.0, 0.0),
            zoom: zooms.min,
        });
    let state = MapState::new(zooms, PHONE_MAP, start);
    // Follow the first view (once measured, and as stops are done) until
    // the driver moves the map.
    Effect::new(move |_| {
        let _ = state.size.get();
        let pts = first_view.get();
        if !state.touched.get_untracked() {
            state.fit(&pts, FIT_PAD);
        }
    });
    // A stop picked on the map, in the list or in the bar comes into view.
    Effect::new(move |prev: Option<Option<usize>>| {
        let sel = selected.get();
        if prev.is_some() {
            if let Some(w) = sel.and_then(|i| worlds.with_untracked(|w| w.get(i).copied())) {
                state.show(w, SHOW_MARGIN_PX);
            }
        }
        sel
    });
    let on_fit = Callback::new(move |_| state.fit(&first_view.get_untracked(), FIT_PAD));
    let on_tap = Callback::new(move |at: (f64, f64)| {
        let on_screen: Vec<(f64, f64)> =
            worlds.with_untracked(|w| w.iter().map(|p| state.on_screen(*p)).collect());
        if let Some(i) = nearest_point(&on_screen, at, TAP_RADIUS_PX) {
            selected.set(Some(i));
        }
    });

    let placed = Memo::new(move |_| {
        let f = state.frame.get();
        worlds.with(|w| w.iter().map(|p| f.place(*p)).collect::<Vec<_>>())
    });
    let is_done = move |i: usize| done.with(|d| d.get(i).copied().unwrap_or(false));

    // The line and the dots, in one SVG the size of the route.
    let svg_box = Memo::new(move |_| {
        placed.with(|p| {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (x, y) in p {
                x0 = x0.min(*x);
                y0 = y0.min(*y);
                x1 = x1.max(*x);
                y1 = y1.max(*y);
            }
            if p.is_empty() {
                (0.0, 0.0, 1.0, 1.0)
            } else {
                (x0 - 20.0, y0 - 20.0, x1 - x0 + 40.0, y1 - y0 + 40.0)
            }
        })
    });
    let line = move |from: usize, to: Option<usize>| {
        placed.with(|p| {
            let to = to.unwrap_or(p.len()).min(p.len());
            p.get(from.min(to)..to)
                .unwrap_or_default()
                .iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    // Done up to the next stop, still to drive from it.
    let done_line = move || match next.get() {
        Some(n) => line(0, Some(n + 1)),
        None => line(0, None),
    };
    let todo_line = move || next.get().map(|n| line(n, None)).unwrap_or_default();
    // The next few legs, bold over the thin rest: on a long route the whole
    // line is a web, and these are what the driver drives next.
    let ahead_line = move || {
        next.get()
            .map(|n| line(n, Some(n + FOCUSABLE_AHEAD)))
            .unwrap_or_default()
    };
    let dots = move || {
        (0..stops.with(Vec::len))
            .map(|i| {
                let at = move || placed.with(|p| p.get(i).copied().unwrap_or_default());
                view! {
                    <circle class="dot" class:done=move || is_done(i)
                        cx=move || format!("{:.1}", at().0) cy=move || format!("{:.1}", at().1) r="5" />
                }
            })
            .collect_view()
    };

    // Numbered stops: every one on a short route, else the next few and
    // the selected one; the next few (and the selected) are buttons.
    let numbered = Memo::new(move |_| {
        let count = stops.with(Vec::len);
        let next_i = next.get();
        let sel = selected.get();
        // The same stops as the sketch numbers (`numbered_stops`).
        let mut shown = numbered_stops(count, next_i, sel, NUMBER_ALL_BELOW, FOCUSABLE_AHEAD);
        // The next and the selected stop first, then in route order; one
        // that would cover a number already placed is left out.
        shown.sort_by_key(|i| (Some(*i) != next_i, Some(*i) != sel, *i));
        let mut kept: Vec<(usize, (f64, f64))> = Vec::new();
        placed.with(|p| {
            for i in shown {
                let Some(&at) = p.get(i) else { continue };
                let clear = kept
                    .iter()
                    .all(|(_, k)| (k.0 - at.0).hypot(k.1 - at.1) >= NUMBERS_APART_PX);
                if clear {
                    kept.push((i, at));
                }
            }
        });
        // In route order on the page, so focus stays put when the next or
        // the selected stop changes (which is on top is the style's z-index);
        // the next few and the selected are buttons.
        let ahead = next_i.map(|n| n..n + FOCUSABLE_AHEAD);
        let mut shown: Vec<(usize, bool)> = kept
            .into_iter()
            .map(|(i, _)| {
                (
                    i,
                    Some(i) == sel || ahead.as_ref().is_some_and(|r| r.contains(&i)),
                )
            })
            .collect();
        shown.sort_unstable();
        shown
    });
    let marker = move |(i, focusable): (usize, bool)| {
        let Some(stop) = stops.with_untracked(|s| s.get(i).cloned()) else {
            return ().into_any();
        };
        let is_next = move || next.get() == Some(i);
        let is_sel = move || selected.get() == Some(i);
        let name = move || {
            let status = l.t(if is_done(i) {
                T::SketchDone
            } else if is_next() {
                T::SketchNext
            } else {
                T::SketchToDo
            });
            l.f(RouteFill::SketchStop {
                seq: &stop.seq,
                name: &stop.name,
                status: &status,
            })
        };
        let at = move || placed.with(|p| p.get(i).copied().unwrap_or_default());
        let transform = move || {
            let (x, y) = at();
            format!("translate({x:.1}px,{y:.1}px)")
        };
        if focusable {
            view! {
                <button type="button" class="stop-marker" class:next=is_next class:selected=is_sel class:done=move || is_done(i)
                    aria-label=name aria-pressed=move || is_sel().to_string() style:transform=transform
                    on:click=move |_| selected.set(Some(i))>
                    <span aria-hidden="true">{stop.seq}</span>
                </button>
            }
            .into_any()
        } else {
            view! {
                <span class="stop-marker" class:next=is_next class:done=move || is_done(i) aria-hidden="true"
                    style:transform=transform>{stop.seq}</span>
            }
            .into_any()
        }
    };
    let me = move || {
        driver_near.get().map(|w| {
            let (x, y) = state.place(w);
            view! { <div class="me" aria-hidden="true" style:transform=format!("translate({x:.1}px,{y:.1}px)")></div> }
        })
    };

    let tiles = map_tiles::saving();
    let saving = Memo::new(move |_| tiles.get());
    let offline_line = move || saving_words(l.lang(), &saving.get());
    let (kept_tiles, kept_bytes) = (
        move || match saving.get() {
            TileSaving::Saved { tiles, .. } => Some(tiles.to_string()),
            _ => None,
        },
        move || match saving.get() {
            TileSaving::Saved { bytes, .. } => Some(bytes.to_string()),
            _ => None,
        },
    );

    view! {
        <figure class="route-map">
            <StreetMap state setup label=l.t(M::RouteMapLabel).to_string() hint_id="route-map-hint"
                fit_label=l.t(M::FitStops).to_string() on_fit on_tap>
                <svg class="route-overlay" aria-hidden="true"
                    viewBox=move || svg_box.with(|(x, y, w, h)| format!("{x:.1} {y:.1} {w:.1} {h:.1}"))
                    style:left=move || svg_box.with(|b| format!("{:.1}px", b.0))
                    style:top=move || svg_box.with(|b| format!("{:.1}px", b.1))
                    style:width=move || svg_box.with(|b| format!("{:.1}px", b.2))
                    style:height=move || svg_box.with(|b| format!("{:.1}px", b.3))>
                    <polyline class="route-line done" points=done_line />
                    <polyline class="route-line todo" points=todo_line />
                    <polyline class="route-line ahead" points=ahead_line />
                    {dots}
                </svg>
                {me}
                <div class="stop-markers">
                    <For each=move || numbered.get() key=|m| *m children=marker />
                </div>
            </StreetMap>
            <figcaption class="sketch-legend">
                <span class="key next">{l.t(T::KeyNext)}</span>
                <span class="key todo">{l.t(T::KeyToDo)}</span>
                <span class="key done">{l.t(T::KeyDone)}</span>
                <Show when=move || driver_near.with(Option::is_some)>
                    <span class="key me">{l.t(T::KeyYou)}</span>
                </Show>
                <span class="hint" id="route-map-hint">{l.t(M::RouteHint)}</span>
            </figcaption>
            {move || offline_line().map(|t| view! {
                <p class="map-offline" data-tiles=kept_tiles data-bytes=kept_bytes>{t}</p>
            })}
        </figure>
    }
}
