//! Map tiles kept on the phone, so the map still shows in a dead zone and
//! after an offline reload.
//!
//! When a manifest is saved (and when the app starts with one), the tiles
//! around the stops still to do are fetched into a service-worker cache,
//! most useful first, within a [`Budget`]. The cache keeps an index of
//! which block each tile is for: a new block's tiles push out the oldest
//! block's first, and a block's tiles go when its retention window ends,
//! as its manifest does (the tiles show where the driver went). Sign-out
//! removes them all (`storage_keys::MAP_TILES`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::camera::{Camera, Insets, Viewport, Zooms};
use super::mercator::{world_px, World};
use super::tiles::{covering, TileId};
use crate::model::i18n::catalogues::{MapFill as F, MapText as T};
use crate::model::i18n::{Fill, Lang, Text};
use crate::model::manifest::{Manifest, PackageStatus};
use crate::model::progress::status_of;

/// How much a phone keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    pub tiles: usize,
    pub bytes: u64,
}

/// 400 tiles and 10 MB: the overview of a day's route and the streets
/// around its next few dozen stops, a small share of any phone's storage.
pub const BUDGET: Budget = Budget {
    tiles: 400,
    bytes: 10 * 1024 * 1024,
};

/// The route map on a small phone (style/map.css: `.route-map .map` on a
/// 360-pixel-wide screen), which the planned first view is fitted to.
pub const PHONE_MAP: Viewport = Viewport {
    width: 322.0,
    height: 300.0,
};

/// The route map on a desk (the left column at 1440 × 900), which the
/// deepest planned first view is fitted to.
const DESK_MAP: Viewport = Viewport {
    width: 700.0,
    height: 630.0,
};

/// How much around the first view's centre is kept at each overview level:
/// the map on any phone or desk (every first view has the same centre).
const OVERVIEW_COVER: Viewport = Viewport {
    width: 720.0,
    height: 720.0,
};

/// Room left around the stops in a first view, pixels: the map's buttons
/// are at the top and on the right, its credit line at the bottom
/// (style/map.css), and nothing fitted should hide under them.
pub const FIT_PAD: Insets = Insets {
    top: 64.0,
    right: 64.0,
    bottom: 40.0,
    left: 24.0,
};

/// The zooms the route map allows: from a region to the tile source's
/// deepest level; one stop alone is shown at street level.
pub fn route_zooms(max_zoom: u8) -> Zooms {
    let max = f64::from(max_zoom);
    Zooms {
        min: 3.0_f64.min(max),
        max,
        single: 16.0_f64.min(max),
    }
}

/// The street levels kept around each stop still to do.
pub const STREET_LEVELS: [u8; 3] = [15, 16, 17];

/// How far around a stop its street tiles reach, pixels at their level.
const AROUND_STOP_PX: f64 = 128.0;

/// The tiles a route wants on the phone, most useful first, at most
/// `limit`: the whole of the stops still to do at the first view's zoom
/// (on a small phone's map to a desk's) and one level either side, then
/// stop by stop from the next one the streets around it at
/// [`STREET_LEVELS`]. Levels past `max_zoom` are left out, and no tile
/// comes twice.
pub fn wanted_tiles(remaining: &[(f64, f64)], max_zoom: u8, limit: usize) -> Vec<TileId> {
    let stops: Vec<World> = remaining
        .iter()
        .map(|&(lat, lng)| World::from_lat_lng(lat, lng))
        .filter(|w| w.is_finite())
        .collect();
    let zooms = route_zooms(max_zoom);
    let Some(first) = Camera::fit(&stops, PHONE_MAP, FIT_PAD, zooms) else {
        return Vec::new();
    };
    let deepest = Camera::fit(&stops, DESK_MAP, FIT_PAD, zooms).map_or(first.zoom, |c| c.zoom);
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |tiles: Vec<TileId>, out: &mut Vec<TileId>| {
        for t in tiles {
            if out.len() >= limit {
                return;
            }
            if seen.insert(t) {
                out.push(t);
            }
        }
    };
    let (small, large) = (first.zoom as i32, deepest as i32);
    let levels = std::iter::once(small)
        .chain(small + 1..=large + 1)
        .chain(std::iter::once(small - 1));
    for z in levels {
        if z < 0 || z > i32::from(max_zoom) {
            continue;
        }
        let view = Camera {
            zoom: f64::from(z),
            ..first
        };
        add(view.tiles(OVERVIEW_COVER, max_zoom).1, &mut out);
    }
    for stop in &stops {
        for z in STREET_LEVELS.into_iter().filter(|z| *z <= max_zoom) {
            let r = AROUND_STOP_PX / world_px(f64::from(z));
            let lo = World {
                x: stop.x - r,
                y: stop.y - r,
            };
            let hi = World {
                x: stop.x + r,
                y: stop.y + r,
            };
            add(covering(lo, hi, z, 16), &mut out);
        }
        if out.len() >= limit {
            break;
        }
    }
    out
}

