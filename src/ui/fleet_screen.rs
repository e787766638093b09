//! The dispatcher's fleet screen: every driver's state, progress and flags,
//! sortable and filterable with the view kept in the URL, refreshed every
//! 30 s, and still on screen (from the last good load) during an outage.

use std::time::Duration;

use leptos::prelude::*;

use super::app::EnvSignal;
use super::driver_view::MoreRows;
use super::fleet_driver::DriverDetail;
use super::fleet_map::{FleetMapData, MapDriver};
use super::guidance_panel::GuidancePanel;
use super::map_slot::FleetMapSlot;
use super::screen_link::ScreenLink;
use crate::model::fleet::DriverState;
use crate::model::fleet_table::{aria_sort, relative_age_in, row_in, toggle_sort, Row};
use crate::model::fleet_view::{state_counts, FleetIndex, FleetQuery, SortKey};
use crate::model::i18n::catalogues::{FleetFill, FleetText};
use crate::model::i18n::{around_mark, Fill, Lang, MARK};
use crate::model::outage::{SavedContext, SavedPlace};
use crate::model::screen::{FleetView, Screen};
use crate::platform::clock::{local_offset_min, now_ms};
use crate::platform::intl;
use crate::state::fleet::FleetData;
use crate::state::locale::use_locale;
use crate::state::navigation::Navigation;
use crate::state::routebook::RouteBook;
use crate::state::session::SessionState;

/// Rows on the page before the dispatcher scrolls further: a 1440×900
/// screen shows 8 below the controls. Every sort and filter rewrites and
/// lays out the whole window (each row costs layout time: see
/// docs/performance.md), so it is kept just over a screenful; more follow, in windows of this size, as
/// the dispatcher scrolls (or on a taller screen, at once).
const FIRST_ROWS: usize = 12;

/// Fleets up to this size are shown whole, not a window at a time.
const WHOLE_FLEET: usize = 30;

/// The next window comes when the table's end is this near the screen.
const MORE_MARGIN: &str = "150px 0px";

/// How long after a sort, filter or keystroke the URL catches up.
const URL_FOLLOWS: Duration = Duration::from_millis(400);

/// The fleet's view in the URL (the table's, with no driver open).
fn fleet_view(nav: Navigation) -> Memo<FleetView> {
    Memo::new(move |_| {
        nav.with(|s| match s {
            Screen::Fleet(v) => v.clone(),
            _ => FleetView::default(),
        })
    })
}

#[component]
pub fn FleetScreen() -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let session = expect_context::<SessionState>();
    let nav = expect_context::<Navigation>();
    let data = FleetData::provide(env, session);
    // A saved fleet past its retention window (drivers' names, addresses)
    // is not shown: everything personal on the phone goes, as for a
    // driver's manifest, and the dispatcher signs in again.
    let hours = env.with_untracked(|e| e.as_ref().map(|e| e.config.retention_hours_after_block));
    let expired = data.saved.with_untracked(|f| {
        f.as_ref()
            .zip(hours)
            .is_some_and(|(f, h)| f.retention_expired(h, now_ms()))
    });
    if expired {
        data.saved.set(None);
        expect_context::<RouteBook>().purge_personal();
        session.sign_out();
    }
    let view = fleet_view(nav);
    let driver = Memo::new(move |_| view.with(|v| v.driver.clone()));

    view! {
        <section class="fleet" aria-labelledby="fleet-title">
            {move || match driver.get() {
                Some(id) => view! { <DriverDetail id /> }.into_any(),
                None => view! { <FleetTable /> }.into_any(),
            }}
        </section>
    }
}

/// "Updated at 07:42", or the outage guidance over the saved fleet.
#[component]
pub fn FleetStatus() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let data = expect_context::<FleetData>();
    let offset = local_offset_min();
    let l = use_locale();

    let updated = move || {
        data.saved.with(|s| {
            s.as_ref().map(|s| {
                let at = intl::time(l.lang(), s.saved_at_ms, offset);
                if data.fresh.get() && data.failure.with(Option::is_none) {
                    l.f(FleetFill::UpdatedAt { time: &at })
                } else {
                    l.f(FleetFill::ShowingSaved {
                        time: &at,
                        ago: &relative_age_in(l.lang(), data.now.get(), s.saved_at_ms),
                    })
                }
            })
        })
    };
    // What the guidance says is saved: the fleet table under it.
    let saved = Signal::derive(move || {
        data.saved.with(|s| {
            s.as_ref().map(|s| SavedContext {
                saved_at_time: intl::time(l.lang(), s.saved_at_ms, offset),
                packages: 0,
                unsent_marks: 0,
                place: SavedPlace::Below,
            })
        })
    });
    let retry = data.plan();
    let try_now = Callback::new(move |_| data.try_now());
    view! {
        <div class="fleet-status">
            <p class="updated" role="status" data-saved-at=move || data.saved.with(|s| s.as_ref().map(|s| s.saved_at_ms))>
                {move || updated().unwrap_or_else(|| l.t(if data.loading.get() { FleetText::Loading } else { FleetText::NoneLoaded }).into())}
                {move || data.loading.get().then(|| view! { <span class="loading">" · "{l.t(FleetText::Refreshing)}</span> })}
            </p>
            <Show when=move || !session.has_token()>
                <p class="notice">
                    {
                        let (before, after) = around_mark(&l.f(FleetFill::SignedOut { link: &MARK }));
                        view! { {before}<ScreenLink screen=Screen::SignIn>{l.t(FleetText::SignInLink)}</ScreenLink>{after} }
                    }
                </p>
            </Show>
            {move || data.failure.get().map(|f| view! {
                <GuidancePanel failure=f compact=true retry try_now saved />
            })}
        </div>
    }
}

