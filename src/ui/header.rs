//! The header: who is signed in, how old the data is, and the connection.

use leptos::prelude::*;

use crate::model::i18n::catalogues::{AppFill, AppText};
use crate::model::time::human_duration_in;
use crate::platform::clock::now_ms;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;
use crate::state::session::SessionState;
use crate::state::upkeep::Connectivity;

#[component]
pub fn Header() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let book = expect_context::<RouteBook>();
    let connectivity = expect_context::<Connectivity>();
    let tick = connectivity.tick;
    let l = use_locale();

    let age = move || {
        tick.track();
        book.saved.with(|s| {
            s.as_ref().map(|s| {
                let age_ms = now_ms() - s.saved_at_ms;
                if age_ms < 60_000 {
                    l.t(AppText::UpdatedJustNow).to_string()
                } else {
                    l.f(AppFill::UpdatedAgo {
                        ago: &human_duration_in(l.lang(), age_ms),
                    })
                }
            })
        })
    };
    let online = move || connectivity.online.get();

    view! {
        <header class="top">
            <div class="brand">{l.t(AppText::Brand)}</div>
            <div class="who">
                {move || session.user.get().map(|u| view! { <span class="name">{u.name}</span> })}
                {move || age().map(|a| view! { <span class="age">{a}</span> })}
            </div>
            <div class="net" class:offline=move || !online() role="status">
                {move || l.t(if online() { AppText::Online } else { AppText::Offline })}
            </div>
        </header>
    }
}
