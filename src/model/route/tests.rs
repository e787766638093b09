use super::*;
use crate::model::manifest::{Address, Package, PackageSize};

const PORTLAND: (f64, f64) = (45.5152, -122.6784);
const SEATTLE: (f64, f64) = (47.6062, -122.3321);
const LONDON: (f64, f64) = (51.5074, -0.1278);
const PARIS: (f64, f64) = (48.8566, 2.3522);
const NEW_YORK: (f64, f64) = (40.7128, -74.0060);
const LOS_ANGELES: (f64, f64) = (34.0522, -118.2437);

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn distances_between_known_cities() {
    let d = haversine_m(PORTLAND, SEATTLE);
    assert!(near(d, 233_800.0, 500.0), "{d}");
    assert_eq!(d, haversine_m(SEATTLE, PORTLAND));
    assert!(near(haversine_m(LONDON, PARIS), 343_560.0, 500.0));
    assert!(near(
        haversine_m(NEW_YORK, LOS_ANGELES),
        3_935_750.0,
        1_000.0
    ));
    assert_eq!(haversine_m(PORTLAND, PORTLAND), 0.0);
    // Antipodes: half the circumference, no NaN.
    let half = std::f64::consts::PI * EARTH_RADIUS_M;
    assert!(near(haversine_m((0.0, 0.0), (0.0, 180.0)), half, 1.0));
    assert!(near(haversine_m((90.0, 0.0), (-90.0, 0.0)), half, 1.0));
    // One block in SE Portland: ~80 m.
    let block = haversine_m((45.5121, -122.6265), (45.5121, -122.6255));
    assert!(near(block, 78.0, 1.0), "{block}");
}

#[test]
fn bearings_between_known_cities() {
    let b = bearing_deg(PORTLAND, SEATTLE);
    assert!(near(b, 6.37, 0.05), "{b}");
    assert_eq!(compass(b), "N");
    assert!(near(bearing_deg(SEATTLE, PORTLAND), 186.62, 0.05));
    let b = bearing_deg(LONDON, PARIS);
    assert!(near(b, 148.12, 0.05), "{b}");
    assert_eq!(compass(b), "SE");
    assert!(near(bearing_deg(NEW_YORK, LOS_ANGELES), 273.69, 0.05));
    assert!(near(bearing_deg(LOS_ANGELES, NEW_YORK), 65.92, 0.05));
    // Due east/west/south on the equator and a meridian.
    assert!(near(bearing_deg((0.0, 0.0), (0.0, 1.0)), 90.0, 1e-9));
    assert!(near(bearing_deg((0.0, 0.0), (0.0, -1.0)), 270.0, 1e-9));
    assert!(near(bearing_deg((10.0, 5.0), (9.0, 5.0)), 180.0, 1e-9));
    assert_eq!(bearing_deg(PARIS, PARIS), 0.0);
}

#[test]
fn bearing_is_always_in_range() {
    for (a, b) in [
        (PORTLAND, SEATTLE),
        ((0.0, 0.0), (0.0, -1e-15)),
        ((-89.9, 179.9), (89.9, -179.9)),
        ((10.0, 10.0), (10.0 - 1e-14, 10.0)),
    ] {
        let deg = bearing_deg(a, b);
        assert!((0.0..360.0).contains(&deg), "{deg}");
    }
}

#[test]
fn compass_sector_boundaries() {
    assert_eq!(compass(0.0), "N");
    assert_eq!(compass(22.49), "N");
    assert_eq!(compass(22.5), "NE");
    assert_eq!(compass(67.5), "E");
    assert_eq!(compass(135.0), "SE");
    assert_eq!(compass(180.0), "S");
    assert_eq!(compass(225.0), "SW");
    assert_eq!(compass(270.0), "W");
    assert_eq!(compass(315.0), "NW");
    assert_eq!(compass(337.49), "NW");
    assert_eq!(compass(337.5), "N");
    assert_eq!(compass(359.99), "N");
    assert_eq!(compass(360.0), "N");
    assert_eq!(compass(-45.0), "NW");
    assert_eq!(compass(725.0), "N");
    assert_eq!(compass(f64::NAN), "");
    assert_eq!(compass(f64::INFINITY), "");
}

#[test]
fn distance_formatting() {
    assert_eq!(format_distance(0.0), "0 m");
    assert_eq!(format_distance(4.0), "0 m");
    assert_eq!(format_distance(7.0), "10 m");
    assert_eq!(format_distance(347.0), "350 m");
    assert_eq!(format_distance(994.9), "990 m");
    // Rounds up into kilometres rather than printing "1000 m".
    assert_eq!(format_distance(995.0), "1.0 km");
    assert_eq!(format_distance(1_234.0), "1.2 km");
    assert_eq!(format_distance(9_949.0), "9.9 km");
    assert_eq!(format_distance(9_950.0), "10 km");
    assert_eq!(format_distance(12_345.0), "12 km");
    assert_eq!(format_distance(233_800.0), "234 km");
    assert_eq!(format_distance(-5.0), "0 m");
    assert_eq!(format_distance(f64::NAN), "—");
    assert_eq!(format_distance(f64::INFINITY), "—");
}

