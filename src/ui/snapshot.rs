//! Keeps the snapshot `public/prepaint.js` paints current: a second and a
//! half after the driver's manifest, marks, screen or language last
//! changed (while the browser is idle), and whenever the page is hidden.

use std::time::Duration;

use leptos::prelude::*;

use crate::model::retention::retention_deadline;
use crate::platform::first_paint::{save_snapshot, save_snapshot_when_hidden};
use crate::state::locale::Locale;
use crate::state::navigation::Navigation;
use crate::state::routebook::RouteBook;
use crate::state::AppEnv;

const AFTER_CHANGE: Duration = Duration::from_millis(1_500);

pub fn keep_current(
    book: RouteBook,
    nav: Navigation,
    locale: Locale,
    env: RwSignal<Option<AppEnv>>,
) {
    // The snapshot of a manifest is not painted past its retention.
    let until = move || {
        let hours =
            env.with_untracked(|e| e.as_ref().map(|e| e.config.retention_hours_after_block))?;
        book.saved.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| retention_deadline(&s.manifest.block.end, hours))
        })
    };
    save_snapshot_when_hidden(until);
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        book.saved.track();
        book.marks.track();
        locale.0.track();
        nav.with(|_| ());
        pending.update_value(|h| {
            if let Some(h) = h.take() {
                h.clear();
            }
        });
        let handle = set_timeout_with_handle(
            move || {
                request_idle_callback(move || {
                    // A full or blocked storage only costs the next start
                    // its early paint.
                    let _ = save_snapshot(until());
                })
            },
            AFTER_CHANGE,
        );
        pending.set_value(handle.ok());
    });
}
