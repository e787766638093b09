//! The driver's route book: the last good manifest, the driver's marks on
//! it, and the actions that change them.
//!
//! The two promises kept here:
//! - the last good manifest is replaced only by one that validated and is not
//!   older than it;
//! - a mark is written to storage before the screen shows it.

use std::collections::HashMap;

use leptos::prelude::*;

use super::locale::document_lang;
use crate::model::envelope::{self, ManifestSource, SavedManifest};
use crate::model::event::{AttemptReason, DeliveryEvent, EventKind};
use crate::model::i18n::catalogues::{AppFill, AppText, DriverText};
use crate::model::i18n::{Fill, Text};
use crate::model::manifest::{Manifest, PackageStatus};
use crate::model::marks::MarkLog;
use crate::model::outage::Failure;
use crate::model::progress::{marked_statuses, Counts};
use crate::model::refresh::RefreshRejection;
use crate::model::retention::personal_data_expired;
use crate::model::storage_keys::{self as keys, StorageKey};
use crate::model::time::{format_rfc3339, parse_rfc3339};
use crate::model::unreadable_marks::UnreadableMarks;
use crate::platform::api::{Api, ManifestFetch};
use crate::platform::clock::{local_offset_min, now_ms};
use crate::platform::storage::{self, StorageError};
use crate::platform::uuid;
use crate::state::session::last_sign_out;

/// The state of the last manifest refresh.
#[derive(Clone, Debug, PartialEq)]
pub enum Refresh {
    Idle,
    Loading,
    /// The server's manifest was not used, and why (rendered by the screen
    /// in the driver's language).
    Rejected(RefreshRejection),
    Failed(Failure),
}

/// The company's manifest, held back because the driver is working from an
/// imported one (a hand-off during an outage): it replaces the import only
/// when the driver says so.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerOffer {
    pub manifest: Manifest,
    pub etag: Option<String>,
}

/// The state of sending marks.
#[derive(Clone, Debug, PartialEq)]
pub enum Sync {
    Idle,
    Sending,
    Failed(Failure),
}

#[derive(Clone, Copy)]
pub struct RouteBook {
    pub saved: RwSignal<Option<SavedManifest>>,
    pub marks: RwSignal<MarkLog>,
    /// Each marked package's status after the driver's marks. Rows read
    /// their status from here, so a mark re-renders one row, not the list.
    pub marked: Memo<HashMap<String, PackageStatus>>,
    /// Counts with the marks applied.
    pub counts: Memo<Counts>,
    pub refresh: RwSignal<Refresh>,
    pub sync: RwSignal<Sync>,
    /// A storage problem, in words, while it lasts.
    pub storage_issue: RwSignal<Option<String>>,
    /// The driver's current `(lat, lng)` while a screen is watching the
    /// device location (see `platform::geolocation`); recorded on marks.
    pub position: RwSignal<Option<(f64, f64)>>,
    /// Marks that could not be read, kept aside for support (offered as a
    /// download until they go).
    pub unreadable: RwSignal<Option<UnreadableMarks>>,
    /// The retention purge removed the personal data in this page's life.
    pub purged: RwSignal<bool>,
    /// A different manifest from the company's system while an imported
    /// one is in use, waiting for the driver's yes or no.
    pub offer: RwSignal<Option<ServerOffer>>,
    /// The company's manifest the driver chose not to use (its id and
    /// time), so the same one is not offered again on every refresh.
    declined: StoredValue<Option<(String, String)>>,
    /// Whether new marks carry the phone's position (Settings).
    pub record_position: RwSignal<bool>,
    /// Moves on at every sign-out (here or in another tab). An answer to a
    /// request sent before it moved belongs to a session that is over and
    /// is dropped, so nothing personal is written back after a sign-out.
    generation: StoredValue<u64>,
}

