//! Settings screen (being written).

use leptos::prelude::*;

#[component]
pub fn SettingsScreen() -> impl IntoView {
    view! { <section><h1>"Settings"</h1></section> }
}
