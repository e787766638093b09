//! Small pure decisions behind the driver's manifest and route screens:
//! the manifest as the driver's marks leave it, words for a time window's
//! state and a search result, and which sketch point a tap meant.

use std::collections::HashMap;

use super::i18n::catalogues::{DriverFill as F, DriverText as D};
use super::i18n::{Fill, Lang, Text};
use super::manifest::{Manifest, PackageStatus};
use super::route::{haversine_m, WindowState};
use super::time::human_duration_in;

/// The manifest with each package's status replaced by its marked status
/// (the map from `progress::marked_statuses`). The search filter and
/// `route::next_stop_index` read statuses from the manifest itself.
pub fn with_statuses(m: &Manifest, marks: &HashMap<String, PackageStatus>) -> Manifest {
    let mut out = m.clone();
    if marks.is_empty() {
        return out;
    }
    for stop in &mut out.stops {
        for p in &mut stop.packages {
            if let Some(st) = marks.get(&p.id) {
                p.status = st.clone();
            }
        }
    }
    out
}

/// How much of a long free text (a note, an address line) a card shows
/// before "Read all".
pub const PREVIEW_CHARS: usize = 200;

/// The start of `text` for a first look: up to `max` characters, ended at
/// a space when one falls in the last fifth; `None` when the whole text is
/// short enough to show.
pub fn preview(text: &str, max: usize) -> Option<&str> {
    // Byte length bounds the character count from above.
    if text.len() <= max {
        return None;
    }
    let (cut, _) = text.char_indices().nth(max)?;
    let head = &text[..cut];
    let floor = head.char_indices().nth(max - max / 5).map_or(0, |(i, _)| i);
    let at_space = head[floor..]
        .rfind(char::is_whitespace)
        .map(|i| head[..floor + i].trim_end())
        .filter(|h| !h.is_empty());
    Some(at_space.unwrap_or(head))
}

/// "12 packages at 9 stops".
pub fn match_summary(lang: Lang, packages: usize, stops: usize) -> String {
    F::MatchSummary {
        packages: &F::Packages { n: &packages }.fill(lang),
        stops: &F::Stops { n: &stops }.fill(lang),
    }
    .fill(lang)
}

/// How a time window reads on a stop: a CSS class and the words. `None` for
/// a stop without a (readable) window.
pub fn window_words(lang: Lang, state: WindowState) -> Option<(&'static str, String)> {
    let d = |ms| human_duration_in(lang, ms);
    Some(match state {
        WindowState::Upcoming { starts_in_ms } => (
            "upcoming",
            F::WindowOpensIn {
                d: &d(starts_in_ms),
            }
            .fill(lang),
        ),
        WindowState::Open { closes_in_ms } => (
            "open",
            F::WindowOpen {
                d: &d(closes_in_ms),
            }
            .fill(lang),
        ),
        WindowState::ClosingSoon { closes_in_ms } => (
            "closing",
            F::WindowClosingSoon {
                d: &d(closes_in_ms),
            }
            .fill(lang),
        ),
        WindowState::Missed => ("missed", D::WindowMissed.text(lang).to_string()),
        WindowState::NoWindow => return None,
    })
}

/// The index of the point nearest to `at` (same units as the points, e.g.
/// SVG user units), if one lies within `max_dist`.
pub fn nearest_point(points: &[(f64, f64)], at: (f64, f64), max_dist: f64) -> Option<usize> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| (i, (p.0 - at.0).hypot(p.1 - at.1)))
        .filter(|(_, d)| d.is_finite() && *d <= max_dist)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Whether the driver is close enough to the route to draw on its sketch
/// without shrinking the route to a dot: within `max_m` of some stop.
pub fn near_route(driver: (f64, f64), stops: &[(f64, f64)], max_m: f64) -> bool {
    stops.iter().any(|s| haversine_m(driver, *s) <= max_m)
}

/// How many list rows to render so that row `must_show` (the next stop) is
/// among them, never fewer than `at_least`, in whole `step`s.
pub fn rows_to_render(at_least: usize, must_show: Option<usize>, step: usize) -> usize {
    let step = step.max(1);
    match must_show {
        Some(i) if i >= at_least => (i / step + 2) * step,
        _ => at_least,
    }
}

/// Which stops a route drawing numbers, in drawing order: every stop of a
/// route shorter than `number_all_below`, else the `ahead` stops from the
/// next one on, plus the selected stop. The selected stop, then the next
/// stop, come last so they are drawn on top.
pub fn numbered_stops(
    count: usize,
    next: Option<usize>,
    selected: Option<usize>,
    number_all_below: usize,
    ahead: usize,
) -> Vec<usize> {
    let mut shown: Vec<usize> = if count < number_all_below {
        (0..count).collect()
    } else {
        let start = next.unwrap_or(count);
        (start..count.min(start.saturating_add(ahead))).collect()
    };
    if let Some(s) = selected {
        if s < count && !shown.contains(&s) {
            shown.push(s);
        }
    }
    // A stable sort keeps route order among the rest.
    shown.sort_by_key(|i| (Some(*i) == next, Some(*i) == selected));
    shown
}

#[cfg(test)]
mod tests;
