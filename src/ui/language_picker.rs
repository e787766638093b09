//! The language switch: every language named in itself, so a driver who
//! can't read the current one still finds theirs.

use leptos::prelude::*;

use crate::model::i18n::catalogues::AppText;
use crate::model::i18n::Lang;
use crate::state::locale::use_locale;

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let locale = use_locale();
    let current = locale.lang();
    view! {
        <div class="language-picker" role="group" aria-label=locale.t(AppText::Language)>
            {Lang::ALL.iter().map(|l| {
                let l = *l;
                view! {
                    <button type="button" class="segment" lang=l.code()
                        aria-pressed=(l == current).to_string()
                        data-lang=l.code()
                        on:click=move |_| if l != current { locale.choose(l) }>
                        {l.native_name()}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}
