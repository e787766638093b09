//! The screens that load later: their code is in chunks of their own (see
//! `platform::split`), fetched the first time they are opened, so the
//! driver's first screen does not wait for the dispatcher's.
//!
//! This is the one place the UI opens a chunk: a chunk that does not arrive
//! shows a named, recoverable notice instead of taking the app down.

use leptos::prelude::*;

use super::demo_panel::DemoControls;
use super::fleet_screen::FleetScreen;
use super::import_screen::ImportScreen;
use super::route_screen::RouteScreen;
use super::settings_screen::SettingsScreen;
use super::share_screen::ShareScreen;
use crate::model::i18n::catalogues::AppText;
use crate::model::session::Role;
use crate::platform::split::PartMissing;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;
use crate::state::session::SessionState;
use crate::{later, split_point};

/// A part of the app that is not in the first download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Fleet,
    Route,
    Import,
    Share,
    Settings,
    DemoControls,
}

impl Part {
    async fn view(self) -> Result<AnyView, PartMissing> {
        match self {
            Part::Fleet => later!(fleet_part()),
            Part::Route => later!(route_part()),
            Part::Import => later!(import_part()),
            Part::Share => later!(share_part()),
            Part::Settings => later!(settings_part()),
            Part::DemoControls => later!(demo_controls_part()),
        }
    }
}

split_point!(
    fleet,
    fn fleet_part() -> Result<AnyView, PartMissing> {
        Ok(view! { <FleetScreen /> }.into_any())
    }
);
split_point!(
    route,
    fn route_part() -> Result<AnyView, PartMissing> {
        Ok(view! { <RouteScreen /> }.into_any())
    }
);
split_point!(
    import,
    fn import_part() -> Result<AnyView, PartMissing> {
        Ok(view! { <ImportScreen /> }.into_any())
    }
);
split_point!(
    share,
    fn share_part() -> Result<AnyView, PartMissing> {
        Ok(view! { <ShareScreen /> }.into_any())
    }
);
split_point!(
    settings,
    fn settings_part() -> Result<AnyView, PartMissing> {
        Ok(view! { <SettingsScreen /> }.into_any())
    }
);
split_point!(
    demo,
    fn demo_controls_part() -> Result<AnyView, PartMissing> {
        Ok(view! { <DemoControls /> }.into_any())
    }
);

/// Shows `part`, fetching its code first if this is the first time.
#[component]
pub fn Later(part: Part) -> impl IntoView {
    let l = use_locale();
    // Bumped by "Try again": the chunk is fetched anew.
    let tries = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || view! { <p class="empty" role="status">{l.t(AppText::PartLoading)}</p> }>
            {move || {
                tries.track();
                Suspend::new(async move {
                    match part.view().await {
                        Ok(view) => view,
                        Err(PartMissing) => view! { <PartMissingNotice tries /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn PartMissingNotice(tries: RwSignal<u32>) -> impl IntoView {
    let l = use_locale();
    let session = expect_context::<SessionState>();
    let book = expect_context::<RouteBook>();
    // "Your manifest and marks are safe" only where there are some.
    let driver_with_manifest = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Driver))
            && book.saved.with(Option::is_some)
    };
    view! {
        <section class="notice warn part-missing" role="alert">
            <h2>{l.t(AppText::PartMissingTitle)}</h2>
            <p>{move || l.t(if driver_with_manifest() { AppText::PartMissingWhy } else { AppText::PartMissingWhyNothingLost })}</p>
            <button type="button" class="primary" on:click=move |_| tries.update(|n| *n += 1)>
                {l.t(AppText::PartMissingRetry)}
            </button>
        </section>
    }
}
