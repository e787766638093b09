//! One stop and its packages, with the delivery actions.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::long_text::long_text;
use crate::model::event::AttemptReason;
use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::model::i18n::{Lang, Text};
use crate::model::manifest::{Package, PackageStatus, Stop};
use crate::model::progress::status_of;
use crate::model::route::window_state;
use crate::model::route_view::window_words;
use crate::model::search::StatusFilter;
use crate::platform::intl;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;

/// Words for a status, as the driver reads them.
pub fn status_label(lang: Lang, s: &PackageStatus) -> &'static str {
    match s {
        PackageStatus::Pending => T::StatusPending,
        PackageStatus::Delivered => T::StatusDelivered,
        PackageStatus::Attempted => T::StatusAttempted,
        PackageStatus::Returned => T::StatusReturned,
        PackageStatus::Unknown(_) => T::StatusUnknown,
    }
    .text(lang)
}

pub fn reason_label(lang: Lang, r: &AttemptReason) -> &'static str {
    match r {
        AttemptReason::NoAccess => T::ReasonNoAccess,
        AttemptReason::RecipientUnavailable => T::ReasonRecipientUnavailable,
        AttemptReason::UnsafeLocation => T::ReasonUnsafeLocation,
        AttemptReason::Damaged => T::ReasonDamaged,
        AttemptReason::Other | AttemptReason::Unknown(_) => T::ReasonOther,
    }
    .text(lang)
}

/// The status filter's segment names.
pub fn filter_label(lang: Lang, f: StatusFilter) -> &'static str {
    match f {
        StatusFilter::All => T::FilterAll,
        StatusFilter::Remaining => T::FilterRemaining,
        StatusFilter::Delivered => T::FilterDelivered,
        StatusFilter::Attempted => T::FilterAttempted,
    }
    .text(lang)
}

/// "8:30 AM–10:30 AM" (or "8:30–10:30") in the block's own time.
pub fn window_text(lang: Lang, stop: &Stop) -> Option<String> {
    let w = stop.window.as_ref()?;
    intl::hours(lang, &w.start, &w.end)
}

