//! Long free text from a manifest (a 3,000-character delivery note, an
//! address line someone pasted a paragraph into): shown shortened, with a
//! button that reveals all of it and says how long it is. A text Roadbook
//! had to cut when it was saved says so at its end.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::model::i18n::isolate;
use crate::model::route_view::{preview, PREVIEW_CHARS};
use crate::model::validate::CUT_MARKER;
use crate::platform::intl;
use crate::state::locale::use_locale;

/// For the ids that tie each button to its text.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// `text` for its element, and the "Read all" button to put after it (in
/// the same element, or after a heading that holds the text). Short text
/// is the text alone: no signal, no button.
pub fn long_text(text: String) -> (AnyView, Option<AnyView>) {
    let Some(head) = preview(&text, PREVIEW_CHARS).map(str::to_string) else {
        return (text.into_any(), None);
    };
    let l = use_locale();
    let open = RwSignal::new(false);
    let id = format!("long-text-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let chars = text.chars().count();
    let was_cut = text.ends_with(CUT_MARKER);
    // Isolated: an override in the text cannot reorder what follows it.
    let shown = move || match (open.get(), was_cut) {
        (false, _) => format!("{}…", isolate(&head)),
        (true, false) => text.clone(),
        (true, true) => format!("{} {}", isolate(&text), l.t(T::TextWasCut)),
    };
    let body = view! { <span class="long-text" id=id.clone()>{shown}</span> }.into_any();
    let label = move || {
        if open.get() {
            l.t(T::ShowLess).to_string()
        } else {
            l.f(F::ReadAll {
                n: &intl::integer(l.lang(), chars as f64),
            })
        }
    };
    let button = view! {
        " "
        <button type="button" class="secondary small more-text" aria-controls=id
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{label}</button>
    }
    .into_any();
    (body, Some(button))
}

/// `text` shortened for a list or a label that has no room for "Read all"
/// (the stop's card shows all of it).
pub fn short_text(text: &str) -> String {
    match preview(text, PREVIEW_CHARS) {
        Some(head) => format!("{}…", isolate(head)),
        None => text.to_string(),
    }
}

/// [`short_text`] without the bidi isolate, for a link's label or a URL.
pub fn short_plain(text: &str) -> String {
    match preview(text, PREVIEW_CHARS) {
        Some(head) => format!("{head}…"),
        None => text.to_string(),
    }
}
