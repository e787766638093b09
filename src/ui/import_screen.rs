//! Import: a manifest received as a file (JSON or CSV) or a share link,
//! checked by the same validator as server data, previewed, and adopted
//! only on an explicit confirm — twice when it would replace a newer
//! manifest or another driver's.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::model::envelope::ManifestSource;
use crate::model::handoff::import::{
    check_size, decide, import_text, ImportPreview, ImportProblem, MAX_IMPORT_BYTES,
};
use crate::model::handoff::link::{decode_payload, link_origin, LinkOrigin, FRAGMENT_PREFIX};
use crate::model::handoff::{ImportDecision, SavedManifestInfo};
use crate::model::i18n::catalogues::{HandoffFill, HandoffText};
use crate::model::i18n::{isolate, Lang};
use crate::model::manifest::Manifest;
use crate::model::screen::Screen;
use crate::platform::location::app_base;
use crate::platform::{compress, files, intl};
use crate::state::locale::use_locale;
use crate::state::navigation::Navigation;
use crate::state::routebook::RouteBook;

/// Called before the app mounts: a share link opens on the app's base URL
/// (`…/#import=…`); this moves it to the Import screen, fragment kept, so
/// the router starts there.
pub fn redirect_import_link() {
    let Some(w) = web_sys::window() else { return };
    move_to_import(&w, false);
    // A link opened in a tab where Roadbook is already running only changes
    // the fragment: load the Import screen with it.
    let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if let Some(w) = web_sys::window() {
            move_to_import(&w, true);
        }
    });
    let _ = w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    // Lives as long as the page.
    on_hash.forget();
}

fn move_to_import(w: &web_sys::Window, reload: bool) {
    let loc = w.location();
    let hash = loc.hash().unwrap_or_default();
    if !hash.starts_with(FRAGMENT_PREFIX) {
        return;
    }
    let import_path = Screen::Import.href(&app_base());
    let here = loc.pathname().unwrap_or_default() == import_path;
    match (here, reload) {
        (true, false) => {}
        (true, true) => {
            let _ = loc.reload();
        }
        (false, false) => {
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("{import_path}{hash}")),
                );
            }
        }
        (false, true) => {
            let _ = loc.replace(&format!("{import_path}{hash}"));
        }
    }
}

/// Removes `#import=…` from the address bar without a reload or a new
/// history entry, so a reload does not import again.
fn clear_fragment() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    if !loc.hash().unwrap_or_default().starts_with(FRAGMENT_PREFIX) {
        return;
    }
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// A manifest read and validated, waiting for the driver's yes.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    manifest: Manifest,
    source: ManifestSource,
    /// What a share link says about its making (`None` for a file, or for a
    /// link that says nothing).
    origin: Option<LinkOrigin>,
}

/// Why nothing was imported: what was tried, and each problem.
#[derive(Clone, Debug, PartialEq)]
struct Refusal {
    title: String,
    problems: Vec<String>,
}

