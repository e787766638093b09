//! The validator names each kind of damage, and never "fixes" it; long free
//! text is kept (cut with a marker past a generous cap), not refused.

use roadbook::model::validate::{decode_manifest, limits, Field, ManifestProblem as P, CUT_MARKER};

fn base() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/manifest.json")).unwrap()
}

fn problems(v: &serde_json::Value) -> Vec<P> {
    decode_manifest(&v.to_string()).expect_err("should be rejected")
}

fn has(v: &serde_json::Value, want: impl Fn(&P) -> bool) {
    let ps = problems(v);
    assert!(ps.iter().any(want), "problem not reported; got {ps:?}");
}

#[test]
fn not_json_names_the_position() {
    match decode_manifest("{\"schema\": 1,\n \"id\": }")
        .unwrap_err()
        .as_slice()
    {
        [P::NotJson { line: 2, .. }] => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn html_error_page_is_not_json() {
    let e = decode_manifest("<html><body>502 Bad Gateway</body></html>").unwrap_err();
    assert!(matches!(e.as_slice(), [P::NotJson { .. }]));
}

#[test]
fn wrong_shape_is_named() {
    let e = decode_manifest("{\"data\":{\"items\":[]},\"version\":7}").unwrap_err();
    assert!(matches!(e.as_slice(), [P::WrongShape { .. }]), "{e:?}");
    let e = decode_manifest("[]").unwrap_err();
    assert!(matches!(e.as_slice(), [P::WrongShape { .. }]), "{e:?}");
}

#[test]
fn truncated_json_is_rejected() {
    let text = include_str!("fixtures/manifest.json");
    let e = decode_manifest(&text[..text.len() / 2]).unwrap_err();
    assert!(
        matches!(e.as_slice(), [P::NotJson { .. }] | [P::WrongShape { .. }]),
        "{e:?}"
    );
}

#[test]
fn unsupported_schema() {
    let mut v = base();
    v["schema"] = 2.into();
    has(&v, |p| matches!(p, P::UnsupportedSchema { found: 2 }));
}

#[test]
fn empty_manifest_and_empty_stop() {
    let mut v = base();
    v["stops"] = serde_json::json!([]);
    has(&v, |p| matches!(p, P::NoStops));
    let mut v = base();
    v["stops"][1]["packages"] = serde_json::json!([]);
    has(
        &v,
        |p| matches!(p, P::EmptyStop { stop_id } if stop_id == "STOP-0002"),
    );
}

#[test]
fn duplicate_ids_and_sequence_numbers() {
    let mut v = base();
    v["stops"][1]["id"] = "STOP-0001".into();
    has(
        &v,
        |p| matches!(p, P::DuplicateStopId { id } if id == "STOP-0001"),
    );
    let mut v = base();
    v["stops"][1]["seq"] = 1.into();
    has(&v, |p| matches!(p, P::DuplicateSeq { seq: 1 }));
    let mut v = base();
    v["stops"][1]["packages"][0]["id"] = "PKG-0001-1".into();
    has(
        &v,
        |p| matches!(p, P::DuplicatePackageId { id } if id == "PKG-0001-1"),
    );
}

#[test]
fn coordinates_out_of_range() {
    for (lat, lng) in [(91.0, 0.5), (45.0, -181.0), (0.0, 0.0)] {
        let mut v = base();
        v["stops"][0]["lat"] = lat.into();
        v["stops"][0]["lng"] = lng.into();
        has(
            &v,
            |p| matches!(p, P::CoordinatesOutOfRange { stop_id, .. } if stop_id == "STOP-0001"),
        );
    }
}

#[test]
fn unknown_status_and_size() {
    let mut v = base();
    v["stops"][0]["packages"][0]["status"] = "lost".into();
    v["stops"][0]["packages"][1]["size"] = "XXL".into();
    let ps = problems(&v);
    assert!(ps
        .iter()
        .any(|p| matches!(p, P::UnknownStatus { value, .. } if value == "lost")));
    assert!(ps
        .iter()
        .any(|p| matches!(p, P::UnknownSize { value, .. } if value == "XXL")));
}

#[test]
fn bad_times_and_spans() {
    let mut v = base();
    v["generated_at"] = "yesterday".into();
    has(
        &v,
        |p| matches!(p, P::BadTime { field, .. } if *field == Field::GeneratedAt),
    );
    let mut v = base();
    v["block"]["end"] = "2026-11-25T06:00:00-08:00".into();
    has(
        &v,
        |p| matches!(p, P::EndsBeforeStart { field } if *field == Field::Block),
    );
    let mut v = base();
    v["stops"][0]["window"]["end"] = "2026-11-25T08:00:00-08:00".into();
    has(&v, |p| matches!(p, P::EndsBeforeStart { .. }));
}

#[test]
fn missing_required_text() {
    let mut v = base();
    v["id"] = "".into();
    has(
        &v,
        |p| matches!(p, P::MissingField { field } if *field == Field::ManifestId),
    );
    let mut v = base();
    v["stops"][0]["packages"][0]["tracking"] = " ".into();
    has(
        &v,
        |p| matches!(p, P::MissingField { field: Field::Tracking { package } } if package == "PKG-0001-1"),
    );
}

#[test]
fn size_limits() {
    let huge = " ".repeat(limits::MANIFEST_BYTES + 1);
    assert!(matches!(
        decode_manifest(&huge).unwrap_err().as_slice(),
        [P::TooLarge { .. }]
    ));
    let mut v = base();
    v["stops"][0]["packages"][0]["id"] = "x".repeat(limits::ID_CHARS + 1).into();
    has(&v, |p| matches!(p, P::IdTooLong { .. }));
    // Free text past its cap is cut, not refused.
    let mut v = base();
    v["stops"][0]["notes"] = "x".repeat(limits::TEXT_CHARS + 1).into();
    let m = decode_manifest(&v.to_string()).expect("a long note is kept");
    assert!(m.stops[0].notes.as_deref().unwrap().ends_with(CUT_MARKER));
}

#[test]
fn every_problem_reads_as_plain_words() {
    let mut v = base();
    v["stops"][0]["lat"] = 500.0.into();
    v["stops"][0]["packages"][0]["status"] = "lost".into();
    for p in problems(&v) {
        let text = p.to_string();
        assert!(!text.is_empty() && !text.contains("Unknown"), "{text}");
    }
}

#[test]
fn stops_come_back_in_route_order() {
    let mut v = base();
    let stops = v["stops"].as_array().unwrap().clone();
    v["stops"] = serde_json::json!([stops[1], stops[0]]);
    let m = decode_manifest(&v.to_string()).unwrap();
    assert_eq!(
        m.stops.iter().map(|s| s.seq).collect::<Vec<_>>(),
        vec![1, 2]
    );
}

/// One message per limit, each naming the limit and what exceeded it, so a
/// dispatcher knows what to cut.
#[test]
fn every_limit_is_named_in_plain_words() {
    fn only(v: &serde_json::Value, want: impl Fn(&P) -> bool) -> String {
        let ps = problems(v);
        let p = ps
            .iter()
            .find(|p| want(p))
            .unwrap_or_else(|| panic!("not reported: {ps:?}"));
        p.to_string()
    }
    let package = |k: usize| {
        serde_json::json!({"id": format!("P{k}"), "tracking": format!("T{k}"), "recipient": "R",
                           "size": "S", "status": "pending"})
    };
    let stop = |k: usize, packages: Vec<serde_json::Value>| {
        serde_json::json!({"id": format!("S{k}"), "seq": k + 1,
                           "address": {"line1": "1 Main St", "city": "Portland", "postcode": "97214"},
                           "lat": 45.5, "lng": -122.6, "packages": packages})
    };

    // Manifest bytes.
    let huge = format!("{{\"pad\":\"{}\"}}", " ".repeat(limits::MANIFEST_BYTES));
    let msg = decode_manifest(&huge).unwrap_err()[0].to_string();
    assert_eq!(msg, "the manifest is 8193 KB, more than the 8192 KB limit");

    // Stops.
    let mut v = base();
    v["stops"] = (0..=limits::STOPS)
        .map(|k| stop(k, vec![package(k)]))
        .collect();
    assert_eq!(
        only(&v, |p| matches!(p, P::TooManyStops { .. })),
        "2001 stops is more than the limit of 2000"
    );

    // Packages per stop.
    let mut v = base();
    v["stops"] = serde_json::json!([stop(
        0,
        (0..=limits::PACKAGES_PER_STOP).map(package).collect()
    )]);
    assert_eq!(
        only(&v, |p| matches!(p, P::StopTooBig { .. })),
        "stop S0 has 501 packages, more than the limit of 500"
    );

    // Packages in all.
    let mut v = base();
    v["stops"] = (0..=limits::PACKAGES / limits::PACKAGES_PER_STOP)
        .map(|s| {
            stop(
                s,
                (0..limits::PACKAGES_PER_STOP)
                    .map(|k| package(s * limits::PACKAGES_PER_STOP + k))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        only(&v, |p| matches!(p, P::TooManyPackages { .. })),
        "10500 packages is more than the limit of 10000"
    );

    // Ids, in every id field; characters, not bytes. (Free text is kept:
    // see the validator's own tests.)
    let long = "é".repeat(limits::ID_CHARS + 1);
    let fits = "é".repeat(limits::ID_CHARS);
    // A package is named by its id, cut short in messages.
    let long_id_package = format!("package {}… id", "é".repeat(40));
    for (path, field) in [
        ("/id", "manifest id"),
        ("/driver/id", "driver id"),
        ("/stops/0/packages/0/id", long_id_package.as_str()),
        (
            "/stops/0/packages/0/tracking",
            "package PKG-0001-1 tracking number",
        ),
    ] {
        let mut v = base();
        *v.pointer_mut(path).expect(path) = fits.clone().into();
        assert!(
            decode_manifest(&v.to_string()).is_ok(),
            "{path} at the limit"
        );
        *v.pointer_mut(path).expect(path) = long.clone().into();
        assert_eq!(
            only(&v, |p| matches!(p, P::IdTooLong { .. })),
            format!("{field} is 2001 characters long, more than the 2000 an id can have"),
            "{path}"
        );
    }

    // A long id is cut short where a message names it.
    let mut v = base();
    *v.pointer_mut("/stops/0/id").unwrap() = "S".repeat(5_000).into();
    *v.pointer_mut("/stops/0/lat").unwrap() = 500.0.into();
    let msg = only(&v, |p| matches!(p, P::CoordinatesOutOfRange { .. }));
    assert_eq!(
        msg,
        format!(
            "stop {}… has impossible coordinates (500, -122.6284)",
            "S".repeat(40)
        )
    );
    let msg = only(&v, |p| matches!(p, P::IdTooLong { .. }));
    assert!(
        msg.ends_with("id is 5000 characters long, more than the 2000 an id can have"),
        "{msg}"
    );
    assert!(msg.len() < 200, "{msg}");
}

/// A fleet answer's driver positions follow the manifest's rule for
/// coordinates: an impossible one (or 0, 0, or an unreadable time) refuses
/// the whole answer, naming the driver; a driver without one (older
/// servers) is fine.
#[test]
fn fleet_positions_are_checked_like_a_manifests_coordinates() {
    use roadbook::model::fleet::decode_fleet;
    let base: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/fleet.json")).unwrap();
    let fleet = decode_fleet(&base.to_string()).expect("the fixture is valid");
    assert!(fleet.drivers[0].position.is_some());
    assert!(fleet.drivers[1].position.is_none());
    for (lat, lng) in [
        (91.5, -122.6),
        (-90.01, 0.5),
        (45.5, 180.5),
        (45.5, -181.0),
        (0.0, 0.0),
    ] {
        let mut v = base.clone();
        v["drivers"][0]["position"]["lat"] = lat.into();
        v["drivers"][0]["position"]["lng"] = lng.into();
        let err = decode_fleet(&v.to_string()).expect_err("refused");
        assert!(
            err.contains("D-1001") && err.contains("impossible position"),
            "{err}"
        );
    }
    // The edges themselves are places.
    let mut v = base.clone();
    v["drivers"][0]["position"]["lat"] = 90.0.into();
    v["drivers"][0]["position"]["lng"] = (-180.0).into();
    assert!(decode_fleet(&v.to_string()).is_ok());
    let mut v = base.clone();
    v["drivers"][0]["position"]["at"] = "yesterday".into();
    let err = decode_fleet(&v.to_string()).unwrap_err();
    assert!(err.contains("not a date"), "{err}");
    let mut v = base.clone();
    v["drivers"][0]["position"] =
        serde_json::json!({ "lat": "45.5", "lng": -122.6, "at": "2026-11-25T09:59:30-08:00" });
    assert!(
        decode_fleet(&v.to_string()).is_err(),
        "a latitude in quotes is not a number"
    );
    let mut v = base.clone();
    v["drivers"][0]["position"] = serde_json::Value::Null;
    assert!(decode_fleet(&v.to_string()).unwrap().drivers[0]
        .position
        .is_none());
}
