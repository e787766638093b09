//! The screen switcher. Drivers get Manifest, Route, Share and Settings;
//! dispatchers get Fleet, Import and Settings.

use leptos::prelude::*;

use super::screen_link::ScreenLink;
use crate::model::i18n::catalogues::AppText;
use crate::model::screen::Screen;
use crate::model::session::Role;
use crate::state::locale::use_locale;
use crate::state::session::SessionState;

#[component]
pub fn NavBar() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let l = use_locale();
    let role = move || session.user.with(|u| u.as_ref().map(|u| u.role.clone()));
    move || {
        let links: Vec<(Screen, AppText)> = match role() {
            Some(Role::Dispatcher) => vec![
                (Screen::Home, AppText::NavFleet),
                (Screen::Import, AppText::NavImport),
                (Screen::Settings, AppText::NavSettings),
            ],
            Some(_) => vec![
                (Screen::Home, AppText::NavManifest),
                (Screen::Route, AppText::NavRoute),
                (Screen::Share, AppText::NavShare),
                (Screen::Settings, AppText::NavSettings),
            ],
            None => vec![
                (Screen::Home, AppText::NavSignIn),
                (Screen::Import, AppText::NavImport),
                (Screen::Settings, AppText::NavSettings),
            ],
        };
        view! {
            <nav class="nav-bar" aria-label=l.t(AppText::NavScreens)>
                {links.into_iter().map(|(screen, label)| view! { <ScreenLink screen>{l.t(label)}</ScreenLink> }).collect_view()}
            </nav>
        }
    }
}
