//! Settings and about: whether the browser will keep Roadbook's data, how
//! much it uses, marks that are stuck, and signing out safely.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::platform::location::app_path;

use crate::platform::durability::{estimate, persistence, request_persistence, Persistence};
use crate::state::routebook::RouteBook;
use crate::state::session::SessionState;

#[component]
pub fn SettingsScreen() -> impl IntoView {
    view! {
        <section class="settings" aria-labelledby="settings-title">
            <h1 id="settings-title">"Settings"</h1>
            <StorageInfo />
            <StuckMarks />
            <SignOut />
        </section>
    }
}

fn persistence_text(p: Persistence) -> &'static str {
    match p {
        Persistence::Persistent => {
            "Kept: the browser will not clear Roadbook's saved data on its own."
        }
        Persistence::BestEffort => {
            "Not guaranteed: the browser may clear saved data when the phone runs low on space. \
             Add Roadbook to your home screen to keep it safer."
        }
        Persistence::Unsupported => "This browser does not say whether it keeps saved data.",
    }
}

#[component]
fn StorageInfo() -> impl IntoView {
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
            <h2 id="storage-title">"Saved data on this phone"</h2>
            <p class="persist-state">{move || kept.get().map(persistence_text).unwrap_or("Checking…")}</p>
            <Show when=move || kept.get() == Some(Persistence::BestEffort)>
                <button type="button" class="secondary" on:click=ask>"Ask the browser to keep it"</button>
            </Show>
            <p class="usage">
                {move || usage.get().map(|(used, quota)| format!(
                    "Using {:.1} MB of {:.0} MB available.",
                    used / 1_048_576.0,
                    quota / 1_048_576.0
                ))}
            </p>
        </section>
    }
}

/// Marks the server has refused or that failed many times, with the reason.
#[component]
fn StuckMarks() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let stuck = move || {
        book.marks.with(|m| {
            m.outbox
                .stuck(3)
                .into_iter()
                .map(|p| {
                    (
                        p.event.package_id.clone(),
                        p.event.kind.as_str().to_string(),
                        p.attempts,
                        p.last_error.clone().unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="unsent-title">
            <h2 id="unsent-title">"Marks not sent yet"</h2>
            <p>{move || format!("{} mark(s) are saved on this phone and waiting to be sent.", book.marks.with(|m| m.unsent()))}</p>
            <ul class="stuck">
                {move || stuck().into_iter().map(|(pkg, kind, tries, why)| view! {
                    <li>{format!("{pkg}: {kind} — tried {tries} times. Last answer: {why}")}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Sign-out wipes this phone's copy. With unsent marks it asks first and
/// says how many would be lost.
#[component]
fn SignOut() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let session = expect_context::<SessionState>();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let unsent = move || book.marks.with(|m| m.unsent());
    let sign_out = move || {
        book.wipe();
        session.sign_out();
        confirming.set(false);
        navigate(&app_path(""), Default::default());
    };
    let sign_out2 = sign_out.clone();
    view! {
        <section class="card" aria-labelledby="sign-out-title">
            <h2 id="sign-out-title">"Sign out"</h2>
            <p>"Signing out deletes the saved manifest and your marks from this phone."</p>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    let sign_out = sign_out.clone();
                    view! {
                        <button type="button" class="secondary" on:click=move |_| {
                            if unsent() > 0 { confirming.set(true) } else { sign_out() }
                        }>"Sign out"</button>
                    }
                }
            >
                {
                    let sign_out = sign_out2.clone();
                    view! {
                        <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                            <p id="confirm-text" class="warn-text">
                                {move || format!(
                                    "{} mark(s) have not reached the company's system yet. Signing out now deletes them for good.",
                                    unsent()
                                )}
                            </p>
                            <div class="row">
                                <button type="button" class="primary" on:click=move |_| confirming.set(false)>"Keep them, stay signed in"</button>
                                <button type="button" class="secondary danger" on:click=move |_| sign_out()>"Sign out and delete them"</button>
                            </div>
                        </div>
                    }
                }
            </Show>
        </section>
    }
}
