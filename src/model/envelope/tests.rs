use super::*;
use crate::model::manifest::{
    Address, Block, DriverRef, Package, PackageSize, PackageStatus, Stop, TimeWindow,
    MANIFEST_SCHEMA,
};
use proptest::prelude::*;

fn stop(seq: u32, recipient: &str) -> Stop {
    Stop {
        id: format!("S{seq}"),
        seq,
        address: Address {
            line1: format!("{seq}12 SE Hawthorne Blvd"),
            line2: Some("Apt 5".into()),
            city: "Portland".into(),
            region: Some("OR".into()),
            postcode: "97214".into(),
        },
        lat: 45.512_134,
        lng: -122.626_5,
        window: Some(TimeWindow {
            start: "2026-11-25T10:00:00-08:00".into(),
            end: "2026-11-25T12:00:00-08:00".into(),
        }),
        notes: Some("Gate \"B\" {side} \\ door".into()),
        access_code: Some("#4417".into()),
        packages: vec![Package {
            id: format!("P{seq}"),
            tracking: format!("RB00000{seq}4417"),
            recipient: recipient.into(),
            size: PackageSize::L,
            weight_kg: Some(2.3),
            status: PackageStatus::Pending,
            signature_required: true,
            notes: None,
        }],
    }
}

fn manifest() -> Manifest {
    Manifest {
        schema: MANIFEST_SCHEMA,
        id: "M-2026-11-25-D-1001".into(),
        generated_at: "2026-11-25T06:30:00-08:00".into(),
        driver: DriverRef {
            id: "D-1001".into(),
            name: "Alex Rivera".into(),
        },
        block: Block {
            station: "PDX7 — Portland SE".into(),
            start: "2026-11-25T07:00:00-08:00".into(),
            end: "2026-11-25T17:00:00-08:00".into(),
        },
        stops: vec![stop(1, "José García"), stop(2, "Nguyễn Thị Lan")],
    }
}

fn saved(source: ManifestSource) -> SavedManifest {
    SavedManifest {
        saved_at_ms: 1_795_621_320_000,
        source,
        manifest: manifest(),
    }
}

#[test]
fn fnv1a64_known_vectors() {
    assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
    assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
    assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
}

#[test]
fn sealed_layout() {
    let text = seal(&saved(ManifestSource::Server {
        etag: Some("\"v7\"".into()),
    }));
    let manifest_json = serde_json::to_string(&manifest()).unwrap();
    let expected = format!(
        "{{\"version\":2,\"saved_at_ms\":1795621320000,\"source\":{{\"type\":\"server\",\"etag\":\"\\\"v7\\\"\"}},\"checksum\":\"{:016x}\",\"manifest\":{manifest_json}}}",
        fnv1a64(manifest_json.as_bytes())
    );
    assert_eq!(text, expected);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["checksum"].as_str().unwrap().len(), 16);
}

#[test]
fn round_trips_every_source() {
    for source in [
        ManifestSource::Server {
            etag: Some("W/\"abc\"".into()),
        },
        ManifestSource::Server { etag: None },
        ManifestSource::ImportedFile {
            name: "route (1).json".into(),
        },
        ManifestSource::ImportedLink,
    ] {
        let s = saved(source);
        assert_eq!(open(&seal(&s)), Ok(s));
    }
}

#[test]
fn source_tags() {
    let j = |s: &ManifestSource| serde_json::to_string(s).unwrap();
    assert_eq!(
        j(&ManifestSource::ImportedLink),
        r#"{"type":"imported_link"}"#
    );
    assert_eq!(
        j(&ManifestSource::ImportedFile {
            name: "a.json".into()
        }),
        r#"{"type":"imported_file","name":"a.json"}"#
    );
    assert_eq!(
        j(&ManifestSource::Server { etag: None }),
        r#"{"type":"server","etag":null}"#
    );
}

