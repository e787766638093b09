//! The thin layer over the browser. Every browser failure is mapped to a
//! domain error here, so the UI never sees a raw `JsValue`.

pub mod api;
pub mod byte_stream;
pub mod clock;
pub mod compress;
pub mod config_loader;
pub mod demo_transport;
pub mod durability;
pub mod files;
pub mod first_paint;
pub mod geolocation;
pub mod history;
pub mod http;
pub mod intl;
pub mod location;
pub mod locks;
pub mod map_style;
pub mod service_worker;
pub mod split;
pub mod storage;
pub mod tile_cache;
pub mod timer;
pub mod uuid;
