//! The outage guidance panel: what happened, what it means for the driver's
//! work, what to do and what not to do — above the still-usable manifest,
//! never a modal in the way. A compact form serves background failures
//! (manifest refresh, sending marks, the dispatcher's fleet).

use leptos::prelude::*;

use super::app::EnvSignal;
use super::status_panel::StatusPanel;
use crate::model::config::Support;
use crate::model::i18n::catalogues::{OutageFill as F, OutageText as T};
use crate::model::outage::{
    banner_text, guidance, Failure, Guidance, RetryPlan, SavedContext, SavedPlace,
};
use crate::model::time::parse_rfc3339;
use crate::platform::clock::now_ms;
use crate::platform::files::copy_text;
use crate::platform::intl;
use crate::state::locale::{use_locale, Locale};
use crate::state::routebook::RouteBook;
use crate::state::upkeep::Connectivity;

#[component]
pub fn GuidancePanel(
    failure: Failure,
    /// One line with the details folded away, for failures in the background.
    #[prop(optional)]
    compact: bool,
    /// Where the next automatic try is planned, when the caller retries.
    #[prop(optional, into)]
    retry: Option<Signal<Option<RetryPlan>>>,
    /// "Try now", when the caller retries.
    #[prop(optional, into)]
    try_now: Option<Callback<()>>,
    /// Where the saved manifest is, seen from this panel: the words say
    /// "below" only where it is.
    #[prop(default = SavedPlace::Below)]
    place: SavedPlace,
    /// What is saved, when it is not the driver's manifest (the fleet).
    #[prop(optional, into)]
    saved: Option<Signal<Option<SavedContext>>>,
) -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let config = move || env.with(|e| e.as_ref().map(|e| e.config.clone()));
    let banner = banner_text(l.lang(), &failure);
    let failure_for_text = failure.clone();
    let saved_manifest = move || {
        book.saved.with(|s| {
            s.as_ref().map(|s| SavedContext {
                saved_at_time: saved_at_time(l, s.saved_at_ms, &s.manifest.block.start),
                packages: s.manifest.package_count(),
                unsent_marks: book.marks.with(|m| m.unsent()),
                place,
            })
        })
    };
    let text = move || {
        let config = config()?;
        let saved = match saved {
            Some(other) => other.get(),
            None => saved_manifest(),
        };
        Some((
            guidance(l.lang(), &failure_for_text, &config, saved.as_ref()),
            config.support,
        ))
    };
    let retry_line = move || view! { <RetryLine retry try_now /> };

    move || {
        let (g, support) = text()?;
        let body = view! { <GuidanceBody g=g.clone() support=support.clone() /> };
        Some(if compact {
            view! {
                <section class="guidance compact" role="status" aria-live="polite">
                    <p class="banner-line"><strong>{g.title.clone()}</strong> " " {banner.clone()}</p>
                    {retry_line()}
                    <details>
                        <summary>{l.t(T::PanelWhatToDo)}</summary>
                        {body}
                    </details>
                </section>
            }
            .into_any()
        } else {
            view! {
                <section class="guidance" role="status" aria-live="polite" aria-labelledby="guidance-title">
                    <h2 id="guidance-title">{g.title.clone()}</h2>
                    {body}
                    {retry_line()}
                    <StatusPanel />
                </section>
            }
            .into_any()
        })
    }
}

#[component]
fn GuidanceBody(g: Guidance, support: Support) -> impl IntoView {
    let l = use_locale();
    let reference = reference(l, g.support_code.as_deref(), g.status);
    view! {
        <p class="happened">{g.what_happened.clone()}</p>
        <p class="means">{g.what_it_means.clone()}</p>
        {g.reassurance.clone().map(|r| view! { <p class="reassure">{r}</p> })}
        <h3>{l.t(T::PanelWhatToDo)}</h3>
        <ol class="do">
            {g.do_steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
        </ol>
        <h3>{l.t(T::PanelPleaseDont)}</h3>
        <ul class="dont">
            {g.dont.iter().map(|d| view! {
                <li><strong>{d.what.clone()}</strong> " — " {d.why.clone()}</li>
            }).collect_view()}
        </ul>
        {(!reference.is_empty()).then(|| view! { <SupportReference reference /> })}
        <ContactActions support credentials_can_help=g.credentials_can_help />
    }
}

/// The support code and status, selectable and copyable, for quoting.
#[component]
fn SupportReference(reference: String) -> impl IntoView {
    // None: not tried yet; Some(true): on the clipboard; Some(false): the
    // browser refused, so the driver is told to select the code instead.
    let l = use_locale();
    let copied = RwSignal::new(None::<bool>);
    let text = reference.clone();
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            copied.set(Some(copy_text(&text).await.is_ok()));
        });
    };
    view! {
        <p class="codes">
            {l.t(T::PanelForSupport)} " " <code class="support-code">{reference}</code> " "
            <button type="button" class="secondary small" on:click=copy>
                {move || l.t(match copied.get() {
                    None => T::PanelCopy,
                    Some(true) => T::PanelCopied,
                    Some(false) => T::PanelSelectToCopy,
                })}
            </button>
        </p>
    }
}

