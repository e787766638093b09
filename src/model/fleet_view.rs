//! The dispatcher's fleet table: which drivers need attention, filtering,
//! sorting, and the table state kept in the page URL.
//!
//! Built for a fleet of a thousand drivers refreshed every few seconds on a
//! modest laptop: each call folds text and parses timestamps once per driver
//! into a key row, and the sort compares only those precomputed keys.

use std::cmp::Ordering;

use super::fleet::{DriverState, DriverStatus};
// One folding for every search box, so drivers and dispatchers match alike.
use super::search::contains;
pub use super::search::fold;
use super::time::{parse_rfc3339, EpochMs};
use super::url::{encode_component, query_pairs};

/// An on-route driver not heard from for longer than this is flagged.
pub const UNREACHABLE_AFTER_MS: i64 = 15 * 60_000;

/// An on-route driver whose share of packages done trails the share of the
/// block elapsed by more than this many percentage points is flagged.
pub const BEHIND_BY_POINTS: i64 = 15;

/// Table columns that can be sorted on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    #[default]
    Name,
    State,
    LastSeen,
    Progress,
    NextStop,
    Flags,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Name,
        SortKey::State,
        SortKey::LastSeen,
        SortKey::Progress,
        SortKey::NextStop,
        SortKey::Flags,
    ];

    /// The word used in the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::State => "state",
            SortKey::LastSeen => "last_seen",
            SortKey::Progress => "progress",
            SortKey::NextStop => "next_stop",
            SortKey::Flags => "flags",
        }
    }

    /// Case-insensitive; `-` works for `_` (`last-seen`).
    pub fn parse(text: &str) -> Option<SortKey> {
        let t = text.trim().to_ascii_lowercase().replace('-', "_");
        SortKey::ALL.into_iter().find(|k| k.as_str() == t)
    }
}

/// What the table shows: kept in the URL so a reload or a shared link shows
/// the same view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FleetQuery {
    pub sort: SortKey,
    pub descending: bool,
    /// Only drivers in this state; `None` shows all.
    pub state: Option<DriverState>,
    /// Free text matched against name, driver id and next stop, ignoring
    /// case and accents. Every word must match somewhere.
    pub text: String,
}

impl FleetQuery {
    /// `sort=progress&dir=desc&state=unreachable&q=rivera` (no leading `?`).
    /// Sort and direction are always written, so a saved link keeps its
    /// meaning even if the defaults change; state and text only when set.
    pub fn to_query_string(&self) -> String {
        let mut out = format!(
            "sort={}&dir={}",
            self.sort.as_str(),
            if self.descending { "desc" } else { "asc" }
        );
        if let Some(state) = &self.state {
            out.push_str("&state=");
            out.push_str(&encode_component(state.as_str()));
        }
        if !self.text.is_empty() {
            out.push_str("&q=");
            out.push_str(&encode_component(&self.text));
        }
        out
    }

    /// Reads a URL query (with or without `?`). Never fails: unknown keys
    /// are ignored, and a value that does not make sense leaves that setting
    /// at its default, because a hand-edited or truncated URL should still
    /// open the table. An unknown state is dropped rather than filtered on,
    /// which would show an empty table with no explanation.
    pub fn from_query_string(query: &str) -> FleetQuery {
        let mut q = FleetQuery::default();
        for (key, value) in query_pairs(query) {
            match key.as_str() {
                "sort" => {
                    if let Some(k) = SortKey::parse(&value) {
                        q.sort = k;
                    }
                }
                "dir" => match value.trim().to_ascii_lowercase().as_str() {
                    "desc" | "descending" => q.descending = true,
                    "asc" | "ascending" => q.descending = false,
                    _ => {}
                },
                "state" => {
                    let st = DriverState::parse(value.trim());
                    q.state = st.is_known().then_some(st);
                }
                "q" => q.text = value,
                _ => {}
            }
        }
        q
    }
}

/// The block the fleet is working, as instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockSpan {
    pub start_ms: EpochMs,
    pub end_ms: EpochMs,
}