impl RouteBook {
    /// Reads the saved manifest and marks. Runs before any network request,
    /// so the driver sees their work at once.
    pub fn restore() -> Self {
        let mut issue = None;
        let saved = match storage::get(&keys::MANIFEST) {
            Ok(Some(text)) => match envelope::open(&text) {
                Ok(s) => Some(s),
                Err(e) => {
                    let lang = document_lang();
                    issue = Some(
                        AppFill::SavedManifestUnreadable {
                            detail: &e.describe(lang),
                        }
                        .fill(lang),
                    );
                    None
                }
            },
            Ok(None) => None,
            Err(e) => {
                issue = Some(storage_message(&e));
                None
            }
        };
        let mut unreadable = read_unreadable();
        let marks = match storage::get(&keys::MARKS) {
            Ok(Some(text)) => match serde_json::from_str::<MarkLog>(&text) {
                Ok(m) => m,
                Err(_) => {
                    // Never drop unreadable marks: keep the text aside so
                    // support can recover it (the screens offer it as a
                    // download), and say so.
                    let copy = match unreadable.take() {
                        Some(mut copy) => {
                            copy.add(text);
                            copy
                        }
                        None => UnreadableMarks::new(text, now_ms()),
                    };
                    let _ = storage::set(&keys::UNREADABLE_MARKS, &copy.to_json());
                    unreadable = Some(copy);
                    issue = Some(
                        AppText::SavedMarksUnreadable
                            .text(document_lang())
                            .to_string(),
                    );
                    MarkLog::default()
                }
            },
            _ => MarkLog::default(),
        };
        let saved = RwSignal::new(saved);
        let marks = RwSignal::new(marks);
        let marked = Memo::new(move |_| marks.with(|m| marked_statuses(&m.history)));
        let counts = Memo::new(move |_| {
            saved.with(|s| {
                s.as_ref()
                    .map(|s| marked.with(|mk| Counts::with_marks(&s.manifest, mk)))
                    .unwrap_or_default()
            })
        });
        RouteBook {
            saved,
            marks,
            marked,
            counts,
            refresh: RwSignal::new(Refresh::Idle),
            sync: RwSignal::new(Sync::Idle),
            storage_issue: RwSignal::new(issue),
            position: RwSignal::new(None),
            unreadable: RwSignal::new(unreadable),
            purged: RwSignal::new(false),
            offer: RwSignal::new(None),
            declined: StoredValue::new(None),
            record_position: RwSignal::new(
                storage::get(&keys::MARK_POSITION).ok().flatten().as_deref() != Some("off"),
            ),
            generation: StoredValue::new(0),
        }
    }

    /// Where the sign-outs stand: this tab's generation and the last
    /// sign-out any tab wrote. Read before a request is sent.
    fn sign_out_mark(&self) -> (u64, Option<i64>) {
        (self.generation.get_value(), last_sign_out())
    }

    /// Whether a sign-out happened (here, or in another tab whose `storage`
    /// event this tab has not yet handled) since `mark` was read.
    fn signed_out_since(&self, mark: (u64, Option<i64>)) -> bool {
        self.sign_out_mark() != mark
    }

    /// Turns the position on marks on or off, and remembers the choice.
    pub fn set_record_position(&self, on: bool) {
        self.record_position.set(on);
        if !on {
            self.position.set(None);
        }
        let _ = storage::set(&keys::MARK_POSITION, if on { "on" } else { "off" });
    }

    /// The driver chose the company's manifest over the imported one.
    pub fn accept_offer(&self) {
        if let Some(offer) = self.offer.get_untracked() {
            self.adopt(offer.manifest, ManifestSource::Server { etag: offer.etag });
        }
    }

    /// The driver keeps the imported manifest.
    pub fn decline_offer(&self) {
        if let Some(offer) = self.offer.get_untracked() {
            let m = offer.manifest;
            self.declined.set_value(Some((m.id, m.generated_at)));
            self.offer.set(None);
        }
    }

    /// Writes the mark log; on failure keeps it in memory and says so.
    fn persist_marks(&self, log: &MarkLog) -> bool {
        let text = serde_json::to_string(log).unwrap_or_default();
        match storage::set(&keys::MARKS, &text) {
            Ok(()) => true,
            Err(e) => {
                self.storage_issue.set(Some(storage_message(&e)));
                false
            }
        }
    }

