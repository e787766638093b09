//! `navigator.storage`: ask the browser not to evict Roadbook's data, and
//! report how much is used.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &"storage".into())
        .ok()
        .filter(|has| *has)?;
    Some(navigator.storage())
}

/// What the browser says about keeping this site's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// The browser promised not to evict it without asking the user.
    Persistent,
    /// It may be cleared under storage pressure (or by Safari after 7 days
    /// without a visit, unless the app is installed to the home screen).
    BestEffort,
    Unsupported,
}

/// Asks for persistent storage (after sign-in, when it matters).
pub async fn request_persistence() -> Persistence {
    let Some(m) = manager() else {
        return Persistence::Unsupported;
    };
    match m.persist() {
        Ok(p) => to_persistence(JsFuture::from(p).await),
        Err(_) => Persistence::Unsupported,
    }
}

pub async fn persistence() -> Persistence {
    let Some(m) = manager() else {
        return Persistence::Unsupported;
    };
    match m.persisted() {
        Ok(p) => to_persistence(JsFuture::from(p).await),
        Err(_) => Persistence::Unsupported,
    }
}

fn to_persistence(v: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>) -> Persistence {
    match v.ok().and_then(|v| v.as_bool()) {
        Some(true) => Persistence::Persistent,
        Some(false) => Persistence::BestEffort,
        None => Persistence::Unsupported,
    }
}

/// Bytes used and quota, when the browser tells.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = manager()?.estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let obj = value.dyn_into::<js_sys::Object>().ok()?;
    let get = |k: &str| {
        js_sys::Reflect::get(&obj, &k.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((get("usage")?, get("quota")?))
}
