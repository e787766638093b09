//! A manifest as a spreadsheet file, and back.
//!
//! One row per package, with its stop's and the manifest's fields repeated on
//! every row, so the CSV alone rebuilds the manifest and a dispatcher can
//! sort or filter it in a spreadsheet without breaking it. Columns are found
//! by header name (any order; unknown columns are ignored), so a column added
//! or moved in Excel does no harm.
//!
//! Format details, all chosen so a file survives a round trip through a
//! spreadsheet program and back without loss:
//!
//! - RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes are
//!   doubled, records end with CRLF. Quoted fields may hold line breaks.
//! - A UTF-8 byte-order mark starts the file: without it Excel reads UTF-8 as
//!   the local code page and "Nguyễn" turns into mojibake.
//! - **Formula guard.** A spreadsheet runs a cell starting with `=`, `+`,
//!   `-` or `@` (and some also tab, CR or LF, which it skips before looking,
//!   and some the full-width `＝ ＋ － ＠`, which an East Asian input method
//!   types and which Excel reads as their ASCII forms) as a formula, so a
//!   recipient named `=HYPERLINK(...)` would be code. Such *text* cells are written with a
//!   leading `'`, which spreadsheets treat as "this is text" and do not show.
//!   Import removes it again. To keep this lossless, text that already starts
//!   with quotes before one of those characters gets one more quote, and
//!   import removes exactly one, only in that same situation: `'=x` is
//!   written `''=x`, while `'hello` is left alone both ways. Number cells
//!   (`seq`, `lat`, `lng`, `weight_kg`) are never touched, so `-122.6` stays
//!   a number.
//! - Absent optional text is an empty cell; present-but-empty optional text
//!   is written as a quoted empty cell (`""`), which is valid RFC 4180, so
//!   the app's own round trip is exact. (A spreadsheet that rewrites `""` as
//!   an empty cell turns it into "absent", which the app treats the same.)
//! - A stop with no packages (invalid, but exportable) is one row whose
//!   package cells are all empty; real packages always have
//!   `signature_required` written as `true`/`false`, so the two never mix.
//! - Import also accepts `;` or tab as separator (what Excel writes in many
//!   European locales), and then a decimal comma in number cells.

use std::collections::HashMap;

use crate::model::manifest::{
    Address, Block, DriverRef, Manifest, Package, PackageSize, PackageStatus, Stop, TimeWindow,
    MANIFEST_SCHEMA,
};
use crate::model::validate::accept;

use super::import::{capped, check_size, from_manifest_problems, Expected, ImportProblem};

/// Column names in the order they are written.
pub const COLUMNS: [&str; 29] = [
    "manifest_id",
    "schema",
    "generated_at",
    "driver_id",
    "driver_name",
    "station",
    "block_start",
    "block_end",
    "stop_id",
    "seq",
    "line1",
    "line2",
    "city",
    "region",
    "postcode",
    "lat",
    "lng",
    "window_start",
    "window_end",
    "stop_notes",
    "access_code",
    "package_id",
    "tracking",
    "recipient",
    "size",
    "weight_kg",
    "status",
    "signature_required",
    "package_notes",
];

/// Columns an import cannot do without: every field that is not optional.
/// `schema` (defaults to the current one), `signature_required` (defaults to
/// false) and the optional text columns may be missing.
const REQUIRED: [&str; 19] = [
    "manifest_id",
    "generated_at",
    "driver_id",
    "driver_name",
    "station",
    "block_start",
    "block_end",
    "stop_id",
    "seq",
    "line1",
    "city",
    "postcode",
    "lat",
    "lng",
    "package_id",
    "tracking",
    "recipient",
    "size",
    "status",
];

/// Columns holding one manifest-wide value (same on every row).
const MANIFEST_COLUMNS: [&str; 8] = [
    "manifest_id",
    "schema",
    "generated_at",
    "driver_id",
    "driver_name",
    "station",
    "block_start",
    "block_end",
];

/// Columns holding a stop's value (same on every row of that stop).
const STOP_COLUMNS: [&str; 13] = [
    "seq",
    "line1",
    "line2",
    "city",
    "region",
    "postcode",
    "lat",
    "lng",
    "window_start",
    "window_end",
    "stop_notes",
    "access_code",
    // stop_id is the grouping key itself, listed so it is "known".
    "stop_id",
];

