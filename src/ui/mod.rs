//! Leptos components, one screen or widget per file.

mod action_bar;
mod app;
mod contrast_toggle;
mod counts_bar;
mod demo_panel;
mod driver_view;
mod fleet_driver;
mod fleet_map;
mod fleet_screen;
mod guidance_panel;
mod handoff_actions;
mod header;
mod import_screen;
mod kept_on_phone;
mod language_picker;
mod later;
mod long_text;
mod manifest_notices;
mod manifest_screen;
mod manifest_search;
mod map_slot;
mod nav_bar;
mod nav_links;
mod route_map;
mod route_screen;
mod route_sketch;
mod saved_line;
mod screen_link;
mod server_offer;
mod settings_screen;
mod setup_error;
mod share_screen;
mod sign_in;
mod snapshot;
mod status_panel;
mod stop_card;
mod stop_list;
mod street_map;
mod update_banner;

use leptos::prelude::*;

use crate::platform::first_paint;
use crate::state::locale::{load_words, preferred};

pub use app::App;
/// Exposed for the browser tests.
pub use setup_error::SetupError as SetupErrorView;

/// Mounts the app, taking over from what was painted before it loaded.
pub fn start() {
    // A share link (`…/#import=…`) opens on the Import screen.
    import_screen::redirect_import_link();
    // A Spanish-speaking driver's words come first (a chunk of their own,
    // from the service worker's cache after the first visit); what was
    // painted before the app stays up meanwhile.
    // (wasm-bindgen's executor: Leptos' own starts with the mount below.)
    wasm_bindgen_futures::spawn_local(async move {
        load_words(preferred()).await;
        // Read in the task that mounts: nothing typed in between is lost.
        let typed = first_paint::typed();
        let Some(root) = first_paint::app_root() else {
            return;
        };
        let carried = typed.clone();
        let handle = leptos::mount::mount_to(root, move || view! { <App typed=carried /> });
        // Same task as the first render: no frame shows both, or neither.
        first_paint::take_over(&typed);
        // The app lives as long as the page.
        handle.forget();
    });
}