/// Where the stops still to do are, in route order: a stop is done once
/// none of its packages is pending after the driver's marks.
pub fn stops_left(m: &Manifest, marks: &HashMap<String, PackageStatus>) -> Vec<(f64, f64)> {
    m.stops
        .iter()
        .filter(|s| {
            s.packages
                .iter()
                .any(|p| *status_of(p, marks) == PackageStatus::Pending)
        })
        .map(|s| (s.lat, s.lng))
        .collect()
}

/// One tile in the cache.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedTile {
    pub url: String,
    pub bytes: u64,
}

/// The tiles kept for one manifest's block, most useful first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedBlock {
    pub manifest_id: String,
    /// When the block ends (epoch ms); its tiles go `retention_hours` later.
    pub block_end_ms: i64,
    pub tiles: Vec<CachedTile>,
}

/// Which manifest's block a run saves tiles for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockKey {
    pub manifest_id: String,
    pub block_end_ms: i64,
}

/// What is in the cache, by block, oldest block first. Stored in the
/// cache beside the tiles, so it goes with them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileIndex {
    pub blocks: Vec<CachedBlock>,
}

/// The start of a run: what to take out of the cache, and what to fetch
/// (in order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Begin {
    pub remove: Vec<String>,
    pub fetch: Vec<String>,
}