/// Call, text, the support site and hours, from config.
#[component]
fn ContactActions(support: Support, credentials_can_help: bool) -> impl IntoView {
    let l = use_locale();
    let hours = support.hours_in(l.lang()).map(str::to_string);
    let reset = support
        .password_reset_url
        .clone()
        .filter(|_| credentials_can_help)
        .filter(|u| safe_link(u));
    view! {
        <div class="contacts">
            {support.phone.clone().map(|p| view! { <a class="button" href=format!("tel:{}", dial(&p))>{l.f(F::PanelCallSupport { phone: &p })}</a> })}
            {support.sms.clone().map(|p| view! { <a class="button" href=format!("sms:{}", dial(&p))>{l.t(T::PanelTextSupport)}</a> })}
            {support.url.clone().filter(|u| safe_link(u)).map(|u| view! { <a class="button" href=u target="_blank" rel="noopener">{l.t(T::PanelSupportWebsite)}</a> })}
            {reset.map(|u| view! { <a class="button" href=u target="_blank" rel="noopener">{l.t(T::PanelResetPassword)}</a> })}
            {hours.map(|h| view! { <p class="hours">{l.f(F::PanelSupportHours { hours: &h })}</p> })}
        </div>
    }
}

/// "Trying again in 42 s" with a "Try now" button.
#[component]
fn RetryLine(
    retry: Option<Signal<Option<RetryPlan>>>,
    try_now: Option<Callback<()>>,
) -> impl IntoView {
    let connectivity = use_context::<Connectivity>();
    let l = use_locale();
    let line = move || {
        if let Some(c) = connectivity {
            c.tick.track();
        }
        match retry?.get()? {
            plan @ RetryPlan::At(_) => {
                let secs = plan.seconds_left(now_ms()).unwrap_or(0);
                Some(l.f(F::RetryIn { s: &secs }))
            }
            RetryPlan::WhenOnline => Some(l.t(T::RetryWhenOnline).to_string()),
            RetryPlan::Never | RetryPlan::ShowPasswordReset => None,
        }
    };
    move || {
        line().map(|text| {
            view! {
                // The countdown changes every second: kept out of the live
                // region (aria-live="off") so a screen reader announces the
                // failure once, not a number a second.
                <p class="retry" aria-live="off">
                    <span class="countdown">{text}</span>
                    {try_now.map(|cb| view! {
                        <button type="button" class="secondary" on:click=move |_| cb.run(())>{l.t(T::TryNow)}</button>
                    })}
                </p>
            }
        })
    }
}

/// Only web links from config become links; never `javascript:`.
fn safe_link(url: &str) -> bool {
    let l = url.trim().to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("http://")
}

/// A phone number as a dialler wants it: digits and a leading +.
fn dial(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

fn reference(l: Locale, code: Option<&str>, status: Option<u16>) -> String {
    let status = status.map(|s| s.to_string());
    match (code, status.as_deref()) {
        (Some(c), Some(s)) => l.f(F::RefCodeStatus {
            code: &c,
            status: &s,
        }),
        (Some(c), None) => l.f(F::RefCode { code: &c }),
        (None, Some(s)) => l.f(F::RefStatus { status: &s }),
        (None, None) => String::new(),
    }
}

/// The save time in the block's local time ("7:42 AM", "7:42").
fn saved_at_time(l: Locale, saved_at_ms: i64, block_start: &str) -> String {
    let offset = parse_rfc3339(block_start)
        .map(|s| s.offset_min)
        .unwrap_or(0);
    intl::time(l.lang(), saved_at_ms, offset)
}
