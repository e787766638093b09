//! The screen switcher. Drivers get Manifest, Route, Share and Settings;
//! dispatchers get Fleet, Import and Settings.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::session::Role;
use crate::platform::location::app_path;
use crate::state::session::SessionState;

#[component]
pub fn NavBar() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let role = move || session.user.with(|u| u.as_ref().map(|u| u.role.clone()));
    move || {
        let links: &[(&str, &str)] = match role() {
            Some(Role::Dispatcher) => &[
                ("", "Fleet"),
                ("import", "Import"),
                ("settings", "Settings"),
            ],
            Some(_) => &[
                ("", "Manifest"),
                ("route", "Route"),
                ("share", "Share"),
                ("settings", "Settings"),
            ],
            None => &[
                ("", "Sign in"),
                ("import", "Import"),
                ("settings", "Settings"),
            ],
        };
        view! {
            <nav class="nav-bar" aria-label="Screens">
                {links.iter().map(|(href, label)| view! { <A href=app_path(href) exact=true>{*label}</A> }).collect_view()}
            </nav>
        }
    }
}