impl TileIndex {
    /// An index that cannot be read counts as empty (the run then clears
    /// the cache of what it does not know; see [`TileIndex::reconcile`]).
    pub fn parse(text: &str) -> TileIndex {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn tile_count(&self) -> usize {
        self.blocks.iter().map(|b| b.tiles.len()).sum()
    }

    pub fn byte_count(&self) -> u64 {
        self.blocks
            .iter()
            .flat_map(|b| &b.tiles)
            .map(|t| t.bytes)
            .sum()
    }

    /// The tiles kept for `block`, and their bytes.
    pub fn kept_for(&self, block: &BlockKey) -> (usize, u64) {
        self.blocks
            .iter()
            .find(|b| b.manifest_id == block.manifest_id)
            .map(|b| (b.tiles.len(), b.tiles.iter().map(|t| t.bytes).sum()))
            .unwrap_or((0, 0))
    }

    /// Makes the index match what the cache holds (`cached`, the tile
    /// URLs in it): tiles the cache lost are forgotten, and the cache
    /// entries the index does not know (a run cut short between storing a
    /// tile and its index) are returned, to be removed.
    pub fn reconcile(&mut self, cached: &[String]) -> Vec<String> {
        let held: std::collections::HashSet<&str> = cached.iter().map(String::as_str).collect();
        for b in &mut self.blocks {
            b.tiles.retain(|t| held.contains(t.url.as_str()));
        }
        self.blocks.retain(|b| !b.tiles.is_empty());
        let known: std::collections::HashSet<&str> = self
            .blocks
            .iter()
            .flat_map(|b| &b.tiles)
            .map(|t| t.url.as_str())
            .collect();
        cached
            .iter()
            .filter(|u| !known.contains(u.as_str()))
            .cloned()
            .collect()
    }

    /// Forgets one tile (one that could not be stored after all).
    pub fn forget(&mut self, url: &str) {
        for b in &mut self.blocks {
            b.tiles.retain(|t| t.url != url);
        }
    }

    /// Prepares a run for `block` wanting `wanted` (most useful first):
    /// blocks past their retention go; the tiles `block` wants that are
    /// cached already are kept for it (whichever block fetched them), the
    /// ones it no longer wants (stops done since) go, and the rest are to
    /// be fetched, no more than the budget's count. `block` becomes the
    /// newest.
    pub fn begin(
        &mut self,
        block: &BlockKey,
        wanted: &[String],
        budget: Budget,
        retention_hours: u32,
        now: i64,
    ) -> Begin {
        let mut remove = Vec::new();
        let window = i64::from(retention_hours) * 3_600_000;
        let (expired, live): (Vec<CachedBlock>, Vec<CachedBlock>) =
            std::mem::take(&mut self.blocks).into_iter().partition(|b| {
                b.manifest_id != block.manifest_id && now >= b.block_end_ms + window
            });
        self.blocks = live;
        let mut leftovers: Vec<CachedTile> = expired.into_iter().flat_map(|b| b.tiles).collect();
        let mine = self
            .blocks
            .iter()
            .position(|b| b.manifest_id == block.manifest_id)
            .map(|i| self.blocks.remove(i));
        let mut own: Vec<CachedTile> = mine.map(|b| b.tiles).unwrap_or_default();
        let mut kept = Vec::new();
        let mut fetch = Vec::new();
        let wanted = &wanted[..wanted.len().min(budget.tiles)];
        for url in wanted {
            let take = |tiles: &mut Vec<CachedTile>| {
                tiles
                    .iter()
                    .position(|t| &t.url == url)
                    .map(|i| tiles.remove(i))
            };
            let found = take(&mut own)
                .or_else(|| take(&mut leftovers))
                .or_else(|| self.blocks.iter_mut().find_map(|b| take(&mut b.tiles)));
            match found {
                Some(t) => kept.push(t),
                None => fetch.push(url.clone()),
            }
        }
        remove.extend(own.into_iter().map(|t| t.url));
        remove.extend(leftovers.into_iter().map(|t| t.url));
        self.blocks.retain(|b| !b.tiles.is_empty());
        self.blocks.push(CachedBlock {
            manifest_id: block.manifest_id.clone(),
            block_end_ms: block.block_end_ms,
            tiles: kept,
        });
        // A smaller budget than the cache was filled with: the oldest
        // blocks' tiles go first.
        while self.tile_count() > budget.tiles || self.byte_count() > budget.bytes {
            match self.evict_oldest(block) {
                Some(url) => remove.push(url),
                None => {
                    let own = self.blocks.last_mut().and_then(|b| b.tiles.pop());
                    match own {
                        Some(t) => {
                            remove.push(t.url.clone());
                            fetch.retain(|u| u != &t.url);
                        }
                        None => break,
                    }
                }
            }
        }
        Begin { remove, fetch }
    }

    /// The least useful tile of the oldest block other than `block`.
    fn evict_oldest(&mut self, block: &BlockKey) -> Option<String> {
        let b = self
            .blocks
            .iter_mut()
            .find(|b| b.manifest_id != block.manifest_id && !b.tiles.is_empty())?;
        let t = b.tiles.pop()?;
        self.blocks
            .retain(|b| !b.tiles.is_empty() || b.manifest_id == block.manifest_id);
        Some(t.url)
    }

    /// Records a fetched tile of `bytes` for `block`, first taking out
    /// older blocks' tiles (the oldest block's first) until it fits the
    /// budget. Returns what was taken out, or `None` when it cannot fit
    /// even then (`block`'s own tiles fill the budget): the run stops.
    pub fn admit(
        &mut self,
        block: &BlockKey,
        url: &str,
        bytes: u64,
        budget: Budget,
    ) -> Option<Vec<String>> {
        let own = self.kept_for(block);
        if own.0 + 1 > budget.tiles || own.1 + bytes > budget.bytes {
            return None;
        }
        let mut removed = Vec::new();
        while self.tile_count() + 1 > budget.tiles || self.byte_count() + bytes > budget.bytes {
            removed.push(self.evict_oldest(block)?);
        }
        let i = match self
            .blocks
            .iter()
            .position(|b| b.manifest_id == block.manifest_id)
        {
            Some(i) => i,
            None => {
                self.blocks.push(CachedBlock {
                    manifest_id: block.manifest_id.clone(),
                    block_end_ms: block.block_end_ms,
                    tiles: Vec::new(),
                });
                self.blocks.len() - 1
            }
        };
        self.blocks[i].tiles.push(CachedTile {
            url: url.to_string(),
            bytes,
        });
        Some(removed)
    }
}

/// Why tiles could not be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TileFailure {
    /// No answer (offline, a timeout, or a tile server that does not allow
    /// this site to read its tiles: CORS).
    Unreachable,
    /// The tile server answered with an error status.
    Refused(u16),
    /// The answer was not an image.
    NotImage,
    /// The browser does not let the app store files (private mode, no
    /// service worker support).
    NoStorage,
    /// The phone's storage for this site is full.
    Full,
}

