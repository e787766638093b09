//! The fleet table: sortable headers, and the drivers the filters let
//! through, put on the page a window at a time.

use leptos::prelude::*;

use super::controls::FleetControls;
use super::map::FleetMapBeside;
use super::query::TableQuery;
use super::row::FleetRow;
use super::FleetStatus;
use crate::model::fleet_table::{aria_sort, row_in, toggle_sort, Row};
use crate::model::fleet_view::{state_counts, FleetIndex, SortKey};
use crate::model::i18n::catalogues::{FleetFill, FleetText};
use crate::model::i18n::{Fill, Lang};
use crate::state::fleet::FleetData;
use crate::state::locale::use_locale;
use crate::state::navigation::Navigation;
use crate::ui::driver_view::MoreRows;

/// The label, URL word and column of each sortable header.
const COLUMNS: [(SortKey, FleetText); 6] = [
    (SortKey::Name, FleetText::ColDriver),
    (SortKey::State, FleetText::ColState),
    (SortKey::LastSeen, FleetText::ColLastSeen),
    (SortKey::Progress, FleetText::ColProgress),
    (SortKey::NextStop, FleetText::ColNextStop),
    (SortKey::Flags, FleetText::ColFlags),
];

/// Rows on the page before the dispatcher scrolls further: a 1440×900
/// screen shows 8 below the controls. Every sort and filter rewrites and
/// lays out the whole window (each row costs layout time: see
/// docs/performance.md), so it is kept just over a screenful; more follow,
/// in windows of this size, as the dispatcher scrolls (or on a taller
/// screen, at once).
const FIRST_ROWS: usize = 12;

/// Fleets up to this size are shown whole, not a window at a time.
const WHOLE_FLEET: usize = 30;

/// The next window comes when the table's end is this near the screen.
const MORE_MARGIN: &str = "150px 0px";

#[component]
pub fn FleetTable() -> impl IntoView {
    let data = expect_context::<FleetData>();
    let l = use_locale();
    let table = TableQuery::new(expect_context::<Navigation>());
    let query = table.query;

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

    let header = move |(key, label): (SortKey, FleetText)| {
        view! {
            <th scope="col" aria-sort=move || aria_sort(&query.get(), key) class=format!("col-{}", key.as_str())>
                <button type="button" class="sort" data-sort=key.as_str()
                    on:click=move |_| table.set(toggle_sort(&query.get_untracked(), key))>
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

    view! {
        <h1 id="fleet-title">{l.t(FleetText::Title)}</h1>
        <FleetStatus />
        <FleetControls table counts order />
        <div class="fleet-body">
        <FleetMapBeside table order />
        <div class="table-wrap">
            <table class="fleet-table" aria-labelledby="fleet-title">
                <thead><tr>{COLUMNS.into_iter().map(header).collect_view()}</tr></thead>
                <tbody>
                    // Keyed by position: a sort or a filter rewrites the
                    // cells of the rows already on the page.
                    <For each=move || 0..visible.with(Vec::len) key=|i| *i children=move |i| {
                        let row = Memo::new(move |_| visible.with(|v| v.get(i).cloned()));
                        view! { <FleetRow row open=move |id| table.open_driver(id) /> }
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

/// [`MoreRows`]' words on the fleet table.
fn more_drivers(lang: Lang, left: usize) -> String {
    FleetFill::MoreDrivers { left: &left }.fill(lang)
}
