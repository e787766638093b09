//! Pieces shared by the driver's manifest and route screens: the manifest
//! as the driver's marks leave it, the location watch, a list that renders
//! more rows as the driver scrolls, and scrolling a stop into view.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::model::i18n::catalogues::DriverFill;
use crate::model::i18n::{Fill, Lang};
use crate::model::manifest::Manifest;
use crate::model::route::next_stop_index;
use crate::model::route_view::with_statuses;
use crate::platform::clock::now_ms;
use crate::platform::geolocation::{self, Fix, GeoError, Watch};
use crate::state::routebook::RouteBook;
use crate::state::upkeep::Connectivity;

/// Rows rendered at first, and added each time the driver nears the end.
pub const ROWS_STEP: usize = 40;

/// Stop cards on the manifest rendered at first, and added each time the
/// driver nears the end. A card with its package rows is far heavier than a
/// route row, and a phone shows two or three: every card built beyond those
/// delays the first package on a reload for something below the screen
/// (measured in docs/performance.md).
pub const CARDS_STEP: usize = 8;

/// The saved manifest with the driver's marks applied to its statuses.
pub fn marked_manifest(book: RouteBook) -> Memo<Option<Manifest>> {
    Memo::new(move |_| {
        book.saved.with(|s| {
            s.as_ref()
                .map(|s| book.marked.with(|mk| with_statuses(&s.manifest, mk)))
        })
    })
}

/// The id of the stop the driver goes to next.
pub fn next_stop_id(manifest: Memo<Option<Manifest>>) -> Memo<Option<String>> {
    Memo::new(move |_| {
        manifest.with(|m| {
            let m = m.as_ref()?;
            next_stop_index(m).map(|i| m.stops[i].id.clone())
        })
    })
}

/// The device clock, changing once every 30 s: time-window states need no
/// finer steps, and a list of rows re-rendering each second would be waste.
pub fn coarse_now() -> Memo<i64> {
    let tick = use_context::<Connectivity>().map(|c| c.tick);
    Memo::new(move |_| {
        if let Some(t) = tick {
            t.track();
        }
        now_ms() / 30_000 * 30_000
    })
}

/// Where the location stands on this screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GeoState {
    /// Not asked (on the manifest, location is only used when already allowed).
    Off,
    Waiting,
    Known(Fix),
    Failed(GeoError),
}

/// Watches the location while the calling component lives, writing each
/// reading to `book.position` (so marks carry it) and clearing it when the
/// component goes away (a stale position on a mark is worse than none).
///
/// With `ask` false the watch starts only if permission was already given,
/// so no screen but the route prompts for it.
pub fn watch_location(book: RouteBook, ask: bool) -> RwSignal<GeoState> {
    let state = RwSignal::new(GeoState::Off);
    let held = StoredValue::new_local(None::<Watch>);
    let alive = RwSignal::new(true);
    let start = move || {
        if !alive.get_untracked() {
            return;
        }
        state.set(GeoState::Waiting);
        let watch = geolocation::watch(
            move |fix| {
                if alive.get_untracked() {
                    book.position.set(Some((fix.lat, fix.lng)));
                    state.set(GeoState::Known(fix));
                }
            },
            move |err| {
                if !alive.get_untracked() {
                    return;
                }
                // After a timeout the watch keeps trying: keep a known
                // position on screen rather than replace it with a note.
                if err == GeoError::Timeout && matches!(state.get_untracked(), GeoState::Known(_)) {
                    return;
                }
                if err != GeoError::Timeout {
                    book.position.set(None);
                }
                state.set(GeoState::Failed(err));
            },
        );
        match watch {
            Ok(w) => held.set_value(Some(w)),
            Err(e) => state.set(GeoState::Failed(e)),
        }
    };
    if ask {
        start();
    } else {
        spawn_local(async move {
            if geolocation::already_granted().await {
                start();
            }
        });
    }
    on_cleanup(move || {
        alive.set(false);
        held.try_update_value(|w| {
            w.take();
        });
        book.position.set(None);
    });
    state
}

/// Scrolls the card of stop `stop_id` (its heading is `stop-{id}`) to the
/// middle of the screen, after the next paint so a just-added row exists.
pub fn scroll_stop_into_view(dom_id: String) {
    request_animation_frame(move || {
        let Some(el) = document().get_element_by_id(&dom_id) else {
            return;
        };
        let target = el.closest("article, li").ok().flatten().unwrap_or(el);
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        let reduce = window()
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        opts.set_behavior(if reduce {
            web_sys::ScrollBehavior::Auto
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        target.scroll_into_view_with_scroll_into_view_options(&opts);
    });
}

/// [`MoreRows`]' words on the manifest and route screens.
pub fn more_stops(lang: Lang, left: usize) -> String {
    DriverFill::MoreStops { left: &left }.fill(lang)
}

/// The end of a long list: renders `step` more rows when it comes near
/// the screen (IntersectionObserver), with a "Show more" button for browsers
/// without it and for keyboard users.
#[component]
pub fn MoreRows(
    limit: RwSignal<usize>,
    #[prop(into)] total: Signal<usize>,
    /// The button's words for how many rows are left ("Show more stops
    /// (12 left)").
    label: fn(Lang, usize) -> String,
    /// How far below the screen the end may be when more rows come: far
    /// for a phone's list (it scrolls fast), near for the fleet table,
    /// whose every sort and filter rewrites all the rows on the page.
    #[prop(default = "600px 0px")]
    margin: &'static str,
    /// Rows added each time.
    #[prop(default = ROWS_STEP)]
    step: usize,
    /// Out of use for now: not shown, and never adds rows (a hidden end
    /// never comes near the screen).
    #[prop(optional, into)]
    hidden: MaybeProp<bool>,
) -> impl IntoView {
    let sentinel = NodeRef::<html::Div>::new();
    let observer = StoredValue::new_local(
        None::<(
            web_sys::IntersectionObserver,
            Closure<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>,
        )>,
    );
    Effect::new(move |_| {
        let Some(el) = sentinel.get() else { return };
        if observer.with_value(Option::is_some) {
            return;
        }
        let cb: Closure<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)> = Closure::new(
            move |entries: js_sys::Array, obs: web_sys::IntersectionObserver| {
                let near = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>()
                        .is_ok_and(|e| e.is_intersecting())
                });
                if near && limit.get_untracked() < total.get_untracked() {
                    limit.update(|l| *l += step);
                    // Observe afresh after the new rows are laid out: if the
                    // end is still near (a tall screen), this fires again.
                    if let Some(target) = entries
                        .get(0)
                        .dyn_into::<web_sys::IntersectionObserverEntry>()
                        .ok()
                        .map(|e| e.target())
                    {
                        request_animation_frame(move || {
                            obs.unobserve(&target);
                            obs.observe(&target);
                        });
                    }
                }
            },
        );
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin(margin);
        if let Ok(obs) =
            web_sys::IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &init)
        {
            obs.observe(&el);
            observer.set_value(Some((obs, cb)));
        }
    });
    on_cleanup(move || {
        observer.try_update_value(|o| {
            if let Some((obs, _)) = o.take() {
                obs.disconnect();
            }
        });
    });
    let left = move || total.get().saturating_sub(limit.get());
    let l = crate::state::locale::use_locale();
    let words = move || label(l.lang(), left());
    view! {
        <div class="more-rows" node_ref=sentinel hidden=move || hidden.get().unwrap_or(false)>
            <Show when=move || { left() > 0 }>
                <button type="button" class="secondary more" on:click=move |_| limit.update(|l| *l += step)>
                    {words}
                </button>
            </Show>
        </div>
    }
}