    /// This tab's marks merged with what other tabs stored, so a change made
    /// here never writes over a mark made there.
    fn current_log(&self) -> MarkLog {
        let here = self.marks.get_untracked();
        match read_stored_marks() {
            Some(stored) => here.merge(&stored),
            None => here,
        }
    }

    /// Another tab changed the saved manifest or the marks: take them in.
    /// If that tab's write lost a mark of this one (both marked at once),
    /// write it back: the screen already shows it.
    pub fn reload_from_storage(&self, key: &str) {
        if key == keys::MARKS.name {
            // Removed (a sign-out elsewhere): nothing to merge or restore.
            let Some(stored) = read_stored_marks() else {
                return;
            };
            let here = self.marks.get_untracked();
            let (merged, write_back) = here.reconcile(&stored);
            if write_back {
                self.persist_marks(&merged);
            }
            if merged != here {
                self.marks.set(merged);
            }
        } else if key == keys::MANIFEST.name {
            if let Ok(Some(text)) = storage::get(&keys::MANIFEST) {
                if let Ok(saved) = envelope::open(&text) {
                    self.saved.set(Some(saved));
                }
            }
        } else if key == keys::UNREADABLE_MARKS.name {
            self.unreadable.set(read_unreadable());
        }
    }

    fn record(&self, event: DeliveryEvent) {
        let mut log = self.current_log();
        log.record(event);
        // Storage first, screen second: a tab killed between the two loses
        // nothing the driver saw.
        self.persist_marks(&log);
        self.marks.set(log);
    }

    fn new_event(&self, package_id: &str, kind: EventKind) -> DeliveryEvent {
        let offset = self
            .saved
            .with_untracked(|s| {
                s.as_ref()
                    .and_then(|s| parse_rfc3339(&s.manifest.block.start))
            })
            .map(|st| st.offset_min)
            .unwrap_or_else(local_offset_min);
        // Only while the driver lets marks record it (Settings).
        let position = self
            .position
            .get_untracked()
            .filter(|_| self.record_position.get_untracked());
        DeliveryEvent {
            id: uuid::new_v4(),
            package_id: package_id.to_string(),
            kind,
            reason: None,
            note: None,
            at: format_rfc3339(now_ms(), offset),
            lat: position.map(|p| p.0),
            lng: position.map(|p| p.1),
        }
    }

    pub fn mark_delivered(&self, package_id: &str) {
        self.record(self.new_event(package_id, EventKind::Delivered));
    }

    pub fn mark_attempted(&self, package_id: &str, reason: AttemptReason, note: Option<String>) {
        let mut e = self.new_event(package_id, EventKind::Attempted);
        e.reason = Some(reason);
        e.note = note.filter(|n| !n.trim().is_empty());
        self.record(e);
    }

    /// Undoes the latest mark still in effect. Returns the package it undid.
    pub fn undo(&self) -> Option<String> {
        let target = self.marks.with_untracked(|m| m.undo_target())?;
        self.record(self.new_event(&target, EventKind::Undo));
        Some(target)
    }

    /// Makes a validated manifest the last good state.
    pub fn adopt(&self, manifest: Manifest, source: ManifestSource) {
        let saved = SavedManifest {
            saved_at_ms: now_ms(),
            source,
            manifest,
        };
        if let Err(e) = storage::set(&keys::MANIFEST, &envelope::seal(&saved)) {
            self.storage_issue.set(Some(storage_message(&e)));
        }
        let log = self.current_log().switch_to(&saved.manifest.id);
        if log != self.marks.get_untracked() {
            self.persist_marks(&log);
            self.marks.set(log);
        }
        self.saved.set(Some(saved));
        // A new manifest: the purge notice is about the last one, no longer.
        if self.purged.get_untracked() {
            self.purged.set(false);
        }
        if self.offer.with_untracked(Option::is_some) {
            self.offer.set(None);
        }
    }

    fn replaces_an_import(&self, incoming: &Manifest) -> bool {
        self.saved.with_untracked(|s| {
            s.as_ref().is_some_and(|s| {
                !matches!(s.source, ManifestSource::Server { .. }) && s.manifest.id != incoming.id
            })
        })
    }

