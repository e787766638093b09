//! Importing a manifest that arrived as a file or a link: what it is, what it
//! contains, and whether it may replace the manifest already on the phone.
//!
//! The rule that matters: an import never silently overwrites a newer
//! manifest or another driver's manifest. [`decide`] names those cases so the
//! UI can ask, and only the plain cases are safe to apply after a preview.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::i18n::catalogues::{HandoffFill as F, HandoffText};
use crate::model::i18n::{Fill, Lang, Text};
use crate::model::manifest::Manifest;
use crate::model::time::parse_rfc3339;
use crate::model::validate::{decode_manifest, ManifestProblem};

use super::csv::{looks_like_csv, manifest_from_csv};

/// Largest file the app will read for an import. A day's manifest is well
/// under 1 MiB as JSON and a few MiB as CSV (stop details repeat on every
/// package row); anything bigger is the wrong file, and reading it would
/// stall a phone.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// At most this many problems are listed; a wrong file would otherwise
/// produce one per row, which helps nobody.
pub const MAX_LISTED_PROBLEMS: usize = 20;

/// What a CSV cell should have held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Number,
    WholeNumber,
    TrueFalse,
}

/// Why an import was refused, in words a driver can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportProblem {
    /// The file is bigger than [`MAX_IMPORT_BYTES`].
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// A share link that unpacks to more than `limit` bytes (reading
    /// stopped there).
    LinkTooLarge {
        limit: usize,
    },
    EmptyFile,
    /// Neither JSON (starts with `{`) nor a Roadbook CSV (a header line
    /// naming manifest columns).
    UnknownFileType {
        name: Option<String>,
    },
    /// A quoted CSV field that starts on `line` is never closed.
    UnclosedQuote {
        line: usize,
    },
    /// Text follows a closing quote before the next separator.
    TextAfterQuote {
        line: usize,
    },
    /// A row has a different number of cells than the header.
    CellCount {
        line: usize,
        found: usize,
        expected: usize,
    },
    MissingColumn {
        column: String,
    },
    DuplicateColumn {
        column: String,
    },
    /// A cell that should hold a number or yes/no holds something else.
    BadValue {
        line: usize,
        column: String,
        value: String,
        expected: Expected,
    },
    /// A manifest-wide cell (no `stop_id`) or a stop's cell (with `stop_id`)
    /// differs from the first row that set it.
    Conflict {
        line: usize,
        column: String,
        first_line: usize,
        stop_id: Option<String>,
    },
    /// The CSV has a header but no rows.
    NoRows,
    /// The file parsed, but the manifest in it is not valid.
    Manifest(ManifestProblem),
    /// Further problems not listed (see [`MAX_LISTED_PROBLEMS`]).
    MoreProblems {
        count: usize,
    },
}

/// Cell text as shown in a message: short, and quoted like the validator's.
fn shown(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    format!("{short:?}")
}

impl ImportProblem {
    /// The problem in words a driver can act on, in the given language.
    pub fn describe(&self, lang: Lang) -> String {
        use ImportProblem::*;
        let t = |key: HandoffText| key.text(lang).to_string();
        let quoted = |s: &str| format!("{s:?}");
        match self {
            TooLarge { bytes, limit } => F::TooLarge {
                // Rounded up, so one byte over never reads "5120 KB, more than 5120 KB".
                size: &bytes.div_ceil(1024),
                limit: &(limit / 1024),
            }
            .fill(lang),
            LinkTooLarge { limit } => F::LinkTooLarge {
                limit: &(limit / 1024),
            }
            .fill(lang),
            EmptyFile => t(HandoffText::EmptyFile),
            UnknownFileType { name: Some(n) } => {
                F::NotAManifestNamed { name: &shown(n) }.fill(lang)
            }
            UnknownFileType { name: None } => t(HandoffText::NotAManifest),
            UnclosedQuote { line } => F::UnclosedQuote { line }.fill(lang),
            TextAfterQuote { line } => F::TextAfterQuote { line }.fill(lang),
            CellCount {
                line,
                found,
                expected,
            } => F::CellCount {
                line,
                found,
                expected,
            }
            .fill(lang),
            MissingColumn { column } => F::MissingColumn {
                column: &quoted(column),
            }
            .fill(lang),
            DuplicateColumn { column } => F::DuplicateColumn {
                column: &quoted(column),
            }
            .fill(lang),
            BadValue {
                line,
                column,
                value,
                expected,
            } => {
                let what = match expected {
                    Expected::Number => HandoffText::ExpectedNumber,
                    Expected::WholeNumber => HandoffText::ExpectedWholeNumber,
                    Expected::TrueFalse => HandoffText::ExpectedTrueFalse,
                };
                F::BadValue {
                    line,
                    column: &quoted(column),
                    value: &shown(value),
                    what: &what.text(lang),
                }
                .fill(lang)
            }
            Conflict {
                line,
                column,
                first_line,
                stop_id,
            } => {
                let column = &quoted(column);
                match stop_id {
                    Some(stop) => F::ConflictInStop {
                        line,
                        column,
                        first: first_line,
                        stop,
                    }
                    .fill(lang),
                    None => F::ConflictInFile {
                        line,
                        column,
                        first: first_line,
                    }
                    .fill(lang),
                }
            }
            NoRows => t(HandoffText::NoRows),
            Manifest(p) => p.describe(lang),
            MoreProblems { count } => F::MoreProblems { n: count }.fill(lang),
        }
    }
}