#[component]
pub fn ImportScreen() -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let pending = RwSignal::new(None::<Pending>);
    let refusal = RwSignal::new(None::<Refusal>);
    let busy = RwSignal::new(None::<String>);
    let link_text = RwSignal::new(String::new());
    let l = use_locale();
    let lang = l.lang();

    let start = move |what: String| {
        refusal.set(None);
        pending.set(None);
        busy.set(Some(what));
    };
    let refuse = move |title: String, problems: Vec<String>| {
        busy.set(None);
        refusal.set(Some(Refusal { title, problems }));
    };

    let open_link = move |text: String| {
        start(l.t(HandoffText::OpeningLink).into());
        spawn_local(async move {
            let title = l.t(HandoffText::LinkNotOpened).to_string();
            let bytes = match decode_payload(&text) {
                Ok(b) => b,
                Err(e) => return refuse(title, vec![e.describe(lang)]),
            };
            let damaged = l.t(HandoffText::LinkUnpackDamaged);
            let json = match compress::inflate_raw(&bytes, MAX_IMPORT_BYTES).await {
                Ok(b) => match String::from_utf8(b) {
                    Ok(s) => s,
                    Err(_) => return refuse(title, vec![damaged.into()]),
                },
                Err(compress::Unpacked::TooLarge) => {
                    let too_large = ImportProblem::LinkTooLarge {
                        limit: MAX_IMPORT_BYTES,
                    };
                    return refuse(title, vec![too_large.describe(lang)]);
                }
                Err(compress::Unpacked::Failed(_)) => return refuse(title, vec![damaged.into()]),
            };
            match import_text(&json, None) {
                Ok(manifest) => {
                    busy.set(None);
                    pending.set(Some(Pending {
                        manifest,
                        source: ManifestSource::ImportedLink,
                        origin: link_origin(&json),
                    }));
                }
                Err(problems) => refuse(title, problems.iter().map(|p| p.describe(lang)).collect()),
            }
        });
    };

    // Opened from a share link: read it at once, and take it out of the
    // address bar (and so out of the history, the tab switcher and any
    // screenshot of the browser) as soon as it has been read.
    if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
        if hash.starts_with(FRAGMENT_PREFIX) {
            clear_fragment();
            open_link(hash);
        }
    }

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = files::chosen_file(&input) else {
            return;
        };
        // Cleared so choosing the same file again (after fixing it) reads it again.
        input.set_value("");
        let name = file.name();
        let title = l.f(HandoffFill::FileNotImported { name: &name });
        if let Err(p) = check_size(file.size() as usize) {
            refusal.set(Some(Refusal {
                title,
                problems: vec![p.describe(lang)],
            }));
            pending.set(None);
            return;
        }
        start(l.f(HandoffFill::ReadingFile { name: &name }));
        spawn_local(async move {
            let text = match files::read_text(&file).await {
                Ok(t) => t,
                Err(e) => {
                    return refuse(title, vec![l.f(HandoffFill::FileUnreadable { error: &e })])
                }
            };
            match import_text(&text, Some(&name)) {
                Ok(manifest) => {
                    busy.set(None);
                    pending.set(Some(Pending {
                        manifest,
                        source: ManifestSource::ImportedFile { name },
                        origin: None,
                    }));
                }
                Err(problems) => refuse(title, problems.iter().map(|p| p.describe(lang)).collect()),
            }
        });
    };

    let on_link_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = link_text.get_untracked();
        if t.trim().is_empty() {
            refusal.set(Some(Refusal {
                title: l.t(HandoffText::NoLinkTitle).into(),
                problems: vec![l.t(HandoffText::PasteFirst).into()],
            }));
            return;
        }
        open_link(t);
    };

    view! {
        <section class="import" aria-labelledby="import-title">
            <h1 id="import-title">{l.t(HandoffText::ImportTitle)}</h1>
            <p class="hint">
                {l.t(HandoffText::ImportWhen)}" "
                {l.t(HandoffText::ImportNothingUntil)}
            </p>
            <div class="import-sources">
                <div class="import-source">
                    <h2>{l.t(HandoffText::FromAFile)}</h2>
                    <label for="import-file">{l.t(HandoffText::FileLabel)}</label>
                    <input id="import-file" type="file" accept=".json,.csv,application/json,text/csv,text/plain"
                        on:change=on_file />
                </div>
                <form class="import-source" on:submit=on_link_submit>
                    <h2>{l.t(HandoffText::FromALink)}</h2>
                    <label for="import-link">{l.t(HandoffText::PasteLink)}</label>
                    <input id="import-link" type="text" autocomplete="off" spellcheck="false"
                        prop:value=move || link_text.get()
                        on:input=move |ev| link_text.set(event_target_value(&ev)) />
                    <button type="submit" class="secondary">{l.t(HandoffText::OpenLink)}</button>
                </form>
            </div>
            {move || busy.get().map(|b| view! { <p role="status">{b}</p> })}
            {move || refusal.get().map(|r| view! {
                <div class="notice warn import-errors" role="alert">
                    <p><strong>{r.title}</strong></p>
                    <ul>{r.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    <p>{move || l.t(if book.saved.with(Option::is_some) {
                        HandoffText::NothingChangedKept
                    } else {
                        HandoffText::NothingImported
                    })}</p>
                </div>
            })}
            {move || pending.get().map(|p| view! { <Preview pending=p holder=pending /> })}
        </section>
    }
}

