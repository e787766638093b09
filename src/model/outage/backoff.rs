//! When to try a failed request again.
//!
//! During a platform outage every phone in the fleet is retrying at once.
//! Exponential backoff with full jitter (a random delay between zero and an
//! exponentially growing ceiling) spreads those retries out, so the platform
//! is not knocked over again the moment it comes back.

use super::classify::{Failure, FailureKind, Operation};

/// The longest Roadbook honours a server's `Retry-After`: past an hour the
/// driver's block is half over, and a manual retry is always possible.
const MAX_RETRY_AFTER_MS: i64 = 60 * 60 * 1000;

/// Wrong-password answers in a row on sign-in before Roadbook offers the
/// password-reset link instead of another try.
const RESET_AFTER_401S: u32 = 2;

/// Exponential backoff parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// Ceiling for the first retry (attempt 0).
    pub base_ms: u64,
    /// The ceiling never grows past this.
    pub cap_ms: u64,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base_ms: 2_000,
            cap_ms: 120_000,
        }
    }
}

impl Backoff {
    /// `min(cap, base * 2^attempt)`, without overflowing for large attempts.
    pub fn ceiling_ms(&self, attempt: u32) -> u64 {
        let factor = 1u64.checked_shl(attempt).unwrap_or(u64::MAX);
        self.base_ms.saturating_mul(factor).min(self.cap_ms)
    }

    /// Full jitter: `rand01 * ceiling`. `rand01` is clamped to [0, 1) (NaN
    /// counts as 0), so a bad random source can only shorten the wait.
    pub fn delay_ms(&self, attempt: u32, rand01: f64) -> u64 {
        let ceiling = self.ceiling_ms(attempt);
        let r = clamp_unit(rand01);
        // f64 loses precision above 2^53; `min` keeps the result in range.
        ((ceiling as f64 * r) as u64).min(ceiling)
    }

    /// Plans the retry of `failure` (`Backoff::default()` is Roadbook's
    /// policy).
    ///
    /// `attempt` counts earlier automatic retries (0 for the first). Pass
    /// the failure after the operator's support-code table has been applied
    /// (`guidance::effective_failure`), so a 401 that really is an outage is
    /// retried like one. `consecutive_401s` includes this failure.
    pub fn plan(
        &self,
        failure: &Failure,
        attempt: u32,
        rand01: f64,
        now_ms: i64,
        consecutive_401s: u32,
    ) -> RetryPlan {
        if let Some(plan) = no_timer_plan(failure, consecutive_401s) {
            return plan;
        }
        let delay = i64::try_from(self.delay_ms(attempt, rand01)).unwrap_or(i64::MAX);
        let backoff_at = now_ms.saturating_add(delay);
        RetryPlan::At(honour_retry_after(failure, backoff_at, now_ms))
    }
}

/// What to do after a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryPlan {
    /// Try again automatically at this epoch ms.
    At(i64),
    /// Wait for the phone to come back online, then try at once.
    WhenOnline,
    /// Do not retry on a timer; a person has to act (sign in, call support).
    Never,
    /// Stop and offer the password-reset link.
    ShowPasswordReset,
}

/// The plans that do not involve a timer, or `None` when backoff applies.
fn no_timer_plan(failure: &Failure, consecutive_401s: u32) -> Option<RetryPlan> {
    match failure.kind {
        FailureKind::Offline => Some(RetryPlan::WhenOnline),
        // Retrying a wrong password only counts towards a lock-out.
        FailureKind::WrongCredentials
            if failure.operation == Operation::SignIn && consecutive_401s >= RESET_AFTER_401S =>
        {
            Some(RetryPlan::ShowPasswordReset)
        }
        // Same credentials, same answer: a person has to act first.
        FailureKind::WrongCredentials
        | FailureKind::AccountProblem
        | FailureKind::AccountLocked => Some(RetryPlan::Never),
        _ => None,
    }
}

/// The later of the backoff time and the server's `Retry-After`, with the
/// server's wish capped at an hour from now.
fn honour_retry_after(failure: &Failure, backoff_at: i64, now_ms: i64) -> i64 {
    match failure.retry_after_ms {
        Some(server_at) => {
            let server_at = server_at.min(now_ms.saturating_add(MAX_RETRY_AFTER_MS));
            backoff_at.max(server_at)
        }
        None => backoff_at,
    }
}

/// Largest f64 below 1.0.
const BELOW_ONE: f64 = 1.0 - f64::EPSILON / 2.0;

fn clamp_unit(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, BELOW_ONE)
    }
}

#[cfg(test)]
mod tests;
