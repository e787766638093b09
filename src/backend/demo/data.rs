//! Deterministic, realistic demo data: a day's route through south-east
//! Portland, Oregon, and a fleet of drivers.
//!
//! House numbers follow Portland's grid (the hundred block is the avenue
//! number), so "3512 SE Hawthorne Blvd" sits just east of SE 35th Ave, and the
//! coordinates are interpolated along the real streets.

use super::rng::{seed_from, Rng};
use crate::model::fleet::{
    DriverState, DriverStatus, FleetSnapshot, NextStop, Position, SignInError,
};
use crate::model::manifest::{
    Address, Block, DriverRef, Manifest, Package, PackageSize, PackageStatus, Stop, TimeWindow,
    MANIFEST_SCHEMA,
};
use crate::model::time::{date_string, format_rfc3339, EpochMs};

/// Portland is at UTC−08:00 in winter; the demo block is written in it.
pub const OFFSET_MIN: i32 = -480;
pub const CITY: &str = "Portland";
pub const REGION: &str = "OR";
pub const STATION: &str = "PDX7 — Portland SE";
/// Where the station is: drivers who finished are back there.
pub const STATION_AT: (f64, f64) = (45.4962, -122.6440);
const HOUR_MS: i64 = 3_600_000;
const BLOCK_HOURS: i64 = 10;

/// East–west streets of south-east Portland, north to south, with latitude.
const STREETS: &[(&str, f64)] = &[
    ("SE Ankeny St", 45.5220),
    ("SE Pine St", 45.5205),
    ("SE Oak St", 45.5199),
    ("SE Stark St", 45.5192),
    ("SE Washington St", 45.5185),
    ("SE Alder St", 45.5178),
    ("SE Morrison St", 45.5171),
    ("SE Belmont St", 45.5163),
    ("SE Yamhill St", 45.5156),
    ("SE Taylor St", 45.5149),
    ("SE Salmon St", 45.5142),
    ("SE Main St", 45.5135),
    ("SE Madison St", 45.5128),
    ("SE Hawthorne Blvd", 45.5121),
    ("SE Clay St", 45.5113),
    ("SE Market St", 45.5105),
    ("SE Mill St", 45.5097),
    ("SE Harrison St", 45.5081),
    ("SE Lincoln St", 45.5073),
    ("SE Grant St", 45.5065),
    ("SE Sherman St", 45.5057),
    ("SE Division St", 45.5048),
    ("SE Clinton St", 45.5030),
    ("SE Woodward St", 45.5013),
    ("SE Powell Blvd", 45.4975),
];

const FIRST: &[&str] = &[
    "Maria",
    "James",
    "Sofía",
    "Wei",
    "Aisha",
    "Liam",
    "Zoë",
    "Noah",
    "Priya",
    "Mateo",
    "Hannah",
    "José",
    "Olivia",
    "Nguyễn Thị",
    "Ethan",
    "Fatima",
    "Lucas",
    "Chloé",
    "Daniel",
    "Amara",
    "Søren",
    "Grace",
    "Kenji",
    "Isabella",
    "Omar",
    "Emily",
    "Björn",
    "Ava",
    "Ramón",
    "Mia",
    "Tomás",
    "Leah",
    "Dmitri",
    "Nora",
    "Ana",
    "Samuel",
    "Élodie",
    "Ravi",
    "Ingrid",
    "Kofi",
];

const LAST: &[&str] = &[
    "García",
    "Smith",
    "Nguyen",
    "Johnson",
    "Müller",
    "Brown",
    "Okafor",
    "Williams",
    "Patel",
    "Jones",
    "Hernández",
    "Kim",
    "Miller",
    "O'Brien",
    "Davis",
    "Løvland",
    "Wilson",
    "Chen",
    "Anderson",
    "Dubois",
    "Taylor",
    "Rossi",
    "Thomas",
    "Kowalski",
    "Moore",
    "Tanaka",
    "Martin",
    "Jackson",
    "Schäfer",
    "Lee",
    "Ibáñez",
    "Clark",
    "Novak",
    "Lewis",
    "Haddad",
    "Walker",
];

