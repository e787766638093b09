//! When saved personal data (recipients' names, addresses) must go.

use super::time::{parse_rfc3339, EpochMs};

/// True once `retention_hours` have passed since the block ended. A block
/// end that cannot be read never triggers a purge on its own: the manifest
/// was validated on the way in, so this only happens with damaged storage,
/// which is reported separately.
pub fn retention_expired(block_end: &str, retention_hours: u32, now: EpochMs) -> bool {
    match parse_rfc3339(block_end) {
        Some(end) => now >= end.ms + i64::from(retention_hours) * 3_600_000,
        None => false,
    }
}

/// Why a saved manifest may be out of date, if it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Staleness {
    Fresh,
    /// The block it is for has ended.
    BlockEnded,
    /// It was saved longer ago than the configured limit.
    Old {
        hours: i64,
    },
}

pub fn staleness(
    block_end: &str,
    saved_at: EpochMs,
    stale_after_hours: u32,
    now: EpochMs,
) -> Staleness {
    if parse_rfc3339(block_end).is_some_and(|e| e.ms < now) {
        return Staleness::BlockEnded;
    }
    let age = now - saved_at;
    if age >= i64::from(stale_after_hours) * 3_600_000 {
        return Staleness::Old {
            hours: age / 3_600_000,
        };
    }
    Staleness::Fresh
}

#[cfg(test)]
mod tests {
    use super::*;

    const END: &str = "2026-11-25T17:00:00-08:00";
    const END_MS: i64 = 1_795_654_800_000;

    #[test]
    fn purges_exactly_at_the_end_of_the_window() {
        assert_eq!(parse_rfc3339(END).unwrap().ms, END_MS);
        let window = 24 * 3_600_000;
        assert!(!retention_expired(END, 24, END_MS));
        assert!(!retention_expired(END, 24, END_MS + window - 1));
        assert!(retention_expired(END, 24, END_MS + window));
        assert!(retention_expired(END, 0, END_MS));
    }

    #[test]
    fn staleness_by_block_end_and_by_age() {
        let saved = END_MS - 3_600_000;
        assert_eq!(staleness(END, saved, 12, END_MS - 1), Staleness::Fresh);
        assert_eq!(staleness(END, saved, 12, END_MS + 1), Staleness::BlockEnded);
        let long_block = "2026-11-27T17:00:00-08:00";
        assert_eq!(
            staleness(long_block, saved, 12, saved + 12 * 3_600_000),
            Staleness::Old { hours: 12 }
        );
        assert_eq!(
            staleness(long_block, saved, 12, saved + 12 * 3_600_000 - 1),
            Staleness::Fresh
        );
    }

    #[test]
    fn unreadable_end_never_purges() {
        assert!(!retention_expired("garbage", 0, i64::MAX));
    }
}
