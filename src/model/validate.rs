//! Turns any received manifest text into a valid `Manifest` or a list of
//! specific problems.
//!
//! A manifest is refused only when it cannot be used safely: broken
//! structure, missing or duplicate ids, impossible coordinates, unknown
//! status values, unreadable times, or a payload over the size limits.
//! Unknown extra fields are tolerated (a newer server may add some), and
//! structural damage is never "fixed": such a manifest is refused whole, so
//! the saved one stays on screen.
//!
//! Free text (notes, names, address lines, access codes) is different: a
//! long delivery note is no reason to withhold a driver's whole route. It is
//! kept up to [`limits::TEXT_CHARS`] characters and cut there with
//! [`CUT_MARKER`], never refused; the screens show long text shortened with
//! a way to read all of it. Identifiers (ids, tracking numbers) cannot be
//! shortened without losing what they point to, so an impossibly long one
//! is refused. The other change made on acceptance is sorting stops by
//! `seq`, which is presentation order, not repair.

use std::collections::HashSet;
use std::fmt;

use super::i18n::catalogues::{HandoffFill as F, HandoffText as H};
use super::i18n::{Fill, Lang, Text};
use super::manifest::{Manifest, MANIFEST_SCHEMA};
use super::time::parse_rfc3339;
use super::wire::json_error_message;

/// Size limits that keep a hostile or broken payload from freezing a phone.
pub mod limits {
    pub const MANIFEST_BYTES: usize = 8 * 1024 * 1024;
    pub const STOPS: usize = 2_000;
    pub const PACKAGES_PER_STOP: usize = 500;
    pub const PACKAGES: usize = 10_000;
    /// Ids and tracking numbers: far beyond any real one.
    pub const ID_CHARS: usize = 2_000;
    /// Free text is kept up to this many characters (a 20,000-character
    /// note is some 20-80 KB), and cut there with the marker.
    pub const TEXT_CHARS: usize = 20_000;
}

/// Ends a free text that was cut at [`limits::TEXT_CHARS`]: the same in
/// every language, and visible where the text is read in full.
pub const CUT_MARKER: &str = " [\u{2026}]";

/// Which part of a manifest a problem is about. Named in the reader's
/// language by [`Field::describe`]; ids are the manifest's own, shortened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    ManifestId,
    DriverId,
    DriverName,
    GeneratedAt,
    Block,
    BlockStart,
    BlockEnd,
    /// The id of the stop numbered `seq` (it has no usable id of its own).
    StopIdOfNumber {
        seq: u32,
    },
    StopId {
        stop: String,
    },
    StopAddress {
        stop: String,
    },
    StopWindow {
        stop: String,
    },
    StopWindowStart {
        stop: String,
    },
    StopWindowEnd {
        stop: String,
    },
    /// The id of a package at `stop` (it has no usable id of its own).
    PackageIdAt {
        stop: String,
    },
    PackageId {
        package: String,
    },
    Tracking {
        package: String,
    },
}

impl Field {
    pub fn describe(&self, lang: Lang) -> String {
        use Field::*;
        let t = |key: H| key.text(lang).to_string();
        match self {
            ManifestId => t(H::FieldManifestId),
            DriverId => t(H::FieldDriverId),
            DriverName => t(H::FieldDriverName),
            GeneratedAt => t(H::FieldGeneratedAt),
            Block => t(H::FieldBlock),
            BlockStart => t(H::FieldBlockStart),
            BlockEnd => t(H::FieldBlockEnd),
            StopIdOfNumber { seq } => F::FieldStopIdOfNumber { seq }.fill(lang),
            StopId { stop } => F::FieldStopId { stop }.fill(lang),
            StopAddress { stop } => F::FieldStopAddress { stop }.fill(lang),
            StopWindow { stop } => F::FieldStopWindow { stop }.fill(lang),
            StopWindowStart { stop } => F::FieldStopWindowStart { stop }.fill(lang),
            StopWindowEnd { stop } => F::FieldStopWindowEnd { stop }.fill(lang),
            PackageIdAt { stop } => F::FieldPackageIdAt { stop }.fill(lang),
            PackageId { package } => F::FieldPackageId { package }.fill(lang),
            Tracking { package } => F::FieldTracking { package }.fill(lang),
        }
    }
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
        field: Field,
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
        field: Field,
        value: String,
    },
    EndsBeforeStart {
        field: Field,
    },
    /// An id or tracking number longer than [`limits::ID_CHARS`].
    IdTooLong {
        field: Field,
        chars: usize,
    },
}

