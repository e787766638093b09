//! The manifest: what is in the van and the order of the stops (contract v1).

use serde::{Deserialize, Serialize};

use crate::text_enum;

/// The only manifest schema this build understands.
pub const MANIFEST_SCHEMA: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    pub id: String,
    /// RFC 3339.
    pub generated_at: String,
    pub driver: DriverRef,
    pub block: Block,
    pub stops: Vec<Stop>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverRef {
    pub id: String,
    pub name: String,
}

/// The driver's working block: where it starts and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub station: String,
    /// RFC 3339, with the block's local offset.
    pub start: String,
    /// RFC 3339, with the block's local offset.
    pub end: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    pub id: String,
    pub seq: u32,
    pub address: Address,
    pub lat: f64,
    pub lng: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<TimeWindow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_code: Option<String>,
    pub packages: Vec<Package>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub line1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    pub city: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub postcode: String,
}

impl Address {
    /// One line for lists and hand-offs: "1234 SE Hawthorne Blvd, Apt 5, Portland, OR 97214".
    pub fn one_line(&self) -> String {
        let mut out = self.line1.clone();
        if let Some(l2) = self.line2.as_deref().filter(|s| !s.is_empty()) {
            out.push_str(", ");
            out.push_str(l2);
        }
        out.push_str(", ");
        out.push_str(&self.city);
        if let Some(r) = self.region.as_deref().filter(|s| !s.is_empty()) {
            out.push_str(", ");
            out.push_str(r);
        }
        if !self.postcode.is_empty() {
            out.push(' ');
            out.push_str(&self.postcode);
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindow {
    /// RFC 3339.
    pub start: String,
    /// RFC 3339.
    pub end: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Package {
    pub id: String,
    pub tracking: String,
    pub recipient: String,
    pub size: PackageSize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f64>,
    pub status: PackageStatus,
    #[serde(default, skip_serializing_if = "is_false")]
    pub signature_required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

text_enum!(
    /// Parcel size class as printed on the label.
    PackageSize { S = "S", M = "M", L = "L", Xl = "XL" }
);

text_enum!(
    /// Where a package stands, as the server last knew it.
    PackageStatus {
        Pending = "pending",
        Delivered = "delivered",
        Attempted = "attempted",
        Returned = "returned",
    }
);

impl Manifest {
    pub fn package_count(&self) -> usize {
        self.stops.iter().map(|s| s.packages.len()).sum()
    }

    /// Every package with the stop it belongs to, in route order.
    pub fn packages(&self) -> impl Iterator<Item = (&Stop, &Package)> {
        self.stops
            .iter()
            .flat_map(|s| s.packages.iter().map(move |p| (s, p)))
    }

    pub fn find_package(&self, package_id: &str) -> Option<(&Stop, &Package)> {
        self.packages().find(|(_, p)| p.id == package_id)
    }
}