fn window(start: &str, end: &str) -> TimeWindow {
    TimeWindow {
        start: start.into(),
        end: end.into(),
    }
}

#[test]
fn window_states_at_the_boundaries() {
    let w = window("2026-11-25T10:00:00-08:00", "2026-11-25T12:00:00-08:00");
    let start = parse_rfc3339(&w.start).unwrap().ms;
    let end = parse_rfc3339(&w.end).unwrap().ms;
    let at = |t| window_state(Some(&w), t);
    assert_eq!(
        at(start - 3_600_000),
        WindowState::Upcoming {
            starts_in_ms: 3_600_000
        }
    );
    assert_eq!(at(start - 1), WindowState::Upcoming { starts_in_ms: 1 });
    assert_eq!(
        at(start),
        WindowState::Open {
            closes_in_ms: 7_200_000
        }
    );
    assert_eq!(
        at(end - CLOSING_SOON_MS),
        WindowState::Open {
            closes_in_ms: CLOSING_SOON_MS
        }
    );
    assert_eq!(
        at(end - CLOSING_SOON_MS + 1),
        WindowState::ClosingSoon {
            closes_in_ms: CLOSING_SOON_MS - 1
        }
    );
    assert_eq!(at(end - 1), WindowState::ClosingSoon { closes_in_ms: 1 });
    assert_eq!(at(end), WindowState::Missed);
    assert_eq!(at(end + 86_400_000), WindowState::Missed);
}

#[test]
fn window_offsets_are_honoured() {
    // The same instant written in two offsets.
    let w = window("2026-11-25T18:00:00Z", "2026-11-25T12:00:00-08:00");
    let now = parse_rfc3339("2026-11-25T11:50:00-08:00").unwrap().ms;
    assert_eq!(
        window_state(Some(&w), now),
        WindowState::ClosingSoon {
            closes_in_ms: 600_000
        }
    );
}

#[test]
fn short_window_is_closing_soon_from_the_start() {
    let w = window("2026-11-25T10:00:00Z", "2026-11-25T10:10:00Z");
    let start = parse_rfc3339(&w.start).unwrap().ms;
    assert_eq!(
        window_state(Some(&w), start),
        WindowState::ClosingSoon {
            closes_in_ms: 600_000
        }
    );
}

#[test]
fn unreadable_windows_are_no_window() {
    let now = 1_795_621_320_000;
    assert_eq!(window_state(None, now), WindowState::NoWindow);
    for w in [
        window("", ""),
        window("10:00", "12:00"),
        window("2026-11-25T10:00:00Z", "soon"),
        window("2026-02-30T10:00:00Z", "2026-03-01T10:00:00Z"),
        window("2026-11-25T12:00:00Z", "2026-11-25T10:00:00Z"),
    ] {
        assert_eq!(window_state(Some(&w), now), WindowState::NoWindow, "{w:?}");
    }
    // Extreme clocks do not overflow.
    let w = window("2026-11-25T10:00:00Z", "2026-11-25T12:00:00Z");
    assert_eq!(window_state(Some(&w), i64::MAX), WindowState::Missed);
    assert!(matches!(
        window_state(Some(&w), i64::MIN / 2),
        WindowState::Upcoming { .. }
    ));
}

fn stop(seq: u32, statuses: &[PackageStatus]) -> Stop {
    Stop {
        id: format!("S{seq}"),
        seq,
        address: Address {
            line1: format!("{seq} Main St"),
            line2: None,
            city: "Portland".into(),
            region: None,
            postcode: "97214".into(),
        },
        lat: 45.5,
        lng: -122.6,
        window: None,
        notes: None,
        access_code: None,
        packages: statuses
            .iter()
            .enumerate()
            .map(|(i, st)| Package {
                id: format!("P{seq}-{i}"),
                tracking: format!("T{seq}{i}"),
                recipient: "R".into(),
                size: PackageSize::S,
                weight_kg: None,
                status: st.clone(),
                signature_required: false,
                notes: None,
            })
            .collect(),
    }
}

fn manifest(stops: Vec<Stop>) -> Manifest {
    use crate::model::manifest::{Block, DriverRef, MANIFEST_SCHEMA};
    Manifest {
        schema: MANIFEST_SCHEMA,
        id: "M".into(),
        generated_at: "2026-11-25T06:00:00Z".into(),
        driver: DriverRef {
            id: "D".into(),
            name: "A".into(),
        },
        block: Block {
            station: "X".into(),
            start: "2026-11-25T07:00:00Z".into(),
            end: "2026-11-25T17:00:00Z".into(),
        },
        stops,
    }
}

