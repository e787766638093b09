//! Sign-in: credentials, the session the server hands back, and RFC 9457 errors.

use serde::{Deserialize, Serialize};

use crate::text_enum;

/// Body of `POST {api}/session`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// Reply to a successful sign-in. The token is kept in memory (and at most
/// sessionStorage): it must never reach localStorage, a URL or a log.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    /// RFC 3339.
    pub expires_at: String,
    pub user: User,
}

// Hand-written so that a stray `{:?}` can never print the token.
impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .field("user", &self.user)
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub name: String,
    pub role: Role,
}

text_enum!(
    Role { Driver = "driver", Dispatcher = "dispatcher" }
);

/// RFC 9457 problem details, as the API sends them with every error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemDetails {
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_token() {
        let s = Session {
            token: "secret-token-123".into(),
            expires_at: "2026-11-25T18:00:00Z".into(),
            user: User {
                id: "d1".into(),
                name: "Sam".into(),
                role: Role::Driver,
            },
        };
        let printed = format!("{s:?}");
        assert!(!printed.contains("secret-token-123"), "{printed}");
        assert!(printed.contains("Sam"));
    }
}
