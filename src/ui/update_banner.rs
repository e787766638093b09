//! "Update available — reload": a new version waits for the driver's go,
//! never swapping the app mid-delivery.

use leptos::prelude::*;

use crate::platform::service_worker::apply_update;

/// Set when a new version of the app has installed and is waiting.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let UpdateReady(ready) = expect_context::<UpdateReady>();
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>"Update available."</span>
                <button type="button" class="primary" on:click=move |_| apply_update()>"Reload"</button>
                <button type="button" class="secondary" on:click=move |_| ready.set(false)>"Later"</button>
            </div>
        </Show>
    }
}