#[test]
fn a_flipped_character_fails_the_check() {
    let text = seal(&saved(ManifestSource::ImportedLink));
    for (from, to) in [
        ("José", "Josf"),
        ("45.512134", "45.512135"),
        ("\"pending\"", "\"pendinf\""),
        ("\"signature_required\":true", "\"signature_required\":!rue"),
        ("\"notes\":\"Gate", "\"notez\":\"Gate"),
    ] {
        assert!(text.contains(from), "{from}");
        let bad = text.replacen(from, to, 1);
        let err = open(&bad).unwrap_err();
        // Still-valid JSON fails the checksum; broken JSON is unreadable.
        assert!(
            matches!(err, EnvelopeError::IntegrityFailed | EnvelopeError::NotJson),
            "{from} → {to}: {err:?}"
        );
    }
    let bad = text.replacen("José", "Josf", 1);
    assert_eq!(open(&bad), Err(EnvelopeError::IntegrityFailed));
    // A wrong checksum, or none at all.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sum = v["checksum"].as_str().unwrap().to_string();
    let bad = text.replacen(&sum, "0000000000000000", 1);
    assert_eq!(open(&bad), Err(EnvelopeError::IntegrityFailed));
    let bad = text.replacen(&format!("\"checksum\":\"{sum}\","), "", 1);
    assert_eq!(open(&bad), Err(EnvelopeError::IntegrityFailed));
    // The hex may be upper case.
    let upper = text.replacen(&sum, &sum.to_uppercase(), 1);
    assert!(open(&upper).is_ok());
}

#[test]
fn truncated_copies_are_rejected() {
    let text = seal(&saved(ManifestSource::ImportedLink));
    for cut in (1..text.len()).filter(|&c| text.is_char_boundary(c)) {
        assert!(open(&text[..cut]).is_err(), "cut at {cut}");
    }
}

#[test]
fn key_order_and_whitespace_do_not_matter_outside_the_manifest() {
    let s = saved(ManifestSource::ImportedFile { name: "x".into() });
    let raw = serde_json::to_string(&s.manifest).unwrap();
    let text = format!(
        "\n {{ \"manifest\" : {raw} ,\n \"extra\": {{\"manifest\": null}}, \"checksum\": \"{:016x}\", \"source\": {{\"name\":\"x\",\"type\":\"imported_file\"}}, \"saved_at_ms\": 1795621320000, \"version\": 2 }} \n",
        fnv1a64(raw.as_bytes())
    );
    assert_eq!(open(&text), Ok(s));
}

#[test]
fn stops_come_back_in_route_order_and_revalidated() {
    let mut s = saved(ManifestSource::ImportedLink);
    s.manifest.stops.reverse();
    let opened = open(&seal(&s)).unwrap();
    assert_eq!(opened.manifest, manifest());

    // Intact but invalid (sealed without validation): reported as such.
    let mut s = saved(ManifestSource::ImportedLink);
    s.manifest.stops.clear();
    let err = open(&seal(&s)).unwrap_err();
    assert_eq!(
        err,
        EnvelopeError::InvalidManifest(vec![ManifestProblem::NoStops])
    );
    assert_eq!(
        err.to_string(),
        "The manifest saved on this phone can't be used: the manifest has no stops."
    );
}

