//! `catalogue!`: declares a catalogue with its English and Spanish text side
//! by side, in two parts: words (keys without placeholders) and sentences
//! (keys with typed placeholders).
//!
//! ```ignore
//! catalogue! {
//!     /// Words on the manifest screen.
//!     pub enum DriverText {
//!         Title => "Manifest" | "Manifiesto",
//!     }
//!     /// Its sentences, each with the values it names.
//!     pub enum DriverFill {
//!         NoMatch { query } => "No package matches “{query}”." | "Ningún paquete coincide con «{query}».",
//!         Packages { n } => "1 package" / "{n} packages" | "1 paquete" / "{n} paquetes",
//!     }
//! }
//! ```
//!
//! A sentence is a variant with one field per placeholder, so a missing or
//! misspelt value does not compile (`DriverFill::NoMatch { query: &q }`),
//! and the compiler also checks that each text uses exactly the
//! placeholders its key declares and that a word has none. A key with two
//! forms, `one / other`, is a count: the first form is used when `{n}` is 1.

/// One text of one catalogue, for the completeness tests.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub catalogue: &'static str,
    pub key: &'static str,
    pub en: &'static str,
    pub es: &'static str,
}

/// A catalogue's Spanish: its words, and each sentence's forms, by the
/// key's position.
#[derive(Debug, Clone, Copy)]
pub struct Spanish {
    pub words: &'static [&'static str],
    pub sentences: &'static [&'static [&'static str]],
}

/// What stands for "no such placeholder" in [`placeholder_mask`].
const UNKNOWN: u64 = u64::MAX;

