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

    /// What is left once the retention window has passed: the history (which
    /// package got which mark) goes with the manifest; marks not yet sent
    /// stay, because they are deliveries the server must still hear about.
    /// An unsent mark is never lost, to retention or anything else.
    pub fn after_retention_purge(&self) -> MarkLog {
        MarkLog {
            manifest_id: self.manifest_id.clone(),
            history: Vec::new(),
            outbox: self.outbox.clone(),
        }
    }

    /// Combines what another tab stored (`stored`) with what this tab holds
    /// (`self`), losing neither: every mark either knows stays in the
    /// history, in order; a mark leaves the outbox if either side saw it
    /// acknowledged. A mark the other tab never saw stays unsent here.
    pub fn merge(&self, stored: &MarkLog) -> MarkLog {
        if stored.manifest_id != self.manifest_id && !stored.manifest_id.is_empty() {
            // The other tab moved to another manifest: follow it, keeping
            // this tab's unsent marks.
            let mut moved = stored.clone();
            for p in self.outbox.pending() {
                if !stored.history.iter().any(|e| e.id == p.event.id) {
                    moved.outbox.push(p.event.clone());
                }
            }
            return moved;
        }
        let mut out = stored.clone();
        out.manifest_id = self.manifest_id.clone();
        for e in &self.history {
            let known = stored.history.iter().any(|s| s.id == e.id);
            if !known {
                out.history.push(e.clone());
                if self.outbox.contains(&e.id) {
                    out.outbox.push(e.clone());
                }
            }
        }
        // Acknowledged here but still listed as unsent there: drop it.
        let acked_here: Vec<String> = stored
            .outbox
            .events()
            .filter(|e| self.history.iter().any(|h| h.id == e.id) && !self.outbox.contains(&e.id))
            .map(|e| e.id.clone())
            .collect();
        out.outbox.acknowledge(&acked_here);
        out
    }

    /// What this tab does when another tab has written `stored`: the log
    /// to hold from now on, and whether it must be written back because
    /// `stored` lacks something this tab knows (a mark, an acknowledgement).
    ///
    /// Two tabs that mark at the same moment each read the log, add their
    /// mark and write it: the later write loses the earlier tab's mark from
    /// storage, though that tab already shows it. Writing the union back
    /// when the other tab's write is seen puts it in storage again; the
    /// union only grows, so two tabs settle after one round.
    pub fn reconcile(&self, stored: &MarkLog) -> (MarkLog, bool) {
        let merged = self.merge(stored);
        let write_back = merged != *stored;
        (merged, write_back)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::EventKind;

    fn ev(id: &str, pkg: &str) -> DeliveryEvent {
        DeliveryEvent {
            id: id.into(),
            package_id: pkg.into(),
            kind: EventKind::Delivered,
            reason: None,
            note: None,
            at: "2026-11-25T09:00:00Z".into(),
            lat: None,
            lng: None,
        }
    }

    #[test]
    fn record_keeps_history_and_outbox_together() {
        let mut log = MarkLog::for_manifest("M");
        log.record(ev("a", "p1"));
        log.record(ev("a", "p1"));
        log.record(ev("b", "p2"));
        assert_eq!(log.history.len(), 2);
        assert_eq!(log.unsent(), 2);
        assert_eq!(log.undo_target().as_deref(), Some("p2"));
    }

    #[test]
    fn merging_two_tabs_loses_no_mark() {
        let mut a = MarkLog::for_manifest("M");
        a.record(ev("a1", "p1"));
        let mut b = a.clone();
        a.record(ev("a2", "p2"));
        b.record(ev("b1", "p3"));
        // Tab A wrote last; tab B merges what A stored.
        let merged = b.merge(&a);
        let ids: Vec<_> = merged.history.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["a1", "a2", "b1"]);
        assert_eq!(merged.unsent(), 3);
    }

    #[test]
    fn an_acknowledgement_in_either_tab_counts() {
        let mut a = MarkLog::for_manifest("M");
        a.record(ev("x", "p1"));
        a.record(ev("y", "p2"));
        let mut stored = a.clone();
        stored.outbox.acknowledge(&["x".to_string()]);
        let merged = a.merge(&stored);
        assert_eq!(merged.unsent(), 1, "x was acknowledged by the other tab");
        let mut here = a.clone();
        here.outbox.acknowledge(&["y".to_string()]);
        let merged = here.merge(&a);
        assert_eq!(merged.unsent(), 1, "y was acknowledged in this tab");
        assert!(merged.outbox.contains("x"));
    }

    #[test]
    fn a_mark_overwritten_by_another_tabs_write_is_written_back() {
        // Both tabs start from the same stored log and mark at once; tab B
        // writes last, so storage has B's mark but not A's.
        let mut start = MarkLog::for_manifest("M");
        start.record(ev("s", "p0"));
        let mut a = start.clone();
        a.record(ev("a", "p1"));
        let mut b = start.clone();
        b.record(ev("b", "p2"));
        let stored = b.clone();

        // A sees B's write: it keeps both and must write them back.
        let (a_holds, write_back) = a.reconcile(&stored);
        assert!(write_back, "storage lacks A's mark");
        let ids: Vec<_> = a_holds.history.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["s", "b", "a"]);
        assert_eq!(a_holds.unsent(), 3);

        // B sees A's write of the union: nothing missing, no write, so the
        // two tabs do not keep writing at each other.
        let (b_holds, write_back) = b.reconcile(&a_holds);
        assert!(!write_back);
        assert_eq!(b_holds, a_holds);
    }

    #[test]
    fn nothing_is_written_back_when_storage_already_has_everything() {
        let mut a = MarkLog::for_manifest("M");
        a.record(ev("x", "p1"));
        let (holds, write_back) = a.reconcile(&a.clone());
        assert!(!write_back);
        assert_eq!(holds, a);
        // Storage ahead of this tab (another tab marked and got an ack).
        let mut stored = a.clone();
        stored.record(ev("y", "p2"));
        stored.outbox.acknowledge(&["x".to_string()]);
        let (holds, write_back) = a.reconcile(&stored);
        assert!(!write_back);
        assert_eq!(holds, stored);
    }

    #[test]
    fn an_acknowledgement_only_this_tab_saw_is_written_back() {
        let mut stored = MarkLog::for_manifest("M");
        stored.record(ev("x", "p1"));
        let mut here = stored.clone();
        here.outbox.acknowledge(&["x".to_string()]);
        let (holds, write_back) = here.reconcile(&stored);
        assert!(write_back, "storage still lists x as unsent");
        assert_eq!(holds.unsent(), 0);
    }

    #[test]
    fn following_another_tab_to_a_new_manifest_keeps_unsent_marks() {
        let mut old = MarkLog::for_manifest("M1");
        old.record(ev("u", "p1"));
        let stored = MarkLog::for_manifest("M2");
        let merged = old.merge(&stored);
        assert_eq!(merged.manifest_id, "M2");
        assert!(merged.outbox.contains("u"));
        assert!(merged.history.is_empty());
    }
}
