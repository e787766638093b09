//! What the dispatcher's fleet table shows, row by row, and the fleet saved
//! for an outage.
//!
//! [`fleet_view`](super::fleet_view) decides which rows and in what order;
//! this module turns one driver into the words and numbers of one row, once
//! per refresh, so the table itself only places precomputed text.

use serde::{Deserialize, Serialize};

use super::fleet::{DriverState, DriverStatus, FleetSnapshot};
use super::fleet_view::{flags, BlockSpan, FleetQuery, SortKey};
use super::i18n::catalogues::{FleetFill, FleetText};
use super::i18n::{Fill, Lang, Text};
use super::time::{human_duration_in, parse_rfc3339, EpochMs};

/// The format of the saved fleet this build writes and reads.
pub const SAVED_FLEET_VERSION: u32 = 1;

/// The last fleet that loaded, kept so an outage (or a reload during one)
/// still shows where everyone was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedFleet {
    pub version: u32,
    /// When this browser received it (epoch ms).
    pub saved_at_ms: EpochMs,
    pub snapshot: FleetSnapshot,
    /// The block the fleet works, learnt from one driver's manifest, for the
    /// behind-schedule flag. `None` until known.
    #[serde(default)]
    pub block: Option<SavedBlock>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedBlock {
    pub start_ms: EpochMs,
    pub end_ms: EpochMs,
}

impl SavedBlock {
    pub fn span(self) -> BlockSpan {
        BlockSpan {
            start_ms: self.start_ms,
            end_ms: self.end_ms,
        }
    }

    /// From a manifest's block times; `None` if either does not parse or
    /// the block ends before it starts.
    pub fn from_rfc3339(start: &str, end: &str) -> Option<SavedBlock> {
        let (s, e) = (parse_rfc3339(start)?.ms, parse_rfc3339(end)?.ms);
        (e > s).then_some(SavedBlock {
            start_ms: s,
            end_ms: e,
        })
    }
}

