//! The dispatcher's fleet screen: every driver's state, progress and flags,
//! sortable and filterable with the view kept in the URL, refreshed every
//! 30 s, and still on screen (from the last good load) during an outage.
//!
//! By concern: [`query`] (the table's view and the URL that follows it),
//! [`controls`] (state and text filters), [`table`] (the windowed table and
//! its rows), [`map`] (the drivers on the street map) and [`status`] (when
//! it was updated, or the guidance over the saved fleet).

mod controls;
mod map;
mod query;
mod row;
mod status;
mod table;

use leptos::prelude::*;

use super::app::EnvSignal;
use super::fleet_driver::DriverDetail;
use crate::model::screen::{FleetView, Screen};
use crate::platform::clock::now_ms;
use crate::state::fleet::FleetData;
use crate::state::navigation::Navigation;
use crate::state::routebook::RouteBook;
use crate::state::session::SessionState;
pub use status::FleetStatus;
use table::FleetTable;

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
