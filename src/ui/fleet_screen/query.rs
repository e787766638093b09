//! The table's view (state filter, text, sort) and the URL that follows it.
//!
//! The table answers to the query at once; the URL follows a moment later.
//! Writing the URL (history.replaceState) cost more than the sort itself,
//! and a dispatcher typing a name does not need one history entry per
//! keystroke.

use std::time::Duration;

use leptos::prelude::*;

use super::fleet_view;
use crate::model::fleet_view::FleetQuery;
use crate::model::screen::{FleetView, Screen};
use crate::state::navigation::Navigation;

/// How long after a sort, filter or keystroke the URL catches up.
const URL_FOLLOWS: Duration = Duration::from_millis(400);

/// The query the table shows, and the pending URL write.
#[derive(Clone, Copy)]
pub struct TableQuery {
    pub query: RwSignal<FleetQuery>,
    nav: Navigation,
    url_write: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl TableQuery {
    /// Starts from the URL's view, and follows it when Back, Forward or a
    /// link changes it.
    pub fn new(nav: Navigation) -> Self {
        let view = fleet_view(nav);
        let url_query = Memo::new(move |_| view.with(|v| v.query.clone()));
        let query = RwSignal::new(url_query.get_untracked());
        Effect::new(move |_| {
            let q = url_query.get();
            if query.with_untracked(|c| *c != q) {
                query.set(q);
            }
        });
        let this = TableQuery {
            query,
            nav,
            url_write: StoredValue::new_local(None),
        };
        on_cleanup(move || this.cancel_url_write());
        this
    }

    fn cancel_url_write(self) {
        self.url_write.update_value(|h| {
            if let Some(h) = h.take() {
                h.clear();
            }
        })
    }

    /// Shows `q` now; the URL follows after [`URL_FOLLOWS`].
    pub fn set(self, q: FleetQuery) {
        self.query.set(q);
        self.cancel_url_write();
        let handle = set_timeout_with_handle(
            move || {
                self.url_write.set_value(None);
                self.nav.replace(Screen::Fleet(FleetView {
                    query: self.query.get_untracked(),
                    driver: None,
                }));
            },
            URL_FOLLOWS,
        );
        self.url_write.set_value(handle.ok());
    }

    /// Opens a driver's detail, keeping the table's view for Back.
    pub fn open_driver(self, id: String) {
        self.cancel_url_write();
        self.nav.go(Screen::Fleet(FleetView {
            query: self.query.get_untracked(),
            driver: Some(id),
        }));
    }
}