/// The label, URL word and column of each sortable header.
const COLUMNS: [(SortKey, FleetText); 6] = [
    (SortKey::Name, FleetText::ColDriver),
    (SortKey::State, FleetText::ColState),
    (SortKey::LastSeen, FleetText::ColLastSeen),
    (SortKey::Progress, FleetText::ColProgress),
    (SortKey::NextStop, FleetText::ColNextStop),
    (SortKey::Flags, FleetText::ColFlags),
];

const FILTERS: [(Option<DriverState>, FleetText); 5] = [
    (None, FleetText::FilterAll),
    (Some(DriverState::OnRoute), FleetText::StateOnRoute),
    (Some(DriverState::SignedOut), FleetText::StateSignedOut),
    (Some(DriverState::Unreachable), FleetText::StateUnreachable),
    (Some(DriverState::Finished), FleetText::StateFinished),
];

#[component]
fn FleetTable() -> impl IntoView {
    let data = expect_context::<FleetData>();
    let nav = expect_context::<Navigation>();
    let l = use_locale();

    // The table answers to `query` at once; the URL follows a moment later.
    // Writing the URL (history.replaceState and the router's matching) cost
    // more than the sort itself, and a dispatcher typing a name does not
    // need one history entry per keystroke.
    let view = fleet_view(nav);
    let url_query = Memo::new(move |_| view.with(|v| v.query.clone()));
    let query = RwSignal::new(url_query.get_untracked());
    // Back, forward or a link changed the URL: the table follows it.
    Effect::new(move |_| {
        let q = url_query.get();
        if query.with_untracked(|c| *c != q) {
            query.set(q);
        }
    });
    let url_write = StoredValue::new_local(None::<TimeoutHandle>);
    let cancel_url_write = move || {
        url_write.update_value(|h| {
            if let Some(h) = h.take() {
                h.clear();
            }
        })
    };
    on_cleanup(cancel_url_write);
    let set_query = move |q: FleetQuery| {
        query.set(q);
        cancel_url_write();
        let handle = set_timeout_with_handle(
            move || {
                url_write.set_value(None);
                nav.replace(Screen::Fleet(FleetView {
                    query: query.get_untracked(),
                    driver: None,
                }));
            },
            URL_FOLLOWS,
        );
        url_write.set_value(handle.ok());
    };
    let open_driver = move |id: String| {
        cancel_url_write();
        nav.go(Screen::Fleet(FleetView {
            query: query.get_untracked(),
            driver: Some(id),
        }));
    };

    // Each row's words, once per refresh (not per sort or keystroke).
    let rows = Memo::new(move |_| {
        let now = data.now.get();
        data.saved.with(|s| {
            s.as_ref()
                .map(|s| {
                    let span = s.span();
                    s.snapshot
                        .drivers
                        .iter()
                        .map(|d| row_in(l.lang(), d, now, span))
                        .collect::<Vec<Row>>()
                })
                .unwrap_or_default()
        })
    });
    // Folded names, parsed times and ranks, once per refresh: a sort or a
    // keystroke only compares them.
    let index = Memo::new(move |_| {
        let now = data.now.get();
        data.saved.with(|s| {
            s.as_ref()
                .map(|s| FleetIndex::new(&s.snapshot.drivers, now, s.span()))
                .unwrap_or_default()
        })
    });
    let order = Memo::new(move |_| query.with(|q| index.with(|i| i.view(q))));
    let counts = Memo::new(move |_| {
        data.saved.with(|s| {
            s.as_ref()
                .map(|s| state_counts(&s.snapshot.drivers))
                .unwrap_or_default()
        })
    });

    // A large fleet is put on the page a window at a time: the first rows
    // show at once, sorting and filtering touch only what is on screen, and
    // more rows follow as the dispatcher scrolls (or asks).
    let limit = RwSignal::new(FIRST_ROWS);
    // MoreRows adds a phone-sized step; a desk screen takes whole windows.
    Effect::new(move |_| {
        let l = limit.get();
        let whole = l.div_ceil(FIRST_ROWS) * FIRST_ROWS;
        if whole != l {
            limit.set(whole);
        }
    });
    // A small fleet is shown whole (the browser's find-in-page sees every
    // driver); a large one a window at a time.
    let windowed = move || counts.with(|c| c.total()) > WHOLE_FLEET;
    let visible = Memo::new(move |_| {
        let n = if windowed() { limit.get() } else { usize::MAX };
        order.with(|o| {
            rows.with(|r| {
                o.iter()
                    .take(n)
                    .map(|&i| r[i].clone())
                    .collect::<Vec<Row>>()
            })
        })
    });

    let on_text = move |ev| {
        let mut q = query.get_untracked();
        q.text = event_target_value(&ev);
        set_query(q);
    };

    let header = move |(key, label): (SortKey, FleetText)| {
        view! {
            <th scope="col" aria-sort=move || aria_sort(&query.get(), key) class=format!("col-{}", key.as_str())>
                <button type="button" class="sort" data-sort=key.as_str()
                    on:click=move |_| set_query(toggle_sort(&query.get_untracked(), key))>
                    {l.t(label)}
                    <span class="arrow" aria-hidden="true">{move || match aria_sort(&query.get(), key) {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "↕",
                    }}</span>
                </button>
            </th>
        }
    };

    let filter_button = move |(state, label): (Option<DriverState>, FleetText)| {
        let key = state
            .as_ref()
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| "all".into());
        let state_for_count = state.clone();
        let count = move || {
            counts.with(|c| match &state_for_count {
                Some(s) => c.get(s),
                None => c.total(),
            })
        };
        let state_for_pressed = state.clone();
        let pressed = move || query.with(|q| q.state == state_for_pressed);
        view! {
            <button type="button" class=format!("state-filter state-{key}") data-state=key.clone()
                aria-pressed=move || pressed().to_string()
                on:click=move |_| {
                    let mut q = query.get_untracked();
                    q.state = state.clone();
                    set_query(q);
                }>
                <span class="count">{count}</span>
                <span class="label">{l.t(label)}</span>
            </button>
        }
    };

    // The drivers on the street map, when config.json has one: the ones
    // the table shows (its filters) that have a known position.
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let map_setting =
        Memo::new(move |_| env.with(|e| e.as_ref().and_then(|e| e.config.map.clone())));
    let fleet_map = move || {
        let map = map_setting.get()?;
        let map_drivers = Memo::new(move |_| {
            let q = query.get();
            data.saved.with(|s| {
                let Some(s) = s.as_ref() else {
                    return Vec::new();
                };
                order.with(|o| {
                    o.iter()
                        .filter_map(|&i| s.snapshot.drivers.get(i))
                        .filter_map(|d| {
                            let p = d.position.as_ref()?;
                            Some(MapDriver {
                                id: d.id.clone(),
                                name: d.name.clone(),
                                state: d.state.clone(),
                                lat: p.lat,
                                lng: p.lng,
                                href: nav.href(&Screen::Fleet(FleetView {
                                    query: q.clone(),
                                    driver: Some(d.id.clone()),
                                })),
                            })
                        })
                        .collect()
                })
            })
        });
        let props = FleetMapData {
            map,
            drivers: map_drivers,
            shown: Signal::derive(move || order.with(Vec::len)),
            filter: Signal::derive(move || {
                query.with(|q| {
                    format!(
                        "{}|{}",
                        q.state.as_ref().map(|s| s.as_str()).unwrap_or(""),
                        q.text
                    )
                })
            }),
            open: Callback::new(open_driver),
        };
        Some(view! { <div class="map-slot fleet-map-slot"><FleetMapSlot props /></div> })
    };

    let shown_text = move || {
        let shown = order.with(Vec::len);
        let total = counts.with(|c| c.total());
        if shown == total {
            l.f(FleetFill::Drivers { n: &total })
        } else {
            l.f(FleetFill::ShowingOf {
                shown: &shown,
                total: &total,
            })
        }
    };

    view! {
        <h1 id="fleet-title">{l.t(FleetText::Title)}</h1>
        <FleetStatus />
        <div class="fleet-controls">
            <div class="state-filters" role="group" aria-label=l.t(FleetText::FilterByState)>
                {FILTERS.into_iter().map(filter_button).collect_view()}
            </div>
            <div class="text-filter">
                <label for="fleet-filter">{l.t(FleetText::FindLabel)}</label>
                <input id="fleet-filter" type="search" autocomplete="off" spellcheck="false"
                    prop:value=move || query.with(|q| q.text.clone()) on:input=on_text />
            </div>
        </div>
        <p class="shown">
            <span role="status" aria-live="polite">{shown_text}</span>
            <span class="legend">" · "{l.t(FleetText::Legend)}</span>
        </p>
        <div class="fleet-body">
        {fleet_map}
        <div class="table-wrap">
            <table class="fleet-table" aria-labelledby="fleet-title">
                <thead><tr>{COLUMNS.into_iter().map(header).collect_view()}</tr></thead>
                <tbody>
                    // Keyed by position: a sort or a filter rewrites the
                    // cells of the rows already on the page.
                    <For each=move || 0..visible.with(Vec::len) key=|i| *i children=move |i| {
                        let open_driver = open_driver;
                        let row = Memo::new(move |_| visible.with(|v| v.get(i).cloned()));
                        view! { <FleetRow row open=move |id| open_driver(id) /> }
                    } />
                </tbody>
            </table>
        </div>
        </div>
        <MoreRows limit total=Signal::derive(move || if windowed() { order.with(Vec::len) } else { 0 }) label=more_drivers margin=MORE_MARGIN />
        <Show when=move || data.saved.with(Option::is_some) && order.with(Vec::is_empty)>
            <p class="empty">{l.t(FleetText::NoMatch)}</p>
        </Show>
    }
}

