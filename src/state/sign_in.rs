//! Signing in, as state that outlives the sign-in screen.
//!
//! During an outage a sign-in keeps failing for minutes. The driver should
//! spend them working from the saved manifest, not staring at a form: so
//! the attempt lives here, retries on its own with what was typed (kept in
//! memory only, never stored), and the manifest screen shows its guidance
//! as a banner while it does.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::navigation::Navigation;
use super::routebook::RouteBook;
use super::session::{SessionEnd, SessionState};
use super::upkeep::Connectivity;
use super::AppEnv;
use crate::model::outage::{effective_failure, Failure, RetryController, RetryPlan};
use crate::model::screen::Screen;
use crate::model::session::Credentials;
use crate::platform::clock::{device_online, now_ms};
use crate::platform::durability::request_persistence;
use crate::platform::storage::StorageError;

/// A word from the sign-in form that is not about a failed request.
#[derive(Clone, Debug, PartialEq)]
pub enum FormNote {
    /// Username or password left empty.
    EnterBoth,
    /// Signed in, but the browser would not store who this is.
    NotRemembered(StorageError),
}

#[derive(Clone, Copy)]
pub struct SignInAttempt {
    /// What the form holds: kept here so leaving the screen (or the app
    /// taking over from the page's first paint) loses nothing typed.
    pub username: RwSignal<String>,
    pub password: RwSignal<String>,
    pub busy: RwSignal<bool>,
    pub failure: RwSignal<Option<Failure>>,
    pub note: RwSignal<Option<FormNote>>,
    retry: RwSignal<RetryController>,
    /// What the automatic retries send; `None` when a person must act.
    pending: StoredValue<Option<Credentials>>,
    env: RwSignal<Option<AppEnv>>,
    session: SessionState,
    book: RouteBook,
    nav: Navigation,
}

impl SignInAttempt {
    /// Provides the context and starts the automatic retries.
    pub fn provide(
        env: RwSignal<Option<AppEnv>>,
        session: SessionState,
        book: RouteBook,
        nav: Navigation,
        connectivity: Connectivity,
    ) -> SignInAttempt {
        let attempt = SignInAttempt {
            username: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            failure: RwSignal::new(None),
            note: RwSignal::new(None),
            retry: RwSignal::new(RetryController::default()),
            pending: StoredValue::new(None),
            env,
            session,
            book,
            nav,
        };
        provide_context(attempt);
        // A sign-out in another tab signs this one out too: an attempt
        // waiting here to retry must not sign it back in.
        Effect::new(move |_| {
            if session.ended.get() == Some(SessionEnd::SignedOutElsewhere) {
                attempt.clear();
            }
        });
        // Checked once a second, whichever screen is showing.
        Effect::new(move |_| {
            connectivity.tick.track();
            let due = attempt.pending.with_value(Option::is_some)
                && attempt.failure.with_untracked(Option::is_some)
                && !attempt.busy.get_untracked()
                && attempt
                    .retry
                    .with_untracked(|r| r.due(now_ms(), device_online()));
            if due {
                if let Some(c) = attempt.pending.get_value() {
                    attempt.send(c);
                }
            }
        });
        attempt
    }

    /// The form was submitted.
    pub fn submit(&self) {
        let credentials = Credentials {
            username: self.username.get_untracked().trim().to_string(),
            password: self.password.get_untracked(),
        };
        if credentials.username.is_empty() || credentials.password.is_empty() {
            self.note.set(Some(FormNote::EnterBoth));
            return;
        }
        self.send(credentials);
    }

    /// "Try now": the retry that was waiting, at once.
    pub fn try_now(&self) {
        match self.pending.get_value() {
            Some(c) => self.send(c),
            None => self.submit(),
        }
    }

    /// The next automatic try, as the screen should tell it.
    pub fn plan(&self) -> Signal<Option<RetryPlan>> {
        let (retry, online) = (self.retry, expect_context::<Connectivity>().online);
        Signal::derive(move || retry.with(|r| r.shown_plan(online.get())))
    }

    /// Forgets the attempt (sign-out): nothing typed stays in memory.
    pub fn clear(&self) {
        self.pending.set_value(None);
        self.password.set(String::new());
        self.failure.set(None);
        self.note.set(None);
        self.retry.set(RetryController::default());
    }

    fn send(&self, credentials: Credentials) {
        let Some(env) = self.env.get_untracked() else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.note.set(None);
        let this = *self;
        spawn_local(async move {
            match env.api.sign_in(&credentials).await {
                Ok(s) => this.signed_in(s),
                Err(f) => this.failed(effective_failure(&f, &env.config), credentials),
            }
            this.busy.set(false);
        });
    }

    fn signed_in(&self, s: crate::model::session::Session) {
        self.retry.update(RetryController::succeeded);
        self.pending.set_value(None);
        self.failure.set(None);
        self.password.set(String::new());
        if let Err(e) = self.session.signed_in(s) {
            self.note.set(Some(FormNote::NotRemembered(e)));
        }
        // Ask the browser not to evict the saved manifest; the answer is
        // shown in Settings.
        spawn_local(async {
            request_persistence().await;
        });
        if self.nav.with_untracked(|s| *s == Screen::SignIn) {
            self.nav.go(Screen::Home);
        }
    }

    fn failed(&self, failure: Failure, credentials: Credentials) {
        let plan = self
            .retry
            .try_update(|r| r.failed(&failure, js_sys::Math::random(), now_ms()))
            .unwrap_or(RetryPlan::Never);
        let automatic = !matches!(plan, RetryPlan::Never | RetryPlan::ShowPasswordReset);
        // The same credentials only go again when the answer was not about
        // them; after a wrong password the driver types it again.
        self.pending.set_value(automatic.then_some(credentials));
        self.failure.set(Some(failure));
        // Nothing for the driver to fix on the form: back to their saved
        // manifest, with this guidance as its banner, while it retries.
        let on_form = self.nav.with_untracked(|s| *s == Screen::SignIn);
        if automatic && on_form && self.book.saved.with_untracked(Option::is_some) {
            self.nav.go(Screen::Home);
        }
    }
}
