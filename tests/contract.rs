//! Contract v1 (docs/api.md): the documented examples decode, and what the
//! app writes decodes back to the same value.

use roadbook::model::event::{AttemptReason, EventBatch, EventKind};
use roadbook::model::fleet::{DriverState, FleetSnapshot};
use roadbook::model::manifest::{Manifest, PackageSize, PackageStatus};
use roadbook::model::session::{ProblemDetails, Role, Session};
use roadbook::model::validate::decode_manifest;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let value: T = serde_json::from_str(text).expect("example decodes");
    let again: T = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
    assert_eq!(again, value, "serde round trip changed the value");
    value
}

#[test]
fn manifest_example_round_trips_and_validates() {
    let text = include_str!("fixtures/manifest.json");
    let m: Manifest = round_trip(text);
    assert_eq!(m.stops.len(), 2);
    let p = &m.stops[0].packages[0];
    assert_eq!(p.size, PackageSize::L);
    assert_eq!(p.status, PackageStatus::Pending);
    assert!(p.signature_required);
    assert_eq!(p.weight_kg, Some(4.2));
    assert_eq!(m.stops[0].packages[1].recipient, "Nguyễn Thị Ana");
    assert_eq!(m.stops[1].window, None);
    // The unknown top-level field is tolerated, and the validator accepts it.
    let valid = decode_manifest(text).expect("valid");
    assert_eq!(valid, m);
}

#[test]
fn session_example_round_trips() {
    let s: Session = round_trip(include_str!("fixtures/session.json"));
    assert_eq!(s.user.role, Role::Driver);
    assert_eq!(s.token, "opaque-token");
}

#[test]
fn problem_details_example_round_trips() {
    let p: ProblemDetails = round_trip(include_str!("fixtures/problem.json"));
    assert_eq!(p.status, Some(503));
    assert_eq!(p.support_code.as_deref(), Some("03-005"));
    assert_eq!(p.kind.as_deref(), Some("about:blank"));
}

#[test]
fn event_batch_example_round_trips() {
    let b: EventBatch = round_trip(include_str!("fixtures/events.json"));
    assert_eq!(b.events.len(), 3);
    assert_eq!(b.events[0].kind, EventKind::Delivered);
    assert_eq!(b.events[0].lat, Some(45.51212));
    assert_eq!(
        b.events[1].reason,
        Some(AttemptReason::RecipientUnavailable)
    );
    assert_eq!(b.events[2].kind, EventKind::Undo);
    // Optional fields stay absent on the wire rather than becoming null.
    let out = serde_json::to_string(&b.events[2]).unwrap();
    assert!(!out.contains("null"), "{out}");
}

#[test]
fn fleet_example_round_trips() {
    let f: FleetSnapshot = round_trip(include_str!("fixtures/fleet.json"));
    assert_eq!(f.drivers[0].state, DriverState::OnRoute);
    assert_eq!(f.drivers[0].next_stop.as_ref().map(|n| n.seq), Some(19));
    // The position is optional: the first driver has one, the second (as
    // from an older server) has none.
    let p = f.drivers[0].position.as_ref().unwrap();
    assert_eq!((p.lat, p.lng), (45.51214, -122.62771));
    assert_eq!(p.at, "2026-11-25T09:59:30-08:00");
    assert_eq!(f.drivers[1].position, None);
    let out = serde_json::to_string(&f.drivers[1]).unwrap();
    assert!(!out.contains("position"), "{out}");
    let err = f.drivers[1].sign_in_error.as_ref().unwrap();
    assert_eq!(
        (err.status, err.support_code.as_deref()),
        (503, Some("03-005"))
    );
}

#[test]
fn unknown_enum_values_survive_a_round_trip_unchanged() {
    let text = include_str!("fixtures/manifest.json").replace("\"pending\"", "\"lost_in_transit\"");
    let m: Manifest = serde_json::from_str(&text).unwrap();
    assert_eq!(
        m.stops[0].packages[0].status,
        PackageStatus::Unknown("lost_in_transit".into())
    );
    let out = serde_json::to_string(&m).unwrap();
    assert!(out.contains("\"lost_in_transit\""));
}
