use super::*;

const NOW: i64 = 1_795_621_320_000;

fn problem(status: u16, code: Option<&str>) -> ApiResponse {
    let code = code.map_or(String::new(), |c| format!(",\"support_code\":\"{c}\""));
    ApiResponse {
        status,
        headers: vec![("content-type".into(), "application/problem+json".into())],
        body: format!(
            "{{\"type\":\"about:blank\",\"title\":\"T{status}\",\"status\":{status},\"detail\":\"D\"{code}}}"
        ),
    }
}

fn run(op: Operation, r: ApiResponse) -> Option<Failure> {
    classify(op, &Ok(r), true, NOW)
}

#[test]
fn every_status_code_maps_to_its_kind() {
    use FailureKind::*;
    let table: &[(u16, Option<FailureKind>)] = &[
        (200, None),
        (201, None),
        (204, None),
        (304, None),
        (301, Some(UnexpectedResponse)),
        (400, Some(UnexpectedResponse)),
        (401, Some(WrongCredentials)),
        (403, Some(AccountProblem)),
        (404, Some(UnexpectedResponse)),
        (409, Some(UnexpectedResponse)),
        (423, Some(AccountLocked)),
        (429, Some(TooManyAttempts)),
        (500, Some(PlatformError)),
        (502, Some(PlatformError)),
        (503, Some(PlatformUnavailable)),
        (504, Some(PlatformError)),
        (599, Some(PlatformError)),
        (0, Some(Unreachable)),
    ];
    for &(status, want) in table {
        let got = run(Operation::SignIn, problem(status, None));
        assert_eq!(got.as_ref().map(|f| f.kind), want, "status {status}");
        if let Some(f) = got {
            assert_eq!(f.status, Some(status));
            assert_eq!(f.operation, Operation::SignIn);
        }
    }
}

#[test]
fn transport_failures_map_one_to_one() {
    let table = [
        (TransportFailure::Offline, FailureKind::Offline),
        (
            TransportFailure::Unreachable("dns".into()),
            FailureKind::Unreachable,
        ),
        (
            TransportFailure::Timeout { after_ms: 15_000 },
            FailureKind::Timeout,
        ),
    ];
    for (t, want) in table {
        let f = classify(Operation::EventSync, &Err(t), true, NOW).expect("a failure");
        assert_eq!(f, Failure::new(want, Operation::EventSync));
    }
}

#[test]
fn offline_device_wins_over_any_failure_but_not_over_success() {
    let outcomes: Vec<Result<ApiResponse, TransportFailure>> = vec![
        Err(TransportFailure::Timeout { after_ms: 1 }),
        Err(TransportFailure::Unreachable("x".into())),
        Ok(problem(503, Some("03-005"))),
        Ok(problem(401, None)),
    ];
    for o in outcomes {
        let f = classify(Operation::ManifestRefresh, &o, false, NOW).expect("a failure");
        assert_eq!(
            f,
            Failure::new(FailureKind::Offline, Operation::ManifestRefresh)
        );
    }
    let ok = Ok(ApiResponse::json(200, "{}".into()));
    assert_eq!(classify(Operation::ManifestRefresh, &ok, false, NOW), None);
}

#[test]
fn problem_json_fields_are_kept_with_and_without_support_code() {
    let f = run(Operation::SignIn, problem(503, Some("03-005"))).expect("failure");
    assert_eq!(f.support_code.as_deref(), Some("03-005"));
    assert_eq!(f.server_title.as_deref(), Some("T503"));
    assert_eq!(f.server_detail.as_deref(), Some("D"));

    let f = run(Operation::SignIn, problem(500, None)).expect("failure");
    assert_eq!(f.support_code, None);
    assert_eq!(f.server_title.as_deref(), Some("T500"));
}

