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
mod tests {
    use super::*;

    #[test]
    fn contains_agrees_with_the_standard_library() {
        let hays = [
            "",
            "a",
            "abc",
            "ababc",
            "straße 12",
            "nguyễn",
            "4821 4821",
            "ab",
        ];
        let needles = [
            "", "a", "b", "c", "abc", "bab", "ß", "ße", "ễ", "yễn", "821 ", "abcd", "x",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(contains(h, n), h.contains(n), "{h:?} contains {n:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn contains_is_str_contains(hay in "[ab ßễ4]{0,12}", needle in "[ab ßễ4]{0,4}") {
            proptest::prop_assert_eq!(contains(&hay, &needle), hay.contains(needle.as_str()));
        }
    }

    #[test]
    fn folds_accents_and_case_across_scripts() {
        assert_eq!(fold("Nguyễn Thị Zoë"), "nguyen thi zoe");
        assert_eq!(
            fold("ŁÓDŹ Straße ÆSIR Œuvre Ĳssel İstanbul"),
            "lodz strasse aesir oeuvre ijssel istanbul"
        );
        assert_eq!(fold("Phở Đà Nẵng Ưu"), "pho da nang uu");
        assert_eq!(fold("ΣΟΦΙΑ 5×3"), "σοφια 5×3");
        assert_eq!(fold("Ñúñez ÿ"), "nunez y");
    }

    #[test]
    fn folding_table_spot_checks() {
        for (c, want) in [
            ('Ā', 'a'),
            ('č', 'c'),
            ('đ', 'd'),
            ('ě', 'e'),
            ('ģ', 'g'),
            ('ħ', 'h'),
            ('ı', 'i'),
            ('ĵ', 'j'),
            ('ĸ', 'k'),
            ('ł', 'l'),
            ('ŋ', 'n'),
            ('ő', 'o'),
            ('ř', 'r'),
            ('š', 's'),
            ('ŧ', 't'),
            ('ų', 'u'),
            ('ŵ', 'w'),
            ('Ÿ', 'y'),
            ('ž', 'z'),
            ('ſ', 's'),
        ] {
            assert_eq!(fold(&c.to_string()), want.to_string(), "{c}");
        }
    }

    use crate::model::manifest::{
        Address, Block, DriverRef, Package, PackageSize, MANIFEST_SCHEMA,
    };

    fn package(id: &str, tracking: &str, recipient: &str, notes: Option<&str>) -> Package {
        Package {
            id: id.to_string(),
            tracking: tracking.to_string(),
            recipient: recipient.to_string(),
            size: PackageSize::M,
            weight_kg: None,
            status: PackageStatus::Pending,
            signature_required: false,
            notes: notes.map(str::to_string),
        }
    }

    fn stop(seq: u32, line1: &str, notes: Option<&str>, packages: Vec<Package>) -> Stop {
        Stop {
            id: format!("S{seq}"),
            seq,
            address: Address {
                line1: line1.to_string(),
                line2: None,
                city: "Portland".into(),
                region: Some("OR".into()),
                postcode: "97214".into(),
            },
            lat: 45.5,
            lng: -122.6,
            window: None,
            notes: notes.map(str::to_string),
            access_code: Some("#4417".into()),
            packages,
        }
    }

    fn manifest() -> Manifest {
        Manifest {
            schema: MANIFEST_SCHEMA,
            id: "M-1".into(),
            generated_at: "2026-11-25T06:00:00-08:00".into(),
            driver: DriverRef {
                id: "D".into(),
                name: "Alex".into(),
            },
            block: Block {
                station: "PDX7".into(),
                start: "2026-11-25T07:00:00-08:00".into(),
                end: "2026-11-25T17:00:00-08:00".into(),
            },
            stops: vec![
                stop(
                    1,
                    "3512 SE Hawthorne Blvd",
                    Some("Dog in yard"),
                    vec![
                        package("P1", "RB1234560042", "José García", None),
                        package("P2", "RB9876544417", "Nguyễn Thị Lan", Some("Fragile")),
                    ],
                ),
                stop(
                    2,
                    "4417 SE Division St",
                    None,
                    vec![package(
                        "P3",
                        "1Z 999 AA1 01 2345 6784",
                        "Søren Løvland",
                        None,
                    )],
                ),
                stop(
                    3,
                    "2200 SE Clinton St",
                    Some("Side door"),
                    vec![
                        package("P4", "RB5555550001", "Chloé Dubois", Some("Perishable")),
                        package("P5", "RB5555550002", "Hannah Schäfer", None),
                        package("P6", "TBA00077US", "Ana Ibáñez", None),
                    ],
                ),
            ],
        }
    }

    fn ids(m: &Manifest, r: &SearchResult) -> Vec<String> {
        r.matches
            .iter()
            .flat_map(|(s, ps)| ps.iter().map(move |&p| m.stops[*s].packages[p].id.clone()))
            .collect()
    }

    fn find(m: &Manifest, q: &str, f: StatusFilter) -> Vec<String> {
        let index = SearchIndex::build(m);
        let r = search(&index, m, q, f);
        assert_eq!(
            r.package_count,
            r.matches.iter().map(|(_, p)| p.len()).sum::<usize>()
        );
        ids(m, &r)
    }

    #[test]
    fn folds_accents_case_and_decomposed_marks() {
        assert_eq!(fold("José GARCÍA"), "jose garcia");
        assert_eq!(fold("Nguyễn Thị Đạt"), "nguyen thi dat");
        assert_eq!(fold("Søren Løvland"), "soren lovland");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Æsir Œuvre"), "aesir oeuvre");
        assert_eq!(fold("Ñandú"), "nandu");
        assert_eq!(fold("Łódź Šťastný"), "lodz stastny");
        assert_eq!(fold("Trần Hưng Đạo, Ngõ Phố"), "tran hung dao, ngo pho");
        // Decomposed: e + COMBINING ACUTE, n + COMBINING TILDE.
        assert_eq!(fold("Jose\u{0301} Pen\u{0303}a"), "jose pena");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("O\u{2019}Brien"), "o'brien");
        // Outside the table: lower-cased, kept.
        assert_eq!(fold("Москва 東京"), "москва 東京");
    }

