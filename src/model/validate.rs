//! Turns any received manifest text into a valid `Manifest` or a list of
//! specific problems.
//!
//! Unknown extra fields are tolerated (a newer server may add some), but
//! structural damage is never "fixed": a manifest with a problem is rejected
//! whole, so the saved one stays on screen. The one thing done on acceptance
//! is sorting stops by `seq`, which is presentation order, not repair.

use std::collections::HashSet;
use std::fmt;

use super::manifest::{Manifest, MANIFEST_SCHEMA};
use super::time::parse_rfc3339;
use super::wire::json_error_message;

/// Size limits that keep a hostile or broken payload from freezing a phone.
pub mod limits {
    pub const MANIFEST_BYTES: usize = 8 * 1024 * 1024;
    pub const STOPS: usize = 2_000;
    pub const PACKAGES_PER_STOP: usize = 500;
    pub const PACKAGES: usize = 10_000;
    pub const TEXT_CHARS: usize = 2_000;
}

#[derive(Clone, Debug, PartialEq)]
pub enum ManifestProblem {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    WrongShape {
        line: usize,
        column: usize,
        message: String,
    },
    UnsupportedSchema {
        found: u32,
    },
    MissingField {
        field: String,
    },
    NoStops,
    TooManyStops {
        count: usize,
    },
    TooManyPackages {
        count: usize,
    },
    EmptyStop {
        stop_id: String,
    },
    StopTooBig {
        stop_id: String,
        count: usize,
    },
    DuplicateStopId {
        id: String,
    },
    DuplicateSeq {
        seq: u32,
    },
    DuplicatePackageId {
        id: String,
    },
    CoordinatesOutOfRange {
        stop_id: String,
        lat: f64,
        lng: f64,
    },
    UnknownStatus {
        package_id: String,
        value: String,
    },
    UnknownSize {
        package_id: String,
        value: String,
    },
    BadTime {
        field: String,
        value: String,
    },
    EndsBeforeStart {
        field: String,
    },
    TextTooLong {
        field: String,
        chars: usize,
    },
}

impl fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ManifestProblem::*;
        match self {
            TooLarge { bytes, limit } => write!(
                f,
                "the manifest is {} KB, more than the {} KB limit",
                bytes / 1024,
                limit / 1024
            ),
            NotJson {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "not valid JSON at line {line}, column {column} ({message})"
                )
            }
            WrongShape {
                line,
                column,
                message,
            } => write!(
                f,
                "not a manifest: {message} (line {line}, column {column})"
            ),
            UnsupportedSchema { found } => write!(
                f,
                "manifest format {found} is not supported (this app reads format {MANIFEST_SCHEMA})"
            ),
            MissingField { field } => write!(f, "{field} is empty"),
            NoStops => write!(f, "the manifest has no stops"),
            TooManyStops { count } => write!(
                f,
                "{count} stops is more than the limit of {}",
                limits::STOPS
            ),
            TooManyPackages { count } => write!(
                f,
                "{count} packages is more than the limit of {}",
                limits::PACKAGES
            ),
            EmptyStop { stop_id } => write!(f, "stop {stop_id} has no packages"),
            StopTooBig { stop_id, count } => write!(
                f,
                "stop {stop_id} has {count} packages, more than the limit of {}",
                limits::PACKAGES_PER_STOP
            ),
            DuplicateStopId { id } => write!(f, "stop id {id} appears more than once"),
            DuplicateSeq { seq } => write!(f, "stop number {seq} appears more than once"),
            DuplicatePackageId { id } => write!(f, "package id {id} appears more than once"),
            CoordinatesOutOfRange { stop_id, lat, lng } => write!(
                f,
                "stop {stop_id} has impossible coordinates ({lat}, {lng})"
            ),
            UnknownStatus { package_id, value } => {
                write!(f, "package {package_id} has an unknown status {value:?}")
            }
            UnknownSize { package_id, value } => {
                write!(f, "package {package_id} has an unknown size {value:?}")
            }
            BadTime { field, value } => write!(f, "{field} is not a valid time: {value:?}"),
            EndsBeforeStart { field } => write!(f, "{field} ends before it starts"),
            TextTooLong { field, chars } => write!(
                f,
                "{field} is {chars} characters long, more than the limit of {}",
                limits::TEXT_CHARS
            ),
        }
    }
}

/// Parses and validates manifest JSON.
pub fn decode_manifest(text: &str) -> Result<Manifest, Vec<ManifestProblem>> {
    if text.len() > limits::MANIFEST_BYTES {
        return Err(vec![ManifestProblem::TooLarge {
            bytes: text.len(),
            limit: limits::MANIFEST_BYTES,
        }]);
    }
    let manifest: Manifest = serde_json::from_str(text).map_err(|e| {
        let message = json_error_message(&e);
        let (line, column) = (e.line(), e.column());
        vec![if e.is_data() {
            ManifestProblem::WrongShape {
                line,
                column,
                message,
            }
        } else {
            ManifestProblem::NotJson {
                line,
                column,
                message,
            }
        }]
    })?;
    accept(manifest)
}

/// Validates an already-decoded manifest and puts its stops in route order.
pub fn accept(mut manifest: Manifest) -> Result<Manifest, Vec<ManifestProblem>> {
    let problems = validate(&manifest);
    if !problems.is_empty() {
        return Err(problems);
    }
    manifest.stops.sort_by_key(|s| s.seq);
    Ok(manifest)
}

