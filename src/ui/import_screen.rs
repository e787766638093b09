//! Import a manifest screen (being written).

use leptos::prelude::*;

#[component]
pub fn ImportScreen() -> impl IntoView {
    view! { <section><h1>"Import a manifest"</h1></section> }
}
