//! proptest strategies shared by the model's property tests: manifests that
//! the validator accepts, with text drawn from what breaks careless code
//! (markup, `javascript:` URLs, bidi overrides, zero-width characters, CSV
//! and spreadsheet metacharacters, line breaks, emoji, any Unicode).

use proptest::prelude::*;

use super::manifest::{
    Address, Block, DriverRef, Manifest, Package, PackageSize, PackageStatus, Stop, TimeWindow,
    MANIFEST_SCHEMA,
};
use super::time::format_rfc3339;

/// Short text, weighted towards hostile pieces.
pub fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(vec![
                "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "javascript:alert(1)",
                "\u{202E}", "\u{2066}", "\u{200B}", "\u{FEFF}", "🐕", "👩‍👩‍👧", "&amp;", "\"", "'",
                ",", ";", "\t", "\r\n", "\n", "=", "+", "-", "@", " ", "Nguyễn", "%23import=",
            ]).prop_map(str::to_string),
            3 => any::<char>().prop_map(String::from),
            2 => "[a-z0-9]{1,6}",
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

/// Text that is never blank (required fields).
fn required() -> impl Strategy<Value = String> {
    hostile_text().prop_map(|t| format!("x{t}"))
}

fn optional() -> impl Strategy<Value = Option<String>> {
    prop::option::of(hostile_text())
}

/// A valid RFC 3339 span: `(start, end)` with end ≥ start, any offset.
fn span() -> impl Strategy<Value = (String, String)> {
    (
        0i64..4_000_000_000_000,
        0i64..86_400_000,
        -720i32..=840,
        -720i32..=840,
    )
        .prop_map(|(start, len, o1, o2)| {
            // Whole seconds: the format writes no fraction.
            let start = start / 1000 * 1000;
            let end = start + len / 1000 * 1000;
            (format_rfc3339(start, o1), format_rfc3339(end, o2))
        })
}

fn coordinate(max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![(-max..=max), Just(max), Just(-max), Just(-0.000_001)]
}

fn package() -> impl Strategy<Value = Package> {
    (
        required(),
        hostile_text(),
        prop::sample::select(vec![
            PackageSize::S,
            PackageSize::M,
            PackageSize::L,
            PackageSize::Xl,
        ]),
        prop::option::of(-1.0e6..1.0e6f64),
        prop::sample::select(vec![
            PackageStatus::Pending,
            PackageStatus::Delivered,
            PackageStatus::Attempted,
            PackageStatus::Returned,
        ]),
        any::<bool>(),
        optional(),
    )
        .prop_map(
            |(tracking, recipient, size, weight_kg, status, signature_required, notes)| Package {
                id: String::new(),
                tracking,
                recipient,
                size,
                weight_kg,
                status,
                signature_required,
                notes,
            },
        )
}

fn stop() -> impl Strategy<Value = Stop> {
    (
        (
            required(),
            optional(),
            hostile_text(),
            optional(),
            hostile_text(),
        ),
        coordinate(90.0),
        coordinate(180.0),
        prop::option::of(span()),
        optional(),
        optional(),
        prop::collection::vec(package(), 1..4),
    )
        .prop_map(
            |(
                (line1, line2, city, region, postcode),
                lat,
                lng,
                window,
                notes,
                access_code,
                packages,
            )| {
                Stop {
                    id: String::new(),
                    seq: 0,
                    address: Address {
                        line1,
                        line2,
                        city,
                        region,
                        postcode,
                    },
                    lat,
                    // (0, 0) is refused as "no coordinates".
                    lng: if lat == 0.0 && lng == 0.0 { 1.0 } else { lng },
                    window: window.map(|(start, end)| TimeWindow { start, end }),
                    notes,
                    access_code,
                    packages,
                }
            },
        )
}

/// A manifest `validate` accepts, stops in route order.
pub fn valid_manifest() -> impl Strategy<Value = Manifest> {
    (
        required(),
        span(),
        (required(), required(), hostile_text()),
        span(),
        prop::collection::vec(stop(), 1..5),
        prop::collection::vec(1u32..1000, 5),
    )
        .prop_map(
            |(
                id,
                (generated_at, _),
                (driver_id, driver_name, station),
                (start, end),
                stops,
                gaps,
            )| {
                let mut seq = 0;
                let stops = stops
                    .into_iter()
                    .enumerate()
                    .map(|(k, mut s)| {
                        seq += gaps[k];
                        s.seq = seq;
                        s.id = format!("S{k}{}", s.address.line1);
                        for (j, p) in s.packages.iter_mut().enumerate() {
                            p.id = format!("P{k}-{j}{}", p.tracking);
                        }
                        s
                    })
                    .collect();
                Manifest {
                    schema: MANIFEST_SCHEMA,
                    id,
                    generated_at,
                    driver: DriverRef {
                        id: driver_id,
                        name: driver_name,
                    },
                    block: Block {
                        station,
                        start,
                        end,
                    },
                    stops,
                }
            },
        )
}