/// Why a driver row is highlighted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Sign-in is failing; the inner value is the support code to quote to
    /// the platform's help desk, when the server gave one.
    pub sign_in_failing: Option<Option<String>>,
    /// Unreachable, or on route and not heard from for over 15 minutes.
    pub unreachable_long: bool,
    /// On route and more than 15 percentage points behind the block's pace.
    pub behind_schedule: bool,
}

impl Flags {
    pub fn any(&self) -> bool {
        self.sign_in_failing.is_some() || self.unreachable_long || self.behind_schedule
    }

    pub fn count(&self) -> usize {
        usize::from(self.sign_in_failing.is_some())
            + usize::from(self.unreachable_long)
            + usize::from(self.behind_schedule)
    }

    /// For sorting: a driver who cannot sign in cannot work at all, one who
    /// is out of contact cannot be helped, one behind can still catch up.
    /// Weighted so any worse flag outranks all lesser ones together.
    pub fn urgency(&self) -> u8 {
        4 * u8::from(self.sign_in_failing.is_some())
            + 2 * u8::from(self.unreachable_long)
            + u8::from(self.behind_schedule)
    }
}

/// The flags for one driver at `now_ms`.
pub fn flags(d: &DriverStatus, now_ms: i64, block_start_ms: i64, block_end_ms: i64) -> Flags {
    let last_seen = parse_rfc3339(&d.last_seen).map(|s| s.ms);
    flags_at(d, last_seen, now_ms, block_start_ms, block_end_ms)
}

fn flags_at(
    d: &DriverStatus,
    last_seen: Option<EpochMs>,
    now_ms: i64,
    block_start_ms: i64,
    block_end_ms: i64,
) -> Flags {
    let on_route = d.state == DriverState::OnRoute;
    // An on-route driver whose last-seen time cannot be read has not been
    // confirmed in contact, so they are flagged rather than assumed fine.
    let silent = last_seen.is_none_or(|t| now_ms - t > UNREACHABLE_AFTER_MS);
    Flags {
        sign_in_failing: d.sign_in_error.as_ref().map(|e| e.support_code.clone()),
        unreachable_long: d.state == DriverState::Unreachable || (on_route && silent),
        behind_schedule: on_route && is_behind(d, now_ms, block_start_ms, block_end_ms),
    }
}

/// Done share trails elapsed share by more than [`BEHIND_BY_POINTS`].
/// Exact integer arithmetic, so the threshold is exact too:
/// `elapsed/span − done/total > p/100  ⇔  100·(elapsed·total − done·span) > p·span·total`.
fn is_behind(d: &DriverStatus, now_ms: i64, start_ms: i64, end_ms: i64) -> bool {
    let span = i128::from(end_ms) - i128::from(start_ms);
    if span <= 0 || d.total == 0 {
        return false;
    }
    let elapsed = (i128::from(now_ms) - i128::from(start_ms)).clamp(0, span);
    let total = i128::from(d.total);
    let done = (i128::from(d.delivered) + i128::from(d.attempted)).min(total);
    100 * (elapsed * total - done * span) > i128::from(BEHIND_BY_POINTS) * span * total
}

/// Each driver's sort and filter keys: folded text, parsed time, ranks.
/// They depend on the fleet and the clock, not on the query, so the table
/// computes them once per refresh and each sort or keystroke only compares.
#[derive(Clone, Debug, PartialEq)]
struct Keys {
    state_rank: Option<u8>,
    last_seen: Option<EpochMs>,
    progress: Option<Fraction>,
    urgency: u8,
    name: String,
    /// The folded next-stop street and its sequence number.
    next_stop: Option<(String, u32)>,
    /// Folded name, id and next stop, separated by a line break, which no
    /// search term contains, so a term never matches across two fields.
    haystack: String,
}

/// The fleet's drivers with their keys, ready to be filtered and sorted
/// any number of times.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FleetIndex {
    states: Vec<DriverState>,
    keys: Vec<Keys>,
}

