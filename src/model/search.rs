//! The manifest search box.
//!
//! Drivers type on a phone, often one-handed, often without the accents a
//! recipient's name was written with: "jose" must find "José", "nguyen"
//! must find "Nguyễn", and "4417" must find the package whose label ends in
//! 4417. Text is folded (lower case, accents removed) once, when the index is
//! built; a keystroke folds only the query and then scans the prebuilt text,
//! so it allocates nothing per package even on a 3,000-package route.
//!
//! Package statuses are deliberately *not* in the index: they change with
//! every mark the driver makes, while the text does not. The status filter
//! reads them from the manifest passed to [`search`], so marking a package
//! never requires rebuilding the index.

use super::manifest::{Manifest, PackageStatus, Stop};

/// Lower case with accents removed, for matching only (never for display).
///
/// Covers Latin-1 Supplement, Latin Extended-A, the Vietnamese letters, a
/// few Latin Extended-B letters (pinyin tones, Romanian ș/ț), and drops
/// combining marks U+0300–U+036F so decomposed text ("e" + U+0301) folds like
/// composed text. Letters outside the table are lower-cased and kept, so
/// Cyrillic, Greek or CJK names still match themselves.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appending to an existing buffer (the index builds one buffer
/// for the whole manifest this way).
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if is_combining(c) {
            continue;
        }
        // `to_lowercase` first, so the table only needs lower-case letters
        // (it can yield more than one char: 'İ' becomes "i" + U+0307, and the
        // combining dot is then dropped).
        for lc in c.to_lowercase() {
            if is_combining(lc) {
                continue;
            }
            match fold_lower(lc) {
                Some(s) => out.push_str(s),
                None => out.push(lc),
            }
        }
    }
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The ASCII spelling of one lower-case letter, if it has an accent to drop.
/// Ranges inside Latin Extended-A/B and the Vietnamese block alternate
/// upper/lower case, so each range covers both; only lower case reaches here.
fn fold_lower(c: char) -> Option<&'static str> {
    Some(match c {
        // Latin-1 Supplement.
        'à'..='å' | 'ª' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ð' => "d",
        'ñ' => "n",
        'ò'..='ö' | 'ø' | 'º' => "o",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        'ß' => "ss",
        // Latin Extended-A (U+0100–U+017F).
        '\u{0100}'..='\u{0105}' => "a",
        '\u{0106}'..='\u{010D}' => "c",
        '\u{010E}'..='\u{0111}' => "d", // ď, đ (Vietnamese đ too)
        '\u{0112}'..='\u{011B}' => "e",
        '\u{011C}'..='\u{0123}' => "g",
        '\u{0124}'..='\u{0127}' => "h",
        '\u{0128}'..='\u{0131}' => "i", // includes dotless ı
        '\u{0132}'..='\u{0133}' => "ij",
        '\u{0134}'..='\u{0135}' => "j",
        '\u{0136}'..='\u{0138}' => "k",
        '\u{0139}'..='\u{0142}' => "l", // includes ł
        '\u{0143}'..='\u{014B}' => "n",
        '\u{014C}'..='\u{0151}' => "o",
        '\u{0152}'..='\u{0153}' => "oe",
        '\u{0154}'..='\u{0159}' => "r",
        '\u{015A}'..='\u{0161}' => "s",
        '\u{0162}'..='\u{0167}' => "t",
        '\u{0168}'..='\u{0173}' => "u",
        '\u{0174}'..='\u{0175}' => "w",
        '\u{0176}'..='\u{0178}' => "y",
        '\u{0179}'..='\u{017E}' => "z",
        '\u{017F}' => "s", // long s
        // Latin Extended-B: Vietnamese horn letters, pinyin, Romanian.
        '\u{01A0}'..='\u{01A1}' => "o", // ơ
        '\u{01AF}'..='\u{01B0}' => "u", // ư
        '\u{01CD}'..='\u{01CE}' => "a",
        '\u{01CF}'..='\u{01D0}' => "i",
        '\u{01D1}'..='\u{01D2}' => "o",
        '\u{01D3}'..='\u{01DC}' => "u",
        '\u{0218}'..='\u{0219}' => "s", // ș
        '\u{021A}'..='\u{021B}' => "t", // ț
        // Vietnamese (Latin Extended Additional U+1EA0–U+1EF9).
        '\u{1EA0}'..='\u{1EB7}' => "a",
        '\u{1EB8}'..='\u{1EC7}' => "e",
        '\u{1EC8}'..='\u{1ECB}' => "i",
        '\u{1ECC}'..='\u{1EE3}' => "o",
        '\u{1EE4}'..='\u{1EF1}' => "u",
        '\u{1EF2}'..='\u{1EF9}' => "y",
        // Typographic apostrophes, so "O’Brien" and "O'Brien" match.
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => "'",
        _ => return None,
    })
}

