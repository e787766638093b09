//! The dispatcher's view of the fleet (`GET {api}/fleet`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::time::parse_rfc3339;
use crate::text_enum;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FleetSnapshot {
    /// RFC 3339.
    pub generated_at: String,
    pub drivers: Vec<DriverStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DriverStatus {
    pub id: String,
    pub name: String,
    pub state: DriverState,
    /// RFC 3339.
    pub last_seen: String,
    pub delivered: u32,
    pub attempted: u32,
    pub total: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_stop: Option<NextStop>,
    pub manifest_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_in_error: Option<SignInError>,
    /// The driver's last known position (optional in contract v1: older
    /// servers leave it out, and the driver is then not on the map).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// Where a driver was last seen, and when (RFC 3339).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub lat: f64,
    pub lng: f64,
    pub at: String,
}

text_enum!(
    DriverState {
        OnRoute = "on_route",
        SignedOut = "signed_out",
        Unreachable = "unreachable",
        Finished = "finished",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStop {
    pub seq: u32,
    pub line1: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInError {
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_code: Option<String>,
}

/// Why a fleet answer cannot be used. It is refused whole, as a manifest
/// with impossible coordinates is: the last good fleet stays on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum FleetProblem {
    /// Latitude outside ±90°, longitude outside ±180°, not a number, or
    /// exactly 0, 0 (a position that was never set).
    PositionOutOfRange {
        driver_id: String,
        lat: f64,
        lng: f64,
    },
    /// The position's `at` is not an RFC 3339 time.
    PositionBadTime { driver_id: String, value: String },
}

impl fmt::Display for FleetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FleetProblem::PositionOutOfRange {
                driver_id,
                lat,
                lng,
            } => write!(
                f,
                "driver {driver_id:?} has an impossible position ({lat}, {lng})"
            ),
            FleetProblem::PositionBadTime { driver_id, value } => write!(
                f,
                "driver {driver_id:?} has a position time that is not a date and time: {value:?}"
            ),
        }
    }
}

/// Whether `(lat, lng)` can be a place on Earth (the manifest's rule).
pub fn coordinates_possible(lat: f64, lng: f64) -> bool {
    lat.is_finite()
        && lng.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lng)
        && !(lat == 0.0 && lng == 0.0)
}

impl FleetSnapshot {
    /// The first problem that makes this answer unusable, if any.
    pub fn check(&self) -> Result<(), FleetProblem> {
        for d in &self.drivers {
            let Some(p) = &d.position else { continue };
            if !coordinates_possible(p.lat, p.lng) {
                return Err(FleetProblem::PositionOutOfRange {
                    driver_id: d.id.clone(),
                    lat: p.lat,
                    lng: p.lng,
                });
            }
            if parse_rfc3339(&p.at).is_none() {
                return Err(FleetProblem::PositionBadTime {
                    driver_id: d.id.clone(),
                    value: p.at.chars().take(60).collect(),
                });
            }
        }
        Ok(())
    }
}

/// Reads a `GET /fleet` body: JSON of the contract's shape, then
/// [`FleetSnapshot::check`]. The error is the reason, for the failure's
/// technical detail.
pub fn decode_fleet(body: &str) -> Result<FleetSnapshot, String> {
    let snapshot: FleetSnapshot = serde_json::from_str(body).map_err(|e| e.to_string())?;
    snapshot.check().map_err(|p| p.to_string())?;
    Ok(snapshot)
}
