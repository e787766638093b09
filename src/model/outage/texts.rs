//! Every sentence the driver reads about a failure, assembled from the
//! outage catalogue (`model::i18n::catalogues::outage`) in the driver's
//! language.
//!
//! Written for someone tired, in a van, between stops: short sentences, no
//! jargon, no blame, and always what to do next. Nothing here decides *which*
//! sentence applies beyond the kind it is given; `guidance` does that.

use super::classify::{FailureKind, Operation};
use super::guidance::{SavedContext, SavedPlace};
use crate::model::config::Support;
use crate::model::i18n::catalogues::{OutageFill as F, OutageText as T};
use crate::model::i18n::{Fill, Lang, Text};

fn t(lang: Lang, key: T) -> String {
    key.text(lang).to_string()
}

/// "1 mark", "3 marks".
fn marks(lang: Lang, n: usize) -> String {
    F::Marks { n: &n }.fill(lang)
}

/// "Your manifest saved at 07:42 (38 packages)", the subject that opens
/// the sentences about what is kept.
fn saved_manifest_words(lang: Lang, s: &SavedContext) -> String {
    let time = &s.saved_at_time;
    match s.packages {
        0 => F::SavedManifest { time }.fill(lang),
        n => F::SavedManifestPackages { time, n: &n }.fill(lang),
    }
}

/// "your 3 unsent marks are" / "any marks you make are".
fn marks_subject(lang: Lang, s: Option<&SavedContext>) -> String {
    match s.map_or(0, |s| s.unsent_marks) {
        0 => t(lang, T::MarksSubjectNone),
        n => F::MarksSubject { n: &n }.fill(lang),
    }
}

// ---------------------------------------------------------------- titles

pub fn title(lang: Lang, kind: FailureKind, session_expired: bool) -> String {
    let key = match kind {
        FailureKind::Offline => T::TitleOffline,
        FailureKind::Unreachable | FailureKind::PlatformError => T::TitleUnreachable,
        FailureKind::PlatformUnavailable => T::TitleDown,
        FailureKind::Timeout => T::TitleTimeout,
        FailureKind::WrongCredentials if session_expired => T::TitleSignInAgain,
        FailureKind::WrongCredentials => T::TitleWrongCredentials,
        FailureKind::AccountProblem => T::TitleAccountProblem,
        FailureKind::AccountLocked => T::TitleLocked,
        FailureKind::TooManyAttempts => T::TitleTooMany,
        FailureKind::UnexpectedResponse => T::TitleUnreadable,
    };
    t(lang, key)
}

// ---------------------------------------------------------- what happened

pub fn what_happened(lang: Lang, kind: FailureKind, session_expired: bool) -> String {
    let key = match kind {
        FailureKind::Offline => T::WhOffline,
        FailureKind::Unreachable
        | FailureKind::PlatformError
        | FailureKind::PlatformUnavailable => T::WhUnreachable,
        FailureKind::Timeout => T::WhTimeout,
        FailureKind::WrongCredentials if session_expired => T::WhExpired,
        FailureKind::WrongCredentials => T::WhWrongCredentials,
        FailureKind::AccountProblem => T::WhAccountProblem,
        FailureKind::AccountLocked => T::WhLocked,
        FailureKind::TooManyAttempts => T::WhTooMany,
        FailureKind::UnexpectedResponse => T::WhUnreadable,
    };
    t(lang, key)
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
    fn text(self, lang: Lang) -> &'static str {
        match self {
            SentWhen::SystemBack => T::WhenSystemBack,
            SentWhen::PhoneOnline => T::WhenPhoneOnline,
            SentWhen::SignedInAgain => T::WhenSignedInAgain,
        }
        .text(lang)
    }
}

