//! The map tiles kept for offline use: when a manifest is saved (or the
//! app starts with one, or the phone is back online after a failed try, or
//! another twenty stops are done), the tiles around the stops still to do
//! are saved, if `config.json`'s map asks for it.
//!
//! The first download only provides the context and, once `config.json`
//! asks for offline tiles, fetches the map's chunk; deciding when (`watch`)
//! and the run itself (`run`) are in that chunk, so a phone without a map
//! carries no code for either.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::routebook::RouteBook;
use super::AppEnv;
use crate::model::map::offline::{
    stops_left, wanted_tiles, BlockKey, TileFailure, TileIndex, TileSaving, BUDGET,
};
use crate::model::map::MapSetup;
use crate::model::storage_keys::MAP_TILES;
use crate::model::time::parse_rfc3339;
use crate::platform::clock::now_ms;
use crate::platform::locks::run_exclusive;
use crate::platform::split::PartMissing;
use crate::platform::storage;
use crate::platform::tile_cache::{absolute, fetch_tile, TileStore};
use crate::{later, split_point};

/// A run starts again after this many more stops are done, so the tiles
/// follow the driver down a route longer than the budget covers.
const STOPS_PER_RUN: usize = 20;

/// Tiles fetched at once.
const AT_ONCE: usize = 4;

thread_local! {
    /// Where saving the tiles stands (for the line under the route map).
    /// One for the app's life, made by the map's code: the first download
    /// carries no signal of it.
    static SAVING: ArcRwSignal<TileSaving> = ArcRwSignal::new(TileSaving::Idle);
}

/// Where saving the tiles stands (for the line under the route map).
pub fn saving() -> ArcRwSignal<TileSaving> {
    SAVING.with(Clone::clone)
}

/// Once `config.json` asks for offline tiles (and the phone is online),
/// fetches the map's code, which then watches for runs to do (`watch`).
/// All the first download carries is this.
pub fn start(env: RwSignal<Option<AppEnv>>, book: RouteBook, online: RwSignal<bool>) {
    let owner = Owner::current();
    // 0: not yet, 1: loading, 2: watching.
    let stage = StoredValue::new(0u8);
    Effect::new(move |_| {
        let wanted = env.with(|e| {
            e.as_ref()
                .and_then(|e| e.config.map.as_deref())
                .is_some_and(MapSetup::asks_offline)
        });
        // A chunk that did not arrive is fetched again once online.
        if !wanted || !online.get() || stage.get_value() != 0 {
            return;
        }
        stage.set_value(1);
        let watch = Watch {
            env,
            book,
            online,
            owner: owner.clone(),
        };
        spawn_local(async move {
            let loaded = later!(watch_part(watch)).is_ok();
            stage.set_value(if loaded { 2 } else { 0 });
        });
    });
}

/// What the map's chunk needs to watch for runs.
pub struct Watch {
    env: RwSignal<Option<AppEnv>>,
    book: RouteBook,
    online: RwSignal<bool>,
    owner: Option<Owner>,
}

split_point!(
    map,
    fn watch_part(w: Watch) -> Result<(), PartMissing> {
        // Under the app's owner, so the watch lives as long as the app.
        match w.owner.clone() {
            Some(owner) => owner.with(|| watch(w)),
            None => watch(w),
        }
        Ok(())
    }
);

#[derive(Clone, Debug, PartialEq)]
struct RunKey {
    map: String,
    manifest_id: String,
    stops_left_bucket: usize,
}

/// One run's work.
struct TileJob {
    map: String,
    retention_hours: u32,
    block: BlockKey,
    remaining: Vec<(f64, f64)>,
    book: RouteBook,
    tiles: ArcRwSignal<TileSaving>,
    running: RwSignal<bool>,
}