/// Columns holding a package's value.
const PACKAGE_COLUMNS: [&str; 8] = [
    "package_id",
    "tracking",
    "recipient",
    "size",
    "weight_kg",
    "status",
    "signature_required",
    "package_notes",
];

// ---------------------------------------------------------------- export

/// Writes the manifest as CSV: BOM, header, one CRLF-terminated row per
/// package, stops in the manifest's order.
pub fn manifest_to_csv(m: &Manifest) -> String {
    let mut out = String::with_capacity(64 + m.package_count().max(1) * 400);
    out.push('\u{FEFF}');
    for (i, c) in COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(c);
    }
    out.push_str("\r\n");
    let schema = m.schema.to_string();
    for stop in &m.stops {
        let seq = stop.seq.to_string();
        let lat = stop.lat.to_string();
        let lng = stop.lng.to_string();
        let (ws, we) = match &stop.window {
            Some(w) => (Some(w.start.as_str()), Some(w.end.as_str())),
            None => (None, None),
        };
        let mut row = |p: Option<&Package>| {
            let mut w = RowWriter {
                out: &mut out,
                first: true,
            };
            w.text(&m.id);
            w.raw(&schema);
            w.text(&m.generated_at);
            w.text(&m.driver.id);
            w.text(&m.driver.name);
            w.text(&m.block.station);
            w.text(&m.block.start);
            w.text(&m.block.end);
            w.text(&stop.id);
            w.raw(&seq);
            w.text(&stop.address.line1);
            w.opt(stop.address.line2.as_deref());
            w.text(&stop.address.city);
            w.opt(stop.address.region.as_deref());
            w.text(&stop.address.postcode);
            w.raw(&lat);
            w.raw(&lng);
            w.opt(ws);
            w.opt(we);
            w.opt(stop.notes.as_deref());
            w.opt(stop.access_code.as_deref());
            match p {
                Some(p) => {
                    w.text(&p.id);
                    w.text(&p.tracking);
                    w.text(&p.recipient);
                    w.text(p.size.as_str());
                    match p.weight_kg {
                        Some(kg) => w.raw(&kg.to_string()),
                        None => w.raw(""),
                    }
                    w.text(p.status.as_str());
                    w.raw(if p.signature_required {
                        "true"
                    } else {
                        "false"
                    });
                    w.opt(p.notes.as_deref());
                }
                None => {
                    for _ in PACKAGE_COLUMNS {
                        w.raw("");
                    }
                }
            }
            out.push_str("\r\n");
        };
        if stop.packages.is_empty() {
            row(None);
        }
        for p in &stop.packages {
            row(Some(p));
        }
    }
    out
}

struct RowWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl RowWriter<'_> {
    fn sep(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    /// A number or fixed word: written as is (quoted only if it needs it,
    /// which a number never does).
    fn raw(&mut self, v: &str) {
        self.sep();
        push_quoted(self.out, v, false);
    }

    /// Free text: formula-guarded, then quoted as needed.
    fn text(&mut self, v: &str) {
        self.sep();
        if needs_guard(v) {
            let mut guarded = String::with_capacity(v.len() + 1);
            guarded.push('\'');
            guarded.push_str(v);
            push_quoted(self.out, &guarded, false);
        } else {
            push_quoted(self.out, v, false);
        }
    }

    /// Optional text: absent is an empty cell, present-but-empty is `""`.
    fn opt(&mut self, v: Option<&str>) {
        match v {
            None => self.raw(""),
            Some("") => {
                self.sep();
                push_quoted(self.out, "", true);
            }
            Some(v) => self.text(v),
        }
    }
}

fn push_quoted(out: &mut String, v: &str, force: bool) {
    if force || v.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}

/// True when a spreadsheet would read the text as a formula once any leading
/// quotes are taken off (see the module notes for why quotes are skipped).
fn needs_guard(v: &str) -> bool {
    matches!(
        v.trim_start_matches('\'').chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠')
    )
}

/// Undoes the export's formula guard: removes exactly one leading quote, and
/// only where the export would have added one.
fn unguard(v: &str) -> &str {
    match v.strip_prefix('\'') {
        Some(rest) if needs_guard(v) => rest,
        _ => v,
    }
}

// ---------------------------------------------------------------- parsing

