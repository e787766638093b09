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
        "../../../../tests/fixtures/statuspage-summary.json"
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
    assert!(one(
        r#"{"name": "Visit x for more information", "status": "major_outage", "showcase": false}"#
    )
    .is_empty());
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
    let components = r#"{"name": "Driver sign-in", "status": "major_outage", "group_id": "g1"}"#;
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

    let undated = r#"{"name": "N", "incident_updates": [{"body": "first"}, {"body": "second"}]}"#;
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