/// One stop. `is_next` highlights the stop the driver goes to next; `now`
/// (the device clock, coarse) adds the window's state ("Closing soon");
/// `only` (a search) picks which of the stop's packages show, by position,
/// `None` for all of them.
///
/// `hit` marks a card among a search's results (the list hides the others).
///
/// `only` and `hit` are signals, not part of the card's identity, so a
/// keystroke that keeps a stop among the results keeps its card: package
/// rows that stop matching are hidden, not removed, and only a package that
/// matches for the first time gets a new row.
#[component]
pub fn StopCard(
    stop: Stop,
    #[prop(optional)] read_only: bool,
    #[prop(optional, into)] is_next: MaybeProp<bool>,
    #[prop(optional, into)] now: MaybeProp<i64>,
    #[prop(optional, into)] only: MaybeProp<Vec<usize>>,
    #[prop(optional, into)] hit: MaybeProp<bool>,
) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let is_next = move || is_next.get().unwrap_or(false);
    let window = stop.window.clone();
    let window_state = move || {
        let now = now.get()?;
        window_words(l.lang(), window_state(window.as_ref(), now))
    };
    let of_packages = stop.packages.len();
    let packages = StoredValue::new(stop.packages.clone());
    // Which packages show, by position in the stop (all, without a search).
    let shown = Memo::new(move |_| match only.get() {
        Some(keep) => keep.into_iter().filter(|i| *i < of_packages).collect(),
        None => (0..of_packages).collect::<Vec<usize>>(),
    });
    // Rows once built stay, hidden while a search leaves them out: showing
    // them again (the search cleared or widened) costs an attribute, not a
    // rebuild.
    let built = Memo::new(move |prev: Option<&Vec<usize>>| {
        let mut rows = prev.cloned().unwrap_or_default();
        shown.with(|s| {
            for i in s {
                if !rows.contains(i) {
                    rows.push(*i);
                }
            }
        });
        rows.sort_unstable();
        rows
    });
    let pending_ids = move || {
        book.marked.with(|mk| {
            packages.with_value(|ps| {
                shown.with(|shown| {
                    shown
                        .iter()
                        .filter_map(|i| ps.get(*i))
                        .filter(|p| *status_of(p, mk) == PackageStatus::Pending)
                        .map(|p| p.id.clone())
                        .collect::<Vec<_>>()
                })
            })
        })
    };
    let done = Memo::new(move |_| pending_ids().is_empty());
    let done = move || done.get();
    let deliver_all = move |_| {
        for id in pending_ids() {
            book.mark_delivered(&id);
        }
    };
    let count = move || shown.with(Vec::len);
    let title_id = format!("stop-{}", stop.id);
    // Long free text shows shortened, with "Read all".
    let (line1, line1_more) = long_text(stop.address.line1.clone());
    let addr2 = stop.address.line2.clone().map(long_text);
    let (city, city_more) = long_text(format!("{} {}", stop.address.city, stop.address.postcode));
    let code = stop.access_code.clone().map(long_text);
    let notes = stop.notes.clone().map(long_text);
    view! {
        <article class="stop" class:hit=move || hit.get().unwrap_or(false) class:done=done class:next=is_next aria-labelledby=title_id.clone() data-stop=stop.id.clone()>
            <header class="stop-head">
                <span class="seq" aria-label=l.f(F::StopLabel { seq: &stop.seq })>{stop.seq}</span>
                <div class="addr">
                    // Shown by the card's `next` class (CSS): a `Show` per
                    // card cost every card a search builds a memo and an owner.
                    <p class="next-badge">{l.t(T::NextBadge)}</p>
                    <h2 id=title_id.clone()>{line1}</h2>
                    {line1_more}
                    {addr2.map(|(l, more)| view! { <p class="line2">{l}{more}</p> })}
                    <p class="city">{city}{city_more}</p>
                </div>
            </header>
            <div class="stop-info">
                {window_text(l.lang(), &stop).map(|w| view! { <p class="window">{l.t(T::Window)} " " <strong>{w}</strong></p> })}
                {move || (!done()).then(window_state.clone()).flatten().map(|(class, words)| view! {
                    <p class=format!("window-state {class}")>{words}</p>
                })}
                {code.map(|(c, more)| view! { <p class="access">{l.t(T::AccessCode)} " " <strong>{c}</strong>{more}</p> })}
                {notes.map(|(n, more)| view! { <p class="notes">{n}{more}</p> })}
            </div>
            {move || (count() < of_packages).then(|| view! {
                <p class="shown-of">{l.f(F::ShowingOf { shown: &count(), n: &of_packages })}</p>
            })}
            <ul class="packages">
                <For each=move || built.get() key=|i| *i children=move |i| {
                    let hidden = Signal::derive(move || !shown.with(|s| s.contains(&i)));
                    packages.with_value(|ps| ps.get(i).cloned()).map(|package| view! { <PackageRow package read_only hidden /> })
                } />
            </ul>
            {move || (count() > 1 && !read_only).then(|| view! {
                <button type="button" class="secondary all" on:click=deliver_all disabled=done>
                    {l.f(F::AllDelivered { n: &count() })}
                </button>
            })}
        </article>
    }
}

#[component]
fn PackageRow(
    package: Package,
    read_only: bool,
    #[prop(into)] hidden: Signal<bool>,
) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let id = package.id.clone();
    // One memo per row: a mark re-checks every row's status, but only the
    // row whose status changed updates its text, class and buttons (and the
    // marks have one subscriber per row, not three).
    let status = {
        let package = package.clone();
        let status = Memo::new(move |_| book.marked.with(|mk| status_of(&package, mk).clone()));
        move || status.get()
    };
    let choosing = RwSignal::new(false);
    let tracking = package.tracking.clone();
    let (head, last4) = tracking.split_at(tracking.len().saturating_sub(4));
    let (head, last4) = (head.to_string(), last4.to_string());
    let status_class = move || format!("status {}", status().as_str());
    let (recipient, recipient_more) = long_text(package.recipient.clone());
    let notes = package.notes.clone().map(long_text);
    let pending = move || status() == PackageStatus::Pending;
    // Marking hides the buttons; the list's `keep_package_focus` puts
    // keyboard focus back on this row. Cancelling an attempt marks nothing,
    // so it returns focus to the button that opened the form.
    let attempt = NodeRef::<leptos::html::Button>::new();
    let deliver = {
        let id = id.clone();
        move |_| book.mark_delivered(&id)
    };
    view! {
        <li class="package" hidden=move || hidden.get() tabindex="-1" data-package=package.id.clone() data-tracking=tracking.clone()>
            <div class="pkg-main">
                <p class="tracking"><span class="head">{head}</span><strong class="last4">{last4}</strong></p>
                <p class="recipient">{recipient}{recipient_more}</p>
                <p class="meta">
                    <span class="size">{l.f(F::Size { size: &package.size.as_str() })}</span>
                    {package.signature_required.then(|| view! { <span class="sig">{l.t(T::Signature)}</span> })}
                    {notes.map(|(n, more)| view! { <span class="pkg-notes">{n}{more}</span> })}
                </p>
            </div>
            <p class=status_class>{move || status_label(l.lang(), &status())}</p>
            {(!read_only).then(|| view! {
                <div class="actions" class:hidden=move || !pending()>
                    <button type="button" class="primary deliver" on:click=deliver
                        aria-label=l.f(F::DeliveredAria { tracking: &tracking })>{l.t(T::DeliveredButton)}</button>
                    <button type="button" class="secondary attempt" node_ref=attempt on:click=move |_| {
                            // Already open: setting it again would rebuild the form and lose its note.
                            if !choosing.get_untracked() {
                                choosing.set(true);
                            }
                        }
                        aria-expanded=move || choosing.get().to_string()>{l.t(T::AttemptedButton)}</button>
                </div>
                {move || (choosing.get() && pending()).then(|| view! {
                    <AttemptForm package_id=id.clone() close=move || {
                        choosing.set(false);
                        // Hidden after a saved attempt: focusing it does nothing.
                        if let Some(b) = attempt.get_untracked() {
                            let _ = b.focus();
                        }
                    } />
                })}
            })}
        </li>
    }
}