/// Starts a run whenever one is due: a manifest saved, the app started
/// with one, the phone back online after a failed run, twenty more stops
/// done, or the map setting changed.
fn watch(w: Watch) {
    let Watch {
        env, book, online, ..
    } = w;
    let tiles = saving();
    let running = RwSignal::new(false);
    let last = StoredValue::new(None::<RunKey>);
    let was_online = StoredValue::new(true);
    Effect::new(move |_| {
        let running_now = running.get();
        let online = online.get();
        let back_online = online && !was_online.get_value();
        was_online.set_value(online);
        let wanted = env.with(|e| {
            let e = e.as_ref()?;
            let map = e
                .config
                .map
                .as_ref()
                .filter(|m| MapSetup::asks_offline(m))?;
            Some((map.clone(), e.config.retention_hours_after_block))
        });
        let job = book.saved.with(|s| {
            let s = s.as_ref()?;
            let end = parse_rfc3339(&s.manifest.block.end)?.ms;
            let left = book.marked.with(|mk| stops_left(&s.manifest, mk));
            Some((s.manifest.id.clone(), end, left))
        });
        if job.is_none() && !running_now {
            // No manifest, no tiles: whatever removed it (sign-out,
            // retention, a manifest that could not be read) removes them
            // too, even one a run cut short wrote back.
            let _ = storage::remove(&MAP_TILES);
        }
        let (Some((map, retention_hours)), Some((manifest_id, block_end_ms, remaining))) =
            (wanted, job)
        else {
            if !running_now && tiles.with_untracked(|s| *s != TileSaving::Idle) {
                tiles.set(TileSaving::Idle);
            }
            return;
        };
        if running_now || !online {
            return;
        }
        let key = RunKey {
            map: map.to_string(),
            manifest_id: manifest_id.clone(),
            stops_left_bucket: remaining.len().div_ceil(STOPS_PER_RUN),
        };
        let failed = tiles.with_untracked(|s| matches!(s, TileSaving::Failed { .. }));
        let same = last.with_value(|l| l.as_ref() == Some(&key));
        // A failed run is tried again when the phone comes back online,
        // not at every mark.
        if same && !(failed && back_online) {
            return;
        }
        last.set_value(Some(key));
        running.set(true);
        spawn_local(run(TileJob {
            map,
            retention_hours,
            block: BlockKey {
                manifest_id,
                block_end_ms,
            },
            remaining,
            book,
            tiles: tiles.clone(),
            running,
        }));
    });
}

/// Whether the manifest the run saves tiles for is still the saved one (a
/// sign-out or the retention purge ends the run).
fn still_current(book: RouteBook, block: &BlockKey) -> bool {
    book.saved.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| s.manifest.id == block.manifest_id)
    })
}

/// The state a run's fetchers share.
struct Shared {
    queue: std::collections::VecDeque<String>,
    index: TileIndex,
    stored: usize,
    stop: Option<TileFailure>,
    full: bool,
}