#[test]
fn next_stop_and_progress() {
    use PackageStatus::*;
    let mut m = manifest(vec![
        stop(1, &[Delivered, Attempted]),
        stop(2, &[Delivered, Pending]),
        stop(3, &[Returned]),
        stop(4, &[Pending]),
    ]);
    assert!(stop_done(&m.stops[0]));
    assert!(!stop_done(&m.stops[1]));
    assert!(stop_done(&m.stops[2]));
    assert_eq!(next_stop_index(&m), Some(1));
    assert_eq!(route_progress(&m), (2, 4));

    m.stops[1].packages[1].status = Delivered;
    assert_eq!(next_stop_index(&m), Some(3));
    assert_eq!(route_progress(&m), (3, 4));

    m.stops[3].packages[0].status = Attempted;
    assert_eq!(next_stop_index(&m), None);
    assert_eq!(route_progress(&m), (4, 4));

    // An unknown status is not "done".
    m.stops[0].packages[0].status = PackageStatus::Unknown("lost".into());
    assert_eq!(next_stop_index(&m), Some(0));
    assert_eq!(route_progress(&manifest(vec![])), (0, 0));
}

fn inside(p: (f64, f64), w: f64, h: f64, pad: f64) -> bool {
    let eps = 1e-9;
    p.0 >= pad - eps && p.0 <= w - pad + eps && p.1 >= pad - eps && p.1 <= h - pad + eps
}

#[test]
fn projection_fits_the_box_keeps_aspect_and_points_y_down() {
    // Two points: one north-west of the other.
    let pts = [(45.52, -122.66), (45.50, -122.62)];
    let out = project(&pts, 400.0, 300.0, 10.0);
    assert_eq!(out.len(), 2);
    for p in &out {
        assert!(inside(*p, 400.0, 300.0, 10.0), "{p:?}");
    }
    // North is up (smaller y), west is left.
    assert!(out[0].1 < out[1].1);
    assert!(out[0].0 < out[1].0);
    // Aspect: ground dx/dy is 0.04*cos(45.51°) / 0.02 ≈ 1.40.
    let (dx, dy) = (out[1].0 - out[0].0, out[1].1 - out[0].1);
    let k = 45.51f64.to_radians().cos();
    assert!(near(dx / dy, 0.04 * k / 0.02, 1e-6));
    // The limiting dimension fills the available box exactly.
    assert!(near(dx, 380.0, 1e-9) || near(dy, 280.0, 1e-9));
    // And the route is centred.
    let mid = ((out[0].0 + out[1].0) / 2.0, (out[0].1 + out[1].1) / 2.0);
    assert!(near(mid.0, 200.0, 1e-9) && near(mid.1, 150.0, 1e-9));
}

fn same(a: &[(f64, f64)], b: &[(f64, f64)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(p, q)| near(p.0, q.0, 1e-9) && near(p.1, q.1, 1e-9))
}

#[test]
fn projection_degenerate_inputs() {
    assert!(project(&[], 100.0, 100.0, 5.0).is_empty());
    assert_eq!(
        project(&[(45.5, -122.6)], 100.0, 80.0, 5.0),
        vec![(50.0, 40.0)]
    );
    assert_eq!(
        project(&[(45.5, -122.6); 3], 100.0, 80.0, 5.0),
        vec![(50.0, 40.0); 3]
    );
    // Due north–south: x centred, y spans the box.
    let out = project(&[(45.0, -122.0), (46.0, -122.0)], 100.0, 80.0, 5.0);
    assert_eq!(out, vec![(50.0, 75.0), (50.0, 5.0)]);
    // Due east–west: y centred, x spans the box.
    let out = project(&[(45.0, -123.0), (45.0, -122.0)], 100.0, 80.0, 5.0);
    assert!(same(&out, &[(5.0, 40.0), (95.0, 40.0)]), "{out:?}");
    // Non-finite points go to the centre and do not poison the rest.
    let out = project(
        &[(f64::NAN, 1.0), (45.0, -123.0), (45.0, -122.0)],
        100.0,
        80.0,
        5.0,
    );
    assert!(
        same(&out, &[(50.0, 40.0), (5.0, 40.0), (95.0, 40.0)]),
        "{out:?}"
    );
    // A box smaller than its padding, or nonsense sizes, stay finite.
    for (w, h, pad) in [(4.0, 4.0, 5.0), (f64::NAN, 10.0, 1.0), (-1.0, -1.0, -1.0)] {
        for p in project(&[(45.0, -123.0), (46.0, -122.0)], w, h, pad) {
            assert!(p.0.is_finite() && p.1.is_finite(), "{p:?}");
        }
    }
    // Points at the pole (cos = 0) do not divide by zero.
    for p in project(&[(90.0, 0.0), (90.0, 90.0)], 10.0, 10.0, 1.0) {
        assert!(p.0.is_finite() && p.1.is_finite());
    }
}

#[test]
fn projection_of_the_demo_route_stays_in_the_box() {
    use crate::backend::demo::data::{demo_driver, manifest_for, ManifestSize};
    let m = manifest_for(&demo_driver(), 1_795_600_000_000, ManifestSize::STANDARD);
    let pts: Vec<_> = m.stops.iter().map(|s| (s.lat, s.lng)).collect();
    let out = project(&pts, 360.0, 240.0, 12.0);
    assert_eq!(out.len(), pts.len());
    assert!(out.iter().all(|p| inside(*p, 360.0, 240.0, 12.0)));
}
