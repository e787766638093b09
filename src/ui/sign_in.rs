//! The sign-in screen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::platform::location::app_path;

use super::app::EnvSignal;
use super::guidance_panel::GuidancePanel;
use super::kept_on_phone::KeptOnPhone;
use super::language_picker::LanguagePicker;
use crate::backend::demo::server::{DISPATCHER_LOGIN, DRIVER_LOGIN};
use crate::model::i18n::catalogues::SignInText as T;
use crate::model::outage::{effective_failure, next_retry, Failure, FailureKind, RetryPlan};
use crate::model::session::Credentials;
use crate::platform::clock::now_ms;
use crate::platform::durability::request_persistence;
use crate::state::locale::use_locale;
use crate::state::session::{SessionEnd, SessionState};
use crate::state::upkeep::Connectivity;

#[component]
pub fn SignIn() -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let session = expect_context::<SessionState>();
    let navigate = use_navigate();
    let l = use_locale();

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let note = RwSignal::new(None::<String>);
    let retry = RwSignal::new(None::<RetryPlan>);
    let attempt = StoredValue::new(0u32);
    let wrong_401s = StoredValue::new(0u32);

    // One sign-in attempt with what is in the form; on failure, plan the
    // next automatic one (never for a wrong password or an account problem).
    let attempt_sign_in = move || {
        let Some(env) = env.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let credentials = Credentials {
            username: username.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        if credentials.username.is_empty() || credentials.password.is_empty() {
            retry.set(None);
            note.set(Some(l.t(T::EnterBoth).to_string()));
            return;
        }
        busy.set(true);
        note.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match env.api.sign_in(&credentials).await {
                Ok(s) => {
                    failure.set(None);
                    retry.set(None);
                    if let Err(e) = session.signed_in(s) {
                        note.set(Some(l.f(T::NotRemembered, &[("detail", &e.to_string())])));
                    }
                    password.set(String::new());
                    // Ask the browser not to evict the saved manifest; the
                    // answer is shown in Settings.
                    spawn_local(async {
                        request_persistence().await;
                    });
                    navigate(&app_path(""), Default::default());
                }
                Err(f) => {
                    let f = effective_failure(&f, &env.config);
                    if f.kind == FailureKind::WrongCredentials {
                        wrong_401s.update_value(|n| *n += 1);
                    } else {
                        wrong_401s.set_value(0);
                    }
                    let n = attempt.get_value();
                    attempt.set_value(n.saturating_add(1));
                    retry.set(Some(next_retry(
                        &f,
                        n,
                        js_sys::Math::random(),
                        now_ms(),
                        wrong_401s.get_value(),
                    )));
                    failure.set(Some(f));
                }
            }
            busy.set(false);
        });
    };

    let submit = {
        let attempt_sign_in = attempt_sign_in.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            attempt.set_value(0);
            attempt_sign_in();
        }
    };

    // The automatic retry: checks once a second whether it is due.
    let connectivity = expect_context::<Connectivity>();
    let auto = attempt_sign_in.clone();
    Effect::new(move |_| {
        connectivity.tick.track();
        let due = match retry.get() {
            Some(RetryPlan::At(at)) => now_ms() >= at,
            Some(RetryPlan::WhenOnline) => connectivity.online.get(),
            _ => false,
        };
        if due && !busy.get_untracked() && failure.with_untracked(Option::is_some) {
            retry.set(None);
            auto();
        }
    });
    let try_now = Callback::new(move |_| {
        retry.set(None);
        attempt_sign_in();
    });

    let retry_signal: Signal<Option<RetryPlan>> = retry.into();
    let is_demo = move || env.with(|e| e.as_ref().is_some_and(|e| e.api.is_demo()));
    let ready = move || env.with(Option::is_some);

    view! {
        <section class="sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{l.t(T::Title)}</h1>
            <KeptOnPhone />
            {move || (session.ended.get() == Some(SessionEnd::SignedOutElsewhere))
                .then(|| view! { <p class="notice" role="status">{l.t(T::SignedOutElsewhere)}</p> })}
            {move || failure.get().map(|f| view! { <GuidancePanel failure=f retry=retry_signal try_now=try_now /> })}
            <form on:submit=submit novalidate>
                <label for="username">{l.t(T::Username)}</label>
                <input
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
                <label for="password">{l.t(T::Password)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
                {move || note.get().map(|n| view! { <p class="form-note" role="alert">{n}</p> })}
                <button type="submit" class="primary" disabled=move || busy.get() || !ready()>
                    {move || l.t(if busy.get() { T::Busy } else { T::Submit })}
                </button>
            </form>
            <Show when=is_demo>
                <aside class="demo-accounts" aria-label=l.t(T::DemoAccounts)>
                    <p>{l.t(T::DemoIntro)}</p>
                    <ul>
                        <li>{l.t(T::DemoDriver)} " " <code>{DRIVER_LOGIN.0}</code> " / " <code>{DRIVER_LOGIN.1}</code></li>
                        <li>{l.t(T::DemoDispatcher)} " " <code>{DISPATCHER_LOGIN.0}</code> " / " <code>{DISPATCHER_LOGIN.1}</code></li>
                    </ul>
                </aside>
            </Show>
            <LanguagePicker />
        </section>
    }
}
