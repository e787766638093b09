//! The API client: contract v1 over either the real HTTP transport or the
//! in-page demo backend. Every failure comes back classified, so the UI only
//! ever deals in domain terms.

use serde::de::DeserializeOwned;

use super::clock::{device_online, now_ms};
use super::{demo_transport, http};
use crate::model::config::ApiBase;
use crate::model::event::{DeliveryEvent, EventAck, EventBatch};
use crate::model::fleet::{decode_fleet, FleetSnapshot};
use crate::model::manifest::Manifest;
use crate::model::outage::{classify, unexpected_body, Failure, Operation};
use crate::model::session::{Credentials, Session};
use crate::model::url::encode_component;
use crate::model::validate::{decode_manifest, ManifestProblem};
use crate::model::wire::{ApiRequest, ApiResponse, Method, TransportFailure};

/// Every request gives up after this long; a driver should never stare at a
/// spinner that will not end.
pub const TIMEOUT_MS: u32 = 10_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Api {
    base: ApiBase,
    timeout_ms: u32,
}

/// What a manifest refresh brought.
#[derive(Clone, Debug, PartialEq)]
pub enum ManifestFetch {
    /// 304: the saved manifest is current.
    NotModified,
    Fresh {
        manifest: Manifest,
        etag: Option<String>,
    },
    /// The server sent a manifest that failed validation; the saved one stays.
    Rejected(Vec<ManifestProblem>),
}

impl Api {
    pub fn new(base: ApiBase) -> Self {
        Api {
            base,
            timeout_ms: TIMEOUT_MS,
        }
    }

    pub fn is_demo(&self) -> bool {
        self.base.is_demo()
    }

    async fn send(&self, req: &ApiRequest) -> Result<ApiResponse, TransportFailure> {
        match &self.base {
            ApiBase::Demo => demo_transport::send(req, self.timeout_ms).await,
            ApiBase::Http(base) => {
                let url = format!("{base}{}", req.path);
                http::send(http::HttpCall {
                    method: req.method,
                    url: &url,
                    bearer: req.token.as_deref(),
                    if_none_match: req.if_none_match.as_deref(),
                    json_body: req.body.as_deref(),
                    timeout_ms: self.timeout_ms,
                })
                .await
            }
        }
    }

    /// Sends and classifies: `Ok` only for a 2xx or 304 response.
    async fn exchange(&self, op: Operation, req: &ApiRequest) -> Result<ApiResponse, Failure> {
        let outcome = self.send(req).await;
        match classify(op, &outcome, device_online(), now_ms()) {
            Some(failure) => Err(failure),
            // classify returns None only for a response.
            None => {
                outcome.map_err(|_| unexpected_body(op, &ApiResponse::default(), "no response"))
            }
        }
    }

    async fn json<T: DeserializeOwned>(
        &self,
        op: Operation,
        req: &ApiRequest,
    ) -> Result<T, Failure> {
        let response = self.exchange(op, req).await?;
        serde_json::from_str(&response.body)
            .map_err(|e| unexpected_body(op, &response, &e.to_string()))
    }

    pub async fn sign_in(&self, credentials: &Credentials) -> Result<Session, Failure> {
        let body = serde_json::to_string(credentials).unwrap_or_default();
        let session: Session = self
            .json(Operation::SignIn, &ApiRequest::post("/session", body))
            .await?;
        if session.token.is_empty() {
            return Err(unexpected_body(
                Operation::SignIn,
                &ApiResponse::default(),
                "the sign-in reply had no token",
            ));
        }
        Ok(session)
    }

    /// `DELETE /session`: asks the server to revoke the token at sign-out.
    /// Optional in the contract, so any answer (404 or 405 from a server
    /// without it, a failure) is fine: returns whether the server confirmed.
    pub async fn revoke_session(&self, token: &str) -> bool {
        let req = ApiRequest::delete("/session").with_token(Some(token));
        matches!(self.send(&req).await, Ok(r) if r.is_success())
    }

    pub async fn manifest(
        &self,
        token: &str,
        etag: Option<&str>,
    ) -> Result<ManifestFetch, Failure> {
        let mut req = ApiRequest::get("/manifest").with_token(Some(token));
        req.if_none_match = etag.map(str::to_string);
        let response = self.exchange(Operation::ManifestRefresh, &req).await?;
        if response.status == 304 {
            return Ok(ManifestFetch::NotModified);
        }
        Ok(match decode_manifest(&response.body) {
            Ok(manifest) => ManifestFetch::Fresh {
                manifest,
                etag: response.header("etag").map(str::to_string),
            },
            Err(problems) => ManifestFetch::Rejected(problems),
        })
    }

    pub async fn send_events(
        &self,
        token: &str,
        events: Vec<DeliveryEvent>,
    ) -> Result<EventAck, Failure> {
        let body = serde_json::to_string(&EventBatch { events }).unwrap_or_default();
        let req = ApiRequest::post("/events", body).with_token(Some(token));
        self.json(Operation::EventSync, &req).await
    }

    pub async fn fleet(&self, token: &str) -> Result<FleetSnapshot, Failure> {
        let req = ApiRequest::get("/fleet").with_token(Some(token));
        let response = self.exchange(Operation::FleetLoad, &req).await?;
        decode_fleet(&response.body)
            .map_err(|reason| unexpected_body(Operation::FleetLoad, &response, &reason))
    }

    pub async fn driver_manifest(&self, token: &str, driver_id: &str) -> Result<Manifest, Failure> {
        let path = format!("/fleet/{}/manifest", encode_component(driver_id));
        let req = ApiRequest {
            method: Method::Get,
            ..ApiRequest::get(&path).with_token(Some(token))
        };
        let response = self.exchange(Operation::FleetLoad, &req).await?;
        decode_manifest(&response.body).map_err(|problems| {
            let reason = problems.first().map(|p| p.to_string()).unwrap_or_default();
            unexpected_body(Operation::FleetLoad, &response, &reason)
        })
    }
}
