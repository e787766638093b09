//! The dispatcher's fleet: the last good snapshot (kept in storage for an
//! outage), its loading state, and the polling that keeps it current — with
//! the same retry policy as everything else (backoff, `Retry-After`, no
//! automatic retry after a 401/403/423, paused while offline).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session::{last_sign_out, SessionState};
use super::upkeep::Connectivity;
use super::AppEnv;
use crate::model::fleet::{DriverState, FleetSnapshot};
use crate::model::fleet_table::{SavedBlock, SavedFleet};
use crate::model::outage::{effective_failure, Failure, RetryController, RetryPlan};
use crate::model::storage_keys::FLEET;
use crate::platform::clock::{device_online, now_ms};
use crate::platform::storage;

/// How often a healthy fleet view asks again.
const REFRESH_EVERY_MS: i64 = 30_000;

/// The fleet and its loading state, shared by the table and the detail.
#[derive(Clone, Copy)]
pub struct FleetData {
    pub saved: RwSignal<Option<SavedFleet>>,
    pub failure: RwSignal<Option<Failure>>,
    pub loading: RwSignal<bool>,
    /// Loaded from the server in this page's life (not only from storage).
    pub fresh: RwSignal<bool>,
    /// The clock the rows were computed against; moves on each refresh.
    pub now: RwSignal<i64>,
    retry: RwSignal<RetryController>,
    /// When the next regular refresh is due (epoch ms).
    next_at: StoredValue<i64>,
    env: RwSignal<Option<AppEnv>>,
    session: SessionState,
    online: RwSignal<bool>,
}

impl FleetData {
    /// Restores the saved fleet, provides it, and keeps it current for as
    /// long as the calling component lives.
    pub fn provide(env: RwSignal<Option<AppEnv>>, session: SessionState) -> FleetData {
        let connectivity = expect_context::<Connectivity>();
        let saved = storage::get(&FLEET)
            .ok()
            .flatten()
            .and_then(|t| SavedFleet::parse(&t));
        let data = FleetData {
            saved: RwSignal::new(saved),
            failure: RwSignal::new(None),
            loading: RwSignal::new(false),
            fresh: RwSignal::new(false),
            now: RwSignal::new(now_ms()),
            retry: RwSignal::new(RetryController::default()),
            next_at: StoredValue::new(0),
            env,
            session,
            online: connectivity.online,
        };
        provide_context(data);
        Effect::new(move |_| {
            connectivity.tick.track();
            // Also as soon as the config and a token are there.
            let ready = env.with(Option::is_some) && session.has_token();
            if ready && data.due(now_ms()) {
                data.load();
            }
        });
        data
    }

    fn due(&self, now: i64) -> bool {
        let retrying = self.failure.with_untracked(Option::is_some);
        let ok = if retrying {
            self.retry.with_untracked(|r| r.due(now, device_online()))
        } else {
            now >= self.next_at.get_value()
        };
        ok && !self.loading.get_untracked()
    }

    /// "Try now": at once, whatever the plan says.
    pub fn try_now(&self) {
        self.load();
    }

    /// The next automatic try, as the screen should tell it.
    pub fn plan(&self) -> Signal<Option<RetryPlan>> {
        let (retry, online, failure) = (self.retry, self.online, self.failure);
        Signal::derive(move || {
            failure
                .with(Option::is_some)
                .then(|| retry.with(|r| r.shown_plan(online.get())))
                .flatten()
        })
    }

    /// Loads the fleet; on failure the last good one stays.
    fn load(self) {
        if self.loading.get_untracked() {
            return;
        }
        let (Some(env), Some(token)) = (self.env.get_untracked(), self.session.token()) else {
            return;
        };
        self.loading.set(true);
        let session = self.session;
        let out_before = last_sign_out();
        // Signed out (here or in another tab) while an answer was on its
        // way: the fleet is not written back.
        let signed_out = move |token: &str| {
            session.token_for_revoking().as_deref() != Some(token) || last_sign_out() != out_before
        };
        spawn_local(async move {
            let answer = env.api.fleet(&token).await;
            if signed_out(&token) {
                self.loading.set(false);
                return;
            }
            match answer {
                Ok(snapshot) => {
                    let now = now_ms();
                    let block = match self.known_block(now) {
                        Some(b) => Some(b),
                        None => learn_block(&env, &token, &snapshot).await,
                    };
                    if signed_out(&token) {
                        self.loading.set(false);
                        return;
                    }
                    let fleet = SavedFleet::new(now, snapshot, block);
                    // Saving is a convenience: a full or blocked storage only
                    // means a reload during an outage shows nothing.
                    let _ = storage::set(&FLEET, &fleet.to_json());
                    self.saved.set(Some(fleet));
                    self.failure.set(None);
                    self.fresh.set(true);
                    self.now.set(now);
                    self.retry.update(RetryController::succeeded);
                    self.next_at.set_value(now + REFRESH_EVERY_MS);
                }
                Err(f) => {
                    let f = effective_failure(&f, &env.config);
                    if f.session_expired() {
                        self.session.token_rejected();
                    }
                    self.retry.update(|r| {
                        r.failed(&f, js_sys::Math::random(), now_ms());
                    });
                    self.failure.set(Some(f));
                    self.now.set(now_ms());
                }
            }
            self.loading.set(false);
        });
    }

    /// The saved block, while it is still today's.
    fn known_block(&self, now: i64) -> Option<SavedBlock> {
        self.saved.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.block)
                .filter(|b| now < b.end_ms + 6 * 3_600_000 && now > b.start_ms - 6 * 3_600_000)
        })
    }
}

/// The fleet snapshot carries no block times; one working driver's manifest
/// does. Without it, nobody is flagged as behind schedule.
async fn learn_block(env: &AppEnv, token: &str, snapshot: &FleetSnapshot) -> Option<SavedBlock> {
    let d = snapshot
        .drivers
        .iter()
        .find(|d| d.state == DriverState::OnRoute)?;
    let m = env.api.driver_manifest(token, &d.id).await.ok()?;
    SavedBlock::from_rfc3339(&m.block.start, &m.block.end)
}
