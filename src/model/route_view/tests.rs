use super::*;

#[test]
fn preview_shortens_long_text_at_a_word_break() {
    assert_eq!(preview("Leave at side door", 200), None);
    let exact = "é".repeat(200);
    assert_eq!(preview(&exact, 200), None);
    let note = "Leave with the concierge. ".repeat(119);
    let p = preview(&note, 200).unwrap();
    assert!(p.chars().count() <= 200 && p.chars().count() >= 160, "{p}");
    assert!(note.starts_with(p));
    assert!(
        p.ends_with("concierge.") || p.ends_with("the") || p.ends_with("with"),
        "{p:?}"
    );
    // One long word: cut at the limit, on a character boundary.
    let word = "é".repeat(3_000);
    assert_eq!(preview(&word, 200).map(|p| p.chars().count()), Some(200));
}
use crate::model::manifest::{
    Address, Block, DriverRef, Package, PackageSize, Stop, MANIFEST_SCHEMA,
};
use crate::model::route::next_stop_index;

fn manifest() -> Manifest {
    let pkg = |id: &str| Package {
        id: id.to_string(),
        tracking: format!("1Z{id}"),
        recipient: "R".to_string(),
        size: PackageSize::S,
        weight_kg: None,
        status: PackageStatus::Pending,
        signature_required: false,
        notes: None,
    };
    let stop = |seq: u32, ids: &[&str]| Stop {
        id: format!("S{seq}"),
        seq,
        address: Address {
            line1: format!("{seq} Main St"),
            line2: None,
            city: "Portland".to_string(),
            region: None,
            postcode: "97201".to_string(),
        },
        lat: 45.5,
        lng: -122.6,
        window: None,
        notes: None,
        access_code: None,
        packages: ids.iter().map(|i| pkg(i)).collect(),
    };
    Manifest {
        schema: MANIFEST_SCHEMA,
        id: "M1".to_string(),
        generated_at: "2026-11-25T06:00:00-08:00".to_string(),
        driver: DriverRef {
            id: "D1".to_string(),
            name: "Alex".to_string(),
        },
        block: Block {
            station: "PDX1".to_string(),
            start: "2026-11-25T08:00:00-08:00".to_string(),
            end: "2026-11-25T18:00:00-08:00".to_string(),
        },
        stops: vec![stop(1, &["a", "b"]), stop(2, &["c"])],
    }
}

#[test]
fn marks_move_the_next_stop() {
    let m = manifest();
    assert_eq!(next_stop_index(&m), Some(0));
    let mut marks = HashMap::new();
    marks.insert("a".to_string(), PackageStatus::Delivered);
    assert_eq!(next_stop_index(&with_statuses(&m, &marks)), Some(0));
    marks.insert("b".to_string(), PackageStatus::Attempted);
    let marked = with_statuses(&m, &marks);
    assert_eq!(next_stop_index(&marked), Some(1));
    assert_eq!(marked.stops[0].packages[1].status, PackageStatus::Attempted);
    // The original is untouched; an undo (status back to pending) restores.
    assert_eq!(m.stops[0].packages[0].status, PackageStatus::Pending);
    marks.insert("b".to_string(), PackageStatus::Pending);
    assert_eq!(next_stop_index(&with_statuses(&m, &marks)), Some(0));
}

#[test]
fn summaries_are_plural_aware() {
    assert_eq!(match_summary(Lang::En, 12, 9), "12 packages at 9 stops");
    assert_eq!(match_summary(Lang::En, 1, 1), "1 package at 1 stop");
    assert_eq!(match_summary(Lang::En, 0, 0), "0 packages at 0 stops");
}

#[test]
fn window_words_name_each_state() {
    assert_eq!(window_words(Lang::En, WindowState::NoWindow), None);
    assert_eq!(
        window_words(Lang::En, WindowState::Missed).unwrap().0,
        "missed"
    );
    let (class, words) = window_words(
        Lang::En,
        WindowState::ClosingSoon {
            closes_in_ms: 9 * 60_000,
        },
    )
    .unwrap();
    assert_eq!(class, "closing");
    assert!(words.contains("9 min"), "{words}");
    let (class, words) = window_words(
        Lang::En,
        WindowState::Upcoming {
            starts_in_ms: 25 * 60_000,
        },
    )
    .unwrap();
    assert_eq!(class, "upcoming");
    assert!(words.starts_with("Opens in"), "{words}");
    assert_eq!(
        window_words(
            Lang::En,
            WindowState::Open {
                closes_in_ms: 3_600_000
            }
        )
        .unwrap()
        .0,
        "open"
    );
}

#[test]
fn nearest_point_respects_the_radius() {
    let pts = [(10.0, 10.0), (50.0, 50.0), (f64::NAN, 0.0)];
    assert_eq!(nearest_point(&pts, (12.0, 11.0), 20.0), Some(0));
    assert_eq!(nearest_point(&pts, (45.0, 47.0), 20.0), Some(1));
    assert_eq!(nearest_point(&pts, (200.0, 200.0), 20.0), None);
    assert_eq!(nearest_point(&[], (0.0, 0.0), 20.0), None);
}

#[test]
fn driver_near_route_only_when_close() {
    let stops = [(45.52, -122.68), (45.53, -122.65)];
    assert!(near_route((45.521, -122.679), &stops, 25_000.0));
    assert!(!near_route((47.6, -122.33), &stops, 25_000.0));
    assert!(!near_route((45.5, -122.6), &[], 25_000.0));
}

#[test]
fn rows_cover_the_next_stop() {
    assert_eq!(rows_to_render(40, None, 40), 40);
    assert_eq!(rows_to_render(40, Some(3), 40), 40);
    let n = rows_to_render(40, Some(95), 40);
    assert!(n > 95 && n.is_multiple_of(40), "{n}");
    assert_eq!(rows_to_render(40, Some(40), 40), 120);
}

#[test]
fn a_short_route_numbers_every_stop_with_next_and_selected_on_top() {
    assert_eq!(
        numbered_stops(5, Some(1), Some(3), 30, 6),
        vec![0, 2, 4, 3, 1]
    );
    assert_eq!(
        numbered_stops(5, Some(2), Some(2), 30, 6),
        vec![0, 1, 3, 4, 2]
    );
    assert_eq!(numbered_stops(0, None, None, 30, 6), Vec::<usize>::new());
}

#[test]
fn a_long_route_numbers_the_stops_ahead_and_the_selected_one() {
    assert_eq!(
        numbered_stops(141, Some(10), None, 30, 6),
        vec![11, 12, 13, 14, 15, 10]
    );
    // Selected far behind: added, and drawn above all but the next stop.
    assert_eq!(
        numbered_stops(141, Some(10), Some(2), 30, 6),
        vec![11, 12, 13, 14, 15, 2, 10]
    );
    // Near the end the window stops at the last stop.
    assert_eq!(numbered_stops(141, Some(139), None, 30, 6), vec![140, 139]);
    // All done: nothing ahead; a selected stop still shows.
    assert_eq!(numbered_stops(141, None, Some(7), 30, 6), vec![7]);
    // A selection outside the route is ignored.
    assert_eq!(
        numbered_stops(141, None, Some(500), 30, 6),
        Vec::<usize>::new()
    );
}