    fn is_older_than_saved(&self, incoming: &Manifest) -> bool {
        self.saved.with_untracked(|s| {
            let Some(s) = s else { return false };
            let old = parse_rfc3339(&s.manifest.generated_at).map(|t| t.ms);
            let new = parse_rfc3339(&incoming.generated_at).map(|t| t.ms);
            matches!((old, new), (Some(o), Some(n)) if n < o)
        })
    }

    /// Asks the server for a newer manifest; keeps the saved one on any
    /// failure or rejection.
    pub async fn refresh(&self, api: &Api, token: &str) -> Result<(), Failure> {
        self.refresh.set(Refresh::Loading);
        let etag = self
            .saved
            .with_untracked(|s| match s.as_ref().map(|s| &s.source) {
                Some(ManifestSource::Server { etag }) => etag.clone(),
                _ => None,
            });
        let mark = self.sign_out_mark();
        let answer = api.manifest(token, etag.as_deref()).await;
        if self.signed_out_since(mark) {
            return Ok(());
        }
        match answer {
            Ok(ManifestFetch::NotModified) => {
                self.refresh.set(Refresh::Idle);
                Ok(())
            }
            Ok(ManifestFetch::Fresh { manifest, etag }) => {
                if self.is_older_than_saved(&manifest) {
                    self.refresh
                        .set(Refresh::Rejected(RefreshRejection::OlderThanSaved));
                } else if self.replaces_an_import(&manifest) {
                    // The driver chose the imported manifest on purpose (a
                    // hand-off during an outage); a different one from the
                    // system does not silently take its place, but is
                    // offered: the driver decides (ServerOfferNotice).
                    let declined = self.declined.with_value(|d| {
                        d.as_ref().is_some_and(|(id, at)| {
                            *id == manifest.id && *at == manifest.generated_at
                        })
                    });
                    let offer = ServerOffer { manifest, etag };
                    if !declined && self.offer.with_untracked(|o| o.as_ref() != Some(&offer)) {
                        self.offer.set(Some(offer));
                    }
                    self.refresh.set(Refresh::Idle);
                } else {
                    self.adopt(manifest, ManifestSource::Server { etag });
                    self.refresh.set(Refresh::Idle);
                }
                Ok(())
            }
            Ok(ManifestFetch::Rejected(problems)) => {
                self.refresh
                    .set(Refresh::Rejected(RefreshRejection::unusable(problems)));
                Ok(())
            }
            Err(f) => {
                self.refresh.set(Refresh::Failed(f.clone()));
                Err(f)
            }
        }
    }

    /// Sends unsent marks in order, in batches. A mark leaves the outbox only
    /// when the server lists its id as accepted.
    pub async fn sync(&self, api: &Api, token: &str) -> Result<(), Failure> {
        const BATCH: usize = 50;
        loop {
            let batch = self.marks.with_untracked(|m| m.outbox.next_batch(BATCH));
            if batch.is_empty() {
                self.sync.set(Sync::Idle);
                return Ok(());
            }
            self.sync.set(Sync::Sending);
            let ids: Vec<String> = batch.iter().map(|e| e.id.clone()).collect();
            let mark = self.sign_out_mark();
            let answer = api.send_events(token, batch).await;
            if self.signed_out_since(mark) {
                return Ok(());
            }
            match answer {
                Ok(ack) => {
                    let mut log = self.current_log();
                    let removed = log.outbox.acknowledge(&ack.accepted);
                    if removed == 0 {
                        // The server took none of them: stop rather than loop,
                        // and show them as stuck.
                        log.outbox.record_failure(
                            &ids,
                            DriverText::SyncNotAccepted.text(document_lang()),
                            now_ms(),
                        );
                        self.persist_marks(&log);
                        self.marks.set(log);
                        self.sync.set(Sync::Idle);
                        return Ok(());
                    }
                    self.persist_marks(&log);
                    self.marks.set(log);
                }
                Err(f) => {
                    let mut log = self.current_log();
                    log.outbox.record_failure(
                        &ids,
                        &crate::model::outage::banner_text(
                            crate::state::locale::document_lang(),
                            &f,
                        ),
                        now_ms(),
                    );
                    self.persist_marks(&log);
                    self.marks.set(log);
                    self.sync.set(Sync::Failed(f.clone()));
                    return Err(f);
                }
            }
        }
    }

