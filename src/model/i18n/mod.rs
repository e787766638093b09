//! The translation layer: every sentence a driver or dispatcher reads comes
//! from a catalogue here, in English and Spanish.
//!
//! Each catalogue is declared with [`catalogue!`], which takes the English
//! and the Spanish text side by side: an enum of words, and an enum of
//! sentences whose variants carry one field per `{placeholder}`. So a key
//! cannot exist in one language only, and a placeholder cannot be misspelt,
//! left out or given no value: the compiler refuses it. The tests below go
//! further (no empty text, Spanish that was actually translated). Pure data and string filling only: the browser's
//! `Intl` formatting of numbers, distances and times lives in the platform
//! layer, and the UI picks the language from its context.

#[macro_use]
pub mod macros;
pub mod catalogues;

/// A language Roadbook ships complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag given to `Intl` and written in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, for the switcher ("Español").
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// Reads a saved choice or a single tag ("es", "es-MX", "EN_us").
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages we have, else English.
    pub fn negotiate<S: AsRef<str>>(preferred: &[S]) -> Lang {
        preferred
            .iter()
            .find_map(|t| Lang::parse(t.as_ref()))
            .unwrap_or_default()
    }
}

/// A key of a catalogue: its text in a language.
pub trait Text: Copy {
    fn text(self, lang: Lang) -> &'static str;
}

/// Whether text can reorder what is around it when shown: bidi controls
/// (U+202A-202E overrides and embeddings, U+2066-2069 isolates, U+200E/F
/// marks) or right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko...).
fn is_bidi_sensitive(c: char) -> bool {
    matches!(c,
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// Text from outside (a name, an address, a station) as a Unicode isolate,
/// FSI ... PDI, when it holds anything that could reorder the text around
/// it: a recipient called "\u{202E}evil" then reverses only itself, not the
/// sentence it sits in. Plain text is returned as is. A PDI in the value
/// that closes nothing it opened is dropped, so it cannot end the isolate
/// early and let an override after it leak out. The plain-text twin of
/// `<bdi>` and of the CSS `unicode-bidi: isolate` on the elements.
pub fn isolate(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.chars().any(is_bidi_sensitive) {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    out.push('\u{2068}');
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' if depth == 0 => continue,
            '\u{2069}' => depth -= 1,
            _ => {}
        }
        out.push(c);
    }
    out.push('\u{2069}');
    std::borrow::Cow::Owned(out)
}

/// Fills `{name}` placeholders. Unknown placeholders stay as they are, so a
/// mistake shows up on screen and in the tests rather than vanishing.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&isolate(value)),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A sentence of a catalogue (a key with placeholders, declared in the
/// second part of a [`catalogue!`]): its text in a language, filled with the
/// values the key carries.
///
/// The values are the variant's fields, so a complete sentence compiles:
/// ```
/// use roadbook::model::i18n::{catalogues::DriverFill, Fill, Lang};
/// let words = DriverFill::NoMatch { query: &"4411" }.fill(Lang::En);
/// assert_eq!(words, "No package matches “4411”.");
/// ```
/// and a misspelt or a missing value does not:
/// ```compile_fail
/// use roadbook::model::i18n::{catalogues::DriverFill, Fill, Lang};
/// let words = DriverFill::NoMatch { qeury: &"4411" }.fill(Lang::En);
/// ```
/// ```compile_fail
/// use roadbook::model::i18n::{catalogues::DriverFill, Fill, Lang};
/// let words = DriverFill::NoMatch {}.fill(Lang::En);
/// ```
pub trait Fill: Copy {
    fn fill(self, lang: Lang) -> String;
}

/// A value for a placeholder: anything shown as text. Outside text is
/// isolated when filled (see [`isolate`]).
pub trait Arg: std::fmt::Display {
    /// Whether the value is the number one, which picks a count's first
    /// form ("1 package").
    fn is_one(&self) -> bool {
        false
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn is_one(&self) -> bool {
        (**self).is_one()
    }
}
impl Arg for str {}
impl Arg for String {}
impl Arg for std::borrow::Cow<'_, str> {}
impl Arg for char {}
impl Arg for f64 {}

macro_rules! counted_args {
    ($($t:ty),+) => {
        $( impl Arg for $t {
            fn is_one(&self) -> bool {
                *self == 1
            }
        } )+
    };
}
counted_args!(u8, u16, u32, u64, usize, i32, i64);

/// Fills a sentence: of a count's two forms, the first when `n` is one.
pub fn fill_forms(forms: &[&str], args: &[(&str, &dyn Arg)]) -> String {
    let template = match forms {
        [one, other] => {
            let is_one = args.iter().any(|(name, v)| *name == "n" && v.is_one());
            if is_one {
                one
            } else {
                other
            }
        }
        [only, ..] => only,
        [] => "",
    };
    let values: Vec<(&str, String)> = args
        .iter()
        .map(|(name, value)| (*name, value.to_string()))
        .collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fill(template, &pairs)
}

/// Stands for a value the screen renders itself (a link, a number in bold)
/// when a sentence is filled: [`around_mark`] then gives the words on each
/// side, so the sentence stays whole in the catalogue and the screen puts
/// its element where the language puts the value. U+FFFC is Unicode's
/// "object replacement character", which no catalogue text contains.
pub const MARK: &str = "\u{FFFC}";

/// The words before and after [`MARK`] in a filled sentence (all of it
/// before, when the mark is missing).
pub fn around_mark(text: &str) -> (String, String) {
    match text.split_once(MARK) {
        Some((before, after)) => (before.to_string(), after.to_string()),
        None => (text.to_string(), String::new()),
    }
}

/// For tests: a message (`describe`, in a language) reads `en` in English
/// and `es` in Spanish.
#[cfg(test)]
pub fn assert_reads(describe: impl Fn(Lang) -> String, en: &str, es: &str) {
    assert_eq!(describe(Lang::En), en);
    assert_eq!(describe(Lang::Es), es);
}

/// For tests of what reaches the screen: the words of `en` (the English
/// rendering of a message) that are still in `es` (its Spanish rendering).
/// Empty means the Spanish says it in Spanish. Words shorter than three
/// letters, numbers and names that read the same in both (JSON, HTTP,
/// Roadbook, KB) do not count; data quoted in both (an id) should be
/// left out of the values the test uses, or removed from `es` first.
#[cfg(test)]
pub fn english_left_in(en: &str, es: &str) -> Vec<String> {
    const SAME: &[&str] = &["json", "http", "roadbook", "csv", "gpx", "utf", "bytes"];
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .filter(|w| !SAME.contains(&w.as_str()))
            .collect()
    };
    let spanish = words(es);
    let mut left: Vec<String> = words(en)
        .into_iter()
        .filter(|w| spanish.contains(w))
        .collect();
    left.dedup();
    left
}

/// The `{names}` in a text, in order, for the completeness test.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names.sort_unstable();
    names
}

