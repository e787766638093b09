//! Leptos components, one screen or widget per file.

mod app;
mod counts_bar;
mod demo_panel;
mod fleet_screen;
mod guidance_panel;
mod header;
mod manifest_screen;
mod setup_error;
mod sign_in;
mod stop_card;

pub use app::App;

/// Mounts the app on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}
