//! The company's public status page (Atlassian Statuspage `summary.json`),
//! fetched while something is failing: an independent word on whether the
//! platform is down, shown next to the guidance. Its own failure never hides
//! the guidance.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::outage::{parse_summary, StatusPageError, StatusSummary};
use crate::model::storage_keys as keys;
use crate::model::time::EpochMs;
use crate::model::wire::Method;
use crate::platform::clock::now_ms;
use crate::platform::http::{self, HttpCall};
use crate::platform::storage;

const TIMEOUT_MS: u32 = 8_000;
/// How often to look again while a failure lasts.
pub const EVERY_MS: i64 = 60_000;

#[derive(Clone, Copy)]
pub struct StatusPage {
    /// The last summary that parsed, and when it was fetched.
    pub last: RwSignal<Option<(StatusSummary, EpochMs)>>,
    /// Why the latest attempt did not give a summary.
    pub problem: RwSignal<Option<StatusPageError>>,
    fetched_at: RwSignal<EpochMs>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Cached {
    text: String,
    fetched_ms: EpochMs,
}

impl StatusPage {
    /// Starts with the cached summary, if any.
    pub fn restore() -> Self {
        let last = storage::get(&keys::STATUS)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<Cached>(&t).ok())
            .and_then(|c| parse_summary(&c.text).ok().map(|s| (s, c.fetched_ms)));
        StatusPage {
            last: RwSignal::new(last),
            problem: RwSignal::new(None),
            fetched_at: RwSignal::new(0),
        }
    }

    /// Fetches the page unless it was fetched within `EVERY_MS`.
    pub fn refresh_if_due(&self, url: &str) {
        let now = now_ms();
        if now - self.fetched_at.get_untracked() < EVERY_MS {
            return;
        }
        self.fetched_at.set(now);
        let this = *self;
        let url = url.to_string();
        spawn_local(async move {
            let call = HttpCall {
                method: Method::Get,
                url: &url,
                bearer: None,
                if_none_match: None,
                json_body: None,
                timeout_ms: TIMEOUT_MS,
            };
            match http::send(call).await {
                Ok(r) if r.is_success() => match parse_summary(&r.body) {
                    Ok(summary) => {
                        let cached = Cached {
                            text: r.body,
                            fetched_ms: now_ms(),
                        };
                        if let Ok(t) = serde_json::to_string(&cached) {
                            let _ = storage::set(&keys::STATUS, &t);
                        }
                        this.last.set(Some((summary, cached.fetched_ms)));
                        this.problem.set(None);
                    }
                    Err(e) => this.problem.set(Some(e)),
                },
                Ok(r) => this
                    .problem
                    .set(Some(StatusPageError::Answered { status: r.status })),
                Err(_) => this.problem.set(Some(StatusPageError::Unreachable)),
            }
        });
    }
}
