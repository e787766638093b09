use super::*;
use proptest::prelude::*;

const NOW: i64 = 1_795_621_320_000;

fn failure(kind: FailureKind, op: Operation) -> Failure {
    Failure::new(kind, op)
}

/// Roadbook's policy: the default backoff.
fn next_retry(failure: &Failure, attempt: u32, rand01: f64, now: i64, wrong: u32) -> RetryPlan {
    Backoff::default().plan(failure, attempt, rand01, now, wrong)
}

#[test]
fn ceiling_doubles_then_stops_at_the_cap() {
    let b = Backoff::default();
    let got: Vec<u64> = (0..9).map(|n| b.ceiling_ms(n)).collect();
    assert_eq!(
        got,
        [2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 120_000, 120_000, 120_000]
    );
    assert_eq!(b.ceiling_ms(63), 120_000);
    assert_eq!(b.ceiling_ms(64), 120_000);
    assert_eq!(b.ceiling_ms(u32::MAX), 120_000);
}

#[test]
fn no_overflow_with_huge_parameters() {
    let b = Backoff {
        base_ms: u64::MAX,
        cap_ms: u64::MAX,
    };
    assert_eq!(b.ceiling_ms(10), u64::MAX);
    assert!(b.delay_ms(10, 0.999_999) > u64::MAX / 2);
    let plan = b.plan(
        &failure(FailureKind::Timeout, Operation::EventSync),
        40,
        0.99,
        NOW,
        0,
    );
    assert!(matches!(plan, RetryPlan::At(t) if t > NOW));
}

#[test]
fn jitter_scales_the_ceiling_and_bad_randoms_are_clamped() {
    let b = Backoff::default();
    assert_eq!(b.delay_ms(0, 0.0), 0);
    assert_eq!(b.delay_ms(0, 0.5), 1_000);
    assert_eq!(b.delay_ms(3, 0.25), 4_000);
    assert_eq!(b.delay_ms(20, 0.5), 60_000);
    assert_eq!(b.delay_ms(0, -3.0), 0);
    assert_eq!(b.delay_ms(0, f64::NAN), 0);
    assert_eq!(b.delay_ms(0, f64::NEG_INFINITY), 0);
    // 1.0 and above are treated as "just below 1": never the full ceiling
    // for small values, and never more than it.
    assert_eq!(b.delay_ms(0, 1.0), 1_999);
    assert_eq!(b.delay_ms(0, f64::INFINITY), 1_999);
}

#[test]
fn plans_by_kind() {
    use FailureKind::*;
    let table = [
        (Offline, Some(RetryPlan::WhenOnline)),
        (WrongCredentials, Some(RetryPlan::Never)),
        (AccountProblem, Some(RetryPlan::Never)),
        (AccountLocked, Some(RetryPlan::Never)),
        (Unreachable, None),
        (Timeout, None),
        (TooManyAttempts, None),
        (PlatformError, None),
        (PlatformUnavailable, None),
        (UnexpectedResponse, None),
    ];
    for (kind, want) in table {
        let plan = next_retry(&failure(kind, Operation::SignIn), 1, 0.5, NOW, 0);
        match want {
            Some(p) => assert_eq!(plan, p, "{kind:?}"),
            None => assert_eq!(plan, RetryPlan::At(NOW + 2_000), "{kind:?}"),
        }
    }
}

#[test]
fn repeated_401s_on_sign_in_offer_a_password_reset() {
    let f = failure(FailureKind::WrongCredentials, Operation::SignIn);
    assert_eq!(next_retry(&f, 0, 0.5, NOW, 1), RetryPlan::Never);
    assert_eq!(next_retry(&f, 0, 0.5, NOW, 2), RetryPlan::ShowPasswordReset);
    assert_eq!(next_retry(&f, 0, 0.5, NOW, 7), RetryPlan::ShowPasswordReset);
    // An expired session is not a forgotten password.
    let f = failure(FailureKind::WrongCredentials, Operation::EventSync);
    assert_eq!(next_retry(&f, 0, 0.5, NOW, 5), RetryPlan::Never);
}

