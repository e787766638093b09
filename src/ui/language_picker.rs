//! The language switch: every language named in itself, so a driver who
//! can't read the current one still finds theirs.

use leptos::prelude::*;

use crate::model::i18n::catalogues::{AppFill, AppText};
use crate::model::i18n::Lang;
use crate::state::locale::{load_words, use_locale};

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let locale = use_locale();
    let current = locale.lang();
    // The words of a language not yet used on this phone are fetched first.
    let missing = RwSignal::new(None::<Lang>);
    let pick = move |l: Lang| {
        leptos::task::spawn_local(async move {
            if load_words(l).await {
                locale.choose(l);
            } else {
                missing.set(Some(l));
            }
        });
    };
    view! {
        <div class="language-picker" role="group" aria-label=locale.t(AppText::Language)>
            {Lang::ALL.iter().map(|l| {
                let l = *l;
                view! {
                    <button type="button" class="segment" lang=l.code()
                        aria-pressed=(l == current).to_string()
                        data-lang=l.code()
                        on:click=move |_| if l != current { pick(l) }>
                        {l.native_name()}
                    </button>
                }
            }).collect_view()}
            {move || missing.get().map(|l| view! {
                <p class="form-note" role="alert">{locale.f(AppFill::LanguageMissing { language: &l.native_name() })}</p>
            })}
        </div>
    }
}
