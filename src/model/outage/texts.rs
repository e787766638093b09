//! Every sentence the driver reads about a failure, in one place.
//!
//! Written for someone tired, in a van, between stops: short sentences, no
//! jargon, no blame, and always what to do next. Nothing here decides *which*
//! sentence applies beyond the kind it is given; `guidance` does that. When
//! Roadbook is translated, this file is what gets replaced.

use super::classify::{FailureKind, Operation};
use super::guidance::SavedContext;
use crate::model::config::Support;

/// "1 mark", "3 marks".
fn marks(n: usize) -> String {
    if n == 1 {
        "1 mark".to_string()
    } else {
        format!("{n} marks")
    }
}

/// "your manifest saved at 07:42 (38 packages)".
fn saved_manifest(s: &SavedContext) -> String {
    match s.packages {
        0 => format!("your manifest saved at {}", s.saved_at_hhmm),
        1 => format!("your manifest saved at {} (1 package)", s.saved_at_hhmm),
        n => format!("your manifest saved at {} ({n} packages)", s.saved_at_hhmm),
    }
}

/// "Your 3 unsent marks are" / "Any marks you make are".
fn marks_subject(s: Option<&SavedContext>) -> String {
    match s.map_or(0, |s| s.unsent_marks) {
        0 => "any marks you make are".to_string(),
        1 => "your 1 unsent mark is".to_string(),
        n => format!("your {n} unsent marks are"),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------- titles

pub fn title(kind: FailureKind, session_expired: bool) -> String {
    match kind {
        FailureKind::Offline => "No connection on this phone",
        FailureKind::Unreachable | FailureKind::PlatformError => {
            "The company's system can't be reached"
        }
        FailureKind::PlatformUnavailable => "The company's system is down",
        FailureKind::Timeout => "The company's system is not answering",
        FailureKind::WrongCredentials if session_expired => "Please sign in again",
        FailureKind::WrongCredentials => "Username or password not accepted",
        FailureKind::AccountProblem => "Your account needs a check",
        FailureKind::AccountLocked => "Your account is locked",
        FailureKind::TooManyAttempts => "Too many tries, waiting a moment",
        FailureKind::UnexpectedResponse => "Roadbook got an answer it can't read",
    }
    .to_string()
}

// ---------------------------------------------------------- what happened

pub fn what_happened(kind: FailureKind, session_expired: bool) -> String {
    match kind {
        FailureKind::Offline => "This phone has no internet connection right now.",
        FailureKind::Unreachable
        | FailureKind::PlatformError
        | FailureKind::PlatformUnavailable => {
            "Roadbook can't reach the company's system right now. \
             This is not a problem with your account."
        }
        FailureKind::Timeout => {
            "The company's system is very slow and did not answer in time. \
             This is not a problem with your account."
        }
        FailureKind::WrongCredentials if session_expired => {
            "Your sign-in has run out, so Roadbook can't get updates or send marks \
             until you sign in again."
        }
        FailureKind::WrongCredentials => {
            "The company's system did not accept this username and password."
        }
        FailureKind::AccountProblem => {
            "The company's system says this account can't be used right now."
        }
        FailureKind::AccountLocked => "The company's system has locked this account.",
        FailureKind::TooManyAttempts => {
            "There were too many tries in a short time, so the company's system \
             asked Roadbook to wait."
        }
        FailureKind::UnexpectedResponse => {
            "The company's system sent something Roadbook can't read. \
             This is not a problem with your account."
        }
    }
    .to_string()
}

// --------------------------------------------------------- what it means

/// When kept marks go out, in the words of the sentence that promises it.
#[derive(Clone, Copy)]
pub enum SentWhen {
    SystemBack,
    PhoneOnline,
    SignedInAgain,
}

impl SentWhen {
    fn text(self) -> &'static str {
        match self {
            SentWhen::SystemBack => "when the system is back",
            SentWhen::PhoneOnline => "when the phone is back online",
            SentWhen::SignedInAgain => "once you sign in again",
        }
    }
}

/// "Your manifest saved at 07:42 is below and your 3 unsent marks are kept
/// on this phone; they will be sent when the system is back."
pub fn saved_manifest_below(s: &SavedContext, when: SentWhen) -> String {
    format!(
        "{} is below and {} kept on this phone; they will be sent {}.",
        capitalise(&saved_manifest(s)),
        marks_subject(Some(s)),
        when.text()
    )
}

/// For the dispatcher's fleet view, which has no marks of its own.
pub fn saved_fleet_below(s: &SavedContext) -> String {
    format!(
        "The fleet view saved at {} is below. It updates on its own as soon as it can.",
        s.saved_at_hhmm
    )
}

pub fn no_saved_manifest_outage() -> String {
    "There is no saved manifest on this phone yet, so Roadbook has nothing to show \
     until the system is back. Your dispatcher or driver support can send your \
     manifest as a file or a link."
        .to_string()
}

pub fn no_saved_manifest_offline() -> String {
    "There is no saved manifest on this phone yet. Roadbook gets it as soon as the \
     phone is back online. Until then your dispatcher or driver support can send it \
     as a file or a link."
        .to_string()
}

pub fn no_saved_fleet() -> String {
    "There is no saved fleet view on this phone yet. It appears as soon as it can be loaded."
        .to_string()
}

pub fn nothing_replaced() -> String {
    "Nothing saved on this phone was replaced.".to_string()
}

pub fn waits_on_its_own() -> String {
    "Roadbook waits a little and then tries again on its own.".to_string()
}

pub fn retyping_can_help() -> String {
    "Typing the username and password again can fix this.".to_string()
}

pub fn only_support_can_fix() -> String {
    "Only driver support can sort this out. Trying again won't change it.".to_string()
}

pub fn sign_in_to_get_manifest() -> String {
    "Sign in again to get your manifest.".to_string()
}

/// "Your manifest saved at 07:42 and your 3 unsent marks stay on this phone."
pub fn saved_stays(s: &SavedContext) -> String {
    let marks_part = match s.unsent_marks {
        0 => String::new(),
        n => format!(" and your {} not sent yet", marks(n)),
    };
    format!(
        "{}{marks_part} stay on this phone.",
        capitalise(&saved_manifest(s))
    )
}

// ------------------------------------------------------------ what to do

pub fn step_keep_delivering() -> String {
    "Keep delivering from the saved manifest.".to_string()
}

pub fn step_mark_as_you_go(when: SentWhen) -> String {
    format!(
        "Mark each package as you go. Roadbook sends the marks on its own {}.",
        when.text()
    )
}

pub fn step_leave_open() -> String {
    "Leave Roadbook open. It tries again on its own.".to_string()
}

pub fn step_find_signal() -> String {
    "When you can, move to a place with signal, or check that flight mode is off \
     and mobile data is on."
        .to_string()
}

pub fn step_wait() -> String {
    "Wait. Roadbook tries again on its own in a moment.".to_string()
}

pub fn step_check_credentials() -> String {
    "Check the username and password, then type them again.".to_string()
}

pub fn step_check_capitals() -> String {
    "Check capital letters: the password must match exactly.".to_string()
}

pub fn step_reset_link(url: &str) -> String {
    format!("Forgot the password? Reset it at {url}")
}

pub fn step_sign_in_again() -> String {
    "Sign in again with your username and password.".to_string()
}

/// "call +1-555-0100, text +1-555-0101 or go to https://… (Every day, 06:00–22:00)",
/// or `None` when the operator configured no way to reach support.
fn support_means(support: &Support) -> Option<String> {
    let mut ways: Vec<String> = Vec::new();
    let present = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(p) = present(&support.phone) {
        ways.push(format!("call {p}"));
    }
    if let Some(s) = present(&support.sms) {
        ways.push(format!("text {s}"));
    }
    if let Some(u) = present(&support.url) {
        ways.push(format!("go to {u}"));
    }
    let mut text = match ways.len() {
        0 => return None,
        1 => ways.remove(0),
        n => format!("{} or {}", ways[..n - 1].join(", "), ways[n - 1]),
    };
    if let Some(h) = present(&support.hours) {
        text.push_str(&format!(" ({h})"));
    }
    Some(text)
}

fn give_code(code: Option<&str>) -> String {
    code.map_or(String::new(), |c| format!(" Give them the code {c}."))
}

/// The step that sends the driver to a person, with the code to quote.
pub fn step_contact_support(support: &Support, code: Option<&str>) -> String {
    let reach = match support_means(support) {
        Some(m) => format!("Contact driver support: {m}."),
        None => "Contact driver support or your dispatcher.".to_string(),
    };
    format!("{reach}{}", give_code(code))
}

/// The optional "if you need help" step for outages, when the driver can
/// carry on alone. `None` when no support contact is configured.
pub fn step_help_if_needed(support: &Support, code: Option<&str>) -> Option<String> {
    support_means(support).map(|m| {
        format!(
            "If you need help, contact driver support: {m}.{}",
            give_code(code)
        )
    })
}

pub fn step_ask_for_manifest(support: &Support) -> String {
    let base = "Ask your dispatcher or driver support to send your manifest as a file or a link.";
    match support_means(support) {
        Some(m) => format!("{base} Driver support: {m}."),
        None => base.to_string(),
    }
}

pub fn step_fleet_leave_open() -> String {
    "Leave this page open. The fleet view updates on its own as soon as it can.".to_string()
}

// ---------------------------------------------------------------- don'ts

/// One "don't", with the reason (a rule without a reason gets ignored).
pub fn dont_reset_password() -> (String, String) {
    (
        "Don't reset your password.".to_string(),
        "Your password is not the problem, so a new one won't help.".to_string(),
    )
}

pub fn dont_reinstall(saved: Option<&SavedContext>) -> (String, String) {
    let unsent = saved.map_or(0, |s| s.unsent_marks);
    let loss = match (saved.is_some(), unsent) {
        (true, 0) => "you would lose the saved manifest".to_string(),
        (true, n) => format!(
            "you would lose the saved manifest and the {} not sent yet",
            marks(n)
        ),
        (false, _) => "anything saved on this phone would be lost".to_string(),
    };
    (
        "Don't reinstall Roadbook or clear the browser's data.".to_string(),
        format!("It won't fix this, and {loss}."),
    )
}

pub fn dont_sign_in_repeatedly() -> (String, String) {
    (
        "Don't keep signing in over and over.".to_string(),
        "Roadbook tries again on its own. Extra tries can lock the account for a while."
            .to_string(),
    )
}

pub fn dont_sign_out(offline: bool) -> (String, String) {
    let why = if offline {
        "Signing back in needs a connection, and you would be stuck until you have one."
    } else {
        "Signing back in won't work until the system is back. Roadbook keeps trying \
         on its own while you stay signed in."
    };
    ("Don't sign out.".to_string(), why.to_string())
}

pub fn dont_keep_refreshing() -> (String, String) {
    (
        "Don't keep trying again by hand.".to_string(),
        "Every extra try makes the wait longer. Roadbook tries again on its own.".to_string(),
    )
}

pub fn dont_keep_guessing() -> (String, String) {
    (
        "Don't keep guessing the password.".to_string(),
        "Too many wrong tries can lock the account. Use the reset link or contact \
         driver support instead."
            .to_string(),
    )
}

pub fn dont_new_account() -> (String, String) {
    (
        "Don't create a new account.".to_string(),
        "Support has to fix this account. A new one would not have your blocks or \
         your manifest."
            .to_string(),
    )
}

// --------------------------------------------------------------- banners

/// The first half of a banner: which job did not get done.
fn banner_subject(op: Operation) -> &'static str {
    match op {
        Operation::SignIn => "Can't sign in",
        Operation::ManifestRefresh => "Manifest not updated",
        Operation::EventSync => "Marks not sent yet",
        Operation::FleetLoad => "Fleet view not updated",
        Operation::StatusPage => "Status page not loaded",
    }
}