    /// The retention purge, once `retention_hours` have passed since the
    /// saved manifest's block ended: every personal key goes (see
    /// `model::storage_keys`), except unsent marks, which are still owed to
    /// the server. The caller signs the session out. Returns whether it ran.
    pub fn purge_if_expired(&self, retention_hours: u32, now: i64) -> bool {
        let end = self.saved.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| parse_rfc3339(&s.manifest.block.end))
                .map(|e| e.ms)
        });
        let due = end.is_some_and(|end| personal_data_expired(&[end], retention_hours, now));
        if due {
            self.purge_personal();
        }
        due
    }

    /// Removes every key retention removes, and the mark history; keeps
    /// unsent marks. Used when the manifest's or the fleet's time is up.
    pub fn purge_personal(&self) {
        remove_all(keys::removed_by_retention());
        let log = self.current_log().after_retention_purge();
        if log.unsent() > 0 {
            self.persist_marks(&log);
            self.marks.set(log);
        } else {
            // Nothing owed to the server: nothing of the marks stays.
            let _ = storage::remove(&keys::MARKS);
            self.marks.set(MarkLog::default());
        }
        self.saved.set(None);
        self.refresh.set(Refresh::Idle);
        self.purged.set(true);
    }

    /// The unreadable copy goes a retention window after it was set aside:
    /// until then the screens offer it as a download.
    pub fn purge_unreadable_if_expired(&self, retention_hours: u32, now: i64) {
        let due = self
            .unreadable
            .with_untracked(|u| u.as_ref().is_some_and(|u| u.expired(retention_hours, now)));
        if due {
            let _ = storage::remove(&keys::UNREADABLE_MARKS);
            self.unreadable.set(None);
        }
    }

    /// Forgets everything personal (sign-out): every key sign-out removes.
    pub fn wipe(&self) {
        self.forget();
        remove_all(keys::removed_on_sign_out());
    }

    /// Forgets everything personal in this tab's memory, and drops the
    /// answers to requests still in flight (another tab signed out, and
    /// already removed the stored copies).
    pub fn forget(&self) {
        self.generation.update_value(|g| *g += 1);
        self.offer.set(None);
        self.declined.set_value(None);
        self.saved.set(None);
        self.marks.set(MarkLog::default());
        self.unreadable.set(None);
        self.purged.set(false);
        self.refresh.set(Refresh::Idle);
        self.sync.set(Sync::Idle);
    }
}

fn remove_all<'a>(which: impl Iterator<Item = &'a StorageKey>) {
    for key in which {
        let _ = storage::remove(key);
    }
}

fn read_unreadable() -> Option<UnreadableMarks> {
    let text = storage::get(&keys::UNREADABLE_MARKS).ok().flatten()?;
    let copy = UnreadableMarks::parse(&text, now_ms());
    // A copy in the old form (the raw text) is stored in the new one at
    // once, so its window starts now and only once.
    let json = copy.to_json();
    if json != text {
        let _ = storage::set(&keys::UNREADABLE_MARKS, &json);
    }
    Some(copy)
}

fn read_stored_marks() -> Option<MarkLog> {
    let text = storage::get(&keys::MARKS).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// What a storage failure means for the driver, in words.
pub fn storage_message(e: &StorageError) -> String {
    let lang = document_lang();
    let cause = match e {
        StorageError::Blocked(detail) => AppFill::StorageCauseBlocked { detail }.fill(lang),
        StorageError::Full => AppText::StorageCauseFull.text(lang).to_string(),
        StorageError::Other(detail) => AppFill::StorageCauseOther { detail }.fill(lang),
    };
    AppFill::StorageBlocked { cause: &cause }.fill(lang)
}
