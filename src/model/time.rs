//! RFC 3339 timestamps without a date-time crate.
//!
//! The contract carries every time as RFC 3339 text with an offset. The app
//! needs three things from it: an instant to compare against the device clock,
//! the block's own offset (drivers read times in the block's local time, not
//! the phone's), and a way to write times back. That is small enough to do
//! here, and it keeps a date-time library out of the wasm.

use crate::model::i18n::catalogues::{AppFill, AppText};
use crate::model::i18n::{Fill, Lang, Text};

/// Milliseconds since the Unix epoch, UTC.
pub type EpochMs = i64;

/// An instant together with the UTC offset it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub ms: EpochMs,
    /// Minutes east of UTC (−480 for `-08:00`).
    pub offset_min: i32,
}

impl Stamp {
    /// Hours and minutes of the wall-clock time in this stamp's own offset.
    pub fn local_hm(&self) -> (u32, u32) {
        let local = self.ms.div_euclid(1000) + i64::from(self.offset_min) * 60;
        let secs_of_day = local.rem_euclid(86_400);
        (
            (secs_of_day / 3600) as u32,
            ((secs_of_day % 3600) / 60) as u32,
        )
    }

    /// "07:42" in the stamp's own offset.
    pub fn local_hhmm(&self) -> String {
        let (h, m) = self.local_hm();
        format!("{h:02}:{m:02}")
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`. Returns `None` for anything
/// else, including impossible dates such as February 30th.
pub fn parse_rfc3339(text: &str) -> Option<Stamp> {
    let b = text.as_bytes();
    if b.len() < 20 || !b.is_ascii() {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        let s = text.get(from..from + len)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && (sep(10, b'T') || sep(10, b't') || sep(10, b' ')))
        || !(sep(13, b':') && sep(16, b':'))
    {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if sep(i, b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        // Keep milliseconds; finer digits are truncated.
        let digits = &text[start..i.min(start + 3)];
        millis = digits.parse::<i64>().ok()? * 10i64.pow(3 - digits.len() as u32);
    }
    let offset_min = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && sep(i + 3, b':') => {
            let (oh, om) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let m = (oh * 60 + om) as i32;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let local_secs = days * 86_400 + hour * 3600 + minute * 60 + second.min(59);
    let utc_secs = local_secs - i64::from(offset_min) * 60;
    Some(Stamp {
        ms: utc_secs * 1000 + millis,
        offset_min,
    })
}

/// Writes an instant as RFC 3339 in the given offset, to the second
/// (`2026-11-25T07:42:00-08:00`, or `…Z` for offset 0).
pub fn format_rfc3339(ms: EpochMs, offset_min: i32) -> String {
    let local = ms.div_euclid(1000) + i64::from(offset_min) * 60;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, mo, d) = civil_from_days(days);
    let (h, mi, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    let zone = if offset_min == 0 {
        "Z".to_string()
    } else {
        let sign = if offset_min < 0 { '-' } else { '+' };
        let a = offset_min.abs();
        format!("{sign}{:02}:{:02}", a / 60, a % 60)
    };
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{zone}")
}

/// "2026-11-25" for the instant in the given offset.
pub fn date_string(ms: EpochMs, offset_min: i32) -> String {
    format_rfc3339(ms, offset_min)[..10].to_string()
}

pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        _ => 28,
    }
}

// Howard Hinnant's civil-date algorithms (public domain): days since
// 1970-01-01 to and from a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// "3 min", "2 h 14 min", "4 d" — a duration as a driver reads it.
pub fn human_duration(ms: i64) -> String {
    human_duration_in(Lang::En, ms)
}

/// [`human_duration`] in the given language.
pub fn human_duration_in(lang: Lang, ms: i64) -> String {
    let mins = ms.max(0) / 60_000;
    let (h, m, d) = (&(mins / 60), &(mins % 60), &(mins / 1440));
    match mins {
        0 => AppText::DurLessThanMinute.text(lang).to_string(),
        1..=59 => AppFill::DurMin { m }.fill(lang),
        60..=1439 if mins % 60 == 0 => AppFill::DurH { h }.fill(lang),
        60..=1439 => AppFill::DurHMin { h, m }.fill(lang),
        _ => AppFill::DurD { d }.fill(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_and_offsets_to_the_same_instant() {
        let a = parse_rfc3339("2026-11-25T15:42:00Z").unwrap();
        let b = parse_rfc3339("2026-11-25T07:42:00-08:00").unwrap();
        assert_eq!(a.ms, b.ms);
        assert_eq!(b.offset_min, -480);
        assert_eq!(b.local_hhmm(), "07:42");
        assert_eq!(a.ms, 1_795_621_320_000);
    }

    #[test]
    fn round_trips_through_format() {
        for s in [
            "2026-11-25T07:42:00-08:00",
            "2024-02-29T23:59:59+05:30",
            "1999-12-31T00:00:00Z",
        ] {
            let st = parse_rfc3339(s).unwrap();
            assert_eq!(format_rfc3339(st.ms, st.offset_min), s);
        }
    }

    #[test]
    fn keeps_milliseconds() {
        let st = parse_rfc3339("2026-01-01T00:00:00.5Z").unwrap();
        assert_eq!(st.ms % 1000, 500);
        let st = parse_rfc3339("2026-01-01T00:00:00.123456Z").unwrap();
        assert_eq!(st.ms % 1000, 123);
    }

    #[test]
    fn rejects_impossible_or_malformed_text() {
        for s in [
            "",
            "2026-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-25T24:00:00Z",
            "2026-11-25T07:42:00",
            "2026-11-25T07:42:00+0800",
            "2026-11-25 07:42",
            "26-11-25T07:42:00Z",
            "2026-11-25T07:42:00.Z",
            "2026-11-25T07:42:00Zjunk",
            "２０２６-11-25T07:42:00Z",
        ] {
            assert_eq!(parse_rfc3339(s), None, "{s:?} should not parse");
        }
    }

    #[test]
    fn human_durations() {
        assert_eq!(human_duration(30_000), "less than a minute");
        assert_eq!(human_duration(3 * 60_000), "3 min");
        assert_eq!(human_duration((2 * 60 + 14) * 60_000), "2 h 14 min");
        assert_eq!(human_duration(120 * 60_000), "2 h");
        assert_eq!(human_duration(3 * 86_400_000), "3 d");
        assert_eq!(human_duration(-5), "less than a minute");
    }
}