const STOP_NOTES: &[&str] = &[
    "Leave at side door, not the front porch",
    "Dog in yard — friendly but loud",
    "Ring bell twice; recipient works nights",
    "Blue house behind the fence",
    "Use the mail room on the left of the lobby",
    "Steep driveway, park on the street",
    "Loading dock around the back, open 8–4",
    "Porch camera; photo must show the door number",
];

const PACKAGE_NOTES: &[&str] = &[
    "Fragile",
    "Perishable — keep cool",
    "This side up",
    "Heavy: team lift",
];

/// Start of the demo block: two hours before `now`, on the hour, so a demo
/// always opens mid-route.
pub fn block_start_for(now_ms: EpochMs) -> EpochMs {
    now_ms.div_euclid(HOUR_MS) * HOUR_MS - 2 * HOUR_MS
}

pub fn block_end(block_start_ms: EpochMs) -> EpochMs {
    block_start_ms + BLOCK_HOURS * HOUR_MS
}

/// How big a generated manifest is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ManifestSize {
    pub stops: usize,
    pub packages: usize,
}

impl ManifestSize {
    /// The everyday demo: 130 stops, 320 packages.
    pub const STANDARD: ManifestSize = ManifestSize {
        stops: 130,
        packages: 320,
    };
    /// A scale check: 1,000 stops, 3,000 packages.
    pub const LARGE: ManifestSize = ManifestSize {
        stops: 1_000,
        packages: 3_000,
    };
}

/// A day's manifest for one driver. The same driver, block start and size
/// always give the same manifest.
pub fn manifest_for(driver: &DriverRef, block_start_ms: EpochMs, size: ManifestSize) -> Manifest {
    let mut rng = Rng::new(seed_from(&driver.id) ^ block_start_ms as u64);
    let ts = |ms: EpochMs| format_rfc3339(ms, OFFSET_MIN);
    let block_end_ms = block_end(block_start_ms);
    let addresses = pick_addresses(&mut rng, size.stops);

    // Every stop gets one package; the rest land on random stops.
    let mut per_stop = vec![1usize; addresses.len()];
    for _ in addresses.len()..size.packages.max(addresses.len()) {
        let i = rng.below(per_stop.len() as u64) as usize;
        per_stop[i] += 1;
    }

    let mut stops = Vec::with_capacity(addresses.len());
    let mut tracking_serial = 0u64;
    for (i, addr) in addresses.iter().enumerate() {
        let seq = (i + 1) as u32;
        let household = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let window = rng.percent(22).then(|| {
            let start = block_start_ms + rng.range(1, 14) * HOUR_MS / 2;
            let end = (start + 2 * HOUR_MS).min(block_end_ms);
            TimeWindow {
                start: ts(start),
                end: ts(end),
            }
        });
        let notes = rng.percent(15).then(|| rng.pick(STOP_NOTES).to_string());
        let access_code = rng
            .percent(12)
            .then(|| format!("#{:04}", rng.range(1000, 9999)));
        let packages = (0..per_stop[i])
            .map(|k| {
                tracking_serial += 1;
                // Mostly one household per stop; apartments get neighbours.
                let recipient = if k == 0 || addr.line2.is_none() && rng.percent(70) {
                    household.clone()
                } else {
                    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
                };
                let size = match rng.below(100) {
                    0..=39 => PackageSize::S,
                    40..=74 => PackageSize::M,
                    75..=92 => PackageSize::L,
                    _ => PackageSize::Xl,
                };
                let weight = match size {
                    PackageSize::S => rng.range(1, 20),
                    PackageSize::M => rng.range(10, 60),
                    PackageSize::L => rng.range(40, 150),
                    _ => rng.range(100, 300),
                } as f64
                    / 10.0;
                Package {
                    id: format!("PKG-{seq:04}-{}", k + 1),
                    tracking: format!(
                        "RB{:06}{:04}",
                        rng.range(100_000, 999_999),
                        (tracking_serial * 7919 + rng.below(7) * 1000) % 10_000
                    ),
                    recipient,
                    size,
                    weight_kg: Some(weight),
                    status: PackageStatus::Pending,
                    signature_required: rng.percent(8),
                    notes: rng.percent(5).then(|| rng.pick(PACKAGE_NOTES).to_string()),
                }
            })
            .collect();
        stops.push(Stop {
            id: format!("STOP-{seq:04}"),
            seq,
            address: Address {
                line1: addr.line1.clone(),
                line2: addr.line2.clone(),
                city: CITY.to_string(),
                region: Some(REGION.to_string()),
                postcode: addr.postcode.to_string(),
            },
            lat: addr.lat,
            lng: addr.lng,
            window,
            notes,
            access_code,
            packages,
        });
    }

    Manifest {
        schema: MANIFEST_SCHEMA,
        id: format!(
            "M-{}-{}",
            date_string(block_start_ms, OFFSET_MIN),
            driver.id
        ),
        generated_at: ts(block_start_ms - HOUR_MS / 2),
        driver: driver.clone(),
        block: Block {
            station: STATION.to_string(),
            start: ts(block_start_ms),
            end: ts(block_end_ms),
        },
        stops,
    }
}

