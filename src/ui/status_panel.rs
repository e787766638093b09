//! The status page's word, next to the guidance.

use leptos::prelude::*;

use super::app::EnvSignal;
use crate::model::i18n::catalogues::{AppFill as F, AppText as T};
use crate::model::outage::statuspage::Indicator;
use crate::model::time::human_duration_in;
use crate::platform::clock::now_ms;
use crate::state::locale::use_locale;
use crate::state::status_page::StatusPage;

#[component]
pub fn StatusPanel() -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let status = expect_context::<StatusPage>();
    let l = use_locale();
    // Look now (at most once a minute) whenever the panel is on screen.
    Effect::new(move |_| {
        let url = env.with(|e| e.as_ref().and_then(|e| e.config.status_url.clone()));
        if let Some(url) = url {
            status.refresh_if_due(&url);
        }
    });
    let configured =
        move || env.with(|e| e.as_ref().is_some_and(|e| e.config.status_url.is_some()));
    move || {
        if !configured() {
            return None;
        }
        let problem = status.problem.get();
        let last = status.last.get();
        Some(view! {
            <div class="status-page">
                <h3>{l.t(T::StatusPageTitle)}</h3>
                {last.map(|(s, fetched)| {
                    let overall = s.description.clone().unwrap_or_else(|| l.t(indicator_words(&s.indicator)).to_string());
                    view! {
                        <p class="overall"><strong>{overall}</strong>
                             " " {l.f(F::StatusChecked { ago: &human_duration_in(l.lang(), now_ms() - fetched) })}</p>
                        <ul class="affected">
                            {s.affected.iter().map(|c| view! {
                                <li>{format!("{}: {}", c.name, c.status.describe(l.lang()))}</li>
                            }).collect_view()}
                        </ul>
                        {s.incidents.first().map(|i| view! {
                            <p class="incident"><strong>{i.name.clone()}</strong>
                                {i.latest_update.clone().map(|u| format!(" — {u}"))}</p>
                        })}
                    }
                })}
                {problem.map(|p| view! { <p class="hint">{l.f(F::StatusProblem { problem: &p.describe(l.lang()) })}</p> })}
            </div>
        })
    }
}

fn indicator_words(i: &Indicator) -> T {
    match i {
        Indicator::None => T::IndicatorNone,
        Indicator::Minor => T::IndicatorMinor,
        Indicator::Major => T::IndicatorMajor,
        Indicator::Critical => T::IndicatorCritical,
        Indicator::Maintenance => T::IndicatorMaintenance,
        Indicator::Unknown(_) => T::IndicatorUnknown,
    }
}
