//! Handing a manifest on: as a file (JSON, CSV, GPX), on paper, or as a
//! link. Shared by the driver's Share screen and the dispatcher's driver
//! detail.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::export_file::{file_name, ExportFormat};
use crate::model::handoff::csv::manifest_to_csv;
use crate::model::handoff::gpx::manifest_to_gpx;
use crate::model::handoff::link::{
    encode_payload, fragment, link_json, link_length_advice, LinkAdvice, LinkOrigin,
    LONG_LINK_CHARS, MESSAGING_LINK_CHARS,
};
use crate::model::i18n::catalogues::{HandoffFill, HandoffText};
use crate::model::i18n::{isolate, Fill, Lang};
use crate::model::manifest::{Manifest, Stop};
use crate::model::time::format_rfc3339;
use crate::platform::clock::{local_offset_min, now_ms};
use crate::platform::{compress, files, intl, location};
use crate::state::locale::use_locale;
use crate::state::session::SessionState;

use super::stop_card::status_label;

/// The text of a manifest in one export format.
pub fn export_text(m: &Manifest, format: ExportFormat) -> String {
    match format {
        ExportFormat::Json => serde_json::to_string_pretty(m).unwrap_or_default(),
        ExportFormat::Csv => manifest_to_csv(m),
        ExportFormat::Gpx => manifest_to_gpx(m),
    }
}

fn describe(format: ExportFormat) -> HandoffText {
    match format {
        ExportFormat::Json => HandoffText::DescJson,
        ExportFormat::Csv => HandoffText::DescCsv,
        ExportFormat::Gpx => HandoffText::DescGpx,
    }
}

/// "3 stops, 12 packages".
pub fn stops_and_packages(lang: Lang, stops: usize, packages: usize) -> String {
    format!(
        "{}, {}",
        HandoffFill::Stops { n: &stops }.fill(lang),
        HandoffFill::Packages { n: &packages }.fill(lang)
    )
}

/// Download buttons, print, and the share link, for one manifest.
#[component]
pub fn ExportActions(#[prop(into)] manifest: Signal<Option<Manifest>>) -> impl IntoView {
    let note = RwSignal::new(None::<String>);
    let print_preview = RwSignal::new(false);
    let l = use_locale();

    let save = move |format: ExportFormat| {
        let Some(m) = manifest.get_untracked() else {
            return;
        };
        let name = file_name(&m, format);
        let text = export_text(&m, format);
        note.set(Some(match files::download(&name, format.mime(), &text) {
            Ok(()) => l.f(HandoffFill::SavedFile { name: &name }),
            Err(e) => l.f(HandoffFill::SaveFailed {
                name: &name,
                error: &e,
            }),
        }));
    };

    view! {
        <section class="handoff screen-only" aria-labelledby="handoff-files">
            <h2 id="handoff-files">{l.t(HandoffText::SaveAsFile)}</h2>
            <ul class="export-list">
                {ExportFormat::ALL.into_iter().map(|f| view! {
                    <li>
                        <button type="button" class="secondary" data-export=f.extension()
                            disabled=move || manifest.with(Option::is_none)
                            on:click=move |_| save(f)>
                            {l.f(HandoffFill::Download { format: &f.label() })}
                        </button>
                        <span class="hint">{l.t(describe(f))}</span>
                    </li>
                }).collect_view()}
                <li>
                    <button type="button" class="secondary" data-export="print"
                        disabled=move || manifest.with(Option::is_none)
                        on:click=move |_| { print_preview.set(true); files::print(); }>
                        {l.t(HandoffText::Print)}
                    </button>
                    <span class="hint">{l.t(HandoffText::PrintDesc)}</span>
                </li>
            </ul>
            <p class="export-note" role="status" aria-live="polite">{move || note.get()}</p>
            <label class="check">
                <input type="checkbox" prop:checked=move || print_preview.get()
                    on:change=move |ev| print_preview.set(event_target_checked(&ev)) />
                {l.t(HandoffText::ShowPrintView)}
            </label>
        </section>
        <ShareLink manifest />
        {move || manifest.get().map(|m| view! { <PrintView manifest=m shown=print_preview /> })}
    }
}

/// The state of the share link.
#[derive(Clone, Debug, PartialEq)]
enum LinkState {
    Making,
    Ready(String),
    Failed(String),
}

