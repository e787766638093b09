//! Hand-off to the driver's GPS app: the choice of app (remembered on this
//! phone) and the "Navigate" link to a stop's coordinates.

use leptos::prelude::*;

use crate::model::i18n::catalogues::{RouteFill as F, RouteText as T};
use crate::model::i18n::Lang;
use crate::model::navigate::{nav_url, NavApp};
use crate::model::storage_keys::NAV_APP;
use crate::platform::storage;
use crate::state::locale::use_locale;

/// The app the driver chose last time (Google Maps if none, or unreadable).
pub fn saved_nav_app() -> NavApp {
    storage::get(&NAV_APP)
        .ok()
        .flatten()
        .and_then(|k| NavApp::from_key(&k))
        .unwrap_or_default()
}

#[component]
pub fn NavAppSelect(app: RwSignal<NavApp>) -> impl IntoView {
    let l = use_locale();
    let change = move |ev| {
        if let Some(a) = NavApp::from_key(&event_target_value(&ev)) {
            app.set(a);
            // If storage is blocked the choice still holds for this visit.
            let _ = storage::set(&NAV_APP, a.key());
        }
    };
    view! {
        <div class="nav-app">
            <label for="nav-app">{l.t(T::OpenDirectionsIn)}</label>
            <select id="nav-app" on:change=change>
                {NavApp::ALL.iter().map(|a| {
                    let a = *a;
                    view! { <option value=a.key() selected=move || app.get() == a>{app_name(l.lang(), a)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// "Navigate": opens the chosen app with directions to `(lat, lng)`, in a
/// new tab (or the app itself, on phones that hand the link over).
#[component]
pub fn NavigateLink(
    lat: f64,
    lng: f64,
    /// The address: the link's accessible name, and the pin label for `geo:`.
    label: String,
    #[prop(into)] app: Signal<NavApp>,
) -> impl IntoView {
    let href = {
        let label = label.clone();
        move || nav_url(app.get(), lat, lng, Some(&label))
    };
    let has_link = {
        let href = href.clone();
        move || href().is_some()
    };
    let l = use_locale();
    let name = move || {
        l.f(F::NavigateTo {
            address: &label,
            app: &app_name(l.lang(), app.get()),
        })
    };
    view! {
        <Show when=has_link.clone() fallback=move || view! {
            <p class="nav-missing">{l.t(T::NoCoordinates)}</p>
        }>
            <a class="button primary navigate" href=href.clone() target="_blank" rel="noopener"
                aria-label=name.clone()>
                <span aria-hidden="true" class="nav-icon">"➤"</span>{l.t(T::Navigate)}
            </a>
        </Show>
    }
}

/// The app's name: brand names as they are, "Other map app" translated.
fn app_name(lang: Lang, app: NavApp) -> &'static str {
    use crate::model::i18n::Text;
    match app {
        NavApp::Geo => T::OtherMapApp.text(lang),
        other => other.label(),
    }
}
