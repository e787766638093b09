//! Entry points for the fuzz targets (`fuzz/`) and for the native test that
//! replays their committed corpus (`tests/fuzz_corpus.rs`).
//!
//! Each function feeds arbitrary bytes to one parser of outside input and
//! **panics when an invariant breaks**, not only when the parser itself
//! panics: an accepted manifest must validate again, survive every export
//! format and come back equal, and an error must read as words. Native only:
//! the app never calls these.

use super::handoff::csv::{manifest_from_csv, manifest_to_csv};
use super::handoff::import::{import_text, MAX_IMPORT_BYTES};
use super::handoff::link::{decode_payload, encode_payload, fragment};
use super::manifest::Manifest;
use super::outage::statuspage::parse_summary;
use super::validate::{decode_manifest, validate};

/// Longest text the status-page parser keeps (its `MAX_TEXT`).
const STATUS_MAX_TEXT: usize = 500;
/// Most entries it keeps per list (its `MAX_ITEMS`).
const STATUS_MAX_ITEMS: usize = 20;

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// What must hold for every manifest the app accepted, from any channel.
pub fn check_accepted(m: &Manifest) {
    let problems = validate(m);
    assert!(
        problems.is_empty(),
        "accepted manifest fails validation: {problems:?}"
    );
    assert!(
        m.stops.windows(2).all(|w| w[0].seq < w[1].seq),
        "accepted stops are not in route order"
    );

    // JSON export → import (what "Save as JSON" then "Import file" does).
    let json = serde_json::to_string(m).expect("a manifest always serialises");
    if json.len() <= MAX_IMPORT_BYTES {
        let back = import_text(&json, Some("manifest.json"))
            .unwrap_or_else(|p| panic!("own JSON export refused: {p:?}"));
        assert_eq!(&back, m, "JSON export → import changed the manifest");
        // The share link carries the same JSON (compressed by the browser;
        // the framing and base64url are the pure part).
        let link = format!(
            "https://roadbook.example/{}",
            fragment(&encode_payload(json.as_bytes()))
        );
        let bytes = decode_payload(&link).expect("own link refused");
        assert_eq!(bytes, json.as_bytes(), "link round trip changed the bytes");
    }

    // CSV export → import.
    let csv = manifest_to_csv(m);
    if csv.len() <= MAX_IMPORT_BYTES {
        let back = manifest_from_csv(&csv).unwrap_or_else(|p| panic!("own CSV refused: {p:?}"));
        assert_eq!(&back, m, "CSV export → import changed the manifest");
    }
}

fn check_messages<T: std::fmt::Display>(problems: &[T]) {
    assert!(!problems.is_empty(), "refused without a reason");
    for p in problems {
        let s = p.to_string();
        assert!(!s.trim().is_empty(), "empty problem message");
    }
}

/// Manifest JSON as received from the API: `decode_manifest` (parse +
/// `accept`).
pub fn manifest_json(data: &[u8]) {
    let Some(t) = text(data) else { return };
    match decode_manifest(t) {
        Ok(m) => check_accepted(&m),
        Err(problems) => check_messages(&problems),
    }
}

/// A received file, JSON or CSV, through the import screen's `import_text`,
/// and the same text straight into the CSV reader.
pub fn import_file(data: &[u8]) {
    let Some(t) = text(data) else { return };
    match import_text(t, Some("fuzz.csv")) {
        Ok(m) => check_accepted(&m),
        Err(problems) => check_messages(&problems),
    }
    match manifest_from_csv(t) {
        Ok(m) => check_accepted(&m),
        Err(problems) => check_messages(&problems),
    }
}

/// The status page's `summary.json`.
pub fn statuspage_summary(data: &[u8]) {
    let Some(t) = text(data) else { return };
    match parse_summary(t) {
        Ok(s) => {
            assert!(s.affected.len() <= STATUS_MAX_ITEMS);
            assert!(s.incidents.len() <= STATUS_MAX_ITEMS);
            assert!(s.maintenances.len() <= STATUS_MAX_ITEMS);
            let mut texts: Vec<&str> = Vec::new();
            texts.extend(s.page_name.as_deref());
            texts.extend(s.description.as_deref());
            for c in &s.affected {
                texts.push(&c.name);
            }
            for i in &s.incidents {
                texts.push(&i.name);
                texts.extend(i.latest_update.as_deref());
            }
            for m in &s.maintenances {
                texts.push(&m.name);
            }
            for t in texts {
                assert!(!t.trim().is_empty(), "kept an empty text");
                assert!(t.chars().count() <= STATUS_MAX_TEXT, "text not capped");
                assert!(
                    !t.chars().any(|c| c.is_control() && c != '\n'),
                    "control character kept: {t:?}"
                );
            }
            if s.is_all_clear() {
                assert!(s.affected.is_empty() && s.incidents.is_empty());
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// A pasted or opened share link. The browser inflates the decoded bytes;
/// here the fuzzer's bytes are used both as the link text and as the
/// inflated JSON that `import_text` then reads.
pub fn import_link(data: &[u8]) {
    let Some(t) = text(data) else { return };
    match decode_payload(t) {
        Ok(bytes) => {
            // Whatever decoded re-encodes to a link that decodes the same.
            let again = encode_payload(&bytes);
            assert_eq!(decode_payload(&again).as_deref(), Ok(bytes.as_slice()));
            if let Ok(json) = std::str::from_utf8(&bytes) {
                if let Ok(m) = import_text(json, None) {
                    check_accepted(&m);
                }
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    match import_text(t, None) {
        Ok(m) => check_accepted(&m),
        Err(problems) => check_messages(&problems),
    }
}

/// Every fuzz target, by the name of its `fuzz/fuzz_targets/<name>.rs` and
/// `fuzz/corpus/<name>/` folder.
/// A fuzz entry point: arbitrary bytes in, a panic on a broken invariant.
pub type Target = fn(&[u8]);

pub const TARGETS: [(&str, Target); 4] = [
    ("manifest_json", manifest_json),
    ("import_file", import_file),
    ("statuspage_summary", statuspage_summary),
    ("import_link", import_link),
];
