//! The dispatcher's view of the fleet (`GET {api}/fleet`).

use serde::{Deserialize, Serialize};

use crate::text_enum;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FleetSnapshot {
    /// RFC 3339.
    pub generated_at: String,
    pub drivers: Vec<DriverStatus>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
