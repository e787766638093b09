//! Roadbook: a delivery driver's manifest and route that keeps working when
//! the company's platform does not.
//!
//! Layers, outermost last:
//! - [`model`]: pure domain types and decisions (native, unit-tested).
//! - [`backend`]: the simulated demo backend, also pure, so the contract it
//!   serves is tested natively.
//! - `platform` (wasm only): thin typed wrappers over browser APIs.
//! - `ui` (wasm only): Leptos components.

pub mod backend;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;
