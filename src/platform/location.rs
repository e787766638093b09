//! Where the app lives. One build must work at `/` and under a sub-path such
//! as `/roadbook/`, so nothing may assume the root.

use wasm_bindgen::JsCast;

/// The app's base path, with a trailing slash (`/` or `/roadbook/`).
///
/// Taken from the module-preload link Trunk writes into `index.html`: its
/// `href` property is the absolute URL of the app's own JS, which always sits
/// at the app root, whatever deep link the page was opened on.
pub fn app_base() -> String {
    let from_link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("link[rel=modulepreload]").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlLinkElement>().ok())
        .map(|link| link.href())
        .and_then(|href| web_sys::Url::new(&href).ok())
        .map(|url| url.pathname());
    let path = from_link.unwrap_or_else(|| {
        web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_else(|| "/".into())
    });
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => "/".to_string(),
    }
}

/// The absolute path of a file shipped next to `index.html`.
pub fn asset_url(file: &str) -> String {
    format!("{}{}", app_base(), file)
}

/// The absolute path of an in-app screen: `app_path("route")` is
/// `/roadbook/route` under a sub-path, `/route` at the root; `app_path("")`
/// is the base itself, trailing slash included (the service worker's scope
/// is `/roadbook/`, so home must never become `/roadbook`).
pub fn app_path(screen: &str) -> String {
    format!("{}{}", app_base(), screen.trim_start_matches('/'))
}
