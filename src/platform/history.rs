//! The browser's address bar and history, for in-app navigation without a
//! page load.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The page's current `(pathname, search)`.
pub fn current() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let read = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    (
        read(web_sys::Location::pathname),
        read(web_sys::Location::search),
    )
}

/// A new history entry at `url` (same origin), without loading it.
pub fn push(url: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// The current history entry becomes `url`, without loading it.
pub fn replace(url: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// A new screen starts at its top, as a page load would.
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Calls `on_change` when Back or Forward moves through the history.
pub fn on_back_or_forward(on_change: impl Fn() + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn()>::new(on_change);
    let _ = w.add_event_listener_with_callback("popstate", cb.as_ref().unchecked_ref());
    // Lives as long as the page.
    cb.forget();
}