/// "Your manifest saved at 07:42 is below and your 3 unsent marks are kept
/// on this phone; they will be sent when the system is back." ("is on the
/// Manifest screen" where the guidance is not above it.)
pub fn saved_manifest(lang: Lang, s: &SavedContext, when: SentWhen) -> String {
    let saved = &saved_manifest_words(lang, s);
    let marks = &marks_subject(lang, Some(s));
    let when = &when.text(lang);
    match s.place {
        SavedPlace::Below => F::SavedBelow { saved, marks, when },
        SavedPlace::ManifestScreen => F::SavedOnManifestScreen { saved, marks, when },
    }
    .fill(lang)
}

/// For the dispatcher's fleet view, which has no marks of its own.
pub fn saved_fleet_below(lang: Lang, s: &SavedContext) -> String {
    F::SavedFleetBelow {
        time: &s.saved_at_time,
    }
    .fill(lang)
}

pub fn no_saved_manifest_outage(lang: Lang) -> String {
    t(lang, T::NoSavedManifestOutage)
}

pub fn no_saved_manifest_offline(lang: Lang) -> String {
    t(lang, T::NoSavedManifestOffline)
}

pub fn no_saved_fleet(lang: Lang) -> String {
    t(lang, T::NoSavedFleet)
}

pub fn nothing_replaced(lang: Lang) -> String {
    t(lang, T::NothingReplaced)
}

pub fn waits_on_its_own(lang: Lang) -> String {
    t(lang, T::WaitsOnItsOwn)
}

pub fn retyping_can_help(lang: Lang) -> String {
    t(lang, T::RetypingCanHelp)
}

pub fn only_support_can_fix(lang: Lang) -> String {
    t(lang, T::OnlySupportCanFix)
}

pub fn sign_in_to_get_manifest(lang: Lang) -> String {
    t(lang, T::SignInToGetManifest)
}

/// "Your manifest saved at 07:42 and your 3 marks not sent yet stay on this
/// phone."
pub fn saved_stays(lang: Lang, s: &SavedContext) -> String {
    let saved = &saved_manifest_words(lang, s);
    match s.unsent_marks {
        0 => F::SavedStays { saved }.fill(lang),
        n => F::SavedAndMarksStay {
            saved,
            marks: &marks(lang, n),
        }
        .fill(lang),
    }
}

// ------------------------------------------------------------ what to do

pub fn step_keep_delivering(lang: Lang) -> String {
    t(lang, T::StepKeepDelivering)
}

pub fn step_mark_as_you_go(lang: Lang, when: SentWhen) -> String {
    F::StepMarkAsYouGo {
        when: &when.text(lang),
    }
    .fill(lang)
}

pub fn step_leave_open(lang: Lang) -> String {
    t(lang, T::StepLeaveOpen)
}

pub fn step_find_signal(lang: Lang) -> String {
    t(lang, T::StepFindSignal)
}

pub fn step_wait(lang: Lang) -> String {
    t(lang, T::StepWait)
}

pub fn step_check_credentials(lang: Lang) -> String {
    t(lang, T::StepCheckCredentials)
}

pub fn step_check_capitals(lang: Lang) -> String {
    t(lang, T::StepCheckCapitals)
}

pub fn step_reset_link(lang: Lang, url: &str) -> String {
    F::StepResetLink { url: &url }.fill(lang)
}

pub fn step_sign_in_again(lang: Lang) -> String {
    t(lang, T::StepSignInAgain)
}

/// "call +1-555-0100, text +1-555-0101 or go to https://… (Every day, 06:00–22:00)",
/// or `None` when the operator configured no way to reach support.
fn support_means(lang: Lang, support: &Support) -> Option<String> {
    let mut ways: Vec<String> = Vec::new();
    let present = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(p) = present(support.phone.as_deref()) {
        ways.push(F::SupportCall { phone: &p }.fill(lang));
    }
    if let Some(s) = present(support.sms.as_deref()) {
        ways.push(F::SupportText { sms: &s }.fill(lang));
    }
    if let Some(u) = present(support.url.as_deref()) {
        ways.push(F::SupportGoTo { url: &u }.fill(lang));
    }
    let mut text = match ways.len() {
        0 => return None,
        1 => ways.remove(0),
        n => F::ListOr {
            list: &ways[..n - 1].join(T::ListSep.text(lang)),
            last: &ways[n - 1],
        }
        .fill(lang),
    };
    if let Some(h) = present(support.hours_in(lang)) {
        text.push_str(&format!(" ({h})"));
    }
    Some(text)
}

