//! Import: a manifest received as a file (JSON or CSV) or a share link,
//! checked by the same validator as server data, previewed, and adopted
//! only on an explicit confirm — twice when it would replace a newer
//! manifest or another driver's.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::model::envelope::ManifestSource;
use crate::model::fleet_table::exact_time;
use crate::model::handoff::import::{check_size, decide, import_text, ImportPreview};
use crate::model::handoff::link::{decode_payload, FRAGMENT_PREFIX};
use crate::model::handoff::{ImportDecision, SavedManifestInfo};
use crate::model::manifest::Manifest;
use crate::model::time::parse_rfc3339;
use crate::platform::location::app_base;
use crate::platform::{compress, files};
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
    let import_path = format!("{}import", app_base());
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
        start("Opening the link…".into());
        spawn_local(async move {
            let title = "This link could not be opened".to_string();
            let bytes = match decode_payload(&text) {
                Ok(b) => b,
                Err(e) => return refuse(title, vec![e.to_string()]),
            };
            let damaged = "the link is damaged: its contents could not be unpacked \
                           (it was probably cut off or changed when it was sent). \
                           Ask for it again, or for the JSON or CSV file";
            let json = match compress::inflate_raw(&bytes).await {
                Ok(b) => match String::from_utf8(b) {
                    Ok(s) => s,
                    Err(_) => return refuse(title, vec![damaged.into()]),
                },
                Err(_) => return refuse(title, vec![damaged.into()]),
            };
            match import_text(&json, None) {
                Ok(manifest) => {
                    busy.set(None);
                    pending.set(Some(Pending {
                        manifest,
                        source: ManifestSource::ImportedLink,
                    }));
                }
                Err(problems) => refuse(title, problems.iter().map(|p| p.to_string()).collect()),
            }
        });
    };

    // Opened from a share link: read it at once.
    if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
        if hash.starts_with(FRAGMENT_PREFIX) {
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
        let title = format!("{name} could not be imported");
        if let Err(p) = check_size(file.size() as usize) {
            refusal.set(Some(Refusal {
                title,
                problems: vec![p.to_string()],
            }));
            pending.set(None);
            return;
        }
        start(format!("Reading {name}…"));
        spawn_local(async move {
            let text = match files::read_text(&file).await {
                Ok(t) => t,
                Err(e) => return refuse(title, vec![format!("the file could not be read ({e})")]),
            };
            match import_text(&text, Some(&name)) {
                Ok(manifest) => {
                    busy.set(None);
                    pending.set(Some(Pending {
                        manifest,
                        source: ManifestSource::ImportedFile { name },
                    }));
                }
                Err(problems) => refuse(title, problems.iter().map(|p| p.to_string()).collect()),
            }
        });
    };

    let on_link_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = link_text.get_untracked();
        if t.trim().is_empty() {
            refusal.set(Some(Refusal {
                title: "No link to open".into(),
                problems: vec!["paste the link you received into the box first".into()],
            }));
            return;
        }
        open_link(t);
    };

    view! {
        <section class="import" aria-labelledby="import-title">
            <h1 id="import-title">"Import a manifest"</h1>
            <p class="hint">
                "When the company's system is down, dispatch or another driver can send you a manifest "
                "as a file or a link. Nothing changes on this phone until you confirm."
            </p>
            <div class="import-sources">
                <div class="import-source">
                    <h2>"From a file"</h2>
                    <label for="import-file">"Manifest file (JSON or CSV)"</label>
                    <input id="import-file" type="file" accept=".json,.csv,application/json,text/csv,text/plain"
                        on:change=on_file />
                </div>
                <form class="import-source" on:submit=on_link_submit>
                    <h2>"From a link"</h2>
                    <label for="import-link">"Paste the link you received"</label>
                    <input id="import-link" type="text" autocomplete="off" spellcheck="false"
                        prop:value=move || link_text.get()
                        on:input=move |ev| link_text.set(event_target_value(&ev)) />
                    <button type="submit" class="secondary">"Open link"</button>
                </form>
            </div>
            {move || busy.get().map(|b| view! { <p role="status">{b}</p> })}
            {move || refusal.get().map(|r| view! {
                <div class="notice warn import-errors" role="alert">
                    <p><strong>{r.title}</strong></p>
                    <ul>{r.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    <p>{move || if book.saved.with(Option::is_some) {
                        "Nothing was changed: the manifest already on this phone is kept."
                    } else {
                        "Nothing was imported."
                    }}</p>
                </div>
            })}
            {move || pending.get().map(|p| view! { <Preview pending=p holder=pending /> })}
        </section>
    }
}

fn block_words(p: &ImportPreview) -> String {
    let date: String = p.block_start.chars().take(10).collect();
    match (parse_rfc3339(&p.block_start), parse_rfc3339(&p.block_end)) {
        (Some(s), Some(e)) => format!("{date}, {}–{}", s.local_hhmm(), e.local_hhmm()),
        _ => date,
    }
}

