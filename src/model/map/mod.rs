//! The street map under the route and the fleet: where a coordinate falls
//! on a Web Mercator map, which raster tiles a view needs, the first view
//! that shows what matters, the operator's tile source from `config.json`,
//! the tiles kept for offline use within a budget, and drivers grouped so a
//! thousand of them stay readable.
//!
//! All pure: the map's code in `ui::route_map` / `ui::fleet_map` and the
//! tile cache in `platform::tile_cache` only draw and store what is decided
//! here.

pub mod camera;
pub mod clusters;
pub mod mercator;
pub mod offline;
pub mod setup;
pub mod tile_url;
pub mod tiles;

pub use camera::{Camera, Frame};
pub use mercator::World;
pub use setup::{MapSetup, MapSetupError};
pub use tile_url::TileUrl;
pub use tiles::TileId;