impl FleetIndex {
    pub fn new(drivers: &[DriverStatus], now_ms: EpochMs, block: BlockSpan) -> FleetIndex {
        let keys = drivers
            .iter()
            .map(|d| {
                let last_seen = parse_rfc3339(&d.last_seen).map(|s| s.ms);
                let name = fold(&d.name);
                let id = fold(&d.id);
                let next_stop = d.next_stop.as_ref().map(|n| (fold(&n.line1), n.seq));
                let mut haystack = String::with_capacity(name.len() + id.len() + 40);
                haystack.push_str(&name);
                haystack.push('\n');
                haystack.push_str(&id);
                if let Some((street, _)) = &next_stop {
                    haystack.push('\n');
                    haystack.push_str(street);
                }
                Keys {
                    state_rank: state_rank(&d.state),
                    last_seen,
                    progress: progress_of(d),
                    urgency: flags_at(d, last_seen, now_ms, block.start_ms, block.end_ms).urgency(),
                    name,
                    next_stop,
                    haystack,
                }
            })
            .collect();
        FleetIndex {
            states: drivers.iter().map(|d| d.state.clone()).collect(),
            keys,
        }
    }

    /// Indices of the drivers to show, in order: filtered by state and by
    /// text, then stably sorted, so rows that tie keep the server's order
    /// and do not jump around between refreshes.
    pub fn view(&self, q: &FleetQuery) -> Vec<usize> {
        let terms: Vec<String> = fold(&q.text)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let mut rows: Vec<usize> = (0..self.keys.len())
            .filter(|&i| q.state.as_ref().is_none_or(|s| *s == self.states[i]))
            .filter(|&i| {
                let hay = self.keys[i].haystack.as_str();
                terms.iter().all(|t| contains(hay, t))
            })
            .collect();
        let desc = q.descending;
        let dir = |o: Ordering| if desc { o.reverse() } else { o };
        let k = |i: &usize| &self.keys[*i];
        rows.sort_by(|a, b| {
            let (a, b) = (k(a), k(b));
            match q.sort {
                SortKey::Name => dir(a.name.cmp(&b.name)),
                SortKey::State => directed(&a.state_rank, &b.state_rank, desc),
                SortKey::LastSeen => directed(&a.last_seen, &b.last_seen, desc),
                SortKey::Progress => directed(&a.progress, &b.progress, desc),
                SortKey::NextStop => directed(&a.next_stop, &b.next_stop, desc),
                SortKey::Flags => dir(a.urgency.cmp(&b.urgency)),
            }
        });
        rows
    }
}

/// done/total, compared exactly by cross-multiplying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fraction {
    done: u64,
    total: u64,
}

impl Ord for Fraction {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.done * o.total).cmp(&(o.done * self.total))
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

fn progress_of(d: &DriverStatus) -> Option<Fraction> {
    (d.total > 0).then(|| Fraction {
        done: u64::from(d.delivered) + u64::from(d.attempted),
        total: u64::from(d.total),
    })
}

/// Ascending order puts the drivers most likely to need a call first.
fn state_rank(s: &DriverState) -> Option<u8> {
    match s {
        DriverState::Unreachable => Some(0),
        DriverState::OnRoute => Some(1),
        DriverState::SignedOut => Some(2),
        DriverState::Finished => Some(3),
        DriverState::Unknown(_) => None,
    }
}

/// Orders two optional keys in the requested direction, with missing values
/// (an unreadable time, a driver without packages) always last: they are
/// never the answer to "who is furthest along" or "who is furthest behind".
fn directed<T: Ord>(a: &Option<T>, b: &Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) if descending => y.cmp(x),
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// How many drivers are in each state, for the filter buttons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    pub on_route: usize,
    pub signed_out: usize,
    pub unreachable: usize,
    pub finished: usize,
    /// States this build does not know.
    pub other: usize,
}

impl StateCounts {
    pub fn total(&self) -> usize {
        self.on_route + self.signed_out + self.unreachable + self.finished + self.other
    }

    pub fn get(&self, state: &DriverState) -> usize {
        match state {
            DriverState::OnRoute => self.on_route,
            DriverState::SignedOut => self.signed_out,
            DriverState::Unreachable => self.unreachable,
            DriverState::Finished => self.finished,
            DriverState::Unknown(_) => self.other,
        }
    }
}

