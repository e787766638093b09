//! The sign-in screen: the form, and the guidance when signing in fails.
//! The attempt itself (and its automatic retries) lives in
//! [`SignInAttempt`], so leaving this screen does not stop it.

use leptos::prelude::*;

use super::app::EnvSignal;
use super::guidance_panel::GuidancePanel;
use super::kept_on_phone::KeptOnPhone;
use super::language_picker::LanguagePicker;
use crate::backend::demo::server::{DISPATCHER_LOGIN, DRIVER_LOGIN};
use crate::model::i18n::catalogues::{SignInFill as F, SignInText as T};
use crate::model::outage::SavedPlace;
use crate::state::locale::use_locale;
use crate::state::session::{SessionEnd, SessionState};
use crate::state::sign_in::{FormNote, SignInAttempt};

#[component]
pub fn SignIn() -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let attempt = expect_context::<SignInAttempt>();
    let session = expect_context::<SessionState>();
    let l = use_locale();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempt.submit();
    };
    let retry = attempt.plan();
    let try_now = Callback::new(move |_| attempt.try_now());
    let is_demo = move || env.with(|e| e.as_ref().is_some_and(|e| e.api.is_demo()));
    let ready = move || env.with(Option::is_some);
    let busy = attempt.busy;

    view! {
        <section class="sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{l.t(T::Title)}</h1>
            <KeptOnPhone />
            {move || (session.ended.get() == Some(SessionEnd::SignedOutElsewhere))
                .then(|| view! { <p class="notice" role="status">{l.t(T::SignedOutElsewhere)}</p> })}
            // The saved manifest is not on this screen: the guidance says
            // where it is instead of "below".
            {move || attempt.failure.get().map(|f| view! {
                <GuidancePanel failure=f retry try_now place=SavedPlace::ManifestScreen />
            })}
            <form on:submit=submit novalidate>
                <label for="username">{l.t(T::Username)}</label>
                <input id="username" name="username" type="text" autocomplete="username"
                    autocapitalize="none" spellcheck="false" required
                    prop:value=move || attempt.username.get()
                    on:input=move |ev| attempt.username.set(event_target_value(&ev)) />
                <label for="password">{l.t(T::Password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password"
                    required
                    prop:value=move || attempt.password.get()
                    on:input=move |ev| attempt.password.set(event_target_value(&ev)) />
                {move || attempt.note.get().map(|n| {
                    let text = match n {
                        FormNote::EnterBoth => l.t(T::EnterBoth).to_string(),
                        FormNote::NotRemembered(e) => l.f(F::NotRemembered { detail: &e.to_string() }),
                    };
                    view! { <p class="form-note" role="alert">{text}</p> }
                })}
                <button type="submit" class="primary" disabled=move || busy.get() || !ready()>
                    // Until the config has loaded the form cannot be sent:
                    // it says so, and what is typed stays.
                    {move || l.t(if !ready() { T::Starting } else if busy.get() { T::Busy } else { T::Submit })}
                </button>
            </form>
            // Before the demo accounts: those appear when the config has
            // loaded, and nothing above them should move then.
            <LanguagePicker />
            <Show when=is_demo>
                <aside class="demo-accounts" aria-label=l.t(T::DemoAccounts)>
                    <p>{l.t(T::DemoIntro)}</p>
                    <ul>
                        <li>{l.t(T::DemoDriver)} " " <code>{DRIVER_LOGIN.0}</code> " / " <code>{DRIVER_LOGIN.1}</code></li>
                        <li>{l.t(T::DemoDispatcher)} " " <code>{DISPATCHER_LOGIN.0}</code> " / " <code>{DISPATCHER_LOGIN.1}</code></li>
                    </ul>
                </aside>
            </Show>
        </section>
    }
}
