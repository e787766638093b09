//! The manifest's stops, as cards, for a route of up to 3,000 packages.
//!
//! # Why the list reconciles its cards by hand
//!
//! Leptos' `<For>` builds a card for each key it has not seen and drops the
//! cards whose keys are gone; everything else about a card would have to
//! come from signals the card reads. Three things make the obvious version
//! (every card reads the search) too slow on a phone, so this list does
//! part of the reconciling itself:
//!
//! - **Two windows.** The route's window renders [`CARDS_STEP`] stops at a
//!   time, enough that the next stop is among them, and more as the driver
//!   scrolls; a search's window renders its first [`SEARCH_ROWS`] matches,
//!   and more on scroll, starting again with each search. The route's cards
//!   stay on the page (hidden by one class on the list) while the driver
//!   searches, so starting and clearing a search only hide and show them:
//!   the costly part of a keystroke, building and removing cards, is
//!   limited to the few matches beyond the route window.
//! - **A registry of cards.** Each card's side of the search (is it a hit,
//!   which of its packages show) is a pair of signals of its own
//!   ([`CardSearch`]), registered when the card is built and removed when
//!   it goes. One effect reads the search and writes only the cards whose
//!   side changed. Were each card to read the search itself, every
//!   keystroke would wake every card on the page (and everything below it)
//!   to find that for most of them nothing changed.
//! - **Keys of manifest and position.** Cards are keyed by the manifest's
//!   save time and the stop's position, so a new manifest replaces every
//!   card while a keystroke that keeps a stop among the results keeps its
//!   card and what the driver was doing in it.

use leptos::prelude::*;

use super::driver_view::{more_stops, scroll_stop_into_view, MoreRows, CARDS_STEP};
use super::long_text::short_plain;
use super::manifest_search::ManifestSearch;
use super::stop_card::{keep_package_focus, StopCard};
use crate::model::i18n::catalogues::DriverFill as F;
use crate::model::route_view::rows_to_render;
use crate::model::search::SearchResult;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;

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

/// The cards, and the ends of both windows. When the driver finishes a stop
/// (or undoes) the next one is brought into view and `announce`d.
#[component]
pub fn StopList(
    search: ManifestSearch,
    next_id: Memo<Option<String>>,
    announce: RwSignal<String>,
) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let ManifestSearch {
        query,
        filter,
        searching,
        result,
    } = search;

    let generation = move || book.saved.with(|s| s.as_ref().map_or(0, |s| s.saved_at_ms));
    let stop_count = Memo::new(move |_| {
        book.saved
            .with(|s| s.as_ref().map_or(0, |s| s.manifest.stops.len()))
    });
    // Where the next stop is in the route.
    let next_index = move || {
        let id = next_id.get()?;
        book.saved
            .with_untracked(|s| s.as_ref()?.manifest.stops.iter().position(|st| st.id == id))
    };
    let base_limit = RwSignal::new(rows_to_render(CARDS_STEP, next_index(), CARDS_STEP));
    let search_limit = RwSignal::new(SEARCH_ROWS);
    Effect::new(move |prev: Option<()>| {
        query.track();
        filter.track();
        if prev.is_some() && search_limit.get_untracked() != SEARCH_ROWS {
            search_limit.set(SEARCH_ROWS);
        }
    });
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
    let now = super::driver_view::coarse_now();
    let keep_focus = keep_package_focus(book);

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
        <div class="stops" class:searching=move || searching.get() on:focusin=keep_focus>
            <For each=move || shown.get() key=|r| *r children=card />
        </div>
        // Both ends stay on the page, the one not in use hidden (so its
        // observer cannot fire): starting and ending a search toggles an
        // attribute instead of replacing a component and its
        // IntersectionObserver.
        <MoreRows limit=base_limit total=stop_count label=more_stops step=CARDS_STEP
            hidden=searching />
        <MoreRows limit=search_limit total=total_matches label=more_stops
            margin="200px 0px" step=SEARCH_ROWS hidden=Signal::derive(move || !searching.get()) />
    }
}
