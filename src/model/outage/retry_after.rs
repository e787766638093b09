//! The `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or
//! an HTTP-date. Both become an absolute instant, so a plan made now still
//! means the same thing after the app was suspended in a pocket.

use crate::model::time::{days_from_civil, days_in_month, format_rfc3339};

/// Longest wait Roadbook takes from a server. A broken or hostile value must
/// not park retries for days; the backoff caps it further.
const MAX_WAIT_MS: i64 = 24 * 60 * 60 * 1000;

/// Parses a `Retry-After` value into epoch ms. Dates in the past mean "now";
/// waits longer than 24 hours are cut to 24 hours. `None` when unreadable.
pub fn parse_retry_after(value: &str, now_ms: i64) -> Option<i64> {
    let value = value.trim();
    let target = if value.bytes().all(|b| b.is_ascii_digit()) {
        delta_seconds(value)?
            .saturating_mul(1000)
            .saturating_add(now_ms)
    } else {
        parse_http_date(value, now_ms)?
    };
    Some(target.clamp(now_ms, now_ms.saturating_add(MAX_WAIT_MS)))
}

/// Non-empty digits. Values too big for `i64` saturate, which the 24-hour cap
/// then turns into 24 hours, as for any other huge number.
fn delta_seconds(digits: &str) -> Option<i64> {
    if digits.is_empty() {
        return None;
    }
    Some(digits.parse::<i64>().unwrap_or(i64::MAX))
}

/// The three HTTP-date forms, as epoch ms (UTC).
fn parse_http_date(text: &str, now_ms: i64) -> Option<i64> {
    parse_imf_fixdate(text)
        .or_else(|| parse_rfc850(text, now_ms))
        .or_else(|| parse_asctime(text))
}

/// "Sun, 06 Nov 1994 08:49:37 GMT" — the form servers must send.
fn parse_imf_fixdate(text: &str) -> Option<i64> {
    let (day_name, rest) = text.split_once(", ")?;
    short_day(day_name)?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, zone] = parts.as_slice() else {
        return None;
    };
    if *zone != "GMT" || day.len() != 2 || year.len() != 4 {
        return None;
    }
    to_epoch_ms(number(year)?, month_number(month)?, number(day)?, time)
}

/// "Sunday, 06-Nov-94 08:49:37 GMT" — obsolete, with a two-digit year.
fn parse_rfc850(text: &str, now_ms: i64) -> Option<i64> {
    let (day_name, rest) = text.split_once(", ")?;
    long_day(day_name)?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [date, time, zone] = parts.as_slice() else {
        return None;
    };
    let dparts: Vec<&str> = date.split('-').collect();
    let [day, month, yy] = dparts.as_slice() else {
        return None;
    };
    if *zone != "GMT" || day.len() != 2 || yy.len() != 2 {
        return None;
    }
    let year = full_year(number(yy)?, now_ms);
    to_epoch_ms(year, month_number(month)?, number(day)?, time)
}

/// "Sun Nov  6 08:49:37 1994" — C's asctime(), day padded with a space.
fn parse_asctime(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [day_name, month, day, time, year] = parts.as_slice() else {
        return None;
    };
    short_day(day_name)?;
    if !(1..=2).contains(&day.len()) || year.len() != 4 {
        return None;
    }
    to_epoch_ms(number(year)?, month_number(month)?, number(day)?, time)
}

/// RFC 9110: a two-digit year more than 50 years ahead is in the past
/// century. The current year comes from `now_ms`, not a fixed pivot.
fn full_year(yy: i64, now_ms: i64) -> i64 {
    let this_year = format_rfc3339(now_ms, 0)
        .get(..4)
        .and_then(|y| y.parse::<i64>().ok())
        .unwrap_or(2000);
    let century = this_year - this_year.rem_euclid(100);
    let year = century + yy;
    if year > this_year + 50 {
        year - 100
    } else {
        year
    }
}

/// ASCII digits only (no signs, no spaces), as i64.
fn number(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn short_day(name: &str) -> Option<()> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    DAYS.contains(&name).then_some(())
}

fn long_day(name: &str) -> Option<()> {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    DAYS.contains(&name).then_some(())
}

fn month_number(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = MONTHS.iter().position(|m| *m == name)?;
    Some(i as i64 + 1)
}

