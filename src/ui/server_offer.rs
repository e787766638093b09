//! The company's manifest, offered while the driver works from an imported
//! one: once the driver is signed in again, the system's manifest may be
//! the right one again, but only the driver knows whether the hand-off
//! still stands, so it replaces the import only on their yes.

use leptos::prelude::*;

use super::handoff_actions::{exact, stops_and_packages};
use crate::model::i18n::catalogues::DriverText as T;
use crate::model::manifest::Manifest;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;

#[component]
pub fn ServerOfferNotice() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let words = move |m: &Manifest| {
        let when = exact(l.lang(), &m.generated_at).unwrap_or_else(|| m.generated_at.clone());
        let count = stops_and_packages(l.lang(), m.stops.len(), m.package_count());
        [("count", count), ("when", when)]
    };
    let fill = move |key: T, m: &Manifest| {
        let w = words(m);
        l.f(key, &[(w[0].0, &w[0].1), (w[1].0, &w[1].1)])
    };
    move || {
        let offer = book.offer.get()?;
        let mine = book
            .saved
            .with(|s| s.as_ref().map(|s| fill(T::OfferImported, &s.manifest)));
        Some(view! {
            <section class="notice warn server-offer" role="alert" aria-labelledby="offer-title">
                <p id="offer-title"><strong>{l.t(T::OfferTitle)}</strong></p>
                <p>{fill(T::OfferCompany, &offer.manifest)}</p>
                {mine.map(|m| view! { <p>{m}</p> })}
                <p>{l.t(T::OfferUnsent)}</p>
                <div class="row">
                    <button type="button" class="primary" on:click=move |_| book.accept_offer()>{l.t(T::OfferUse)}</button>
                    <button type="button" class="secondary" on:click=move |_| book.decline_offer()>{l.t(T::OfferKeep)}</button>
                </div>
            </section>
        })
    }
}
