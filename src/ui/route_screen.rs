//! The route: progress, the next stop (how far and which way, its time
//! window), an offline sketch of the stops, and the ordered stop list. Any
//! stop can be selected; the bottom bar hands it to the driver's GPS app.

use leptos::prelude::*;

use super::app::EnvSignal;
use super::contrast_toggle::ContrastToggle;
use super::driver_view::{
    coarse_now, marked_manifest, more_stops, watch_location, GeoState, MoreRows, ROWS_STEP,
};
use super::long_text::{long_text, short_plain, short_text};
use super::map_slot::RouteMapSlot;
use super::nav_links::{saved_nav_app, NavAppSelect, NavigateLink};
use super::route_map::RouteMapData;
use super::route_sketch::{RouteSketch, SketchStop};
use super::stop_card::window_text;
use crate::model::i18n::catalogues::{DriverFill as DF, DriverText as D};
use crate::model::i18n::catalogues::{RouteFill as F, RouteText as T};
use crate::model::i18n::{around_mark, MARK};
use crate::model::manifest::{PackageStatus, Stop};
use crate::model::navigate::NavApp;
use crate::model::route::{
    bearing_deg, compass_in, haversine_m, next_stop_index, route_progress, stop_done, window_state,
};
use crate::model::route_view::{rows_to_render, window_words};
use crate::platform::geolocation::GeoError;
use crate::platform::intl;
use crate::state::locale::{use_locale, Locale};
use crate::state::routebook::RouteBook;

