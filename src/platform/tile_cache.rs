//! The map tiles kept for offline use: a service-worker cache
//! (`storage_keys::MAP_TILES`) the app fills and public/sw.js answers image
//! requests from. Every browser failure becomes a [`TileFailure`].

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::location::app_base;
use crate::model::map::offline::{TileFailure, TileIndex};
use crate::model::storage_keys::MAP_TILES;

/// A tile that has not arrived in this long is given up (the next run
/// tries again).
const TILE_TIMEOUT_MS: i32 = 15_000;

/// The address a tile is requested at, absolute: an `<img>` with a path
/// and the cache's key must be the same URL.
pub fn absolute(url: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|origin| format!("{origin}{}", app_base()))
        .unwrap_or_default();
    web_sys::Url::new_with_base(url, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_string())
}

/// Where the index of the cache is kept, inside the cache itself (so it
/// goes with the tiles). No page or image ever asks for this address.
fn index_url() -> String {
    absolute("roadbook-map-tiles-index.json")
}

fn failure_of(err: &JsValue) -> TileFailure {
    let name = js_sys::Reflect::get(err, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        TileFailure::Full
    } else {
        TileFailure::NoStorage
    }
}

/// The open tile cache.
pub struct TileStore {
    cache: web_sys::Cache,
}

impl TileStore {
    pub async fn open() -> Result<TileStore, TileFailure> {
        let window = web_sys::window().ok_or(TileFailure::NoStorage)?;
        // Absent on insecure origins and in some private modes.
        if !js_sys::Reflect::has(&window, &"caches".into()).unwrap_or(false) {
            return Err(TileFailure::NoStorage);
        }
        let caches = window.caches().map_err(|e| failure_of(&e))?;
        let cache = JsFuture::from(caches.open(MAP_TILES.name))
            .await
            .map_err(|e| failure_of(&e))?
            .dyn_into::<web_sys::Cache>()
            .map_err(|_| TileFailure::NoStorage)?;
        Ok(TileStore { cache })
    }

    /// The tile URLs in the cache (not the index).
    pub async fn urls(&self) -> Result<Vec<String>, TileFailure> {
        let keys = JsFuture::from(self.cache.keys())
            .await
            .map_err(|e| failure_of(&e))?;
        let index = index_url();
        Ok(js_sys::Array::from(&keys)
            .iter()
            .filter_map(|r| r.dyn_into::<web_sys::Request>().ok())
            .map(|r| r.url())
            .filter(|u| *u != index)
            .collect())
    }

    pub async fn index(&self) -> TileIndex {
        let text = async {
            let hit = JsFuture::from(self.cache.match_with_str(&index_url()))
                .await
                .ok()?;
            let response = hit.dyn_into::<web_sys::Response>().ok()?;
            JsFuture::from(response.text().ok()?)
                .await
                .ok()?
                .as_string()
        };
        text.await.map(|t| TileIndex::parse(&t)).unwrap_or_default()
    }

    pub async fn save_index(&self, index: &TileIndex) -> Result<(), TileFailure> {
        let response = web_sys::Response::new_with_opt_str(Some(&index.to_json()))
            .map_err(|e| failure_of(&e))?;
        JsFuture::from(self.cache.put_with_str(&index_url(), &response))
            .await
            .map(|_| ())
            .map_err(|e| failure_of(&e))
    }

    pub async fn remove(&self, url: &str) {
        let _ = JsFuture::from(self.cache.delete_with_str(url)).await;
    }

    pub async fn put(&self, url: &str, response: &web_sys::Response) -> Result<(), TileFailure> {
        JsFuture::from(self.cache.put_with_str(url, response))
            .await
            .map(|_| ())
            .map_err(|e| failure_of(&e))
    }
}

/// A fetched tile, not stored yet, and its size.
pub struct FetchedTile {
    pub response: web_sys::Response,
    pub bytes: u64,
}

/// Fetches one tile for the cache: a CORS request without cookies (a tile
/// server on another site must allow it, as most do), an image in a 2xx
/// answer, within [`TILE_TIMEOUT_MS`].
pub async fn fetch_tile(url: &str) -> Result<FetchedTile, TileFailure> {
    let window = web_sys::window().ok_or(TileFailure::Unreachable)?;
    let controller = web_sys::AbortController::new().map_err(|_| TileFailure::Unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_signal(Some(&controller.signal()));
    // An aborted fetch fails like an unreachable server, which it is.
    let on_timeout = {
        let controller = controller.clone();
        Closure::once(move || controller.abort())
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            TILE_TIMEOUT_MS,
        )
        .ok();
    let result = async {
        let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| TileFailure::Unreachable)?
            .dyn_into::<web_sys::Response>()
            .map_err(|_| TileFailure::Unreachable)?;
        if !response.ok() {
            return Err(TileFailure::Refused(response.status()));
        }
        let is_image = response
            .headers()
            .get("content-type")
            .ok()
            .flatten()
            .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("image/"));
        if !is_image {
            return Err(TileFailure::NotImage);
        }
        // Its size, read from a copy: the answer itself goes to the cache.
        let copy = response.clone().map_err(|_| TileFailure::Unreachable)?;
        let body = JsFuture::from(copy.array_buffer().map_err(|_| TileFailure::Unreachable)?)
            .await
            .map_err(|_| TileFailure::Unreachable)?;
        let bytes = u64::from(js_sys::ArrayBuffer::from(body).byte_length());
        Ok(FetchedTile { response, bytes })
    }
    .await;
    if let Some(id) = timer {
        window.clear_timeout_with_handle(id);
    }
    drop(on_timeout);
    result
}