pub fn state_counts(drivers: &[DriverStatus]) -> StateCounts {
    let mut c = StateCounts::default();
    for d in drivers {
        match d.state {
            DriverState::OnRoute => c.on_route += 1,
            DriverState::SignedOut => c.signed_out += 1,
            DriverState::Unreachable => c.unreachable += 1,
            DriverState::Finished => c.finished += 1,
            DriverState::Unknown(_) => c.other += 1,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::fleet::{NextStop, SignInError};
    use crate::model::time::{format_rfc3339, parse_rfc3339};

    /// The rows a fresh index shows for `q`; the table keeps one index per
    /// refresh, the tests build one per call.
    fn view(
        drivers: &[DriverStatus],
        q: &FleetQuery,
        now_ms: EpochMs,
        block: BlockSpan,
    ) -> Vec<usize> {
        FleetIndex::new(drivers, now_ms, block).view(q)
    }

    const HOUR: i64 = 3_600_000;
    const MIN: i64 = 60_000;

    fn start() -> i64 {
        parse_rfc3339("2026-11-25T07:00:00-08:00").unwrap().ms
    }

    fn block() -> BlockSpan {
        BlockSpan {
            start_ms: start(),
            end_ms: start() + 10 * HOUR,
        }
    }

    fn driver(id: &str, name: &str, state: DriverState) -> DriverStatus {
        DriverStatus {
            id: id.to_string(),
            name: name.to_string(),
            state,
            last_seen: format_rfc3339(start() + 5 * HOUR, -480),
            delivered: 50,
            attempted: 0,
            total: 100,
            next_stop: None,
            manifest_id: format!("M-{id}"),
            sign_in_error: None,
        }
    }

    /// Five drivers with distinct values in every column.
    fn fleet() -> Vec<DriverStatus> {
        let now = start() + 5 * HOUR;
        let mut a = driver("D-1", "Zoë Adams", DriverState::OnRoute);
        a.delivered = 10;
        a.last_seen = format_rfc3339(now - 2 * MIN, -480);
        a.next_stop = Some(NextStop {
            seq: 12,
            line1: "Élm St".to_string(),
        });
        let mut b = driver("D-2", "alex Rivera", DriverState::Unreachable);
        b.delivered = 40;
        b.last_seen = format_rfc3339(now - 40 * MIN, -480);
        b.next_stop = Some(NextStop {
            seq: 3,
            line1: "Ash Ave".to_string(),
        });
        let mut c = driver("D-3", "Nguyễn Thị Lan", DriverState::Finished);
        c.delivered = 90;
        c.attempted = 10;
        c.last_seen = format_rfc3339(now - 90 * MIN, 0);
        let mut d = driver("D-4", "Émile Brun", DriverState::SignedOut);
        d.delivered = 0;
        d.total = 0;
        d.last_seen = "not a time".to_string();
        d.sign_in_error = Some(SignInError {
            status: 401,
            support_code: Some("SUP-9".to_string()),
        });
        let mut e = driver("D-5", "Maria Ortiz", DriverState::OnRoute);
        e.delivered = 45;
        e.attempted = 5;
        e.last_seen = format_rfc3339(now - MIN, -480);
        e.next_stop = Some(NextStop {
            seq: 40,
            line1: "Cedar Rd".to_string(),
        });
        vec![a, b, c, d, e]
    }

    fn sorted(key: SortKey, descending: bool) -> Vec<usize> {
        let q = FleetQuery {
            sort: key,
            descending,
            ..FleetQuery::default()
        };
        view(&fleet(), &q, start() + 5 * HOUR, block())
    }

    #[test]
    fn sorts_by_name_ignoring_case_and_accents() {
        // alex, Émile, Maria, Nguyễn, Zoë
        assert_eq!(sorted(SortKey::Name, false), vec![1, 3, 4, 2, 0]);
        assert_eq!(sorted(SortKey::Name, true), vec![0, 2, 4, 3, 1]);
    }

    #[test]
    fn sorts_by_state_most_urgent_first() {
        // unreachable, on_route (×2, input order kept), signed_out, finished
        assert_eq!(sorted(SortKey::State, false), vec![1, 0, 4, 3, 2]);
        assert_eq!(sorted(SortKey::State, true), vec![2, 3, 0, 4, 1]);
    }

    #[test]
    fn sorts_by_last_seen_with_unreadable_times_last() {
        // Oldest first: c (90 min), b (40), a (2), e (1); d unreadable last.
        assert_eq!(sorted(SortKey::LastSeen, false), vec![2, 1, 0, 4, 3]);
        assert_eq!(sorted(SortKey::LastSeen, true), vec![4, 0, 1, 2, 3]);
    }

    #[test]
    fn sorts_by_progress_with_empty_manifests_last() {
        // a 10%, b 40%, e 50%, c 100%; d has no packages.
        assert_eq!(sorted(SortKey::Progress, false), vec![0, 1, 4, 2, 3]);
        assert_eq!(sorted(SortKey::Progress, true), vec![2, 4, 1, 0, 3]);
    }

    #[test]
    fn sorts_by_next_stop_with_none_last() {
        // Ash, Cedar, Élm (as "elm"); c and d have no next stop, input order.
        assert_eq!(sorted(SortKey::NextStop, false), vec![1, 4, 0, 2, 3]);
        assert_eq!(sorted(SortKey::NextStop, true), vec![0, 4, 1, 2, 3]);
    }

    #[test]
    fn sorts_by_flags_most_urgent_first_when_descending() {
        // d: sign-in (4). b: unreachable (2). a: 10% done at 50% elapsed (1).
        // c, e: none, input order kept in both directions.
        assert_eq!(sorted(SortKey::Flags, true), vec![3, 1, 0, 2, 4]);
        assert_eq!(sorted(SortKey::Flags, false), vec![2, 4, 0, 1, 3]);
    }

    #[test]
    fn filters_by_state_and_text() {
        let f = fleet();
        let now = start() + 5 * HOUR;
        let q = |state: Option<DriverState>, text: &str| {
            let q = FleetQuery {
                state,
                text: text.to_string(),
                ..FleetQuery::default()
            };
            view(&f, &q, now, block())
        };
        assert_eq!(q(Some(DriverState::OnRoute), ""), vec![4, 0]);
        assert_eq!(
            q(Some(DriverState::Unknown("x".into())), ""),
            Vec::<usize>::new()
        );
        // Accents and case both ways.
        assert_eq!(q(None, "NGUYEN"), vec![2]);
        assert_eq!(q(None, "zoe"), vec![0]);
        assert_eq!(q(None, "émile"), vec![3]);
        assert_eq!(q(None, "Zoe\u{308}"), vec![0]);
        // Id and next stop are searched; every word must match.
        assert_eq!(q(None, "d-5"), vec![4]);
        assert_eq!(q(None, "elm"), vec![0]);
        assert_eq!(q(None, "  rivera   ALEX "), vec![1]);
        assert_eq!(q(None, "rivera zoe"), Vec::<usize>::new());
        // Words do not match across fields ("adams" + "d-1").
        assert_eq!(q(None, "adamsd"), Vec::<usize>::new());
        assert_eq!(q(Some(DriverState::OnRoute), "rivera"), Vec::<usize>::new());
        assert_eq!(q(None, "   "), vec![1, 3, 4, 2, 0]);
    }

    #[test]
    fn unreachable_flag_at_exactly_fifteen_minutes() {
        let now = start() + 5 * HOUR;
        let (s, e) = (block().start_ms, block().end_ms);
        let mut d = driver("D-1", "A", DriverState::OnRoute);
        d.last_seen = format_rfc3339(now - 15 * MIN, -480);
        assert!(
            !flags(&d, now, s, e).unreachable_long,
            "15:00 is not yet too long"
        );
        assert!(flags(&d, now + 1, s, e).unreachable_long, "15:00.001 is");
        assert!(flags(&d, now + MIN, s, e).unreachable_long);
        // Only on route counts: a signed-out or finished driver is not missing.
        d.state = DriverState::SignedOut;
        assert!(!flags(&d, now + HOUR, s, e).unreachable_long);
        d.state = DriverState::Finished;
        assert!(!flags(&d, now + HOUR, s, e).unreachable_long);
        // Unreachable is flagged whatever the time.
        d.state = DriverState::Unreachable;
        assert!(flags(&d, now - 15 * MIN, s, e).unreachable_long);
        // On route with an unreadable time: not confirmed in contact.
        d.state = DriverState::OnRoute;
        d.last_seen = "soon".to_string();
        assert!(flags(&d, now, s, e).unreachable_long);
    }

    #[test]
    fn behind_schedule_at_exactly_fifteen_points() {
        let (s, e) = (block().start_ms, block().end_ms);
        let now = s + 5 * HOUR; // 50% of the block
        let mut d = driver("D-1", "A", DriverState::OnRoute);
        d.last_seen = format_rfc3339(now, 0);
        d.delivered = 30;
        d.attempted = 5; // 35% done: exactly 15 points behind
        assert!(!flags(&d, now, s, e).behind_schedule);
        d.attempted = 4; // 34%: 16 points
        assert!(flags(&d, now, s, e).behind_schedule);
        assert_eq!(flags(&d, now, s, e).count(), 1);
        // Before the block nobody is behind.
        assert!(!flags(&d, s - HOUR, s, e).behind_schedule);
        // After it, elapsed stays at 100%: 85% done is exactly 15 points,
        // which unclamped (150% elapsed) would have been flagged.
        d.delivered = 85;
        d.attempted = 0;
        assert!(!flags(&d, e + 5 * HOUR, s, e).behind_schedule);
        d.delivered = 84;
        assert!(flags(&d, e + 5 * HOUR, s, e).behind_schedule);
        // Not on route, no packages, or a broken block: never behind.
        d.delivered = 0;
        d.state = DriverState::SignedOut;
        assert!(!flags(&d, now, s, e).behind_schedule);
        d.state = DriverState::OnRoute;
        assert!(!flags(&d, now, s, s).behind_schedule);
        d.total = 0;
        assert!(!flags(&d, now, s, e).behind_schedule);
    }

    #[test]
    fn sign_in_flag_carries_the_support_code() {
        let f = fleet();
        let now = start();
        assert_eq!(
            flags(&f[3], now, block().start_ms, block().end_ms).sign_in_failing,
            Some(Some("SUP-9".to_string()))
        );
        let mut d = f[0].clone();
        d.sign_in_error = Some(SignInError {
            status: 500,
            support_code: None,
        });
        let fl = flags(&d, now, block().start_ms, block().end_ms);
        assert_eq!(fl.sign_in_failing, Some(None));
        assert!(fl.any());
        assert_eq!(
            flags(&f[4], now, block().start_ms, block().end_ms).sign_in_failing,
            None
        );
    }

    #[test]
    fn counts_states() {
        let mut f = fleet();
        f.push(driver("D-9", "X", DriverState::Unknown("on_break".into())));
        let c = state_counts(&f);
        assert_eq!(
            c,
            StateCounts {
                on_route: 2,
                signed_out: 1,
                unreachable: 1,
                finished: 1,
                other: 1
            }
        );
        assert_eq!(c.total(), 6);
        assert_eq!(c.get(&DriverState::OnRoute), 2);
        assert_eq!(c.get(&DriverState::Unknown("z".into())), 1);
    }

    #[test]
    fn query_string_reads_and_writes() {
        let q = FleetQuery::from_query_string("?sort=progress&dir=desc&state=unreachable&q=rivera");
        assert_eq!(
            q,
            FleetQuery {
                sort: SortKey::Progress,
                descending: true,
                state: Some(DriverState::Unreachable),
                text: "rivera".to_string()
            }
        );
        assert_eq!(
            q.to_query_string(),
            "sort=progress&dir=desc&state=unreachable&q=rivera"
        );
        assert_eq!(FleetQuery::default().to_query_string(), "sort=name&dir=asc");
        let q = FleetQuery {
            text: "Zoë & Co=1 + 50%".to_string(),
            ..FleetQuery::default()
        };
        assert_eq!(
            q.to_query_string(),
            "sort=name&dir=asc&q=Zo%C3%AB%20%26%20Co%3D1%20%2B%2050%25"
        );
        // Forms write spaces as +.
        assert_eq!(
            FleetQuery::from_query_string("q=alex+rivera").text,
            "alex rivera"
        );
    }

    #[test]
    fn garbage_query_falls_back_to_defaults() {
        for s in [
            "",
            "?",
            "&&&",
            "sort=shoe&dir=sideways&state=napping",
            "=&=x&sort",
            "%%%=%zz",
        ] {
            assert_eq!(
                FleetQuery::from_query_string(s),
                FleetQuery::default(),
                "{s:?}"
            );
        }
        let q = FleetQuery::from_query_string("sort=LAST-SEEN&dir=DESC&state=all&q=%E2%82&x=1");
        assert_eq!(q.sort, SortKey::LastSeen);
        assert!(q.descending);
        assert_eq!(q.state, None);
        assert_eq!(q.text, "\u{FFFD}");
        assert_eq!(FleetQuery::from_query_string("q=50%&q2=1").text, "50%");
    }

    #[test]
    fn thousand_drivers_are_quick() {
        use crate::backend::demo::data::fleet;
        let now = start() + 5 * HOUR;
        let snap = fleet(1_000, start(), now, (10, 2, 300, None));
        let drivers = snap.drivers;
        let t = std::time::Instant::now();
        for key in SortKey::ALL {
            for descending in [false, true] {
                for text in ["", "a"] {
                    let q = FleetQuery {
                        sort: key,
                        descending,
                        state: None,
                        text: text.to_string(),
                    };
                    let rows = view(&drivers, &q, now, block());
                    if text.is_empty() {
                        assert_eq!(rows.len(), drivers.len());
                        let mut seen = rows.clone();
                        seen.sort_unstable();
                        assert!(
                            seen.iter().enumerate().all(|(k, &i)| k == i),
                            "a permutation"
                        );
                    }
                    if key == SortKey::Progress && text.is_empty() {
                        let p = |i: usize| {
                            let d = &drivers[i];
                            (d.delivered + d.attempted) as f64 / d.total as f64
                        };
                        let ok = rows.windows(2).all(|w| {
                            if descending {
                                p(w[0]) >= p(w[1])
                            } else {
                                p(w[0]) <= p(w[1])
                            }
                        });
                        assert!(ok, "progress order");
                    }
                }
            }
        }
        // 24 views of 1,000 drivers; generous for an unoptimised test build.
        assert!(
            t.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            t.elapsed()
        );
    }

    fn query() -> impl Strategy<Value = FleetQuery> {
        (
            prop::sample::select(SortKey::ALL.to_vec()),
            any::<bool>(),
            prop::option::of(prop::sample::select(DriverState::KNOWN.to_vec())),
            any::<String>(),
        )
            .prop_map(|(sort, descending, state, text)| FleetQuery {
                sort,
                descending,
                state,
                text,
            })
    }

    proptest! {
        #[test]
        fn query_string_round_trips(q in query()) {
            let s = q.to_query_string();
            prop_assert!(s.is_ascii());
            prop_assert_eq!(FleetQuery::from_query_string(&s), q.clone());
            prop_assert_eq!(FleetQuery::from_query_string(&format!("?{s}")), q);
        }

        /// Whatever a URL holds, the view read from it is written back as a
        /// query that reads as the same view (a reload changes nothing).
        #[test]
        fn any_query_string_reads_as_a_stable_view(s in "\\PC*") {
            let q = FleetQuery::from_query_string(&s);
            prop_assert_eq!(FleetQuery::from_query_string(&q.to_query_string()), q);
        }

        #[test]
        fn view_is_a_filtered_permutation(q in query(), now_off in -HOUR..12 * HOUR) {
            let f = fleet();
            let rows = view(&f, &q, start() + now_off, block());
            let mut seen = rows.clone();
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), rows.len());
            prop_assert!(rows.iter().all(|&i| i < f.len()));
            if q.text.trim().is_empty() {
                let want = f.iter().filter(|d| q.state.as_ref().is_none_or(|s| *s == d.state)).count();
                prop_assert_eq!(rows.len(), want);
            }
        }
    }
}
