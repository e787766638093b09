//! The simulated backend used when `config.json` says `"api_base": "demo"`.
//!
//! It implements contract v1 (see `docs/api.md`) inside the page, so Roadbook
//! works fully on any static host, and it can be told to fail in each way a
//! real platform does, so every outage screen can be seen without one.

pub mod data;
pub mod fault;
pub mod rng;
pub mod server;

pub use fault::{Fault, FaultScope};
pub use server::{DemoReply, DemoServer, DemoState};