/// Which packages the list shows, by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    #[default]
    All,
    /// Still to do: status `pending`.
    Remaining,
    Delivered,
    Attempted,
}

impl StatusFilter {
    pub const ALL: &'static [StatusFilter] = &[
        StatusFilter::All,
        StatusFilter::Remaining,
        StatusFilter::Delivered,
        StatusFilter::Attempted,
    ];

    /// Stable text for URLs and storage.
    pub fn key(self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::Remaining => "remaining",
            StatusFilter::Delivered => "delivered",
            StatusFilter::Attempted => "attempted",
        }
    }

    pub fn from_key(key: &str) -> Option<StatusFilter> {
        StatusFilter::ALL.iter().copied().find(|f| f.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "All",
            StatusFilter::Remaining => "Remaining",
            StatusFilter::Delivered => "Delivered",
            StatusFilter::Attempted => "Attempted",
        }
    }

    pub fn admits(self, status: &PackageStatus) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Remaining => *status == PackageStatus::Pending,
            StatusFilter::Delivered => *status == PackageStatus::Delivered,
            StatusFilter::Attempted => *status == PackageStatus::Attempted,
        }
    }
}

/// A byte range into [`SearchIndex::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct StopEntry {
    /// Folded address line 1, line 2 and stop notes.
    hay: Span,
    /// Range of this stop's packages in `packages`.
    first_package: usize,
    package_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct PackageEntry {
    /// Folded recipient and package notes.
    hay: Span,
    /// Folded tracking number with everything but letters and digits removed,
    /// so "1Z 999-AA1" and "1z999aa1" compare equal.
    tracking: Span,
    /// The last (up to) four digits of the tracking number, for labels that
    /// end in letters ("…4417US").
    tail_digits: Span,
}

/// Folded search text for one manifest, built once when the manifest arrives.
///
/// All text lives in one buffer; entries hold byte ranges into it. Stops and
/// packages are in the manifest's own order, so a result's indices address
/// the same manifest (with or without marks applied).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchIndex {
    text: String,
    stops: Vec<StopEntry>,
    packages: Vec<PackageEntry>,
    manifest_id: String,
}

// Separates fields inside a haystack. Query terms never contain whitespace
// (the query is split on it), so a term can never match across two fields.
const FIELD_SEP: char = '\n';

impl SearchIndex {
    pub fn build(m: &Manifest) -> SearchIndex {
        let mut index = SearchIndex {
            text: String::new(),
            stops: Vec::with_capacity(m.stops.len()),
            packages: Vec::with_capacity(m.package_count()),
            manifest_id: m.id.clone(),
        };
        for stop in &m.stops {
            index.add_stop(stop);
        }
        index
    }

    fn add_stop(&mut self, stop: &Stop) {
        let start = self.text.len();
        fold_into(&stop.address.line1, &mut self.text);
        for extra in [stop.address.line2.as_deref(), stop.notes.as_deref()]
            .into_iter()
            .flatten()
        {
            self.text.push(FIELD_SEP);
            fold_into(extra, &mut self.text);
        }
        let hay = Span {
            start,
            end: self.text.len(),
        };
        let first_package = self.packages.len();
        for p in &stop.packages {
            let start = self.text.len();
            fold_into(&p.recipient, &mut self.text);
            if let Some(notes) = p.notes.as_deref() {
                self.text.push(FIELD_SEP);
                fold_into(notes, &mut self.text);
            }
            let hay = Span {
                start,
                end: self.text.len(),
            };

            self.text.push(FIELD_SEP);
            let start = self.text.len();
            push_key(&fold(&p.tracking), &mut self.text);
            let tracking = Span {
                start,
                end: self.text.len(),
            };

            self.text.push(FIELD_SEP);
            let start = self.text.len();
            let digits: Vec<char> = p.tracking.chars().filter(char::is_ascii_digit).collect();
            self.text.extend(&digits[digits.len().saturating_sub(4)..]);
            let tail_digits = Span {
                start,
                end: self.text.len(),
            };
            self.text.push(FIELD_SEP);

            self.packages.push(PackageEntry {
                hay,
                tracking,
                tail_digits,
            });
        }
        self.stops.push(StopEntry {
            hay,
            first_package,
            package_count: stop.packages.len(),
        });
        self.text.push(FIELD_SEP);
    }

    /// Whether this index was built for this manifest's shape. The manifest
    /// may carry different statuses (marks applied); any other change (a new
    /// manifest from the server) needs a rebuild.
    pub fn is_for(&self, m: &Manifest) -> bool {
        m.id == self.manifest_id
            && m.stops.len() == self.stops.len()
            && m.stops
                .iter()
                .zip(&self.stops)
                .all(|(s, e)| s.packages.len() == e.package_count)
    }

