//! The map's stylesheet, loaded with the map's code rather than with the
//! first screen: `style/map.css`, which scripts/postbuild.mjs names by its
//! hash and announces in `<meta name="roadbook-map-style">` (a build that
//! did not run it, such as a dev build, has it as plain `map.css`).

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::location::asset_url;

const LINK_ID: &str = "roadbook-map-style";

thread_local! {
    static READY: Cell<bool> = const { Cell::new(false) };
}

/// `true` once the map's stylesheet is in (or could not be had: the map is
/// then drawn as well as the page's own styles allow, rather than never).
pub fn ensure() -> RwSignal<bool> {
    let ready = RwSignal::new(READY.with(Cell::get));
    if ready.get_untracked() {
        return ready;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        ready.set(true);
        return ready;
    };
    let link = match document.get_element_by_id(LINK_ID) {
        Some(link) => link,
        None => {
            let name = document
                .query_selector("meta[name=roadbook-map-style]")
                .ok()
                .flatten()
                .and_then(|m| m.get_attribute("content"))
                .filter(|n| !n.is_empty() && !n.contains(['/', ':', '\\']))
                .unwrap_or_else(|| "map.css".to_string());
            let Ok(link) = document.create_element("link") else {
                ready.set(true);
                return ready;
            };
            let _ = link.set_attribute("id", LINK_ID);
            let _ = link.set_attribute("rel", "stylesheet");
            let _ = link.set_attribute("href", &asset_url(&name));
            if let Some(head) = document.head() {
                let _ = head.append_child(&link);
            }
            link
        }
    };
    let done = move || {
        READY.with(|r| r.set(true));
        let _ = ready.try_set(true);
    };
    for event in ["load", "error"] {
        let cb = Closure::once_into_js(done);
        let _ = link.add_event_listener_with_callback(event, cb.unchecked_ref());
    }
    // Never wait on it forever.
    set_timeout(done, std::time::Duration::from_secs(5));
    ready
}
