//! The manifest's search: what the driver typed and the status filter, the
//! result, and the widgets around it (the box, the match count, "no
//! package matches").

use leptos::prelude::*;

use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::model::manifest::Manifest;
use crate::model::route_view::match_summary;
use crate::model::search::{search, SearchIndex, SearchResult, StatusFilter};
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;

/// The search's signals, shared by the counts bar (the filter), the box
/// (the query) and the stop list (the result).
#[derive(Clone, Copy)]
pub struct ManifestSearch {
    pub query: RwSignal<String>,
    pub filter: RwSignal<StatusFilter>,
    /// A query or a filter is set.
    pub searching: Memo<bool>,
    /// `None` when not searching (or the index is not built yet).
    pub result: Memo<Option<SearchResult>>,
}

impl ManifestSearch {
    pub fn new(book: RouteBook, manifest: Memo<Option<Manifest>>) -> Self {
        // Folded search text, built once per manifest (not per mark).
        let index = Memo::new(move |_| {
            book.saved
                .with(|s| s.as_ref().map(|s| SearchIndex::build(&s.manifest)))
        });
        // Built while the driver reads, not inside their first keystroke
        // (docs/performance.md has what that cost). A new manifest (a
        // refresh, an import) is indexed again the same way.
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
        let result = Memo::new(move |_| {
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
        ManifestSearch {
            query,
            filter,
            searching,
            result,
        }
    }

    /// Clears the query and the filter, and puts focus back in the box.
    fn clear(self, input: NodeRef<leptos::html::Input>) {
        self.query.set(String::new());
        self.filter.set(StatusFilter::All);
        focus_box(input);
    }
}

/// The search box: tracking number (or its last four digits), recipient,
/// street or notes.
#[component]
pub fn SearchBox(search: ManifestSearch, input: NodeRef<leptos::html::Input>) -> impl IntoView {
    let l = use_locale();
    let query = search.query;
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

/// "12 packages at 9 stops", while a search finds something.
#[component]
pub fn MatchCount(search: ManifestSearch) -> impl IntoView {
    let l = use_locale();
    view! {
        <p class="match-count" role="status" aria-live="polite">
            {move || search.result.with(|r| r.as_ref().map(|r| {
                if r.is_empty() { String::new() } else { match_summary(l.lang(), r.package_count, r.stop_count()) }
            }))}
        </p>
    }
}

/// "No package matches …" with a way out, when a search finds nothing.
#[component]
pub fn NoMatch(search: ManifestSearch, input: NodeRef<leptos::html::Input>) -> impl IntoView {
    let l = use_locale();
    let ManifestSearch {
        query,
        filter,
        result,
        ..
    } = search;
    let words = move || {
        let q = query.get();
        match (q.trim(), filter.get()) {
            ("", f) => l
                .t(match f {
                    StatusFilter::Remaining => T::NoneRemaining,
                    StatusFilter::Delivered => T::NoneDelivered,
                    StatusFilter::Attempted => T::NoneAttempted,
                    // Every manifest has packages.
                    StatusFilter::All => T::NoneRemaining,
                })
                .to_string(),
            (query, f) => l.f(match f {
                StatusFilter::All => F::NoMatch { query: &query },
                StatusFilter::Remaining => F::NoMatchRemaining { query: &query },
                StatusFilter::Delivered => F::NoMatchDelivered { query: &query },
                StatusFilter::Attempted => F::NoMatchAttempted { query: &query },
            }),
        }
    };
    view! {
        <Show when=move || result.with(|r| r.as_ref().is_some_and(SearchResult::is_empty))>
            <div class="no-match" role="status">
                <p>{words}</p>
                <button type="button" class="primary" on:click=move |_| search.clear(input)>
                    {l.t(T::ClearSearch)}
                </button>
            </div>
        </Show>
    }
}

fn focus_box(input: NodeRef<leptos::html::Input>) {
    if let Some(input) = input.get_untracked() {
        let _ = input.focus();
    }
}
