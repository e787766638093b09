//! Route geometry and timing: how far and which way the next stop is, where a
//! stop's delivery window stands, how far along the route the driver is, and
//! the projection for the offline sketch map.
//!
//! All coordinates are `(lat, lng)` in degrees, the order the manifest uses.

use super::i18n::catalogues::RouteText;
use super::i18n::{Lang, Text};

use super::manifest::{Manifest, PackageStatus, Stop, TimeWindow};
use super::time::parse_rfc3339;

/// Mean Earth radius (IUGG), metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres between two `(lat, lng)` points.
///
/// Haversine is accurate to about 0.5 % (the Earth is not a sphere), far
/// better than a driver needs. Uses the `atan2` form, which stays accurate
/// for both very close and nearly antipodal points.
pub fn haversine_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let d_lat = lat2 - lat1;
    let d_lng = (b.1 - a.1).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lng / 2.0).sin().powi(2);
    // Rounding can push `h` a hair past 1 for antipodal points.
    let h = h.clamp(0.0, 1.0);
    2.0 * EARTH_RADIUS_M * h.sqrt().atan2((1.0 - h).sqrt())
}

/// Initial great-circle bearing from `a` to `b`, degrees clockwise from true
/// north, in `[0, 360)`. Identical points give 0.
pub fn bearing_deg(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let d_lng = (b.1 - a.1).to_radians();
    let y = d_lng.sin() * lat2.cos();
    let x = lat1.cos() * lat2.sin() - lat1.sin() * lat2.cos() * d_lng.cos();
    let deg = y.atan2(x).to_degrees().rem_euclid(360.0);
    // rem_euclid of a tiny negative number can round up to exactly 360.
    if deg >= 360.0 {
        0.0
    } else {
        deg
    }
}

/// 8-point compass direction for a bearing ("N", "NE", … "NW"). Each point
/// covers 45° centred on it, so N is 337.5°..22.5°. A bearing that is not a
/// number gives "" (nothing is better than a wrong arrow).
pub fn compass(bearing: f64) -> &'static str {
    compass_in(Lang::En, bearing)
}

/// [`compass`] in the given language ("SO" for south-west in Spanish).
pub fn compass_in(lang: Lang, bearing: f64) -> &'static str {
    use RouteText as R;
    const POINTS: [RouteText; 8] = [
        R::CompassN,
        R::CompassNE,
        R::CompassE,
        R::CompassSE,
        R::CompassS,
        R::CompassSW,
        R::CompassW,
        R::CompassNW,
    ];
    if !bearing.is_finite() {
        return "";
    }
    let sector = ((bearing.rem_euclid(360.0) + 22.5) / 45.0).floor() as usize % 8;
    POINTS[sector].text(lang)
}

/// How a distance is rounded for a driver: to 10 m below 1 km, to 100 m
/// below 10 km, then whole kilometres.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceUnit {
    Meters,
    KilometersOneDecimal,
    Kilometers,
}

/// The rounded value and its unit; the words and separators are the
/// locale's (`platform::intl::distance`). Negative input counts as 0 m; a
/// distance that is not a number as `(NaN, Meters)`.
pub fn distance_parts(m: f64) -> (f64, DistanceUnit) {
    if !m.is_finite() {
        return (f64::NAN, DistanceUnit::Meters);
    }
    let m = m.max(0.0);
    let tens = (m / 10.0).round();
    if tens < 100.0 {
        return (tens * 10.0, DistanceUnit::Meters);
    }
    let tenths_km = (m / 100.0).round();
    if tenths_km < 100.0 {
        return (tenths_km / 10.0, DistanceUnit::KilometersOneDecimal);
    }
    ((m / 1000.0).round(), DistanceUnit::Kilometers)
}

/// A distance in English digits: "350 m", "1.2 km", "12 km"; "—" when it
/// is not a number. The fallback when `Intl` is unavailable.
pub fn format_distance(m: f64) -> String {
    match distance_parts(m) {
        (v, _) if v.is_nan() => "—".to_string(),
        (v, DistanceUnit::Meters) => format!("{} m", v as i64),
        (v, DistanceUnit::KilometersOneDecimal) => format!("{v:.1} km"),
        (v, DistanceUnit::Kilometers) => format!("{} km", v as i64),
    }
}

/// A window closing within this is "closing soon".
pub const CLOSING_SOON_MS: i64 = 15 * 60_000;

/// Where a stop's delivery window stands at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowState {
    /// Not open yet.
    Upcoming { starts_in_ms: i64 },
    /// Open, with at least [`CLOSING_SOON_MS`] left.
    Open { closes_in_ms: i64 },
    /// Open, with less than [`CLOSING_SOON_MS`] left.
    ClosingSoon { closes_in_ms: i64 },
    /// Already closed.
    Missed,
    /// No window, or one whose times cannot be read.
    NoWindow,
}

