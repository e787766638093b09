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
//! - **Formula guard** ([`guard`]). A spreadsheet runs a cell starting with
//!   `=`, `+`, `-` or `@` (and some also tab, CR or LF, which it skips before
//!   looking, and some the full-width `＝ ＋ － ＠`, which an East Asian input
//!   method types and which Excel reads as their ASCII forms) as a formula,
//!   so a recipient named `=HYPERLINK(...)` would be code. Such *text* cells
//!   are written with a leading `'`, which spreadsheets treat as "this is
//!   text" and do not show. Import removes it again. To keep this lossless,
//!   text that already starts with quotes before one of those characters
//!   gets one more quote, and import removes exactly one, only in that same
//!   situation: `'=x` is written `''=x`, while `'hello` is left alone both
//!   ways. Number cells (`seq`, `lat`, `lng`, `weight_kg`) are never
//!   touched, so `-122.6` stays a number.
//! - Absent optional text is an empty cell; present-but-empty optional text
//!   is written as a quoted empty cell (`""`), which is valid RFC 4180, so
//!   the app's own round trip is exact. (A spreadsheet that rewrites `""` as
//!   an empty cell turns it into "absent", which the app treats the same.)
//! - A stop with no packages (invalid, but exportable) is one row whose
//!   package cells are all empty; real packages always have
//!   `signature_required` written as `true`/`false`, so the two never mix.
//! - Import also accepts `;` or tab as separator (what Excel writes in many
//!   European locales, found by [`tokens::sniff_delimiter`]), and then a
//!   decimal comma in number cells.
//!
//! The parts: [`write`] (manifest → text), [`tokens`] (text → records of
//! cells), [`read`] (records → manifest, then validation).
//!
//! Why a tokeniser of our own and not `csv-core`: it does not say whether a
//! cell was quoted, which is how `""` (present, empty) differs from an
//! empty cell (absent); and it reads an unclosed quote or text after a
//! closing quote without complaint, where an import must name the line.

mod guard;
mod read;
mod tokens;
mod write;

#[cfg(test)]
mod tests;

pub use read::{looks_like_csv, manifest_from_csv};
pub use write::manifest_to_csv;

/// What a column's value belongs to: the same on every row, on every row of
/// one stop, or the row's own package.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holds {
    Manifest,
    Stop,
    Package,
}

#[derive(Clone, Copy, Debug)]
struct Column {
    name: &'static str,
    holds: Holds,
    /// An import cannot do without it: every field that is not optional.
    /// `schema` (defaults to the current one), `signature_required`
    /// (defaults to false) and the optional text columns may be missing.
    required: bool,
}

const fn column(name: &'static str, holds: Holds, required: bool) -> Column {
    Column {
        name,
        holds,
        required,
    }
}

/// Every column, in the order they are written.
const COLUMNS: [Column; 29] = {
    use Holds::*;
    [
        column("manifest_id", Manifest, true),
        column("schema", Manifest, false),
        column("generated_at", Manifest, true),
        column("driver_id", Manifest, true),
        column("driver_name", Manifest, true),
        column("station", Manifest, true),
        column("block_start", Manifest, true),
        column("block_end", Manifest, true),
        // The stop's id is the key rows are grouped by.
        column("stop_id", Stop, true),
        column("seq", Stop, true),
        column("line1", Stop, true),
        column("line2", Stop, false),
        column("city", Stop, true),
        column("region", Stop, false),
        column("postcode", Stop, true),
        column("lat", Stop, true),
        column("lng", Stop, true),
        column("window_start", Stop, false),
        column("window_end", Stop, false),
        column("stop_notes", Stop, false),
        column("access_code", Stop, false),
        column("package_id", Package, true),
        column("tracking", Package, true),
        column("recipient", Package, true),
        column("size", Package, true),
        column("weight_kg", Package, false),
        column("status", Package, true),
        column("signature_required", Package, false),
        column("package_notes", Package, false),
    ]
};

/// The names of the columns that hold `what`, in file order.
fn holding(what: Holds) -> impl Iterator<Item = &'static str> {
    COLUMNS
        .iter()
        .filter(move |c| c.holds == what)
        .map(|c| c.name)
}

/// The names of the columns an import needs.
fn required() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().filter(|c| c.required).map(|c| c.name)
}