const fn name_is(text: &[u8], start: usize, end: usize, name: &[u8]) -> bool {
    if end - start != name.len() {
        return false;
    }
    let mut i = 0;
    while i < name.len() {
        if text[start + i] != name[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Which of `names` a text's `{placeholders}` use, one bit each; [`UNKNOWN`]
/// if it uses one that is not among them. It reads placeholders exactly as
/// [`super::fill`] does: from a `{` to the next `}`.
pub const fn placeholder_mask(text: &str, names: &[&str]) -> u64 {
    let t = text.as_bytes();
    let mut used = 0u64;
    let mut i = 0;
    while i < t.len() {
        if t[i] != b'{' {
            i += 1;
            continue;
        }
        let mut close = i + 1;
        while close < t.len() && t[close] != b'}' {
            close += 1;
        }
        if close == t.len() {
            break;
        }
        let mut k = 0;
        let mut found = false;
        while k < names.len() {
            if name_is(t, i + 1, close, names[k].as_bytes()) {
                used |= 1 << k;
                found = true;
            }
            k += 1;
        }
        if !found {
            return UNKNOWN;
        }
        i = close + 1;
    }
    used
}

/// A word: no placeholders at all.
pub const fn is_word(text: &str) -> bool {
    placeholder_mask(text, &[]) == 0
}

/// A sentence's forms against the placeholders its key declares: one form
/// uses every name; of a count's two forms, the second uses every name and
/// the first no other (it may leave out `{n}`, "1 package"), and `n` is
/// declared.
pub const fn is_sentence(forms: &[&str], names: &[&str]) -> bool {
    if names.is_empty() || names.len() > 63 {
        return false;
    }
    let all = (1u64 << names.len()) - 1;
    match forms {
        [only] => placeholder_mask(only, names) == all,
        [one, other] => {
            let first = placeholder_mask(one, names);
            let mut declares_n = false;
            let mut k = 0;
            while k < names.len() {
                if name_is(names[k].as_bytes(), 0, names[k].len(), b"n") {
                    declares_n = true;
                }
                k += 1;
            }
            declares_n && first != UNKNOWN && placeholder_mask(other, names) == all
        }
        _ => false,
    }
}

macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$kmeta:meta])* $key:ident => $en:literal | $es:literal, )+
        }
        $(
            $(#[$fmeta:meta])*
            pub enum $fill:ident {
                $( $(#[$fkmeta:meta])* $fkey:ident { $($arg:ident),+ }
                    => $fen:literal $(/ $fen_other:literal)? | $fes:literal $(/ $fes_other:literal)?, )+
            }
        )?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$kmeta])* $key, )+
        }

        $(
            const _: () = assert!(
                $crate::model::i18n::macros::is_word($en)
                    && $crate::model::i18n::macros::is_word($es),
                concat!(stringify!($name), "::", stringify!($key),
                    " has a {{placeholder}}: declare it in the sentences")
            );
        )+

        impl $crate::model::i18n::Text for $name {
            fn text(self, lang: $crate::model::i18n::Lang) -> &'static str {
                use $crate::model::i18n::Lang;
                match lang {
                    Lang::En => match self { $( $name::$key => $en, )+ },
                    // A split build fetches the Spanish words with the
                    // second language's chunk (`install_spanish`); until
                    // they are in, English stands in rather than nothing.
                    Lang::Es => $name::spanish_words()
                        .map(|spanish| spanish.words[self as usize])
                        .unwrap_or_else(|| self.text(Lang::En)),
                }
            }
        }

        $(
            $(#[$fmeta])*
            #[derive(Clone, Copy)]
            pub enum $fill<'a> {
                $( $(#[$fkmeta])* $fkey { $($arg: &'a dyn $crate::model::i18n::Arg),+ }, )+
            }

            $(
                const _: () = assert!(
                    $crate::model::i18n::macros::is_sentence(
                        &[$fen $(, $fen_other)?], &[$(stringify!($arg)),+])
                        && $crate::model::i18n::macros::is_sentence(
                            &[$fes $(, $fes_other)?], &[$(stringify!($arg)),+]),
                    concat!(stringify!($fill), "::", stringify!($fkey),
                        ": its texts must use exactly the placeholders ",
                        $("{{", stringify!($arg), "}} ",)+ "(a count's first form may leave out {{n}})")
                );
            )+

            impl<'a> $fill<'a> {
                /// The key's place in the catalogue, which indexes its
                /// Spanish forms.
                fn position(&self) -> usize {
                    #[allow(non_camel_case_types, dead_code, clippy::enum_variant_names)]
                    enum Position { $( $fkey, )+ }
                    match self { $( $fill::$fkey { .. } => Position::$fkey as usize, )+ }
                }

                /// The key's form(s) in `lang`: one, or a count's two.
                fn forms(&self, lang: $crate::model::i18n::Lang) -> &'static [&'static str] {
                    use $crate::model::i18n::Lang;
                    match lang {
                        Lang::En => match self { $( $fill::$fkey { .. } => &[$fen $(, $fen_other)?], )+ },
                        Lang::Es => match $name::spanish_words() {
                            Some(spanish) => spanish.sentences[self.position()],
                            None => self.forms(Lang::En),
                        },
                    }
                }
            }

            impl<'a> $crate::model::i18n::Fill for $fill<'a> {
                fn fill(self, lang: $crate::model::i18n::Lang) -> String {
                    let forms = self.forms(lang);
                    match self {
                        $( $fill::$fkey { $($arg),+ } => $crate::model::i18n::fill_forms(
                            forms,
                            &[ $( (stringify!($arg), $arg) ),+ ],
                        ), )+
                    }
                }
            }

            /// Every sentence reads its own forms in both languages (the
            /// Spanish ones are looked up by the key's position).
            #[cfg(test)]
            #[test]
            fn every_sentence_reads_its_own_forms() {
                use $crate::model::i18n::Lang;
                $name::install_spanish();
                $(
                    let key = $fill::$fkey { $($arg: &""),+ };
                    assert_eq!(key.forms(Lang::En), &[$fen $(, $fen_other)?]);
                    assert_eq!(key.forms(Lang::Es), &[$fes $(, $fes_other)?]);
                )+
            }
        )?

        /// Every word reads its own text in both languages (the Spanish
        /// ones are looked up by the key's position).
        #[cfg(test)]
        #[test]
        fn every_key_reads_its_own_words() {
            use $crate::model::i18n::{Lang, Text};
            $name::install_spanish();
            $(
                assert_eq!($name::$key.text(Lang::En), $en);
                assert_eq!($name::$key.text(Lang::Es), $es);
            )+
        }

        impl $name {
            /// The Spanish text of every word and sentence, in key order.
            fn spanish() -> &'static $crate::model::i18n::macros::Spanish {
                &$crate::model::i18n::macros::Spanish {
                    words: &[ $( $es, )+ ],
                    sentences: &[ $( $( &[$fes $(, $fes_other)?], )+ )? ],
                }
            }

            #[cfg(not(feature = "split"))]
            fn spanish_words() -> Option<&'static $crate::model::i18n::macros::Spanish> {
                Some(Self::spanish())
            }

            #[cfg(feature = "split")]
            fn spanish_words() -> Option<&'static $crate::model::i18n::macros::Spanish> {
                Self::spanish_slot().get().copied()
            }

            #[cfg(feature = "split")]
            fn spanish_slot(
            ) -> &'static std::sync::OnceLock<&'static $crate::model::i18n::macros::Spanish> {
                static SLOT: std::sync::OnceLock<&'static $crate::model::i18n::macros::Spanish> =
                    std::sync::OnceLock::new();
                &SLOT
            }

            /// Whether the Spanish words are available.
            #[allow(dead_code)]
            pub(crate) fn spanish_ready() -> bool {
                Self::spanish_words().is_some()
            }

            /// Makes the Spanish words available. Only the second
            /// language's split point calls it, so in a split build the
            /// words (and this code) travel in that chunk.
            #[allow(dead_code)]
            pub(crate) fn install_spanish() {
                #[cfg(feature = "split")]
                let _ = Self::spanish_slot().set(Self::spanish());
            }

            /// Every key with both texts, for the completeness tests (a
            /// count's forms as `Key` and `Key (other)`).
            #[allow(dead_code)]
            pub fn entries() -> Vec<$crate::model::i18n::macros::Entry> {
                use $crate::model::i18n::macros::Entry;
                vec![
                    $( Entry {
                        catalogue: stringify!($name),
                        key: stringify!($key),
                        en: $en,
                        es: $es,
                    }, )+
                    $( $(
                        Entry {
                            catalogue: stringify!($fill),
                            key: stringify!($fkey),
                            en: $fen,
                            es: $fes,
                        },
                        $( Entry {
                            catalogue: stringify!($fill),
                            key: concat!(stringify!($fkey), " (other)"),
                            en: $fen_other,
                            es: $fes_other,
                        }, )?
                    )+ )?
                ]
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `catalogue!` asserts at compile time about each text.
    #[test]
    fn texts_must_use_exactly_the_placeholders_their_key_declares() {
        assert!(is_word("Manifest"));
        assert!(is_word("open { brace"));
        assert!(!is_word("Stop {seq}"));

        let query = &["query"];
        assert!(is_sentence(&["No package matches “{query}”."], query));
        // Misspelt, missing, or one more than declared.
        assert!(!is_sentence(&["No package matches “{qeury}”."], query));
        assert!(!is_sentence(&["No package matches."], query));
        assert!(!is_sentence(&["{query} at {stop}"], query));
        // A sentence declares at least one placeholder.
        assert!(!is_sentence(&["Manifest"], &[]));

        // A count: the first form may leave out {n}, the second may not,
        // and neither may name another placeholder.
        let n = &["n"];
        assert!(is_sentence(&["1 package", "{n} packages"], n));
        assert!(is_sentence(&["{n} package", "{n} packages"], n));
        assert!(!is_sentence(&["1 package", "many packages"], n));
        assert!(!is_sentence(&["1 {thing}", "{n} packages"], n));
        // A count is counted by {n}.
        assert!(!is_sentence(&["1 mark", "{m} marks"], &["m"]));
    }

    #[test]
    fn placeholders_are_read_as_fill_reads_them() {
        let names = &["a", "b"];
        assert_eq!(placeholder_mask("{b} then {a}", names), 0b11);
        assert_eq!(placeholder_mask("{b}{b}", names), 0b10);
        assert_eq!(placeholder_mask("no braces", names), 0);
        // An unclosed brace is text, as `fill` leaves it.
        assert_eq!(placeholder_mask("{a} and {", names), 0b01);
        assert_eq!(placeholder_mask("{c}", names), UNKNOWN);
    }
}