/// One CSV cell. `quoted` tells `""` (present, empty) from an empty cell.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Cell {
    text: String,
    quoted: bool,
}

#[derive(Debug)]
struct Record {
    /// 1-based line the record starts on.
    line: usize,
    cells: Vec<Cell>,
}

/// Splits CSV text into records (RFC 4180, with `delim` as separator).
/// Accepts CRLF, LF or lone CR line ends. A quote inside an unquoted cell is
/// kept as text (lenient, as spreadsheets are); text after a closing quote is
/// an error, since there is no right way to read it.
fn parse_records(text: &str, delim: u8) -> Result<Vec<Record>, ImportProblem> {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut line = 1;
    let mut records = Vec::new();
    // Every index used to slice `text` sits on an ASCII byte (quote,
    // separator, CR, LF) or at the ends, so slices are on char boundaries.
    while i < n {
        let start_line = line;
        let mut cells = Vec::new();
        loop {
            if i < n && b[i] == b'"' {
                let cell_line = line;
                i += 1;
                let mut buf = String::new();
                loop {
                    let Some(rel) = b[i..].iter().position(|&c| c == b'"') else {
                        return Err(ImportProblem::UnclosedQuote { line: cell_line });
                    };
                    let seg = &text[i..i + rel];
                    line += count_line_ends(seg.as_bytes());
                    buf.push_str(seg);
                    i += rel + 1;
                    if i < n && b[i] == b'"' {
                        buf.push('"');
                        i += 1;
                    } else {
                        break;
                    }
                }
                // A CRLF split by the closing quote is not a line end inside.
                cells.push(Cell {
                    text: buf,
                    quoted: true,
                });
                if i < n && b[i] != delim && b[i] != b'\r' && b[i] != b'\n' {
                    return Err(ImportProblem::TextAfterQuote { line });
                }
            } else {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == delim || c == b'\r' || c == b'\n')
                    .map_or(n, |rel| i + rel);
                cells.push(Cell {
                    text: text[i..end].to_string(),
                    quoted: false,
                });
                i = end;
            }
            if i >= n {
                break;
            }
            if b[i] == delim {
                i += 1;
                continue;
            }
            // Line end: CRLF, LF or CR.
            if b[i] == b'\r' && i + 1 < n && b[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            line += 1;
            break;
        }
        records.push(Record {
            line: start_line,
            cells,
        });
    }
    Ok(records)
}

/// Line ends inside a quoted cell, counted the way a text editor numbers
/// lines (CRLF is one).
fn count_line_ends(seg: &[u8]) -> usize {
    let mut count = 0;
    for (k, &c) in seg.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && seg.get(k + 1) != Some(&b'\n')) {
            count += 1;
        }
    }
    count
}

/// The first line of the text, without its line end.
fn first_line(text: &str) -> &str {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let end = text.find(['\r', '\n']).unwrap_or(text.len());
    &text[..end]
}

/// The separator the header line uses: the most frequent of `,` `;` tab,
/// with comma winning ties (and when none appears: a one-column file).
fn sniff_delimiter(header: &str) -> u8 {
    let count = |d: u8| header.bytes().filter(|&c| c == d).count();
    let mut best = (b',', count(b','));
    for d in [b';', b'\t'] {
        let c = count(d);
        if c > best.1 {
            best = (d, c);
        }
    }
    best.0
}

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
        REQUIRED.contains(&name.as_str())
    })
}

// ---------------------------------------------------------------- import

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
            if let Some(known) = COLUMNS.iter().find(|c| **c == name) {
                if index.insert(*known, k).is_some() {
                    problems.push(ImportProblem::DuplicateColumn {
                        column: known.to_string(),
                    });
                }
            }
        }
        for col in REQUIRED {
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
        PACKAGE_COLUMNS
            .iter()
            .all(|c| self.cell(c).is_none_or(|c| c.text.is_empty() && !c.quoted))
    }
}

