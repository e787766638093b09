//! Route screen (being written).

use leptos::prelude::*;

#[component]
pub fn RouteScreen() -> impl IntoView {
    view! { <section><h1>"Route"</h1></section> }
}
