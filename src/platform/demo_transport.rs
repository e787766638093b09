//! Runs the pure demo backend inside the page, as if it were across a
//! network: with latency, and with its "database" in localStorage under its
//! own key (two tabs talk to the same server). That database holds the
//! marks it received, notes and positions included, on this phone: it is
//! personal data, so sign-out and retention remove it like the app's own.

use std::cell::RefCell;

use super::clock::{device_online, now_ms};
use super::split::PartMissing;
use super::storage;
use super::timer::sleep;
use crate::backend::demo::{DemoReply, DemoServer, DemoState};
use crate::model::storage_keys::DEMO_SERVER;
use crate::model::time::EpochMs;
use crate::model::wire::{ApiRequest, ApiResponse, TransportFailure};
use crate::{later, split_point};

thread_local! {
    // Used only when storage is blocked, so the demo still works in memory.
    static MEMORY: RefCell<Option<DemoState>> = const { RefCell::new(None) };
}

pub fn load_state() -> DemoState {
    match storage::get(&DEMO_SERVER) {
        Ok(Some(text)) => serde_json::from_str(&text).unwrap_or_default(),
        Ok(None) => DemoState::default(),
        Err(_) => MEMORY.with(|m| m.borrow().clone()).unwrap_or_default(),
    }
}

pub fn save_state(state: &DemoState) {
    let text = serde_json::to_string(state).unwrap_or_default();
    if storage::set(&DEMO_SERVER, &text).is_err() {
        MEMORY.with(|m| *m.borrow_mut() = Some(state.clone()));
    }
}

/// Changes the demo server's settings (fault injection, fleet size).
pub fn update_state(f: impl FnOnce(&mut DemoState)) {
    let mut state = load_state();
    f(&mut state);
    save_state(&state);
}

// The server, its generated data and its storage live in a chunk of their
// own, fetched on the first request: a real deploy never downloads them.
split_point!(
    demo,
    fn exchange(req: ApiRequest, now: EpochMs) -> Result<DemoReply, PartMissing> {
        let mut server = DemoServer::new(load_state());
        let reply = server.handle(&req, now);
        save_state(&server.state);
        Ok(reply)
    }
);

/// Latency of the simulated network, in milliseconds.
const LATENCY_MS: u32 = 150;

pub async fn send(req: &ApiRequest, timeout_ms: u32) -> Result<ApiResponse, TransportFailure> {
    // The simulated server is "across the network": a phone without one
    // cannot reach it either.
    if !device_online() {
        return Err(TransportFailure::Offline);
    }
    sleep(LATENCY_MS).await;
    let Ok(reply) = later!(exchange(req.clone(), now_ms())) else {
        return Err(TransportFailure::Unreachable(
            "the demo server's code could not be loaded".into(),
        ));
    };
    match reply {
        DemoReply::Respond(r) => Ok(r),
        DemoReply::Offline => Err(TransportFailure::Offline),
        DemoReply::Refuse => Err(TransportFailure::Unreachable(
            "connection refused (simulated)".into(),
        )),
        DemoReply::Hang => {
            sleep(timeout_ms.saturating_sub(LATENCY_MS)).await;
            Err(TransportFailure::Timeout {
                after_ms: timeout_ms,
            })
        }
    }
}
