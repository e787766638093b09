use super::*;
use crate::model::config::Support;

fn config() -> Config {
    Config::parse(include_str!("../../../../public/config.json")).expect("shipped config")
}

fn saved() -> SavedContext {
    SavedContext {
        place: SavedPlace::Below,
        saved_at_time: "07:42".into(),
        packages: 38,
        unsent_marks: 5,
    }
}

fn failure(kind: FailureKind, op: Operation, status: Option<u16>, code: Option<&str>) -> Failure {
    Failure {
        status,
        support_code: code.map(str::to_string),
        ..Failure::new(kind, op)
    }
}

fn all_text(g: &Guidance) -> String {
    let mut parts = vec![
        g.title.clone(),
        g.what_happened.clone(),
        g.what_it_means.clone(),
    ];
    parts.extend(g.do_steps.iter().cloned());
    for d in &g.dont {
        parts.push(d.what.clone());
        parts.push(d.why.clone());
    }
    parts.join("\n")
}

const OUTAGES: [FailureKind; 5] = [
    FailureKind::Unreachable,
    FailureKind::Timeout,
    FailureKind::PlatformError,
    FailureKind::PlatformUnavailable,
    FailureKind::UnexpectedResponse,
];

#[test]
fn outage_with_saved_manifest_says_it_is_not_the_account_and_what_is_kept() {
    let f = failure(
        FailureKind::PlatformError,
        Operation::SignIn,
        Some(502),
        None,
    );
    let g = guidance(Lang::En, &f, &config(), Some(&saved()));
    assert_eq!(
        g.what_happened,
        "Roadbook can't reach the company's system right now. This is not a problem with your account."
    );
    assert_eq!(
        g.what_it_means,
        "Your manifest saved at 07:42 (38 packages) is below and your 5 unsent marks are \
         kept on this phone; they will be sent when the system is back."
    );
    assert!(g.not_your_account);
    assert!(!g.credentials_can_help);
    assert_eq!(g.status, Some(502));
    assert_eq!(g.reassurance, None);
}

#[test]
fn outage_without_saved_manifest_points_to_a_file_or_link() {
    let f = failure(FailureKind::Unreachable, Operation::SignIn, None, None);
    let g = guidance(Lang::En, &f, &config(), None);
    assert!(
        g.what_it_means
            .contains("no saved manifest on this phone yet"),
        "{}",
        g.what_it_means
    );
    assert!(g.what_it_means.contains("file or a link"));
    assert!(g.do_steps[0].contains("file or a link") && g.do_steps[0].contains("+1-555-0100"));
}

#[test]
fn outage_donts_are_password_reinstall_and_repeat() {
    for kind in OUTAGES {
        let f = failure(kind, Operation::SignIn, None, None);
        let g = guidance(Lang::En, &f, &config(), Some(&saved()));
        let whats: Vec<&str> = g.dont.iter().map(|d| d.what.as_str()).collect();
        assert_eq!(
            whats,
            [
                "Don't reset your password.",
                "Don't reinstall Roadbook or clear the browser's data.",
                "Don't keep signing in over and over.",
            ],
            "{kind:?}"
        );
        assert!(g.dont[1]
            .why
            .contains("saved manifest and the 5 marks not sent yet"));
        assert!(g.dont[2].why.contains("tries again on its own"));
        assert!(g.not_your_account, "{kind:?}");
        assert!(!g.credentials_can_help, "{kind:?}");
    }
}

#[test]
fn outage_while_signed_in_says_not_to_sign_out() {
    let f = failure(
        FailureKind::PlatformUnavailable,
        Operation::ManifestRefresh,
        Some(503),
        None,
    );
    let g = guidance(Lang::En, &f, &config(), Some(&saved()));
    assert_eq!(g.dont[2].what, "Don't sign out.");
    assert!(!all_text(&g).contains("signing in over and over"));
}

#[test]
fn only_wrong_credentials_say_retyping_can_help() {
    use FailureKind::*;
    for kind in FailureKind::ALL {
        let g = guidance(
            Lang::En,
            &failure(kind, Operation::SignIn, None, None),
            &config(),
            Some(&saved()),
        );
        let text = all_text(&g);
        let says_retype = text.contains("type them again") || text.contains("Typing the username");
        assert_eq!(g.credentials_can_help, kind == WrongCredentials, "{kind:?}");
        assert_eq!(says_retype, kind == WrongCredentials, "{kind:?}: {text}");
    }
}

#[test]
fn wrong_password_guidance_offers_the_reset_link() {
    let f = failure(
        FailureKind::WrongCredentials,
        Operation::SignIn,
        Some(401),
        Some("01-001"),
    );
    let g = guidance(Lang::En, &f, &config(), None);
    assert_eq!(g.title, "Username or password not accepted");
    assert!(!g.not_your_account);
    assert!(g
        .do_steps
        .iter()
        .any(|s| s.contains("https://support.example.com/reset-password")));
    assert_eq!(g.dont[0].what, "Don't keep guessing the password.");
    assert_eq!(g.support_code.as_deref(), Some("01-001"));
}

