//! The driver's manifest: counts, any outage guidance, and the stops with
//! their packages in route order.

use leptos::prelude::*;
use leptos_router::components::A;

use super::counts_bar::CountsBar;
use super::guidance_panel::GuidancePanel;
use super::stop_card::StopCard;
use crate::model::envelope::ManifestSource;
use crate::model::time::{human_duration, parse_rfc3339};
use crate::platform::clock::now_ms;
use crate::state::routebook::{Refresh, RouteBook, Sync};
use crate::state::session::SessionState;
use crate::state::upkeep::Connectivity;

#[component]
pub fn ManifestScreen() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let session = expect_context::<SessionState>();
    let connectivity = expect_context::<Connectivity>();

    let stops = move || {
        book.saved.with(|s| {
            s.as_ref()
                .map(|s| s.manifest.stops.clone())
                .unwrap_or_default()
        })
    };

    view! {
        <section class="manifest" aria-labelledby="manifest-title">
            <h1 id="manifest-title" class="visually-hidden">"Manifest"</h1>
            {move || book.storage_issue.get().map(|m| view! { <p class="notice warn" role="alert">{m}</p> })}
            <Show when=move || !session.has_token() && session.user.with(Option::is_some)>
                <p class="notice">
                    "You are signed out. Your saved manifest and marks are below. "
                    <A href="/sign-in">"Sign in"</A>
                    " to send marks and get updates."
                </p>
            </Show>
            {move || connectivity.failure.get().map(|f| view! { <GuidancePanel failure=f /> })}
            {move || match book.refresh.get() {
                Refresh::Rejected(reasons) => Some(view! {
                    <div class="notice warn" role="status">
                        <p>"The system sent a manifest Roadbook could not use, so your saved one is kept:"</p>
                        <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    </div>
                }),
                _ => None,
            }}
            <SavedLine />
            <CountsBar />
            <Show
                when=move || book.saved.with(Option::is_some)
                fallback=|| view! { <p class="empty" role="status">"Loading your manifest…"</p> }
            >
                <div class="stops">
                    <For each=stops key=|s| s.id.clone() children=move |stop| view! { <StopCard stop /> } />
                </div>
            </Show>
            <ActionBar />
        </section>
    }
}

/// "Saved 07:42 (2 h 14 min ago) from the server" and staleness.
#[component]
fn SavedLine() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let connectivity = expect_context::<Connectivity>();
    move || {
        connectivity.tick.track();
        book.saved.with(|s| {
            let s = s.as_ref()?;
            let source = match &s.source {
                ManifestSource::Server { .. } => "from the company's system".to_string(),
                ManifestSource::ImportedFile { name } => format!("imported from file {name}"),
                ManifestSource::ImportedLink => "imported from a link".to_string(),
            };
            let ago = human_duration(now_ms() - s.saved_at_ms);
            let block_over = parse_rfc3339(&s.manifest.block.end).is_some_and(|e| e.ms < now_ms());
            Some(view! {
                <p class="saved-line">
                    {format!("{} · {} · saved {ago} ago {source}", s.manifest.driver.name, s.manifest.block.station)}
                </p>
                {block_over.then(|| view! {
                    <p class="notice warn" role="status">
                        "This manifest's block has ended. It may be out of date: check with dispatch before delivering."
                    </p>
                })}
            })
        })
    }
}

/// Sticky bottom bar, in thumb reach: undo and the state of unsent marks.
#[component]
fn ActionBar() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let unsent = move || book.marks.with(|m| m.unsent());
    let can_undo = move || book.marks.with(|m| m.undo_target().is_some());
    let sync_text = move || match (book.sync.get(), unsent()) {
        (Sync::Sending, n) => format!("Sending {n} mark(s)…"),
        (_, 0) => "All marks sent".to_string(),
        (Sync::Failed(_), n) => format!("{n} mark(s) saved on this phone, not sent yet"),
        (Sync::Idle, n) => format!("{n} mark(s) waiting to send"),
    };
    view! {
        <div class="action-bar">
            <p class="sync" role="status" aria-live="polite">{sync_text}</p>
            <button type="button" class="secondary undo" disabled=move || !can_undo()
                on:click=move |_| { book.undo(); }>"Undo last"</button>
        </div>
    }
}
