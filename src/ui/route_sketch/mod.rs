//! The offline route sketch: stops as circles joined in route order, drawn
//! from their coordinates alone (no map tiles, so it works with no network).
//! Done stops are hollow and grey, remaining ones filled; the next stop is
//! large and numbered; the driver is a blue dot when known.
//!
//! A tap selects the nearest stop. The next few stops are also keyboard
//! buttons; every stop can be chosen from the list below the sketch.

mod markers;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::i18n::catalogues::RouteText as T;
use crate::model::route::project;
use crate::model::route_view::{near_route, nearest_point};
use crate::state::locale::use_locale;
use markers::StopMarkers;
pub(crate) use markers::{FOCUSABLE_AHEAD, NUMBER_ALL_BELOW};

const W: f64 = 360.0;
const H: f64 = 240.0;
const PAD: f64 = 18.0;
/// The driver is drawn only within this distance of some stop; farther away
/// the route would shrink to a dot.
const DRIVER_RANGE_M: f64 = 30_000.0;

/// A stop as the sketch needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct SketchStop {
    pub seq: u32,
    pub at: (f64, f64),
    pub name: String,
}

/// The stops projected into the sketch, and the driver's dot if drawn.
type Projected = (Vec<(f64, f64)>, Option<(f64, f64)>);

#[component]
pub fn RouteSketch(
    #[prop(into)] stops: Signal<Vec<SketchStop>>,
    /// Per stop, in the same order: done (no pending package).
    #[prop(into)]
    done: Signal<Vec<bool>>,
    #[prop(into)] next: Signal<Option<usize>>,
    selected: RwSignal<Option<usize>>,
    #[prop(into)] driver: Signal<Option<(f64, f64)>>,
) -> impl IntoView {
    let l = use_locale();
    // The driver counts in the projection only when near the route.
    let driver_shown = Memo::new(move |_| {
        let d = driver.get()?;
        let pts: Vec<(f64, f64)> = stops.with(|s| s.iter().map(|s| s.at).collect());
        near_route(d, &pts, DRIVER_RANGE_M).then_some(d)
    });
    // Rounded so small GPS jitter does not redraw the whole sketch.
    let driver_key = Memo::new(move |_| {
        driver_shown
            .get()
            .map(|(a, b)| ((a * 2_000.0).round() as i64, (b * 2_000.0).round() as i64))
    });
    // The stops' points in the sketch, and the driver's when drawn.
    let points: Memo<Projected> = Memo::new(move |_| {
        // `get`, not `track`: a memo nobody has read yet has no sources.
        let _ = driver_key.get();
        let mut pts: Vec<(f64, f64)> = stops.with(|s| s.iter().map(|s| s.at).collect());
        let n = pts.len();
        if let Some(d) = driver_shown.get_untracked() {
            pts.push(d);
        }
        let mut projected = project(&pts, W, H, PAD);
        let me = (projected.len() > n).then(|| projected.pop()).flatten();
        (projected, me)
    });
    let polyline = move || {
        points.with(|(p, _)| {
            p.iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };

    let on_tap = move |ev: leptos::ev::MouseEvent| {
        let Some(svg) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        // The SVG keeps the viewBox's aspect ratio, so one scale fits both.
        let scale = W / rect.width();
        let at = (
            (f64::from(ev.client_x()) - rect.left()) * scale,
            (f64::from(ev.client_y()) - rect.top()) * scale,
        );
        let hit = points.with_untracked(|(p, _)| nearest_point(p, at, 28.0));
        if hit.is_some() {
            selected.set(hit);
        }
    };

    // Circles: one static element per stop; only its class follows marks.
    let dots = move || {
        points.with(|(p, _)| {
            p.iter()
                .enumerate()
                .map(|(i, (x, y))| {
                    let is_done = move || done.with(|d| d.get(i).copied().unwrap_or(false));
                    view! {
                        <circle class="dot" class:done=is_done cx=format!("{x:.1}") cy=format!("{y:.1}") r="4.5" />
                    }
                })
                .collect_view()
        })
    };

    let me = move || {
        points.with(|(_, me)| {
            me.map(|(x, y)| {
                view! {
                    <g class="me" aria-hidden="true">
                        <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="14" class="halo" />
                        <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="6.5" class="core" />
                    </g>
                }
            })
        })
    };

    view! {
        <figure class="sketch">
            <svg viewBox=format!("0 0 {W} {H}") role="group" aria-label=l.t(T::SketchLabel) on:click=on_tap>
                <polyline class="route-line" points=polyline aria-hidden="true" />
                <g aria-hidden="true">{dots}</g>
                {me}
                <StopMarkers points stops done next selected />
            </svg>
            <figcaption class="sketch-legend">
                <span class="key next">{l.t(T::KeyNext)}</span>
                <span class="key todo">{l.t(T::KeyToDo)}</span>
                <span class="key done">{l.t(T::KeyDone)}</span>
                <Show when=move || driver_shown.with(Option::is_some)>
                    <span class="key me">{l.t(T::KeyYou)}</span>
                </Show>
                <span class="hint">{l.t(T::SketchHint)}</span>
            </figcaption>
        </figure>
    }
}
