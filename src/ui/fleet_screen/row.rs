//! One row of the fleet table.

use leptos::prelude::*;

use crate::model::fleet_table::Row;
use crate::platform::intl;
use crate::state::locale::use_locale;

/// One row of the table, showing whichever driver is at its position.
///
/// Rows are keyed by position, not by driver: a sort brings up mostly other
/// drivers, and building their rows anew (about 20 elements each) cost more
/// than rewriting the text and attributes of the rows already there.
#[component]
pub fn FleetRow(row: Memo<Option<Row>>, open: impl Fn(String) + 'static) -> impl IntoView {
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
