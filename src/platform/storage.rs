//! Browser storage (localStorage and sessionStorage), with every failure
//! mapped to a domain error.
//!
//! A blocked (Safari private mode, cookies disabled: `SecurityError`) or
//! full storage is an ordinary error the UI explains, and the app keeps
//! running from memory. Why this is web-sys and not gloo-storage (which
//! throws instead, and stores every value as JSON): docs/storage.md.

use std::fmt;

use wasm_bindgen::{JsCast, JsValue};

pub use crate::model::storage_keys::{Area, StorageKey};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refuses storage to this page (privacy settings).
    Blocked(String),
    /// The quota is used up.
    Full,
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Blocked(m) => write!(f, "storage is blocked by the browser ({m})"),
            StorageError::Full => write!(f, "storage is full"),
            StorageError::Other(m) => write!(f, "storage failed ({m})"),
        }
    }
}

fn map_js(err: JsValue) -> StorageError {
    let name = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()))
        .or_else(|| {
            js_sys::Reflect::get(&err, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string())
        })
        .unwrap_or_default();
    let message = js_sys::Reflect::get(&err, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| name.clone());
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
        "SecurityError" => StorageError::Blocked(message),
        _ => StorageError::Other(message),
    }
}

fn area(which: Area) -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Other("no window".into()))?;
    let got = match which {
        Area::Local => window.local_storage(),
        Area::Session => window.session_storage(),
        // A cache holds responses, not text: only `remove` applies to it.
        Area::Cache => return Err(StorageError::Other("a cache is not a text store".into())),
    };
    got.map_err(map_js)?
        .ok_or_else(|| StorageError::Blocked("storage is not available".into()))
}

// Keys are the declared ones (`model::storage_keys`), each read from and
// written to the area it is declared in.

pub fn get(key: &StorageKey) -> Result<Option<String>, StorageError> {
    area(key.area)?.get_item(key.name).map_err(map_js)
}

pub fn set(key: &StorageKey, value: &str) -> Result<(), StorageError> {
    area(key.area)?.set_item(key.name, value).map_err(map_js)
}

pub fn remove(key: &StorageKey) -> Result<(), StorageError> {
    if key.area == Area::Cache {
        return remove_cache(key.name);
    }
    area(key.area)?.remove_item(key.name).map_err(map_js)
}

/// Deletes the cache `name`. The deletion finishes in the background; a
/// run still writing to it writes to a cache nobody can open again.
fn remove_cache(name: &str) -> Result<(), StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Other("no window".into()))?;
    // Absent on insecure origins and in some private modes: nothing stored.
    if !js_sys::Reflect::has(&window, &"caches".into()).unwrap_or(false) {
        return Ok(());
    }
    let _ = window.caches().map_err(map_js)?.delete(name);
    Ok(())
}
