//! Sign-in: credentials, the session the server hands back, and RFC 9457 errors.

use serde::{Deserialize, Serialize};

use crate::model::time::parse_rfc3339;
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

/// What a tab keeps beside its token (in sessionStorage, never
/// localStorage): when it signed in and when the token stops being good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenTimes {
    /// Device clock, epoch ms.
    pub signed_in_at_ms: i64,
    /// The server's `expires_at`, when it could be read and lay ahead of
    /// the device's clock at sign-in. One already past then means the
    /// phone's clock is wrong, not that the token is dead: the server's 401
    /// says so instead, and the driver is not sent round a sign-in loop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at_ms: Option<i64>,
}

impl TokenTimes {
    /// The times of a sign-in at `now_ms`, placed after `last_sign_out_ms`
    /// (the last sign-out any tab made) even when the clock has not moved
    /// since (a frozen or coarse clock), so that sign-out cannot end it.
    pub fn at_sign_in(now_ms: i64, expires_at: &str, last_sign_out_ms: Option<i64>) -> TokenTimes {
        TokenTimes {
            signed_in_at_ms: last_sign_out_ms.map_or(now_ms, |out| now_ms.max(out + 1)),
            expires_at_ms: parse_rfc3339(expires_at)
                .map(|s| s.ms)
                .filter(|&at| at > now_ms),
        }
    }
}

/// Whether a tab's token may still be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenVerdict {
    Good,
    /// The session's `expires_at` has passed.
    Expired,
    /// A tab of the app on this phone signed out after this one signed in.
    SignedOutElsewhere,
}

/// The verdict on a token whose times are `times` (unknown for a token
/// kept by an older version), at `now_ms`, given the last sign-out any tab
/// made on this phone (epoch ms, if any).
pub fn token_verdict(
    times: Option<&TokenTimes>,
    now_ms: i64,
    last_sign_out_ms: Option<i64>,
) -> TokenVerdict {
    let Some(times) = times else {
        return TokenVerdict::Good;
    };
    if last_sign_out_ms.is_some_and(|out| out >= times.signed_in_at_ms) {
        TokenVerdict::SignedOutElsewhere
    } else if times.expires_at_ms.is_some_and(|end| now_ms >= end) {
        TokenVerdict::Expired
    } else {
        TokenVerdict::Good
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
    fn token_times_keep_only_an_expiry_ahead_of_the_clock() {
        let now = parse_rfc3339("2026-11-25T08:00:00Z").unwrap().ms;
        let t = TokenTimes::at_sign_in(now, "2026-11-25T20:00:00Z", None);
        assert_eq!(t.signed_in_at_ms, now);
        assert_eq!(t.expires_at_ms, Some(now + 12 * 3_600_000));
        // Other offsets are the same instant.
        assert_eq!(
            TokenTimes::at_sign_in(now, "2026-11-25T12:00:00-08:00", None).expires_at_ms,
            Some(now + 12 * 3_600_000)
        );
        // Unreadable, or already past by the phone's clock: unknown.
        assert_eq!(
            TokenTimes::at_sign_in(now, "tomorrow", None).expires_at_ms,
            None
        );
        assert_eq!(
            TokenTimes::at_sign_in(now, "2026-11-25T07:00:00Z", None).expires_at_ms,
            None
        );
        assert_eq!(
            TokenTimes::at_sign_in(now, "2026-11-25T08:00:00Z", None).expires_at_ms,
            None
        );
        // A sign-in comes after the last sign-out, even on a clock that has
        // not moved since: that sign-out does not end it.
        let after = TokenTimes::at_sign_in(now, "2026-11-25T20:00:00Z", Some(now));
        assert_eq!(after.signed_in_at_ms, now + 1);
        assert_eq!(
            token_verdict(Some(&after), now, Some(now)),
            TokenVerdict::Good
        );
        assert_eq!(
            TokenTimes::at_sign_in(now, "x", Some(now - 5)).signed_in_at_ms,
            now
        );
    }

    #[test]
    fn a_token_ends_at_its_expiry_or_at_a_later_sign_out_anywhere() {
        let times = TokenTimes {
            signed_in_at_ms: 1_000,
            expires_at_ms: Some(5_000),
        };
        let v = |now, out| token_verdict(Some(&times), now, out);
        assert_eq!(v(1_000, None), TokenVerdict::Good);
        assert_eq!(v(4_999, None), TokenVerdict::Good);
        assert_eq!(v(5_000, None), TokenVerdict::Expired);
        // A sign-out before this sign-in is history; one after it ends it.
        assert_eq!(v(2_000, Some(999)), TokenVerdict::Good);
        assert_eq!(v(2_000, Some(1_500)), TokenVerdict::SignedOutElsewhere);
        assert_eq!(v(6_000, Some(1_500)), TokenVerdict::SignedOutElsewhere);
        // No expiry known: only a sign-out ends it.
        let open = TokenTimes {
            signed_in_at_ms: 1_000,
            expires_at_ms: None,
        };
        assert_eq!(
            token_verdict(Some(&open), i64::MAX, None),
            TokenVerdict::Good
        );
        // A token without times (kept by an older version) is left to the server.
        assert_eq!(
            token_verdict(None, i64::MAX, Some(i64::MAX)),
            TokenVerdict::Good
        );
        // Round trip through sessionStorage.
        let text = serde_json::to_string(&times).unwrap();
        assert_eq!(serde_json::from_str::<TokenTimes>(&text).unwrap(), times);
    }

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
