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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn summary(
        indicator: &str,
        description: &str,
        components: &str,
        incidents: &str,
        maint: &str,
    ) -> String {
        format!(
            r#"{{
  "page": {{"id": "y2j98763l56r", "name": "Acme Logistics", "url": "https://status.example.com",
            "time_zone": "Etc/UTC", "updated_at": "2026-11-25T07:40:12.345-08:00"}},
  "components": [{components}],
  "incidents": [{incidents}],
  "scheduled_maintenances": [{maint}],
  "status": {{"indicator": "{indicator}", "description": "{description}"}}
}}"#
        )
    }

    const OK_COMPONENTS: &str = r#"
        {"id": "a", "name": "Driver sign-in", "status": "operational", "group": false},
        {"id": "b", "name": "Manifests", "status": "operational"}"#;

    const INCIDENT: &str = r#"{
        "id": "p31zjtct2jer", "name": "Drivers cannot sign in", "status": "identified",
        "impact": "major", "created_at": "2026-11-25T06:58:00-08:00",
        "incident_updates": [
            {"body": "We found the cause and are fixing it.", "created_at": "2026-11-25T07:30:00-08:00", "status": "identified"},
            {"body": "We are looking into sign-in errors.", "created_at": "2026-11-25T07:00:00-08:00", "status": "investigating"}
        ]}"#;

    #[test]
    fn operational_page_is_all_clear() {
        let s = parse_summary(&summary(
            "none",
            "All Systems Operational",
            OK_COMPONENTS,
            "",
            "",
        ))
        .expect("parses");
        assert_eq!(s.indicator, Indicator::None);
        assert_eq!(s.description.as_deref(), Some("All Systems Operational"));
        assert_eq!(s.page_name.as_deref(), Some("Acme Logistics"));
        assert_eq!(
            s.updated_at.as_deref(),
            Some("2026-11-25T07:40:12.345-08:00")
        );
        assert_eq!(
            s.updated_at_ms,
            parse_rfc3339("2026-11-25T15:40:12.345Z").map(|t| t.ms)
        );
        assert!(s.affected.is_empty() && s.incidents.is_empty() && s.maintenances.is_empty());
        assert!(s.is_all_clear());
    }

    #[test]
    fn minor_page_lists_only_degraded_components_and_skips_groups() {
        let components = r#"
            {"name": "Driver sign-in", "status": "degraded_performance"},
            {"name": "Driver services", "status": "partial_outage", "group": true},
            {"name": "Manifests", "status": "operational"},
            {"name": "Photos", "status": "brand_new_status"},
            {"name": "No status"},
            {"status": "major_outage"}"#;
        let s = parse_summary(&summary(
            "minor",
            "Minor Service Outage",
            components,
            "",
            "",
        ))
        .expect("parses");
        assert_eq!(s.indicator, Indicator::Minor);
        assert_eq!(
            s.affected,
            [
                AffectedComponent {
                    name: "Driver sign-in".into(),
                    status: ComponentStatus::DegradedPerformance
                },
                AffectedComponent {
                    name: "Photos".into(),
                    status: ComponentStatus::Unknown("brand_new_status".into())
                },
            ]
        );
        assert!(!s.is_all_clear());
    }

    /// A summary in the shape real Statuspage v2 pages send (GitHub's among
    /// them): a placeholder component with `"showcase": false` (here even
    /// marked broken), a group that lists its children, and a hidden
    /// internal component. Only the showcased, non-group, non-operational
    /// child is a broken part of the system; the incident is listed.
    #[test]
    fn real_page_shapes_show_only_showcased_parts_that_are_not_operational() {
        let s = parse_summary(include_str!(
            "../../../tests/fixtures/statuspage-summary.json"
        ))
        .expect("parses");
        assert_eq!(
            s.affected,
            [AffectedComponent {
                name: "Driver sign-in".into(),
                status: ComponentStatus::MajorOutage
            }]
        );
        assert_eq!(s.incidents.len(), 1);
        assert_eq!(s.incidents[0].name, "Drivers cannot sign in");
        assert_eq!(
            s.incidents[0].latest_update.as_deref(),
            Some("We found the cause and are fixing it.")
        );
        assert_eq!(s.indicator, Indicator::Major);
        // Each shape on its own.
        let one = |c: &str| {
            parse_summary(&summary("minor", "x", c, "", ""))
                .unwrap()
                .affected
        };
        assert!(one(r#"{"name": "Visit x for more information", "status": "major_outage", "showcase": false}"#).is_empty());
        assert!(one(
            r#"{"name": "Group", "status": "partial_outage", "group": true, "showcase": true}"#
        )
        .is_empty());
        assert_eq!(
            one(r#"{"name": "Old page", "status": "partial_outage"}"#).len(),
            1
        );
        assert_eq!(
            one(r#"{"name": "Odd", "status": "partial_outage", "showcase": "no"}"#).len(),
            1
        );
    }

    #[test]
    fn major_page_with_incident_takes_the_newest_update() {
        let components =
            r#"{"name": "Driver sign-in", "status": "major_outage", "group_id": "g1"}"#;
        let s = parse_summary(&summary(
            "major",
            "Partial System Outage",
            components,
            INCIDENT,
            "",
        ))
        .expect("parses");
        assert_eq!(s.indicator, Indicator::Major);
        assert_eq!(s.affected[0].status, ComponentStatus::MajorOutage);
        assert_eq!(
            s.incidents,
            [Incident {
                name: "Drivers cannot sign in".into(),
                status: IncidentStatus::Identified,
                impact: Impact::Major,
                created_at: Some("2026-11-25T06:58:00-08:00".into()),
                latest_update: Some("We found the cause and are fixing it.".into()),
            }]
        );
    }

    #[test]
    fn newest_update_wins_even_when_listed_last() {
        let incident = r#"{"name": "Slow manifests", "status": "monitoring", "impact": "minor",
            "incident_updates": [
                {"body": "old", "created_at": "2026-11-25T07:00:00Z"},
                {"body": "undated"},
                {"body": 42, "created_at": "2026-11-25T09:00:00Z"},
                {"body": "new", "created_at": "2026-11-25T08:00:00Z"}
            ]}"#;
        let s = parse_summary(&summary("minor", "x", "", incident, "")).expect("parses");
        assert_eq!(s.incidents[0].latest_update.as_deref(), Some("new"));

        let undated =
            r#"{"name": "N", "incident_updates": [{"body": "first"}, {"body": "second"}]}"#;
        let s = parse_summary(&summary("minor", "x", "", undated, "")).expect("parses");
        assert_eq!(s.incidents[0].latest_update.as_deref(), Some("first"));
        assert_eq!(
            s.incidents[0].status,
            IncidentStatus::Unknown(String::new())
        );
    }

    #[test]
    fn critical_page_drops_resolved_incidents() {
        let incidents = format!(
            r#"{INCIDENT},
            {{"name": "Old one", "status": "resolved", "impact": "critical"}},
            {{"name": "Older one", "status": "postmortem", "impact": "critical"}}"#
        );
        let s = parse_summary(&summary(
            "critical",
            "Major System Outage",
            "",
            &incidents,
            "",
        ))
        .expect("parses");
        assert_eq!(s.indicator, Indicator::Critical);
        assert_eq!(s.incidents.len(), 1);
        assert_eq!(s.incidents[0].name, "Drivers cannot sign in");
    }

    #[test]
    fn maintenance_page_lists_open_windows() {
        let maint = r#"
            {"name": "Database upgrade", "status": "in_progress",
             "scheduled_for": "2026-11-25T02:00:00Z", "scheduled_until": "2026-11-25T04:00:00Z",
             "impact": "maintenance"},
            {"name": "Done already", "status": "completed"},
            {"name": "Next week", "status": "scheduled", "scheduled_for": 12}"#;
        let components = r#"{"name": "Manifests", "status": "under_maintenance"}"#;
        let s = parse_summary(&summary(
            "maintenance",
            "Service Under Maintenance",
            components,
            "",
            maint,
        ))
        .expect("parses");
        assert_eq!(s.indicator, Indicator::Maintenance);
        assert_eq!(s.affected[0].status, ComponentStatus::UnderMaintenance);
        assert_eq!(
            s.maintenances,
            [
                Maintenance {
                    name: "Database upgrade".into(),
                    status: MaintenanceStatus::InProgress,
                    scheduled_for: Some("2026-11-25T02:00:00Z".into()),
                    scheduled_until: Some("2026-11-25T04:00:00Z".into()),
                },
                Maintenance {
                    name: "Next week".into(),
                    status: MaintenanceStatus::Scheduled,
                    scheduled_for: None,
                    scheduled_until: None,
                },
            ]
        );
        assert!(!s.is_all_clear());
    }

    #[test]
    fn missing_fields_give_an_unknown_but_usable_summary() {
        let s = parse_summary(r#"{"status": {}}"#).expect("parses");
        assert_eq!(s.indicator, Indicator::Unknown(String::new()));
        assert_eq!(s.description, None);
        assert_eq!(s.updated_at, None);
        assert!(!s.is_all_clear(), "unknown is not all clear");

        let s = parse_summary(r#"{"components": []}"#).expect("parses");
        assert!(s.affected.is_empty());

        let s = parse_summary(r#"{"status": {"indicator": "purple"}}"#).expect("parses");
        assert_eq!(s.indicator, Indicator::Unknown("purple".into()));
    }

    #[test]
    fn wrong_types_lose_only_their_own_field() {
        let text = r#"{
            "page": "not an object",
            "status": {"indicator": 3, "description": ["x"]},
            "components": {"not": "an array"},
            "incidents": [null, 1, "x", [], {"name": 5}, {"name": "Real one", "impact": false,
                          "incident_updates": "nope"}],
            "scheduled_maintenances": 7
        }"#;
        let s = parse_summary(text).expect("parses");
        assert_eq!(s.page_name, None);
        assert_eq!(s.indicator, Indicator::Unknown(String::new()));
        assert_eq!(s.description, None);
        assert!(s.affected.is_empty());
        assert!(s.maintenances.is_empty());
        assert_eq!(s.incidents.len(), 1);
        assert_eq!(s.incidents[0].name, "Real one");
        assert_eq!(s.incidents[0].impact, Impact::Unknown(String::new()));
        assert_eq!(s.incidents[0].latest_update, None);
        assert_eq!(s.updated_at_ms, None);
    }

    #[test]
    fn not_json_or_not_a_summary_is_an_error() {
        for text in [
            "",
            "<!DOCTYPE html><html><body>Sign in to the hotel Wi-Fi</body></html>",
            "{\"status\": {\"indicator\": \"none\"",
            "{,}",
        ] {
            assert!(
                matches!(parse_summary(text), Err(StatusPageError::NotJson(_))),
                "{text:?}"
            );
        }
        for text in ["[]", "null", "\"ok\"", "42", r#"{"error": "not found"}"#] {
            assert_eq!(
                parse_summary(text),
                Err(StatusPageError::NotASummary),
                "{text:?}"
            );
        }
        let huge = format!("{{\"status\":\"{}\"}}", "x".repeat(MAX_BODY_BYTES));
        assert!(matches!(
            parse_summary(&huge),
            Err(StatusPageError::TooLarge { .. })
        ));
        assert!(StatusPageError::NotASummary
            .to_string()
            .contains("not a status summary"));
    }

    /// What reaches the screen is in the reader's language: no sentence of
    /// the English one is left in the Spanish.
    #[test]
    fn problems_and_component_states_read_in_spanish() {
        use crate::model::i18n::english_left_in;
        let mut all: Vec<(String, String)> = [
            StatusPageError::NotJson("expected value at line 1 column 1".into()),
            StatusPageError::NotASummary,
            StatusPageError::TooLarge { bytes: 3_000_000 },
            StatusPageError::Answered { status: 502 },
            StatusPageError::Unreachable,
        ]
        .iter()
        .map(|e| (e.describe(Lang::En), e.describe(Lang::Es)))
        .collect();
        for c in [
            "degraded_performance",
            "partial_outage",
            "major_outage",
            "under_maintenance",
            "x7",
        ] {
            let c = ComponentStatus::parse(c);
            all.push((c.describe(Lang::En), c.describe(Lang::Es)));
        }
        for (en, es) in all {
            // The parser's own message is data, quoted as it came.
            let es = es.replace("expected value at line 1 column 1", "");
            assert_eq!(english_left_in(&en, &es), Vec::<String>::new(), "{es}");
        }
        assert_eq!(
            ComponentStatus::MajorOutage.describe(Lang::En),
            "major outage"
        );
    }

    #[test]
    fn bom_is_tolerated() {
        let s = parse_summary("\u{feff}{\"status\":{\"indicator\":\"none\"}}").expect("parses");
        assert_eq!(s.indicator, Indicator::None);
    }

    #[test]
    fn long_texts_and_long_lists_are_capped() {
        let long = "é".repeat(2_000);
        let components: Vec<String> = (0..100)
            .map(|i| format!(r#"{{"name": "C{i} {long}", "status": "major_outage"}}"#))
            .collect();
        let text = summary("major", &long, &components.join(","), "", "");
        let s = parse_summary(&text).expect("parses");
        assert_eq!(s.affected.len(), MAX_ITEMS);
        assert_eq!(s.affected[19].name.chars().count(), MAX_TEXT);
        assert!(s.affected[19].name.starts_with("C19 "));
        assert_eq!(s.description.map(|d| d.chars().count()), Some(MAX_TEXT));
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-z_ ]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            let keys = prop_oneof![
                Just("status".to_string()),
                Just("indicator".to_string()),
                Just("components".to_string()),
                Just("incidents".to_string()),
                Just("incident_updates".to_string()),
                Just("scheduled_maintenances".to_string()),
                Just("name".to_string()),
                Just("body".to_string()),
                Just("group".to_string()),
                Just("page".to_string()),
                Just("updated_at".to_string()),
            ];
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map(keys, inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
            let _ = parse_summary(&text);
        }

        #[test]
        fn never_panics_on_summary_shaped_json(v in arb_json()) {
            if let Ok(s) = parse_summary(&v.to_string()) {
                prop_assert!(s.affected.len() <= MAX_ITEMS);
                prop_assert!(s.incidents.len() <= MAX_ITEMS);
                prop_assert!(s.maintenances.len() <= MAX_ITEMS);
            }
        }
    }
}