struct GenAddress {
    line1: String,
    line2: Option<String>,
    postcode: &'static str,
    lat: f64,
    lng: f64,
}

/// Distinct addresses in route order: a snake along the streets, north to
/// south, alternating east- and westbound, as a real route would run.
fn pick_addresses(rng: &mut Rng, count: usize) -> Vec<GenAddress> {
    // Spread over more avenues when the route is long, so addresses stay distinct.
    let (first_ave, last_ave) = if count > 600 { (12, 82) } else { (20, 60) };
    let mut seen = std::collections::HashSet::new();
    let mut picked: Vec<(usize, i64, Option<String>)> = Vec::with_capacity(count);
    while picked.len() < count {
        let street = rng.below(STREETS.len() as u64) as usize;
        let number = rng.range(first_ave, last_ave) * 100 + rng.range(0, 98);
        if seen.insert((street, number)) {
            let unit = rng.percent(18).then(|| format!("Apt {}", rng.range(1, 40)));
            picked.push((street, number, unit));
        }
    }
    picked.sort_by_key(|&(street, number, _)| {
        (street, if street % 2 == 0 { number } else { -number })
    });
    picked
        .into_iter()
        .map(|(street, number, unit)| {
            let name = STREETS[street].0;
            let avenue = number as f64 / 100.0;
            let (lat, lng) = street_point(street, number);
            let south = lat < 45.5048;
            let postcode = match (avenue < 50.0, south) {
                (true, false) => "97214",
                (true, true) => "97202",
                (false, false) => "97215",
                (false, true) => "97206",
            };
            GenAddress {
                line1: format!("{number} {name}"),
                line2: unit,
                postcode,
                lat,
                lng,
            }
        })
        .collect()
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The demo's own driver (the one who signs in as `driver`).
pub fn demo_driver() -> DriverRef {
    DriverRef {
        id: "D-1001".to_string(),
        name: "Alex Rivera".to_string(),
    }
}

/// Fleet member `i` (0 is the demo driver).
pub fn fleet_driver(i: usize) -> DriverRef {
    if i == 0 {
        return demo_driver();
    }
    let mut rng = Rng::new(i as u64 * 0x51_7CC1);
    DriverRef {
        id: format!("D-{}", 1001 + i),
        name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
    }
}

/// The demo driver's own line in the fleet, from their live progress.
#[derive(Clone, Debug, Default)]
pub struct OwnProgress {
    pub delivered: u32,
    pub attempted: u32,
    pub total: u32,
    pub next_stop: Option<NextStop>,
    /// Where they were last: the last stop they finished (else the station).
    pub at: Option<(f64, f64)>,
}

/// Where `number` on street `street` (an index into the streets) is: the
/// hundred block is the avenue, so the longitude follows the number.
fn street_point(street: usize, number: i64) -> (f64, f64) {
    let (_, lat) = STREETS[street];
    let avenue = number as f64 / 100.0;
    let lng = -122.6535 + (avenue - 12.0) * 0.001_08;
    // A little spread so stops on one block do not sit on one point.
    let lat = lat + ((number % 7) as f64 - 3.0) * 0.000_03;
    (round6(lat), round6(lng))
}

/// A fleet of `size` drivers at `now`. Deterministic for the same arguments.
/// Driver 0's numbers come from `own` (the demo driver's live progress).
pub fn fleet(
    size: usize,
    block_start_ms: EpochMs,
    now_ms: EpochMs,
    own: OwnProgress,
) -> FleetSnapshot {
    let ts = |ms: EpochMs| format_rfc3339(ms, OFFSET_MIN);
    let elapsed = (now_ms - block_start_ms).max(0) as f64 / (BLOCK_HOURS * HOUR_MS) as f64;
    let drivers = (0..size)
        .map(|i| {
            let driver = fleet_driver(i);
            let mut rng = Rng::new(seed_from(&driver.id) ^ block_start_ms as u64);
            let manifest_id = format!(
                "M-{}-{}",
                date_string(block_start_ms, OFFSET_MIN),
                driver.id
            );
            if i == 0 {
                let (lat, lng) = own.at.unwrap_or(STATION_AT);
                return DriverStatus {
                    id: driver.id,
                    name: driver.name,
                    state: DriverState::OnRoute,
                    last_seen: ts(now_ms),
                    delivered: own.delivered,
                    attempted: own.attempted,
                    total: own.total,
                    next_stop: own.next_stop.clone(),
                    manifest_id,
                    sign_in_error: None,
                    position: Some(Position {
                        lat,
                        lng,
                        at: ts(now_ms),
                    }),
                };
            }
            let total = rng.range(180, 340) as u32;
            let state = match rng.below(100) {
                0..=59 => DriverState::OnRoute,
                60..=71 => DriverState::Finished,
                72..=87 => DriverState::SignedOut,
                _ => DriverState::Unreachable,
            };
            let pace = 0.6 + rng.below(60) as f64 / 100.0;
            let done_frac = match state {
                DriverState::Finished => 1.0,
                _ => (elapsed * pace).min(0.98),
            };
            let done = (f64::from(total) * done_frac) as u32;
            let attempted = done.min(rng.range(0, 8) as u32);
            let delivered = done - attempted;
            let last_seen = match state {
                DriverState::Unreachable => now_ms - rng.range(10, 95) * 60_000,
                DriverState::SignedOut => now_ms - rng.range(5, 180) * 60_000,
                DriverState::Finished => now_ms - rng.range(1, 60) * 60_000,
                _ => now_ms - rng.range(0, 240) * 1000,
            };
            let next_at =
                matches!(state, DriverState::OnRoute | DriverState::Unreachable).then(|| {
                    let number = rng.range(20, 60) * 100 + rng.range(0, 98);
                    let street = rng.below(STREETS.len() as u64) as usize;
                    (number, street)
                });
            let next_stop = next_at.map(|(number, street)| NextStop {
                seq: (done / 2 + 1).max(1),
                line1: format!("{number} {}", STREETS[street].0),
            });
            let sign_in_error =
                (state == DriverState::SignedOut && rng.percent(50)).then(|| SignInError {
                    status: 503,
                    support_code: Some("03-005".to_string()),
                });
            // Where each was last seen (drawn after everything above,
            // so the rest of the fleet is as it always was): a block or
            // two short of the next stop on the road, back at the
            // station when finished; most who signed out shared one
            // earlier, some never did (not on the map).
            let jitter = |rng: &mut Rng| (rng.range(-20, 21) as f64) * 0.000_1;
            let at = match (state.clone(), next_at) {
                (DriverState::OnRoute | DriverState::Unreachable, Some((number, street))) => {
                    let (lat, lng) = street_point(street, number);
                    Some((lat + jitter(&mut rng), lng + jitter(&mut rng)))
                }
                (DriverState::Finished, _) => Some((
                    STATION_AT.0 + jitter(&mut rng) / 10.0,
                    STATION_AT.1 + jitter(&mut rng) / 10.0,
                )),
                (DriverState::SignedOut, _) if rng.percent(70) => {
                    let street = rng.below(STREETS.len() as u64) as usize;
                    Some(street_point(
                        street,
                        rng.range(20, 60) * 100 + rng.range(0, 98),
                    ))
                }
                _ => None,
            };
            let position = at.map(|(lat, lng)| Position {
                lat: round6(lat),
                lng: round6(lng),
                at: ts(last_seen),
            });
            DriverStatus {
                id: driver.id,
                name: driver.name,
                state,
                last_seen: ts(last_seen),
                delivered,
                attempted,
                total,
                next_stop,
                manifest_id,
                sign_in_error,
                position,
            }
        })
        .collect();
    FleetSnapshot {
        generated_at: ts(now_ms),
        drivers,
    }
}
