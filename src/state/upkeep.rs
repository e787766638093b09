//! Keeps the driver's route book current in the background: refreshes the
//! manifest, sends marks, and retries on its own after a failure — with
//! backoff, honouring Retry-After, paused while the phone is offline.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::routebook::RouteBook;
use super::session::SessionState;
use super::AppEnv;
use crate::model::outage::{effective_failure, Failure, RetryController, RetryPlan};
use crate::model::session::Role;
use crate::platform::api::Api;
use crate::platform::clock::{device_online, now_ms};
use crate::platform::locks::run_exclusive;
use crate::platform::timer::sleep;

/// How often a healthy app asks for a newer manifest.
const REFRESH_EVERY_MS: i64 = 60_000;
/// How soon marks the server did not accept are offered again.
const SYNC_RETRY_MS: i64 = 15_000;

/// Connection and retry state, for the header and the guidance panel.
#[derive(Clone, Copy)]
pub struct Connectivity {
    pub online: RwSignal<bool>,
    /// Fires every second, for countdowns and "updated 3 min ago".
    pub tick: Trigger,
    /// The failure the driver should know about, if any.
    pub failure: RwSignal<Option<Failure>>,
    /// The background work's retries (the one policy, see
    /// `model::outage::retry`).
    retry: RwSignal<RetryController>,
    /// Set by "Try now" and by the `online` event to skip the wait.
    wake: RwSignal<bool>,
}

impl Connectivity {
    pub fn try_now(&self) {
        self.wake.set(true);
    }

    /// The next automatic try, as the screen should tell it.
    pub fn plan(&self) -> Signal<Option<RetryPlan>> {
        let (retry, online) = (self.retry, self.online);
        Signal::derive(move || retry.with(|r| r.shown_plan(online.get())))
    }
}

pub fn start(
    env: RwSignal<Option<AppEnv>>,
    session: SessionState,
    book: RouteBook,
) -> Connectivity {
    let connectivity = Connectivity {
        online: RwSignal::new(device_online()),
        tick: Trigger::new(),
        failure: RwSignal::new(None),
        retry: RwSignal::new(RetryController::default()),
        wake: RwSignal::new(false),
    };
    provide_context(connectivity);

    let on_online = window_event_listener(leptos::ev::online, move |_| {
        connectivity.online.set(true);
        connectivity.wake.set(true);
    });
    let on_offline = window_event_listener(leptos::ev::offline, move |_| {
        connectivity.online.set(false);
    });
    // The app lives as long as the page; the listeners do too.
    std::mem::forget((on_online, on_offline));

    spawn_local(run(env, session, book, connectivity));
    connectivity
}

async fn run(
    env: RwSignal<Option<AppEnv>>,
    session: SessionState,
    book: RouteBook,
    c: Connectivity,
) {
    let mut next_refresh_at = 0i64;
    let mut next_sync_at = 0i64;
    let mut had_token = false;
    // Runs for the life of the page.
    loop {
        // Personal data past its retention window goes first, signed in or
        // not, and before the first second passes on screen.
        if let Some(env) = env.get_untracked() {
            let hours = env.config.retention_hours_after_block;
            if book.purge_if_expired(hours, now_ms()) {
                // Past its time, the session goes with the data: the
                // driver signs in again, and unsent marks are sent then.
                session.sign_out();
            }
            book.purge_unreadable_if_expired(hours, now_ms());
        }
        sleep(1_000).await;
        c.tick.notify();
        let now = now_ms();
        let Some(env) = env.get_untracked() else {
            continue;
        };
        let is_driver = session
            .user
            .with_untracked(|u| u.as_ref().is_some_and(|u| u.role == Role::Driver));
        let Some(token) = session.token().filter(|_| is_driver) else {
            had_token = false;
            continue;
        };
        if !had_token {
            // Just signed in: refresh at once.
            had_token = true;
            next_refresh_at = 0;
            c.retry.update(RetryController::succeeded);
        }
        let woken = c.wake.get_untracked();
        let unsent = book.marks.with_untracked(|m| m.unsent());
        let want_refresh = now >= next_refresh_at || woken;
        let want_sync = unsent > 0 && (now >= next_sync_at || woken);
        // "Try now" skips the wait; nothing else does (a person has to act
        // first after a 401, 403 or 423).
        let allowed = woken || c.retry.with_untracked(|r| r.due(now, device_online()));
        if !allowed || !(want_refresh || want_sync) {
            continue;
        }
        c.wake.set(false);

        let refreshed = if want_refresh {
            book.refresh(&env.api, &token).await
        } else {
            Ok(())
        };
        let result = match refreshed {
            Ok(()) => sync_in_one_tab(book, &env.api, &token).await,
            Err(f) => Err(f),
        };
        // After a success the next refresh is a minute away; after a failure
        // it is due at once, and the retry plan (checked above) decides when.
        next_refresh_at = if result.is_ok() {
            if want_refresh {
                now_ms() + REFRESH_EVERY_MS
            } else {
                next_refresh_at
            }
        } else {
            0
        };
        // Marks the server would not take are tried again later, not every second.
        next_sync_at = if book.marks.with_untracked(|m| m.unsent()) > 0 {
            now_ms() + SYNC_RETRY_MS
        } else {
            0
        };
        match result {
            Ok(()) => {
                c.failure.set(None);
                c.retry.update(RetryController::succeeded);
            }
            Err(failure) => {
                // The operator's support-code table first: a 401 that is
                // really the platform's outage is retried like one.
                let failure = effective_failure(&failure, &env.config);
                if failure.session_expired() {
                    // The token is no good; keep the manifest and ask the
                    // driver to sign in again.
                    session.token_rejected();
                }
                c.retry.update(|r| {
                    r.failed(&failure, js_sys::Math::random(), now_ms());
                });
                c.failure.set(Some(failure));
            }
        }
    }
}

/// Sends marks while holding the "roadbook-sync" Web Lock, so only one tab
/// sends at a time. If another tab holds it, this tab skips this round; the
/// other tab's acknowledgements reach this one through storage.
async fn sync_in_one_tab(book: RouteBook, api: &Api, token: &str) -> Result<(), Failure> {
    let outcome = Rc::new(RefCell::new(None));
    let (api, token, slot) = (api.clone(), token.to_string(), outcome.clone());
    let ran = run_exclusive("roadbook-sync", async move {
        let r = book.sync(&api, &token).await;
        *slot.borrow_mut() = Some(r);
    })
    .await;
    let result = outcome.borrow_mut().take();
    match (ran, result) {
        (true, Some(r)) => r,
        _ => Ok(()),
    }
}
