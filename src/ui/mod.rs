//! Leptos components, one screen or widget per file.

mod app;
mod counts_bar;
mod demo_panel;
mod fleet_screen;
mod guidance_panel;
mod header;
mod import_screen;
mod manifest_screen;
mod nav_bar;
mod route_screen;
mod settings_screen;
mod setup_error;
mod share_screen;
mod sign_in;
mod stop_card;

pub use app::App;

/// Mounts the app on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}
