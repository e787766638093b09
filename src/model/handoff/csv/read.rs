//! CSV records → a manifest: columns found by header name, each row's
//! manifest, stop and package fields read and checked against the rows
//! before it, then the whole validated like any received manifest.

use std::collections::HashMap;

use super::guard::unguard;
use super::tokens::{first_line, parse_records, sniff_delimiter, Cell, Record};
use super::{holding, required, Holds, COLUMNS};
use crate::model::handoff::import::{
    capped, check_size, from_manifest_problems, Expected, ImportProblem,
};
use crate::model::manifest::{
    Address, Block, DriverRef, Manifest, Package, PackageSize, PackageStatus, Stop, TimeWindow,
    MANIFEST_SCHEMA,
};
use crate::model::validate::accept;

fn header_name(cell: &str) -> String {
    cell.trim()
        .trim_start_matches('\u{FEFF}')
        .to_ascii_lowercase()
}

/// True when the first line is a header naming at least one manifest column,
/// which tells a Roadbook CSV from other text without trusting file names.
pub fn looks_like_csv(text: &str) -> bool {
    let header = first_line(text);
    let delim = sniff_delimiter(header) as char;
    header.split(delim).any(|c| {
        let name = header_name(c.trim_matches('"'));
        required().any(|r| r == name)
    })
}

/// Reads a CSV written by [`manifest_to_csv`] (or edited in a spreadsheet),
/// then validates it like any received manifest. Errors name the line and
/// column; at most [`super::import::MAX_LISTED_PROBLEMS`] are listed.
pub fn manifest_from_csv(text: &str) -> Result<Manifest, Vec<ImportProblem>> {
    check_size(text.len()).map_err(|p| vec![p])?;
    let m = parse_manifest_csv(text)?;
    accept(m).map_err(from_manifest_problems)
}

/// Where each known column sits in the file.
struct Columns {
    index: HashMap<&'static str, usize>,
    width: usize,
}

impl Columns {
    fn from_header(header: &Record) -> Result<Columns, Vec<ImportProblem>> {
        let mut index = HashMap::new();
        let mut problems = Vec::new();
        for (k, cell) in header.cells.iter().enumerate() {
            let name = header_name(&cell.text);
            if let Some(known) = COLUMNS.iter().find(|c| c.name == name) {
                if index.insert(known.name, k).is_some() {
                    problems.push(ImportProblem::DuplicateColumn {
                        column: known.name.to_string(),
                    });
                }
            }
        }
        for col in required() {
            if !index.contains_key(col) {
                problems.push(ImportProblem::MissingColumn {
                    column: col.to_string(),
                });
            }
        }
        if problems.is_empty() {
            Ok(Columns {
                index,
                width: header.cells.len(),
            })
        } else {
            Err(problems)
        }
    }
}

/// Reads typed values out of one record, collecting problems as it goes.
/// After a problem it returns a placeholder: the import fails anyway, and
/// carrying on finds the other problems in the same pass.
struct RowReader<'a> {
    rec: &'a Record,
    cols: &'a Columns,
    decimal_comma: bool,
    problems: &'a mut Vec<ImportProblem>,
}