impl ManifestProblem {
    /// The problem in the reader's language. Technical details (a JSON
    /// parser's message) and the manifest's own values stay as they are.
    pub fn describe(&self, lang: Lang) -> String {
        use ManifestProblem::*;
        let field_words = |field: &Field| field.describe(lang);
        match self {
            TooLarge { bytes, limit } => F::MpTooLarge {
                // Rounded up, so one byte over never reads "8192 KB, more than 8192 KB".
                size: &bytes.div_ceil(1024),
                limit: &(limit / 1024),
            }
            .fill(lang),
            NotJson {
                line,
                column,
                message,
            } => F::MpNotJson {
                line,
                column,
                message,
            }
            .fill(lang),
            WrongShape {
                line,
                column,
                message,
            } => F::MpWrongShape {
                line,
                column,
                message,
            }
            .fill(lang),
            UnsupportedSchema { found } => F::MpUnsupportedSchema {
                found,
                supported: &MANIFEST_SCHEMA,
            }
            .fill(lang),
            MissingField { field } => F::MpMissingField {
                field: &field_words(field),
            }
            .fill(lang),
            NoStops => H::MpNoStops.text(lang).to_string(),
            TooManyStops { count } => F::MpTooManyStops {
                count,
                limit: &limits::STOPS,
            }
            .fill(lang),
            TooManyPackages { count } => F::MpTooManyPackages {
                count,
                limit: &limits::PACKAGES,
            }
            .fill(lang),
            EmptyStop { stop_id } => F::MpEmptyStop { stop: stop_id }.fill(lang),
            StopTooBig { stop_id, count } => F::MpStopTooBig {
                stop: stop_id,
                count,
                limit: &limits::PACKAGES_PER_STOP,
            }
            .fill(lang),
            DuplicateStopId { id } => F::MpDuplicateStopId { id }.fill(lang),
            DuplicateSeq { seq } => F::MpDuplicateSeq { seq }.fill(lang),
            DuplicatePackageId { id } => F::MpDuplicatePackageId { id }.fill(lang),
            CoordinatesOutOfRange { stop_id, lat, lng } => F::MpCoordinates {
                stop: stop_id,
                lat,
                lng,
            }
            .fill(lang),
            UnknownStatus { package_id, value } => F::MpUnknownStatus {
                package: package_id,
                value: &format!("{value:?}"),
            }
            .fill(lang),
            UnknownSize { package_id, value } => F::MpUnknownSize {
                package: package_id,
                value: &format!("{value:?}"),
            }
            .fill(lang),
            BadTime { field, value } => F::MpBadTime {
                field: &field_words(field),
                value: &format!("{value:?}"),
            }
            .fill(lang),
            EndsBeforeStart { field } => F::MpEndsBeforeStart {
                field: &field_words(field),
            }
            .fill(lang),
            IdTooLong { field, chars } => F::MpIdTooLong {
                field: &field_words(field),
                chars,
                limit: &limits::ID_CHARS,
            }
            .fill(lang),
        }
    }
}

/// English, for logs and tests; screens use [`ManifestProblem::describe`].
impl fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
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

/// Validates an already-decoded manifest, keeps its free text within
/// [`limits::TEXT_CHARS`] and puts its stops in route order.
pub fn accept(mut manifest: Manifest) -> Result<Manifest, Vec<ManifestProblem>> {
    let problems = validate(&manifest);
    if !problems.is_empty() {
        return Err(problems);
    }
    cut_long_text(&mut manifest);
    manifest.stops.sort_by_key(|s| s.seq);
    Ok(manifest)
}

/// `text` kept whole up to [`limits::TEXT_CHARS`] characters; longer, its
/// beginning and [`CUT_MARKER`], `TEXT_CHARS` characters in all (so a cut
/// text is never cut again).
pub fn keep_text(text: &str) -> Option<String> {
    // Byte length bounds the character count from above.
    if text.len() <= limits::TEXT_CHARS {
        return None;
    }
    // Fits when there is no character at position TEXT_CHARS.
    text.char_indices().nth(limits::TEXT_CHARS)?;
    let keep = limits::TEXT_CHARS - CUT_MARKER.chars().count();
    let (cut, _) = text.char_indices().nth(keep)?;
    Some(format!("{}{CUT_MARKER}", &text[..cut]))
}

/// Cuts every free-text field over [`limits::TEXT_CHARS`]; returns how
/// many were cut.
pub fn cut_long_text(m: &mut Manifest) -> usize {
    let mut cut = 0;
    let mut keep = |t: &mut String| {
        if let Some(short) = keep_text(t) {
            *t = short;
            cut += 1;
        }
    };
    keep(&mut m.driver.name);
    keep(&mut m.block.station);
    for stop in &mut m.stops {
        keep(&mut stop.address.line1);
        keep(&mut stop.address.city);
        keep(&mut stop.address.postcode);
        for t in [
            stop.address.line2.as_mut(),
            stop.address.region.as_mut(),
            stop.notes.as_mut(),
            stop.access_code.as_mut(),
        ]
        .into_iter()
        .flatten()
        {
            keep(t);
        }
        for p in &mut stop.packages {
            keep(&mut p.recipient);
            if let Some(n) = p.notes.as_mut() {
                keep(n);
            }
        }
    }
    cut
}