#[component]
fn Preview(pending: Pending, holder: RwSignal<Option<Pending>>) -> impl IntoView {
    let book = expect_context::<RouteBook>();
    let navigate = use_navigate();
    let on_confirm = move || {
        let Some(p) = holder.get_untracked() else {
            return;
        };
        book.adopt(p.manifest, p.source);
        clear_fragment();
        holder.set(None);
        navigate("/", Default::default());
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
        ManifestSource::ImportedFile { name } => format!("From the file {name}"),
        ManifestSource::ImportedLink => "From a share link".to_string(),
        ManifestSource::Server { .. } => String::new(),
    };
    let saved_name = saved
        .as_ref()
        .map(|s| format!("{} ({})", s.manifest.driver.name, s.manifest.driver.id))
        .unwrap_or_default();
    let saved_words = saved.as_ref().map(|s| {
        format!(
            "{}'s manifest for {} ({} packages)",
            s.manifest.driver.name,
            block_words(&ImportPreview::of(&s.manifest)),
            s.manifest.package_count()
        )
    });

    // What the confirm means, and whether it needs a second yes.
    let (note, risky): (Option<String>, bool) = match &decision {
        ImportDecision::Replace | ImportDecision::ReplaceOlder => (
            saved_words.as_ref().map(|w| format!("It replaces {w}.")),
            false,
        ),
        ImportDecision::SameManifest => (
            Some("This is the manifest already on this phone; importing it again changes nothing.".into()),
            false,
        ),
        ImportDecision::WouldReplaceNewer { saved_generated_at } => (
            Some(format!(
                "The manifest on this phone is newer: it was made at {}, this one at {}. Importing replaces the newer one: {}.",
                exact_time(saved_generated_at).unwrap_or_else(|| saved_generated_at.clone()),
                exact_time(&preview.generated_at).unwrap_or_else(|| preview.generated_at.clone()),
                saved_words.clone().unwrap_or_default()
            )),
            true,
        ),
        ImportDecision::DifferentDriver { incoming_driver, .. } => (
            Some(format!(
                "This manifest is for {} ({incoming_driver}), but the one on this phone is for {saved_name}. Importing replaces {}.",
                preview.driver_name,
                saved_words.clone().unwrap_or_default()
            )),
            true,
        ),
    };
    let unsent_note = (unsent > 0).then(|| {
        format!("{unsent} delivery mark(s) on this phone are not sent yet; they stay queued and are still sent.")
    });
    let on_confirm_second = on_confirm.clone();
    let note_first = note.clone();
    let confirm_label = if risky {
        "Use this manifest…"
    } else {
        "Use this manifest"
    };

    view! {
        <section class="import-preview" aria-labelledby="preview-title">
            <h2 id="preview-title" tabindex="-1" node_ref=heading>"Check before importing"</h2>
            <p class="hint">{from}</p>
            <dl class="preview-facts">
                <div><dt>"Driver"</dt><dd data-preview="driver">{format!("{} ({})", preview.driver_name, preview.driver_id)}</dd></div>
                <div><dt>"Block"</dt><dd data-preview="block">{format!("{} · {}", block_words(&preview), preview.station)}</dd></div>
                <div><dt>"Stops"</dt><dd data-preview="stops">{preview.stops}</dd></div>
                <div><dt>"Packages"</dt><dd data-preview="packages">{preview.packages}</dd></div>
                <div><dt>"Made at"</dt><dd data-preview="generated">{exact_time(&preview.generated_at).unwrap_or(preview.generated_at.clone())}</dd></div>
            </dl>
            {unsent_note.map(|n| view! { <p class="hint">{n}</p> })}
            <Show
                when=move || !second.get()
                fallback=move || {
                    let n = note.clone().unwrap_or_default();
                    let on_confirm = on_confirm_second.clone();
                    view! {
                        <div class="second-confirm notice warn" role="alert">
                            <p><strong>"Replace the manifest on this phone?"</strong></p>
                            <p>{n}</p>
                            <div class="row">
                                <button type="button" class="primary" on:click=move |_| on_confirm()>"Yes, replace it"</button>
                                <button type="button" class="secondary" on:click=move |_| second.set(false)>"No, keep mine"</button>
                            </div>
                        </div>
                    }
                }
            >
                {note_first.clone().map(|n| view! { <p class="notice" class:warn=risky>{n}</p> })}
                <div class="row">
                    <button type="button" class="primary" data-confirm="import"
                        on:click={
                            let on_confirm = on_confirm.clone();
                            move |_| if risky { second.set(true) } else { on_confirm() }
                        }>
                        {confirm_label}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| on_cancel()>"Cancel"</button>
                </div>
            </Show>
        </section>
    }
}
