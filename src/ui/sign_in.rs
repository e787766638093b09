//! The sign-in screen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::app::EnvSignal;
use super::guidance_panel::GuidancePanel;
use crate::backend::demo::server::{DISPATCHER_LOGIN, DRIVER_LOGIN};
use crate::model::outage::Failure;
use crate::model::session::Credentials;
use crate::platform::durability::request_persistence;
use crate::state::session::SessionState;

#[component]
pub fn SignIn() -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let session = expect_context::<SessionState>();
    let navigate = use_navigate();

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let note = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
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
            note.set(Some("Enter your username and password.".into()));
            return;
        }
        busy.set(true);
        note.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match env.api.sign_in(&credentials).await {
                Ok(s) => {
                    failure.set(None);
                    if let Err(e) = session.signed_in(s) {
                        note.set(Some(format!(
                            "Signed in, but this browser will not remember you ({e})."
                        )));
                    }
                    password.set(String::new());
                    // Ask the browser not to evict the saved manifest; the
                    // answer is shown in Settings.
                    spawn_local(async {
                        request_persistence().await;
                    });
                    navigate("/", Default::default());
                }
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };

    let is_demo = move || env.with(|e| e.as_ref().is_some_and(|e| e.api.is_demo()));
    let ready = move || env.with(Option::is_some);

    view! {
        <section class="sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">"Sign in"</h1>
            {move || failure.get().map(|f| view! { <GuidancePanel failure=f /> })}
            <form on:submit=submit novalidate>
                <label for="username">"Username"</label>
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
                <label for="password">"Password"</label>
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
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
            <Show when=is_demo>
                <aside class="demo-accounts" aria-label="Demo accounts">
                    <p>"Demo mode — no real data. Accounts:"</p>
                    <ul>
                        <li>"Driver: " <code>{DRIVER_LOGIN.0}</code> " / " <code>{DRIVER_LOGIN.1}</code></li>
                        <li>"Dispatcher: " <code>{DISPATCHER_LOGIN.0}</code> " / " <code>{DISPATCHER_LOGIN.1}</code></li>
                    </ul>
                </aside>
            </Show>
        </section>
    }
}