#[test]
fn expired_session_asks_to_sign_in_again_not_to_fix_the_password() {
    let f = failure(
        FailureKind::WrongCredentials,
        Operation::EventSync,
        Some(401),
        None,
    );
    let g = guidance(Lang::En, &f, &config(), Some(&saved()));
    assert_eq!(g.title, "Please sign in again");
    assert_eq!(
        g.do_steps,
        ["Sign in again with your username and password."]
    );
    assert!(g
        .what_it_means
        .ends_with("they will be sent once you sign in again."));
    assert!(g.not_your_account);
    assert!(g.credentials_can_help);
    assert!(!all_text(&g).contains("guessing"));
}

#[test]
fn support_code_override_turns_a_401_into_an_outage() {
    let f = failure(
        FailureKind::WrongCredentials,
        Operation::SignIn,
        Some(401),
        Some("03-005"),
    );
    let g = guidance(Lang::En, &f, &config(), Some(&saved()));
    assert_eq!(g.kind, FailureKind::PlatformUnavailable);
    assert_eq!(g.title, "Company-wide sign-in outage");
    assert_eq!(
        g.what_happened,
        "Sign-in is down for all drivers. This is not a problem with your account."
    );
    assert_eq!(
        g.reassurance.as_deref(),
        Some("Scheduled blocks during an outage are paid, and your rating is not affected.")
    );
    assert!(!g.credentials_can_help);
    assert!(g.not_your_account);
    let text = all_text(&g);
    assert!(
        !text.contains("type them again") && !text.contains("Typing the username"),
        "{text}"
    );
    assert!(g
        .dont
        .iter()
        .any(|d| d.what == "Don't reset your password."));
    assert_eq!(g.status, Some(401));
    assert_eq!(g.support_code.as_deref(), Some("03-005"));

    // The same override makes the retry planner treat it as an outage.
    let eff = effective_failure(&f, &config());
    assert_eq!(eff.kind, FailureKind::PlatformUnavailable);
    assert!(matches!(
        super::super::Backoff::default().plan(&eff, 0, 0.5, 0, 3),
        super::super::backoff::RetryPlan::At(_)
    ));
    assert!(banner_text(Lang::En, &eff).contains("can't be reached"));
}

#[test]
fn operator_words_follow_the_language_and_fall_back_to_their_own() {
    let f = failure(
        FailureKind::WrongCredentials,
        Operation::SignIn,
        Some(401),
        Some("03-005"),
    );
    let es = guidance(Lang::Es, &f, &config(), None);
    assert_eq!(es.kind, FailureKind::PlatformUnavailable);
    assert_eq!(es.title, "Caída general del inicio de sesión de la empresa");
    assert!(es
        .reassurance
        .as_deref()
        .is_some_and(|r| r.contains("se pagan")));
    assert!(es
        .dont
        .iter()
        .any(|d| d.what == "No restablezca su contraseña."));
    assert!(es.do_steps.iter().any(|s| s.contains("Todos los días")));
    // A code the operator did not translate keeps the operator's words.
    let mut config = config();
    if let Some(info) = config.support_codes.get_mut("03-005") {
        info.translations.clear();
    }
    let es = guidance(Lang::Es, &f, &config, None);
    assert_eq!(es.title, "Company-wide sign-in outage");
    assert_eq!(es.what_it_means, texts::no_saved_manifest_outage(Lang::Es));
}

#[test]
fn support_code_override_to_account_problem_and_unknown_codes() {
    let f = failure(
        FailureKind::PlatformError,
        Operation::SignIn,
        Some(500),
        Some("04-001"),
    );
    let g = guidance(Lang::En, &f, &config(), None);
    assert_eq!(g.kind, FailureKind::AccountProblem);
    assert_eq!(g.title, "Account needs attention");
    assert!(!g.not_your_account);
    assert_eq!(g.reassurance, None);
    assert!(g.do_steps[0].contains("Give them the code 04-001."));

    let f = failure(
        FailureKind::PlatformError,
        Operation::SignIn,
        Some(500),
        Some("99-999"),
    );
    let g = guidance(Lang::En, &f, &config(), None);
    assert_eq!(g.kind, FailureKind::PlatformError);
    assert_eq!(
        g.title,
        texts::title(Lang::En, FailureKind::PlatformError, false)
    );
}

#[test]
fn config_cannot_relabel_anything_as_a_wrong_password() {
    let mut c = config();
    c.support_codes.insert(
        "X".into(),
        SupportCodeInfo {
            kind: Some("wrong_credentials".into()),
            title: Some("  ".into()),
            ..SupportCodeInfo::default()
        },
    );
    let f = failure(
        FailureKind::PlatformUnavailable,
        Operation::SignIn,
        Some(503),
        Some("X"),
    );
    let g = guidance(Lang::En, &f, &c, None);
    assert_eq!(g.kind, FailureKind::PlatformUnavailable);
    assert!(!g.credentials_can_help);
    // A blank configured title does not blank the screen.
    assert_eq!(
        g.title,
        texts::title(Lang::En, FailureKind::PlatformUnavailable, false)
    );
}

