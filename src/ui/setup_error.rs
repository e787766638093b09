//! Shown when `config.json` cannot be used and no earlier config is saved:
//! a clear setup error for the operator instead of a blank page.

use leptos::prelude::*;

use crate::model::config::ConfigError;

#[component]
pub fn SetupError(error: ConfigError) -> impl IntoView {
    view! {
        <main id="main" class="setup-error" role="alert">
            <h1>"Roadbook is not set up correctly"</h1>
            <p class="lead">{error.to_string()}</p>
            <p>
                "This is a problem with how Roadbook was installed on this website, "
                "not with your phone or your account. Please tell your dispatcher or "
                "support; reinstalling or clearing data on your phone will not fix it."
            </p>
            <p class="hint">
                "For the operator: config.json must sit next to index.html and be valid "
                "JSON with an \"api_base\" (\"demo\" or your API's URL). See docs/deploy.md."
            </p>
        </main>
    }
}
