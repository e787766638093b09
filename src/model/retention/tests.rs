use super::*;
use crate::model::event::{DeliveryEvent, EventKind};
use crate::model::marks::MarkLog;

const END: &str = "2026-11-25T17:00:00-08:00";
const END_MS: i64 = 1_795_654_800_000;

#[test]
fn purges_exactly_at_the_end_of_the_window() {
    assert_eq!(parse_rfc3339(END).unwrap().ms, END_MS);
    let window = 24 * 3_600_000;
    assert!(!retention_expired(END, 24, END_MS));
    assert!(!retention_expired(END, 24, END_MS + window - 1));
    assert!(retention_expired(END, 24, END_MS + window));
    assert!(retention_expired(END, 0, END_MS));
}

#[test]
fn staleness_by_block_end_and_by_age() {
    let saved = END_MS - 3_600_000;
    assert_eq!(staleness(END, saved, 12, END_MS - 1), Staleness::Fresh);
    assert_eq!(staleness(END, saved, 12, END_MS + 1), Staleness::BlockEnded);
    let long_block = "2026-11-27T17:00:00-08:00";
    assert_eq!(
        staleness(long_block, saved, 12, saved + 12 * 3_600_000),
        Staleness::Old { hours: 12 }
    );
    assert_eq!(
        staleness(long_block, saved, 12, saved + 12 * 3_600_000 - 1),
        Staleness::Fresh
    );
}

fn mark(id: &str, package: &str, note: Option<&str>) -> DeliveryEvent {
    DeliveryEvent {
        id: id.to_string(),
        package_id: package.to_string(),
        kind: EventKind::Delivered,
        reason: None,
        note: note.map(str::to_string),
        at: "2026-11-25T10:00:00-08:00".to_string(),
        lat: None,
        lng: None,
    }
}

/// The rule as the app applies it (`RouteBook::purge_if_expired`), on a
/// clock given explicitly: nothing before the window ends; at its end
/// the manifest and the mark history go, every unsent mark stays.
#[test]
fn purge_with_an_explicit_clock_keeps_every_unsent_mark() {
    let mut log = MarkLog::for_manifest("M-1");
    log.record(mark("e1", "P-1", None));
    log.record(mark("e2", "P-2", Some("left with neighbour at no. 12")));
    log.record(mark("e3", "P-3", None));
    log.outbox.acknowledge(&["e1".to_string()]);
    assert_eq!(log.unsent(), 2);

    let hours = 24;
    let end_of_window = END_MS + i64::from(hours) * 3_600_000;
    for now in [END_MS - 1, END_MS, end_of_window - 1] {
        assert!(!retention_expired(END, hours, now), "too early at {now}");
    }
    for now in [end_of_window, end_of_window + 30 * 24 * 3_600_000] {
        assert!(retention_expired(END, hours, now), "due at {now}");
    }

    let purged = log.after_retention_purge();
    assert!(purged.history.is_empty());
    assert_eq!(purged.manifest_id, "M-1");
    let unsent: Vec<_> = purged.outbox.events().map(|e| e.id.as_str()).collect();
    assert_eq!(unsent, ["e2", "e3"]);
    // The unsent mark is sent whole, with the driver's note: it is owed
    // to the server, and the server decides what to keep.
    assert_eq!(
        purged.outbox.events().next().unwrap().note.as_deref(),
        Some("left with neighbour at no. 12")
    );
    // Purging twice changes nothing.
    assert_eq!(purged.after_retention_purge(), purged);
}

#[test]
fn the_latest_block_decides() {
    let h = 3_600_000;
    assert!(!personal_data_expired(&[], 0, i64::MAX));
    assert!(personal_data_expired(&[END_MS], 24, END_MS + 24 * h));
    assert!(!personal_data_expired(
        &[END_MS, END_MS + h],
        24,
        END_MS + 24 * h
    ));
    assert!(personal_data_expired(
        &[END_MS + h, END_MS],
        24,
        END_MS + 25 * h
    ));
}

#[test]
fn unreadable_end_never_purges() {
    assert!(!retention_expired("garbage", 0, i64::MAX));
}