/// English, as shown before the translation layer (and in logs and tests).
impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Keeps a problem list readable: the first [`MAX_LISTED_PROBLEMS`], then a
/// count of the rest.
pub(crate) fn capped(mut problems: Vec<ImportProblem>) -> Vec<ImportProblem> {
    if problems.len() > MAX_LISTED_PROBLEMS {
        let rest = problems.len() - MAX_LISTED_PROBLEMS;
        problems.truncate(MAX_LISTED_PROBLEMS);
        problems.push(ImportProblem::MoreProblems { count: rest });
    }
    problems
}

pub(crate) fn from_manifest_problems(problems: Vec<ManifestProblem>) -> Vec<ImportProblem> {
    capped(problems.into_iter().map(ImportProblem::Manifest).collect())
}

/// For the UI to call with a file's size before reading it.
pub fn check_size(bytes: usize) -> Result<(), ImportProblem> {
    if bytes > MAX_IMPORT_BYTES {
        Err(ImportProblem::TooLarge {
            bytes,
            limit: MAX_IMPORT_BYTES,
        })
    } else {
        Ok(())
    }
}

/// Reads a received manifest, JSON or CSV, deciding by content rather than by
/// file name: phones and messaging apps rename files freely. `name_hint` is
/// only used to name the file in a message.
pub fn import_text(text: &str, name_hint: Option<&str>) -> Result<Manifest, Vec<ImportProblem>> {
    check_size(text.len()).map_err(|p| vec![p])?;
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let start = body.trim_start();
    if start.is_empty() {
        return Err(vec![ImportProblem::EmptyFile]);
    }
    if start.starts_with('{') {
        return decode_manifest(start).map_err(from_manifest_problems);
    }
    if looks_like_csv(body) {
        return manifest_from_csv(body);
    }
    Err(vec![ImportProblem::UnknownFileType {
        name: name_hint.map(str::to_string),
    }])
}

/// Where an import came from, for the preview's wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportSource {
    File { name: String },
    Link,
}

/// What the driver sees before accepting an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    pub driver_name: String,
    pub driver_id: String,
    pub manifest_id: String,
    /// RFC 3339, as in the manifest.
    pub block_start: String,
    /// RFC 3339, as in the manifest.
    pub block_end: String,
    pub station: String,
    pub stops: usize,
    pub packages: usize,
    /// RFC 3339, as in the manifest.
    pub generated_at: String,
}

impl ImportPreview {
    pub fn of(m: &Manifest) -> ImportPreview {
        ImportPreview {
            driver_name: m.driver.name.clone(),
            driver_id: m.driver.id.clone(),
            manifest_id: m.id.clone(),
            block_start: m.block.start.clone(),
            block_end: m.block.end.clone(),
            station: m.block.station.clone(),
            stops: m.stops.len(),
            packages: m.package_count(),
            generated_at: m.generated_at.clone(),
        }
    }
}