/// Keeps keyboard focus on a package whose buttons a mark just hid: its own
/// Delivered or attempt, a mark from another tab, or a sync. Without it
/// focus falls to the top of the page, and the next Tab starts over.
///
/// One watcher for the whole list, not an effect per row: that cost every
/// card a search builds an async task per package. Returns the `focusin`
/// handler for the list, which remembers the row focus was last in.
pub fn keep_package_focus(book: RouteBook) -> impl Fn(web_sys::FocusEvent) + Copy + 'static {
    let last = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move |prev: Option<()>| {
        book.marked.track();
        if prev.is_none() {
            return;
        }
        // After the marks are drawn, so the row's buttons are hidden.
        request_animation_frame(move || {
            let marked =
                |el: &web_sys::Element| el.closest(".actions.hidden").ok().flatten().is_some();
            let row = match document().active_element() {
                // Still on a button the mark hid (focus not yet moved off it).
                Some(a) if marked(&a) => a.closest("li.package").ok().flatten(),
                // Fallen to the page: back to the row it was in, if that
                // row's buttons are what went.
                None => last.try_get_value().flatten(),
                Some(a) if a.tag_name() == "BODY" => last.try_get_value().flatten(),
                Some(_) => None,
            };
            let Some(row) = row.filter(|r| r.is_connected()) else {
                return;
            };
            if row
                .query_selector(".actions.hidden")
                .ok()
                .flatten()
                .is_some()
            {
                let opts = web_sys::FocusOptions::new();
                opts.set_prevent_scroll(true);
                let _ = row
                    .unchecked_into::<web_sys::HtmlElement>()
                    .focus_with_options(&opts);
            }
        });
    });
    move |ev: web_sys::FocusEvent| {
        let row = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("li.package").ok().flatten());
        let _ = last.try_set_value(row);
    }
}

#[component]
fn AttemptForm(
    package_id: String,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let reason = RwSignal::new(AttemptReason::RecipientUnavailable);
    let note = RwSignal::new(String::new());
    let field = format!("reason-{package_id}");
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = note.get_untracked();
        book.mark_attempted(&package_id, reason.get_untracked(), Some(n));
        close();
    };
    view! {
        <form class="attempt-form" on:submit=confirm>
            <label for=field.clone()>{l.t(T::WhyNotDelivered)}</label>
            <select id=field on:change=move |ev| reason.set(AttemptReason::parse(&event_target_value(&ev)))>
                {AttemptReason::KNOWN.iter().map(|r| {
                    let selected = *r == AttemptReason::RecipientUnavailable;
                    view! { <option value=r.as_str() selected=selected>{reason_label(l.lang(), r)}</option> }
                }).collect_view()}
            </select>
            <label>
                {l.t(T::NoteOptional)}
                <input type="text" maxlength="500" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev)) />
            </label>
            <div class="row">
                <button type="submit" class="primary">{l.t(T::SaveAttempt)}</button>
                <button type="button" class="secondary" on:click=move |_| close()>{l.t(T::Cancel)}</button>
            </div>
        </form>
    }
}