/// Every problem found, in document order. Empty means usable.
pub fn validate(m: &Manifest) -> Vec<ManifestProblem> {
    use ManifestProblem::*;
    let mut out = Vec::new();
    if m.schema != MANIFEST_SCHEMA {
        out.push(UnsupportedSchema { found: m.schema });
        return out;
    }
    let mut required = |field: Field, value: &str| {
        if value.trim().is_empty() {
            out.push(MissingField { field });
        }
    };
    required(Field::ManifestId, &m.id);
    required(Field::DriverId, &m.driver.id);
    required(Field::DriverName, &m.driver.name);
    check_id(&mut out, Field::ManifestId, &m.id);
    check_id(&mut out, Field::DriverId, &m.driver.id);
    check_time(&mut out, Field::GeneratedAt, &m.generated_at);
    check_span(
        &mut out,
        [Field::BlockStart, Field::BlockEnd, Field::Block],
        &m.block.start,
        &m.block.end,
    );

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
        // Ids go into messages: a hostile one must not make them huge.
        let sid = shown_id(&stop.id);
        if stop.id.trim().is_empty() {
            out.push(MissingField {
                field: Field::StopIdOfNumber { seq: stop.seq },
            });
        } else if !stop_ids.insert(stop.id.as_str()) {
            out.push(DuplicateStopId { id: sid.clone() });
        }
        check_id(&mut out, Field::StopId { stop: sid.clone() }, &stop.id);
        if !seqs.insert(stop.seq) {
            out.push(DuplicateSeq { seq: stop.seq });
        }
        if stop.address.line1.trim().is_empty() {
            out.push(MissingField {
                field: Field::StopAddress { stop: sid.clone() },
            });
        }
        // The same rule as a fleet driver's position.
        if !super::fleet::coordinates_possible(stop.lat, stop.lng) {
            out.push(CoordinatesOutOfRange {
                stop_id: sid.clone(),
                lat: stop.lat,
                lng: stop.lng,
            });
        }
        if let Some(w) = &stop.window {
            check_span(
                &mut out,
                [
                    Field::StopWindowStart { stop: sid.clone() },
                    Field::StopWindowEnd { stop: sid.clone() },
                    Field::StopWindow { stop: sid.clone() },
                ],
                &w.start,
                &w.end,
            );
        }
        if stop.packages.is_empty() {
            out.push(EmptyStop {
                stop_id: sid.clone(),
            });
        }
        if stop.packages.len() > limits::PACKAGES_PER_STOP {
            out.push(StopTooBig {
                stop_id: sid.clone(),
                count: stop.packages.len(),
            });
        }
        for p in &stop.packages {
            let pid = shown_id(&p.id);
            if p.id.trim().is_empty() {
                out.push(MissingField {
                    field: Field::PackageIdAt { stop: sid.clone() },
                });
            } else if !package_ids.insert(p.id.as_str()) {
                out.push(DuplicatePackageId { id: pid.clone() });
            }
            check_id(
                &mut out,
                Field::PackageId {
                    package: pid.clone(),
                },
                &p.id,
            );
            if p.tracking.trim().is_empty() {
                out.push(MissingField {
                    field: Field::Tracking {
                        package: pid.clone(),
                    },
                });
            }
            check_id(
                &mut out,
                Field::Tracking {
                    package: pid.clone(),
                },
                &p.tracking,
            );
            if !p.status.is_known() {
                out.push(UnknownStatus {
                    package_id: pid.clone(),
                    value: shown_id(p.status.as_str()),
                });
            }
            if !p.size.is_known() {
                out.push(UnknownSize {
                    package_id: pid.clone(),
                    value: shown_id(p.size.as_str()),
                });
            }
        }
    }
    out
}

/// An id as named in a message: at most 40 characters, then "…".
fn shown_id(id: &str) -> String {
    match id.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &id[..cut]),
        None => id.to_string(),
    }
}

fn check_time(out: &mut Vec<ManifestProblem>, field: Field, value: &str) -> Option<i64> {
    match parse_rfc3339(value) {
        Some(st) => Some(st.ms),
        None => {
            out.push(ManifestProblem::BadTime {
                field,
                value: value.chars().take(40).collect(),
            });
            None
        }
    }
}

/// `[start field, end field, the span]`.
fn check_span(out: &mut Vec<ManifestProblem>, fields: [Field; 3], start: &str, end: &str) {
    let [start_field, end_field, span] = fields;
    let s = check_time(out, start_field, start);
    let e = check_time(out, end_field, end);
    if let (Some(s), Some(e)) = (s, e) {
        if e < s {
            out.push(ManifestProblem::EndsBeforeStart { field: span });
        }
    }
}

fn check_id(out: &mut Vec<ManifestProblem>, field: Field, id: &str) {
    // Byte length bounds char count from above: only count when it could matter.
    if id.len() > limits::ID_CHARS {
        let chars = id.chars().count();
        if chars > limits::ID_CHARS {
            out.push(ManifestProblem::IdTooLong { field, chars });
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
