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
                    Lang::Es => match self { $( $name::$key => $es, )+ },
                }
            }
        }

        impl $name {
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
