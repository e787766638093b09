//! When saved personal data (recipients' names, addresses) must go.

use super::time::{parse_rfc3339, EpochMs};

/// True once `retention_hours` have passed since the block ended. A block
/// end that cannot be read never triggers a purge on its own: the manifest
/// was validated on the way in, so this only happens with damaged storage,
/// which is reported separately.
pub fn retention_expired(block_end: &str, retention_hours: u32, now: EpochMs) -> bool {
    retention_deadline(block_end, retention_hours).is_some_and(|d| now >= d)
}

/// The moment the saved manifest must go, if the block end can be read.
/// The snapshot painted before the app loads carries it, so the page never
/// paints a manifest past its time, even for the instant before the app
/// purges it.
pub fn retention_deadline(block_end: &str, retention_hours: u32) -> Option<EpochMs> {
    parse_rfc3339(block_end).map(|end| end.ms + i64::from(retention_hours) * 3_600_000)
}

/// Whether the personal data on this phone is past its time: `hours` after
/// the latest block it belongs to ended (the saved manifest's, or the saved
/// fleet's). Nothing known, nothing due.
pub fn personal_data_expired(block_ends: &[EpochMs], retention_hours: u32, now: EpochMs) -> bool {
    block_ends
        .iter()
        .max()
        .is_some_and(|end| now >= end + i64::from(retention_hours) * 3_600_000)
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
mod tests;