#[test]
fn version_1_migrates_to_server_source() {
    let pretty = serde_json::to_string_pretty(&manifest()).unwrap();
    let v1 = format!(
        r#"{{"version":1,"saved_at":"2026-11-25T07:42:00-08:00","etag":"W/\"v3\"","manifest":{pretty}}}"#
    );
    let opened = open(&v1).unwrap();
    assert_eq!(opened.saved_at_ms, 1_795_621_320_000);
    assert_eq!(
        opened.source,
        ManifestSource::Server {
            etag: Some("W/\"v3\"".into())
        }
    );
    assert_eq!(opened.manifest, manifest());
    // Re-sealing writes version 2 and opens to the same thing.
    let resealed = seal(&opened);
    assert!(resealed.starts_with("{\"version\":2,"));
    assert_eq!(open(&resealed), Ok(opened));

    for etag in [r#""etag":null,"#, ""] {
        let v1 = format!(
            r#"{{"version":1,{etag}"saved_at":"2026-11-25T15:42:00Z","manifest":{pretty}}}"#
        );
        assert_eq!(
            open(&v1).unwrap().source,
            ManifestSource::Server { etag: None }
        );
    }
    let bad_time = format!(r#"{{"version":1,"saved_at":"yesterday","manifest":{pretty}}}"#);
    assert_eq!(open(&bad_time), Err(EnvelopeError::IntegrityFailed));
    let no_manifest = r#"{"version":1,"saved_at":"2026-11-25T15:42:00Z","etag":null}"#;
    assert_eq!(open(no_manifest), Err(EnvelopeError::Missing));

    // A version 1 manifest that this build's validator rejects.
    let mut m = manifest();
    m.stops[1].seq = 1;
    let dup = serde_json::to_string(&m).unwrap();
    let v1 = format!(r#"{{"version":1,"saved_at":"2026-11-25T15:42:00Z","manifest":{dup}}}"#);
    assert_eq!(
        open(&v1),
        Err(EnvelopeError::InvalidManifest(vec![
            ManifestProblem::DuplicateSeq { seq: 1 }
        ]))
    );
    // Wrong shape inside a version 1 envelope.
    let v1 = r#"{"version":1,"saved_at":"2026-11-25T15:42:00Z","manifest":{"schema":1}}"#;
    assert!(matches!(
        open(v1),
        Err(EnvelopeError::InvalidManifest(p)) if matches!(p[..], [ManifestProblem::WrongShape { .. }])
    ));
}

#[test]
fn unreadable_missing_and_newer_envelopes() {
    use EnvelopeError::*;
    for text in ["", "  \n", "null"] {
        assert_eq!(open(text), Err(Missing), "{text:?}");
    }
    for text in [
        "{",
        "hello",
        "[]",
        "[2]",
        "42",
        "\"x\"",
        "{}",
        r#"{"version":"2"}"#,
        r#"{"version":0}"#,
        r#"{"version":-1}"#,
        r#"{"version":2.5}"#,
        r#"{"version":2} trailing"#,
    ] {
        assert_eq!(open(text), Err(NotJson), "{text:?}");
    }
    assert_eq!(
        open(r#"{"version":3,"whatever":true}"#),
        Err(WrongVersion(3))
    );
    assert_eq!(
        open(r#"{"version":99999999999}"#),
        Err(WrongVersion(u32::MAX))
    );
    let sum = format!("{:016x}", fnv1a64(b"null"));
    for text in [
        format!(
            r#"{{"version":2,"saved_at_ms":1,"source":{{"type":"imported_link"}},"checksum":"{sum}","manifest":null}}"#
        ),
        format!(
            r#"{{"version":2,"saved_at_ms":1,"source":{{"type":"imported_link"}},"checksum":"{sum}"}}"#
        ),
    ] {
        assert_eq!(open(&text), Err(Missing), "{text}");
    }
    // Damaged header fields.
    for text in [
        r#"{"version":2,"saved_at_ms":"today","source":{"type":"imported_link"},"checksum":"0","manifest":{}}"#,
        r#"{"version":2,"saved_at_ms":1,"source":{"type":"carrier_pigeon"},"checksum":"0","manifest":{}}"#,
        r#"{"version":2,"saved_at_ms":1,"checksum":"0","manifest":{}}"#,
    ] {
        assert_eq!(open(text), Err(IntegrityFailed), "{text}");
    }
}

#[test]
fn errors_read_as_plain_words() {
    use EnvelopeError::*;
    for e in [
        NotJson,
        WrongVersion(3),
        IntegrityFailed,
        InvalidManifest(vec![]),
        Missing,
    ] {
        let s = e.to_string();
        assert!(
            s.ends_with('.') && !s.contains("JSON") && !s.contains("checksum"),
            "{s}"
        );
    }
    let two = InvalidManifest(vec![
        ManifestProblem::NoStops,
        ManifestProblem::DuplicateSeq { seq: 4 },
    ]);
    assert_eq!(
        two.to_string(),
        "The manifest saved on this phone can't be used: the manifest has no stops (and 1 more problem)."
    );
}

#[test]
fn the_stored_manifest_is_read_exactly_through_nesting_and_escapes() {
    let text = r#"{"a\"}":"}{][\\","b":[1,{"c":"]"}],"m\u0061nifest" : {"x":"}"} }"#;
    assert_eq!(StoredManifest::read(text), Ok(r#"{"x":"}"}"#));
    let text = r#"{"manifest": [1, {"c":"]"}] ,"z":true}"#;
    assert_eq!(StoredManifest::read(text), Ok(r#"[1, {"c":"]"}]"#));
    assert_eq!(
        StoredManifest::read(r#"{"c":1}"#),
        Err(EnvelopeError::Missing)
    );
    assert_eq!(
        StoredManifest::read(r#"{"manifest":null}"#),
        Err(EnvelopeError::Missing)
    );
    // Garbage never panics.
    for junk in [
        "",
        "{",
        "{\"",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":[",
        "{\"a\":\"\\",
        "{\"a\":1,",
    ] {
        assert!(StoredManifest::read(junk).is_err(), "{junk:?}");
    }
}

// ---- property tests ----

fn any_text() -> impl Strategy<Value = String> {
    // Any characters, including quotes, braces, backslashes and controls.
    "(?s).{0,10}"
}

fn status() -> impl Strategy<Value = PackageStatus> {
    prop::sample::select(PackageStatus::KNOWN.to_vec())
}

fn size() -> impl Strategy<Value = PackageSize> {
    prop::sample::select(PackageSize::KNOWN.to_vec())
}

fn coord(limit: i64) -> impl Strategy<Value = f64> {
    // Micro-degrees, as the platform sends them; never exactly zero so
    // the (0, 0) "null island" check cannot trip.
    (1..=limit * 1_000_000, any::<bool>())
        .prop_map(|(v, neg)| (if neg { -v } else { v }) as f64 / 1e6)
}

fn package() -> impl Strategy<Value = Package> {
    (
        any_text(),
        any_text(),
        size(),
        prop::option::of(0u32..5_000),
        status(),
        any::<bool>(),
        prop::option::of(any_text()),
    )
        .prop_map(
            |(tracking, recipient, size, weight, status, sig, notes)| Package {
                id: String::new(),
                tracking: format!("T{tracking}"),
                recipient,
                size,
                weight_kg: weight.map(|w| f64::from(w) / 10.0),
                status,
                signature_required: sig,
                notes,
            },
        )
}

fn a_stop() -> impl Strategy<Value = Stop> {
    (
        any_text(),
        prop::option::of(any_text()),
        coord(89),
        coord(179),
        any::<bool>(),
        prop::option::of(any_text()),
        prop::collection::vec(package(), 1..4),
    )
        .prop_map(|(line1, line2, lat, lng, windowed, notes, packages)| Stop {
            id: String::new(),
            seq: 0,
            address: Address {
                line1: format!("1{line1}"),
                line2,
                city: "Portland".into(),
                region: None,
                postcode: "97214".into(),
            },
            lat,
            lng,
            window: windowed.then(|| TimeWindow {
                start: "2026-11-25T10:00:00-08:00".into(),
                end: "2026-11-25T12:00:00-08:00".into(),
            }),
            notes,
            access_code: None,
            packages,
        })
}

fn a_saved() -> impl Strategy<Value = SavedManifest> {
    let source = prop_oneof![
        prop::option::of(any_text()).prop_map(|etag| ManifestSource::Server { etag }),
        any_text().prop_map(|name| ManifestSource::ImportedFile { name }),
        Just(ManifestSource::ImportedLink),
    ];
    (
        any::<i64>(),
        source,
        any_text(),
        prop::collection::vec(a_stop(), 1..5),
    )
        .prop_map(|(saved_at_ms, source, name, mut stops)| {
            for (i, s) in stops.iter_mut().enumerate() {
                s.id = format!("S{i}");
                s.seq = i as u32 + 1;
                for (k, p) in s.packages.iter_mut().enumerate() {
                    p.id = format!("P{i}-{k}");
                }
            }
            let mut m = manifest();
            m.driver.name = format!("D{name}");
            m.stops = stops;
            SavedManifest {
                saved_at_ms,
                source,
                manifest: m,
            }
        })
}

proptest! {
    #[test]
    fn seal_then_open_round_trips(s in a_saved()) {
        prop_assert_eq!(crate::model::validate::validate(&s.manifest), vec![]);
        prop_assert_eq!(open(&seal(&s)), Ok(s));
    }

    #[test]
    fn any_changed_character_in_the_manifest_is_caught(
        s in a_saved(),
        at in any::<prop::sample::Index>(),
        with in 0x20u8..0x7f,
    ) {
        let text = seal(&s);
        let raw = StoredManifest::read(&text).unwrap();
        let start = text.rfind(raw).unwrap();
        let end = start + raw.len();
        // Replace one ASCII character inside the manifest with another.
        let ascii: Vec<usize> = (start..end).filter(|&i| text.as_bytes()[i].is_ascii()).collect();
        let i = ascii[at.index(ascii.len())];
        prop_assume!(text.as_bytes()[i] != with);
        let mut bad = text.clone().into_bytes();
        bad[i] = with;
        let bad = String::from_utf8(bad).unwrap();
        prop_assert!(open(&bad).is_err());
    }

    #[test]
    fn open_never_panics_on_arbitrary_text(text in "(?s).{0,200}") {
        let _ = open(&text);
    }

    #[test]
    fn open_never_panics_on_envelope_like_text(
        version in 0u8..4,
        body in r#"[{}\[\]":,0-9a-z\\ ]{0,80}"#,
    ) {
        let _ = open(&format!("{{\"version\":{version},{body}"));
        let _ = open(&format!("{{\"version\":{version},\"manifest\":{body}}}"));
        let _ = StoredManifest::read(&body);
    }
}