impl From<&Manifest> for ImportPreview {
    fn from(m: &Manifest) -> Self {
        ImportPreview::of(m)
    }
}

/// The little that must be remembered about the saved manifest to judge an
/// import against it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedManifestInfo {
    pub manifest_id: String,
    /// RFC 3339.
    pub generated_at: String,
    pub driver_id: String,
}

impl SavedManifestInfo {
    pub fn of(m: &Manifest) -> SavedManifestInfo {
        SavedManifestInfo {
            manifest_id: m.id.clone(),
            generated_at: m.generated_at.clone(),
            driver_id: m.driver.id.clone(),
        }
    }
}

/// What to do with an incoming manifest, given the saved one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportDecision {
    /// Nothing is saved, or the two cannot be ordered (different manifests
    /// generated at the same instant, or a saved time that does not parse).
    Replace,
    /// The incoming manifest is newer than the saved one.
    ReplaceOlder,
    /// The incoming manifest is older than the saved one. The UI must ask
    /// explicitly; never overwrite in this case without the driver's say.
    WouldReplaceNewer { saved_generated_at: String },
    /// Same manifest id and generation time: nothing to do.
    SameManifest,
    /// The manifest belongs to another driver than the saved one: ask.
    DifferentDriver {
        saved_driver: String,
        incoming_driver: String,
    },
}

/// Judges an incoming manifest against the saved one. The driver check comes
/// first: another driver's manifest needs a question whatever its age.
pub fn decide(saved: Option<&SavedManifestInfo>, incoming: &Manifest) -> ImportDecision {
    let Some(saved) = saved else {
        return ImportDecision::Replace;
    };
    if saved.driver_id != incoming.driver.id {
        return ImportDecision::DifferentDriver {
            saved_driver: saved.driver_id.clone(),
            incoming_driver: incoming.driver.id.clone(),
        };
    }
    let same_id = saved.manifest_id == incoming.id;
    // Compare instants, not text: "07:00-08:00" and "15:00Z" are the same time.
    let saved_at = parse_rfc3339(&saved.generated_at).map(|s| s.ms);
    let incoming_at = parse_rfc3339(&incoming.generated_at).map(|s| s.ms);
    match (saved_at, incoming_at) {
        (Some(s), Some(i)) if i > s => ImportDecision::ReplaceOlder,
        (Some(s), Some(i)) if i < s => ImportDecision::WouldReplaceNewer {
            saved_generated_at: saved.generated_at.clone(),
        },
        (Some(_), Some(_)) if same_id => ImportDecision::SameManifest,
        (None, None) if same_id && saved.generated_at == incoming.generated_at => {
            ImportDecision::SameManifest
        }
        _ => ImportDecision::Replace,
    }
}

#[cfg(test)]
mod tests {
    use super::super::csv::manifest_to_csv;
    use super::super::fixtures;
    use super::*;
    use crate::model::i18n::assert_reads;

    fn saved(id: &str, at: &str, driver: &str) -> SavedManifestInfo {
        SavedManifestInfo {
            manifest_id: id.to_string(),
            generated_at: at.to_string(),
            driver_id: driver.to_string(),
        }
    }

    #[test]
    fn manifest_problems_read_as_the_validator_in_english_and_translated_in_spanish() {
        for p in crate::model::validate::tests::every_problem() {
            let en = p.describe(Lang::En);
            let es = p.describe(Lang::Es);
            assert_eq!(en, p.to_string());
            assert_ne!(es, en, "{p:?}");
            assert!(!es.contains('{'), "{es}");
            assert_eq!(ImportProblem::Manifest(p.clone()).describe(Lang::Es), es);
        }
    }