/// Checks the calendar and the "HH:MM:SS" clock, then counts milliseconds.
/// The weekday is not cross-checked: a server that gets it wrong still means
/// the date it wrote.
fn to_epoch_ms(year: i64, month: i64, day: i64, time: &str) -> Option<i64> {
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let tparts: Vec<&str> = time.split(':').collect();
    let [h, m, s] = tparts.as_slice() else {
        return None;
    };
    if h.len() != 2 || m.len() != 2 || s.len() != 2 {
        return None;
    }
    let (h, m, s) = (number(h)?, number(m)?, number(s)?);
    // 60 is a leap second; it is read as :59 like the rest of the crate does.
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let secs = days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s.min(59);
    Some(secs * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_rfc3339;
    use proptest::prelude::*;

    /// 2026-11-25T15:42:00Z.
    const NOW: i64 = 1_795_621_320_000;
    const HOUR: i64 = 3_600_000;

    fn at(rfc3339: &str) -> i64 {
        parse_rfc3339(rfc3339).expect("test date").ms
    }

    #[test]
    fn delta_seconds_are_added_to_now() {
        let table: &[(&str, Option<i64>)] = &[
            ("0", Some(NOW)),
            ("30", Some(NOW + 30_000)),
            (" 120 ", Some(NOW + 120_000)),
            ("007", Some(NOW + 7_000)),
            ("86400", Some(NOW + 24 * HOUR)),
            // Capped at 24 hours, however big.
            ("86401", Some(NOW + 24 * HOUR)),
            ("99999999999999999999999999", Some(NOW + 24 * HOUR)),
        ];
        for &(value, want) in table {
            assert_eq!(parse_retry_after(value, NOW), want, "{value:?}");
        }
    }

    #[test]
    fn invalid_values_are_none() {
        for value in [
            "",
            "   ",
            "-5",
            "+5",
            "1.5",
            "30s",
            "soon",
            "١٢",
            "0x10",
            "Tomorrow",
            // Dates with one thing wrong each.
            "Wed, 21 Oct 2015 07:28:00 UTC",
            "Wed, 21 Oct 15 07:28:00 GMT",
            "Wed, 1 Oct 2015 07:28:00 GMT",
            "Wed, 31 Sep 2015 07:28:00 GMT",
            "Wed, 29 Feb 2015 07:28:00 GMT",
            "Wed, 21 Foo 2015 07:28:00 GMT",
            "Xyz, 21 Oct 2015 07:28:00 GMT",
            "Wed, 21 Oct 2015 24:00:00 GMT",
            "Wed, 21 Oct 2015 7:28:00 GMT",
            "Wed, 21 Oct 2015 07:28 GMT",
            "Wed, 21 Oct 2015 07:28:00",
            "Wednesday, 21-Oct-2015 07:28:00 GMT",
            "Wed Oct 21 07:28:00 15",
            "2026-11-25T16:00:00Z",
        ] {
            assert_eq!(parse_retry_after(value, NOW), None, "{value:?}");
        }
    }

    #[test]
    fn http_dates_in_all_three_forms() {
        let want = at("2026-11-25T16:12:30Z");
        for value in [
            "Wed, 25 Nov 2026 16:12:30 GMT",
            "Wednesday, 25-Nov-26 16:12:30 GMT",
            "Wed Nov 25 16:12:30 2026",
        ] {
            assert_eq!(parse_retry_after(value, NOW), Some(want), "{value:?}");
        }
        // asctime pads a one-digit day with a space.
        let now = at("2026-12-01T00:00:00Z");
        assert_eq!(
            parse_retry_after("Tue Dec  1 00:00:05 2026", now),
            Some(now + 5_000)
        );
    }

    #[test]
    fn leap_day_and_leap_second_are_accepted() {
        let now = at("2028-02-29T10:00:00Z");
        assert_eq!(
            parse_retry_after("Tue, 29 Feb 2028 10:00:60 GMT", now),
            Some(now + 59_000)
        );
    }

    #[test]
    fn past_dates_mean_now_and_far_dates_are_capped() {
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", NOW),
            Some(NOW)
        );
        assert_eq!(
            parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", NOW),
            Some(NOW + 24 * HOUR)
        );
    }

    #[test]
    fn two_digit_years_follow_the_fifty_year_rule() {
        // From 2026, "76" is 2076 (50 years ahead) and "77" is 1977.
        assert_eq!(full_year(26, NOW), 2026);
        assert_eq!(full_year(76, NOW), 2076);
        assert_eq!(full_year(77, NOW), 1977);
        assert_eq!(full_year(94, NOW), 1994);
        // A 1994 date is long past: retry now.
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", NOW),
            Some(NOW)
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_stays_within_a_day(value in "\\PC{0,40}", now in 0i64..4_000_000_000_000) {
            if let Some(t) = parse_retry_after(&value, now) {
                prop_assert!(t >= now && t <= now + 24 * HOUR);
            }
        }

        #[test]
        fn any_delta_is_now_plus_capped_seconds(secs in 0u64..10_000_000) {
            let t = parse_retry_after(&secs.to_string(), NOW);
            prop_assert_eq!(t, Some(NOW + (secs as i64).min(86_400) * 1000));
        }
    }
}
