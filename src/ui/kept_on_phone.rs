//! What stays on the phone when the rest is gone, said where the driver
//! is: marks not sent yet (kept until they are sent, also through the
//! retention purge), the purge itself, and the copy of marks that could not
//! be read, offered as a download for support before anything deletes it.

use leptos::prelude::*;

use super::app::EnvSignal;
use crate::model::i18n::catalogues::{HandoffFill, SettingsFill as F, SettingsText as T};
use crate::platform::clock::local_offset_min;
use crate::platform::files;
use crate::platform::intl;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;

/// The copy of unreadable marks, while there is one: what it is, when it
/// goes, and a button that downloads it.
#[component]
pub fn UnreadableMarksCard() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let l = use_locale();
    let saved_as = RwSignal::new(None::<Result<String, String>>);
    let download = move |_| {
        let Some(copy) = book.unreadable.get_untracked() else {
            return;
        };
        let name = copy.file_name(local_offset_min());
        let outcome = files::download(&name, "text/plain;charset=utf-8", &copy.export_text());
        saved_as.set(Some(outcome.map(|()| name)));
    };
    move || {
        let copy = book.unreadable.get()?;
        let until = env
            .with(|e| e.as_ref().map(|e| e.config.retention_hours_after_block))
            .map(|h| {
                let at = copy.set_aside_ms + i64::from(h) * 3_600_000;
                let offset = local_offset_min();
                intl::date_time(l.lang(), at, offset)
            });
        Some(view! {
            <div class="notice warn unreadable-marks" role="status">
                <p>{l.t(T::UnreadableKept)} " "
                    {match until {
                        Some(when) => l.f(F::UnreadableGoes { when: &when }),
                        None => l.t(T::UnreadableGoesAtSignOut).to_string(),
                    }}
                </p>
                <button type="button" class="secondary" data-export="unreadable-marks" on:click=download>
                    {l.t(T::UnreadableDownload)}
                </button>
                {move || saved_as.get().map(|r| match r {
                    Ok(name) => view! { <p class="export-note">{l.f(HandoffFill::SavedFile { name: &name })}</p> }.into_any(),
                    Err(why) => view! { <p class="export-note warn-text">{l.f(F::UnreadableNotSaved { detail: &why })}</p> }.into_any(),
                })}
            </div>
        })
    }
}

/// Over the sign-in screen: what the phone still holds for the driver
/// after a retention purge or a sign-out elsewhere.
#[component]
pub fn KeptOnPhone() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let l = use_locale();
    let notices = move || {
        let mut out = Vec::new();
        if book.purged.get() {
            let hours = env.with(|e| {
                e.as_ref()
                    .map_or(0, |e| e.config.retention_hours_after_block)
            });
            out.push(("notice purged", l.f(F::RetentionPurged { hours: &hours })));
        }
        let unsent = book.marks.with(|m| m.unsent());
        if unsent > 0 {
            out.push(("notice unsent-kept", l.f(F::UnsentKept { n: &unsent })));
        }
        out.into_iter()
            .map(|(class, text)| view! { <p class=class role="status">{text}</p> })
            .collect_view()
    };
    view! {
        {notices}
        <UnreadableMarksCard />
    }
}
