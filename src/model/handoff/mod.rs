//! Handing a manifest to a driver through other channels than the API.
//!
//! When the platform is down, a dispatcher who still has a manifest (or a
//! driver whose phone has one) can pass it on as a file or a link:
//!
//! - [`csv`]: a spreadsheet file that carries every field, so a CSV alone
//!   rebuilds the manifest, and a dispatcher can read or fix it in Excel.
//! - [`gpx`]: a route file for navigation apps (one way only: not importable).
//! - [`link`]: the manifest compressed into a URL fragment, for messaging.
//! - [`import`]: turning received text into a manifest, previewing it, and
//!   deciding whether it may replace the one already on the phone.
//!
//! Everything here is pure: the browser reads files, compresses and
//! decompresses; this module only formats, parses and decides.

pub mod csv;
pub mod gpx;
pub mod import;
pub mod link;

pub use import::{
    decide, import_text, ImportDecision, ImportPreview, ImportProblem, ImportSource,
    SavedManifestInfo,
};

/// Manifests shared by the hand-off tests: one ordinary, one full of text
/// that breaks naive CSV, XML and spreadsheet handling.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::model::manifest::{
        Address, Block, DriverRef, Manifest, Package, PackageSize, PackageStatus, Stop, TimeWindow,
        MANIFEST_SCHEMA,
    };

    pub fn package(id: &str) -> Package {
        Package {
            id: id.to_string(),
            tracking: format!("1Z{id}"),
            recipient: "Sam Lee".to_string(),
            size: PackageSize::M,
            weight_kg: Some(1.25),
            status: PackageStatus::Pending,
            signature_required: false,
            notes: None,
        }
    }

    pub fn stop(id: &str, seq: u32, line1: &str, packages: Vec<Package>) -> Stop {
        Stop {
            id: id.to_string(),
            seq,
            address: Address {
                line1: line1.to_string(),
                line2: None,
                city: "Portland".to_string(),
                region: Some("OR".to_string()),
                postcode: "97214".to_string(),
            },
            lat: 45.512_3,
            lng: -122.634_5,
            window: None,
            notes: None,
            access_code: None,
            packages,
        }
    }

    pub fn simple() -> Manifest {
        Manifest {
            schema: MANIFEST_SCHEMA,
            id: "M-2026-11-25-D-1001".to_string(),
            generated_at: "2026-11-25T06:00:00-08:00".to_string(),
            driver: DriverRef {
                id: "D-1001".to_string(),
                name: "Alex Rivera".to_string(),
            },
            block: Block {
                station: "PDX4".to_string(),
                start: "2026-11-25T07:00:00-08:00".to_string(),
                end: "2026-11-25T17:00:00-08:00".to_string(),
            },
            stops: vec![
                stop("S-1", 1, "1234 SE Hawthorne Blvd", vec![package("P-1")]),
                stop(
                    "S-2",
                    2,
                    "55 NE Broadway",
                    vec![package("P-2"), package("P-3")],
                ),
            ],
        }
    }

    /// Valid by the validator, but every text field is something that breaks
    /// a careless exporter: separators, quotes, line breaks of both kinds,
    /// spreadsheet formulas, non-ASCII names, emoji, XML metacharacters.
    pub fn hostile() -> Manifest {
        let mut m = simple();
        m.driver.name = "Nguyễn Thị Zoë \"Zo\", Jr.".to_string();
        m.driver.id = "=SUM(A1)".to_string();
        m.block.station = "+PDX4, dock \"B\"".to_string();
        let s = &mut m.stops[0];
        s.address.line1 = "12 Rue de l'Église, Bât. A".to_string();
        s.address.line2 = Some("line one\nline two\r\nline three".to_string());
        s.address.city = "Zürich <HQ> & Co".to_string();
        s.address.region = Some(String::new());
        s.address.postcode = "-0042".to_string();
        s.lat = -33.868_82;
        s.lng = 151.209_29;
        s.window = Some(TimeWindow {
            start: "2026-11-25T09:00:00-08:00".to_string(),
            end: "2026-11-25T12:30:00-08:00".to_string(),
        });
        s.notes = Some("@reception 🐕 dog in yard; ring twice 🚪".to_string());
        s.access_code = Some("#1234*".to_string());
        let p = &mut s.packages[0];
        p.recipient = "'=HYPERLINK(\"http://evil\")".to_string();
        p.tracking = "\tTAB-LEADING".to_string();
        p.notes = Some("\rCR first, then \"quotes\" and ,commas,".to_string());
        p.signature_required = true;
        p.weight_kg = Some(-0.5);
        p.size = PackageSize::Xl;
        let s2 = &mut m.stops[1];
        s2.lat = -0.000_001;
        s2.lng = -179.999_999_999;
        s2.packages[0].recipient = "-5 (negative-looking text)".to_string();
        s2.packages[0].weight_kg = None;
        s2.packages[0].status = PackageStatus::Delivered;
        s2.packages[1].recipient = "José Ñúñez ' O'Brien".to_string();
        s2.packages[1].notes = Some(String::new());
        m
    }
}
