//! Loads `config.json` from next to `index.html`, so one build serves any
//! host and path, and an operator can change it without rebuilding.

use gloo_net::http::Request;

use super::location::asset_url;
use crate::model::config::{Config, ConfigError};

pub async fn load_config() -> Result<Config, ConfigError> {
    load_config_from(&asset_url("config.json")).await
}

/// Fetches and parses a config from `url` (tests use `data:` URLs).
pub async fn load_config_from(url: &str) -> Result<Config, ConfigError> {
    let response = Request::get(url)
        .header("Cache-Control", "no-cache")
        .send()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    if !response.ok() {
        return Err(ConfigError::NotFound {
            status: response.status(),
        });
    }
    let text = response
        .text()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    Config::parse(&text)
}