/// The second half: why, in a few words.
fn banner_reason(kind: FailureKind, session_expired: bool) -> &'static str {
    match kind {
        FailureKind::Offline => "no connection on this phone",
        FailureKind::Unreachable
        | FailureKind::PlatformError
        | FailureKind::PlatformUnavailable => "the company's system can't be reached",
        FailureKind::Timeout => "the company's system is not answering",
        FailureKind::WrongCredentials if session_expired => "please sign in again",
        FailureKind::WrongCredentials => "username or password not accepted",
        FailureKind::AccountProblem => "the account needs a check by driver support",
        FailureKind::AccountLocked => "the account is locked, contact driver support",
        FailureKind::TooManyAttempts => "too many tries, waiting a moment",
        FailureKind::UnexpectedResponse => "the system sent something Roadbook can't read",
    }
}

/// "Marks not sent yet: no connection on this phone. They are kept on this
/// phone." One line for compact banners.
pub fn banner(op: Operation, kind: FailureKind, session_expired: bool) -> String {
    let mut text = format!(
        "{}: {}.",
        banner_subject(op),
        banner_reason(kind, session_expired)
    );
    if op == Operation::EventSync {
        text.push_str(" They are kept on this phone.");
    } else if kind.is_outage() || kind == FailureKind::TooManyAttempts {
        text.push_str(" Roadbook keeps trying.");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(packages: usize, unsent: usize) -> SavedContext {
        SavedContext {
            saved_at_hhmm: "07:42".into(),
            packages,
            unsent_marks: unsent,
        }
    }

    #[test]
    fn saved_manifest_sentence_reads_naturally() {
        assert_eq!(
            saved_manifest_below(&saved(0, 0), SentWhen::SystemBack),
            "Your manifest saved at 07:42 is below and any marks you make are kept on \
             this phone; they will be sent when the system is back."
        );
        assert_eq!(
            saved_manifest_below(&saved(38, 3), SentWhen::PhoneOnline),
            "Your manifest saved at 07:42 (38 packages) is below and your 3 unsent marks \
             are kept on this phone; they will be sent when the phone is back online."
        );
        assert!(saved_manifest_below(&saved(1, 1), SentWhen::SignedInAgain)
            .contains("(1 package) is below and your 1 unsent mark is kept"));
    }

    #[test]
    fn reinstall_warning_names_what_would_be_lost() {
        assert_eq!(
            dont_reinstall(Some(&saved(38, 5))).1,
            "It won't fix this, and you would lose the saved manifest and the 5 marks not sent yet."
        );
        assert_eq!(
            dont_reinstall(Some(&saved(38, 1))).1,
            "It won't fix this, and you would lose the saved manifest and the 1 mark not sent yet."
        );
        assert!(dont_reinstall(Some(&saved(38, 0)))
            .1
            .ends_with("the saved manifest."));
        assert!(dont_reinstall(None).1.contains("anything saved"));
    }

    #[test]
    fn support_contact_lists_what_is_configured() {
        let full = Support {
            phone: Some("+1-555-0100".into()),
            sms: Some("+1-555-0101".into()),
            url: Some("https://support.example.com".into()),
            hours: Some("Every day, 06:00–22:00".into()),
            password_reset_url: None,
        };
        assert_eq!(
            step_contact_support(&full, Some("04-001")),
            "Contact driver support: call +1-555-0100, text +1-555-0101 or go to \
             https://support.example.com (Every day, 06:00–22:00). Give them the code 04-001."
        );
        let phone_only = Support {
            phone: Some("+1-555-0100".into()),
            sms: Some("  ".into()),
            ..Support::default()
        };
        assert_eq!(
            step_contact_support(&phone_only, None),
            "Contact driver support: call +1-555-0100."
        );
        assert_eq!(
            step_contact_support(&Support::default(), None),
            "Contact driver support or your dispatcher."
        );
        assert_eq!(step_help_if_needed(&Support::default(), None), None);
    }

    #[test]
    fn banners_are_one_line_and_name_the_job() {
        let b = banner(Operation::EventSync, FailureKind::Offline, false);
        assert_eq!(
            b,
            "Marks not sent yet: no connection on this phone. They are kept on this phone."
        );
        let b = banner(
            Operation::ManifestRefresh,
            FailureKind::PlatformUnavailable,
            false,
        );
        assert_eq!(
            b,
            "Manifest not updated: the company's system can't be reached. Roadbook keeps trying."
        );
        let b = banner(Operation::FleetLoad, FailureKind::WrongCredentials, true);
        assert_eq!(b, "Fleet view not updated: please sign in again.");
    }

    #[test]
    fn no_text_uses_jargon_or_blame() {
        let kinds = FailureKind::ALL;
        let ops = [
            Operation::SignIn,
            Operation::ManifestRefresh,
            Operation::EventSync,
            Operation::FleetLoad,
            Operation::StatusPage,
        ];
        let banned = [
            "oops",
            "error",
            "http",
            "server",
            "api",
            "json",
            "token",
            "invalid",
            "fail",
            "your fault",
            "503",
            "401",
        ];
        for k in kinds {
            for expired in [false, true] {
                let mut texts = vec![title(k, expired), what_happened(k, expired)];
                texts.extend(ops.iter().map(|&op| banner(op, k, expired)));
                for t in texts {
                    let lower = t.to_lowercase();
                    for b in banned {
                        assert!(!lower.contains(b), "{k:?}: {t:?} contains {b:?}");
                    }
                    assert!(!t.contains('\n'), "{t:?}");
                }
            }
        }
    }
}
