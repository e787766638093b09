//! Application state shared by the screens: a few well-named context types
//! holding signals, and the actions that change them. Components read these
//! through `expect_context`, never through globals.

pub mod fleet;
pub mod locale;
pub mod map_tiles;
pub mod navigation;
pub mod routebook;
pub mod session;
pub mod sign_in;
pub mod sign_out;
pub mod status_page;
pub mod upkeep;

use crate::model::config::Config;
use crate::platform::api::Api;

/// The environment the app runs in: its config and the API client.
#[derive(Clone)]
pub struct AppEnv {
    pub config: Config,
    pub api: Api,
}
