//! High contrast for direct sunlight: black on white (or white on black in
//! dark mode), heavier lines. Remembered on this phone; applied as the
//! `high-contrast` class on `<html>`.

use leptos::prelude::*;

use crate::model::i18n::catalogues::AppText as T;
use crate::model::storage_keys::CONTRAST;
use crate::platform::storage;
use crate::state::locale::use_locale;

const CLASS: &str = "high-contrast";

pub fn apply(on: bool) {
    if let Some(root) = document().document_element() {
        let list = root.class_list();
        let _ = if on {
            list.add_1(CLASS)
        } else {
            list.remove_1(CLASS)
        };
    }
}

/// Whether the driver turned high contrast on, as saved on this phone.
pub fn saved_contrast() -> bool {
    storage::get(&CONTRAST)
        .ok()
        .flatten()
        .is_some_and(|v| v == "high")
}

#[component]
pub fn ContrastToggle() -> impl IntoView {
    let l = use_locale();
    let on = RwSignal::new(saved_contrast());
    apply(on.get_untracked());
    let toggle = move |_| {
        let next = !on.get_untracked();
        on.set(next);
        apply(next);
        // Not saved (storage blocked) still works for this visit.
        let _ = storage::set(&CONTRAST, if next { "high" } else { "normal" });
    };
    view! {
        <button type="button" class="secondary contrast-toggle" aria-pressed=move || on.get().to_string()
            on:click=toggle title=l.t(T::ContrastTitle)>
            <span aria-hidden="true" class="contrast-icon">"◐"</span>
            " " {l.t(T::ContrastLabel)}
        </button>
    }
}