impl RowReader<'_> {
    fn cell(&self, col: &str) -> Option<&Cell> {
        self.cols
            .index
            .get(col)
            .and_then(|&k| self.rec.cells.get(k))
    }

    fn text(&self, col: &str) -> String {
        self.cell(col)
            .map(|c| unguard(&c.text).to_string())
            .unwrap_or_default()
    }

    fn opt_text(&self, col: &str) -> Option<String> {
        match self.cell(col) {
            Some(c) if c.text.is_empty() && !c.quoted => None,
            Some(c) => Some(unguard(&c.text).to_string()),
            None => None,
        }
    }

    fn bad(&mut self, col: &str, value: &str, expected: Expected) {
        self.problems.push(ImportProblem::BadValue {
            line: self.rec.line,
            column: col.to_string(),
            value: value.to_string(),
            expected,
        });
    }

    fn number_text(&self, raw: &str) -> String {
        let t = raw.trim();
        // "45,5" from a semicolon-separated European export.
        if self.decimal_comma && t.matches(',').count() == 1 && !t.contains('.') {
            t.replace(',', ".")
        } else {
            t.to_string()
        }
    }

    fn opt_f64(&mut self, col: &str) -> Option<f64> {
        let raw = self.cell(col)?.text.clone();
        if raw.trim().is_empty() {
            return None;
        }
        match self.number_text(&raw).parse::<f64>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.bad(col, &raw, Expected::Number);
                None
            }
        }
    }

    fn f64(&mut self, col: &str) -> f64 {
        let raw = self.cell(col).map(|c| c.text.clone()).unwrap_or_default();
        match self.number_text(&raw).parse::<f64>() {
            Ok(v) => v,
            Err(_) => {
                self.bad(col, &raw, Expected::Number);
                f64::NAN
            }
        }
    }

    fn u32_or(&mut self, col: &str, absent: u32) -> u32 {
        let Some(cell) = self.cell(col) else {
            return absent;
        };
        let raw = cell.text.clone();
        if raw.trim().is_empty() && col == "schema" {
            return absent;
        }
        match raw.trim().parse::<u32>() {
            Ok(v) => v,
            Err(_) => {
                self.bad(col, &raw, Expected::WholeNumber);
                0
            }
        }
    }

    fn bool(&mut self, col: &str) -> bool {
        let raw = self.cell(col).map(|c| c.text.clone()).unwrap_or_default();
        // Spreadsheets turn `true` into `TRUE`; people type yes/no or 1/0.
        match raw.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => true,
            "false" | "no" | "n" | "0" | "" => false,
            _ => {
                self.bad(col, &raw, Expected::TrueFalse);
                false
            }
        }
    }

    /// The row's package cells are all empty: a stop without packages.
    fn has_no_package(&self) -> bool {
        holding(Holds::Package).all(|c| self.cell(c).is_none_or(|c| c.text.is_empty() && !c.quoted))
    }
}

/// The first column holding `what` whose cell differs between two records,
/// to name in a conflict. Only called when the parsed values differ, so one
/// does.
fn first_difference(cols: &Columns, rec: &Record, other: &Record, what: Holds) -> String {
    holding(what)
        .find(|name| {
            let k = cols.index.get(name);
            k.map(|&k| rec.cells.get(k)) != k.map(|&k| other.cells.get(k))
        })
        .unwrap_or("stop_id")
        .to_string()
}

#[derive(PartialEq)]
struct Head {
    schema: u32,
    id: String,
    generated_at: String,
    driver: DriverRef,
    block: Block,
}

fn read_head(r: &mut RowReader<'_>) -> Head {
    Head {
        schema: r.u32_or("schema", MANIFEST_SCHEMA),
        id: r.text("manifest_id"),
        generated_at: r.text("generated_at"),
        driver: DriverRef {
            id: r.text("driver_id"),
            name: r.text("driver_name"),
        },
        block: Block {
            station: r.text("station"),
            start: r.text("block_start"),
            end: r.text("block_end"),
        },
    }
}

/// The stop's own fields from a row (packages are added separately).
fn read_stop(r: &mut RowReader<'_>) -> Stop {
    let ws = r.opt_text("window_start");
    let we = r.opt_text("window_end");
    // Half a window is kept as half a window: the validator then reports the
    // missing time instead of the import quietly dropping the window.
    let window = match (ws, we) {
        (None, None) => None,
        (s, e) => Some(TimeWindow {
            start: s.unwrap_or_default(),
            end: e.unwrap_or_default(),
        }),
    };
    Stop {
        id: r.text("stop_id"),
        seq: r.u32_or("seq", 0),
        address: Address {
            line1: r.text("line1"),
            line2: r.opt_text("line2"),
            city: r.text("city"),
            region: r.opt_text("region"),
            postcode: r.text("postcode"),
        },
        lat: r.f64("lat"),
        lng: r.f64("lng"),
        window,
        notes: r.opt_text("stop_notes"),
        access_code: r.opt_text("access_code"),
        packages: Vec::new(),
    }
}

fn read_package(r: &mut RowReader<'_>) -> Package {
    Package {
        id: r.text("package_id"),
        tracking: r.text("tracking"),
        recipient: r.text("recipient"),
        size: PackageSize::parse(&r.text("size")),
        weight_kg: r.opt_f64("weight_kg"),
        status: PackageStatus::parse(&r.text("status")),
        signature_required: r.bool("signature_required"),
        notes: r.opt_text("package_notes"),
    }
}

