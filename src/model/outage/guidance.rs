//! What to tell the driver about a failure: what happened, what it means for
//! their day, what to do and, as important, what not to do.
//!
//! The worst outcome of an outage is not the outage: it is a driver who
//! resets their password, reinstalls the app and loses the saved manifest
//! and unsent marks because the screen said "Error signing in". So each
//! piece of guidance says plainly whose problem it is and which reflexes
//! would make it worse. The words themselves live in `texts`.

use super::classify::{Failure, FailureKind, Operation};
use super::texts::{self, SentWhen};
use crate::model::config::{Config, SupportCodeInfo, SupportCodeWords};
use crate::model::i18n::Lang;

/// What Roadbook has on the phone to keep the driver going.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedContext {
    /// When the saved manifest was fetched, in the block's local time, as
    /// the screen shows times ("7:42 AM").
    pub saved_at_time: String,
    pub packages: usize,
    /// Marks made on this phone that the server has not acknowledged.
    pub unsent_marks: usize,
    /// Where the saved manifest (or fleet) is, seen from the guidance.
    pub place: SavedPlace,
}

/// Where the saved data is on screen, relative to the guidance about it. A
/// sentence that says "is below" is only ever built for a screen that shows
/// it below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavedPlace {
    /// Under the guidance, on the same screen.
    Below,
    /// On the Manifest screen, one tap away (the guidance is on sign-in).
    ManifestScreen,
}

/// Something the driver should not do, and why (a rule with no reason is
/// the one that gets ignored at 7 pm).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dont {
    pub what: String,
    pub why: String,
}

impl From<(String, String)> for Dont {
    fn from((what, why): (String, String)) -> Self {
        Dont { what, why }
    }
}

/// Everything the failure screen shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guidance {
    /// The kind after the operator's support-code table was applied.
    pub kind: FailureKind,
    pub title: String,
    pub what_happened: String,
    pub what_it_means: String,
    pub do_steps: Vec<String>,
    pub dont: Vec<Dont>,
    pub support_code: Option<String>,
    pub status: Option<u16>,
    /// The operator's own reassurance for this code (e.g. "blocks are paid").
    pub reassurance: Option<String>,
    /// Show "this is not a problem with your account".
    pub not_your_account: bool,
    /// Re-entering the username and password can fix this. Only ever true
    /// for a wrong-credentials answer that no support code re-labelled.
    pub credentials_can_help: bool,
}

/// The operator's entry for this failure's support code, if any.
fn support_code_info<'a>(failure: &Failure, config: &'a Config) -> Option<&'a SupportCodeInfo> {
    let code = failure.support_code.as_deref()?;
    config.support_codes.get(code)
}

/// The kinds an operator may re-label a code as. Deliberately no way to turn
/// something *into* a wrong password: the override exists so a platform
/// outage that answers 401 stops sending drivers to reset their password.
fn kind_from_config(kind: &str) -> Option<FailureKind> {
    match kind.trim() {
        "platform_outage" | "platform_unavailable" => Some(FailureKind::PlatformUnavailable),
        "platform_error" => Some(FailureKind::PlatformError),
        "account_problem" => Some(FailureKind::AccountProblem),
        "account_locked" => Some(FailureKind::AccountLocked),
        _ => None,
    }
}

/// The failure as the operator's support-code table says it really is. Use
/// this (not the raw failure) for retry planning and banners too, so a 401
/// carrying an outage code is retried and described as an outage.
pub fn effective_failure(failure: &Failure, config: &Config) -> Failure {
    let kind = support_code_info(failure, config)
        .and_then(|info| info.kind.as_deref())
        .and_then(kind_from_config)
        .unwrap_or(failure.kind);
    Failure {
        kind,
        ..failure.clone()
    }
}