impl SavedFleet {
    pub fn new(saved_at_ms: EpochMs, snapshot: FleetSnapshot, block: Option<SavedBlock>) -> Self {
        SavedFleet {
            version: SAVED_FLEET_VERSION,
            saved_at_ms,
            snapshot,
            block,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` for anything unreadable or written by another format: a saved
    /// fleet is a convenience, and a fresh load replaces it.
    pub fn parse(text: &str) -> Option<SavedFleet> {
        let f: SavedFleet = serde_json::from_str(text).ok()?;
        (f.version == SAVED_FLEET_VERSION).then_some(f)
    }

    /// Whether the retention window has passed since the block this fleet
    /// belongs to ended (or, while the block is unknown, since it was saved).
    pub fn retention_expired(&self, retention_hours: u32, now: EpochMs) -> bool {
        let end = self.block.map_or(0, |b| b.end_ms).max(self.saved_at_ms);
        crate::model::retention::personal_data_expired(&[end], retention_hours, now)
    }

    /// The block span for flags; an empty span (no behind-schedule flag)
    /// while the block is unknown.
    pub fn span(&self) -> BlockSpan {
        self.block.map(SavedBlock::span).unwrap_or(BlockSpan {
            start_ms: 0,
            end_ms: 0,
        })
    }
}

/// "On route", "Signed out", …: a state as the dispatcher reads it.
pub fn state_label(s: &DriverState) -> String {
    state_label_in(Lang::En, s)
}

/// [`state_label`] in the given language. A state this build does not know
/// keeps the server's word (it has no translation).
pub fn state_label_in(lang: Lang, s: &DriverState) -> String {
    let key = match s {
        DriverState::OnRoute => FleetText::StateOnRoute,
        DriverState::SignedOut => FleetText::StateSignedOut,
        DriverState::Unreachable => FleetText::StateUnreachable,
        DriverState::Finished => FleetText::StateFinished,
        DriverState::Unknown(other) => {
            let t = other.replace('_', " ");
            if !t.trim().is_empty() {
                return t;
            }
            FleetText::StateUnknown
        }
    };
    key.text(lang).to_string()
}

/// "just now", "4 min ago", "2 h 5 min ago". A time in the future (a
/// server clock ahead of this one) reads "just now".
pub fn relative_age(now_ms: EpochMs, then_ms: EpochMs) -> String {
    relative_age_in(Lang::En, now_ms, then_ms)
}

/// [`relative_age`] in the given language ("hace 4 min").
pub fn relative_age_in(lang: Lang, now_ms: EpochMs, then_ms: EpochMs) -> String {
    let age = now_ms - then_ms;
    if age < 60_000 {
        FleetText::JustNow.text(lang).to_string()
    } else {
        FleetFill::Ago {
            duration: &human_duration_in(lang, age),
        }
        .fill(lang)
    }
}

/// One flag on a row: a short label and a longer explanation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FlagText {
    /// For styling: `sign-in`, `unreachable`, `behind`.
    pub kind: &'static str,
    pub label: String,
    pub detail: String,
}

/// Everything one table row shows, computed once per refresh.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// The contract word (`on_route`), for styling and tests.
    pub state_key: String,
    pub state_label: String,
    /// RFC 3339 as sent, for `<time datetime>`.
    pub last_seen: String,
    pub last_seen_ago: String,
    pub delivered: u32,
    pub attempted: u32,
    pub total: u32,
    /// Share of packages delivered and attempted, in whole percent (0–100),
    /// for the bar.
    pub delivered_pct: u32,
    pub attempted_pct: u32,
    pub next_stop: Option<String>,
    pub flags: Vec<FlagText>,
    /// "12 delivered, 3 attempted, of 40", for the numbers' tooltip.
    pub progress_title: String,
}

fn pct(part: u32, total: u32) -> u32 {
    (u64::from(part.min(total)) * 100)
        .checked_div(u64::from(total))
        .unwrap_or(0) as u32
}

/// The words of one row at `now_ms`, in English.
pub fn row(d: &DriverStatus, now_ms: EpochMs, block: BlockSpan) -> Row {
    row_in(Lang::En, d, now_ms, block)
}

/// The words of one row at `now_ms`, in the given language.
pub fn row_in(lang: Lang, d: &DriverStatus, now_ms: EpochMs, block: BlockSpan) -> Row {
    let t = |key: FleetText| key.text(lang).to_string();
    let f = flags(d, now_ms, block.start_ms, block.end_ms);
    let seen = parse_rfc3339(&d.last_seen);
    let mut flag_texts = Vec::new();
    if let Some(code) = &f.sign_in_failing {
        let status = d.sign_in_error.as_ref().map(|e| e.status).unwrap_or(0);
        let (label, detail) = match code {
            Some(code) => (
                FleetFill::FlagSignInCode { code }.fill(lang),
                FleetFill::FlagSignInCodeDetail {
                    status: &status,
                    code,
                }
                .fill(lang),
            ),
            None => (
                t(FleetText::FlagSignIn),
                FleetFill::FlagSignInDetail { status: &status }.fill(lang),
            ),
        };
        flag_texts.push(FlagText {
            kind: "sign-in",
            label,
            detail,
        });
    }
    if f.unreachable_long {
        let detail = match seen {
            Some(s) => FleetFill::NoContactFor {
                duration: &human_duration_in(lang, (now_ms - s.ms).max(0)),
            }
            .fill(lang),
            None => t(FleetText::NoContactTime),
        };
        flag_texts.push(FlagText {
            kind: "unreachable",
            label: t(FleetText::FlagUnreachable),
            detail,
        });
    }
    if f.behind_schedule {
        flag_texts.push(FlagText {
            kind: "behind",
            label: t(FleetText::FlagBehind),
            detail: t(FleetText::FlagBehindDetail),
        });
    }
    let delivered_pct = pct(d.delivered, d.total);
    let attempted_pct = pct(d.attempted, d.total).min(100 - delivered_pct);
    Row {
        id: d.id.clone(),
        name: d.name.clone(),
        state_key: d.state.as_str().to_string(),
        state_label: state_label_in(lang, &d.state),
        last_seen: d.last_seen.clone(),
        last_seen_ago: seen
            .map(|s| relative_age_in(lang, now_ms, s.ms))
            .unwrap_or_else(|| t(FleetText::UnknownTime)),
        delivered: d.delivered,
        attempted: d.attempted,
        total: d.total,
        delivered_pct,
        attempted_pct,
        next_stop: d
            .next_stop
            .as_ref()
            .map(|n| format!("{}. {}", n.seq, n.line1)),
        flags: flag_texts,
        progress_title: FleetFill::ProgressTitle {
            delivered: &d.delivered,
            attempted: &d.attempted,
            total: &d.total,
        }
        .fill(lang),
    }
}

/// The query after a click on a column header: the same column flips its
/// direction, another column sorts ascending.
pub fn toggle_sort(q: &FleetQuery, key: SortKey) -> FleetQuery {
    let mut next = q.clone();
    if q.sort == key {
        next.descending = !q.descending;
    } else {
        next.sort = key;
        next.descending = false;
    }
    next
}

/// The `aria-sort` value of a column header.
pub fn aria_sort(q: &FleetQuery, key: SortKey) -> &'static str {
    match (q.sort == key, q.descending) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fleet::{NextStop, SignInError};
    use crate::model::time::format_rfc3339;

    const MIN: i64 = 60_000;
    const NOW: i64 = 1_795_621_320_000; // 2026-11-25T07:42:00-08:00

    fn driver(state: DriverState, seen_min_ago: i64) -> DriverStatus {
        DriverStatus {
            id: "D-1".into(),
            name: "Ana Lima".into(),
            state,
            last_seen: format_rfc3339(NOW - seen_min_ago * MIN, -480),
            delivered: 50,
            attempted: 10,
            total: 200,
            next_stop: Some(NextStop {
                seq: 31,
                line1: "12 Oak St".into(),
            }),
            manifest_id: "M-1".into(),
            sign_in_error: None,
            position: None,
        }
    }

    fn no_block() -> BlockSpan {
        BlockSpan {
            start_ms: 0,
            end_ms: 0,
        }
    }

    #[test]
    fn row_words_and_numbers() {
        let r = row(&driver(DriverState::OnRoute, 3), NOW, no_block());
        assert_eq!(r.state_label, "On route");
        assert_eq!(r.state_key, "on_route");
        assert_eq!(r.last_seen_ago, "3 min ago");
        assert_eq!((r.delivered_pct, r.attempted_pct), (25, 5));
        assert_eq!(r.next_stop.as_deref(), Some("31. 12 Oak St"));
        assert_eq!(r.progress_title, "50 delivered, 10 attempted, of 200");
        assert!(r.flags.is_empty());
    }

    #[test]
    fn flags_name_the_support_code_and_silence() {
        let mut d = driver(DriverState::OnRoute, 40);
        d.sign_in_error = Some(SignInError {
            status: 503,
            support_code: Some("03-005".into()),
        });
        let r = row(&d, NOW, no_block());
        let kinds: Vec<_> = r.flags.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, ["sign-in", "unreachable"]);
        assert!(r.flags[0].label.contains("03-005"));
        assert!(r.flags[1].detail.contains("40 min"));
    }

    #[test]
    fn behind_schedule_needs_a_known_block() {
        let d = driver(DriverState::OnRoute, 1);
        // 30 % done, 80 % of the block gone.
        let block = BlockSpan {
            start_ms: NOW - 8 * 60 * MIN,
            end_ms: NOW + 2 * 60 * MIN,
        };
        assert!(row(&d, NOW, block).flags.iter().any(|f| f.kind == "behind"));
        assert!(row(&d, NOW, no_block()).flags.is_empty());
    }

    #[test]
    fn bars_never_exceed_the_whole() {
        let mut d = driver(DriverState::Finished, 1);
        d.delivered = 250;
        d.attempted = 9;
        let r = row(&d, NOW, no_block());
        assert_eq!(r.delivered_pct + r.attempted_pct, 100);
        d.total = 0;
        let r = row(&d, NOW, no_block());
        assert_eq!((r.delivered_pct, r.attempted_pct), (0, 0));
    }

    #[test]
    fn relative_ages() {
        assert_eq!(relative_age(NOW, NOW + 5 * MIN), "just now");
        assert_eq!(relative_age(NOW, NOW - 59_000), "just now");
        assert_eq!(relative_age(NOW, NOW - 125 * MIN), "2 h 5 min ago");
    }

    #[test]
    fn rows_read_in_spanish() {
        let mut d = driver(DriverState::Unreachable, 40);
        d.sign_in_error = Some(SignInError {
            status: 503,
            support_code: Some("03-005".into()),
        });
        let r = row_in(Lang::Es, &d, NOW, no_block());
        assert_eq!(r.state_label, "Sin contacto");
        assert_eq!(r.last_seen_ago, "hace 40 min");
        assert_eq!(
            r.flags[0].label,
            "Falla el inicio de sesión · código 03-005"
        );
        assert!(r.flags[0].detail.contains("HTTP 503"));
        assert_eq!(r.flags[1].detail, "Sin contacto desde hace 40 min.");
        // The English row is unchanged, and only the words differ.
        let en = row(&d, NOW, no_block());
        assert_eq!(en.flags[1].detail, "No contact for 40 min.");
        assert_eq!(
            (en.delivered_pct, en.next_stop),
            (r.delivered_pct, r.next_stop)
        );
        assert_eq!(relative_age_in(Lang::Es, NOW, NOW + 1), "hace un momento");
        assert_eq!(
            state_label_in(Lang::Es, &DriverState::parse("on_break")),
            "on break"
        );
        assert_eq!(
            state_label_in(Lang::Es, &DriverState::parse(" ")),
            "Desconocido"
        );
    }

    #[test]
    fn unknown_states_keep_their_word() {
        assert_eq!(
            state_label(&DriverState::parse("on_break")),
            "on break".to_string()
        );
    }

    #[test]
    fn sorting_toggles_and_aria() {
        let q = FleetQuery::default();
        assert_eq!(aria_sort(&q, SortKey::Name), "ascending");
        assert_eq!(aria_sort(&q, SortKey::State), "none");
        let q2 = toggle_sort(&q, SortKey::Name);
        assert!(q2.descending);
        assert_eq!(aria_sort(&q2, SortKey::Name), "descending");
        let q3 = toggle_sort(&q2, SortKey::Progress);
        assert_eq!((q3.sort, q3.descending), (SortKey::Progress, false));
    }

    #[test]
    fn saved_fleet_round_trips_and_refuses_other_versions() {
        let f = SavedFleet::new(
            NOW,
            FleetSnapshot {
                generated_at: format_rfc3339(NOW, -480),
                drivers: vec![driver(DriverState::Unreachable, 30)],
            },
            SavedBlock::from_rfc3339("2026-11-25T06:00:00-08:00", "2026-11-25T16:00:00-08:00"),
        );
        assert_eq!(SavedFleet::parse(&f.to_json()), Some(f.clone()));
        // Retention counts from the block's end, or from the save if later.
        let end = f.block.unwrap().end_ms.max(f.saved_at_ms);
        assert!(!f.retention_expired(24, end + 24 * 3_600_000 - 1));
        assert!(f.retention_expired(24, end + 24 * 3_600_000));
        let unknown = SavedFleet::new(end, f.snapshot.clone(), None);
        assert!(!unknown.retention_expired(1, end + 3_599_999));
        assert!(unknown.retention_expired(1, end + 3_600_000));
        assert_eq!(f.span().end_ms - f.span().start_ms, 10 * 60 * MIN);
        let other = f.to_json().replace("\"version\":1", "\"version\":9");
        assert_eq!(SavedFleet::parse(&other), None);
        assert_eq!(SavedFleet::parse("not json"), None);
        assert_eq!(
            SavedBlock::from_rfc3339("2026-11-25T16:00:00Z", "2026-11-25T06:00:00Z"),
            None
        );
    }
}
