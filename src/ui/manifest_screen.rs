//! The driver's manifest: counts and status filter, search, any outage
//! guidance, and the stops with their packages in route order (the list
//! itself, and why it renders as it does, is [`super::stop_list`]).

use leptos::prelude::*;

use super::action_bar::ActionBar;
use super::contrast_toggle::ContrastToggle;
use super::counts_bar::CountsBar;
use super::driver_view::{marked_manifest, next_stop_id, watch_location};
use super::guidance_panel::GuidancePanel;
use super::kept_on_phone::UnreadableMarksCard;
use super::manifest_notices::{RefreshRejectedNotice, SignedOutNotice};
use super::manifest_search::{ManifestSearch, MatchCount, NoMatch, SearchBox};
use super::saved_line::SavedLine;
use super::server_offer::ServerOfferNotice;
use super::stop_list::StopList;
use crate::model::i18n::catalogues::DriverText as T;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;
use crate::state::session::SessionState;
use crate::state::sign_in::SignInAttempt;
use crate::state::upkeep::Connectivity;

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
    let search = ManifestSearch::new(book, manifest);
    let next_id = next_stop_id(manifest);
    let announce = RwSignal::new(String::new());
    // The search box, for focus to go back to when a search is cleared
    // (its button hides or goes, which would drop focus to the page top).
    let search_box = NodeRef::<leptos::html::Input>::new();
    let saved = move || book.saved.with(Option::is_some);

    view! {
        <section class="manifest" aria-labelledby="manifest-title">
            <div class="screen-head">
                <h1 id="manifest-title">{l.t(T::ManifestTitle)}</h1>
                <ContrastToggle />
            </div>
            {move || book.storage_issue.get().map(|m| view! { <p class="notice warn" role="alert">{m}</p> })}
            <UnreadableMarksCard />
            <SignedOutNotice />
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
            <RefreshRejectedNotice />
            <SavedLine />
            // Nothing saved: no "0 of 0 stops", no search over nothing.
            <Show when=saved>
                <CountsBar filter=search.filter />
                <SearchBox search input=search_box />
            </Show>
            // Fixed at the bottom of the screen, but early in the page so the
            // keyboard reaches "Undo last" without tabbing past every stop.
            <ActionBar next_id />
            <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
            <Show
                when=saved
                // Signed out, nothing is coming: the notice above says so.
                fallback=move || session.has_token().then(|| view! { <p class="empty" role="status">{l.t(T::Loading)}</p> })
            >
                <MatchCount search />
                <NoMatch search input=search_box />
                <StopList search next_id announce />
            </Show>
        </section>
    }
}
