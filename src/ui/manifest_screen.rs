//! The driver's manifest: counts and status filter, search, any outage
//! guidance, and the stops with their packages in route order.
//!
//! A route can hold 3,000 packages, so the list renders [`CARDS_STEP`] stops
//! at a time and adds more as the driver scrolls near the end.

use leptos::prelude::*;

use super::app::EnvSignal;
use super::contrast_toggle::ContrastToggle;
use super::counts_bar::CountsBar;
use super::driver_view::{
    coarse_now, marked_manifest, more_stops, next_stop_id, scroll_stop_into_view, watch_location,
    MoreRows, CARDS_STEP,
};
use super::guidance_panel::GuidancePanel;
use super::kept_on_phone::UnreadableMarksCard;
use super::long_text::short_plain;
use super::screen_link::ScreenLink;
use super::server_offer::ServerOfferNotice;
use super::stop_card::{keep_package_focus, StopCard};
use crate::model::envelope::ManifestSource;
use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::model::i18n::{around_mark, MARK};
use crate::model::retention::{staleness, Staleness};
use crate::model::route_view::{match_summary, rows_to_render};
use crate::model::screen::Screen;
use crate::model::search::{search, SearchIndex, SearchResult, StatusFilter};
use crate::model::time::human_duration_in;
use crate::platform::clock::now_ms;
use crate::state::locale::use_locale;
use crate::state::routebook::{Refresh, RouteBook, Sync};
use crate::state::session::{SessionEnd, SessionState};
use crate::state::sign_in::SignInAttempt;
use crate::state::upkeep::Connectivity;

/// Stops in the first window of search results, and added each time the
/// driver scrolls near its end. Under the counts and the search box a phone
/// screen shows one or two result cards (a 1440×900 desk screen one or
/// two as well); each card built costs a keystroke several milliseconds on
/// a slow phone, so none is built for below the screen.
const SEARCH_ROWS: usize = 2;

/// What the search makes of one stop's card.
enum Pick {
    /// No search: the whole stop shows.
    NoSearch,
    /// A search that does not show this stop (hidden by the list's class).
    Out,
    /// Among the results shown, with the packages it matched (by position).
    Hit(Vec<usize>),
}

/// A card's side of the search, as two signals: whether it is among the
/// results (`hit`), and which of its packages show (`only`, `None` for all).
#[derive(Clone, Copy)]
struct CardSearch {
    hit: RwSignal<bool>,
    only: RwSignal<Option<Vec<usize>>>,
}

impl CardSearch {
    fn new(pick: Pick) -> CardSearch {
        let (hit, only) = match pick {
            Pick::Hit(p) => (true, Some(p)),
            Pick::NoSearch | Pick::Out => (false, None),
        };
        CardSearch {
            hit: RwSignal::new(hit),
            only: RwSignal::new(only),
        }
    }

    /// Moves the card to `pick`, writing only what changes. A card the
    /// search leaves out keeps the packages it last showed: it is hidden,
    /// and rebuilding its rows would be work nobody sees.
    fn follow(self, pick: Pick) {
        // try_: a card being removed may already have let go of its signals.
        let set_hit = |hit: bool| {
            if self.hit.try_get_untracked().is_some_and(|was| was != hit) {
                self.hit.try_set(hit);
            }
        };
        let set_only = |only: Option<Vec<usize>>| {
            if self
                .only
                .try_with_untracked(|was| *was != only)
                .unwrap_or(false)
            {
                self.only.try_set(only);
            }
        };
        match pick {
            Pick::NoSearch => {
                set_hit(false);
                set_only(None);
            }
            Pick::Out => set_hit(false),
            Pick::Hit(p) => {
                set_hit(true);
                set_only(Some(p));
            }
        }
    }
}

/// The stops a search matched, in route order, with the packages it picked
/// (read in place: a search can match hundreds of stops).
fn matched(result: &Option<SearchResult>) -> &[(usize, Vec<usize>)] {
    result.as_ref().map_or(&[], |r| &r.matches)
}