/// Builds the failure screen's content.
pub fn guidance(
    lang: Lang,
    failure: &Failure,
    config: &Config,
    saved: Option<&SavedContext>,
) -> Guidance {
    let effective = effective_failure(failure, config);
    let kind = effective.kind;
    let expired = effective.session_expired();
    let words = support_code_info(failure, config).map(|i| i.words(lang));
    let from_config = |pick: fn(&SupportCodeWords) -> &Option<String>| {
        words
            .as_ref()
            .and_then(|w| pick(w).as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Guidance {
        kind,
        title: from_config(|w| &w.title).unwrap_or_else(|| texts::title(lang, kind, expired)),
        what_happened: from_config(|w| &w.message)
            .unwrap_or_else(|| texts::what_happened(lang, kind, expired)),
        what_it_means: what_it_means(lang, &effective, saved),
        do_steps: do_steps(lang, &effective, config, saved),
        dont: donts(lang, &effective, saved)
            .into_iter()
            .map(Dont::from)
            .collect(),
        support_code: failure.support_code.clone(),
        status: failure.status,
        reassurance: from_config(|w| &w.reassurance),
        not_your_account: not_your_account(kind, expired),
        credentials_can_help: kind == FailureKind::WrongCredentials,
    }
}

/// One-line text for compact banners (manifest refresh, event sync, the
/// dispatcher's fleet view). Pass the [`effective_failure`].
pub fn banner_text(lang: Lang, failure: &Failure) -> String {
    texts::banner(
        lang,
        failure.operation,
        failure.kind,
        failure.session_expired(),
    )
}

/// An expired session is not an account problem; a rejected password or an
/// account that support must unlock is.
fn not_your_account(kind: FailureKind, session_expired: bool) -> bool {
    match kind {
        FailureKind::WrongCredentials => session_expired,
        FailureKind::AccountProblem | FailureKind::AccountLocked => false,
        _ => true,
    }
}

/// When marks kept on the phone will go out, given what is in the way.
fn sent_when(kind: FailureKind, session_expired: bool) -> SentWhen {
    match kind {
        FailureKind::Offline => SentWhen::PhoneOnline,
        FailureKind::WrongCredentials if session_expired => SentWhen::SignedInAgain,
        _ => SentWhen::SystemBack,
    }
}

/// The saved-data sentence: the fleet view for dispatchers, the manifest
/// and marks for drivers, or what to do when nothing is saved yet.
fn saved_sentence(
    lang: Lang,
    op: Operation,
    kind: FailureKind,
    when: SentWhen,
    saved: Option<&SavedContext>,
) -> String {
    match (op, saved) {
        (Operation::FleetLoad, Some(s)) => texts::saved_fleet_below(lang, s),
        (Operation::FleetLoad, None) => texts::no_saved_fleet(lang),
        (_, Some(s)) => texts::saved_manifest(lang, s, when),
        (_, None) if kind == FailureKind::Offline => texts::no_saved_manifest_offline(lang),
        (_, None) => texts::no_saved_manifest_outage(lang),
    }
}

fn what_it_means(lang: Lang, f: &Failure, saved: Option<&SavedContext>) -> String {
    let expired = f.session_expired();
    let when = sent_when(f.kind, expired);
    let join = |a: String, b: String| format!("{a} {b}");
    match f.kind {
        FailureKind::WrongCredentials if expired => match saved {
            Some(s) => texts::saved_manifest(lang, s, when),
            None => texts::sign_in_to_get_manifest(lang),
        },
        FailureKind::WrongCredentials => match saved {
            Some(s) => join(texts::retyping_can_help(lang), texts::saved_stays(lang, s)),
            None => texts::retyping_can_help(lang),
        },
        FailureKind::AccountProblem | FailureKind::AccountLocked => match saved {
            Some(s) => join(
                texts::only_support_can_fix(lang),
                texts::saved_stays(lang, s),
            ),
            None => texts::only_support_can_fix(lang),
        },
        FailureKind::TooManyAttempts => join(
            texts::waits_on_its_own(lang),
            saved_sentence(lang, f.operation, f.kind, when, saved),
        ),
        FailureKind::UnexpectedResponse => join(
            texts::nothing_replaced(lang),
            saved_sentence(lang, f.operation, f.kind, when, saved),
        ),
        _ => saved_sentence(lang, f.operation, f.kind, when, saved),
    }
}

fn do_steps(lang: Lang, f: &Failure, config: &Config, saved: Option<&SavedContext>) -> Vec<String> {
    let support = &config.support;
    let code = f.support_code.as_deref();
    let expired = f.session_expired();
    let mut steps = Vec::new();
    match f.kind {
        FailureKind::WrongCredentials if expired => steps.push(texts::step_sign_in_again(lang)),
        FailureKind::WrongCredentials => {
            steps.push(texts::step_check_credentials(lang));
            steps.push(texts::step_check_capitals(lang));
            if let Some(url) = support
                .password_reset_url
                .as_deref()
                .filter(|u| !u.trim().is_empty())
            {
                steps.push(texts::step_reset_link(lang, url.trim()));
            }
        }
        FailureKind::AccountProblem | FailureKind::AccountLocked => {
            steps.push(texts::step_contact_support(lang, support, code));
        }
        _ if f.operation == Operation::FleetLoad => {
            steps.push(texts::step_fleet_leave_open(lang));
            steps.extend(texts::step_help_if_needed(lang, support, code));
        }
        kind => carry_on_steps(lang, kind, f, config, saved, &mut steps),
    }
    steps
}

/// Offline, outage, rate-limit and unreadable answers: the driver can keep
/// working, so the steps are about carrying on, not about fixing anything.
fn carry_on_steps(
    lang: Lang,
    kind: FailureKind,
    f: &Failure,
    config: &Config,
    saved: Option<&SavedContext>,
    steps: &mut Vec<String>,
) {
    let support = &config.support;
    let when = sent_when(kind, false);
    if kind == FailureKind::TooManyAttempts {
        steps.push(texts::step_wait(lang));
    }
    match saved {
        Some(_) => {
            steps.push(texts::step_keep_delivering(lang));
            steps.push(texts::step_mark_as_you_go(lang, when));
        }
        None => steps.push(texts::step_ask_for_manifest(lang, support)),
    }
    if kind == FailureKind::Offline {
        steps.push(texts::step_find_signal(lang));
    } else if kind != FailureKind::TooManyAttempts {
        steps.push(texts::step_leave_open(lang));
    }
    // With no saved manifest, the "ask for it" step already names support.
    if saved.is_some() {
        steps.extend(texts::step_help_if_needed(
            lang,
            support,
            f.support_code.as_deref(),
        ));
    }
}

fn donts(lang: Lang, f: &Failure, saved: Option<&SavedContext>) -> Vec<(String, String)> {
    let signing_in = f.operation == Operation::SignIn;
    match f.kind {
        FailureKind::Offline if signing_in => vec![texts::dont_reinstall(lang, saved)],
        FailureKind::Offline => vec![
            texts::dont_sign_out(lang, true),
            texts::dont_reinstall(lang, saved),
        ],
        FailureKind::WrongCredentials if f.session_expired() => {
            vec![texts::dont_reinstall(lang, saved)]
        }
        FailureKind::WrongCredentials => {
            vec![
                texts::dont_keep_guessing(lang),
                texts::dont_reinstall(lang, saved),
            ]
        }
        FailureKind::AccountProblem | FailureKind::AccountLocked => {
            vec![
                texts::dont_new_account(lang),
                texts::dont_reinstall(lang, saved),
            ]
        }
        FailureKind::TooManyAttempts => {
            vec![
                texts::dont_keep_refreshing(lang),
                texts::dont_reinstall(lang, saved),
            ]
        }
        // Outages: the three reflexes that make an outage worse.
        _ => vec![
            texts::dont_reset_password(lang),
            texts::dont_reinstall(lang, saved),
            if signing_in {
                texts::dont_sign_in_repeatedly(lang)
            } else {
                texts::dont_sign_out(lang, false)
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Support;

    fn config() -> Config {
        Config::parse(include_str!("../../../public/config.json")).expect("shipped config")
    }

    fn saved() -> SavedContext {
        SavedContext {
            place: SavedPlace::Below,
            saved_at_time: "07:42".into(),
            packages: 38,
            unsent_marks: 5,
        }
    }

    fn failure(
        kind: FailureKind,
        op: Operation,
        status: Option<u16>,
        code: Option<&str>,
    ) -> Failure {
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
            let says_retype =
                text.contains("type them again") || text.contains("Typing the username");
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
            super::super::backoff::next_retry(&eff, 0, 0.5, 0, 3),
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
        let ops = [
            Operation::SignIn,
            Operation::ManifestRefresh,
            Operation::EventSync,
            Operation::FleetLoad,
            Operation::StatusPage,
        ];
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
}