    #[test]
    fn import_problems_in_both_languages() {
        let p = ImportProblem::CellCount {
            line: 3,
            found: 9,
            expected: 8,
        };
        assert_eq!(p.to_string(), p.describe(Lang::En));
        assert_reads(
            |l| p.describe(l),
            "line 3 has 9 cells, but the header has 8",
            "la línea 3 tiene 9 celdas, pero el encabezado tiene 8",
        );
        let p = ImportProblem::BadValue {
            line: 4,
            column: "weight_kg".into(),
            value: "heavy".into(),
            expected: Expected::Number,
        };
        assert_reads(
            |l| p.describe(l),
            "line 4, column \"weight_kg\": \"heavy\" is not a number",
            "línea 4, columna \"weight_kg\": \"heavy\" no es un número",
        );
        let p = ImportProblem::UnknownFileType {
            name: Some("notes.txt".into()),
        };
        assert!(p
            .to_string()
            .starts_with("\"notes.txt\" is not a manifest: Roadbook reads"));
        assert!(p
            .describe(Lang::Es)
            .starts_with("\"notes.txt\" no es un manifiesto"));
        let more = ImportProblem::MoreProblems { count: 1 };
        assert_eq!(more.describe(Lang::Es), "y 1 problema más");
        let more = ImportProblem::MoreProblems { count: 7 };
        assert_eq!(more.to_string(), "and 7 more problems");
        let c = ImportProblem::Conflict {
            line: 5,
            column: "city".into(),
            first_line: 2,
            stop_id: Some("S-1".into()),
        };
        assert_eq!(
            c.to_string(),
            "line 5, column \"city\": differs from line 2 for stop S-1 \
             (a stop's details must be the same on all its rows)"
        );
        assert!(c.describe(Lang::Es).contains("para la parada S-1"));
    }

    #[test]
    fn preview_counts_stops_and_packages() {
        let m = fixtures::simple();
        let p = ImportPreview::of(&m);
        assert_eq!(p.stops, 2);
        assert_eq!(p.packages, 3);
        assert_eq!(p.driver_name, "Alex Rivera");
        assert_eq!(p.driver_id, "D-1001");
        assert_eq!(p.manifest_id, m.id);
        assert_eq!(p.station, "PDX4");
        assert_eq!(p.block_start, m.block.start);
        assert_eq!(p.block_end, m.block.end);
        assert_eq!(p.generated_at, m.generated_at);
    }

    #[test]
    fn nothing_saved_means_replace() {
        assert_eq!(decide(None, &fixtures::simple()), ImportDecision::Replace);
    }

    #[test]
    fn same_manifest_is_recognised_across_offsets() {
        let m = fixtures::simple();
        // 06:00-08:00 is 14:00Z: the same instant written differently.
        let s = saved(&m.id, "2026-11-25T14:00:00Z", "D-1001");
        assert_eq!(decide(Some(&s), &m), ImportDecision::SameManifest);
    }

    #[test]
    fn newer_incoming_replaces_older_saved() {
        let m = fixtures::simple();
        let s = saved(&m.id, "2026-11-25T05:59:59-08:00", "D-1001");
        assert_eq!(decide(Some(&s), &m), ImportDecision::ReplaceOlder);
        let s = saved("M-other", "2026-11-24T06:00:00-08:00", "D-1001");
        assert_eq!(decide(Some(&s), &m), ImportDecision::ReplaceOlder);
    }

    #[test]
    fn older_incoming_never_replaces_silently() {
        let m = fixtures::simple();
        let s = saved(&m.id, "2026-11-25T06:00:01-08:00", "D-1001");
        assert_eq!(
            decide(Some(&s), &m),
            ImportDecision::WouldReplaceNewer {
                saved_generated_at: "2026-11-25T06:00:01-08:00".to_string()
            }
        );
    }

    #[test]
    fn other_drivers_manifest_is_asked_about_first() {
        let m = fixtures::simple();
        // Even when it would otherwise be the same manifest.
        let s = saved(&m.id, &m.generated_at, "D-2002");
        assert_eq!(
            decide(Some(&s), &m),
            ImportDecision::DifferentDriver {
                saved_driver: "D-2002".to_string(),
                incoming_driver: "D-1001".to_string(),
            }
        );
    }

    #[test]
    fn unorderable_cases_fall_back_to_replace() {
        let m = fixtures::simple();
        let s = saved("M-other", &m.generated_at, "D-1001");
        assert_eq!(decide(Some(&s), &m), ImportDecision::Replace);
        let s = saved(&m.id, "garbage", "D-1001");
        assert_eq!(decide(Some(&s), &m), ImportDecision::Replace);
    }

    #[test]
    fn saved_info_round_trips_its_manifest() {
        let m = fixtures::simple();
        let s = SavedManifestInfo::of(&m);
        assert_eq!(decide(Some(&s), &m), ImportDecision::SameManifest);
    }

