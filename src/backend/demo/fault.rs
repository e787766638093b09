//! The ways the demo backend can be told to fail, so every outage screen can
//! be seen on a static deploy.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// The device has no network at all.
    Offline,
    /// The server cannot be reached (DNS failure, connection refused).
    Unreachable,
    /// The server never answers; the client's timeout fires.
    Timeout,
    /// 401: the password is wrong (or the session expired).
    Unauthorized,
    /// 403: the account may not sign in.
    Forbidden,
    /// 423: the account is locked.
    Locked,
    /// 429 with `Retry-After: 30`.
    TooManyRequests,
    /// 500 with problem+json.
    ServerError,
    /// 502 with an HTML page from a proxy.
    BadGatewayHtml,
    /// 503 with `Retry-After` and the support code of the 2018 outage, 03-005.
    Unavailable,
    /// 200 with a body that is not JSON at all.
    MalformedJson,
    /// 200 with JSON cut off half way.
    TruncatedJson,
    /// 200 with valid JSON of the wrong shape.
    WrongSchema,
}

impl Fault {
    pub const ALL: &'static [Fault] = &[
        Fault::Offline,
        Fault::Unreachable,
        Fault::Timeout,
        Fault::Unauthorized,
        Fault::Forbidden,
        Fault::Locked,
        Fault::TooManyRequests,
        Fault::ServerError,
        Fault::BadGatewayHtml,
        Fault::Unavailable,
        Fault::MalformedJson,
        Fault::TruncatedJson,
        Fault::WrongSchema,
    ];

    /// Stable name used in the demo control and in tests.
    pub fn key(self) -> &'static str {
        match self {
            Fault::Offline => "offline",
            Fault::Unreachable => "unreachable",
            Fault::Timeout => "timeout",
            Fault::Unauthorized => "401",
            Fault::Forbidden => "403",
            Fault::Locked => "423",
            Fault::TooManyRequests => "429",
            Fault::ServerError => "500",
            Fault::BadGatewayHtml => "502-html",
            Fault::Unavailable => "503",
            Fault::MalformedJson => "malformed-json",
            Fault::TruncatedJson => "truncated-json",
            Fault::WrongSchema => "wrong-schema",
        }
    }

    /// What the demo control shows for this fault.
    pub fn label(self) -> &'static str {
        match self {
            Fault::Offline => "Device offline",
            Fault::Unreachable => "Server unreachable",
            Fault::Timeout => "Timeout",
            Fault::Unauthorized => "401 Wrong password",
            Fault::Forbidden => "403 Account problem",
            Fault::Locked => "423 Account locked",
            Fault::TooManyRequests => "429 Too many attempts",
            Fault::ServerError => "500 Server error",
            Fault::BadGatewayHtml => "502 HTML error page",
            Fault::Unavailable => "503 Outage (code 03-005)",
            Fault::MalformedJson => "Malformed JSON",
            Fault::TruncatedJson => "Truncated JSON",
            Fault::WrongSchema => "Wrong schema",
        }
    }

    pub fn from_key(key: &str) -> Option<Fault> {
        Fault::ALL.iter().copied().find(|f| f.key() == key)
    }
}

/// Which requests a fault applies to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultScope {
    #[default]
    Everything,
    SignIn,
    Manifest,
    Events,
    Fleet,
}

impl FaultScope {
    pub const ALL: &'static [FaultScope] = &[
        FaultScope::Everything,
        FaultScope::SignIn,
        FaultScope::Manifest,
        FaultScope::Events,
        FaultScope::Fleet,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FaultScope::Everything => "everything",
            FaultScope::SignIn => "sign-in",
            FaultScope::Manifest => "manifest",
            FaultScope::Events => "events",
            FaultScope::Fleet => "fleet",
        }
    }

    pub fn from_key(key: &str) -> Option<FaultScope> {
        FaultScope::ALL.iter().copied().find(|s| s.key() == key)
    }

    pub fn covers(self, path: &str) -> bool {
        match self {
            FaultScope::Everything => true,
            FaultScope::SignIn => path == "/session",
            FaultScope::Manifest => path == "/manifest" || path.ends_with("/manifest"),
            FaultScope::Events => path == "/events",
            FaultScope::Fleet => path.starts_with("/fleet"),
        }
    }
}