fn give_code(lang: Lang, code: Option<&str>) -> String {
    code.map_or(String::new(), |c| {
        format!(" {}", F::GiveCode { code: &c }.fill(lang))
    })
}

/// The step that sends the driver to a person, with the code to quote.
pub fn step_contact_support(lang: Lang, support: &Support, code: Option<&str>) -> String {
    let reach = match support_means(lang, support) {
        Some(means) => F::StepContactSupport { means: &means }.fill(lang),
        None => t(lang, T::StepContactSupportNone),
    };
    format!("{reach}{}", give_code(lang, code))
}

/// The optional "if you need help" step for outages, when the driver can
/// carry on alone. `None` when no support contact is configured.
pub fn step_help_if_needed(lang: Lang, support: &Support, code: Option<&str>) -> Option<String> {
    support_means(lang, support).map(|m| {
        format!(
            "{}{}",
            F::StepHelpIfNeeded { means: &m }.fill(lang),
            give_code(lang, code)
        )
    })
}

pub fn step_ask_for_manifest(lang: Lang, support: &Support) -> String {
    let base = t(lang, T::StepAskForManifest);
    match support_means(lang, support) {
        Some(m) => format!("{base} {}", F::DriverSupportMeans { means: &m }.fill(lang)),
        None => base,
    }
}

pub fn step_fleet_leave_open(lang: Lang) -> String {
    t(lang, T::StepFleetLeaveOpen)
}

// ---------------------------------------------------------------- don'ts

/// One "don't", with the reason (a rule without a reason gets ignored).
pub fn dont_reset_password(lang: Lang) -> (String, String) {
    (
        t(lang, T::DontResetPassword),
        t(lang, T::DontResetPasswordWhy),
    )
}

pub fn dont_reinstall(lang: Lang, saved: Option<&SavedContext>) -> (String, String) {
    let unsent = saved.map_or(0, |s| s.unsent_marks);
    let loss = match (saved.is_some(), unsent) {
        (true, 0) => t(lang, T::LossManifest),
        (true, n) => F::LossManifestAndMarks {
            marks: &marks(lang, n),
        }
        .fill(lang),
        (false, _) => t(lang, T::LossAnything),
    };
    (
        t(lang, T::DontReinstall),
        F::DontReinstallWhy { loss: &loss }.fill(lang),
    )
}

pub fn dont_sign_in_repeatedly(lang: Lang) -> (String, String) {
    (
        t(lang, T::DontSignInRepeatedly),
        t(lang, T::DontSignInRepeatedlyWhy),
    )
}

pub fn dont_sign_out(lang: Lang, offline: bool) -> (String, String) {
    let why = if offline {
        T::DontSignOutWhyOffline
    } else {
        T::DontSignOutWhyOnline
    };
    (t(lang, T::DontSignOut), t(lang, why))
}

pub fn dont_keep_refreshing(lang: Lang) -> (String, String) {
    (
        t(lang, T::DontKeepRefreshing),
        t(lang, T::DontKeepRefreshingWhy),
    )
}

pub fn dont_keep_guessing(lang: Lang) -> (String, String) {
    (
        t(lang, T::DontKeepGuessing),
        t(lang, T::DontKeepGuessingWhy),
    )
}

pub fn dont_new_account(lang: Lang) -> (String, String) {
    (t(lang, T::DontNewAccount), t(lang, T::DontNewAccountWhy))
}

// --------------------------------------------------------------- banners

/// The first half of a banner: which job did not get done.
fn banner_subject(op: Operation) -> T {
    match op {
        Operation::SignIn => T::BannerSignIn,
        Operation::ManifestRefresh => T::BannerRefresh,
        Operation::EventSync => T::BannerSync,
        Operation::FleetLoad => T::BannerFleet,
        Operation::StatusPage => T::BannerStatus,
    }
}

