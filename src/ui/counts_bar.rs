//! Live counts at the top of the manifest.

use leptos::prelude::*;

use crate::state::routebook::RouteBook;

#[component]
pub fn CountsBar() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let c = book.counts;
    view! {
        <dl class="counts" aria-label="Progress">
            <div><dt>"Remaining"</dt><dd data-count="remaining">{move || c.get().remaining}</dd></div>
            <div><dt>"Delivered"</dt><dd data-count="delivered">{move || c.get().delivered}</dd></div>
            <div><dt>"Attempted"</dt><dd data-count="attempted">{move || c.get().attempted}</dd></div>
            <div><dt>"Total"</dt><dd data-count="total">{move || c.get().total}</dd></div>
            <div><dt>"Stops left"</dt><dd data-count="stops-left">{move || c.get().stops_left}</dd></div>
        </dl>
    }
}