    #[test]
    fn every_vietnamese_vowel_folds_to_ascii() {
        for c in ('\u{1EA0}'..='\u{1EF9}').chain("ăâđêôơưĂÂĐÊÔƠƯ".chars()) {
            let f = fold(&c.to_string());
            assert!(f.is_ascii() && f.len() == 1, "{c:?} folded to {f:?}");
        }
    }

    #[test]
    fn every_latin1_and_extended_a_letter_folds_to_ascii() {
        let letters = ('\u{00C0}'..='\u{00FF}')
            .chain('\u{0100}'..='\u{017F}')
            .filter(|c| c.is_alphabetic());
        for c in letters {
            let f = fold(&c.to_string());
            assert!(f.is_ascii() && !f.is_empty(), "{c:?} folded to {f:?}");
        }
    }

    #[test]
    fn empty_query_and_all_is_everything_grouped_by_stop() {
        let m = manifest();
        let index = SearchIndex::build(&m);
        let r = search(&index, &m, "   ", StatusFilter::All);
        assert_eq!(r.package_count, 6);
        assert_eq!(
            r.matches,
            vec![(0, vec![0, 1]), (1, vec![0]), (2, vec![0, 1, 2])]
        );
    }

    #[test]
    fn accent_free_query_finds_accented_names() {
        let m = manifest();
        assert_eq!(find(&m, "jose", StatusFilter::All), ["P1"]);
        assert_eq!(find(&m, "NGUYEN", StatusFilter::All), ["P2"]);
        assert_eq!(find(&m, "soren", StatusFilter::All), ["P3"]);
        assert_eq!(find(&m, "schafer", StatusFilter::All), ["P5"]);
        // And the other way round: an accented query finds the same.
        assert_eq!(find(&m, "Nguyễn", StatusFilter::All), ["P2"]);
        assert_eq!(find(&m, "ibañez", StatusFilter::All), ["P6"]);
    }

    #[test]
    fn last_four_digits_match_the_end_of_the_tracking_number() {
        let m = manifest();
        // P2 ends in 4417; stop 2's address also contains 4417 (a house
        // number is a fair thing to search for). The gate code is not indexed.
        assert_eq!(find(&m, "4417", StatusFilter::All), ["P2", "P3"]);
        assert_eq!(find(&m, "0042", StatusFilter::All), ["P1"]);
        // Four digits in the middle of a label are not "the last four".
        assert_eq!(find(&m, "9876", StatusFilter::All), Vec::<String>::new());
        // Label ending in letters: the last four digits still count.
        assert_eq!(find(&m, "0077", StatusFilter::All), ["P6"]);
        // Spaced UPS-style label.
        assert_eq!(find(&m, "6784", StatusFilter::All), ["P3"]);
        assert_eq!(find(&m, "#6784", StatusFilter::All), ["P3"]);
    }

    #[test]
    fn tracking_matches_whole_or_five_plus_characters() {
        let m = manifest();
        assert_eq!(find(&m, "rb1234560042", StatusFilter::All), ["P1"]);
        assert_eq!(find(&m, "1z999aa1", StatusFilter::All), ["P3"]);
        assert_eq!(find(&m, "1Z 999", StatusFilter::All), Vec::<String>::new());
        assert_eq!(find(&m, "1Z-999-AA1", StatusFilter::All), ["P3"]);
        assert_eq!(find(&m, "55555", StatusFilter::All), ["P4", "P5"]);
        assert_eq!(find(&m, "5555550002", StatusFilter::All), ["P5"]);
        assert_eq!(find(&m, "TBA00077US", StatusFilter::All), ["P6"]);
        // Short fragments do not match labels ("rb" is in most of them).
        assert_eq!(find(&m, "rb", StatusFilter::All), Vec::<String>::new());
        assert_eq!(find(&m, "555", StatusFilter::All), Vec::<String>::new());
    }