#[component]
fn ShareLink(manifest: Signal<Option<Manifest>>) -> impl IntoView {
    let state = RwSignal::new(LinkState::Making);
    let copied = RwSignal::new(None::<Result<(), String>>);
    // Off unless the sender ticks it: a link is easily forwarded, and a door
    // code in the wrong hands opens a building.
    let include_codes = RwSignal::new(false);
    let session = use_context::<SessionState>();
    let l = use_locale();

    // Remade whenever the manifest changes (a mark on the Share screen) or
    // the access-code choice does.
    Effect::new(move |_| {
        let Some(m) = manifest.get() else { return };
        let user = session.and_then(|s| s.user.get_untracked());
        let origin = LinkOrigin {
            by: user.as_ref().map(|u| u.name.clone()),
            role: user.map(|u| u.role.as_str().to_string()),
            at: format_rfc3339(now_ms(), local_offset_min()),
            access_codes: include_codes.get(),
        };
        state.set(LinkState::Making);
        copied.set(None);
        spawn_local(async move {
            let json = link_json(&m, &origin);
            let next = match compress::deflate_raw(json.as_bytes()).await {
                Ok(bytes) => {
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    let link = format!(
                        "{origin}{}{}",
                        location::app_base(),
                        fragment(&encode_payload(&bytes))
                    );
                    LinkState::Ready(link)
                }
                Err(e) => LinkState::Failed(e),
            };
            state.set(next);
        });
    });

    let copy = move |_| {
        let LinkState::Ready(link) = state.get_untracked() else {
            return;
        };
        spawn_local(async move {
            copied.set(Some(files::copy_text(&link).await));
        });
    };

    view! {
        <section class="handoff share-link screen-only" aria-labelledby="handoff-link">
            <h2 id="handoff-link">{l.t(HandoffText::ShareAsLink)}</h2>
            <p class="hint">
                {l.t(HandoffText::LinkPrivacy)}" "
                {l.t(HandoffText::LinkWho)}
            </p>
            <label class="check">
                <input type="checkbox" name="include-access-codes" prop:checked=move || include_codes.get()
                    on:change=move |ev| include_codes.set(event_target_checked(&ev)) />
                {l.t(HandoffText::IncludeAccessCodes)}
            </label>
            <p class="hint">{l.t(HandoffText::AccessCodesLeftOut)}</p>
            {move || match state.get() {
                LinkState::Making => view! { <p role="status">{l.t(HandoffText::MakingLink)}</p> }.into_any(),
                LinkState::Failed(e) => view! {
                    <p class="notice warn" role="alert">{l.f(HandoffFill::LinkFailed { error: &e })}</p>
                }.into_any(),
                LinkState::Ready(link) => {
                    let len = link.chars().count();
                    let advice = match link_length_advice(len) {
                        LinkAdvice::Fine => None,
                        LinkAdvice::LongForSomeApps => Some(l.f(HandoffFill::LinkLongForSome { n: &group(l.lang(), LONG_LINK_CHARS) })),
                        LinkAdvice::TooLongForMessaging => Some(l.f(HandoffFill::LinkTooLongForMessaging { n: &group(l.lang(), MESSAGING_LINK_CHARS) })),
                    };
                    view! {
                        <label for="share-link-text">{l.t(HandoffText::LinkLabel)}</label>
                        <input id="share-link-text" type="text" readonly class="link-text"
                            prop:value=link.clone()
                            on:focus=move |ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    i.select();
                                }
                            } />
                        <p class="link-length" data-length=len>{l.f(HandoffFill::LinkChars { n: &group(l.lang(), len) })}</p>
                        {advice.map(|a| view! { <p class="notice warn link-advice">{a}</p> })}
                        <div class="row">
                            <button type="button" class="primary" on:click=copy>{l.t(HandoffText::CopyLink)}</button>
                        </div>
                    }.into_any()
                }
            }}
            <p class="copy-result" role="status" aria-live="polite">
                {move || match copied.get() {
                    Some(Ok(())) => l.t(HandoffText::LinkCopied).to_string(),
                    Some(Err(_)) => l.t(HandoffText::CopyRefused).to_string(),
                    None => String::new(),
                }}
            </p>
        </section>
    }
}

/// 12345 → "12,345" / "12.345", as the language groups digits.
fn group(lang: Lang, n: usize) -> String {
    intl::integer(lang, n as f64)
}

/// "8:30 AM–10:30 AM" in the block's own time.
fn window_text(lang: Lang, stop: &Stop) -> String {
    stop.window
        .as_ref()
        .and_then(|w| intl::hours(lang, &w.start, &w.end))
        .unwrap_or_default()
}

/// The printable manifest: one compact table row per stop. Hidden on screen
/// unless asked for; always what a printout shows.
#[component]
pub fn PrintView(manifest: Manifest, shown: RwSignal<bool>) -> impl IntoView {
    let m = manifest;
    let l = use_locale();
    let lang = l.lang();
    let date = intl::day_of(lang, &m.block.start);
    let hours = intl::hours(lang, &m.block.start, &m.block.end).unwrap_or_default();
    let title = format!(
        "{} · {} · {date} {hours} · {}",
        isolate(&m.driver.name),
        isolate(&m.block.station),
        stops_and_packages(lang, m.stops.len(), m.package_count())
    );
    view! {
        <section class="print-view" class:shown=move || shown.get() aria-label=l.t(HandoffText::PrintViewLabel)>
            <h2 class="print-title">{title}</h2>
            <table class="print-table">
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{l.t(HandoffText::ColAddress)}</th>
                        <th scope="col">{l.t(HandoffText::ColWindow)}</th>
                        <th scope="col">{l.t(HandoffText::ColPackages)}</th>
                        <th scope="col">{l.t(HandoffText::ColDone)}</th>
                    </tr>
                </thead>
                <tbody>
                    {m.stops.iter().map(|s| {
                        let mut extra = Vec::new();
                        if let Some(c) = &s.access_code { extra.push(l.f(HandoffFill::AccessCode { code: &c })); }
                        if let Some(n) = &s.notes { extra.push(n.clone()); }
                        view! {
                            <tr>
                                <td class="num">{s.seq}</td>
                                <td>
                                    {s.address.one_line()}
                                    {(!extra.is_empty()).then(|| view! { <div class="small">{extra.join(" · ")}</div> })}
                                </td>
                                <td class="nowrap">{window_text(lang, s)}</td>
                                <td>
                                    {s.packages.iter().map(|p| view! {
                                        <div class="pkg">
                                            <span class="mono">{p.tracking.clone()}</span>
                                            " " {p.recipient.clone()}
                                            {format!(" ({}{})", p.size.as_str(), if p.signature_required { format!(", {}", l.t(HandoffText::Signature)) } else { String::new() })}
                                            " — " {status_label(l.lang(), &p.status)}
                                        </div>
                                    }).collect_view()}
                                </td>
                                <td class="box"></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
