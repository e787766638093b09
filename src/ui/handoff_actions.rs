//! Handing a manifest on: as a file (JSON, CSV, GPX), on paper, or as a
//! link. Shared by the driver's Share screen and the dispatcher's driver
//! detail.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::export_file::{file_name, ExportFormat};
use crate::model::handoff::csv::manifest_to_csv;
use crate::model::handoff::gpx::manifest_to_gpx;
use crate::model::handoff::link::{
    encode_payload, fragment, link_length_advice, LinkAdvice, LONG_LINK_CHARS, MESSAGING_LINK_CHARS,
};
use crate::model::manifest::{Manifest, Stop};
use crate::model::time::parse_rfc3339;
use crate::platform::{compress, files, location};

use super::stop_card::status_label;

/// The text of a manifest in one export format.
pub fn export_text(m: &Manifest, format: ExportFormat) -> String {
    match format {
        ExportFormat::Json => serde_json::to_string_pretty(m).unwrap_or_default(),
        ExportFormat::Csv => manifest_to_csv(m),
        ExportFormat::Gpx => manifest_to_gpx(m),
    }
}

fn describe(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Json => "Complete manifest. Another phone can import it.",
        ExportFormat::Csv => "Opens in a spreadsheet. Another phone can import it.",
        ExportFormat::Gpx => "Stops as waypoints for navigation apps. Not importable.",
    }
}

