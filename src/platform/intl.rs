//! Numbers, distances, times and days in the reader's language, by the
//! browser's own `Intl` (through js-sys): Spanish gets "1,2 km" and "7:42",
//! English "1.2 km" and "7:42 AM", without shipping locale data in the wasm.
//! Every time and day on screen is formatted here, so a time reads the same
//! on every screen.
//!
//! Times are wall-clock times of a given UTC offset: the block's own (what
//! the contract carries) for the manifest's times, not the phone's zone, so
//! a driver whose phone is set to another zone still reads the times printed
//! on the labels; the phone's own for when something happened on it.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::model::i18n::Lang;
use crate::model::route::{distance_parts, DistanceUnit};
use crate::model::time::parse_rfc3339;

/// The browser's preferred languages, most preferred first.
pub fn preferred_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let nav = window.navigator();
    let mut tags: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if tags.is_empty() {
        tags.extend(nav.language());
    }
    tags
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Style {
    Integer,
    OneDecimal,
    Meters,
    KilometersOneDecimal,
    Kilometers,
    Time,
    Date,
}

thread_local! {
    // Building an Intl formatter costs far more than using one.
    static FORMATTERS: RefCell<HashMap<(Lang, Style), Function>> = RefCell::new(HashMap::new());
}

fn options(style: Style) -> Object {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
    };
    let unit = |u: &str| {
        set("style", "unit".into());
        set("unit", u.into());
        set("unitDisplay", "short".into());
    };
    match style {
        Style::Integer => set("maximumFractionDigits", 0.into()),
        Style::OneDecimal => {
            set("minimumFractionDigits", 1.into());
            set("maximumFractionDigits", 1.into());
        }
        Style::Meters => {
            unit("meter");
            set("maximumFractionDigits", 0.into());
        }
        Style::KilometersOneDecimal => {
            unit("kilometer");
            set("minimumFractionDigits", 1.into());
            set("maximumFractionDigits", 1.into());
        }
        Style::Kilometers => {
            unit("kilometer");
            set("maximumFractionDigits", 0.into());
        }
        Style::Time => {
            set("hour", "numeric".into());
            set("minute", "2-digit".into());
            set("timeZone", "UTC".into());
        }
        Style::Date => {
            set("weekday", "short".into());
            set("day", "numeric".into());
            set("month", "short".into());
            set("timeZone", "UTC".into());
        }
    }
    o
}

fn with_formatter(lang: Lang, style: Style, value: &JsValue) -> Option<String> {
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let f = cache.entry((lang, style)).or_insert_with(|| {
            let locales = Array::of1(&JsValue::from_str(lang.code()));
            let opts = options(style);
            match style {
                Style::Time | Style::Date => Intl::DateTimeFormat::new(&locales, &opts).format(),
                _ => Intl::NumberFormat::new(&locales, &opts).format(),
            }
        });
        f.call1(&JsValue::NULL, value).ok()?.as_string()
    })
}

/// A count or whole number: "3,000" / "3000" (Spanish groups from 5 digits).
pub fn integer(lang: Lang, n: f64) -> String {
    with_formatter(lang, Style::Integer, &JsValue::from_f64(n)).unwrap_or_else(|| format!("{n:.0}"))
}

/// One decimal place: "4.5" / "4,5".
pub fn one_decimal(lang: Lang, x: f64) -> String {
    with_formatter(lang, Style::OneDecimal, &JsValue::from_f64(x))
        .unwrap_or_else(|| format!("{x:.1}"))
}

/// A distance as a driver reads it, rounded as `route::distance_parts`
/// decides ("350 m", "1.2 km" / "1,2 km", "12 km").
pub fn distance(lang: Lang, meters: f64) -> String {
    let (value, unit) = distance_parts(meters);
    let style = match unit {
        DistanceUnit::Meters => Style::Meters,
        DistanceUnit::KilometersOneDecimal => Style::KilometersOneDecimal,
        DistanceUnit::Kilometers => Style::Kilometers,
    };
    with_formatter(lang, style, &JsValue::from_f64(value))
        .unwrap_or_else(|| crate::model::route::format_distance(meters))
}

/// The wall-clock time of `ms` at the block's UTC offset: "7:42 AM" / "7:42".
pub fn time(lang: Lang, ms: i64, offset_min: i32) -> String {
    let shifted = Date::new(&JsValue::from_f64(
        (ms + i64::from(offset_min) * 60_000) as f64,
    ));
    with_formatter(lang, Style::Time, &shifted)
        .unwrap_or_else(|| crate::model::time::Stamp { ms, offset_min }.local_hhmm())
}

/// The day of `ms` at the block's offset: "Wed, Nov 25" / "mié, 25 nov".
pub fn date(lang: Lang, ms: i64, offset_min: i32) -> String {
    let shifted = Date::new(&JsValue::from_f64(
        (ms + i64::from(offset_min) * 60_000) as f64,
    ));
    with_formatter(lang, Style::Date, &shifted)
        .unwrap_or_else(|| crate::model::time::date_string(ms, offset_min))
}

/// Day and time: "Wed, Nov 25 7:42 AM" / "mié, 25 nov 7:42".
pub fn date_time(lang: Lang, ms: i64, offset_min: i32) -> String {
    format!(
        "{} {}",
        date(lang, ms, offset_min),
        time(lang, ms, offset_min)
    )
}

// The manifest's own times (RFC 3339), each in its own offset.

/// The day of an RFC 3339 time: "Wed, Nov 25" / "mié, 25 nov". Unreadable
/// text gives its first ten characters.
pub fn day_of(lang: Lang, rfc3339: &str) -> String {
    match parse_rfc3339(rfc3339) {
        Some(s) => date(lang, s.ms, s.offset_min),
        None => rfc3339.chars().take(10).collect(),
    }
}

/// "7:00 AM–5:00 PM" / "7:00–17:00" between two RFC 3339 times; `None` if
/// either does not parse.
pub fn hours(lang: Lang, start: &str, end: &str) -> Option<String> {
    let (s, e) = (parse_rfc3339(start)?, parse_rfc3339(end)?);
    Some(format!(
        "{}–{}",
        time(lang, s.ms, s.offset_min),
        time(lang, e.ms, e.offset_min)
    ))
}

/// Day and time of an RFC 3339 time: "Wed, Nov 25 7:42 AM".
pub fn exact(lang: Lang, rfc3339: &str) -> Option<String> {
    let s = parse_rfc3339(rfc3339)?;
    Some(date_time(lang, s.ms, s.offset_min))
}