#[test]
fn problem_in_plain_json_or_untyped_is_read_too() {
    let r = ApiResponse::json(403, r#"{"support_code":"04-001"}"#.into());
    let f = run(Operation::SignIn, r).expect("failure");
    assert_eq!(f.support_code.as_deref(), Some("04-001"));

    let r = ApiResponse {
        status: 403,
        headers: vec![],
        body: r#"{"support_code":"04-001"}"#.into(),
    };
    assert_eq!(
        run(Operation::SignIn, r)
            .and_then(|f| f.support_code)
            .as_deref(),
        Some("04-001")
    );
}

#[test]
fn problem_of_another_content_type_is_ignored() {
    let r = ApiResponse {
        status: 500,
        headers: vec![("content-type".into(), "text/plain".into())],
        body: r#"{"support_code":"05-500"}"#.into(),
    };
    let f = run(Operation::SignIn, r).expect("failure");
    assert_eq!(f.kind, FailureKind::PlatformError);
    assert_eq!(f.support_code, None);
}

#[test]
fn garbage_problem_bodies_keep_the_status_kind() {
    let bodies = [
        "",
        "not json",
        "{\"title\":\"cut off",
        "[1,2,3]",
        "null",
        r#"{"title":5,"detail":["x"],"support_code":{"a":1},"status":"five"}"#,
        r#"{"support_code":"  "}"#,
        r#"{"support_code":"line\nbreak"}"#,
    ];
    for body in bodies {
        let r = ApiResponse {
            status: 503,
            headers: vec![("content-type".into(), "application/problem+json".into())],
            body: body.into(),
        };
        let f = run(Operation::SignIn, r).expect("failure");
        assert_eq!(f.kind, FailureKind::PlatformUnavailable, "{body:?}");
        assert_eq!(f.support_code, None, "{body:?}");
        assert_eq!(f.server_title, None, "{body:?}");
    }
}

#[test]
fn one_bad_field_does_not_lose_the_others() {
    let r = ApiResponse::json(500, r#"{"title":5,"support_code":"05-500"}"#.into());
    let f = run(Operation::SignIn, r).expect("failure");
    assert_eq!(f.support_code.as_deref(), Some("05-500"));
    assert_eq!(f.server_title, None);
}

#[test]
fn server_text_is_capped_and_cleaned() {
    let long = "x".repeat(5000);
    let body = format!("{{\"title\":\"a\\u0007b\",\"detail\":\"{long}\"}}");
    let f = run(Operation::SignIn, ApiResponse::json(500, body)).expect("failure");
    assert_eq!(f.server_title.as_deref(), Some("ab"));
    assert_eq!(f.server_detail.map(|d| d.chars().count()), Some(500));
}

#[test]
fn html_pages_are_platform_errors_whatever_the_status() {
    let nginx = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>\
                 <body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>";
    let html = |status: u16, ct: &str, body: &str| ApiResponse {
        status,
        headers: vec![("content-type".into(), ct.into())],
        body: body.into(),
    };
    let table = [
        (
            html(502, "text/html; charset=utf-8", nginx),
            FailureKind::PlatformError,
        ),
        (
            html(503, "text/html", "<h1>Maintenance</h1>"),
            FailureKind::PlatformUnavailable,
        ),
        (
            html(401, "text/html", "<p>Unauthorized</p>"),
            FailureKind::PlatformError,
        ),
        (
            html(403, "TEXT/HTML", "Forbidden by WAF"),
            FailureKind::PlatformError,
        ),
        (html(404, "text/html", ""), FailureKind::PlatformError),
        // Mislabelled: JSON type, HTML body (with BOM and whitespace).
        (
            html(500, "application/json", "\u{feff}\n  <html>"),
            FailureKind::PlatformError,
        ),
        (
            html(429, "", "<html>slow down</html>"),
            FailureKind::PlatformError,
        ),
    ];
    for (r, want) in table {
        let status = r.status;
        let f = run(Operation::SignIn, r).expect("failure");
        assert_eq!(f.kind, want, "status {status}");
        assert_eq!(f.support_code, None);
    }
}

#[test]
fn retry_after_header_becomes_an_instant() {
    let r = problem(429, None).with_header("Retry-After", "30");
    let f = run(Operation::SignIn, r).expect("failure");
    assert_eq!(f.retry_after_ms, Some(NOW + 30_000));

    let r = problem(503, Some("03-005")).with_header("retry-after", "soon");
    assert_eq!(
        run(Operation::SignIn, r).expect("failure").retry_after_ms,
        None
    );

    let r = ApiResponse {
        status: 503,
        headers: vec![("retry-after".into(), "120".into())],
        body: "<html>down</html>".into(),
    };
    let f = run(Operation::SignIn, r).expect("failure");
    assert_eq!(f.kind, FailureKind::PlatformUnavailable);
    assert_eq!(f.retry_after_ms, Some(NOW + 120_000));
}

#[test]
fn a_401_outside_sign_in_is_an_expired_session() {
    let ops = [
        (Operation::SignIn, false),
        (Operation::ManifestRefresh, true),
        (Operation::EventSync, true),
        (Operation::FleetLoad, true),
    ];
    for (op, expired) in ops {
        let f = run(op, problem(401, None)).expect("failure");
        assert_eq!(f.kind, FailureKind::WrongCredentials);
        assert_eq!(f.session_expired(), expired, "{op:?}");
    }
    // Only a real 401 counts, not a proxy's HTML or a 403.
    let f = run(Operation::EventSync, problem(403, None)).expect("failure");
    assert!(!f.session_expired());
}

#[test]
fn bad_success_bodies_are_unexpected_responses() {
    let bodies = [
        ("{\"token\": oops, }", "expected value"),
        (
            "{\"schema\":1,\"id\":\"M-1\",\"stops\":[{\"id\":\"S",
            "EOF while parsing",
        ),
        (
            "{\"data\":{\"items\":[]},\"version\":7}",
            "missing field `stops`",
        ),
    ];
    for (body, reason) in bodies {
        let r = ApiResponse::json(200, body.into());
        assert_eq!(run(Operation::ManifestRefresh, r.clone()), None);
        let f = unexpected_body(Operation::ManifestRefresh, &r, reason);
        assert_eq!(f.kind, FailureKind::UnexpectedResponse);
        assert_eq!(f.status, Some(200));
        assert_eq!(f.server_detail.as_deref(), Some(reason));
        assert!(!f.session_expired());
    }
}

#[test]
fn outage_and_support_kinds_are_disjoint() {
    use FailureKind::*;
    // Only a person at driver support can clear these.
    for k in [AccountProblem, AccountLocked] {
        assert!(!k.is_outage(), "{k:?}");
    }
    assert!(!WrongCredentials.is_outage());
    assert!(
        !Offline.is_outage(),
        "offline is the phone, not the platform"
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    fn op() -> impl Strategy<Value = Operation> {
        prop::sample::select(Operation::ALL.to_vec())
    }

    fn content_type() -> impl Strategy<Value = Option<String>> {
        prop::option::of(prop_oneof![
            Just("application/problem+json".to_string()),
            Just("application/json; charset=utf-8".to_string()),
            Just("text/html".to_string()),
            Just("TEXT/HTML;charset=UTF-8".to_string()),
            Just("text/plain".to_string()),
            "\\PC{0,20}",
        ])
    }

    fn body() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,80}",
            ("\\PC{0,700}", "\\PC{0,60}").prop_map(|(t, c)| serde_json::json!({
                "title": t, "detail": t, "support_code": c
            })
            .to_string()),
            "\\PC{0,40}".prop_map(|t| format!("<html><title>{t}</title></html>")),
        ]
    }

    prop_compose! {
        fn response()(status in prop_oneof![0u16..1000, Just(401u16), Just(503u16)],
                      ct in content_type(), body in body(),
                      retry in prop::option::of("\\PC{0,30}")) -> ApiResponse {
            let mut headers = Vec::new();
            if let Some(ct) = ct { headers.push(("content-type".to_string(), ct)); }
            if let Some(r) = retry { headers.push(("retry-after".to_string(), r)); }
            ApiResponse { status, headers, body }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Whatever comes back: success is never a failure, an offline
        /// phone is always "offline", an HTML page is never about the
        /// driver's account, and server text is cleaned and capped.
        #[test]
        fn any_response_classifies_sanely(op in op(), r in response(), online in any::<bool>(),
                                          now in 0i64..4_000_000_000_000) {
            let f = classify(op, &Ok(r.clone()), online, now);
            if r.is_success() || r.status == 304 {
                prop_assert_eq!(f, None);
                return Ok(());
            }
            let f = f.expect("a non-success is a failure");
            prop_assert_eq!(f.operation, op);
            if !online {
                prop_assert_eq!(f.kind, FailureKind::Offline);
                return Ok(());
            }
            prop_assert_eq!(f.status, Some(r.status));
            if is_html(&r) {
                prop_assert!(matches!(f.kind, FailureKind::PlatformError | FailureKind::PlatformUnavailable));
                prop_assert!(f.support_code.is_none());
            } else {
                prop_assert_eq!(f.kind, kind_for_status(r.status));
            }
            prop_assert_eq!(f.session_expired(), f.kind == FailureKind::WrongCredentials && op != Operation::SignIn);
            for t in [&f.server_title, &f.server_detail].into_iter().flatten() {
                prop_assert!(t.chars().count() <= MAX_SERVER_TEXT);
                prop_assert!(!t.trim().is_empty());
                prop_assert!(!t.chars().any(|c| c.is_control() && c != '\n'));
            }
            if let Some(c) = &f.support_code {
                prop_assert!(c.len() <= MAX_SUPPORT_CODE && c.chars().all(|c| c.is_ascii_graphic() || c == ' '));
            }
            if let Some(at) = f.retry_after_ms {
                prop_assert!(at >= now);
            }
        }

        #[test]
        fn transport_failures_keep_their_kind(op in op(), msg in "\\PC{0,20}", after in any::<u32>()) {
            for (t, k) in [
                (TransportFailure::Offline, FailureKind::Offline),
                (TransportFailure::Unreachable(msg.clone()), FailureKind::Unreachable),
                (TransportFailure::Timeout { after_ms: after }, FailureKind::Timeout),
            ] {
                prop_assert_eq!(classify(op, &Err(t.clone()), true, 0).map(|f| f.kind), Some(k));
                prop_assert_eq!(classify(op, &Err(t), false, 0).map(|f| f.kind), Some(FailureKind::Offline));
            }
        }
    }
}
