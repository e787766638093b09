//! The demo backend's request handling: contract v1 as a pure function of
//! the request, the clock and the stored server state.

use serde::{Deserialize, Serialize};

use super::data::{self, ManifestSize};
use super::fault::{Fault, FaultScope};
use crate::model::event::DeliveryEvent;
use crate::model::event::{EventAck, EventBatch};
use crate::model::fleet::NextStop;
use crate::model::manifest::{DriverRef, Manifest};
use crate::model::progress::{apply_marks, Counts};
use crate::model::session::{Credentials, ProblemDetails, Role, Session, User};
use crate::model::time::{format_rfc3339, EpochMs};
use crate::model::wire::{ApiRequest, ApiResponse, Method};

/// Demo accounts. They are printed on the sign-in screen in demo mode only.
pub const DRIVER_LOGIN: (&str, &str) = ("driver", "roadbook");
pub const DISPATCHER_LOGIN: (&str, &str) = ("dispatch", "roadbook");
const TOKEN_LIFETIME_MS: i64 = 12 * 3_600_000;
/// Fleet sizes the demo control offers.
pub const FLEET_STANDARD: usize = 25;
pub const FLEET_LARGE: usize = 1_000;

/// Everything the demo server remembers between requests (and, in the
/// browser, between page loads: it is stored apart from the app's own data,
/// as a real server's database would be).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemoState {
    #[serde(default)]
    pub block_start_ms: Option<EpochMs>,
    /// Accepted events in arrival order, each id once.
    #[serde(default)]
    pub events: Vec<DeliveryEvent>,
    #[serde(default)]
    pub tokens: Vec<IssuedToken>,
    #[serde(default)]
    pub next_token: u64,
    #[serde(default)]
    pub fault: Option<Fault>,
    #[serde(default)]
    pub fault_scope: FaultScope,
    #[serde(default = "default_fleet")]
    pub fleet_size: usize,
    #[serde(default)]
    pub large_manifest: bool,
    /// Requests answered, per path, so tests can count retries.
    #[serde(default)]
    pub request_count: u64,
}

fn default_fleet() -> usize {
    FLEET_STANDARD
}