#[cfg(test)]
mod bidi_tests {
    use super::*;

    #[test]
    fn outside_text_with_bidi_controls_is_isolated_in_sentences() {
        assert_eq!(fill("{a} · saved", &[("a", "Alex")]), "Alex · saved");
        assert_eq!(
            fill("{a} · saved", &[("a", "\u{202E}evil")]),
            "\u{2068}\u{202E}evil\u{2069} · saved"
        );
        assert_eq!(
            fill("to {a}.", &[("a", "שלום")]),
            "to \u{2068}שלום\u{2069}."
        );
        // A stray PDI cannot close the isolate early; balanced ones stay.
        assert_eq!(
            isolate("\u{2069}\u{202E}x\u{2067}y\u{2069}"),
            "\u{2068}\u{202E}x\u{2067}y\u{2069}\u{2069}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::catalogues::every_entry;
    use super::*;

    #[test]
    fn negotiates_the_first_language_we_have() {
        assert_eq!(Lang::negotiate(&["fr-FR", "es-MX", "en"]), Lang::Es);
        assert_eq!(Lang::negotiate(&["en-GB", "es"]), Lang::En);
        assert_eq!(Lang::negotiate(&["de", "fr"]), Lang::En);
        assert_eq!(Lang::negotiate::<&str>(&[]), Lang::En);
        assert_eq!(Lang::parse("ES_us"), Some(Lang::Es));
        assert_eq!(Lang::parse("  "), None);
        assert_eq!(Lang::parse("esperanto"), None);
    }

    #[test]
    fn fills_placeholders_and_keeps_unknown_ones_visible() {
        assert_eq!(
            fill("{n} of {total}", &[("n", "3"), ("total", "9")]),
            "3 of 9"
        );
        assert_eq!(fill("{missing} here", &[]), "{missing} here");
        assert_eq!(fill("open { brace", &[("x", "y")]), "open { brace");
        assert_eq!(fill("", &[]), "");
        // A value that looks like a placeholder is not filled again.
        assert_eq!(fill("{a}{b}", &[("a", "{b}"), ("b", "B")]), "{b}B");
    }

    /// The key-completeness test: every key of every catalogue has English
    /// and Spanish text, both non-empty, with the same placeholders, and the
    /// Spanish is a translation (identical only for names and formats).
    #[test]
    fn every_key_is_complete_in_every_language() {
        let entries = every_entry();
        assert!(
            entries.len() > 100,
            "catalogues look truncated: {}",
            entries.len()
        );
        let mut problems = Vec::new();
        for e in &entries {
            for (lang, text) in [("en", e.en), ("es", e.es)] {
                if text.trim().is_empty() {
                    problems.push(format!("{}::{} is empty in {lang}", e.catalogue, e.key));
                }
                if text != text.trim() && !e.key.ends_with("Sep") {
                    problems.push(format!(
                        "{}::{} has stray spaces in {lang}",
                        e.catalogue, e.key
                    ));
                }
            }
            if placeholders(e.en) != placeholders(e.es) {
                problems.push(format!(
                    "{}::{} placeholders differ: {:?} vs {:?}",
                    e.catalogue,
                    e.key,
                    placeholders(e.en),
                    placeholders(e.es)
                ));
            }
            if e.en == e.es && !same_in_both_is_fine(e.en) {
                problems.push(format!(
                    "{}::{} is not translated: {:?}",
                    e.catalogue, e.key, e.en
                ));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Brand names, formats, units and placeholders read the same in
    /// Spanish; any other word means the key was not translated.
    fn same_in_both_is_fine(text: &str) -> bool {
        const SAME: &[&str] = &[
            "Roadbook", "Google", "Maps", "Apple", "Waze", "CSV", "GPX", "JSON", "geo", "OK",
            "Total", "min", "h", "d", "km", "m", "ID", "N", "NE", "E", "SE", "S", "HTTP",
        ];
        let mut stripped = String::new();
        let mut depth = 0;
        for c in text.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 => stripped.push(c),
                _ => {}
            }
        }
        stripped
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().any(char::is_alphabetic))
            .all(|w| SAME.contains(&w))
    }

    #[test]
    fn keys_are_unique_per_catalogue() {
        let entries = every_entry();
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            assert!(
                seen.insert((e.catalogue, e.key)),
                "duplicate {}::{}",
                e.catalogue,
                e.key
            );
        }
    }
}