#[component]
pub fn RouteScreen() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let manifest = marked_manifest(book);
    let geo = watch_location(book, true);
    let nav_app = RwSignal::new(saved_nav_app());
    let selected = RwSignal::new(None::<usize>);
    let now = coarse_now();

    let next = Memo::new(move |_| manifest.with(|m| m.as_ref().and_then(next_stop_index)));
    let progress = Memo::new(move |_| manifest.with(|m| m.as_ref().map(route_progress)));
    let done = Memo::new(move |_| {
        manifest.with(|m| {
            m.as_ref()
                .map(|m| m.stops.iter().map(stop_done).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let sketch_stops = Memo::new(move |_| {
        book.saved.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.manifest
                        .stops
                        .iter()
                        .map(|st| SketchStop {
                            seq: st.seq,
                            at: (st.lat, st.lng),
                            name: short_text(&st.address.line1),
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // The stop in focus: the one the driver picked, else the next one.
    let focus = Memo::new(move |_| selected.get().or_else(|| next.get()));
    let focus_stop = Memo::new(move |_| {
        let i = focus.get()?;
        manifest.with(|m| m.as_ref()?.stops.get(i).cloned())
    });
    let driver = Signal::derive(move || match geo.get() {
        GeoState::Known(f) => Some((f.lat, f.lng)),
        _ => None,
    });
    let stop_count = Signal::derive(move || {
        book.saved
            .with(|s| s.as_ref().map_or(0, |s| s.manifest.stops.len()))
    });
    let limit = RwSignal::new(rows_to_render(ROWS_STEP, next.get_untracked(), ROWS_STEP));
    // A street map when config.json has one (its code loads only then);
    // else, and while a map cannot be had, the sketch.
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let map_setting =
        Memo::new(move |_| env.with(|e| e.as_ref().and_then(|e| e.config.map.clone())));
    let sketch = move || view! { <RouteSketch stops=sketch_stops done next selected driver /> };
    let picture = move || match map_setting.get() {
        None => sketch().into_any(),
        Some(map) => {
            let props = RouteMapData {
                map,
                stops: sketch_stops.into(),
                done: done.into(),
                next: next.into(),
                selected,
                driver,
            };
            view! { <div class="map-slot"><RouteMapSlot props sketch=ViewFn::from(sketch) /></div> }
                .into_any()
        }
    };

    view! {
        <section class="route" aria-labelledby="route-title">
            <div class="screen-head">
                <h1 id="route-title">{l.t(T::Title)}</h1>
                <ContrastToggle />
            </div>
            // Fixed at the bottom of the screen, but early in the page so the
            // keyboard reaches "Navigate" without tabbing past every stop.
            <RouteBar focus_stop is_next=Signal::derive(move || focus.get() == next.get()) app=nav_app selected />
            <Show when=move || book.saved.with(Option::is_some)
                fallback=move || view! { <p class="empty" role="status">{l.t(T::NoManifest)}</p> }>
                <RouteProgress progress />
                <GeoNote geo />
                {picture}
                {move || focus_stop.get().map(|stop| {
                    let is_next = focus.get() == next.get();
                    view! { <FocusCard stop is_next driver now selected /> }
                })}
                <NavAppSelect app=nav_app />
                <h2 class="list-title">{l.t(T::AllStops)}</h2>
                <ol class="route-stops">
                    {move || {
                        let shown = limit.get().min(stop_count.get());
                        (0..shown).map(|i| view! { <RouteRow index=i manifest=manifest next selected now /> }).collect_view()
                    }}
                </ol>
                <MoreRows limit total=stop_count label=more_stops />
            </Show>
        </section>
    }
}

#[component]
fn RouteProgress(progress: Memo<Option<(usize, usize)>>) -> impl IntoView {
    let l = use_locale();
    move || {
        progress.get().map(|(done, total)| {
            view! {
                <div class="route-progress">
                    <p>{
                        let (before, after) = around_mark(&l.f(F::StopsDone { count: &MARK }));
                        view! { {before}<strong>{l.f(F::DoneOf { done: &done, total: &total })}</strong>{after} }
                    }</p>
                    <progress max=total.max(1).to_string() value=done.to_string()
                        aria-label=l.f(F::DoneOfStops { done: &done, total: &total })></progress>
                </div>
            }
        })
    }
}

/// A quiet note about location: never blocks the route.
#[component]
fn GeoNote(geo: RwSignal<GeoState>) -> impl IntoView {
    let l = use_locale();
    move || {
        let text = match geo.get() {
            GeoState::Off | GeoState::Known(_) => return None,
            GeoState::Waiting => T::GeoWaiting,
            GeoState::Failed(GeoError::Denied) => T::GeoDenied,
            GeoState::Failed(GeoError::Unavailable) => T::GeoUnavailable,
            GeoState::Failed(GeoError::Timeout) => T::GeoTimeout,
            GeoState::Failed(GeoError::Unsupported) => T::GeoUnsupported,
        };
        Some(view! { <p class="geo-note" role="status">{l.t(text)}</p> })
    }
}

/// Window state words for a stop at `now` (nothing once the stop is done).
fn window_badge(l: Locale, stop: &Stop, now: i64) -> Option<(&'static str, String)> {
    window_words(l.lang(), window_state(stop.window.as_ref(), now))
}

/// "3 packages" in the driver's language.
fn packages(l: Locale, n: usize) -> String {
    l.f(DF::Packages { n: &n })
}

fn pending_count(stop: &Stop) -> usize {
    stop.packages
        .iter()
        .filter(|p| p.status == PackageStatus::Pending)
        .count()
}

/// The stop in focus: the next one, or the one the driver selected.
#[component]
fn FocusCard(
    stop: Stop,
    is_next: bool,
    driver: Signal<Option<(f64, f64)>>,
    now: Memo<i64>,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let l = use_locale();
    let at = (stop.lat, stop.lng);
    let done = stop_done(&stop);
    let pending = pending_count(&stop);
    let total = stop.packages.len();
    let window = window_text(l.lang(), &stop);
    let badge = {
        let stop = stop.clone();
        move || (!done).then(|| window_badge(l, &stop, now.get())).flatten()
    };
    let heading = move || {
        driver.get().map(|d| {
            let bearing = bearing_deg(d, at);
            (
                intl::distance(l.lang(), haversine_m(d, at)),
                compass_in(l.lang(), bearing),
                bearing,
            )
        })
    };
    let title = l.t(if is_next {
        T::NextStop
    } else {
        T::SelectedStop
    });
    view! {
        <article class="focus-card" class:next=is_next aria-labelledby="focus-title" data-focus-stop=stop.id.clone()>
            <p class="focus-kind">{title}</p>
            <div class="focus-head">
                <span class="seq" aria-hidden="true">{stop.seq}</span>
                <div class="addr">
                    <h2 id="focus-title">{l.f(F::StopTitle { seq: &stop.seq, address: &short_text(&stop.address.line1) })}</h2>
                    {stop.address.line2.clone().map(long_text).map(|(l, more)| view! { <p class="line2">{l}{more}</p> })}
                    {
                        let (city, more) = long_text(format!("{} {}", stop.address.city, stop.address.postcode));
                        view! { <p class="city">{city}{more}</p> }
                    }
                </div>
            </div>
            {move || heading().map(|(dist, dir, bearing)| view! {
                <p class="distance">
                    <svg class="arrow" viewBox="-12 -12 24 24" aria-hidden="true">
                        <path d="M0,-10 L7,8 L0,4 L-7,8 Z" transform=format!("rotate({bearing:.0})") />
                    </svg>
                    {
                        let (before, after) = around_mark(&l.f(F::Distance { distance: &MARK, dir: &dir }));
                        view! { {before}<strong>{dist}</strong>{after} }
                    }
                </p>
            })}
            <div class="stop-info">
                {window.map(|w| view! { <p class="window">{l.t(D::Window)} " " <strong>{w}</strong></p> })}
                {move || badge().map(|(class, words)| view! { <p class=format!("window-state {class}")>{words}</p> })}
                <p class="pkg-count">{if done {
                    l.f(F::DonePackages { n: &total })
                } else {
                    l.f(F::ToDeliver { n: &pending })
                }}</p>
                {stop.access_code.clone().map(long_text).map(|(c, more)| view! { <p class="access">{l.t(D::AccessCode)} " " <strong>{c}</strong>{more}</p> })}
                {stop.notes.clone().map(long_text).map(|(n, more)| view! { <p class="notes">{n}{more}</p> })}
            </div>
            {(!is_next).then(|| view! {
                <button type="button" class="secondary back-to-next" on:click=move |_| selected.set(None)>
                    {l.t(T::BackToNext)}
                </button>
            })}
        </article>
    }
}

/// One stop in the ordered list; pressing it selects the stop.
#[component]
fn RouteRow(
    index: usize,
    manifest: Memo<Option<crate::model::manifest::Manifest>>,
    next: Memo<Option<usize>>,
    selected: RwSignal<Option<usize>>,
    now: Memo<i64>,
) -> impl IntoView {
    let l = use_locale();
    let stop = Memo::new(move |_| manifest.with(|m| m.as_ref()?.stops.get(index).cloned()));
    move || {
        stop.get().map(|stop| {
            let done = stop_done(&stop);
            let is_next = next.get() == Some(index);
            let is_sel = selected.get() == Some(index);
            let badge = (!done).then(|| window_badge(l, &stop, now.get())).flatten();
            let pending = pending_count(&stop);
            let state = if done {
                l.t(T::Done).to_string()
            } else {
                packages(l, pending)
            };
            view! {
                <li class="route-row" class:done=done class:next=is_next>
                    <button type="button" class="row-button" aria-pressed=is_sel.to_string()
                        aria-current=is_next.then_some("step")
                        on:click=move |_| selected.set(Some(index))>
                        <span class="seq" aria-hidden="true">{stop.seq}</span>
                        <span class="row-main">
                            <span class="row-addr">
                                {
                                    let (before, after) = around_mark(&l.f(F::StopTitle { seq: &stop.seq, address: &MARK }));
                                    view! { <span class="visually-hidden">{before}</span>{short_text(&stop.address.line1)}{after} }
                                }
                            </span>
                            <span class="row-meta">
                                {is_next.then(|| view! { <span class="next-badge">{l.t(T::Next)}</span> })}
                                <span>{state}</span>
                                {window_text(l.lang(), &stop).map(|w| view! { <span>{w}</span> })}
                                {badge.map(|(class, words)| view! { <span class=format!("window-state {class}")>{words}</span> })}
                            </span>
                        </span>
                    </button>
                </li>
            }
        })
    }
}

/// Bottom bar, in thumb reach: the stop in focus and "Navigate".
#[component]
fn RouteBar(
    focus_stop: Memo<Option<Stop>>,
    #[prop(into)] is_next: Signal<bool>,
    #[prop(into)] app: Signal<NavApp>,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let l = use_locale();
    move || {
        focus_stop.get().map(|stop| {
            // Also the pin's label in a `geo:` link: kept short.
            let label = short_plain(&stop.address.one_line());
            let seq = &stop.seq;
            let kind = l.f(if is_next.get() { F::BarNext { seq } } else { F::BarSelected { seq } });
            view! {
                <div class="action-bar route-bar">
                    <p class="bar-stop">
                        <span class="bar-kind">{kind}</span>
                        <span class="bar-addr">{short_text(&stop.address.line1)}</span>
                    </p>
                    <div class="bar-buttons">
                        {(!is_next.get()).then(|| view! {
                            <button type="button" class="secondary" on:click=move |_| selected.set(None)>{l.t(T::NextStop)}</button>
                        })}
                        <NavigateLink lat=stop.lat lng=stop.lng label app />
                    </div>
                </div>
            }
        })
    }
}