/// The first of `names` whose cell differs between two records, to name in
/// a conflict. Only called when the parsed values differ, so one does.
fn first_difference(cols: &Columns, rec: &Record, other: &Record, names: &[&str]) -> String {
    names
        .iter()
        .find(|name| {
            let k = cols.index.get(**name);
            k.map(|&k| rec.cells.get(k)) != k.map(|&k| other.cells.get(k))
        })
        .unwrap_or(&"stop_id")
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
fn parse_manifest_csv(text: &str) -> Result<Manifest, Vec<ImportProblem>> {
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
                    column: first_difference(&cols, &rec, first_rec, &MANIFEST_COLUMNS),
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
                        column: first_difference(&cols, &rec, first_rec, &STOP_COLUMNS),
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::fixtures;
    use super::*;
    use crate::model::validate::ManifestProblem;

    fn lines(csv: &str) -> Vec<&str> {
        csv.split("\r\n").collect()
    }

    #[test]
    fn starts_with_bom_and_header_and_ends_lines_with_crlf() {
        let csv = manifest_to_csv(&fixtures::simple());
        assert!(csv.starts_with("\u{FEFF}manifest_id,schema,generated_at,"));
        assert!(csv.ends_with("\r\n"));
        assert!(!csv.replace("\r\n", "").contains('\n'));
        // Header + one row per package + the empty string after the last CRLF.
        assert_eq!(lines(&csv).len(), 1 + 3 + 1);
        assert_eq!(
            lines(&csv)[0].trim_start_matches('\u{FEFF}'),
            COLUMNS.join(",")
        );
    }

    #[test]
    fn every_row_carries_manifest_and_stop_fields() {
        let csv = manifest_to_csv(&fixtures::simple());
        let rows = lines(&csv);
        assert_eq!(
            rows[2],
            "M-2026-11-25-D-1001,1,2026-11-25T06:00:00-08:00,D-1001,Alex Rivera,PDX4,\
             2026-11-25T07:00:00-08:00,2026-11-25T17:00:00-08:00,S-2,2,55 NE Broadway,,\
             Portland,OR,97214,45.5123,-122.6345,,,,,P-2,1ZP-2,Sam Lee,M,1.25,pending,false,"
        );
    }

    #[test]
    fn quotes_only_what_needs_quoting() {
        let csv = manifest_to_csv(&fixtures::hostile());
        // Comma and quote: quoted, quotes doubled.
        assert!(csv.contains(",\"Nguyễn Thị Zoë \"\"Zo\"\", Jr.\","));
        // Line breaks inside a field stay verbatim inside quotes.
        assert!(csv.contains(",\"line one\nline two\r\nline three\","));
        // Formula-looking text gets the guard; negative numbers do not.
        assert!(csv.contains(",'=SUM(A1),"));
        assert!(csv.contains(",\"'+PDX4, dock \"\"B\"\"\","));
        assert!(csv.contains(",-33.86882,151.20929,"));
        assert!(csv.contains(",-0.5,"));
        assert!(csv.contains(",'-0042,"));
        // Text already starting with ' before a formula character gets one more.
        assert!(csv.contains(",\"''=HYPERLINK(\"\"http://evil\"\")\","));
        // Present-but-empty optional text is a quoted empty cell.
        assert!(csv.contains(",Zürich <HQ> & Co,\"\",'-0042,"));
    }

    #[test]
    fn hostile_manifest_round_trips_exactly() {
        let m = fixtures::hostile();
        assert_eq!(crate::model::validate::validate(&m), vec![]);
        let csv = manifest_to_csv(&m);
        assert_eq!(manifest_from_csv(&csv), Ok(m));
    }

    #[test]
    fn large_demo_manifest_round_trips() {
        use crate::backend::demo::data::{demo_driver, manifest_for, ManifestSize};
        let m = manifest_for(&demo_driver(), 1_795_615_200_000, ManifestSize::LARGE);
        let m = accept(m).expect("demo manifest is valid");
        let csv = manifest_to_csv(&m);
        assert!(csv.len() < super::super::import::MAX_IMPORT_BYTES);
        assert_eq!(manifest_from_csv(&csv), Ok(m));
    }

    #[test]
    fn without_bom_and_with_lf_only_still_reads() {
        let m = fixtures::hostile();
        let csv = manifest_to_csv(&m);
        let csv = csv.trim_start_matches('\u{FEFF}');
        assert_eq!(manifest_from_csv(csv).as_ref(), Ok(&m));
        // LF line ends (as some editors save): only record ends change here,
        // so the quoted CRLF inside line2 is untouched.
        let lf: String = parse_records(csv, b',')
            .unwrap()
            .iter()
            .map(|r| {
                let mut s = String::new();
                let mut w = RowWriter {
                    out: &mut s,
                    first: true,
                };
                for c in &r.cells {
                    if c.quoted {
                        w.sep();
                        push_quoted(w.out, &c.text, true);
                    } else {
                        w.raw(&c.text);
                    }
                }
                s + "\n"
            })
            .collect();
        assert_eq!(manifest_from_csv(&lf), Ok(m));
    }

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let m = fixtures::simple();
        let csv = manifest_to_csv(&m);
        let recs = parse_records(csv.trim_start_matches('\u{FEFF}'), b',').unwrap();
        // Reverse every record's cells, add an unknown column, change header case.
        let mut out = String::new();
        for (k, r) in recs.iter().enumerate() {
            let mut cells: Vec<String> = r.cells.iter().rev().map(|c| c.text.clone()).collect();
            if k == 0 {
                cells = cells
                    .iter()
                    .map(|c| format!(" {} ", c.to_uppercase()))
                    .collect();
                cells.push("Driver's Comment".to_string());
            } else {
                cells.push("anything at all".to_string());
            }
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        assert_eq!(manifest_from_csv(&out), Ok(m));
    }

    #[test]
    fn rows_sorted_in_a_spreadsheet_still_group_by_stop() {
        let m = fixtures::simple();
        let csv = manifest_to_csv(&m);
        let mut rows = lines(&csv);
        rows.pop();
        // Data rows: P-1 (S-1), P-2 (S-2), P-3 (S-2). Put P-2 first.
        let reordered = [rows[0], rows[2], rows[1], rows[3]].join("\r\n");
        let back = manifest_from_csv(&reordered).unwrap();
        // accept() sorts by seq, so S-1 is first again; packages keep row order.
        assert_eq!(back, m);
    }

    #[test]
    fn semicolon_separated_with_decimal_comma_reads() {
        let m = fixtures::simple();
        let csv = manifest_to_csv(&m)
            .replace(',', ";")
            .replace("45.5123", "45,5123")
            .replace("-122.6345", "-122,6345")
            .replace("1.25", "1,25");
        assert_eq!(manifest_from_csv(&csv), Ok(m));
    }

    #[test]
    fn spreadsheet_style_booleans_are_accepted() {
        let mut m = fixtures::simple();
        m.stops[0].packages[0].signature_required = true;
        let csv = manifest_to_csv(&m)
            .replace(",true,", ",TRUE,")
            .replace(",false,", ",No,");
        assert_eq!(manifest_from_csv(&csv), Ok(m));
    }

    #[test]
    fn bad_number_names_line_and_column() {
        let csv = manifest_to_csv(&fixtures::simple()).replacen("45.5123", "abc", 1);
        let errs = manifest_from_csv(&csv).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::BadValue {
                line: 2,
                column: "lat".to_string(),
                value: "abc".to_string(),
                expected: Expected::Number,
            }]
        );
        assert_eq!(
            errs[0].to_string(),
            "line 2, column \"lat\": \"abc\" is not a number"
        );
    }

    #[test]
    fn line_numbers_count_line_breaks_inside_quotes() {
        let m = fixtures::hostile();
        // The first row (stop S-1) has two line breaks in line2 and a lone
        // CR starting the package notes (which editors also show as a line
        // break), so the next record starts on line 6, not line 3.
        let csv = manifest_to_csv(&m).replacen(",1,", ",one,", 1);
        let recs = parse_records(&csv, b',').unwrap();
        assert_eq!(
            recs.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![1, 2, 6, 7]
        );
        let errs = manifest_from_csv(&csv).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::BadValue {
                line: 2,
                column: "schema".to_string(),
                value: "one".to_string(),
                expected: Expected::WholeNumber,
            }]
        );
        // The last row's seq, on line 7 (it also conflicts with S-2's first row).
        let csv = manifest_to_csv(&m);
        let last = csv.rfind(",S-2,2,").unwrap();
        let csv = format!(
            "{}{}",
            &csv[..last],
            csv[last..].replacen(",S-2,2,", ",S-2,2x,", 1)
        );
        let errs = manifest_from_csv(&csv).unwrap_err();
        assert!(errs.contains(&ImportProblem::BadValue {
            line: 7,
            column: "seq".to_string(),
            value: "2x".to_string(),
            expected: Expected::WholeNumber,
        }));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let header = COLUMNS.join(",");
        let errs = manifest_from_csv(&format!("{header}\r\n\"unclosed,a,b\r\n")).unwrap_err();
        assert_eq!(errs, vec![ImportProblem::UnclosedQuote { line: 2 }]);
        let errs = manifest_from_csv(&format!("{header}\r\n\r\n\"a\"b,c\r\n")).unwrap_err();
        assert_eq!(errs, vec![ImportProblem::TextAfterQuote { line: 3 }]);
        let errs = manifest_from_csv(&format!("{header}\r\na,b,c\r\n")).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::CellCount {
                line: 2,
                found: 3,
                expected: 29
            }]
        );
        assert_eq!(
            manifest_from_csv(&format!("{header}\r\n,,,\r\n\r\n")).unwrap_err(),
            vec![ImportProblem::NoRows]
        );
    }

    #[test]
    fn missing_and_duplicate_columns_are_reported() {
        let errs = manifest_from_csv("manifest_id,lat,LAT\r\n").unwrap_err();
        assert_eq!(
            errs[0],
            ImportProblem::DuplicateColumn {
                column: "lat".to_string()
            }
        );
        assert!(errs.contains(&ImportProblem::MissingColumn {
            column: "stop_id".to_string()
        }));
        assert!(!errs.contains(&ImportProblem::MissingColumn {
            column: "manifest_id".to_string()
        }));
        // Optional columns may be left out.
        let m = fixtures::simple();
        let csv = manifest_to_csv(&m);
        let recs = parse_records(csv.trim_start_matches('\u{FEFF}'), b',').unwrap();
        let keep: Vec<usize> = (0..COLUMNS.len())
            .filter(|&k| {
                REQUIRED.contains(&COLUMNS[k])
                    || COLUMNS[k] == "region"
                    || COLUMNS[k] == "weight_kg"
            })
            .collect();
        let slim: String = recs
            .iter()
            .map(|r| {
                keep.iter()
                    .map(|&k| r.cells[k].text.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
                    + "\n"
            })
            .collect();
        assert_eq!(manifest_from_csv(&slim), Ok(m));
    }

    #[test]
    fn conflicting_rows_are_reported_not_merged() {
        let m = fixtures::simple();
        let csv = manifest_to_csv(&m);
        // The third package row (S-2, second package) names another city.
        let last = csv.rfind(",Portland,").unwrap();
        let edited = format!(
            "{}{}",
            &csv[..last],
            csv[last..].replacen(",Portland,", ",Salem,", 1)
        );
        let errs = manifest_from_csv(&edited).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::Conflict {
                line: 4,
                column: "city".to_string(),
                first_line: 3,
                stop_id: Some("S-2".to_string()),
            }]
        );
        // A second driver on a later row.
        let last = csv.rfind(",Alex Rivera,").unwrap();
        let edited = format!(
            "{}{}",
            &csv[..last],
            csv[last..].replacen(",Alex Rivera,", ",Sam Lee,", 1)
        );
        let errs = manifest_from_csv(&edited).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::Conflict {
                line: 4,
                column: "driver_name".to_string(),
                first_line: 2,
                stop_id: None,
            }]
        );
    }

    #[test]
    fn validator_problems_come_through() {
        let mut m = fixtures::simple();
        m.stops[1].lat = 95.0;
        let errs = manifest_from_csv(&manifest_to_csv(&m)).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportProblem::Manifest(
                ManifestProblem::CoordinatesOutOfRange {
                    stop_id: "S-2".to_string(),
                    lat: 95.0,
                    lng: -122.6345
                }
            )]
        );
        // A stop without packages survives the format, and is then refused.
        let mut m = fixtures::simple();
        m.stops[0].packages.clear();
        let csv = manifest_to_csv(&m);
        assert_eq!(parse_manifest_csv(&csv), Ok(m));
        assert_eq!(
            manifest_from_csv(&csv).unwrap_err(),
            vec![ImportProblem::Manifest(ManifestProblem::EmptyStop {
                stop_id: "S-1".to_string()
            })]
        );
    }

    #[test]
    fn guard_is_its_own_inverse_and_leaves_plain_text_alone() {
        for v in [
            "=1+1", "+1", "-1", "@x", "\tx", "\rx", "\nx", "＝1", "＋1", "－1", "＠x", "'\n=x",
            "'＝x", "'=x", "''-x", "'", "''", "'hello", "hello", "", "a=b", "a＝b",
        ] {
            let exported = if needs_guard(v) {
                format!("'{v}")
            } else {
                v.to_string()
            };
            assert_eq!(unguard(&exported), v, "{v:?}");
        }
        // A leading line feed and the full-width formula characters are
        // guarded like their ASCII forms.
        for v in [
            "\n=HYPERLINK(\"http://evil\")",
            "＝HYPERLINK(1)",
            "＋1",
            "－1",
            "＠SUM(A1)",
        ] {
            assert!(needs_guard(v), "{v:?}");
        }
        assert!(!needs_guard("a＝b"));
        // A hand-typed leading quote before ordinary text is kept.
        assert_eq!(unguard("'hello"), "'hello");
        assert_eq!(unguard("'=x"), "=x");
    }

    #[test]
    fn sniffs_header() {
        assert!(looks_like_csv("\u{FEFF}manifest_id,stop_id\r\n"));
        assert!(looks_like_csv("\"Stop_ID\";\"Lat\"\n1;2"));
        assert!(!looks_like_csv("name,phone\nSam,555"));
        assert!(!looks_like_csv("hello world"));
        assert_eq!(sniff_delimiter("a;b;c,d"), b';');
        assert_eq!(sniff_delimiter("a\tb"), b'\t');
        assert_eq!(sniff_delimiter("abc"), b',');
    }

    fn text() -> impl Strategy<Value = String> {
        // Weighted towards the characters that matter to CSV and spreadsheets.
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(vec![',', '"', '\r', '\n', '\'', '=', '+', '-', '@', '\t', ' ', ';', '＝', '＋', '－', '＠']),
                4 => any::<char>(),
                2 => prop::char::range('a', 'z'),
            ],
            0..12,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn opt_text() -> impl Strategy<Value = Option<String>> {
        prop::option::of(text())
    }

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>().prop_filter("NaN never compares equal", |v| !v.is_nan()),
            -180.0..180.0f64,
            Just(-0.0),
        ]
    }

    prop_compose! {
        fn package()(id in text(), tracking in text(), recipient in text(), size in text(),
                     weight_kg in prop::option::of(number()), status in text(),
                     signature_required in any::<bool>(), notes in opt_text()) -> Package {
            Package { id, tracking, recipient, size: PackageSize::parse(&size), weight_kg,
                      status: PackageStatus::parse(&status), signature_required, notes }
        }
    }

    prop_compose! {
        fn stop_strategy()(seq in any::<u32>(), line1 in text(), line2 in opt_text(), city in text(),
                           region in opt_text(), postcode in text(), lat in number(), lng in number(),
                           window in prop::option::of((text(), text())), notes in opt_text(),
                           access_code in opt_text(),
                           packages in prop::collection::vec(package(), 0..3)) -> Stop {
            Stop { id: String::new(), seq, address: Address { line1, line2, city, region, postcode },
                   lat, lng, window: window.map(|(start, end)| TimeWindow { start, end }),
                   notes, access_code, packages }
        }
    }

    prop_compose! {
        fn manifest()(schema in any::<u32>(), id in text(), generated_at in text(), driver_id in text(),
                      driver_name in text(), station in text(), start in text(), end in text(),
                      stops in prop::collection::vec(stop_strategy(), 1..4)) -> Manifest {
            let stops = stops.into_iter().enumerate().map(|(k, mut s)| {
                // Stop ids must differ for rows to group back into the same stops.
                s.id = format!("{k}{}", s.address.line1);
                s
            }).collect();
            Manifest { schema, id, generated_at, driver: DriverRef { id: driver_id, name: driver_name },
                       block: Block { station, start, end }, stops }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The format alone (no validation) is lossless for any text.
        #[test]
        fn any_manifest_round_trips_through_the_format(m in manifest()) {
            let csv = manifest_to_csv(&m);
            prop_assert_eq!(parse_manifest_csv(&csv), Ok(m));
        }

        #[test]
        fn import_never_panics(s in "\\PC*") {
            let _ = manifest_from_csv(&s);
            let _ = manifest_from_csv(&format!("{}\r\n{s}", COLUMNS.join(",")));
        }
    }
}
