//! The ways the demo backend can be told to fail, so every outage screen can
//! be seen on a static deploy.

use serde::{Deserialize, Serialize};

use crate::model::i18n::catalogues::DemoText;
use crate::model::i18n::{Lang, Text};

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

    /// What the demo control shows for this fault, in English.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    /// What the demo control shows for this fault.
    pub fn label_in(self, lang: Lang) -> &'static str {
        let key = match self {
            Fault::Offline => DemoText::FaultOffline,
            Fault::Unreachable => DemoText::FaultUnreachable,
            Fault::Timeout => DemoText::FaultTimeout,
            Fault::Unauthorized => DemoText::FaultUnauthorized,
            Fault::Forbidden => DemoText::FaultForbidden,
            Fault::Locked => DemoText::FaultLocked,
            Fault::TooManyRequests => DemoText::FaultTooManyRequests,
            Fault::ServerError => DemoText::FaultServerError,
            Fault::BadGatewayHtml => DemoText::FaultBadGatewayHtml,
            Fault::Unavailable => DemoText::FaultUnavailable,
            Fault::MalformedJson => DemoText::FaultMalformedJson,
            Fault::TruncatedJson => DemoText::FaultTruncatedJson,
            Fault::WrongSchema => DemoText::FaultWrongSchema,
        };
        key.text(lang)
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

    /// What the demo control shows for this scope.
    pub fn label_in(self, lang: Lang) -> &'static str {
        let key = match self {
            FaultScope::Everything => DemoText::ScopeEverything,
            FaultScope::SignIn => DemoText::ScopeSignIn,
            FaultScope::Manifest => DemoText::ScopeManifest,
            FaultScope::Events => DemoText::ScopeEvents,
            FaultScope::Fleet => DemoText::ScopeFleet,
        };
        key.text(lang)
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
