//! Turning "what came back" into "what kind of failure this is".
//!
//! The driver-facing screens, the retry plan and the support record all start
//! from a [`Failure`]. Classification looks only at the transport outcome, the
//! status line, a few headers and (for errors) the body; it never decides
//! what to tell the driver. That is `guidance`, which may also let the
//! operator's support-code table change the kind.

use serde::{Deserialize, Serialize};

use super::retry_after::parse_retry_after;
use crate::model::wire::{ApiResponse, TransportFailure};

/// Which request failed. Wording and retry rules differ between them: a 401
/// on sign-in is a wrong password, a 401 anywhere else is an expired session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    SignIn,
    ManifestRefresh,
    EventSync,
    FleetLoad,
    StatusPage,
}

impl Operation {
    pub const ALL: [Operation; 5] = [
        Operation::SignIn,
        Operation::ManifestRefresh,
        Operation::EventSync,
        Operation::FleetLoad,
        Operation::StatusPage,
    ];
}

/// What went wrong, in the terms the driver's guidance is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The phone itself has no network.
    Offline,
    /// The request never got an answer: DNS, refused connection, TLS, CORS.
    Unreachable,
    /// The request was aborted after waiting too long.
    Timeout,
    /// 401.
    WrongCredentials,
    /// 403.
    AccountProblem,
    /// 423.
    AccountLocked,
    /// 429.
    TooManyAttempts,
    /// 500, 502, 504, any other 5xx, or an HTML error page from a proxy.
    PlatformError,
    /// 503: down or in maintenance.
    PlatformUnavailable,
    /// A success with a body Roadbook cannot use, or an unexpected status.
    UnexpectedResponse,
}

impl FailureKind {
    /// Every kind, for exhaustive tables and tests.
    pub const ALL: [FailureKind; 10] = [
        FailureKind::Offline,
        FailureKind::Unreachable,
        FailureKind::Timeout,
        FailureKind::WrongCredentials,
        FailureKind::AccountProblem,
        FailureKind::AccountLocked,
        FailureKind::TooManyAttempts,
        FailureKind::PlatformError,
        FailureKind::PlatformUnavailable,
        FailureKind::UnexpectedResponse,
    ];

    /// True when the cause is on the platform's side (or the road between),
    /// so nothing the driver does with their account or password helps.
    pub fn is_outage(self) -> bool {
        matches!(
            self,
            FailureKind::Unreachable
                | FailureKind::Timeout
                | FailureKind::PlatformError
                | FailureKind::PlatformUnavailable
                | FailureKind::UnexpectedResponse
        )
    }
}

/// One failed request, classified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub operation: Operation,
    /// HTTP status, when there was a response.
    pub status: Option<u16>,
    /// `support_code` from the problem details, e.g. "03-005".
    pub support_code: Option<String>,
    /// Epoch ms before which the server asked not to retry (`Retry-After`).
    pub retry_after_ms: Option<i64>,
    /// Problem `title`, for the support record only (never shown as-is).
    pub server_title: Option<String>,
    /// Problem `detail`, or why a success body was rejected; record only.
    pub server_detail: Option<String>,
}

impl Failure {
    /// A failure with nothing but a kind, e.g. for a transport error.
    pub fn new(kind: FailureKind, operation: Operation) -> Self {
        Failure {
            kind,
            operation,
            status: None,
            support_code: None,
            retry_after_ms: None,
            server_title: None,
            server_detail: None,
        }
    }

    /// A 401 outside sign-in means the token ran out, not that the password
    /// is wrong: the driver has to sign in again, not fix their password.
    pub fn session_expired(&self) -> bool {
        self.kind == FailureKind::WrongCredentials && self.operation != Operation::SignIn
    }
}

/// Longest server-supplied title/detail kept for the record.
const MAX_SERVER_TEXT: usize = 500;
/// Longest support code accepted; real ones look like "03-005".
const MAX_SUPPORT_CODE: usize = 40;

/// Classifies one request's outcome. `None` means it did not fail (2xx, 304).
///
/// A response that arrived is believed over `device_online`: the browser's
/// online flag lags, and a 200 in hand proves the network works. For every
/// failure, though, a phone that says it is offline is the whole story.
pub fn classify(
    op: Operation,
    outcome: &Result<ApiResponse, TransportFailure>,
    device_online: bool,
    now_ms: i64,
) -> Option<Failure> {
    if let Ok(r) = outcome {
        if r.is_success() || r.status == 304 {
            return None;
        }
    }
    if !device_online {
        return Some(Failure::new(FailureKind::Offline, op));
    }
    match outcome {
        Err(t) => Some(Failure::new(transport_kind(t), op)),
        Ok(r) => Some(classify_response(op, r, now_ms)),
    }
}

