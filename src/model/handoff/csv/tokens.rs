//! CSV text → records of cells (RFC 4180, with the separator the header
//! line uses), each with the line it starts on for error messages.

use crate::model::handoff::import::ImportProblem;

/// One CSV cell. `quoted` tells `""` (present, empty) from an empty cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) quoted: bool,
}

#[derive(Debug)]
pub(super) struct Record {
    /// 1-based line the record starts on.
    pub(super) line: usize,
    pub(super) cells: Vec<Cell>,
}

/// Splits CSV text into records (RFC 4180, with `delim` as separator).
/// Accepts CRLF, LF or lone CR line ends. A quote inside an unquoted cell is
/// kept as text (lenient, as spreadsheets are); text after a closing quote is
/// an error, since there is no right way to read it.
pub(super) fn parse_records(text: &str, delim: u8) -> Result<Vec<Record>, ImportProblem> {
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
pub(super) fn first_line(text: &str) -> &str {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let end = text.find(['\r', '\n']).unwrap_or(text.len());
    &text[..end]
}

/// The separator the header line uses: the most frequent of `,` `;` tab,
/// with comma winning ties (and when none appears: a one-column file).
pub(super) fn sniff_delimiter(header: &str) -> u8 {
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
