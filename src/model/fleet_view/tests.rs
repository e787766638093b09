use proptest::prelude::*;

use super::*;
use crate::model::fleet::{NextStop, SignInError};
use crate::model::time::{format_rfc3339, parse_rfc3339};

/// The rows a fresh index shows for `q`; the table keeps one index per
/// refresh, the tests build one per call.
fn view(drivers: &[DriverStatus], q: &FleetQuery, now_ms: EpochMs, block: BlockSpan) -> Vec<usize> {
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
        position: None,
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
    let snap = fleet(
        1_000,
        start(),
        now,
        crate::backend::demo::data::OwnProgress {
            delivered: 10,
            attempted: 2,
            total: 300,
            ..Default::default()
        },
    );
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
