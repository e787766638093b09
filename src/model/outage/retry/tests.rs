use super::*;
use proptest::prelude::*;

const NOW: i64 = 1_795_621_320_000;

fn failure(kind: FailureKind, op: Operation) -> Failure {
    Failure::new(kind, op)
}

fn outage_with_retry_after(op: Operation, secs: i64) -> Failure {
    Failure {
        status: Some(503),
        retry_after_ms: Some(NOW + secs * 1000),
        ..failure(FailureKind::PlatformUnavailable, op)
    }
}

#[test]
fn every_caller_honours_retry_after() {
    for op in [
        Operation::SignIn,
        Operation::ManifestRefresh,
        Operation::EventSync,
        Operation::FleetLoad,
    ] {
        let mut c = RetryController::default();
        let plan = c.failed(&outage_with_retry_after(op, 120), 0.99, NOW);
        assert_eq!(plan, RetryPlan::At(NOW + 120_000), "{op:?}");
        assert!(
            !c.due(NOW + 75_000, true),
            "{op:?}: asked again within 75 s"
        );
        assert!(!c.due(NOW + 119_999, true), "{op:?}");
        assert!(c.due(NOW + 120_000, true), "{op:?}");
    }
}

#[test]
fn retry_after_as_an_http_date_is_honoured_through_classification() {
    use crate::model::outage::classify;
    use crate::model::wire::ApiResponse;
    // NOW is 2026-11-25T15:42:00Z; the server says 15:44:00 GMT.
    let response = ApiResponse {
        status: 503,
        headers: vec![("retry-after".into(), "Wed, 25 Nov 2026 15:44:00 GMT".into())],
        body: String::new(),
    };
    let f = classify(Operation::FleetLoad, &Ok(response), true, NOW).expect("a failure");
    let mut c = RetryController::default();
    assert_eq!(c.failed(&f, 0.0, NOW), RetryPlan::At(NOW + 120_000));
}

#[test]
fn backoff_grows_until_a_success_resets_it() {
    let mut c = RetryController::default();
    let f = failure(FailureKind::Timeout, Operation::ManifestRefresh);
    // rand just below 1: the delay is just below each ceiling.
    let waits: Vec<i64> = (0..4)
        .map(|_| match c.failed(&f, 0.999_999, NOW) {
            RetryPlan::At(t) => (t - NOW + 999) / 1000,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(waits, [2, 4, 8, 16]);
    c.succeeded();
    assert_eq!(c.plan(), None);
    assert_eq!(c.failed(&f, 0.999_999, NOW), RetryPlan::At(NOW + 1_999));
}

#[test]
fn never_retries_credentials_or_account_answers_on_its_own() {
    for kind in [
        FailureKind::WrongCredentials,
        FailureKind::AccountProblem,
        FailureKind::AccountLocked,
    ] {
        for op in [
            Operation::SignIn,
            Operation::ManifestRefresh,
            Operation::FleetLoad,
        ] {
            let mut c = RetryController::default();
            let mut f = failure(kind, op);
            f.retry_after_ms = Some(NOW + 1_000);
            c.failed(&f, 0.5, NOW);
            for later in [0, 1_000, 3_600_000, 86_400_000] {
                assert!(
                    !c.due(NOW + later, true),
                    "{kind:?} {op:?} retried after {later} ms"
                );
            }
        }
    }
}

#[test]
fn wrong_passwords_count_across_other_failures_until_a_success() {
    let wrong = failure(FailureKind::WrongCredentials, Operation::SignIn);
    let outage = failure(FailureKind::PlatformUnavailable, Operation::SignIn);
    let mut c = RetryController::default();
    assert_eq!(c.failed(&wrong, 0.5, NOW), RetryPlan::Never);
    // An outage between two wrong passwords does not forget the first.
    assert!(matches!(c.failed(&outage, 0.5, NOW), RetryPlan::At(_)));
    assert_eq!(c.failed(&wrong, 0.5, NOW), RetryPlan::ShowPasswordReset);
    c.succeeded();
    assert_eq!(c.failed(&wrong, 0.5, NOW), RetryPlan::Never);
    // An expired session elsewhere is not a forgotten password.
    let mut c = RetryController::default();
    let expired = failure(FailureKind::WrongCredentials, Operation::ManifestRefresh);
    for _ in 0..3 {
        assert_eq!(c.failed(&expired, 0.5, NOW), RetryPlan::Never);
    }
}

#[test]
fn pauses_while_offline_and_tries_when_back() {
    let mut c = RetryController::default();
    assert_eq!(
        c.failed(
            &failure(FailureKind::Offline, Operation::EventSync),
            0.5,
            NOW
        ),
        RetryPlan::WhenOnline
    );
    assert!(!c.due(NOW + 3_600_000, false));
    assert!(c.due(NOW, true));
    // A timed retry waits for the network too, and says so.
    let mut c = RetryController::default();
    c.failed(
        &failure(FailureKind::Timeout, Operation::EventSync),
        0.0,
        NOW,
    );
    assert!(!c.due(NOW + 60_000, false));
    assert!(c.due(NOW + 60_000, true));
    assert_eq!(c.shown_plan(false), Some(RetryPlan::WhenOnline));
    assert_eq!(c.shown_plan(true), Some(RetryPlan::At(NOW)));
}

#[test]
fn nothing_failed_means_the_callers_schedule_decides() {
    let c = RetryController::default();
    assert!(c.due(NOW, true));
    assert!(
        c.due(NOW, false),
        "a healthy app still runs its own schedule offline (and learns it is offline)"
    );
    assert_eq!(c.shown_plan(true), None);
}

#[test]
fn countdown_rounds_up_and_stops_at_zero() {
    assert_eq!(RetryPlan::At(NOW + 1).seconds_left(NOW), Some(1));
    assert_eq!(RetryPlan::At(NOW + 42_000).seconds_left(NOW), Some(42));
    assert_eq!(RetryPlan::At(NOW - 5_000).seconds_left(NOW), Some(0));
    assert_eq!(RetryPlan::WhenOnline.seconds_left(NOW), None);
}

proptest! {
    /// Whatever fails in whatever order, the controller never plans a
    /// retry before the server asked, nor sooner than now.
    #[test]
    fn never_earlier_than_the_server_asked(
        kinds in proptest::collection::vec(prop::sample::select(FailureKind::ALL.to_vec()), 1..12),
        after in proptest::option::of(0i64..3_600),
        r in 0.0f64..1.0,
    ) {
        let mut c = RetryController::default();
        for kind in kinds {
            let mut f = failure(kind, Operation::FleetLoad);
            f.retry_after_ms = after.map(|s| NOW + s * 1000);
            if let RetryPlan::At(t) = c.failed(&f, r, NOW) {
                prop_assert!(t >= NOW);
                if let Some(s) = after {
                    prop_assert!(t >= NOW + s * 1000);
                    prop_assert!(!c.due(t - 1, true));
                }
            }
        }
    }
}
