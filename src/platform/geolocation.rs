//! The device's location, through the browser's Geolocation API.
//!
//! Every failure becomes a [`GeoError`] the screen can put in words; the UI
//! never sees a raw `GeolocationPositionError`. A [`Watch`] stops the
//! browser's watch when it is dropped, so a screen that holds one for its
//! lifetime cannot leave the GPS running after it closes.

use std::fmt;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// One location reading.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fix {
    pub lat: f64,
    pub lng: f64,
    /// Radius of 95 % confidence, metres.
    pub accuracy_m: f64,
}

/// Why there is no location.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeoError {
    /// The driver (or the browser's settings) refused location to this page.
    Denied,
    /// The device could not work out where it is (no GPS fix, no network).
    Unavailable,
    /// No reading arrived in time; the watch keeps trying.
    Timeout,
    /// This browser has no Geolocation API (or it is blocked outright, as on
    /// pages not served over HTTPS).
    Unsupported,
}

impl GeoError {
    /// From `GeolocationPositionError.code` (1 denied, 2 unavailable,
    /// 3 timeout).
    pub fn from_code(code: u16) -> GeoError {
        match code {
            1 => GeoError::Denied,
            3 => GeoError::Timeout,
            _ => GeoError::Unavailable,
        }
    }
}

impl fmt::Display for GeoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GeoError::Denied => "location is not allowed for Roadbook",
            GeoError::Unavailable => "this phone cannot find its location right now",
            GeoError::Timeout => "finding your location is taking a while",
            GeoError::Unsupported => "this browser cannot share its location",
        })
    }
}

// web-sys has `GeolocationPosition` only behind its unstable-API flag, so
// the callbacks take plain values and read the few fields they need.
type FixCallback = Closure<dyn FnMut(JsValue)>;
type ErrorCallback = Closure<dyn FnMut(JsValue)>;

fn number(obj: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key))
        .ok()?
        .as_f64()
}

/// Reads `position.coords` into a [`Fix`]; `None` if it is not usable.
fn read_fix(position: &JsValue) -> Option<Fix> {
    let coords = js_sys::Reflect::get(position, &JsValue::from_str("coords")).ok()?;
    let fix = Fix {
        lat: number(&coords, "latitude")?,
        lng: number(&coords, "longitude")?,
        accuracy_m: number(&coords, "accuracy").unwrap_or(f64::NAN),
    };
    (fix.lat.is_finite() && fix.lng.is_finite() && fix.lat.abs() <= 90.0 && fix.lng.abs() <= 180.0)
        .then_some(fix)
}

/// A running `watchPosition`. Dropping it clears the watch.
pub struct Watch {
    geolocation: web_sys::Geolocation,
    id: i32,
    // Kept alive for as long as the browser may call them.
    _on_fix: FixCallback,
    _on_error: ErrorCallback,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.geolocation.clear_watch(self.id);
    }
}

fn geolocation() -> Result<web_sys::Geolocation, GeoError> {
    let navigator = web_sys::window().ok_or(GeoError::Unsupported)?.navigator();
    // `navigator.geolocation` is missing on old browsers and some embedded
    // web views; web-sys would turn that into an unusable object.
    let present =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("geolocation")).unwrap_or(false);
    if !present {
        return Err(GeoError::Unsupported);
    }
    navigator.geolocation().map_err(|_| GeoError::Unsupported)
}

/// Starts watching the location. `on_fix` gets every reading; `on_error`
/// every failure (after a timeout the browser keeps trying, and a later
/// reading may still arrive). Asks for permission if the page has none.
pub fn watch(
    mut on_fix: impl FnMut(Fix) + 'static,
    mut on_error: impl FnMut(GeoError) + 'static,
) -> Result<Watch, GeoError> {
    let geolocation = geolocation()?;
    // A reading without usable coordinates is skipped; the next one may do.
    let fix_cb: FixCallback = Closure::new(move |p: JsValue| {
        if let Some(fix) = read_fix(&p) {
            on_fix(fix);
        }
    });
    let error_cb: ErrorCallback = Closure::new(move |e: JsValue| {
        let code = number(&e, "code").unwrap_or(2.0) as u16;
        on_error(GeoError::from_code(code));
    });
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(true);
    // A reading up to 15 s old is good enough for "350 m NE".
    options.set_maximum_age(15_000);
    options.set_timeout(30_000);
    let id = geolocation
        .watch_position_with_error_callback_and_options(
            fix_cb.as_ref().unchecked_ref(),
            Some(error_cb.as_ref().unchecked_ref()),
            &options,
        )
        .map_err(|_| GeoError::Unsupported)?;
    Ok(Watch {
        geolocation,
        id,
        _on_fix: fix_cb,
        _on_error: error_cb,
    })
}

/// Whether the page already has permission to read the location, so a
/// watch can start without a prompt. `false` when unknown (no Permissions
/// API, as on older Safari).
pub async fn already_granted() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let Ok(permissions) = js_sys::Reflect::get(&navigator, &JsValue::from_str("permissions"))
    else {
        return false;
    };
    if permissions.is_undefined() || permissions.is_null() {
        return false;
    }
    let Ok(query) = js_sys::Reflect::get(&permissions, &JsValue::from_str("query")) else {
        return false;
    };
    let Some(query) = query.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let descriptor = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &descriptor,
        &JsValue::from_str("name"),
        &JsValue::from_str("geolocation"),
    );
    let Ok(promise) = query.call1(&permissions, &descriptor) else {
        return false;
    };
    let Ok(status) = JsFuture::from(js_sys::Promise::from(promise)).await else {
        return false;
    };
    js_sys::Reflect::get(&status, &JsValue::from_str("state"))
        .ok()
        .and_then(|s| s.as_string())
        .is_some_and(|s| s == "granted")
}
