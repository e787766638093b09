//! Backends the app can talk to. Only the demo backend lives here: it is a
//! pure request → response function, so the contract it serves is tested
//! natively and the browser layer only adds latency and storage.

pub mod demo;
