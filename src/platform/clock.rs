//! The device clock.

use crate::model::time::EpochMs;

pub fn now_ms() -> EpochMs {
    js_sys::Date::now() as EpochMs
}

/// The device's offset from UTC in minutes east (−480 in Portland in winter).
pub fn local_offset_min() -> i32 {
    // getTimezoneOffset is minutes *west* of UTC.
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// `navigator.onLine`: false means the device is sure it has no network.
pub fn device_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}