#[test]
fn retry_after_wins_when_later_but_only_up_to_an_hour() {
    let mut f = failure(FailureKind::PlatformUnavailable, Operation::SignIn);
    // Backoff at attempt 0, rand 0.5: now + 1 s.
    f.retry_after_ms = Some(NOW + 120_000);
    assert_eq!(next_retry(&f, 0, 0.5, NOW, 0), RetryPlan::At(NOW + 120_000));
    // Earlier than the backoff: the backoff stands.
    f.retry_after_ms = Some(NOW + 500);
    assert_eq!(next_retry(&f, 0, 0.5, NOW, 0), RetryPlan::At(NOW + 1_000));
    // A day away: capped to an hour.
    f.retry_after_ms = Some(NOW + 86_400_000);
    assert_eq!(
        next_retry(&f, 0, 0.5, NOW, 0),
        RetryPlan::At(NOW + 3_600_000)
    );
    // In the past: the backoff stands.
    f.retry_after_ms = Some(NOW - 10_000);
    assert_eq!(next_retry(&f, 0, 0.5, NOW, 0), RetryPlan::At(NOW + 1_000));
}

#[test]
fn retry_after_does_not_override_a_no_retry_decision() {
    let mut f = failure(FailureKind::AccountLocked, Operation::SignIn);
    f.retry_after_ms = Some(NOW + 60_000);
    assert_eq!(next_retry(&f, 0, 0.5, NOW, 0), RetryPlan::Never);
}

proptest! {
    #[test]
    fn delay_is_within_zero_and_the_ceiling(
        base in 0u64..1_000_000,
        cap in 0u64..10_000_000,
        attempt in 0u32..200,
        r in proptest::num::f64::ANY,
    ) {
        let b = Backoff { base_ms: base, cap_ms: cap };
        let ceiling = base.saturating_mul(1u64.checked_shl(attempt).unwrap_or(u64::MAX)).min(cap);
        prop_assert_eq!(b.ceiling_ms(attempt), ceiling);
        let d = b.delay_ms(attempt, r);
        prop_assert!(d <= ceiling);
        if ceiling > 0 && (0.0..1.0).contains(&r) {
            prop_assert!(d < ceiling, "full jitter never reaches the ceiling itself");
        }
    }

    #[test]
    fn ceiling_never_shrinks_and_never_passes_the_cap(
        base in 0u64..1_000_000,
        cap in 0u64..10_000_000,
        attempt in 0u32..200,
    ) {
        let b = Backoff { base_ms: base, cap_ms: cap };
        prop_assert!(b.ceiling_ms(attempt) <= b.ceiling_ms(attempt + 1));
        prop_assert!(b.ceiling_ms(attempt + 1) <= cap);
    }

    #[test]
    fn delay_grows_with_the_random_draw(attempt in 0u32..20, a in 0.0f64..1.0, b in 0.0f64..1.0) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let backoff = Backoff::default();
        prop_assert!(backoff.delay_ms(attempt, lo) <= backoff.delay_ms(attempt, hi));
    }

    #[test]
    fn planned_time_is_never_before_now_nor_past_an_hour(
        attempt in 0u32..100,
        r in 0.0f64..1.0,
        retry_after in proptest::option::of(-10_000_000i64..100_000_000),
    ) {
        let mut f = Failure::new(FailureKind::PlatformError, Operation::ManifestRefresh);
        f.retry_after_ms = retry_after.map(|d| NOW + d);
        match next_retry(&f, attempt, r, NOW, 0) {
            RetryPlan::At(t) => prop_assert!((NOW..=NOW + 3_600_000).contains(&t)),
            other => prop_assert!(false, "unexpected plan {:?}", other),
        }
    }
}
