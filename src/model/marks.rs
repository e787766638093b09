//! The driver's marks for the current manifest: every mark made, in order
//! (to show the right status and to undo), and the outbox of those the
//! server has not acknowledged yet.
//!
//! Both live in one value stored under one key, so a single storage write
//! records a mark and its place in the outbox together: there is no moment
//! where one is saved and the other is not.

use serde::{Deserialize, Serialize};

use super::event::DeliveryEvent;
use super::outbox::{last_undoable, Outbox};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MarkLog {
    /// The manifest these marks belong to.
    pub manifest_id: String,
    /// Every mark made on this phone for this manifest, oldest first.
    pub history: Vec<DeliveryEvent>,
    /// Marks not yet acknowledged by the server, oldest first.
    pub outbox: Outbox,
}

impl MarkLog {
    pub fn for_manifest(manifest_id: &str) -> Self {
        MarkLog {
            manifest_id: manifest_id.to_string(),
            ..MarkLog::default()
        }
    }

    /// Records a new mark (a repeat of a known event id is ignored).
    pub fn record(&mut self, event: DeliveryEvent) {
        if self.history.iter().any(|e| e.id == event.id) {
            return;
        }
        self.outbox.push(event.clone());
        self.history.push(event);
    }

    /// The package whose latest mark an "undo" would cancel.
    pub fn undo_target(&self) -> Option<String> {
        last_undoable(self.history.iter())
    }

    pub fn unsent(&self) -> usize {
        self.outbox.len()
    }

    /// Moves to another manifest (a new day's, or an imported one). Marks not
    /// yet sent stay in the outbox, since they are real deliveries the server
    /// must still hear about; the history restarts for the new manifest.
    pub fn switch_to(&self, manifest_id: &str) -> MarkLog {
        if manifest_id == self.manifest_id {
            return self.clone();
        }
        MarkLog {
            manifest_id: manifest_id.to_string(),
            history: Vec::new(),
            outbox: self.outbox.clone(),
        }
    }
}