/// Builds the failure for a 2xx whose body could not be decoded or failed
/// validation. `reason` goes to the record; the saved manifest is untouched.
pub fn unexpected_body(op: Operation, response: &ApiResponse, reason: &str) -> Failure {
    Failure {
        status: Some(response.status),
        server_detail: clean_text(reason, MAX_SERVER_TEXT),
        ..Failure::new(FailureKind::UnexpectedResponse, op)
    }
}

fn transport_kind(t: &TransportFailure) -> FailureKind {
    match t {
        TransportFailure::Offline => FailureKind::Offline,
        TransportFailure::Unreachable(_) => FailureKind::Unreachable,
        TransportFailure::Timeout { .. } => FailureKind::Timeout,
    }
}

fn classify_response(op: Operation, r: &ApiResponse, now_ms: i64) -> Failure {
    let retry_after_ms = r
        .header("retry-after")
        .and_then(|v| parse_retry_after(v, now_ms));
    let base = Failure {
        status: Some(r.status),
        retry_after_ms,
        ..Failure::new(FailureKind::UnexpectedResponse, op)
    };
    // Proxies, load balancers and CDNs answer with their own HTML page, with
    // whatever status they like (even 401/403). That is never the API
    // talking, so it is never about the driver's account.
    if is_html(r) {
        let kind = if r.status == 503 {
            FailureKind::PlatformUnavailable
        } else {
            FailureKind::PlatformError
        };
        return Failure { kind, ..base };
    }
    let problem = if may_be_json(r) {
        parse_problem(&r.body)
    } else {
        LooseProblem::default()
    };
    Failure {
        kind: kind_for_status(r.status),
        support_code: problem.support_code,
        server_title: problem.title,
        server_detail: problem.detail,
        ..base
    }
}

/// The status-code table, for responses that came from the API itself.
fn kind_for_status(status: u16) -> FailureKind {
    match status {
        // No real answer (an opaque or aborted fetch can report 0).
        0 => FailureKind::Unreachable,
        401 => FailureKind::WrongCredentials,
        403 => FailureKind::AccountProblem,
        423 => FailureKind::AccountLocked,
        429 => FailureKind::TooManyAttempts,
        503 => FailureKind::PlatformUnavailable,
        500..=599 => FailureKind::PlatformError,
        // Other 4xx (400, 404, 409…), stray 1xx/3xx: the contract has no
        // such answer, so Roadbook cannot tell what it means.
        _ => FailureKind::UnexpectedResponse,
    }
}

fn content_type(r: &ApiResponse) -> String {
    let ct = r.header("content-type").unwrap_or("");
    let essence = ct.split(';').next().unwrap_or("");
    essence.trim().to_ascii_lowercase()
}

/// An HTML error page: by content type, or by a body that starts with a tag
/// (some proxies send HTML labelled as JSON or with no type at all).
fn is_html(r: &ApiResponse) -> bool {
    let ct = content_type(r);
    if ct == "text/html" || ct == "application/xhtml+xml" {
        return true;
    }
    r.body
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with('<')
}

/// Problem details come as problem+json, but some servers label them plain
/// JSON or leave the type off; anything else is not worth parsing.
fn may_be_json(r: &ApiResponse) -> bool {
    matches!(
        content_type(r).as_str(),
        "application/problem+json" | "application/json" | ""
    )
}

/// The parts of RFC 9457 problem details Roadbook uses, read field by field
/// so one badly typed field does not lose the others.
#[derive(Default)]
struct LooseProblem {
    title: Option<String>,
    detail: Option<String>,
    support_code: Option<String>,
}

fn parse_problem(body: &str) -> LooseProblem {
    let text = body.trim_start_matches('\u{feff}');
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) else {
        return LooseProblem::default();
    };
    let field = |name: &str| map.get(name).and_then(serde_json::Value::as_str);
    LooseProblem {
        title: field("title").and_then(|s| clean_text(s, MAX_SERVER_TEXT)),
        detail: field("detail").and_then(|s| clean_text(s, MAX_SERVER_TEXT)),
        support_code: field("support_code").and_then(clean_support_code),
    }
}

/// A support code is read out to a person on the phone and looked up in the
/// operator's table, so only short, printable, single-line codes are kept.
fn clean_support_code(code: &str) -> Option<String> {
    let code = code.trim();
    let printable = code.chars().all(|c| c.is_ascii_graphic() || c == ' ');
    (printable && !code.is_empty() && code.len() <= MAX_SUPPORT_CODE).then(|| code.to_string())
}

/// Trims, drops control characters and caps the length (in characters), so a
/// hostile or broken server cannot flood the record.
pub(super) fn clean_text(text: &str, max_chars: usize) -> Option<String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .take(max_chars)
        .collect();
    let cleaned = cleaned.trim_end().to_string();
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests;