/// Where saving tiles for offline use stands, for the line under the map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TileSaving {
    /// Not asked for, or not started yet.
    #[default]
    Idle,
    Saving {
        done: usize,
        total: usize,
    },
    /// `tiles` (of `bytes`) are on the phone; `wanted` is how many the route
    /// would like, more than `tiles` when the budget ran out first.
    Saved {
        tiles: usize,
        wanted: usize,
        bytes: u64,
    },
    Failed {
        why: TileFailure,
        tiles: usize,
    },
}

/// "4.1 MB" / "4,1 MB".
pub fn megabytes(lang: Lang, bytes: u64) -> String {
    let tenths = (bytes as f64 / 104_857.6).round() as u64;
    let sep = match lang {
        Lang::En => ".",
        Lang::Es => ",",
    };
    format!("{}{sep}{} MB", tenths / 10, tenths % 10)
}

/// The line under the map about the tiles on the phone (none while idle).
pub fn saving_words(lang: Lang, s: &TileSaving) -> Option<String> {
    Some(match s {
        TileSaving::Idle => return None,
        TileSaving::Saving { done, total } => F::OfflineSaving { done, total }.fill(lang),
        TileSaving::Saved {
            tiles,
            wanted,
            bytes,
        } if tiles >= wanted => F::OfflineSaved {
            tiles,
            size: &megabytes(lang, *bytes),
        }
        .fill(lang),
        TileSaving::Saved {
            tiles,
            wanted,
            bytes,
        } => F::OfflineSavedSome {
            tiles,
            wanted,
            size: &megabytes(lang, *bytes),
        }
        .fill(lang),
        TileSaving::Failed { why, tiles } => {
            let reason = match why {
                TileFailure::Unreachable => T::FailUnreachable.text(lang).to_string(),
                TileFailure::Refused(status) => F::FailRefused { status }.fill(lang),
                TileFailure::NotImage => T::FailNotImage.text(lang).to_string(),
                TileFailure::NoStorage => T::FailNoStorage.text(lang).to_string(),
                TileFailure::Full => T::FailFull.text(lang).to_string(),
            };
            F::OfflineFailed {
                reason: &reason,
                tiles,
            }
            .fill(lang)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, end: i64) -> BlockKey {
        BlockKey {
            manifest_id: id.into(),
            block_end_ms: end,
        }
    }

    fn urls(n: usize, prefix: &str) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}/{i}.png")).collect()
    }

    /// A route through south-east Portland, the demo's streets.
    fn route(stops: usize) -> Vec<(f64, f64)> {
        (0..stops)
            .map(|i| {
                let street = (i * 7) % 25;
                let avenue = 12 + (i * 13) % 70;
                (
                    45.5220 - street as f64 * 0.001,
                    -122.6535 + avenue as f64 * 0.00108,
                )
            })
            .collect()
    }

    #[test]
    fn wanted_tiles_start_with_the_overview_then_the_next_stops() {
        let stops = route(130);
        let all = wanted_tiles(&stops, 18, 10_000);
        let capped = wanted_tiles(&stops, 18, 400);
        assert_eq!(capped.len(), 400);
        assert_eq!(&all[..400], &capped[..], "the cap keeps the most useful");
        let mut uniq = all.clone();
        uniq.sort();
        uniq.dedup();
        assert_eq!(uniq.len(), all.len(), "no tile twice");
        // The first view of the stops is all there, first.
        let first = Camera::fit(
            &stops
                .iter()
                .map(|&(a, b)| World::from_lat_lng(a, b))
                .collect::<Vec<_>>(),
            PHONE_MAP,
            FIT_PAD,
            route_zooms(18),
        )
        .unwrap();
        // The map on any phone or desk (up to 720 × 720 pixels) around it.
        let (level, view) = first.tiles(OVERVIEW_COVER, 18);
        assert_eq!(&all[..view.len()], &view[..]);
        // The first view of a 390-pixel phone's map (352 × 360) and one
        // level in, and a desk's first view, are all kept.
        let worlds: Vec<World> = stops
            .iter()
            .map(|&(a, b)| World::from_lat_lng(a, b))
            .collect();
        for (vp, levels_in) in [
            (
                Viewport {
                    width: 352.0,
                    height: 360.0,
                },
                1.0,
            ),
            (
                Viewport {
                    width: 430.0,
                    height: 420.0,
                },
                1.0,
            ),
            (DESK_MAP, 0.0),
        ] {
            let view = Camera::fit(&worlds, vp, FIT_PAD, route_zooms(18)).unwrap();
            for dz in [0.0, levels_in] {
                let tiles = Camera {
                    zoom: view.zoom + dz,
                    ..view
                }
                .tiles(vp, 18)
                .1;
                assert!(tiles.iter().all(|t| all.contains(t)), "{vp:?} at +{dz}");
            }
        }
        assert!(
            all.iter().all(|t| t.z <= 17),
            "no deeper than the street levels"
        );
        // The next stop's street tiles come before the last stop's.
        let next = TileId::at(World::from_lat_lng(stops[0].0, stops[0].1), 17);
        let last = TileId::at(World::from_lat_lng(stops[129].0, stops[129].1), 17);
        let pos = |t| all.iter().position(|x| *x == t).unwrap();
        assert!(pos(next) < pos(last));
        assert!((11..=14).contains(&level), "{level}");
        // A source that stops at 16 gets nothing deeper; no stops, no tiles.
        assert!(wanted_tiles(&stops, 16, 10_000).iter().all(|t| t.z <= 16));
        assert!(wanted_tiles(&[], 18, 400).is_empty());
        assert!(wanted_tiles(&[(f64::NAN, 0.0)], 18, 400).is_empty());
    }

    #[test]
    fn the_stops_left_follow_the_marks() {
        let m: Manifest =
            serde_json::from_str(include_str!("../../../tests/fixtures/manifest.json")).unwrap();
        // The fixture's first stop has a package pending; the second's
        // only package was attempted.
        let mut marks = HashMap::new();
        assert_eq!(
            stops_left(&m, &marks),
            vec![(m.stops[0].lat, m.stops[0].lng)]
        );
        for p in &m.stops[0].packages {
            marks.insert(p.id.clone(), PackageStatus::Delivered);
        }
        assert_eq!(stops_left(&m, &marks), vec![]);
        // An undo makes a stop one to do again.
        marks.insert(m.stops[1].packages[0].id.clone(), PackageStatus::Pending);
        assert_eq!(
            stops_left(&m, &marks),
            vec![(m.stops[1].lat, m.stops[1].lng)]
        );
    }

    #[test]
    fn a_first_run_fetches_up_to_the_budget() {
        let mut index = TileIndex::default();
        let b = key("M-1", 1_000);
        let want = urls(450, "a");
        let run = index.begin(&b, &want, BUDGET, 24, 0);
        assert!(run.remove.is_empty());
        assert_eq!(run.fetch, want[..400].to_vec());
        for u in &run.fetch {
            assert_eq!(index.admit(&b, u, 20_000, BUDGET), Some(vec![]));
        }
        assert_eq!(index.tile_count(), 400);
        assert_eq!(index.kept_for(&b), (400, 8_000_000));
        // Full: one more does not fit.
        assert_eq!(index.admit(&b, "a/extra.png", 1, BUDGET), None);
    }

    #[test]
    fn the_byte_budget_stops_a_run_of_heavy_tiles() {
        let mut index = TileIndex::default();
        let b = key("M-1", 1_000);
        let run = index.begin(&b, &urls(400, "a"), BUDGET, 24, 0);
        let mut stored = 0;
        for u in &run.fetch {
            match index.admit(&b, u, 40_000, BUDGET) {
                Some(_) => stored += 1,
                None => break,
            }
        }
        assert_eq!(stored, (BUDGET.bytes / 40_000) as usize);
        assert!(index.byte_count() <= BUDGET.bytes);
    }

    #[test]
    fn a_new_block_pushes_out_the_oldest_blocks_tiles_first() {
        let mut index = TileIndex::default();
        let (old, mid, new) = (key("M-1", 1_000), key("M-2", 2_000), key("M-3", 3_000));
        for (b, p) in [(&old, "o"), (&mid, "m")] {
            let run = index.begin(b, &urls(200, p), BUDGET, 24, 0);
            for u in &run.fetch {
                index.admit(b, u, 1_000, BUDGET).unwrap();
            }
        }
        assert_eq!(index.tile_count(), 400);
        let run = index.begin(&new, &urls(150, "n"), BUDGET, 24, 0);
        assert!(run.remove.is_empty(), "nothing goes before it must");
        let mut removed = Vec::new();
        for u in &run.fetch {
            removed.extend(index.admit(&new, u, 1_000, BUDGET).unwrap());
        }
        assert_eq!(removed.len(), 150);
        assert!(
            removed.iter().all(|u| u.starts_with("o/")),
            "only the oldest block's"
        );
        // The oldest block's least useful tiles went first.
        assert_eq!(removed[0], "o/199.png");
        assert_eq!(index.kept_for(&old).0, 50);
        assert_eq!(index.kept_for(&mid).0, 200);
        assert_eq!(index.tile_count(), 400);
    }

    #[test]
    fn retention_and_progress_take_tiles_out() {
        let mut index = TileIndex::default();
        let hour = 3_600_000;
        let (old, new) = (key("M-1", 10 * hour), key("M-2", 40 * hour));
        let run = index.begin(&old, &urls(10, "o"), BUDGET, 24, 0);
        for u in &run.fetch {
            index.admit(&old, u, 10, BUDGET).unwrap();
        }
        // A day after the old block ended plus its 24 hours, its tiles go,
        // except those the new block wants too (it keeps them, unfetched).
        let mut want = urls(3, "n");
        want.push("o/4.png".into());
        let run = index.begin(&new, &want, BUDGET, 24, 34 * hour);
        assert_eq!(run.fetch, urls(3, "n"));
        assert_eq!(run.remove.len(), 9);
        assert!(!run.remove.contains(&"o/4.png".to_string()));
        assert_eq!(index.kept_for(&old), (0, 0));
        assert_eq!(index.kept_for(&new), (1, 10));
        // Before its time, an old block's tiles stay.
        let mut index2 = TileIndex::default();
        let run = index2.begin(&old, &urls(2, "o"), BUDGET, 24, 0);
        for u in &run.fetch {
            index2.admit(&old, u, 10, BUDGET).unwrap();
        }
        assert!(index2
            .begin(&new, &[], BUDGET, 24, 33 * hour)
            .remove
            .is_empty());
        // Stops done since the last run: their tiles make room.
        let run = index.begin(&new, &["n/9.png".to_string()], BUDGET, 24, 34 * hour);
        assert_eq!(run.remove, vec!["o/4.png".to_string()]);
        assert_eq!(run.fetch, vec!["n/9.png".to_string()]);
    }

    #[test]
    fn the_index_follows_what_the_cache_holds() {
        let mut index = TileIndex::default();
        let b = key("M-1", 0);
        let run = index.begin(&b, &urls(3, "a"), BUDGET, 24, 0);
        for u in &run.fetch {
            index.admit(&b, u, 5, BUDGET).unwrap();
        }
        let cached = vec![
            "a/0.png".to_string(),
            "a/2.png".to_string(),
            "stray.png".to_string(),
        ];
        assert_eq!(index.reconcile(&cached), vec!["stray.png".to_string()]);
        assert_eq!(index.tile_count(), 2);
        assert_eq!(TileIndex::parse(&index.to_json()), index);
        assert_eq!(TileIndex::parse("not json"), TileIndex::default());
    }

    #[test]
    fn the_line_under_the_map() {
        assert_eq!(megabytes(Lang::En, 4_300_000), "4.1 MB");
        assert_eq!(megabytes(Lang::Es, 4_300_000), "4,1 MB");
        assert_eq!(saving_words(Lang::En, &TileSaving::Idle), None);
        let saved = TileSaving::Saved {
            tiles: 312,
            wanted: 312,
            bytes: 4_300_000,
        };
        assert_eq!(
            saving_words(Lang::En, &saved).unwrap(),
            "Map saved for offline use: 312 tiles (4.1 MB)."
        );
        let some = TileSaving::Saved {
            tiles: 400,
            wanted: 1_212,
            bytes: 9_000_000,
        };
        assert!(saving_words(Lang::En, &some)
            .unwrap()
            .contains("400 of the 1212"));
        let failed = TileSaving::Failed {
            why: TileFailure::Refused(403),
            tiles: 0,
        };
        let en = saving_words(Lang::En, &failed).unwrap();
        assert!(en.contains("403"), "{en}");
        let es = saving_words(Lang::Es, &failed).unwrap();
        assert_eq!(
            crate::model::i18n::english_left_in(&en, &es),
            Vec::<String>::new(),
            "{es}"
        );
    }
}