/// What the search makes of the card of stop `stop`, among the first
/// `limit` matches.
fn pick(searching: bool, limit: usize, result: &Option<SearchResult>, stop: usize) -> Pick {
    if !searching {
        return Pick::NoSearch;
    }
    matched(result)
        .iter()
        .take(limit)
        .find(|(s, _)| *s == stop)
        .map_or(Pick::Out, |(_, packages)| Pick::Hit(packages.clone()))
}

#[component]
pub fn ManifestScreen() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let session = expect_context::<SessionState>();
    let connectivity = expect_context::<Connectivity>();
    let sign_in = expect_context::<SignInAttempt>();
    let l = use_locale();

    // Marks made here carry the position if the driver already allowed it
    // and has not turned that off in Settings.
    if book.record_position.get_untracked() {
        let _ = watch_location(book, false);
    }

    let manifest = marked_manifest(book);
    // Folded search text, built once per manifest (not per mark).
    let index = Memo::new(move |_| {
        book.saved
            .with(|s| s.as_ref().map(|s| SearchIndex::build(&s.manifest)))
    });
    // Built while the driver reads, not on their first keystroke: at 3,000
    // packages that keystroke took ~35 ms longer (4× CPU). A new manifest
    // (a refresh, an import) is indexed again the same way.
    Effect::new(move |_| {
        book.saved.track();
        request_idle_callback(move || {
            let _ = index.try_with_untracked(|_| ());
        });
    });
    let query = RwSignal::new(String::new());
    let filter = RwSignal::new(StatusFilter::All);
    let searching = Memo::new(move |_| {
        filter.get() != StatusFilter::All || !query.with(|q| q.trim().is_empty())
    });
    let result: Memo<Option<SearchResult>> = Memo::new(move |_| {
        if !searching.get() {
            return None;
        }
        let q = query.get();
        index.with(|ix| {
            manifest.with(|m| match (ix, m) {
                (Some(ix), Some(m)) if ix.is_for(m) => Some(search(ix, m, &q, filter.get())),
                _ => None,
            })
        })
    });
    let generation = move || book.saved.with(|s| s.as_ref().map_or(0, |s| s.saved_at_ms));
    let stop_count = Memo::new(move |_| {
        book.saved
            .with(|s| s.as_ref().map_or(0, |s| s.manifest.stops.len()))
    });
    let next_id = next_stop_id(manifest);
    // Where the next stop is in the route.
    let next_index = move || {
        let id = next_id.get()?;
        book.saved
            .with_untracked(|s| s.as_ref()?.manifest.stops.iter().position(|st| st.id == id))
    };
    // Two windows. The route's: enough stops that the next one is among
    // them, then more as the driver scrolls. A search's: the first few
    // matches, then more on scroll; each new search starts it again.
    //
    // The route's cards stay on the page (hidden) while the driver searches,
    // so starting a search and clearing it only hide and show them: the
    // costly part of a keystroke, building and removing cards, is limited to
    // the few matches beyond the route window.
    let base_limit = RwSignal::new(rows_to_render(CARDS_STEP, next_index(), CARDS_STEP));
    let search_limit = RwSignal::new(SEARCH_ROWS);
    Effect::new(move |prev: Option<()>| {
        query.track();
        filter.track();
        if prev.is_some() && search_limit.get_untracked() != SEARCH_ROWS {
            search_limit.set(SEARCH_ROWS);
        }
    });
    let announce = RwSignal::new(String::new());
    // When the driver finishes a stop (or undoes), bring the next one into view.
    Effect::new(move |prev: Option<Option<String>>| {
        let current = next_id.get();
        // Only a change from one stop to another: not the manifest arriving
        // (nothing to the first stop), which would scroll past the counts.
        if let (Some(Some(prev)), Some(id)) = (prev, current.as_ref()) {
            if &prev != id {
                if let Some(i) = next_index() {
                    if i >= base_limit.get_untracked() {
                        base_limit.set(rows_to_render(CARDS_STEP, Some(i), CARDS_STEP));
                    }
                    scroll_stop_into_view(format!("stop-{id}"));
                }
                let words = book.saved.with_untracked(|s| {
                    s.as_ref()?
                        .manifest
                        .stops
                        .iter()
                        .find(|st| &st.id == id)
                        .map(|st| {
                            l.f(F::NextAnnounce {
                                seq: &st.seq,
                                address: &short_plain(&st.address.line1),
                            })
                        })
                });
                announce.set(words.unwrap_or_default());
            }
        }
        current
    });

    // The cards on the page, in route order: the route window, plus the
    // search's matches beyond it.
    let shown = Memo::new(move |_| {
        let generation = generation();
        let base = base_limit.get().min(stop_count.get());
        let mut stops: Vec<usize> = (0..base).collect();
        if searching.get() {
            let limit = search_limit.get();
            result.with(|r| {
                let beyond = matched(r).iter().take(limit).map(|(stop, _)| *stop);
                stops.extend(beyond.filter(|s| *s >= base));
            });
        }
        stops
            .into_iter()
            .map(|s| (generation, s))
            .collect::<Vec<_>>()
    });
    let total_matches =
        Signal::derive(move || result.with(|r| r.as_ref().map_or(0, SearchResult::stop_count)));
    let now = coarse_now();
    let keep_focus = keep_package_focus(book);
    // The search box, for focus to go back to when a search is cleared
    // (its button hides or goes, which would drop focus to the page top).
    let search_box = NodeRef::<leptos::html::Input>::new();

    // Each card's side of the search is in signals of its own, which this
    // one effect writes only where something changes. Were each card to
    // read the search itself, every keystroke would wake every card on the
    // page (and everything below it) to find that for most of them nothing
    // changed. And the cards a search leaves out are hidden by one class on
    // the list, so starting or ending a search touches only its hits.
    let cards = StoredValue::new_local(Vec::<((i64, usize), CardSearch)>::new());
    Effect::new(move |_| {
        // Read the search here, not only through the cards: the effect must
        // subscribe even when no card is on the page yet.
        let on = searching.get();
        let limit = search_limit.get();
        let moves: Vec<(CardSearch, Pick)> = result.with(|r| {
            cards.with_value(|cards| {
                cards
                    .iter()
                    .map(|&((_, stop), card)| (card, pick(on, limit, r, stop)))
                    .collect()
            })
        });
        for (card, pick) in moves {
            card.follow(pick);
        }
    });

    // A card per stop on the page, keyed by manifest and stop. Whether it
    // shows, and which of its packages, are signals the card reads: a
    // keystroke that keeps a stop among the results keeps its card.
    let card = move |key: (i64, usize)| {
        let (generation, stop_index) = key;
        let stop = book.saved.with_untracked(|s| {
            let s = s.as_ref().filter(|s| s.saved_at_ms == generation)?;
            s.manifest.stops.get(stop_index).cloned()
        });
        stop.map(|stop| {
            let search = CardSearch::new(untrack(|| {
                result.with(|r| pick(searching.get(), search_limit.get(), r, stop_index))
            }));
            cards.update_value(|cards| cards.push((key, search)));
            on_cleanup(move || {
                cards.try_update_value(|cards| cards.retain(|(k, _)| *k != key));
            });
            let id = stop.id.clone();
            let is_next =
                Signal::derive(move || next_id.with(|n| n.as_deref() == Some(id.as_str())));
            view! { <StopCard stop is_next now=now only=search.only hit=search.hit /> }
        })
    };

    view! {
        <section class="manifest" aria-labelledby="manifest-title">
            <div class="screen-head">
                <h1 id="manifest-title">{l.t(T::ManifestTitle)}</h1>
                <ContrastToggle />
            </div>
            {move || book.storage_issue.get().map(|m| view! { <p class="notice warn" role="alert">{m}</p> })}
            <UnreadableMarksCard />
            <Show when=move || !session.has_token() && session.user.with(Option::is_some)>
                <p class="notice">
                    // Not "your saved manifest is below" when none is (its
                    // retention ran out, or it was never downloaded).
                    {move || {
                        let link = &MARK;
                        let (before, after) = around_mark(&l.f(match (book.saved.with(Option::is_some), session.ended.get()) {
                            (true, Some(SessionEnd::Expired)) => F::SessionEnded { link },
                            (true, _) => F::SignedOutNotice { link },
                            (false, _) => F::SignedOutNothingSaved { link },
                        }));
                        view! { {before}<ScreenLink screen=Screen::SignIn>{l.t(T::SignInLink)}</ScreenLink>{after} }
                    }}
                    {move || match book.marks.with(|m| m.unsent()) {
                        0 => None,
                        n => Some(format!(" {}", l.f(F::UnsentKept { n: &n }))),
                    }}
                </p>
            </Show>
            // A sign-in that failed while the platform is down: its guidance
            // is this screen's banner, above the manifest it talks about,
            // while the attempt goes on retrying.
            {move || sign_in.failure.get().map(|f| {
                let try_now = Callback::new(move |_| sign_in.try_now());
                view! { <GuidancePanel failure=f retry=sign_in.plan() try_now /> }
            })}
            // Background refresh and sync failures: the compact form, with
            // the retry countdown and "Try now"; the manifest stays usable.
            {move || connectivity.failure.get().map(|f| {
                let try_now = Callback::new(move |_| connectivity.try_now());
                view! { <GuidancePanel failure=f compact=true retry=connectivity.plan() try_now /> }
            })}
            <ServerOfferNotice />
            {move || match book.refresh.get() {
                Refresh::Rejected(why) => {
                    let saved = book.saved.with(Option::is_some);
                    let reasons = why.reasons(l.lang());
                    Some(view! {
                        <div class="notice warn refresh-rejected" role="status">
                            <p>{why.headline(l.lang(), saved)}</p>
                            {(!reasons.is_empty()).then(|| view! {
                                <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            })}
                        </div>
                    })
                }
                _ => None,
            }}
            <SavedLine />
            // Nothing saved: no "0 of 0 stops", no search over nothing.
            <Show when=move || book.saved.with(Option::is_some)>
                <CountsBar filter />
                <SearchBox query input=search_box />
            </Show>
            // Fixed at the bottom of the screen, but early in the page so the
            // keyboard reaches "Undo last" without tabbing past every stop.
            <ActionBar next_id />
            <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
            <Show
                when=move || book.saved.with(Option::is_some)
                // Signed out, nothing is coming: the notice above says so.
                fallback=move || session.has_token().then(|| view! { <p class="empty" role="status">{l.t(T::Loading)}</p> })
            >
                <p class="match-count" role="status" aria-live="polite">
                    {move || result.with(|r| r.as_ref().map(|r| {
                        if r.is_empty() { String::new() } else { match_summary(l.lang(), r.package_count, r.stop_count()) }
                    }))}
                </p>
                <Show when=move || result.with(|r| r.as_ref().is_some_and(SearchResult::is_empty))>
                    <div class="no-match" role="status">
                        <p>{move || {
                            let q = query.get();
                            let f = filter.get();
                            match (q.trim().is_empty(), f) {
                                (true, f) => l.t(match f {
                                    StatusFilter::Remaining => T::NoneRemaining,
                                    StatusFilter::Delivered => T::NoneDelivered,
                                    StatusFilter::Attempted => T::NoneAttempted,
                                    // Every manifest has packages.
                                    StatusFilter::All => T::NoneRemaining,
                                }).to_string(),
                                (false, f) => {
                                    let query = &q.trim();
                                    l.f(match f {
                                        StatusFilter::All => F::NoMatch { query },
                                        StatusFilter::Remaining => F::NoMatchRemaining { query },
                                        StatusFilter::Delivered => F::NoMatchDelivered { query },
                                        StatusFilter::Attempted => F::NoMatchAttempted { query },
                                    })
                                }
                            }
                        }}</p>
                        <button type="button" class="primary" on:click=move |_| {
                            query.set(String::new());
                            filter.set(StatusFilter::All);
                            focus_box(search_box);
                        }>{l.t(T::ClearSearch)}</button>
                    </div>
                </Show>
                <div class="stops" class:searching=move || searching.get() on:focusin=keep_focus>
                    <For each=move || shown.get() key=|r| *r children=card />
                </div>
                // Both ends stay on the page, the one not in use hidden (so
                // its observer cannot fire): starting and ending a search
                // toggles an attribute instead of replacing a component and
                // its IntersectionObserver.
                <MoreRows limit=base_limit total=stop_count label=more_stops step=CARDS_STEP
                    hidden=searching />
                <MoreRows limit=search_limit total=total_matches label=more_stops
                    margin="200px 0px" step=SEARCH_ROWS hidden=Signal::derive(move || !searching.get()) />
            </Show>
        </section>
    }
}

