//! The platform's public status page (Atlassian Statuspage v2 `summary.json`).
//!
//! When Roadbook cannot reach the platform, the status page is the one
//! independent source that can say "yes, it's down for everyone". It is
//! third-party JSON read in the worst moment, so it is parsed field by field
//! from a `serde_json::Value`: a missing or oddly typed field loses that field,
//! never the whole summary, and nothing in it can panic or flood the screen.

use std::fmt;

use serde_json::{Map, Value};

use super::classify::clean_text;
use crate::model::i18n::catalogues::{AppFill as F, AppText as T};
use crate::model::i18n::{Fill, Lang, Text};
use crate::model::time::parse_rfc3339;
use crate::text_enum;

/// Longest text kept from the page (names, descriptions, update bodies).
const MAX_TEXT: usize = 500;
/// Most entries kept per list.
const MAX_ITEMS: usize = 20;
/// Bigger than any real summary; anything larger is not worth parsing on a
/// phone in a hurry.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

text_enum!(
    /// `status.indicator`: the page's overall verdict.
    Indicator {
        /// "none": all systems operational.
        None = "none",
        Minor = "minor",
        Major = "major",
        Critical = "critical",
        Maintenance = "maintenance",
    }
);

text_enum!(
    ComponentStatus {
        Operational = "operational",
        DegradedPerformance = "degraded_performance",
        PartialOutage = "partial_outage",
        MajorOutage = "major_outage",
        UnderMaintenance = "under_maintenance",
    }
);

text_enum!(
    IncidentStatus {
        Investigating = "investigating",
        Identified = "identified",
        Monitoring = "monitoring",
        Resolved = "resolved",
        Postmortem = "postmortem",
    }
);

text_enum!(
    Impact {
        None = "none",
        Minor = "minor",
        Major = "major",
        Critical = "critical",
        Maintenance = "maintenance",
    }
);

text_enum!(
    MaintenanceStatus {
        Scheduled = "scheduled",
        InProgress = "in_progress",
        Verifying = "verifying",
        Completed = "completed",
    }
);

/// A component that is not fully operational.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AffectedComponent {
    pub name: String,
    pub status: ComponentStatus,
}

/// An unresolved incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incident {
    pub name: String,
    pub status: IncidentStatus,
    pub impact: Impact,
    /// RFC 3339, as the page wrote it.
    pub created_at: Option<String>,
    /// Body of the newest update: the page's own words on what is going on.
    pub latest_update: Option<String>,
}

/// An upcoming or running maintenance window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Maintenance {
    pub name: String,
    pub status: MaintenanceStatus,
    /// RFC 3339.
    pub scheduled_for: Option<String>,
    /// RFC 3339.
    pub scheduled_until: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusSummary {
    /// `page.name`.
    pub page_name: Option<String>,
    /// `Unknown("")` when the page gave none.
    pub indicator: Indicator,
    /// `status.description`, e.g. "Partial System Outage".
    pub description: Option<String>,
    /// `page.updated_at` as written.
    pub updated_at: Option<String>,
    /// `page.updated_at` as epoch ms, when it is valid RFC 3339.
    pub updated_at_ms: Option<i64>,
    pub affected: Vec<AffectedComponent>,
    pub incidents: Vec<Incident>,
    pub maintenances: Vec<Maintenance>,
}

impl StatusSummary {
    /// The page positively says everything works. An unknown indicator is
    /// not "all clear": Roadbook does not claim what the page did not say.
    pub fn is_all_clear(&self) -> bool {
        self.indicator == Indicator::None && self.affected.is_empty() && self.incidents.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusPageError {
    /// Not JSON at all (often an HTML page from a proxy or a login portal).
    NotJson(String),
    /// JSON, but nothing in it looks like a Statuspage summary.
    NotASummary,
    /// Far bigger than any summary.
    TooLarge { bytes: usize },
    /// An HTTP status other than success.
    Answered { status: u16 },
    /// No answer at all (offline, refused, timed out).
    Unreachable,
}

impl StatusPageError {
    /// The problem in the reader's language (a JSON parser's own message
    /// stays as it is: it is for whoever runs the page).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            StatusPageError::NotJson(detail) => F::StatusNotJson { detail }.fill(lang),
            StatusPageError::NotASummary => T::StatusNotASummary.text(lang).to_string(),
            StatusPageError::TooLarge { bytes } => F::StatusTooLarge { bytes }.fill(lang),
            StatusPageError::Answered { status } => F::StatusAnswered { status }.fill(lang),
            StatusPageError::Unreachable => T::StatusUnreachable.text(lang).to_string(),
        }
    }
}

impl ComponentStatus {
    /// "major outage", in the reader's language.
    pub fn describe(&self, lang: Lang) -> String {
        let key = match self {
            ComponentStatus::DegradedPerformance => T::ComponentDegraded,
            ComponentStatus::PartialOutage => T::ComponentPartialOutage,
            ComponentStatus::MajorOutage => T::ComponentMajorOutage,
            ComponentStatus::UnderMaintenance => T::ComponentMaintenance,
            // Never listed (see `affected_component`), but not "broken".
            ComponentStatus::Operational => T::IndicatorNone,
            ComponentStatus::Unknown(status) => {
                return F::ComponentOtherStatus { status }.fill(lang)
            }
        };
        key.text(lang).to_string()
    }
}

