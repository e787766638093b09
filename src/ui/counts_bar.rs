//! Live counts at the top of the manifest, doubling as the status filter:
//! a segmented control whose segments carry their package counts.

use leptos::prelude::*;

use super::stop_card::filter_label;
use crate::model::i18n::catalogues::{DriverFill as F, DriverText as T};
use crate::model::i18n::{around_mark, MARK};
use crate::model::search::StatusFilter;
use crate::state::locale::use_locale;
use crate::state::routebook::RouteBook;

#[component]
pub fn CountsBar(filter: RwSignal<StatusFilter>) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let l = use_locale();
    let c = book.counts;
    let count = move |f: StatusFilter| {
        let c = c.get();
        match f {
            StatusFilter::All => c.total,
            StatusFilter::Remaining => c.remaining,
            StatusFilter::Delivered => c.delivered,
            StatusFilter::Attempted => c.attempted,
        }
    };
    let data_key = |f: StatusFilter| match f {
        StatusFilter::All => "total",
        other => other.key(),
    };
    view! {
        <div class="counts-bar">
            <p class="stops-progress">
                {move || {
                    let c = c.get();
                    let (before, after) = around_mark(&l.f(F::StopsLeft { left: &MARK, total: &c.stops_total }));
                    view! { {before}<strong data-count="stops-left">{c.stops_left}</strong>{after} }
                }}
            </p>
            <div class="segmented" role="group" aria-label=l.t(T::ShowPackages)>
                {StatusFilter::ALL.iter().map(|f| {
                    let f = *f;
                    view! {
                        <button type="button" class="segment" data-filter=f.key()
                            aria-pressed=move || (filter.get() == f).to_string()
                            on:click=move |_| filter.set(f)>
                            <span class="seg-label">{filter_label(l.lang(), f)}</span>
                            <span class="seg-count" data-count=data_key(f)>{move || count(f)}</span>
                        </button>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}
