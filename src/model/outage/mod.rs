//! Outages: what failed, when to try again, and what to tell the driver.
//!
//! The flow for every request Roadbook makes:
//! 1. [`classify`] turns the transport outcome into a [`Failure`] (or `None`).
//! 2. [`effective_failure`] applies the operator's support-code table, so a
//!    401 that the operator knows is a platform outage is treated as one.
//! 3. a [`RetryController`] (one policy for sign-in, upkeep and the
//!    fleet) plans the retry; [`guidance`] and [`banner_text`] say
//!    what is going on in words a driver can act on.
//!
//! [`parse_summary`] reads the public status page, the independent source
//! that can confirm an outage when the platform itself cannot be reached.
//!
//! Everything here is pure (no browser, no clock, no randomness): the caller
//! passes in `now_ms` and the random draw, so every decision is testable.

pub mod backoff;
pub mod classify;
pub mod guidance;
pub mod retry;
pub mod retry_after;
pub mod statuspage;
pub mod texts;

pub use backoff::{Backoff, RetryPlan};
pub use classify::{classify, unexpected_body, Failure, FailureKind, Operation};
pub use guidance::{
    banner_text, effective_failure, guidance, Dont, Guidance, SavedContext, SavedPlace,
};
pub use retry::RetryController;
pub use retry_after::parse_retry_after;
pub use statuspage::{parse_summary, StatusPageError, StatusSummary};
