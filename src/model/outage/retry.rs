//! The one retry policy: sign-in, the driver's background upkeep (manifest
//! refresh and mark sync) and the dispatcher's fleet each hold a
//! [`RetryController`] and ask it, once a second, whether to try again.
//!
//! Its rules, the same for all three:
//! - after a failure, the next automatic try waits for the backoff (full
//!   jitter, see [`Backoff`]) or the server's `Retry-After` (seconds or an
//!   HTTP date), whichever is later;
//! - a wrong password (401), an account problem (403) or a locked account
//!   (423) is never retried on its own: a person has to act first;
//! - nothing is tried while the phone is offline; it is tried at once when
//!   it comes back;
//! - the count of wrong passwords (which turns "try again" into "reset your
//!   password") and the backoff start over only after a success.
//!
//! Pure: the caller passes the clock, the random draw and whether the phone
//! is online.

use super::backoff::{Backoff, RetryPlan};
use super::classify::{Failure, FailureKind, Operation};

/// The retry state of one thing that retries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetryController {
    backoff: Backoff,
    /// Failures since the last success (the backoff's exponent).
    failures: u32,
    /// Wrong-password answers to sign-in since the last success.
    wrong_passwords: u32,
    plan: Option<RetryPlan>,
}

impl RetryController {
    pub fn new(backoff: Backoff) -> Self {
        RetryController {
            backoff,
            ..RetryController::default()
        }
    }

    /// The request worked: back to the start.
    pub fn succeeded(&mut self) {
        *self = RetryController::new(self.backoff);
    }

    /// The request failed with `failure` (after the operator's support-code
    /// table, so a 401 that really is the platform's outage is retried like
    /// one). Returns the plan, which [`Self::plan`] also reports.
    pub fn failed(&mut self, failure: &Failure, rand01: f64, now_ms: i64) -> RetryPlan {
        if failure.kind == FailureKind::WrongCredentials && failure.operation == Operation::SignIn {
            self.wrong_passwords = self.wrong_passwords.saturating_add(1);
        }
        let plan = self
            .backoff
            .plan(failure, self.failures, rand01, now_ms, self.wrong_passwords);
        self.failures = self.failures.saturating_add(1);
        self.plan = Some(plan);
        plan
    }

    /// What happens next, or `None` while nothing has failed.
    pub fn plan(&self) -> Option<RetryPlan> {
        self.plan
    }

    /// Whether an automatic try is due. While nothing has failed the
    /// caller's own schedule decides (this says yes); after a failure only
    /// the plan does, and never while the phone is offline.
    pub fn due(&self, now_ms: i64, online: bool) -> bool {
        match self.plan {
            None => true,
            Some(RetryPlan::At(at)) => online && now_ms >= at,
            Some(RetryPlan::WhenOnline) => online,
            Some(RetryPlan::Never) | Some(RetryPlan::ShowPasswordReset) => false,
        }
    }

    /// The plan as the screen should tell it: a timed retry waits for the
    /// network while the phone is offline, whatever the timer says.
    pub fn shown_plan(&self, online: bool) -> Option<RetryPlan> {
        self.plan.map(|p| p.while_online(online))
    }
}

impl RetryPlan {
    /// This plan on a phone that is (`online`) or is not connected.
    pub fn while_online(self, online: bool) -> RetryPlan {
        match self {
            RetryPlan::At(_) if !online => RetryPlan::WhenOnline,
            other => other,
        }
    }

    /// Whole seconds until a timed retry (rounded up, never negative), for
    /// the countdown; `None` for plans without a timer.
    pub fn seconds_left(self, now_ms: i64) -> Option<i64> {
        match self {
            RetryPlan::At(at) => Some((at.saturating_sub(now_ms).max(0) + 999) / 1000),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