/// One row of the table, showing whichever driver is at its position.
///
/// Rows are keyed by position, not by driver: a sort brings up mostly other
/// drivers, and building their rows anew (about 20 elements each) cost more
/// than rewriting the text and attributes of the rows already there.
#[component]
fn FleetRow(row: Memo<Option<Row>>, open: impl Fn(String) + 'static) -> impl IntoView {
    // Every cell reads the row the same way; one closure type for all of
    // them also keeps the wasm smaller than a distinct closure per cell.
    let text =
        move |f: fn(&Row) -> String| move || row.with(|r| r.as_ref().map(f).unwrap_or_default());
    let flags =
        Memo::new(move |_| row.with(|r| r.as_ref().map(|r| r.flags.clone()).unwrap_or_default()));
    let lang = use_locale().lang();
    let last_seen_exact = move || {
        row.with(|r| {
            r.as_ref()
                .map(|r| intl::exact(lang, &r.last_seen).unwrap_or_else(|| r.last_seen.clone()))
        })
    };
    let on_open = move |_| {
        if let Some(id) = row.with_untracked(|r| r.as_ref().map(|r| r.id.clone())) {
            open(id);
        }
    };
    view! {
        <tr data-driver=text(|r| r.id.clone()) data-state=text(|r| r.state_key.clone())
            class:flagged=move || flags.with(|f| !f.is_empty())>
            <td class="col-name">
                <button type="button" class="driver-link" on:click=on_open>{text(|r| r.name.clone())}</button>
                <span class="driver-id">{text(|r| r.id.clone())}</span>
            </td>
            <td class="col-state"><span class=text(|r| format!("pill state-{}", r.state_key))>{text(|r| r.state_label.clone())}</span></td>
            <td class="col-last_seen">
                // One attribute for the exact time: the native tooltip and
                // screen readers take `title`, and style/main.css shows it
                // on focus and on a phone's tap, where no tooltip appears.
                <time datetime=text(|r| r.last_seen.clone()) title=last_seen_exact>
                    {text(|r| r.last_seen_ago.clone())}
                </time>
            </td>
            <td class="col-progress">
                <span class="nums" title=text(|r| r.progress_title.clone())>
                    <strong>{text(|r| r.delivered.to_string())}</strong>{text(|r| format!(" / {} / {}", r.attempted, r.total))}
                </span>
                // One element painted by a gradient: two flex children per
                // row cost a sort more layout than the rest of the cell.
                <span class="bar fill" aria-hidden="true"
                    // Set through the CSSOM (`style.setProperty`), which the
                    // Content-Security-Policy allows; a `style` attribute would
                    // need 'unsafe-inline'.
                    style=("--done", text(|r| format!("{}%", r.delivered_pct)))
                    style=("--tried", text(|r| format!("{}%", r.delivered_pct + r.attempted_pct)))></span>
            </td>
            <td class="col-next_stop">{text(|r| r.next_stop.clone().unwrap_or_else(|| "—".into()))}</td>
            <td class="col-flags">
                {move || flags.with(|f| (!f.is_empty()).then(|| view! {
                    <ul class="flags">
                        {f.iter().map(|f| view! {
                            <li class=format!("flag flag-{}", f.kind) title=f.detail.clone()>{f.label.clone()}</li>
                        }).collect_view()}
                    </ul>
                }))}
            </td>
        </tr>
    }
}

/// [`MoreRows`]' words on the fleet table.
fn more_drivers(lang: Lang, left: usize) -> String {
    FleetFill::MoreDrivers { left: &left }.fill(lang)
}