fn block_words(lang: Lang, p: &ImportPreview) -> String {
    let date = intl::day_of(lang, &p.block_start);
    match intl::hours(lang, &p.block_start, &p.block_end) {
        None => date,
        Some(h) => format!("{date}, {h}"),
    }
}

#[component]
fn Preview(pending: Pending, holder: RwSignal<Option<Pending>>) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let nav = expect_context::<Navigation>();
    let l = use_locale();
    let lang = l.lang();
    let on_confirm = move || {
        let Some(p) = holder.get_untracked() else {
            return;
        };
        book.adopt(p.manifest, p.source);
        clear_fragment();
        holder.set(None);
        nav.go(Screen::Home);
    };
    let on_cancel = move || {
        holder.set(None);
        clear_fragment();
    };
    let preview = ImportPreview::of(&pending.manifest);
    let saved = book.saved.get_untracked();
    let decision = decide(
        saved
            .as_ref()
            .map(|s| SavedManifestInfo::of(&s.manifest))
            .as_ref(),
        &pending.manifest,
    );
    let second = RwSignal::new(false);
    // Bring the preview into view (it sits below the file picker on a phone)
    // and to a screen reader's attention.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let unsent = book.marks.with_untracked(|m| m.unsent());
    let from = match &pending.source {
        ManifestSource::ImportedFile { name } => l.f(HandoffFill::FromFileNamed { name: &name }),
        ManifestSource::ImportedLink => l.t(HandoffText::FromShareLink).to_string(),
        ManifestSource::Server { .. } => String::new(),
    };
    // Where a link came from and when, as the link itself says.
    let link_words = matches!(pending.source, ManifestSource::ImportedLink).then(|| {
        let Some(o) = &pending.origin else {
            return vec![l.t(HandoffText::LinkSaysNothing).to_string()];
        };
        let when = intl::exact(lang, &o.at).unwrap_or_else(|| o.at.clone());
        let role = o.role.as_deref().and_then(|r| match r {
            "driver" => Some(HandoffText::RoleDriver),
            "dispatcher" => Some(HandoffText::RoleDispatcher),
            _ => None,
        });
        let mut words = vec![match (&o.by, role) {
            (Some(name), Some(role)) => l.f(HandoffFill::LinkMadeBy {
                name: &format!("{} ({})", isolate(name), l.t(role)),
                when: &when,
            }),
            (Some(name), None) => l.f(HandoffFill::LinkMadeBy {
                name: &isolate(name),
                when: &when,
            }),
            (None, _) => l.f(HandoffFill::LinkMadeAt { when: &when }),
        }];
        words.push(l.t(HandoffText::LinkAnyone).to_string());
        if !o.access_codes {
            words.push(l.t(HandoffText::LinkNoCodes).to_string());
        }
        words
    });
    let saved_name = saved
        .as_ref()
        .map(|s| format!("{} ({})", s.manifest.driver.name, s.manifest.driver.id))
        .unwrap_or_default();
    let saved_words = saved.as_ref().map(|s| {
        l.f(HandoffFill::SavedManifestWords {
            name: &s.manifest.driver.name,
            block: &block_words(lang, &ImportPreview::of(&s.manifest)),
            packages: &l.f(HandoffFill::Packages {
                n: &s.manifest.package_count(),
            }),
        })
    });
    let when = |rfc3339: &String| intl::exact(lang, rfc3339).unwrap_or_else(|| rfc3339.clone());

    // What the confirm means, and whether it needs a second yes.
    let (note, risky): (Option<String>, bool) = match &decision {
        ImportDecision::Replace | ImportDecision::ReplaceOlder => (
            saved_words
                .as_ref()
                .map(|w| l.f(HandoffFill::ItReplaces { what: &w })),
            false,
        ),
        ImportDecision::SameManifest => (Some(l.t(HandoffText::SameManifest).into()), false),
        ImportDecision::WouldReplaceNewer { saved_generated_at } => (
            Some(l.f(HandoffFill::NewerOnPhone {
                saved: &when(saved_generated_at),
                incoming: &when(&preview.generated_at),
                what: &saved_words.clone().unwrap_or_default(),
            })),
            true,
        ),
        ImportDecision::DifferentDriver {
            incoming_driver, ..
        } => (
            Some(l.f(HandoffFill::OtherDriver {
                name: &preview.driver_name,
                id: &incoming_driver,
                saved: &saved_name,
                what: &saved_words.clone().unwrap_or_default(),
            })),
            true,
        ),
    };
    let unsent_note = (unsent > 0).then(|| l.f(HandoffFill::Unsent { n: &unsent }));
    let note_first = note.clone();
    let confirm_label = l.t(if risky {
        HandoffText::UseManifestAsk
    } else {
        HandoffText::UseManifest
    });

    view! {
        <section class="import-preview" aria-labelledby="preview-title">
            <h2 id="preview-title" tabindex="-1" node_ref=heading>{l.t(HandoffText::CheckBeforeImporting)}</h2>
            <p class="hint">{from}</p>
            {link_words.map(|words| view! {
                <div class="link-origin">
                    {words.into_iter().map(|w| view! { <p class="hint">{w}</p> }).collect_view()}
                </div>
            })}
            <dl class="preview-facts">
                <div><dt>{l.t(HandoffText::FactDriver)}</dt><dd data-preview="driver">{format!("{} ({})", isolate(&preview.driver_name), isolate(&preview.driver_id))}</dd></div>
                <div><dt>{l.t(HandoffText::FactBlock)}</dt><dd data-preview="block">{format!("{} · {}", block_words(lang, &preview), isolate(&preview.station))}</dd></div>
                <div><dt>{l.t(HandoffText::FactStops)}</dt><dd data-preview="stops">{preview.stops}</dd></div>
                <div><dt>{l.t(HandoffText::FactPackages)}</dt><dd data-preview="packages">{preview.packages}</dd></div>
                <div><dt>{l.t(HandoffText::FactMadeAt)}</dt><dd data-preview="generated">{when(&preview.generated_at)}</dd></div>
            </dl>
            {unsent_note.map(|n| view! { <p class="hint">{n}</p> })}
            <Show
                when=move || !second.get()
                fallback=move || {
                    let n = note.clone().unwrap_or_default();
                    view! {
                        <div class="second-confirm notice warn" role="alert">
                            <p><strong>{l.t(HandoffText::ReplaceQuestion)}</strong></p>
                            <p>{n}</p>
                            <div class="row">
                                <button type="button" class="primary" on:click=move |_| on_confirm()>{l.t(HandoffText::YesReplace)}</button>
                                <button type="button" class="secondary" on:click=move |_| second.set(false)>{l.t(HandoffText::NoKeepMine)}</button>
                            </div>
                        </div>
                    }
                }
            >
                {note_first.clone().map(|n| view! { <p class="notice" class:warn=risky>{n}</p> })}
                <div class="row">
                    <button type="button" class="primary" data-confirm="import"
                        on:click={
                            move |_| if risky { second.set(true) } else { on_confirm() }
                        }>
                        {confirm_label}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| on_cancel()>{l.t(HandoffText::Cancel)}</button>
                </div>
            </Show>
        </section>
    }
}
