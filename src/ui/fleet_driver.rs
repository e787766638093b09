//! One driver, opened from the fleet table (`/?driver=ID`): their manifest
//! as the server has it, read-only, with the hand-off actions.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::app::EnvSignal;
use super::fleet_screen::FleetStatus;
use super::handoff_actions::ExportActions;
use super::stop_card::StopCard;
use crate::model::fleet_table::row_in;
use crate::model::i18n::catalogues::{FleetFill, FleetText};
use crate::model::manifest::Manifest;
use crate::model::outage::{banner_text, effective_failure, Failure};
use crate::model::progress::Counts;
use crate::model::screen::{FleetView, Screen};
use crate::platform::intl;
use crate::state::fleet::FleetData;
use crate::state::locale::use_locale;
use crate::state::navigation::Navigation;
use crate::state::session::SessionState;

#[derive(Clone, Debug, PartialEq)]
enum Load {
    Loading,
    Ready(Manifest),
    Failed(Failure),
    SignedOut,
}

#[component]
pub fn DriverDetail(id: String) -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let session = expect_context::<SessionState>();
    let data = expect_context::<FleetData>();
    let nav = expect_context::<Navigation>();
    let load = RwSignal::new(Load::Loading);
    let l = use_locale();

    {
        let id = id.clone();
        Effect::new(move |_| {
            let Some(e) = env.get() else { return };
            let Some(token) = session.token() else {
                load.set(Load::SignedOut);
                return;
            };
            let id = id.clone();
            load.set(Load::Loading);
            spawn_local(async move {
                load.set(match e.api.driver_manifest(&token, &id).await {
                    Ok(m) => Load::Ready(m),
                    Err(f) => Load::Failed(f),
                });
            });
        });
    }

    let manifest = Signal::derive(move || match load.get() {
        Load::Ready(m) => Some(m),
        _ => None,
    });
    let back = move |_| {
        let query = nav.with_untracked(|s| match s {
            Screen::Fleet(v) => v.query.clone(),
            _ => Default::default(),
        });
        nav.go(Screen::Fleet(FleetView {
            query,
            driver: None,
        }));
    };

    // The driver's row from the fleet, for state and flags.
    let fleet_row = {
        let id = id.clone();
        move || {
            let now = data.now.get();
            data.saved.with(|s| {
                let s = s.as_ref()?;
                let d = s.snapshot.drivers.iter().find(|d| d.id == id)?;
                Some(row_in(l.lang(), d, now, s.span()))
            })
        }
    };
    let name = {
        let id = id.clone();
        let fleet_row = fleet_row.clone();
        move || {
            manifest
                .with(|m| m.as_ref().map(|m| m.driver.name.clone()))
                .or_else(|| fleet_row().map(|r| r.name))
                .unwrap_or_else(|| id.clone())
        }
    };

    view! {
        <div class="driver-detail">
            <p class="back screen-only"><button type="button" class="secondary" on:click=back>{l.t(FleetText::AllDrivers)}</button></p>
            <h1 id="fleet-title" class="screen-only">{name}</h1>
            <div class="screen-only"><FleetStatus /></div>
            {move || fleet_row().map(|r| view! {
                <p class="driver-facts screen-only">
                    <span class=format!("pill state-{}", r.state_key)>{r.state_label.clone()}</span>
                    " · "{l.t(FleetText::LastSeenFact)}" "
                    <time datetime=r.last_seen.clone() title=intl::exact(l.lang(), &r.last_seen).unwrap_or_else(|| r.last_seen.clone())>{r.last_seen_ago.clone()}</time>
                    {r.next_stop.clone().map(|n| format!(" · {}", l.f(FleetFill::NextStopFact { stop: &n })))}
                </p>
                {(!r.flags.is_empty()).then(|| view! {
                    <ul class="flags detail-flags screen-only">
                        {r.flags.iter().map(|f| view! { <li class=format!("flag flag-{}", f.kind)>{f.detail.clone()}</li> }).collect_view()}
                    </ul>
                })}
            })}
            {move || match load.get() {
                Load::Loading => view! { <p class="empty" role="status">{l.t(FleetText::LoadingManifest)}</p> }.into_any(),
                Load::SignedOut => view! { <p class="notice">{l.t(FleetText::SignInToLoad)}</p> }.into_any(),
                Load::Failed(f) => {
                    let text = env.with_untracked(|e| e.as_ref().map(|e| banner_text(l.lang(), &effective_failure(&f, &e.config)))).unwrap_or_default();
                    view! {
                        <p class="notice warn" role="alert">
                            <strong>{text}</strong>
                            " "{l.t(FleetText::ManifestFailed)}
                        </p>
                    }.into_any()
                }
                Load::Ready(m) => view! { <ManifestSummary manifest=m /> }.into_any(),
            }}
            <ExportActions manifest />
            {move || manifest.get().map(|m| view! {
                <section class="readonly-stops screen-only" aria-labelledby="detail-stops">
                    <h2 id="detail-stops">{l.t(FleetText::StopsReadOnly)}</h2>
                    <div class="stops">
                        {m.stops.into_iter().map(|stop| view! { <StopCard stop read_only=true /> }).collect_view()}
                    </div>
                </section>
            })}
        </div>
    }
}

/// Block, station and progress as the server last knew it.
#[component]
fn ManifestSummary(manifest: Manifest) -> impl IntoView {
    let c = Counts::of(&manifest);
    let l = use_locale();
    let hours =
        intl::hours(l.lang(), &manifest.block.start, &manifest.block.end).unwrap_or_default();
    let date = intl::day_of(l.lang(), &manifest.block.start);
    let pct = |n: usize| (n * 100).checked_div(c.total).unwrap_or(0);
    view! {
        <div class="manifest-summary screen-only">
            <p class="saved-line">
                {l.f(FleetFill::SummaryLine { station: &manifest.block.station, date: &date, hours: &hours, id: &manifest.id })}
            </p>
            <dl class="counts" aria-label=l.t(FleetText::ColProgress)>
                <div><dt>{l.t(FleetText::CountDelivered)}</dt><dd data-count="delivered">{c.delivered}</dd></div>
                <div><dt>{l.t(FleetText::CountAttempted)}</dt><dd data-count="attempted">{c.attempted}</dd></div>
                <div><dt>{l.t(FleetText::CountRemaining)}</dt><dd data-count="remaining">{c.remaining}</dd></div>
                <div><dt>{l.t(FleetText::CountPackages)}</dt><dd data-count="total">{c.total}</dd></div>
                <div><dt>{l.t(FleetText::CountStops)}</dt><dd data-count="stops">{c.stops_total}</dd></div>
            </dl>
            <span class="bar big" aria-hidden="true">
                // CSSOM, not a `style` attribute: see the fleet table's bars.
                <span class="done" style:width=format!("{}%", pct(c.delivered))></span>
                <span class="tried" style:width=format!("{}%", pct(c.attempted))></span>
            </span>
        </div>
    }
}