/// The search box: tracking number (or its last four digits), recipient,
/// street or notes.
#[component]
fn SearchBox(query: RwSignal<String>, input: NodeRef<leptos::html::Input>) -> impl IntoView {
    let l = use_locale();
    // The button hides once the box is empty; focus goes back to the box
    // (not to the top of the page), ready for the next search.
    let clear = move |_| {
        query.set(String::new());
        focus_box(input);
    };
    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="manifest-search" class="visually-hidden">{l.t(T::SearchLabel)}</label>
            <input id="manifest-search" node_ref=input type="search" autocomplete="off" spellcheck="false"
                enterkeyhint="search"
                placeholder=l.t(T::SearchPlaceholder)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev)) />
            // Hidden, not removed, while the box is empty: starting and
            // ending a search (the slowest keystrokes) build nothing here.
            <button type="button" class="secondary clear" aria-label=l.t(T::ClearSearch)
                hidden=move || query.with(String::is_empty)
                on:click=clear>"✕"</button>
        </form>
    }
}

fn focus_box(input: NodeRef<leptos::html::Input>) {
    if let Some(input) = input.get_untracked() {
        let _ = input.focus();
    }
}

/// "Saved 07:42 (2 h 14 min ago) from the server" and staleness.
#[component]
fn SavedLine() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let connectivity = expect_context::<Connectivity>();
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let l = use_locale();
    let stale_after = move || env.with(|e| e.as_ref().map_or(12, |e| e.config.stale_after_hours));
    move || {
        connectivity.tick.track();
        book.saved.with(|s| {
            let s = s.as_ref()?;
            let source = match &s.source {
                ManifestSource::Server { .. } => l.t(T::FromServer).to_string(),
                ManifestSource::ImportedFile { name } => l.f(F::FromFile { name: &name }),
                ManifestSource::ImportedLink => l.t(T::FromLink).to_string(),
            };
            let ago = human_duration_in(l.lang(), now_ms() - s.saved_at_ms);
            let warning = match staleness(
                &s.manifest.block.end,
                s.saved_at_ms,
                stale_after(),
                now_ms(),
            ) {
                Staleness::Fresh => None,
                Staleness::BlockEnded => Some(l.t(T::StaleBlockEnded).to_string()),
                Staleness::Old { hours } => {
                    Some(l.f(F::StaleOld { hours: &hours }))
                }
            };
            Some(view! {
                <p class="saved-line">
                    {l.f(F::SavedLine { driver: &s.manifest.driver.name, station: &s.manifest.block.station, ago: &ago, source: &source })}
                </p>
                {warning.map(|w| view! { <p class="notice warn stale" role="status">{w}</p> })}
            })
        })
    }
}

