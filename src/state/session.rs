//! Who is signed in. The user's name and role are kept in localStorage so
//! the header can say who this phone belongs to while offline; the token
//! lives in memory and sessionStorage only.

use leptos::prelude::*;

use crate::model::session::{Session, User};
use crate::model::storage_keys as keys;
use crate::platform::storage::{self, StorageError};

#[derive(Clone, Copy)]
pub struct SessionState {
    pub user: RwSignal<Option<User>>,
    token: RwSignal<Option<String>>,
}

impl SessionState {
    /// Reads what the last visit left. Unreadable storage means "nobody".
    pub fn restore() -> Self {
        let user = storage::get(&keys::USER)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<User>(&t).ok());
        let token = storage::get(&keys::TOKEN).ok().flatten();
        SessionState {
            user: RwSignal::new(user),
            token: RwSignal::new(token),
        }
    }

    pub fn token(&self) -> Option<String> {
        self.token.get_untracked()
    }

    pub fn has_token(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// Keeps a fresh session. A storage failure is returned so the screen
    /// can say the name will not be remembered; the session still works.
    pub fn signed_in(&self, session: Session) -> Result<(), StorageError> {
        let user_json = serde_json::to_string(&session.user).unwrap_or_default();
        self.user.set(Some(session.user));
        self.token.set(Some(session.token.clone()));
        let a = storage::set(&keys::TOKEN, &session.token);
        let b = storage::set(&keys::USER, &user_json);
        a.and(b)
    }

    /// Forgets the token (expired or rejected) but keeps who this is, so the
    /// saved manifest stays on screen while the driver signs in again.
    pub fn token_rejected(&self) {
        self.token.set(None);
        let _ = storage::remove(&keys::TOKEN);
    }

    pub fn sign_out(&self) {
        self.token_rejected();
        self.user.set(None);
        let _ = storage::remove(&keys::USER);
    }
}