/// The window's state at `now_ms`. The window is half-open: open from
/// `start` inclusive to `end` exclusive, so at `end` exactly it is missed.
/// Unreadable times, or an end before the start, give `NoWindow`: the
/// validator rejects those, and a UI must not crash on them if one slips by.
pub fn window_state(window: Option<&TimeWindow>, now_ms: i64) -> WindowState {
    let Some(w) = window else {
        return WindowState::NoWindow;
    };
    let (Some(start), Some(end)) = (parse_rfc3339(&w.start), parse_rfc3339(&w.end)) else {
        return WindowState::NoWindow;
    };
    let (start, end) = (start.ms, end.ms);
    if end < start {
        return WindowState::NoWindow;
    }
    if now_ms < start {
        WindowState::Upcoming {
            starts_in_ms: start - now_ms,
        }
    } else if now_ms >= end {
        WindowState::Missed
    } else {
        let closes_in_ms = end - now_ms;
        if closes_in_ms < CLOSING_SOON_MS {
            WindowState::ClosingSoon { closes_in_ms }
        } else {
            WindowState::Open { closes_in_ms }
        }
    }
}

/// A stop is done when none of its packages is still pending (each was
/// delivered, attempted or returned). An unknown status counts as not done,
/// as it does in the header counts.
pub fn stop_done(stop: &Stop) -> bool {
    stop.packages.iter().all(|p| {
        matches!(
            p.status,
            PackageStatus::Delivered | PackageStatus::Attempted | PackageStatus::Returned
        )
    })
}

/// The first stop in route order that is not done: where the driver goes next.
pub fn next_stop_index(m: &Manifest) -> Option<usize> {
    m.stops.iter().position(|s| !stop_done(s))
}

/// (stops done, stops in total).
pub fn route_progress(m: &Manifest) -> (usize, usize) {
    let done = m.stops.iter().filter(|s| stop_done(s)).count();
    (done, m.stops.len())
}

/// Projects `(lat, lng)` points into a `width` × `height` box (SVG user
/// units, y down) with `pad` on every side.
///
/// Equirectangular with longitude scaled by cos(mean latitude), which is
/// true to shape over a city-sized route. The route is fitted to the box
/// keeping its aspect ratio and centred. A single point, identical points,
/// or a route along one line do not divide by zero: the flat dimension is
/// centred. Points that are not finite are placed at the centre so the
/// output stays index-aligned with the input. (Routes crossing the ±180°
/// meridian are not handled; delivery routes do not.)
pub fn project(points: &[(f64, f64)], width: f64, height: f64, pad: f64) -> Vec<(f64, f64)> {
    let sane = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let (width, height, pad) = (sane(width), sane(height), sane(pad));
    let centre = (width / 2.0, height / 2.0);
    let finite = |&(lat, lng): &(f64, f64)| lat.is_finite() && lng.is_finite();

    let count = points.iter().filter(|p| finite(p)).count();
    if count == 0 {
        return vec![centre; points.len()];
    }
    let mean_lat = points
        .iter()
        .filter(|p| finite(p))
        .map(|p| p.0)
        .sum::<f64>()
        / count as f64;
    let k = mean_lat.to_radians().cos().max(0.0);
    let plane = |&(lat, lng): &(f64, f64)| (lng * k, -lat);

    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in points.iter().filter(|p| finite(p)) {
        let (x, y) = plane(p);
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    let avail_w = (width - 2.0 * pad).max(0.0);
    let avail_h = (height - 2.0 * pad).max(0.0);
    // Below this span (a ten-thousandth of a millimetre) a dimension is flat;
    // dividing by it would overflow to infinity.
    const FLAT: f64 = 1e-12;
    let (span_x, span_y) = (max_x - min_x, max_y - min_y);
    let scale = match (span_x > FLAT, span_y > FLAT) {
        (true, true) => (avail_w / span_x).min(avail_h / span_y),
        (true, false) => avail_w / span_x,
        (false, true) => avail_h / span_y,
        (false, false) => 0.0,
    };
    // Centre the scaled route in the available box.
    let off_x = pad + (avail_w - span_x * scale) / 2.0;
    let off_y = pad + (avail_h - span_y * scale) / 2.0;
    points
        .iter()
        .map(|p| {
            if !finite(p) {
                return centre;
            }
            let (x, y) = plane(p);
            (off_x + (x - min_x) * scale, off_y + (y - min_y) * scale)
        })
        .collect()
}

#[cfg(test)]
mod tests;
