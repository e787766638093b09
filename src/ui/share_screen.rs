//! The driver's Share screen: the manifest on this phone, with the driver's
//! marks applied, as a file, on paper or as a link — for handing the route
//! to another driver when the company's system cannot.

use leptos::prelude::*;

use super::handoff_actions::{stops_and_packages, ExportActions};
use crate::model::i18n::catalogues::HandoffText;
use crate::model::i18n::isolate;
use crate::model::progress::apply_marks;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;

#[component]
pub fn ShareScreen() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let manifest = Memo::new(move |_| {
        book.saved.with(|s| {
            s.as_ref()
                .map(|s| book.marks.with(|m| apply_marks(&s.manifest, &m.history)))
        })
    });
    let summary = move || {
        manifest.with(|m| {
            m.as_ref().map(|m| {
                format!(
                    "{} · {} · {}",
                    isolate(&m.driver.name),
                    isolate(&m.block.station),
                    stops_and_packages(l.lang(), m.stops.len(), m.package_count())
                )
            })
        })
    };
    view! {
        <section class="share" aria-labelledby="share-title">
            <h1 id="share-title" class="screen-only">{l.t(HandoffText::ShareTitle)}</h1>
            {move || match summary() {
                Some(s) => view! {
                    <p class="lead screen-only">{s}</p>
                    <p class="hint screen-only">
                        {l.t(HandoffText::ShareIncludesMarks)}" "
                        {l.t(HandoffText::ShareHowToOpen)}
                    </p>
                }.into_any(),
                None => view! {
                    <p class="empty" role="status">{l.t(HandoffText::ShareNothing)}</p>
                }.into_any(),
            }}
            <ExportActions manifest=Signal::derive(move || manifest.get()) />
        </section>
    }
}