    #[test]
    fn all_words_must_match_across_fields() {
        let m = manifest();
        // Street (stop) + recipient (package).
        assert_eq!(find(&m, "clinton chloe", StatusFilter::All), ["P4"]);
        assert_eq!(find(&m, "clinton", StatusFilter::All), ["P4", "P5", "P6"]);
        // Stop notes apply to every package at the stop.
        assert_eq!(find(&m, "dog", StatusFilter::All), ["P1", "P2"]);
        // Package notes apply to that package only.
        assert_eq!(find(&m, "fragile", StatusFilter::All), ["P2"]);
        assert_eq!(find(&m, "hawthorne fragile", StatusFilter::All), ["P2"]);
        assert_eq!(
            find(&m, "hawthorne perishable", StatusFilter::All),
            Vec::<String>::new()
        );
        assert_eq!(find(&m, "clinton 0001", StatusFilter::All), ["P4"]);
    }

    #[test]
    fn a_word_does_not_match_across_two_fields() {
        let m = manifest();
        // "blvd" ends line 1 and "dog" starts the notes.
        assert_eq!(find(&m, "blvddog", StatusFilter::All), Vec::<String>::new());
    }

    #[test]
    fn status_filter_reads_statuses_from_the_manifest_given() {
        let m = manifest();
        let index = SearchIndex::build(&m);
        let mut marked = m.clone();
        marked.stops[0].packages[0].status = PackageStatus::Delivered;
        marked.stops[2].packages[1].status = PackageStatus::Attempted;
        marked.stops[2].packages[2].status = PackageStatus::Returned;
        assert!(index.is_for(&marked));

        let r = search(&index, &marked, "", StatusFilter::Remaining);
        assert_eq!(ids(&marked, &r), ["P2", "P3", "P4"]);
        let r = search(&index, &marked, "", StatusFilter::Delivered);
        assert_eq!(r.matches, vec![(0, vec![0])]);
        let r = search(&index, &marked, "", StatusFilter::Attempted);
        assert_eq!(r.matches, vec![(2, vec![1])]);
        // Returned is only under All.
        let r = search(&index, &marked, "ibanez", StatusFilter::All);
        assert_eq!(r.package_count, 1);
        // Query and filter combine.
        let r = search(&index, &marked, "clinton", StatusFilter::Remaining);
        assert_eq!(ids(&marked, &r), ["P4"]);
    }

    #[test]
    fn stale_index_never_panics() {
        let m = manifest();
        let index = SearchIndex::build(&m);
        let mut other = m.clone();
        other.stops.truncate(1);
        other.stops[0].packages.truncate(1);
        assert!(!index.is_for(&other));
        let r = search(&index, &other, "", StatusFilter::All);
        assert_eq!(r.matches, vec![(0, vec![0])]);
        let empty = SearchIndex::default();
        assert!(search(&empty, &m, "", StatusFilter::All).is_empty());
    }

    #[test]
    fn filter_keys_round_trip() {
        for f in StatusFilter::ALL {
            assert_eq!(StatusFilter::from_key(f.key()), Some(*f));
        }
        assert_eq!(StatusFilter::from_key("nope"), None);
    }

    #[test]
    fn large_route_search_is_correct() {
        use crate::backend::demo::data::{demo_driver, manifest_for, ManifestSize};
        let m = manifest_for(&demo_driver(), 1_795_600_000_000, ManifestSize::LARGE);
        assert_eq!(m.package_count(), 3_000);
        let index = SearchIndex::build(&m);
        assert!(index.is_for(&m));
        assert_eq!(index.package_count(), 3_000);
        assert_eq!(
            search(&index, &m, "", StatusFilter::All).package_count,
            3_000
        );

        // Every package is found by its own full tracking number and by its
        // last four digits (possibly with others sharing them).
        for (si, stop) in m.stops.iter().enumerate().step_by(37) {
            for (pi, p) in stop.packages.iter().enumerate() {
                let r = search(&index, &m, &p.tracking, StatusFilter::All);
                assert!(r.matches.iter().any(|(s, ps)| *s == si && ps.contains(&pi)));
                let last4 = &p.tracking[p.tracking.len() - 4..];
                let r = search(&index, &m, last4, StatusFilter::All);
                assert!(r.matches.iter().any(|(s, ps)| *s == si && ps.contains(&pi)));
            }
        }
        // Accent-free search over the whole route matches the accented names.
        let r = search(&index, &m, "garcia", StatusFilter::All);
        let expected = m
            .packages()
            .filter(|(_, p)| p.recipient.contains("García"))
            .count();
        assert!(expected > 0);
        assert_eq!(r.package_count, expected);
    }
}
