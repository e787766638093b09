//! The screen switcher. Drivers get Manifest, Route, Share and Settings;
//! dispatchers get Fleet, Import and Settings.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::i18n::catalogues::AppText;
use crate::model::session::Role;
use crate::platform::location::app_path;
use crate::state::locale::use_locale;
use crate::state::session::SessionState;

#[component]
pub fn NavBar() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let l = use_locale();
    let role = move || session.user.with(|u| u.as_ref().map(|u| u.role.clone()));
    move || {
        let links: &[(&str, AppText)] = match role() {
            Some(Role::Dispatcher) => &[
                ("", AppText::NavFleet),
                ("import", AppText::NavImport),
                ("settings", AppText::NavSettings),
            ],
            Some(_) => &[
                ("", AppText::NavManifest),
                ("route", AppText::NavRoute),
                ("share", AppText::NavShare),
                ("settings", AppText::NavSettings),
            ],
            None => &[
                ("", AppText::NavSignIn),
                ("import", AppText::NavImport),
                ("settings", AppText::NavSettings),
            ],
        };
        view! {
            <nav class="nav-bar" aria-label=l.t(AppText::NavScreens)>
                {links.iter().map(|(href, label)| view! { <A href=app_path(href) exact=true>{l.t(*label)}</A> }).collect_view()}
            </nav>
        }
    }
}
