//! "Update available — reload": a new version waits for the driver's go,
//! never swapping the app mid-delivery.

use leptos::prelude::*;

use crate::model::i18n::catalogues::AppText;
use crate::platform::service_worker::apply_update;
use crate::state::locale::use_locale;

/// Set when a new version of the app has installed and is waiting.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let UpdateReady(ready) = expect_context::<UpdateReady>();
    let l = use_locale();
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>{l.t(AppText::UpdateAvailable)}</span>
                <button type="button" class="primary" on:click=move |_| apply_update()>{l.t(AppText::UpdateReload)}</button>
                <button type="button" class="secondary" on:click=move |_| ready.set(false)>{l.t(AppText::UpdateLater)}</button>
            </div>
        </Show>
    }
}
