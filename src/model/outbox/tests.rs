use super::*;
use crate::model::manifest::PackageStatus;
use crate::model::progress::marked_statuses;
use proptest::prelude::*;

fn ev(id: &str, package: &str, kind: EventKind) -> DeliveryEvent {
    DeliveryEvent {
        id: id.to_string(),
        package_id: package.to_string(),
        kind,
        reason: None,
        note: None,
        at: "2026-11-25T10:00:00-08:00".to_string(),
        lat: None,
        lng: None,
    }
}

fn mark(id: &str) -> DeliveryEvent {
    ev(id, &format!("P-{id}"), EventKind::Delivered)
}

fn ids(o: &Outbox) -> Vec<String> {
    o.events().map(|e| e.id.clone()).collect()
}

fn s(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|x| x.to_string()).collect()
}

#[test]
fn push_keeps_order_and_ignores_duplicates() {
    let mut o = Outbox::new();
    assert!(o.is_empty());
    assert!(o.push(mark("a")));
    assert!(o.push(mark("b")));
    assert!(!o.push(mark("a")));
    assert!(o.push(mark("c")));
    assert_eq!(ids(&o), ["a", "b", "c"]);
    assert_eq!(o.len(), 3);
}

#[test]
fn batches_are_oldest_first_and_do_not_remove() {
    let mut o = Outbox::new();
    for id in ["a", "b", "c", "d"] {
        o.push(mark(id));
    }
    let batch: Vec<_> = o.next_batch(3).into_iter().map(|e| e.id).collect();
    assert_eq!(batch, ["a", "b", "c"]);
    assert_eq!(o.len(), 4);
    assert_eq!(o.next_batch(10).len(), 4);
    assert!(o.next_batch(0).is_empty());
}

#[test]
fn acknowledge_removes_only_listed_ids() {
    let mut o = Outbox::new();
    for id in ["a", "b", "c", "d"] {
        o.push(mark(id));
    }
    // The server accepted a and c of a batch a, b, c (b was rejected).
    assert_eq!(o.acknowledge(&s(&["c", "a", "zzz"])), 2);
    assert_eq!(ids(&o), ["b", "d"]);
    assert_eq!(o.acknowledge(&s(&["a"])), 0);
    assert_eq!(o.acknowledge(&[]), 0);
    assert_eq!(o.acknowledge(&s(&["b", "d"])), 2);
    assert!(o.is_empty());
}

#[test]
fn failures_count_but_never_drop() {
    let mut o = Outbox::new();
    for id in ["a", "b", "c"] {
        o.push(mark(id));
    }
    o.record_failure(&s(&["a", "b"]), "server unreachable", 1_000);
    o.record_failure(&s(&["a", "b"]), "timed out after 15 s", 2_000);
    o.record_failure(&s(&["a", "nope"]), "HTTP 503", 3_000);
    assert_eq!(o.len(), 3);
    let a = &o.pending()[0];
    assert_eq!(a.attempts, 3);
    assert_eq!(a.last_error.as_deref(), Some("HTTP 503"));
    assert_eq!(a.first_tried_ms, Some(1_000));
    assert_eq!(o.pending()[1].attempts, 2);
    assert_eq!(o.pending()[2].attempts, 0);
    assert_eq!(o.pending()[2].first_tried_ms, None);

    let stuck: Vec<_> = o.stuck(2).iter().map(|p| p.event.id.as_str()).collect();
    assert_eq!(stuck, ["a", "b"]);
    assert_eq!(o.stuck(3).len(), 1);
    assert_eq!(o.stuck(0).len(), 3);
}

#[test]
fn serde_round_trip_and_tolerant_load() {
    let mut o = Outbox::new();
    o.push(mark("a"));
    o.push(ev("b", "P-a", EventKind::Undo));
    o.record_failure(&s(&["a"]), "offline", 5);
    let json = serde_json::to_string(&o).unwrap();
    let back: Outbox = serde_json::from_str(&json).unwrap();
    assert_eq!(back, o);
    // Saved by a build that only stored the events.
    let old = r#"{"events":[{"event":{"id":"x","package_id":"p","kind":"delivered","at":"2026-11-25T10:00:00Z"}}]}"#;
    let back: Outbox = serde_json::from_str(old).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back.pending()[0].attempts, 0);
    let empty: Outbox = serde_json::from_str("{}").unwrap();
    assert!(empty.is_empty());
}