/// English, for logs and tests.
impl fmt::Display for StatusPageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Parses `summary.json`. Missing or wrongly typed fields are skipped; only
/// text that is not JSON, or JSON with none of the summary's parts, fails.
pub fn parse_summary(text: &str) -> Result<StatusSummary, StatusPageError> {
    if text.len() > MAX_BODY_BYTES {
        return Err(StatusPageError::TooLarge { bytes: text.len() });
    }
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| StatusPageError::NotJson(crate::model::wire::json_error_message(&e)))?;
    let root = value.as_object().ok_or(StatusPageError::NotASummary)?;
    const PARTS: [&str; 5] = [
        "status",
        "page",
        "components",
        "incidents",
        "scheduled_maintenances",
    ];
    if !PARTS.iter().any(|k| root.contains_key(*k)) {
        return Err(StatusPageError::NotASummary);
    }
    let page = root.get("page");
    let status = root.get("status");
    let updated_at = page.and_then(|p| text_field(p, "updated_at"));
    Ok(StatusSummary {
        page_name: page.and_then(|p| text_field(p, "name")),
        indicator: status
            .and_then(|s| text_field(s, "indicator"))
            .map_or(Indicator::Unknown(String::new()), |t| Indicator::parse(&t)),
        description: status.and_then(|s| text_field(s, "description")),
        updated_at_ms: updated_at.as_deref().and_then(parse_rfc3339).map(|s| s.ms),
        updated_at,
        affected: list(root, "components", affected_component),
        incidents: list(root, "incidents", unresolved_incident),
        maintenances: list(root, "scheduled_maintenances", open_maintenance),
    })
}

/// A string field, cleaned and capped; `None` if missing, empty or not text.
fn text_field(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().and_then(|s| clean_text(s, MAX_TEXT))
}

/// The entries of `root[key]` that `keep` accepts, at most `MAX_ITEMS`.
/// Not an array (or absent) is an empty list.
fn list<T>(root: &Map<String, Value>, key: &str, keep: fn(&Value) -> Option<T>) -> Vec<T> {
    root.get(key)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(keep).take(MAX_ITEMS).collect())
        .unwrap_or_default()
}

/// Components that are not operational, as the page itself shows them.
/// Group containers only summarise their children (which are listed too),
/// so they would double up. Components with `"showcase": false` are not on
/// the public page at all: placeholders such as "Visit www.githubstatus.com
/// for more information" and internal parts, which are no part of the
/// system a driver needs. A page that does not say (older pages have no
/// `showcase`) shows the component.
fn affected_component(v: &Value) -> Option<AffectedComponent> {
    if v.get("group").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    if v.get("showcase").and_then(Value::as_bool) == Some(false) {
        return None;
    }
    let status = ComponentStatus::parse(&text_field(v, "status")?);
    if status == ComponentStatus::Operational {
        return None;
    }
    // An unknown status is kept: the page did not say it is fine.
    Some(AffectedComponent {
        name: text_field(v, "name")?,
        status,
    })
}

fn unresolved_incident(v: &Value) -> Option<Incident> {
    let status = IncidentStatus::parse(&text_field(v, "status").unwrap_or_default());
    if matches!(
        status,
        IncidentStatus::Resolved | IncidentStatus::Postmortem
    ) {
        return None;
    }
    Some(Incident {
        name: text_field(v, "name")?,
        status,
        impact: Impact::parse(&text_field(v, "impact").unwrap_or_default()),
        created_at: text_field(v, "created_at"),
        latest_update: latest_update_body(v),
    })
}

/// The newest update's body. Statuspage lists updates newest first, but the
/// dates decide when they are readable; without any, the first one wins.
fn latest_update_body(incident: &Value) -> Option<String> {
    let updates = incident.get("incident_updates")?.as_array()?;
    let mut best: Option<(Option<i64>, String)> = None;
    for u in updates {
        let Some(body) = text_field(u, "body") else {
            continue;
        };
        let at = text_field(u, "created_at")
            .as_deref()
            .and_then(parse_rfc3339)
            .map(|s| s.ms);
        // `None < Some(_)`, and only a strictly newer date replaces: ties and
        // undated updates keep the earlier (newest-first) entry.
        if best.as_ref().is_none_or(|(best_at, _)| at > *best_at) {
            best = Some((at, body));
        }
    }
    best.map(|(_, body)| body)
}

fn open_maintenance(v: &Value) -> Option<Maintenance> {
    let status = MaintenanceStatus::parse(&text_field(v, "status").unwrap_or_default());
    if status == MaintenanceStatus::Completed {
        return None;
    }
    Some(Maintenance {
        name: text_field(v, "name")?,
        status,
        scheduled_for: text_field(v, "scheduled_for"),
        scheduled_until: text_field(v, "scheduled_until"),
    })
}

#[cfg(test)]
mod tests;