    pub fn package_count(&self) -> usize {
        self.packages.len()
    }

    fn slice(&self, span: Span) -> &str {
        // Spans are only ever made from this buffer at char boundaries; the
        // fallback keeps a logic slip from becoming a crash in the field.
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// Appends only the letters and digits of already-folded text.
fn push_key(folded: &str, out: &mut String) {
    out.extend(folded.chars().filter(|c| c.is_alphanumeric()));
}

/// Stops and packages that matched, by index into the manifest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResult {
    /// (stop index, package indices within that stop), in route order. A stop
    /// appears only when at least one of its packages matched.
    pub matches: Vec<(usize, Vec<usize>)>,
    /// Matching packages in total.
    pub package_count: usize,
}

impl SearchResult {
    pub fn stop_count(&self) -> usize {
        self.matches.len()
    }

    pub fn is_empty(&self) -> bool {
        self.package_count == 0
    }
}

/// One word of the query, prepared once per keystroke.
struct Term {
    /// Folded word, matched as a substring of address, notes and recipient.
    text: String,
    /// Letters and digits only, for tracking numbers.
    key: String,
    /// Exactly four digits: "the last four of the label".
    last_four: bool,
    /// Five or more letters/digits: long enough to match anywhere in a
    /// tracking number without every label matching.
    long: bool,
}

impl Term {
    fn new(word: &str) -> Term {
        let mut key = String::new();
        push_key(word, &mut key);
        let key_chars = key.chars().count();
        Term {
            last_four: key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit()),
            long: key_chars >= 5,
            text: word.to_string(),
            key,
        }
    }

    fn matches_tracking(&self, tracking: &str, tail_digits: &str) -> bool {
        if self.key.is_empty() {
            return false;
        }
        self.key == tracking
            || (self.last_four && (tracking.ends_with(&self.key) || tail_digits == self.key))
            || (self.long && contains(tracking, &self.key))
    }
}

/// `hay.contains(needle)`, without building a two-way searcher per call:
/// a search runs this for every package on every keystroke, and with short
/// needles and short fields setting the searcher up cost more than the
/// scan. Bytes compare the same as characters here: both are UTF-8, and a
/// UTF-8 needle can only match at a character boundary.
pub fn contains(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if needle.len() > hay.len() {
        return false;
    }
    let last_start = hay.len() - needle.len();
    hay[..=last_start]
        .iter()
        .enumerate()
        .any(|(i, &b)| b == first && hay[i + 1..i + needle.len()] == *rest)
}

/// Packages matching every word of `query` and the status filter.
///
/// A word matches a package when it appears in the stop's address or notes,
/// the recipient or the package notes, or matches the tracking number (the
/// whole number, its last four digits, or any run of five or more
/// characters). Shorter fragments such as "12" deliberately do not match
/// tracking numbers: every label on the route contains "12" somewhere.
///
/// `manifest` supplies current statuses (marks applied) and must have the
/// shape the index was built from (see [`SearchIndex::is_for`]); stops or
/// packages the index does not know are skipped rather than guessed at.
pub fn search(
    index: &SearchIndex,
    manifest: &Manifest,
    query: &str,
    filter: StatusFilter,
) -> SearchResult {
    let folded = fold(query);
    let terms: Vec<Term> = folded.split_whitespace().map(Term::new).collect();
    // Which terms the current stop's own text satisfies; reused across stops.
    let mut stop_hits = vec![false; terms.len()];
    let mut result = SearchResult::default();

    for (stop_index, (entry, stop)) in index.stops.iter().zip(&manifest.stops).enumerate() {
        let stop_hay = index.slice(entry.hay);
        for (hit, term) in stop_hits.iter_mut().zip(&terms) {
            *hit = contains(stop_hay, &term.text);
        }
        let entries = index
            .packages
            .get(entry.first_package..entry.first_package + entry.package_count)
            .unwrap_or(&[]);
        let mut matched = Vec::new();
        for (package_index, (pe, package)) in entries.iter().zip(&stop.packages).enumerate() {
            if !filter.admits(&package.status) {
                continue;
            }
            let hay = index.slice(pe.hay);
            let tracking = index.slice(pe.tracking);
            let tail = index.slice(pe.tail_digits);
            let all = terms.iter().zip(&stop_hits).all(|(term, &stop_hit)| {
                stop_hit || contains(hay, &term.text) || term.matches_tracking(tracking, tail)
            });
            if all {
                matched.push(package_index);
            }
        }
        if !matched.is_empty() {
            result.package_count += matched.len();
            result.matches.push((stop_index, matched));
        }
    }
    result
}

#[cfg(test)]
mod tests;