/// A stop's own fields, packages aside. Coordinates compare by bit pattern
/// so that text that reads to NaN ("NaN") on two rows is not a conflict;
/// the validator reports it once.
fn same_stop_fields(a: &Stop, b: &Stop) -> bool {
    a.id == b.id
        && a.seq == b.seq
        && a.address == b.address
        && a.lat.to_bits() == b.lat.to_bits()
        && a.lng.to_bits() == b.lng.to_bits()
        && a.window == b.window
        && a.notes == b.notes
        && a.access_code == b.access_code
}

/// CSV → manifest, without validation (that is [`manifest_from_csv`]'s
/// second step). Kept separate so tests can check the format's losslessness
/// on manifests the validator would refuse.
pub(super) fn parse_manifest_csv(text: &str) -> Result<Manifest, Vec<ImportProblem>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let delim = sniff_delimiter(first_line(text));
    let records = parse_records(text, delim).map_err(|p| vec![p])?;
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(vec![ImportProblem::EmptyFile]);
    };
    let cols = Columns::from_header(&header).map_err(capped)?;

    let mut problems = Vec::new();
    // Each with the record that first set it, and whether that record read
    // cleanly: a row with an unreadable cell holds placeholders, and
    // comparing other rows to those would only repeat the same problem.
    let mut head: Option<(Head, Record, bool)> = None;
    // Stops in order of first appearance, so rows sorted in a spreadsheet
    // still group correctly.
    let mut stops: Vec<(Stop, Record, bool)> = Vec::new();
    let mut stop_index: HashMap<String, usize> = HashMap::new();

    for rec in records {
        // Blank lines, and rows of bare separators that spreadsheets leave.
        if rec.cells.iter().all(|c| c.text.is_empty() && !c.quoted) {
            continue;
        }
        if rec.cells.len() != cols.width {
            problems.push(ImportProblem::CellCount {
                line: rec.line,
                found: rec.cells.len(),
                expected: cols.width,
            });
            continue;
        }
        let before = problems.len();
        let (row_head, stop, package) = {
            let mut r = RowReader {
                rec: &rec,
                cols: &cols,
                decimal_comma: delim != b',',
                problems: &mut problems,
            };
            // Column order, so problems within a row are listed left to right.
            let row_head = read_head(&mut r);
            let stop = read_stop(&mut r);
            let package = if r.has_no_package() {
                None
            } else {
                Some(read_package(&mut r))
            };
            (row_head, stop, package)
        };
        let clean = problems.len() == before;

        if let Some((first, first_rec, first_clean)) = &head {
            if clean && *first_clean && *first != row_head {
                problems.push(ImportProblem::Conflict {
                    line: rec.line,
                    column: first_difference(&cols, &rec, first_rec, Holds::Manifest),
                    first_line: first_rec.line,
                    stop_id: None,
                });
            }
        }
        let k = match stop_index.get(&stop.id) {
            Some(&k) => {
                let (first, first_rec, first_clean) = &stops[k];
                if clean && *first_clean && !same_stop_fields(first, &stop) {
                    problems.push(ImportProblem::Conflict {
                        line: rec.line,
                        column: first_difference(&cols, &rec, first_rec, Holds::Stop),
                        first_line: first_rec.line,
                        stop_id: Some(stop.id.clone()),
                    });
                }
                k
            }
            None => {
                stop_index.insert(stop.id.clone(), stops.len());
                let first = Record {
                    line: rec.line,
                    cells: rec.cells.clone(),
                };
                stops.push((stop, first, clean));
                stops.len() - 1
            }
        };
        if let Some(p) = package {
            stops[k].0.packages.push(p);
        }
        if head.is_none() {
            head = Some((row_head, rec, clean));
        }
    }

    if !problems.is_empty() {
        return Err(capped(problems));
    }
    let Some((head, _, _)) = head else {
        return Err(vec![ImportProblem::NoRows]);
    };
    Ok(Manifest {
        schema: head.schema,
        id: head.id,
        generated_at: head.generated_at,
        driver: head.driver,
        block: head.block,
        stops: stops.into_iter().map(|(s, _, _)| s).collect(),
    })
}
