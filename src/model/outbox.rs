//! The outbox: delivery events the driver has made that the server has not
//! yet acknowledged.
//!
//! Rules, because a lost "delivered" mark means a driver is asked about a
//! parcel they left on a porch hours ago:
//! - an event leaves the outbox only when the server lists its id as
//!   accepted; a failure never drops anything, however many times it fails;
//! - order is kept: the server applies marks in the order they were made,
//!   and "delivered" followed by "undo" means something different reversed;
//! - pushing an event whose id is already waiting is a no-op, so a double
//!   tap or a replayed save cannot send a mark twice (the server also treats
//!   the id as an idempotency key).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::event::{DeliveryEvent, EventKind};

/// An event waiting to be sent, with its delivery history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingEvent {
    pub event: DeliveryEvent,
    /// Failed send attempts so far.
    #[serde(default)]
    pub attempts: u32,
    /// Why the last attempt failed, in words for the "stuck" screen.
    #[serde(default)]
    pub last_error: Option<String>,
    /// When the first failed attempt happened (epoch ms).
    #[serde(default)]
    pub first_tried_ms: Option<i64>,
}

impl PendingEvent {
    fn new(event: DeliveryEvent) -> Self {
        PendingEvent {
            event,
            attempts: 0,
            last_error: None,
            first_tried_ms: None,
        }
    }
}

/// Unsent events, oldest first. Saved to device storage as JSON after every
/// change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    #[serde(default)]
    events: Vec<PendingEvent>,
}

impl Outbox {
    pub fn new() -> Self {
        Outbox::default()
    }

    /// Queues an event at the end. Returns false (and changes nothing) when an
    /// event with the same id is already waiting.
    pub fn push(&mut self, event: DeliveryEvent) -> bool {
        if self.contains(&event.id) {
            return false;
        }
        self.events.push(PendingEvent::new(event));
        true
    }

    pub fn contains(&self, event_id: &str) -> bool {
        self.events.iter().any(|p| p.event.id == event_id)
    }

    /// Up to `max` events to send next, oldest first. The batch is a copy:
    /// nothing leaves the outbox until [`Outbox::acknowledge`].
    pub fn next_batch(&self, max: usize) -> Vec<DeliveryEvent> {
        self.events
            .iter()
            .take(max)
            .map(|p| p.event.clone())
            .collect()
    }

    /// Removes the events the server accepted. Ids not in the outbox (a
    /// duplicate ack, or one for an event already removed) are ignored; events
    /// not listed stay, in order. Returns how many were removed.
    pub fn acknowledge(&mut self, accepted_ids: &[String]) -> usize {
        if accepted_ids.is_empty() {
            return 0;
        }
        let accepted: HashSet<&str> = accepted_ids.iter().map(String::as_str).collect();
        let before = self.events.len();
        self.events
            .retain(|p| !accepted.contains(p.event.id.as_str()));
        before - self.events.len()
    }

    /// Notes a failed send of `batch_ids`. Events are never dropped here;
    /// the counts only feed the "stuck" warning.
    pub fn record_failure(&mut self, batch_ids: &[String], reason: &str, now_ms: i64) {
        let batch: HashSet<&str> = batch_ids.iter().map(String::as_str).collect();
        for p in &mut self.events {
            if batch.contains(p.event.id.as_str()) {
                p.attempts = p.attempts.saturating_add(1);
                p.last_error = Some(reason.to_string());
                p.first_tried_ms.get_or_insert(now_ms);
            }
        }
    }

    /// Events that have failed at least `min_attempts` times, oldest first.
    pub fn stuck(&self, min_attempts: u32) -> Vec<&PendingEvent> {
        self.events
            .iter()
            .filter(|p| p.attempts >= min_attempts)
            .collect()
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The waiting events, oldest first, for applying their marks on top of
    /// the manifest (see `progress::apply_marks`).
    pub fn events(&self) -> impl Iterator<Item = &DeliveryEvent> + '_ {
        self.events.iter().map(|p| &p.event)
    }

    /// The waiting events with their delivery history.
    pub fn pending(&self) -> &[PendingEvent] {
        &self.events
    }
}

/// The package whose mark an "undo" button would cancel now, if any.
///
/// `history` is every mark the driver has made, in order: acknowledged ones
/// followed by those still in the outbox. An undo event for a package
/// cancels that package's latest un-undone mark (the same stack rule as
/// `progress::marked_statuses`), so the undo button offers the most recent
/// mark that is still standing. An undo with nothing left to cancel is
/// ignored, as it is there.
pub fn last_undoable<'a>(history: impl Iterator<Item = &'a DeliveryEvent>) -> Option<String> {
    // Package ids of standing marks, oldest first.
    let mut standing: Vec<&str> = Vec::new();
    for e in history {
        match e.kind {
            EventKind::Delivered | EventKind::Attempted => standing.push(&e.package_id),
            EventKind::Undo => {
                if let Some(i) = standing.iter().rposition(|p| *p == e.package_id) {
                    standing.remove(i);
                }
            }
            EventKind::Unknown(_) => {}
        }
    }
    standing.last().map(|p| p.to_string())
}

/// Whether there is any standing mark to undo.
pub fn can_undo<'a>(history: impl Iterator<Item = &'a DeliveryEvent>) -> bool {
    last_undoable(history).is_some()
}

#[cfg(test)]
mod tests;
