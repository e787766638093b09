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
mod tests;
