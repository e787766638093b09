//! Delivery events: what the driver did to a package, as sent to `POST /events`.

use serde::{Deserialize, Serialize};

use crate::text_enum;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeliveryEvent {
    /// A UUID; the server treats it as the idempotency key.
    pub id: String,
    pub package_id: String,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<AttemptReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// RFC 3339.
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lng: Option<f64>,
}

text_enum!(
    EventKind { Delivered = "delivered", Attempted = "attempted", Undo = "undo" }
);

text_enum!(
    /// Why a delivery was attempted but not completed.
    AttemptReason {
        NoAccess = "no_access",
        RecipientUnavailable = "recipient_unavailable",
        UnsafeLocation = "unsafe_location",
        Damaged = "damaged",
        Other = "other",
    }
);

/// Body of `POST {api}/events`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventBatch {
    pub events: Vec<DeliveryEvent>,
}

/// Reply to `POST {api}/events`: the ids the server has stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventAck {
    pub accepted: Vec<String>,
}