async fn run(job: TileJob) {
    let (tiles, running) = (job.tiles, job.running);
    let shown = tiles.clone();
    let finish = move |saving: TileSaving| {
        shown.set(saving);
        running.set(false);
    };
    let setup = match MapSetup::from_text(&job.map) {
        Ok(s) if s.offline_tiles => s,
        // A map set up wrong is reported by the map itself.
        _ => return finish(TileSaving::Idle),
    };
    // Opening the cache creates it: never for a manifest already gone.
    if !still_current(job.book, &job.block) {
        return finish(TileSaving::Idle);
    }
    let store = match TileStore::open().await {
        Ok(s) => s,
        Err(why) => return finish(TileSaving::Failed { why, tiles: 0 }),
    };
    let wanted: Vec<String> = wanted_tiles(&job.remaining, setup.max_zoom, 10 * BUDGET.tiles)
        .into_iter()
        .map(|t| absolute(&setup.tiles.fill(t)))
        .collect();
    let book = job.book;
    let block = job.block.clone();
    let retention_hours = job.retention_hours;
    let wanted_count = wanted.len();
    let outcome = std::rc::Rc::new(std::cell::RefCell::new(None::<TileSaving>));
    let slot = outcome.clone();
    // One tab at a time fills the cache; another tab's run shows its result
    // here from the index.
    let ran = run_exclusive("roadbook-map-tiles", async move {
        let mut index = store.index().await;
        let cached = store.urls().await.unwrap_or_default();
        for stray in index.reconcile(&cached) {
            store.remove(&stray).await;
        }
        let begin = index.begin(&block, &wanted, BUDGET, retention_hours, now_ms());
        for url in &begin.remove {
            store.remove(url).await;
        }
        if !still_current(book, &block) {
            *slot.borrow_mut() = Some(TileSaving::Idle);
            return;
        }
        let _ = store.save_index(&index).await;
        let kept = index.kept_for(&block).0;
        let total = kept + begin.fetch.len();
        tiles.set(TileSaving::Saving { done: kept, total });
        let shared = std::rc::Rc::new(std::cell::RefCell::new(Shared {
            queue: begin.fetch.into_iter().collect(),
            index,
            stored: kept,
            stop: None,
            full: false,
        }));
        let store = std::rc::Rc::new(store);
        let workers = js_sys::Array::new();
        for _ in 0..AT_ONCE {
            let (shared, store, block) = (shared.clone(), store.clone(), block.clone());
            let tiles = tiles.clone();
            workers.push(&future_to_promise(async move {
                loop {
                    let next = {
                        let mut s = shared.borrow_mut();
                        if s.stop.is_some() || s.full || !still_current(book, &block) {
                            None
                        } else {
                            s.queue.pop_front()
                        }
                    };
                    let Some(url) = next else { break };
                    let fetched = match fetch_tile(&url).await {
                        Ok(f) => f,
                        Err(why) => {
                            shared.borrow_mut().stop.get_or_insert(why);
                            break;
                        }
                    };
                    if !still_current(book, &block) {
                        break;
                    }
                    let admitted =
                        shared
                            .borrow_mut()
                            .index
                            .admit(&block, &url, fetched.bytes, BUDGET);
                    let Some(evicted) = admitted else {
                        shared.borrow_mut().full = true;
                        break;
                    };
                    for old in evicted {
                        store.remove(&old).await;
                    }
                    if let Err(why) = store.put(&url, &fetched.response).await {
                        let mut s = shared.borrow_mut();
                        s.index.forget(&url);
                        s.stop.get_or_insert(why);
                        break;
                    }
                    let stored = {
                        let mut s = shared.borrow_mut();
                        s.stored += 1;
                        s.stored
                    };
                    tiles.set(TileSaving::Saving {
                        done: stored,
                        total,
                    });
                    if stored % 25 == 0 && still_current(book, &block) {
                        let index = shared.borrow().index.clone();
                        let _ = store.save_index(&index).await;
                    }
                }
                Ok(JsValue::UNDEFINED)
            }));
        }
        let _ = JsFuture::from(js_sys::Promise::all(&workers)).await;
        if !still_current(book, &block) {
            // Signed out or purged meanwhile: the cache is gone, say nothing.
            *slot.borrow_mut() = Some(TileSaving::Idle);
            return;
        }
        let (index, stop) = {
            let s = shared.borrow();
            (s.index.clone(), s.stop.clone())
        };
        let _ = store.save_index(&index).await;
        let (count, bytes) = index.kept_for(&block);
        *slot.borrow_mut() = Some(match &stop {
            Some(why) => TileSaving::Failed {
                why: why.clone(),
                tiles: count,
            },
            None => TileSaving::Saved {
                tiles: count,
                wanted: wanted_count.max(count),
                bytes,
            },
        });
    })
    .await;
    let result = outcome.borrow_mut().take();
    match (ran, result) {
        (true, Some(saving)) => finish(saving),
        // Another tab is saving them: show what is saved so far.
        _ => {
            let saved = match TileStore::open().await {
                Ok(store) => store.index().await.kept_for(&job.block),
                Err(_) => (0, 0),
            };
            finish(TileSaving::Saved {
                tiles: saved.0,
                wanted: wanted_count.max(saved.0),
                bytes: saved.1,
            })
        }
    }
}