/// Sticky bottom bar, in thumb reach: jump to the next stop, undo, and the
/// state of unsent marks.
#[component]
fn ActionBar(next_id: Memo<Option<String>>) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let unsent = move || book.marks.with(|m| m.unsent());
    let can_undo = move || book.marks.with(|m| m.undo_target().is_some());
    let sync_text = move || match (book.sync.get(), unsent()) {
        (Sync::Sending, n) => l.f(F::SyncSending { n: &n }),
        (_, 0) => l.t(T::SyncAllSent).to_string(),
        (Sync::Failed(_), n) => l.f(F::SyncFailed { n: &n }),
        (Sync::Idle, n) => l.f(F::SyncWaiting { n: &n }),
    };
    view! {
        <div class="action-bar">
            <p class="sync" role="status" aria-live="polite">{sync_text}</p>
            <div class="bar-buttons">
                <button type="button" class="secondary to-next" disabled=move || next_id.with(Option::is_none)
                    on:click=move |_| {
                        if let Some(id) = next_id.get_untracked() {
                            scroll_stop_into_view(format!("stop-{id}"));
                        }
                    }>{l.t(T::NextStop)}</button>
                <button type="button" class="secondary undo" disabled=move || !can_undo()
                    on:click=move |_| { book.undo(); }>{l.t(T::UndoLast)}</button>
            </div>
        </div>
    }
}