#[test]
fn undo_targets_the_latest_standing_mark() {
    use EventKind::*;
    let mut h = vec![ev("1", "A", Delivered), ev("2", "B", Attempted)];
    assert_eq!(last_undoable(h.iter()), Some("B".into()));
    h.push(ev("3", "B", Undo));
    assert_eq!(last_undoable(h.iter()), Some("A".into()));
    // Re-mark B, mark C, then undo C: B is next.
    h.push(ev("4", "B", Delivered));
    h.push(ev("5", "C", Delivered));
    h.push(ev("6", "C", Undo));
    assert_eq!(last_undoable(h.iter()), Some("B".into()));
    // An undo for A cancels A's mark even though B's is more recent.
    h.push(ev("7", "A", Undo));
    assert_eq!(last_undoable(h.iter()), Some("B".into()));
    h.push(ev("8", "B", Undo));
    assert_eq!(last_undoable(h.iter()), None);
    assert!(!can_undo(h.iter()));
    // A stray undo with nothing to cancel changes nothing.
    h.push(ev("9", "Z", Undo));
    h.push(ev("10", "D", Delivered));
    assert_eq!(last_undoable(h.iter()), Some("D".into()));
    // Unknown kinds from a newer server are ignored.
    h.push(ev("11", "E", Unknown("returned".into())));
    assert_eq!(last_undoable(h.iter()), Some("D".into()));
    assert!(can_undo(h.iter()));
}

#[test]
fn undo_cancels_the_same_packages_latest_mark_when_marked_twice() {
    use EventKind::*;
    // A attempted, later delivered; B in between. Undo A → A's delivered
    // mark goes, A's attempted mark still stands but is older than B's.
    let h = [
        ev("1", "A", Attempted),
        ev("2", "B", Delivered),
        ev("3", "A", Delivered),
        ev("4", "A", Undo),
    ];
    assert_eq!(last_undoable(h.iter()), Some("B".into()));
}

#[derive(Clone, Debug)]
enum Op {
    Push(u8),
    Ack(Vec<u8>),
    Fail(Vec<u8>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..24).prop_map(Op::Push),
        1 => prop::collection::vec(0u8..24, 0..6).prop_map(Op::Ack),
        1 => prop::collection::vec(0u8..24, 0..6).prop_map(Op::Fail),
    ]
}

fn history_event() -> impl Strategy<Value = DeliveryEvent> {
    (0u16..1000, 0u8..4, 0u8..3).prop_map(|(id, pkg, kind)| {
        let kind = match kind {
            0 => EventKind::Delivered,
            1 => EventKind::Attempted,
            _ => EventKind::Undo,
        };
        ev(&id.to_string(), &format!("P{pkg}"), kind)
    })
}

proptest! {
    /// Any interleaving of push/ack/failure keeps exactly the pushed,
    /// unacknowledged events, in push order, and survives a save/load.
    #[test]
    fn never_loses_or_reorders_unacknowledged_events(ops in prop::collection::vec(op(), 0..60)) {
        let mut o = Outbox::new();
        let mut model: Vec<String> = Vec::new();
        for (t, op) in ops.into_iter().enumerate() {
            match op {
                Op::Push(n) => {
                    let id = n.to_string();
                    let added = o.push(mark(&id));
                    prop_assert_eq!(added, !model.contains(&id));
                    if added {
                        model.push(id);
                    }
                }
                Op::Ack(ns) => {
                    let acked: Vec<String> = ns.iter().map(u8::to_string).collect();
                    let before = model.len();
                    model.retain(|id| !acked.contains(id));
                    prop_assert_eq!(o.acknowledge(&acked), before - model.len());
                }
                Op::Fail(ns) => {
                    let failed: Vec<String> = ns.iter().map(u8::to_string).collect();
                    o.record_failure(&failed, "offline", t as i64);
                }
            }
            prop_assert_eq!(ids(&o), model.clone());
            let batch: Vec<String> = o.next_batch(3).into_iter().map(|e| e.id).collect();
            prop_assert_eq!(&batch[..], &model[..model.len().min(3)]);
        }
        let json = serde_json::to_string(&o).unwrap();
        let back: Outbox = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, o);
    }

    /// There is something to undo exactly when some package's effective
    /// status (by the progress module's stack rule) comes from a standing
    /// mark; the target is such a package; and undoing targets one by one
    /// leaves every package back at pending.
    #[test]
    fn undo_agrees_with_marked_statuses(h in prop::collection::vec(history_event(), 0..30)) {
        let standing = |h: &[DeliveryEvent]| -> Vec<String> {
            marked_statuses(h.iter())
                .into_iter()
                .filter(|(_, st)| matches!(st, PackageStatus::Delivered | PackageStatus::Attempted))
                .map(|(p, _)| p)
                .collect()
        };
        let target = last_undoable(h.iter());
        prop_assert_eq!(target.is_some(), !standing(&h).is_empty());
        if let Some(p) = target {
            prop_assert!(standing(&h).contains(&p));
        }
        let mut h = h.clone();
        let mut n = 0;
        while let Some(p) = last_undoable(h.iter()) {
            h.push(ev(&format!("u{n}"), &p, EventKind::Undo));
            n += 1;
            prop_assert!(n <= 30);
        }
        prop_assert!(standing(&h).is_empty());
    }
}
