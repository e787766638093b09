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
    fn unreadable_end_never_purges() {
        assert!(!retention_expired("garbage", 0, i64::MAX));
    }
}
