//! Share manifest screen (being written).

use leptos::prelude::*;

#[component]
pub fn ShareScreen() -> impl IntoView {
    view! { <section><h1>"Share manifest"</h1></section> }
}
