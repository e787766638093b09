//! The company's manifest, offered while the driver works from an imported
//! one: once the driver is signed in again, the system's manifest may be
//! the right one again, but only the driver knows whether the hand-off
//! still stands, so it replaces the import only on their yes.

use leptos::prelude::*;

use super::handoff_actions::stops_and_packages;
use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::model::manifest::Manifest;
use crate::platform::intl;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;

#[component]
pub fn ServerOfferNotice() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    // "The company's: 3 stops, 12 packages, made …" or the imported one's.
    let describe = move |m: &Manifest, company: bool| {
        let when =
            &intl::exact(l.lang(), &m.generated_at).unwrap_or_else(|| m.generated_at.clone());
        let count = &stops_and_packages(l.lang(), m.stops.len(), m.package_count());
        l.f(if company {
            F::OfferCompany { count, when }
        } else {
            F::OfferImported { count, when }
        })
    };
    move || {
        let offer = book.offer.get()?;
        let mine = book
            .saved
            .with(|s| s.as_ref().map(|s| describe(&s.manifest, false)));
        Some(view! {
            <section class="notice warn server-offer" role="alert" aria-labelledby="offer-title">
                <p id="offer-title"><strong>{l.t(T::OfferTitle)}</strong></p>
                <p>{describe(&offer.manifest, true)}</p>
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
