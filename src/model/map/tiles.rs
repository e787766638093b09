//! XYZ raster tiles: which tile holds a point, and which tiles cover a box.

use super::mercator::World;

/// The deepest zoom level any tile service offers.
pub const MAX_LEVEL: u8 = 22;

/// One raster tile: zoom level `z`, column `x` (west to east) and row `y`
/// (north to south), each from 0 to 2^z − 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

/// How many tiles span the world at level `z`.
fn span(z: u8) -> f64 {
    f64::from(z.min(MAX_LEVEL)).exp2()
}

impl TileId {
    /// The tile at level `z` that holds `w` (a point on the edge of the
    /// world belongs to the last tile).
    pub fn at(w: World, z: u8) -> TileId {
        let z = z.min(MAX_LEVEL);
        let n = span(z);
        let cell = |v: f64| (v.clamp(0.0, 1.0) * n).floor().min(n - 1.0).max(0.0) as u32;
        TileId {
            z,
            x: cell(w.x),
            y: cell(w.y),
        }
    }

    /// The tile's north-west corner.
    pub fn origin(self) -> World {
        let n = span(self.z);
        World {
            x: f64::from(self.x) / n,
            y: f64::from(self.y) / n,
        }
    }

    /// The side of the tile as a share of the world's.
    pub fn side(self) -> f64 {
        1.0 / span(self.z)
    }
}

/// The tiles at level `z` that cover the box from `lo` to `hi`, row by
/// row from the north-west, at most `limit` of them (a box the size of a
/// continent at street level would be millions).
pub fn covering(lo: World, hi: World, z: u8, limit: usize) -> Vec<TileId> {
    if !(lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    let a = TileId::at(lo, z);
    let b = TileId::at(hi, z);
    let mut out = Vec::new();
    for y in a.y.min(b.y)..=a.y.max(b.y) {
        for x in a.x.min(b.x)..=a.x.max(b.x) {
            if out.len() >= limit {
                return out;
            }
            out.push(TileId { z: a.z, x, y });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tile_holding_a_point() {
        let p = World::from_lat_lng(45.5131, -122.6717);
        assert_eq!(
            TileId::at(p, 16),
            TileId {
                z: 16,
                x: 10436,
                y: 23442
            }
        );
        // Level 0 is one tile; the world's far edge is in the last tile.
        assert_eq!(
            TileId::at(World { x: 1.0, y: 1.0 }, 0),
            TileId { z: 0, x: 0, y: 0 }
        );
        assert_eq!(
            TileId::at(World { x: 1.0, y: 1.0 }, 2),
            TileId { z: 2, x: 3, y: 3 }
        );
        assert_eq!(
            TileId::at(World { x: -0.5, y: 2.0 }, 3),
            TileId { z: 3, x: 0, y: 7 }
        );
        let t = TileId { z: 2, x: 1, y: 3 };
        assert_eq!(t.origin(), World { x: 0.25, y: 0.75 });
        assert_eq!(t.side(), 0.25);
    }

    #[test]
    fn covering_a_box() {
        let lo = World { x: 0.26, y: 0.51 };
        let hi = World { x: 0.74, y: 0.52 };
        let tiles = covering(lo, hi, 2, 100);
        assert_eq!(
            tiles,
            vec![TileId { z: 2, x: 1, y: 2 }, TileId { z: 2, x: 2, y: 2 }]
        );
        // One point: one tile. A limit is a limit.
        assert_eq!(covering(lo, lo, 10, 100).len(), 1);
        assert_eq!(
            covering(World { x: 0.0, y: 0.0 }, World { x: 1.0, y: 1.0 }, 10, 50).len(),
            50
        );
        assert!(covering(
            World {
                x: f64::NAN,
                y: 0.0
            },
            hi,
            3,
            10
        )
        .is_empty());
    }
}
