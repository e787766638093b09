//! Where the saved manifest came from and how old it is, and a warning
//! when it may be out of date.

use leptos::prelude::*;

use super::app::EnvSignal;
use crate::model::envelope::ManifestSource;
use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::model::retention::{staleness, Staleness};
use crate::model::time::human_duration_in;
use crate::platform::clock::now_ms;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;
use crate::state::upkeep::Connectivity;

/// "Alex Rivera · PDX4 · saved 2 h 14 min ago from the company's system",
/// and whether it may be out of date.
#[component]
pub fn SavedLine() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let connectivity = expect_context::<Connectivity>();
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let l = use_locale();
    let stale_after = move || env.with(|e| e.as_ref().map_or(12, |e| e.config.stale_after_hours));
    move || {
        connectivity.tick.track();
        book.saved.with(|s| {
            let s = s.as_ref()?;
            let source = match &s.source {
                ManifestSource::Server { .. } => l.t(T::FromServer).to_string(),
                ManifestSource::ImportedFile { name } => l.f(F::FromFile { name: &name }),
                ManifestSource::ImportedLink => l.t(T::FromLink).to_string(),
            };
            let ago = human_duration_in(l.lang(), now_ms() - s.saved_at_ms);
            let warning = match staleness(
                &s.manifest.block.end,
                s.saved_at_ms,
                stale_after(),
                now_ms(),
            ) {
                Staleness::Fresh => None,
                Staleness::BlockEnded => Some(l.t(T::StaleBlockEnded).to_string()),
                Staleness::Old { hours } => {
                    Some(l.f(F::StaleOld { hours: &hours }))
                }
            };
            Some(view! {
                <p class="saved-line">
                    {l.f(F::SavedLine { driver: &s.manifest.driver.name, station: &s.manifest.block.station, ago: &ago, source: &source })}
                </p>
                {warning.map(|w| view! { <p class="notice warn stale" role="status">{w}</p> })}
            })
        })
    }
}
