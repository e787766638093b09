//! What crosses the wire, as plain data: the request the app makes, the
//! response it gets, or the way the transport failed.
//!
//! The real HTTP client and the in-page demo backend both produce these, so
//! decoding and failure classification are the same code for both, and
//! testable without a browser.

/// HTTP method used by the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    /// Only `DELETE /session` (revoking the token at sign-out).
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    pub method: Method,
    /// Path under the API base, starting with `/` (e.g. `/manifest`).
    pub path: String,
    /// Bearer token, when signed in. Never logged.
    pub token: Option<String>,
    pub if_none_match: Option<String>,
    /// JSON body for POST.
    pub body: Option<String>,
}

impl ApiRequest {
    pub fn get(path: &str) -> Self {
        ApiRequest {
            method: Method::Get,
            path: path.to_string(),
            token: None,
            if_none_match: None,
            body: None,
        }
    }

    pub fn post(path: &str, body: String) -> Self {
        ApiRequest {
            method: Method::Post,
            body: Some(body),
            ..ApiRequest::get(path)
        }
    }

    pub fn delete(path: &str) -> Self {
        ApiRequest {
            method: Method::Delete,
            ..ApiRequest::get(path)
        }
    }

    pub fn with_token(mut self, token: Option<&str>) -> Self {
        self.token = token.map(str::to_string);
        self
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiResponse {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl ApiResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(status: u16, body: String) -> Self {
        ApiResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The request never produced an HTTP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportFailure {
    /// The browser says it has no network (`navigator.onLine` is false).
    Offline,
    /// The fetch was rejected: DNS failure, connection refused, CORS, TLS.
    Unreachable(String),
    /// No answer within the time limit; the request was aborted.
    Timeout { after_ms: u32 },
}

/// serde_json's message without the " at line X column Y" it appends, for
/// callers that report the position separately.
pub fn json_error_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}
