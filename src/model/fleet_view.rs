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
mod tests;
