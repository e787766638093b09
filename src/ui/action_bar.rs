//! The manifest's bottom bar: the next stop, undo, and how the marks stand.

use leptos::prelude::*;

use super::driver_view::scroll_stop_into_view;
use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::state::locale::use_locale;
use crate::state::routebook::{RouteBook, Sync};

/// Sticky bottom bar, in thumb reach: jump to the next stop, undo, and the
/// state of unsent marks.
#[component]
pub fn ActionBar(next_id: Memo<Option<String>>) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let unsent = move || book.marks.with(|m| m.unsent());
    let can_undo = move || book.marks.with(|m| m.undo_target().is_some());
    let sync_text = move || match (book.sync.get(), unsent()) {
        (Sync::Sending, n) => l.f(F::SyncSending { n: &n }),
        (_, 0) => l.t(T::SyncAllSent).to_string(),
        (Sync::Failed(_), n) => l.f(F::SyncFailed { n: &n }),
        (Sync::Idle, n) => l.f(F::SyncWaiting { n: &n }),
    };
    view! {
        <div class="action-bar">
            <p class="sync" role="status" aria-live="polite">{sync_text}</p>
            <div class="bar-buttons">
                <button type="button" class="secondary to-next" disabled=move || next_id.with(Option::is_none)
                    on:click=move |_| {
                        if let Some(id) = next_id.get_untracked() {
                            scroll_stop_into_view(format!("stop-{id}"));
                        }
                    }>{l.t(T::NextStop)}</button>
                <button type="button" class="secondary undo" disabled=move || !can_undo()
                    on:click=move |_| { book.undo(); }>{l.t(T::UndoLast)}</button>
            </div>
        </div>
    }
}
