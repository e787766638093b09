//! The fleet's freshness line ("Updated at 07:42"), the signed-out note,
//! and the outage guidance over the saved fleet.

use leptos::prelude::*;

use crate::model::fleet_table::relative_age_in;
use crate::model::i18n::catalogues::{FleetFill, FleetText};
use crate::model::i18n::{around_mark, MARK};
use crate::model::outage::{SavedContext, SavedPlace};
use crate::model::screen::Screen;
use crate::platform::clock::local_offset_min;
use crate::platform::intl;
use crate::state::fleet::FleetData;
use crate::state::locale::use_locale;
use crate::state::session::SessionState;
use crate::ui::guidance_panel::GuidancePanel;
use crate::ui::screen_link::ScreenLink;

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