/// Every problem found, in document order. Empty means valid.
pub fn validate(m: &Manifest) -> Vec<ManifestProblem> {
    use ManifestProblem::*;
    let mut out = Vec::new();
    if m.schema != MANIFEST_SCHEMA {
        out.push(UnsupportedSchema { found: m.schema });
        return out;
    }
    let mut required = |field: &str, value: &str| {
        if value.trim().is_empty() {
            out.push(MissingField {
                field: field.to_string(),
            });
        }
    };
    required("manifest id", &m.id);
    required("driver id", &m.driver.id);
    required("driver name", &m.driver.name);
    check_time(&mut out, "generated_at", &m.generated_at);
    check_span(&mut out, "block", &m.block.start, &m.block.end);

    if m.stops.is_empty() {
        out.push(NoStops);
    }
    if m.stops.len() > limits::STOPS {
        out.push(TooManyStops {
            count: m.stops.len(),
        });
        return out;
    }
    let total = m.package_count();
    if total > limits::PACKAGES {
        out.push(TooManyPackages { count: total });
        return out;
    }

    let mut stop_ids = HashSet::new();
    let mut seqs = HashSet::new();
    let mut package_ids = HashSet::new();
    for stop in &m.stops {
        if stop.id.trim().is_empty() {
            out.push(MissingField {
                field: format!("stop {} id", stop.seq),
            });
        } else if !stop_ids.insert(stop.id.as_str()) {
            out.push(DuplicateStopId {
                id: stop.id.clone(),
            });
        }
        if !seqs.insert(stop.seq) {
            out.push(DuplicateSeq { seq: stop.seq });
        }
        if stop.address.line1.trim().is_empty() {
            out.push(MissingField {
                field: format!("stop {} address", stop.id),
            });
        }
        let lat_ok = stop.lat.is_finite() && (-90.0..=90.0).contains(&stop.lat);
        let lng_ok = stop.lng.is_finite() && (-180.0..=180.0).contains(&stop.lng);
        if !lat_ok || !lng_ok || (stop.lat == 0.0 && stop.lng == 0.0) {
            out.push(CoordinatesOutOfRange {
                stop_id: stop.id.clone(),
                lat: stop.lat,
                lng: stop.lng,
            });
        }
        if let Some(w) = &stop.window {
            check_span(
                &mut out,
                &format!("stop {} time window", stop.id),
                &w.start,
                &w.end,
            );
        }
        for (field, text) in [
            ("address", Some(stop.address.line1.as_str())),
            ("address line 2", stop.address.line2.as_deref()),
            ("notes", stop.notes.as_deref()),
            ("access code", stop.access_code.as_deref()),
        ] {
            check_len(&mut out, &format!("stop {} {field}", stop.id), text);
        }
        if stop.packages.is_empty() {
            out.push(EmptyStop {
                stop_id: stop.id.clone(),
            });
        }
        if stop.packages.len() > limits::PACKAGES_PER_STOP {
            out.push(StopTooBig {
                stop_id: stop.id.clone(),
                count: stop.packages.len(),
            });
        }
        for p in &stop.packages {
            if p.id.trim().is_empty() {
                out.push(MissingField {
                    field: format!("package id at stop {}", stop.id),
                });
            } else if !package_ids.insert(p.id.as_str()) {
                out.push(DuplicatePackageId { id: p.id.clone() });
            }
            if p.tracking.trim().is_empty() {
                out.push(MissingField {
                    field: format!("package {} tracking number", p.id),
                });
            }
            if !p.status.is_known() {
                out.push(UnknownStatus {
                    package_id: p.id.clone(),
                    value: p.status.as_str().to_string(),
                });
            }
            if !p.size.is_known() {
                out.push(UnknownSize {
                    package_id: p.id.clone(),
                    value: p.size.as_str().to_string(),
                });
            }
            for (field, text) in [
                ("recipient", Some(p.recipient.as_str())),
                ("tracking number", Some(p.tracking.as_str())),
                ("notes", p.notes.as_deref()),
            ] {
                check_len(&mut out, &format!("package {} {field}", p.id), text);
            }
        }
    }
    out
}

fn check_time(out: &mut Vec<ManifestProblem>, field: &str, value: &str) -> Option<i64> {
    match parse_rfc3339(value) {
        Some(st) => Some(st.ms),
        None => {
            out.push(ManifestProblem::BadTime {
                field: field.to_string(),
                value: value.chars().take(40).collect(),
            });
            None
        }
    }
}

fn check_span(out: &mut Vec<ManifestProblem>, field: &str, start: &str, end: &str) {
    let s = check_time(out, &format!("{field} start"), start);
    let e = check_time(out, &format!("{field} end"), end);
    if let (Some(s), Some(e)) = (s, e) {
        if e < s {
            out.push(ManifestProblem::EndsBeforeStart {
                field: field.to_string(),
            });
        }
    }
}

fn check_len(out: &mut Vec<ManifestProblem>, field: &str, text: Option<&str>) {
    if let Some(t) = text {
        // Byte length bounds char count from above: only count when it could matter.
        if t.len() > limits::TEXT_CHARS {
            let chars = t.chars().count();
            if chars > limits::TEXT_CHARS {
                out.push(ManifestProblem::TextTooLong {
                    field: field.to_string(),
                    chars,
                });
            }
        }
    }
}
