//! Who is signed in. The user's name and role are kept in localStorage so
//! the header can say who this phone belongs to while offline; the token
//! lives in memory and sessionStorage only, beside the times that end it.

use leptos::prelude::*;

use crate::model::session::{token_verdict, Session, TokenTimes, TokenVerdict, User};
use crate::model::storage_keys as keys;
use crate::platform::clock::now_ms;
use crate::platform::storage::{self, StorageError};

/// Why this tab stopped being signed in without its driver signing out here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionEnd {
    /// The session's `expires_at` passed: sign in again; the saved manifest
    /// and unsent marks stay.
    Expired,
    /// Another tab of the app on this phone signed out, which deleted the
    /// saved manifest and marks for every tab.
    SignedOutElsewhere,
}

#[derive(Clone, Copy)]
pub struct SessionState {
    pub user: RwSignal<Option<User>>,
    token: RwSignal<Option<String>>,
    times: RwSignal<Option<TokenTimes>>,
    /// Set when the session ended on its own or in another tab, for the
    /// screens to say so; cleared by the next sign-in.
    pub ended: RwSignal<Option<SessionEnd>>,
}

/// The last sign-out any tab made on this phone (epoch ms).
pub fn last_sign_out() -> Option<i64> {
    storage::get(&keys::SIGNED_OUT_AT)
        .ok()
        .flatten()
        .and_then(|t| t.trim().parse().ok())
}

impl SessionState {
    /// Reads what the last visit left. Unreadable storage means "nobody". A
    /// token whose session expired, or that a sign-out in another tab ended
    /// while this one was closed or asleep, is dropped before any use.
    pub fn restore() -> Self {
        let user = storage::get(&keys::USER)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<User>(&t).ok());
        let token = storage::get(&keys::TOKEN).ok().flatten();
        let times = storage::get(&keys::TOKEN_TIMES)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<TokenTimes>(&t).ok());
        let state = SessionState {
            user: RwSignal::new(user),
            token: RwSignal::new(token),
            times: RwSignal::new(times),
            ended: RwSignal::new(None),
        };
        // Signed out in another tab since: the token goes, and the user
        // record is whatever storage holds now (gone, or a newer sign-in).
        if state.check() == TokenVerdict::SignedOutElsewhere {
            state.token_rejected();
        }
        state
    }

    /// The token, while it is good: never one past its session's end.
    pub fn token(&self) -> Option<String> {
        let good = self
            .times
            .with_untracked(|t| token_verdict(t.as_ref(), now_ms(), None) == TokenVerdict::Good);
        self.token.get_untracked().filter(|_| good)
    }

    pub fn has_token(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// Keeps a fresh session. A storage failure is returned so the screen
    /// can say the name will not be remembered; the session still works.
    pub fn signed_in(&self, session: Session) -> Result<(), StorageError> {
        let user_json = serde_json::to_string(&session.user).unwrap_or_default();
        let times = TokenTimes::at_sign_in(now_ms(), &session.expires_at, last_sign_out());
        self.user.set(Some(session.user));
        self.token.set(Some(session.token.clone()));
        self.times.set(Some(times));
        self.ended.set(None);
        let a = storage::set(&keys::TOKEN, &session.token);
        let t = storage::set(
            &keys::TOKEN_TIMES,
            &serde_json::to_string(&times).unwrap_or_default(),
        );
        let b = storage::set(&keys::USER, &user_json);
        a.and(t).and(b)
    }

    /// Forgets the token (expired or rejected) but keeps who this is, so the
    /// saved manifest stays on screen while the driver signs in again.
    pub fn token_rejected(&self) {
        if self.token.with_untracked(Option::is_some) {
            self.token.set(None);
        }
        self.times.set(None);
        let _ = storage::remove(&keys::TOKEN);
        let _ = storage::remove(&keys::TOKEN_TIMES);
    }

    /// The driver signs out in this tab: the token and the user go, and
    /// every other tab is told through the sign-out time.
    pub fn sign_out(&self) {
        // Strictly after this tab's own sign-in, even within one millisecond.
        let signed_in_at = self
            .times
            .with_untracked(|t| t.map_or(0, |t| t.signed_in_at_ms));
        let at = now_ms().max(signed_in_at + 1);
        self.forget();
        let _ = storage::set(&keys::SIGNED_OUT_AT, &at.to_string());
        let _ = storage::remove(&keys::USER);
    }

    /// Another tab signed out: this one forgets its token and user too (the
    /// other tab already removed the user record, and may since have signed
    /// someone in, so storage is left as it is).
    pub fn signed_out_elsewhere(&self) {
        self.forget();
        self.ended.set(Some(SessionEnd::SignedOutElsewhere));
    }

    fn forget(&self) {
        self.token_rejected();
        if self.user.with_untracked(Option::is_some) {
            self.user.set(None);
        }
    }

    /// Drops a token whose session has ended, saying why. Returns the
    /// verdict; `SignedOutElsewhere` leaves the forgetting to the caller,
    /// which also clears the personal data on screen.
    pub fn check(&self) -> TokenVerdict {
        if self.token.with_untracked(Option::is_none) {
            return TokenVerdict::Good;
        }
        let verdict = self
            .times
            .with_untracked(|t| token_verdict(t.as_ref(), now_ms(), last_sign_out()));
        if verdict == TokenVerdict::Expired {
            self.token_rejected();
            self.ended.set(Some(SessionEnd::Expired));
        }
        verdict
    }

    /// The token even past its end, only to ask the server to revoke it.
    pub fn token_for_revoking(&self) -> Option<String> {
        self.token.get_untracked()
    }
}