impl Default for DemoState {
    fn default() -> Self {
        DemoState {
            block_start_ms: None,
            events: Vec::new(),
            tokens: Vec::new(),
            next_token: 0,
            fault: None,
            fault_scope: FaultScope::Everything,
            fleet_size: FLEET_STANDARD,
            large_manifest: false,
            request_count: 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedToken {
    pub token: String,
    pub user_id: String,
    pub role: Role,
    pub expires_ms: EpochMs,
}

/// What the demo backend does with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DemoReply {
    Respond(ApiResponse),
    /// Never answer: the client's timeout decides.
    Hang,
    /// As if the device had no network.
    Offline,
    /// As if the connection was refused.
    Refuse,
}

pub struct DemoServer {
    pub state: DemoState,
}

impl DemoServer {
    pub fn new(state: DemoState) -> Self {
        DemoServer { state }
    }

    pub fn handle(&mut self, req: &ApiRequest, now: EpochMs) -> DemoReply {
        self.state.request_count += 1;
        let path = req.path.split('?').next().unwrap_or("");
        if let Some(fault) = self
            .state
            .fault
            .filter(|_| self.state.fault_scope.covers(path))
        {
            return fault_reply(fault, path);
        }
        DemoReply::Respond(self.route(req, path, now))
    }

    fn route(&mut self, req: &ApiRequest, path: &str, now: EpochMs) -> ApiResponse {
        match (req.method, path) {
            (Method::Post, "/session") => self.sign_in(req, now),
            (Method::Delete, "/session") => self.sign_out(req),
            (Method::Get, "/manifest") => self.with_user(req, now, None, |s, user| {
                let driver = DriverRef {
                    id: user.user_id.clone(),
                    name: data::demo_driver().name,
                };
                s.manifest_reply(&driver, req, now)
            }),
            (Method::Post, "/events") => {
                self.with_user(req, now, Some(Role::Driver), |s, _| s.accept_events(req))
            }
            (Method::Get, "/fleet") => {
                self.with_user(req, now, Some(Role::Dispatcher), |s, _| s.fleet_reply(now))
            }
            (Method::Get, p) if p.starts_with("/fleet/") && p.ends_with("/manifest") => {
                let id = &p["/fleet/".len()..p.len() - "/manifest".len()];
                let id = id.to_string();
                self.with_user(req, now, Some(Role::Dispatcher), |s, _| {
                    s.driver_manifest_reply(&id, now)
                })
            }
            _ => problem(404, "Not found", "There is no such endpoint.", None),
        }
    }

    fn sign_in(&mut self, req: &ApiRequest, now: EpochMs) -> ApiResponse {
        let Some(creds) = req
            .body
            .as_deref()
            .and_then(|b| serde_json::from_str::<Credentials>(b).ok())
        else {
            return problem(400, "Bad request", "Send a username and a password.", None);
        };
        let user = match (creds.username.trim(), creds.password.as_str()) {
            (u, p) if (u, p) == DRIVER_LOGIN => User {
                id: data::demo_driver().id,
                name: data::demo_driver().name,
                role: Role::Driver,
            },
            (u, p) if (u, p) == DISPATCHER_LOGIN => User {
                id: "U-9001".to_string(),
                name: "Jordan Lee".to_string(),
                role: Role::Dispatcher,
            },
            _ => {
                return problem(
                    401,
                    "Wrong username or password",
                    "The username or password is not right.",
                    Some("01-001"),
                )
            }
        };
        self.state.next_token += 1;
        let token = format!("demo-{}-{}-{now}", user.id, self.state.next_token);
        let expires_ms = now + TOKEN_LIFETIME_MS;
        self.state.tokens.retain(|t| t.expires_ms > now);
        self.state.tokens.push(IssuedToken {
            token: token.clone(),
            user_id: user.id.clone(),
            role: user.role.clone(),
            expires_ms,
        });
        let session = Session {
            token,
            expires_at: format_rfc3339(expires_ms, 0),
            user,
        };
        ApiResponse::json(200, to_json(&session))
    }

    /// `DELETE /session`: the token stops working at once. Idempotent: an
    /// unknown or already revoked token gets the same 204.
    fn sign_out(&mut self, req: &ApiRequest) -> ApiResponse {
        if let Some(token) = req.token.as_deref() {
            self.state.tokens.retain(|t| t.token != token);
        }
        ApiResponse {
            status: 204,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    fn with_user(
        &mut self,
        req: &ApiRequest,
        now: EpochMs,
        role: Option<Role>,
        f: impl FnOnce(&mut Self, &IssuedToken) -> ApiResponse,
    ) -> ApiResponse {
        let found = req.token.as_deref().and_then(|t| {
            self.state
                .tokens
                .iter()
                .find(|it| it.token == t && it.expires_ms > now)
                .cloned()
        });
        match found {
            None => problem(
                401,
                "Signed out",
                "Your session has ended. Sign in again.",
                Some("01-002"),
            ),
            Some(user) if role.as_ref().is_some_and(|r| *r != user.role) => problem(
                403,
                "Not allowed",
                "This account cannot use this part of the system.",
                None,
            ),
            Some(user) => f(self, &user),
        }
    }

    fn block_start(&mut self, now: EpochMs) -> EpochMs {
        match self.state.block_start_ms {
            // Keep the day's block until it is long over, then start a new day.
            Some(s) if now < data::block_end(s) + 6 * 3_600_000 && now >= s - 3_600_000 => s,
            _ => {
                let s = data::block_start_for(now);
                self.state.block_start_ms = Some(s);
                self.state.events.clear();
                s
            }
        }
    }

    fn manifest_size(&self) -> ManifestSize {
        if self.state.large_manifest {
            ManifestSize::LARGE
        } else {
            ManifestSize::STANDARD
        }
    }

    /// The demo driver's manifest as the server knows it: accepted marks
    /// are reflected in package statuses.
    pub fn current_manifest(&mut self, driver: &DriverRef, now: EpochMs) -> Manifest {
        let start = self.block_start(now);
        let base = data::manifest_for(driver, start, self.manifest_size());
        apply_marks(&base, &self.state.events)
    }

    fn etag(&self, manifest: &Manifest) -> String {
        format!(
            "\"{}-{}-{}\"",
            manifest.id,
            manifest.package_count(),
            self.state.events.len()
        )
    }

    fn manifest_reply(
        &mut self,
        driver: &DriverRef,
        req: &ApiRequest,
        now: EpochMs,
    ) -> ApiResponse {
        let manifest = self.current_manifest(driver, now);
        let etag = self.etag(&manifest);
        if req.if_none_match.as_deref() == Some(etag.as_str()) {
            return ApiResponse {
                status: 304,
                headers: vec![("etag".into(), etag)],
                body: String::new(),
            };
        }
        ApiResponse::json(200, to_json(&manifest)).with_header("etag", &etag)
    }

    fn accept_events(&mut self, req: &ApiRequest) -> ApiResponse {
        let Some(batch) = req
            .body
            .as_deref()
            .and_then(|b| serde_json::from_str::<EventBatch>(b).ok())
        else {
            return problem(400, "Bad request", "The events could not be read.", None);
        };
        let driver = data::demo_driver();
        let start = self.state.block_start_ms.unwrap_or_default();
        let manifest = data::manifest_for(&driver, start, self.manifest_size());
        let mut accepted = Vec::new();
        for e in batch.events {
            let known = self.state.events.iter().any(|old| old.id == e.id);
            if known {
                // Idempotency: a repeat is acknowledged, not stored twice.
                accepted.push(e.id);
            } else if manifest.find_package(&e.package_id).is_some() && e.kind.is_known() {
                accepted.push(e.id.clone());
                self.state.events.push(e);
            }
        }
        ApiResponse::json(200, to_json(&EventAck { accepted }))
    }

    fn own_progress(&mut self, now: EpochMs) -> data::OwnProgress {
        let m = self.current_manifest(&data::demo_driver(), now);
        let c = Counts::of(&m);
        let pending = |s: &&crate::model::manifest::Stop| {
            s.packages
                .iter()
                .any(|p| p.status == crate::model::manifest::PackageStatus::Pending)
        };
        let next = m.stops.iter().find(pending).map(|s| NextStop {
            seq: s.seq,
            line1: s.address.line1.clone(),
        });
        // The last stop finished, in route order: where the driver was.
        let at = m
            .stops
            .iter()
            .rev()
            .find(|s| {
                !pending(s)
                    && s.packages
                        .iter()
                        .any(|p| p.status != crate::model::manifest::PackageStatus::Pending)
            })
            .map(|s| (s.lat, s.lng));
        data::OwnProgress {
            delivered: c.delivered as u32,
            attempted: c.attempted as u32,
            total: c.total as u32,
            next_stop: next,
            at,
        }
    }

    fn fleet_reply(&mut self, now: EpochMs) -> ApiResponse {
        let start = self.block_start(now);
        let own = self.own_progress(now);
        let fleet = data::fleet(self.state.fleet_size, start, now, own);
        ApiResponse::json(200, to_json(&fleet))
    }

    fn driver_manifest_reply(&mut self, driver_id: &str, now: EpochMs) -> ApiResponse {
        let start = self.block_start(now);
        if driver_id == data::demo_driver().id {
            let m = self.current_manifest(&data::demo_driver(), now);
            return ApiResponse::json(200, to_json(&m));
        }
        let Some(i) = (0..self.state.fleet_size).find(|&i| data::fleet_driver(i).id == driver_id)
        else {
            return problem(
                404,
                "Unknown driver",
                "There is no driver with that id.",
                None,
            );
        };
        let driver = data::fleet_driver(i);
        let m = data::manifest_for(&driver, start, ManifestSize::STANDARD);
        ApiResponse::json(200, to_json(&m))
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising these plain structs cannot fail (no maps with non-string
    // keys, no custom serialisers that error).
    serde_json::to_string(value).unwrap_or_default()
}

fn problem(status: u16, title: &str, detail: &str, code: Option<&str>) -> ApiResponse {
    let p = ProblemDetails {
        kind: Some("about:blank".to_string()),
        title: Some(title.to_string()),
        status: Some(status),
        detail: Some(detail.to_string()),
        support_code: code.map(str::to_string),
    };
    ApiResponse {
        status,
        headers: vec![("content-type".into(), "application/problem+json".into())],
        body: to_json(&p),
    }
}

fn fault_reply(fault: Fault, path: &str) -> DemoReply {
    let respond = DemoReply::Respond;
    match fault {
        Fault::Offline => DemoReply::Offline,
        Fault::Unreachable => DemoReply::Refuse,
        Fault::Timeout => DemoReply::Hang,
        Fault::Unauthorized => respond(problem(
            401,
            "Wrong username or password",
            "The username or password is not right.",
            Some("01-001"),
        )),
        Fault::Forbidden => respond(problem(
            403,
            "Account not allowed",
            "This account cannot sign in right now.",
            Some("04-001"),
        )),
        Fault::Locked => respond(problem(
            423,
            "Account locked",
            "This account is locked.",
            Some("04-002"),
        )),
        Fault::TooManyRequests => respond(
            problem(429, "Too many requests", "Slow down.", None).with_header("retry-after", "30"),
        ),
        Fault::ServerError => respond(problem(
            500,
            "Internal error",
            "Something went wrong on the server.",
            Some("05-500"),
        )),
        Fault::BadGatewayHtml => respond(ApiResponse {
            status: 502,
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
            body: "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>\
                   <body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>"
                .to_string(),
        }),
        Fault::Unavailable => respond(
            problem(
                503,
                "Error signing in. Please try again.",
                "Service temporarily unavailable.",
                Some("03-005"),
            )
            .with_header("retry-after", "120"),
        ),
        Fault::MalformedJson => respond(ApiResponse::json(200, "{\"token\": oops, }".to_string())),
        Fault::TruncatedJson => respond(ApiResponse::json(
            200,
            if path == "/manifest" {
                "{\"schema\":1,\"id\":\"M-1\",\"stops\":[{\"id\":\"S".to_string()
            } else {
                "{\"token\":\"abc\",\"user\":{\"id\"".to_string()
            },
        )),
        Fault::WrongSchema => respond(ApiResponse::json(
            200,
            "{\"data\":{\"items\":[]},\"version\":7}".to_string(),
        )),
    }
}
