//! Settings and about: whether the browser will keep Roadbook's data, how
//! much it uses, marks that are stuck, and signing out safely.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::kept_on_phone::UnreadableMarksCard;
use super::language_picker::LanguagePicker;
use crate::model::event::EventKind;
use crate::model::i18n::catalogues::{SettingsFill as F, SettingsText as T};
use crate::model::i18n::Text;
use crate::platform::intl;
use crate::state::locale::use_locale;

use crate::model::screen::Screen;
use crate::platform::durability::{estimate, persistence, request_persistence, Persistence};
use crate::state::navigation::Navigation;
use crate::state::routebook::RouteBook;
use crate::state::session::SessionState;
use crate::state::sign_out::sign_out_here;

use super::app::EnvSignal;
use crate::state::sign_in::SignInAttempt;

#[component]
pub fn SettingsScreen() -> impl IntoView {
    let l = use_locale();
    view! {
        <section class="settings" aria-labelledby="settings-title">
            <h1 id="settings-title">{l.t(T::Title)}</h1>
            <section class="card" aria-labelledby="language-title">
                <h2 id="language-title">{l.t(T::LanguageTitle)}</h2>
                <LanguagePicker />
            </section>
            <StorageInfo />
            <MarkPosition />
            <StuckMarks />
            <SignOut />
        </section>
    }
}

fn persistence_text(p: Persistence) -> T {
    match p {
        Persistence::Persistent => T::Persistent,
        Persistence::BestEffort => T::BestEffort,
        Persistence::Unsupported => T::Unsupported,
    }
}

#[component]
fn StorageInfo() -> impl IntoView {
    let l = use_locale();
    let kept = RwSignal::new(None::<Persistence>);
    let usage = RwSignal::new(None::<(f64, f64)>);
    spawn_local(async move {
        kept.set(Some(persistence().await));
        usage.set(estimate().await);
    });
    let ask = move |_| {
        spawn_local(async move {
            kept.set(Some(request_persistence().await));
        });
    };
    view! {
        <section class="card" aria-labelledby="storage-title">
            <h2 id="storage-title">{l.t(T::StorageTitle)}</h2>
            <p class="persist-state">{move || l.t(kept.get().map(persistence_text).unwrap_or(T::Checking))}</p>
            <Show when=move || kept.get() == Some(Persistence::BestEffort)>
                <button type="button" class="secondary" on:click=ask>{l.t(T::AskToKeep)}</button>
            </Show>
            <p class="usage">
                {move || usage.get().map(|(used, quota)| l.f(F::Usage { used: &intl::one_decimal(l.lang(), used / 1_048_576.0), quota: &intl::integer(l.lang(), quota / 1_048_576.0) }))}
            </p>
        </section>
    }
}

/// Whether marks store the phone's position: said plainly, and the
/// driver's to turn off (remembered on this phone).
#[component]
fn MarkPosition() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    view! {
        <section class="card" aria-labelledby="position-title">
            <h2 id="position-title">{l.t(T::PositionTitle)}</h2>
            <p>{l.t(T::PositionExplain)}</p>
            <label class="check">
                <input type="checkbox" name="mark-position" prop:checked=move || book.record_position.get()
                    on:change=move |ev| book.set_record_position(event_target_checked(&ev)) />
                {l.t(T::PositionToggle)}
            </label>
            <Show when=move || !book.record_position.get()>
                <p class="hint">{l.t(T::PositionOff)}</p>
            </Show>
        </section>
    }
}

/// Marks the server has refused or that failed many times, with the reason.
#[component]
fn StuckMarks() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let stuck = move || {
        book.marks.with(|m| {
            m.outbox
                .stuck(3)
                .into_iter()
                .map(|p| {
                    (
                        p.event.package_id.clone(),
                        kind_word(&p.event.kind).text(l.lang()),
                        p.attempts,
                        p.last_error.clone().unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="unsent-title">
            <h2 id="unsent-title">{l.t(T::UnsentTitle)}</h2>
            <p>{move || l.f(F::UnsentCount { n: &book.marks.with(|m| m.unsent()).to_string() })}</p>
            <ul class="stuck">
                {move || stuck().into_iter().map(|(pkg, kind, tries, why)| view! {
                    <li>{l.f(F::Stuck { package: &pkg, kind: &kind, tries: &tries, why: &why })}</li>
                }).collect_view()}
            </ul>
            <UnreadableMarksCard />
        </section>
    }
}

/// Sign-out wipes everything personal on this phone. With unsent marks it
/// asks first and says how many would be lost; with a copy of unreadable
/// marks it offers the download first.
#[component]
fn SignOut() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let session = expect_context::<SessionState>();
    let l = use_locale();
    let nav = expect_context::<Navigation>();
    let sign_in = expect_context::<SignInAttempt>();
    let confirming = RwSignal::new(false);
    let unsent = move || book.marks.with(|m| m.unsent());
    let unreadable = move || book.unreadable.with(Option::is_some);
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let sign_out = move || {
        let api = env.with_untracked(|e| e.as_ref().map(|e| e.api.clone()));
        sign_out_here(session, book, api);
        sign_in.clear();
        confirming.set(false);
        nav.go(Screen::Home);
    };
    view! {
        <section class="card" aria-labelledby="sign-out-title">
            <h2 id="sign-out-title">{l.t(T::SignOutTitle)}</h2>
            <p>{l.t(T::SignOutWarning)}</p>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button type="button" class="secondary" on:click=move |_| {
                            if unsent() > 0 || unreadable() { confirming.set(true) } else { sign_out() }
                        }>{l.t(T::SignOut)}</button>
                    }
                }
            >
                {
                    view! {
                        <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                            <p id="confirm-text" class="warn-text">
                                {move || {
                                    let n = unsent();
                                    let loss = (n > 0).then(|| l.f(F::ConfirmLoss { n: &n }));
                                    let copy = unreadable().then(|| l.t(T::UnreadableBeforeSignOut).to_string());
                                    [loss, copy].into_iter().flatten().collect::<Vec<_>>().join(" ")
                                }}
                            </p>
                            <UnreadableMarksCard />
                            <div class="row">
                                <button type="button" class="primary" on:click=move |_| confirming.set(false)>{l.t(T::KeepThem)}</button>
                                <button type="button" class="secondary danger" on:click=move |_| sign_out()>{l.t(T::SignOutAndDelete)}</button>
                            </div>
                        </div>
                    }
                }
            </Show>
        </section>
    }
}

/// What a stuck mark was, in words.
fn kind_word(kind: &EventKind) -> T {
    match kind {
        EventKind::Attempted => T::KindAttempted,
        EventKind::Undo => T::KindUndo,
        EventKind::Delivered | EventKind::Unknown(_) => T::KindDelivered,
    }
}
