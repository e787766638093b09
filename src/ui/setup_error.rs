//! Shown when `config.json` cannot be used and no earlier config is saved:
//! a clear setup error for the operator instead of a blank page.

use leptos::prelude::*;

use crate::model::config::ConfigError;
use crate::model::i18n::catalogues::AppText as T;
use crate::state::locale::Locale;

#[component]
pub fn SetupError(error: ConfigError) -> impl IntoView {
    // Shown before (or instead of) the app's own contexts in the browser
    // tests, so the language is detected here when there is none.
    let l = use_context::<Locale>().unwrap_or_else(Locale::detect);
    view! {
        <main id="main" class="setup-error" role="alert">
            <h1>{l.t(T::SetupTitle)}</h1>
            <p class="lead">{error.describe(l.lang())}</p>
            <p>{l.t(T::SetupNotYou)}</p>
            <p class="hint">{l.t(T::SetupOperator)}</p>
        </main>
    }
}
