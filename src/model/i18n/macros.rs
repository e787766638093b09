//! `catalogue!`: declares a catalogue of keys with their English and Spanish
//! text side by side.
//!
//! ```ignore
//! catalogue! {
//!     /// Words on the sign-in screen.
//!     pub enum SignInText {
//!         Title => "Sign in" | "Iniciar sesión",
//!     }
//! }
//! ```

/// One key of one catalogue, for the completeness tests.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub catalogue: &'static str,
    pub key: &'static str,
    pub en: &'static str,
    pub es: &'static str,
}

macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$kmeta:meta])* $key:ident => $en:literal | $es:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$kmeta])* $key, )+
        }

        impl $crate::model::i18n::Text for $name {
            fn text(self, lang: $crate::model::i18n::Lang) -> &'static str {
                use $crate::model::i18n::Lang;
                match lang {
                    Lang::En => match self { $( $name::$key => $en, )+ },
                    // A split build fetches the Spanish words with the
                    // second language's chunk (`install_spanish`); until
                    // they are in, English stands in rather than nothing.
                    Lang::Es => $name::spanish_words()
                        .map(|words| words[self as usize])
                        .unwrap_or_else(|| self.text(Lang::En)),
                }
            }
        }

        /// Every key reads its own words in both languages (the Spanish
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
            /// The Spanish text of every key, in key order.
            fn spanish() -> &'static [&'static str] {
                &[ $( $es, )+ ]
            }

            #[cfg(not(feature = "split"))]
            fn spanish_words() -> Option<&'static [&'static str]> {
                Some(Self::spanish())
            }

            #[cfg(feature = "split")]
            fn spanish_words() -> Option<&'static [&'static str]> {
                Self::spanish_slot().get().copied()
            }

            #[cfg(feature = "split")]
            fn spanish_slot() -> &'static std::sync::OnceLock<&'static [&'static str]> {
                static SLOT: std::sync::OnceLock<&'static [&'static str]> =
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

            /// Every key with both texts, for the completeness tests.
            #[allow(dead_code)]
            pub fn entries() -> Vec<$crate::model::i18n::macros::Entry> {
                vec![ $( $crate::model::i18n::macros::Entry {
                    catalogue: stringify!($name),
                    key: stringify!($key),
                    en: $en,
                    es: $es,
                }, )+ ]
            }
        }
    };
}