    #[test]
    fn dispatches_json_and_csv_by_content() {
        let m = fixtures::hostile();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(import_text(&json, Some("x.csv")).unwrap(), m);
        // With a BOM and leading whitespace too.
        assert_eq!(
            import_text(&format!("\u{FEFF}\n  {json}"), None).unwrap(),
            m
        );
        let csv = manifest_to_csv(&m);
        assert_eq!(import_text(&csv, Some("x.json")).unwrap(), m);
    }

    #[test]
    fn json_problems_are_wrapped() {
        let errs = import_text("{\"schema\": 1,", None).unwrap_err();
        assert!(matches!(
            errs[0],
            ImportProblem::Manifest(ManifestProblem::NotJson { .. })
        ));
        let mut m = fixtures::simple();
        m.stops.clear();
        let errs = import_text(&serde_json::to_string(&m).unwrap(), None).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::Manifest(ManifestProblem::NoStops)]
        );
        assert_eq!(errs[0].to_string(), "the manifest has no stops");
    }

    #[test]
    fn unknown_content_is_named() {
        let gpx = "<?xml version=\"1.0\"?><gpx></gpx>";
        let errs = import_text(gpx, Some("route.gpx")).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::UnknownFileType {
                name: Some("route.gpx".to_string())
            }]
        );
        assert!(errs[0]
            .to_string()
            .starts_with("\"route.gpx\" is not a manifest"));
        // A CSV from some other program: no manifest columns in its header.
        let errs = import_text("name,phone\nSam,555\n", None).unwrap_err();
        assert_eq!(errs, vec![ImportProblem::UnknownFileType { name: None }]);
        assert_eq!(
            import_text(" \u{FEFF}\r\n", None).unwrap_err(),
            vec![ImportProblem::UnknownFileType { name: None }]
        );
        assert_eq!(
            import_text("\u{FEFF}  \n", None).unwrap_err(),
            vec![ImportProblem::EmptyFile]
        );
    }

    #[test]
    fn too_large_is_refused_before_parsing() {
        let big = "x".repeat(MAX_IMPORT_BYTES + 1);
        let errs = import_text(&big, None).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::TooLarge {
                bytes: MAX_IMPORT_BYTES + 1,
                limit: MAX_IMPORT_BYTES
            }]
        );
        assert_eq!(
            errs[0].to_string(),
            "the file is 5121 KB, more than the 5120 KB a manifest can be"
        );
        assert!(check_size(MAX_IMPORT_BYTES).is_ok());
    }

    #[test]
    fn a_link_too_large_says_link_not_file_in_both_languages() {
        let p = ImportProblem::LinkTooLarge {
            limit: MAX_IMPORT_BYTES,
        };
        assert_eq!(
            p.describe(Lang::En),
            "the link unpacks to more than the 5120 KB a manifest can be"
        );
        let es = p.describe(Lang::Es);
        assert!(es.contains("enlace") && es.contains("5120 KB"), "{es}");
    }

    #[test]
    fn problem_lists_are_capped() {
        let many = (0..30)
            .map(|line| ImportProblem::UnclosedQuote { line })
            .collect();
        let out = capped(many);
        assert_eq!(out.len(), MAX_LISTED_PROBLEMS + 1);
        assert_eq!(out.last(), Some(&ImportProblem::MoreProblems { count: 10 }));
    }

    #[test]
    fn messages_read_plainly() {
        let p = ImportProblem::BadValue {
            line: 14,
            column: "lat".to_string(),
            value: "abc".to_string(),
            expected: Expected::Number,
        };
        assert_eq!(
            p.to_string(),
            "line 14, column \"lat\": \"abc\" is not a number"
        );
        let p = ImportProblem::Conflict {
            line: 9,
            column: "city".to_string(),
            first_line: 3,
            stop_id: Some("S-4".to_string()),
        };
        assert!(p
            .to_string()
            .starts_with("line 9, column \"city\": differs from line 3 for stop S-4"));
        assert_eq!(
            ImportProblem::MissingColumn {
                column: "lat".into()
            }
            .to_string(),
            "the file has no \"lat\" column"
        );
    }
}
