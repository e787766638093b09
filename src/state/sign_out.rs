//! A sign-out is a sign-out in every tab: the tab where the driver signs out
//! wipes this phone's copy, asks the server to revoke the token, and writes
//! the time of the sign-out; every other tab sees that time (at once through
//! the `storage` event, or when it wakes) and forgets its token and the
//! personal data on its screens, dropping answers still in flight. A token
//! is also dropped when its session's `expires_at` passes.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::routebook::RouteBook;
use super::session::SessionState;
use crate::model::session::TokenVerdict;
use crate::model::storage_keys as keys;
use crate::platform::api::Api;
use crate::platform::timer::sleep;

/// The driver signs out in this tab.
pub fn sign_out_here(session: SessionState, book: RouteBook, api: Option<Api>) {
    let token = session.token_for_revoking();
    book.wipe();
    session.sign_out();
    // Best effort and after the fact: the phone has already forgotten the
    // token, whatever the server answers (or if it cannot be reached). Not
    // in demo mode: the demo server's stored state is personal data, and
    // the sign-out has just removed it, token and all; a request now would
    // only write it back.
    if let (Some(api), Some(token)) = (api.filter(|a| !a.is_demo()), token) {
        spawn_local(async move {
            api.revoke_session(&token).await;
        });
    }
}

/// Follows sign-outs made in other tabs, and session expiry, for the life
/// of the page.
pub fn watch(session: SessionState, book: RouteBook) {
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(keys::SIGNED_OUT_AT.name) && ev.new_value().is_some() {
            follow_sign_out(session, book);
        }
    });
    // The app lives as long as the page; so does the listener.
    std::mem::forget(on_storage);
    spawn_local(async move {
        loop {
            // Also catches a sign-out whose event this tab missed (it was
            // frozen in the background), and a session running out.
            if session.check() == TokenVerdict::SignedOutElsewhere {
                follow_sign_out(session, book);
            }
            sleep(1_000).await;
        }
    });
}

fn follow_sign_out(session: SessionState, book: RouteBook) {
    let was_signed_in =
        session.user.with_untracked(Option::is_some) || session.token_for_revoking().is_some();
    // Storage is left alone: the other tab removed what a sign-out removes
    // (and a retention sign-out keeps unsent marks), and someone may have
    // signed in again since. Answers in flight here are dropped (RouteBook
    // checks the sign-out time before writing anything).
    book.forget();
    if was_signed_in {
        session.signed_out_elsewhere();
    }
}