#[test]
fn account_problems_send_to_support_and_warn_against_new_accounts() {
    for kind in [FailureKind::AccountProblem, FailureKind::AccountLocked] {
        let f = failure(kind, Operation::SignIn, Some(403), Some("04-002"));
        let g = guidance(Lang::En, &f, &config(), Some(&saved()));
        assert!(!g.not_your_account);
        assert!(g.do_steps[0].starts_with("Contact driver support: call +1-555-0100"));
        let whats: Vec<&str> = g.dont.iter().map(|d| d.what.as_str()).collect();
        assert_eq!(
            whats,
            [
                "Don't create a new account.",
                "Don't reinstall Roadbook or clear the browser's data."
            ]
        );
        assert!(!all_text(&g).contains("Don't reset your password"));
    }
}

#[test]
fn too_many_attempts_says_roadbook_waits_on_its_own() {
    let f = failure(
        FailureKind::TooManyAttempts,
        Operation::SignIn,
        Some(429),
        None,
    );
    let g = guidance(Lang::En, &f, &config(), Some(&saved()));
    assert!(g
        .what_it_means
        .starts_with("Roadbook waits a little and then tries again on its own."));
    assert_eq!(
        g.do_steps[0],
        "Wait. Roadbook tries again on its own in a moment."
    );
    assert_eq!(g.dont[0].what, "Don't keep trying again by hand.");
    assert!(g.not_your_account);
}

#[test]
fn offline_says_keep_working_and_marks_are_saved() {
    let f = failure(FailureKind::Offline, Operation::EventSync, None, None);
    let g = guidance(Lang::En, &f, &config(), Some(&saved()));
    assert_eq!(g.title, "No connection on this phone");
    assert!(g
        .what_it_means
        .contains("kept on this phone; they will be sent when the phone is back online"));
    assert_eq!(g.do_steps[0], "Keep delivering from the saved manifest.");
    assert!(g.do_steps.iter().any(|s| s.contains("signal")));
    assert_eq!(g.dont[0].what, "Don't sign out.");
    assert!(!all_text(&g).contains("password"));

    let g = guidance(
        Lang::En,
        &Failure::new(FailureKind::Offline, Operation::SignIn),
        &config(),
        None,
    );
    assert!(g.what_it_means.contains("back online"));
    assert_eq!(g.dont.len(), 1);
}

#[test]
fn unexpected_response_says_nothing_saved_was_replaced() {
    let f = failure(
        FailureKind::UnexpectedResponse,
        Operation::ManifestRefresh,
        Some(200),
        None,
    );
    let g = guidance(Lang::En, &f, &config(), Some(&saved()));
    assert_eq!(g.title, "Roadbook got an answer it can't read");
    assert!(g
        .what_it_means
        .starts_with("Nothing saved on this phone was replaced."));
}

#[test]
fn timeout_says_the_system_is_slow() {
    let f = failure(FailureKind::Timeout, Operation::ManifestRefresh, None, None);
    let g = guidance(Lang::En, &f, &config(), Some(&saved()));
    assert!(g.what_happened.contains("slow"));
    assert!(g.what_happened.contains("not a problem with your account"));
}

#[test]
fn fleet_view_guidance_talks_about_the_fleet_not_marks() {
    let f = failure(
        FailureKind::PlatformUnavailable,
        Operation::FleetLoad,
        Some(503),
        None,
    );
    let ctx = SavedContext {
        unsent_marks: 0,
        ..saved()
    };
    let g = guidance(Lang::En, &f, &config(), Some(&ctx));
    assert!(g.what_it_means.starts_with("The fleet view saved at 07:42"));
    assert!(g.do_steps[0].starts_with("Leave this page open"));
    assert!(!g.what_it_means.contains("marks"));
}

#[test]
fn no_support_contact_configured_still_gives_a_way_to_a_person() {
    let mut c = config();
    c.support = Support::default();
    let f = failure(
        FailureKind::AccountLocked,
        Operation::SignIn,
        Some(423),
        None,
    );
    let g = guidance(Lang::En, &f, &c, None);
    assert_eq!(g.do_steps, ["Contact driver support or your dispatcher."]);
    let f = failure(
        FailureKind::WrongCredentials,
        Operation::SignIn,
        Some(401),
        None,
    );
    let g = guidance(Lang::En, &f, &c, None);
    assert!(!g.do_steps.iter().any(|s| s.contains("Reset it at")));
}

#[test]
fn every_guidance_has_steps_and_reasons() {
    let ops = Operation::ALL;
    for kind in FailureKind::ALL {
        for op in ops {
            for ctx in [None, Some(saved())] {
                let g = guidance(
                    Lang::En,
                    &failure(kind, op, None, None),
                    &config(),
                    ctx.as_ref(),
                );
                assert!(!g.title.is_empty() && !g.what_happened.is_empty());
                assert!(!g.what_it_means.is_empty(), "{kind:?} {op:?}");
                assert!(!g.do_steps.is_empty(), "{kind:?} {op:?}");
                assert!(!g.dont.is_empty(), "{kind:?} {op:?}");
                assert!(g.dont.iter().all(|d| !d.why.is_empty()));
                assert!(!all_text(&g).to_lowercase().contains("oops"));
            }
        }
    }
}
