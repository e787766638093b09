//! Pure domain types and logic. No web-sys, no signals: everything here
//! builds and is tested natively with `cargo test`.

#[cfg(test)]
pub(crate) mod arb;
pub mod config;
pub mod envelope;
pub mod event;
pub mod export_file;
pub mod fleet;
pub mod fleet_table;
pub mod fleet_view;
pub mod handoff;
pub mod i18n;
#[cfg(not(target_arch = "wasm32"))]
pub mod invariants;
pub mod manifest;
pub mod map;
pub mod marks;
pub mod navigate;
pub mod outage;
pub mod outbox;
pub mod progress;
pub mod refresh;
pub mod retention;
pub mod route;
pub mod route_view;
pub mod screen;
pub mod search;
pub mod session;
pub mod storage_keys;
pub mod text_enum;
pub mod time;
pub mod unreadable_marks;
pub mod url;
pub mod validate;
pub mod wire;
