//! The language the app speaks, as a context every component reads.
//!
//! It starts from the driver's own choice (remembered on this phone), else
//! the browser's preferred languages. A switch re-renders the screens (the
//! app root keys its view on the language), so components read their words
//! once when they are built rather than tracking the language everywhere.

use leptos::prelude::*;

use crate::model::i18n::catalogues::{install_spanish, spanish_ready};
use crate::model::i18n::{Fill, Lang, Text};
use crate::model::storage_keys::LOCALE;
use crate::platform::intl;
use crate::platform::split::PartMissing;
use crate::platform::storage;
use crate::{later, split_point};

// The second language's words are a chunk of their own: an English-speaking
// driver never downloads the Spanish ones.
split_point!(
    spanish,
    fn spanish_part() -> Result<(), PartMissing> {
        install_spanish();
        Ok(())
    }
);

/// Fetches `lang`'s words if they are not in yet. False when they could not
/// be fetched (the app then stays in English and says why).
pub async fn load_words(lang: Lang) -> bool {
    match lang {
        Lang::En => true,
        Lang::Es if spanish_ready() => true,
        Lang::Es => later!(spanish_part()).is_ok(),
    }
}

/// The language to start in: the saved choice, else the browser's
/// languages, else English.
pub fn preferred() -> Lang {
    storage::get(&LOCALE)
        .ok()
        .flatten()
        .and_then(|t| Lang::parse(&t))
        .unwrap_or_else(|| Lang::negotiate(&intl::preferred_languages()))
}

#[derive(Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

impl Locale {
    /// The [`preferred`] language, if its words are in (`ui::start` fetches
    /// them before mounting); else English.
    pub fn detect() -> Self {
        let lang = match preferred() {
            Lang::Es if !spanish_ready() => Lang::En,
            lang => lang,
        };
        set_document_lang(lang);
        Locale(RwSignal::new(lang))
    }

    /// Switches language and remembers it (for this visit only if storage is
    /// blocked). The words must be in: see [`load_words`].
    pub fn choose(self, lang: Lang) {
        let _ = storage::set(&LOCALE, lang.code());
        set_document_lang(lang);
        self.0.set(lang);
    }

    /// The current language, untracked: screens are rebuilt on a switch.
    pub fn lang(self) -> Lang {
        self.0.get_untracked()
    }

    /// A key's text.
    pub fn t<T: Text>(self, key: T) -> &'static str {
        key.text(self.lang())
    }

    /// A sentence with its placeholders filled ("3 packages" for a count).
    pub fn f<F: Fill>(self, sentence: F) -> String {
        sentence.fill(self.lang())
    }
}

/// `<html lang>` follows the app's language, so screen readers pronounce it
/// right.
fn set_document_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// The language the page is in, for code outside any component (e.g. the
/// reason stored with a mark that could not be sent).
pub fn document_lang() -> Lang {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// The locale context (every screen has one: `App` provides it).
pub fn use_locale() -> Locale {
    expect_context::<Locale>()
}
