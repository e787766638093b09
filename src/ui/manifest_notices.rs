//! Notices at the top of the manifest about where it stands: signed out
//! (with what is kept), and a manifest from the system that was not used.

use leptos::prelude::*;

use super::screen_link::ScreenLink;
use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::model::i18n::{around_mark, MARK};
use crate::model::screen::Screen;
use crate::state::locale::use_locale;
use crate::state::routebook::{Refresh, RouteBook};
use crate::state::session::{SessionEnd, SessionState};

/// "You are signed out…", with a link to sign in and the marks kept
/// meanwhile. Shown when someone was signed in on this phone and is not.
#[component]
pub fn SignedOutNotice() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let session = expect_context::<SessionState>();
    let l = use_locale();
    // Not "your saved manifest is below" when none is (its retention ran
    // out, or it was never downloaded).
    let sentence = move || {
        let link = &MARK;
        let (before, after) = around_mark(&l.f(
            match (book.saved.with(Option::is_some), session.ended.get()) {
                (true, Some(SessionEnd::Expired)) => F::SessionEnded { link },
                (true, _) => F::SignedOutNotice { link },
                (false, _) => F::SignedOutNothingSaved { link },
            },
        ));
        view! { {before}<ScreenLink screen=Screen::SignIn>{l.t(T::SignInLink)}</ScreenLink>{after} }
    };
    let unsent = move || match book.marks.with(|m| m.unsent()) {
        0 => None,
        n => Some(format!(" {}", l.f(F::UnsentKept { n: &n }))),
    };
    view! {
        <Show when=move || !session.has_token() && session.user.with(Option::is_some)>
            <p class="notice">{sentence}{unsent}</p>
        </Show>
    }
}

/// The manifest the system sent was not used: why, and what is kept.
#[component]
pub fn RefreshRejectedNotice() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    move || match book.refresh.get() {
        Refresh::Rejected(why) => {
            let saved = book.saved.with(Option::is_some);
            let reasons = why.reasons(l.lang());
            Some(view! {
                <div class="notice warn refresh-rejected" role="status">
                    <p>{why.headline(l.lang(), saved)}</p>
                    {(!reasons.is_empty()).then(|| view! {
                        <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    })}
                </div>
            })
        }
        _ => None,
    }
}
