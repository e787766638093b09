//! The outage guidance panel: what happened, what it means for the driver's
//! work, what to do and what not to do — above the still-usable manifest,
//! never a modal in the way.

use leptos::prelude::*;

use super::app::EnvSignal;
use crate::model::outage::{guidance, Failure, RetryPlan, SavedContext};
use crate::model::time::parse_rfc3339;
use crate::platform::clock::now_ms;
use crate::state::routebook::RouteBook;
use crate::state::upkeep::Connectivity;

#[component]
pub fn GuidancePanel(failure: Failure) -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let book = expect_context::<RouteBook>();
    let connectivity = use_context::<Connectivity>();

    let text = move || {
        let config = env.with(|e| e.as_ref().map(|e| e.config.clone()))?;
        let saved = book.saved.with(|s| {
            s.as_ref().map(|s| SavedContext {
                saved_at_hhmm: saved_at_hhmm(s.saved_at_ms, &s.manifest.block.start),
                packages: s.manifest.package_count(),
                unsent_marks: book.marks.with(|m| m.unsent()),
            })
        });
        Some(guidance(&failure, &config, saved.as_ref()))
    };

    move || {
        text().map(|g| {
            let code = g.support_code.clone();
            let status = g.status;
            view! {
                <section class="guidance" role="status" aria-live="polite" aria-labelledby="guidance-title">
                    <h2 id="guidance-title">{g.title.clone()}</h2>
                    <p class="happened">{g.what_happened.clone()}</p>
                    <p class="means">{g.what_it_means.clone()}</p>
                    {g.reassurance.clone().map(|r| view! { <p class="reassure">{r}</p> })}
                    <h3>"What to do"</h3>
                    <ol class="do">
                        {g.do_steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
                    </ol>
                    <h3>"Please don't"</h3>
                    <ul class="dont">
                        {g.dont.iter().map(|d| view! {
                            <li><strong>{d.what.clone()}</strong> " — " {d.why.clone()}</li>
                        }).collect_view()}
                    </ul>
                    {(code.is_some() || status.is_some()).then(|| view! {
                        <p class="codes">
                            "For support: "
                            <code class="support-code">{reference(code.as_deref(), status)}</code>
                        </p>
                    })}
                    {connectivity.map(|c| view! { <RetryLine connectivity=c /> })}
                </section>
            }
        })
    }
}

/// "Trying again in 42 s" with a "Try now" button.
#[component]
fn RetryLine(connectivity: Connectivity) -> impl IntoView {
    let line = move || {
        connectivity.tick.track();
        match connectivity.retry.get()? {
            RetryPlan::At(at) => {
                let secs = ((at - now_ms()).max(0) + 999) / 1000;
                Some(format!("Roadbook will try again by itself in {secs} s."))
            }
            RetryPlan::WhenOnline => {
                Some("Roadbook will try again when the phone is back online.".into())
            }
            RetryPlan::Never | RetryPlan::ShowPasswordReset => None,
        }
    };
    view! {
        {move || line().map(|l| view! {
            <p class="retry">
                <span>{l}</span>
                <button type="button" class="secondary" on:click=move |_| connectivity.try_now()>"Try now"</button>
            </p>
        })}
    }
}

fn reference(code: Option<&str>, status: Option<u16>) -> String {
    match (code, status) {
        (Some(c), Some(s)) => format!("code {c}, HTTP {s}"),
        (Some(c), None) => format!("code {c}"),
        (None, Some(s)) => format!("HTTP {s}"),
        (None, None) => String::new(),
    }
}

/// The save time in the block's local time ("07:42").
fn saved_at_hhmm(saved_at_ms: i64, block_start: &str) -> String {
    let offset = parse_rfc3339(block_start)
        .map(|s| s.offset_min)
        .unwrap_or(0);
    crate::model::time::Stamp {
        ms: saved_at_ms,
        offset_min: offset,
    }
    .local_hhmm()
}