/// The second half: why, in a few words.
fn banner_reason(kind: FailureKind, session_expired: bool) -> T {
    match kind {
        FailureKind::Offline => T::ReasonOffline,
        FailureKind::Unreachable
        | FailureKind::PlatformError
        | FailureKind::PlatformUnavailable => T::ReasonUnreachable,
        FailureKind::Timeout => T::ReasonTimeout,
        FailureKind::WrongCredentials if session_expired => T::ReasonSignInAgain,
        FailureKind::WrongCredentials => T::ReasonWrongCredentials,
        FailureKind::AccountProblem => T::ReasonAccountProblem,
        FailureKind::AccountLocked => T::ReasonLocked,
        FailureKind::TooManyAttempts => T::ReasonTooMany,
        FailureKind::UnexpectedResponse => T::ReasonUnreadable,
    }
}

/// "Marks not sent yet: no connection on this phone. They are kept on this
/// phone." One line for compact banners.
pub fn banner(lang: Lang, op: Operation, kind: FailureKind, session_expired: bool) -> String {
    let mut text = F::Banner {
        subject: &banner_subject(op).text(lang),
        reason: &banner_reason(kind, session_expired).text(lang),
    }
    .fill(lang);
    if op == Operation::EventSync {
        text.push(' ');
        text.push_str(T::BannerKeptOnPhone.text(lang));
    } else if kind.is_outage() || kind == FailureKind::TooManyAttempts {
        text.push(' ');
        text.push_str(T::BannerKeepsTrying.text(lang));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(packages: usize, unsent: usize) -> SavedContext {
        SavedContext {
            place: SavedPlace::Below,
            saved_at_time: "07:42".into(),
            packages,
            unsent_marks: unsent,
        }
    }

    #[test]
    fn away_from_the_manifest_the_sentence_does_not_say_below() {
        let s = SavedContext {
            place: SavedPlace::ManifestScreen,
            ..saved(38, 3)
        };
        for lang in Lang::ALL {
            let text = saved_manifest(lang, &s, SentWhen::SystemBack);
            assert!(!text.contains("below") && !text.contains("abajo"), "{text}");
        }
        assert_eq!(
            saved_manifest(Lang::En, &s, SentWhen::SystemBack),
            "Your manifest saved at 07:42 (38 packages) is on the Manifest screen and your 3 \
             unsent marks are kept on this phone; they will be sent when the system is back."
        );
    }

    #[test]
    fn saved_manifest_sentence_reads_naturally() {
        assert_eq!(
            saved_manifest(Lang::En, &saved(0, 0), SentWhen::SystemBack),
            "Your manifest saved at 07:42 is below and any marks you make are kept on \
             this phone; they will be sent when the system is back."
        );
        assert_eq!(
            saved_manifest(Lang::En, &saved(38, 3), SentWhen::PhoneOnline),
            "Your manifest saved at 07:42 (38 packages) is below and your 3 unsent marks \
             are kept on this phone; they will be sent when the phone is back online."
        );
        assert!(
            saved_manifest(Lang::En, &saved(1, 1), SentWhen::SignedInAgain)
                .contains("(1 package) is below and your 1 unsent mark is kept")
        );
    }

    #[test]
    fn reinstall_warning_names_what_would_be_lost() {
        assert_eq!(
            dont_reinstall(Lang::En, Some(&saved(38, 5))).1,
            "It won't fix this, and you would lose the saved manifest and the 5 marks not sent yet."
        );
        assert_eq!(
            dont_reinstall(Lang::En, Some(&saved(38, 1))).1,
            "It won't fix this, and you would lose the saved manifest and the 1 mark not sent yet."
        );
        assert!(dont_reinstall(Lang::En, Some(&saved(38, 0)))
            .1
            .ends_with("the saved manifest."));
        assert!(dont_reinstall(Lang::En, None).1.contains("anything saved"));
    }

    #[test]
    fn support_contact_lists_what_is_configured() {
        let full = Support {
            phone: Some("+1-555-0100".into()),
            sms: Some("+1-555-0101".into()),
            url: Some("https://support.example.com".into()),
            hours: Some("Every day, 06:00–22:00".into()),
            password_reset_url: None,
            hours_translations: [("es".to_string(), "Todos los días, 06:00–22:00".to_string())]
                .into(),
        };
        assert_eq!(
            step_contact_support(Lang::Es, &full, None),
            "Contacte con el soporte a conductores: llame al +1-555-0100, envíe un SMS al \
             +1-555-0101 o visite https://support.example.com (Todos los días, 06:00–22:00)."
        );
        assert_eq!(
            step_contact_support(Lang::En, &full, Some("04-001")),
            "Contact driver support: call +1-555-0100, text +1-555-0101 or go to \
             https://support.example.com (Every day, 06:00–22:00). Give them the code 04-001."
        );
        let phone_only = Support {
            phone: Some("+1-555-0100".into()),
            sms: Some("  ".into()),
            ..Support::default()
        };
        assert_eq!(
            step_contact_support(Lang::En, &phone_only, None),
            "Contact driver support: call +1-555-0100."
        );
        assert_eq!(
            step_contact_support(Lang::En, &Support::default(), None),
            "Contact driver support or your dispatcher."
        );
        assert_eq!(
            step_help_if_needed(Lang::En, &Support::default(), None),
            None
        );
    }

    #[test]
    fn spanish_sentences_are_assembled_whole() {
        assert_eq!(
            saved_manifest(Lang::Es, &saved(38, 3), SentWhen::SystemBack),
            "Su manifiesto guardado a las 07:42 (38 paquetes) está abajo y sus 3 marcas sin \
             enviar se guardan en este teléfono; se enviarán cuando el sistema vuelva."
        );
        assert_eq!(
            banner(Lang::Es, Operation::EventSync, FailureKind::Offline, false),
            "Marcas aún sin enviar: este teléfono no tiene conexión. Se guardan en este teléfono."
        );
        assert_eq!(
            saved_stays(Lang::En, &saved(38, 0)),
            "Your manifest saved at 07:42 (38 packages) stays on this phone."
        );
        assert_eq!(
            saved_stays(Lang::Es, &saved(1, 2)),
            "Su manifiesto guardado a las 07:42 (1 paquete) y sus 2 marcas sin enviar se quedan en este teléfono."
        );
    }

    #[test]
    fn banners_are_one_line_and_name_the_job() {
        let b = banner(Lang::En, Operation::EventSync, FailureKind::Offline, false);
        assert_eq!(
            b,
            "Marks not sent yet: no connection on this phone. They are kept on this phone."
        );
        let b = banner(
            Lang::En,
            Operation::ManifestRefresh,
            FailureKind::PlatformUnavailable,
            false,
        );
        assert_eq!(
            b,
            "Manifest not updated: the company's system can't be reached. Roadbook keeps trying."
        );
        let b = banner(
            Lang::En,
            Operation::FleetLoad,
            FailureKind::WrongCredentials,
            true,
        );
        assert_eq!(b, "Fleet view not updated: please sign in again.");
    }

    #[test]
    fn no_text_uses_jargon_or_blame() {
        let kinds = FailureKind::ALL;
        let ops = Operation::ALL;
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
        // The same rule in Spanish: no "error", "servidor", "fallo"...
        let banned_es = [
            "error", "http", "servidor", "api", "json", "token", "inválid", "fallo", "falló",
            "culpa", "503", "401",
        ];
        for (lang, banned) in [(Lang::En, &banned[..]), (Lang::Es, &banned_es[..])] {
            for k in kinds {
                for expired in [false, true] {
                    let mut texts = vec![title(lang, k, expired), what_happened(lang, k, expired)];
                    texts.extend(ops.iter().map(|&op| banner(lang, op, k, expired)));
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
}