/// Download buttons, print, and the share link, for one manifest.
#[component]
pub fn ExportActions(#[prop(into)] manifest: Signal<Option<Manifest>>) -> impl IntoView {
    let note = RwSignal::new(None::<String>);
    let print_preview = RwSignal::new(false);

    let save = move |format: ExportFormat| {
        let Some(m) = manifest.get_untracked() else {
            return;
        };
        let name = file_name(&m, format);
        let text = export_text(&m, format);
        note.set(Some(match files::download(&name, format.mime(), &text) {
            Ok(()) => format!("Saved {name} to your downloads."),
            Err(e) => format!("Could not save {name}: {e}."),
        }));
    };

    view! {
        <section class="handoff screen-only" aria-labelledby="handoff-files">
            <h2 id="handoff-files">"Save as a file"</h2>
            <ul class="export-list">
                {ExportFormat::ALL.into_iter().map(|f| view! {
                    <li>
                        <button type="button" class="secondary" data-export=f.extension()
                            disabled=move || manifest.with(Option::is_none)
                            on:click=move |_| save(f)>
                            {format!("Download {}", f.label())}
                        </button>
                        <span class="hint">{describe(f)}</span>
                    </li>
                }).collect_view()}
                <li>
                    <button type="button" class="secondary" data-export="print"
                        disabled=move || manifest.with(Option::is_none)
                        on:click=move |_| { print_preview.set(true); files::print(); }>
                        "Print"
                    </button>
                    <span class="hint">"A compact table of every stop and package."</span>
                </li>
            </ul>
            <p class="export-note" role="status" aria-live="polite">{move || note.get()}</p>
            <label class="check">
                <input type="checkbox" prop:checked=move || print_preview.get()
                    on:change=move |ev| print_preview.set(event_target_checked(&ev)) />
                "Show the print view on screen"
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

    // Remade whenever the manifest changes (a mark on the Share screen).
    Effect::new(move |_| {
        let Some(m) = manifest.get() else { return };
        state.set(LinkState::Making);
        copied.set(None);
        spawn_local(async move {
            let json = serde_json::to_string(&m).unwrap_or_default();
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
            <h2 id="handoff-link">"Share as a link"</h2>
            <p class="hint">
                "The manifest travels inside the link itself, after the #, which browsers never send to a server. "
                "Anyone with the link can read the manifest: send it only to the driver who needs it."
            </p>
            {move || match state.get() {
                LinkState::Making => view! { <p role="status">"Making the link…"</p> }.into_any(),
                LinkState::Failed(e) => view! {
                    <p class="notice warn" role="alert">{format!("No link could be made: {e}. Send the JSON or CSV file instead.")}</p>
                }.into_any(),
                LinkState::Ready(link) => {
                    let len = link.chars().count();
                    let advice = match link_length_advice(len) {
                        LinkAdvice::Fine => None,
                        LinkAdvice::LongForSomeApps => Some(format!(
                            "This link is longer than {} characters: most apps carry it, but some text-message apps cut it short. If it arrives broken, send the file.",
                            group(LONG_LINK_CHARS)
                        )),
                        LinkAdvice::TooLongForMessaging => Some(format!(
                            "This link is longer than {} characters: messaging apps often cut or refuse links this long. Sending the JSON or CSV file is more reliable.",
                            group(MESSAGING_LINK_CHARS)
                        )),
                    };
                    view! {
                        <label for="share-link-text">"Link"</label>
                        <input id="share-link-text" type="text" readonly class="link-text"
                            prop:value=link.clone()
                            on:focus=move |ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    i.select();
                                }
                            } />
                        <p class="link-length" data-length=len>{format!("{} characters", group(len))}</p>
                        {advice.map(|a| view! { <p class="notice warn link-advice">{a}</p> })}
                        <div class="row">
                            <button type="button" class="primary" on:click=copy>"Copy link"</button>
                        </div>
                    }.into_any()
                }
            }}
            <p class="copy-result" role="status" aria-live="polite">
                {move || match copied.get() {
                    Some(Ok(())) => "Link copied. Paste it into a message.".to_string(),
                    Some(Err(_)) => "This browser did not allow copying. Select the link in the field above and copy it by hand.".to_string(),
                    None => String::new(),
                }}
            </p>
        </section>
    }
}

/// 12345 → "12,345".
fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "08:30–10:30" in the block's own time.
fn window_text(stop: &Stop) -> String {
    stop.window
        .as_ref()
        .and_then(|w| Some((parse_rfc3339(&w.start)?, parse_rfc3339(&w.end)?)))
        .map(|(s, e)| format!("{}–{}", s.local_hhmm(), e.local_hhmm()))
        .unwrap_or_default()
}

/// The printable manifest: one compact table row per stop. Hidden on screen
/// unless asked for; always what a printout shows.
#[component]
pub fn PrintView(manifest: Manifest, shown: RwSignal<bool>) -> impl IntoView {
    let m = manifest;
    let date: String = m.block.start.chars().take(10).collect();
    let hours = match (parse_rfc3339(&m.block.start), parse_rfc3339(&m.block.end)) {
        (Some(s), Some(e)) => format!("{}–{}", s.local_hhmm(), e.local_hhmm()),
        _ => String::new(),
    };
    let title = format!(
        "{} · {} · {date} {hours} · {} stops, {} packages",
        m.driver.name,
        m.block.station,
        m.stops.len(),
        m.package_count()
    );
    view! {
        <section class="print-view" class:shown=move || shown.get() aria-label="Print view">
            <h2 class="print-title">{title}</h2>
            <table class="print-table">
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"Address"</th>
                        <th scope="col">"Window"</th>
                        <th scope="col">"Packages"</th>
                        <th scope="col">"Done"</th>
                    </tr>
                </thead>
                <tbody>
                    {m.stops.iter().map(|s| {
                        let mut extra = Vec::new();
                        if let Some(c) = &s.access_code { extra.push(format!("Code {c}")); }
                        if let Some(n) = &s.notes { extra.push(n.clone()); }
                        view! {
                            <tr>
                                <td class="num">{s.seq}</td>
                                <td>
                                    {s.address.one_line()}
                                    {(!extra.is_empty()).then(|| view! { <div class="small">{extra.join(" · ")}</div> })}
                                </td>
                                <td class="nowrap">{window_text(s)}</td>
                                <td>
                                    {s.packages.iter().map(|p| view! {
                                        <div class="pkg">
                                            <span class="mono">{p.tracking.clone()}</span>
                                            " " {p.recipient.clone()}
                                            {format!(" ({}{})", p.size.as_str(), if p.signature_required { ", signature" } else { "" })}
                                            " — " {status_label(crate::state::locale::document_lang(), &p.status)}
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
