//! What the map shows: a centre and a zoom, moved by drags, pinches, the
//! wheel and the keyboard, and the first view that fits what matters.
//!
//! Screen positions are CSS pixels from the map's top-left corner.

use super::mercator::{bounds, world_px, World, TILE_PX};
use super::tiles::{covering, TileId, MAX_LEVEL};

/// The map's size on screen, CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

/// Room to keep free at each edge of the map when fitting (pixels): where
/// its buttons and credit line sit, so nothing fitted hides under them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Insets {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

impl Insets {
    pub const fn all(pad: f64) -> Insets {
        Insets {
            top: pad,
            right: pad,
            bottom: pad,
            left: pad,
        }
    }
}

/// The zooms a map allows: `min` and `max` bound every move; `single` is
/// the zoom for a first view of one point (or of points on one spot).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zooms {
    pub min: f64,
    pub max: f64,
    pub single: f64,
}

/// The view: the world point at the middle of the map, and the zoom
/// (fractional while pinching; whole after a fit or a button).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub center: World,
    pub zoom: f64,
}

impl Camera {
    /// The tile level drawn at this zoom: the nearest whole zoom, no
    /// deeper than the tile source goes (past it, its deepest tiles are
    /// drawn larger).
    pub fn level(&self, max_level: u8) -> u8 {
        let top = f64::from(max_level.min(MAX_LEVEL));
        self.zoom.round().clamp(0.0, top) as u8
    }

    /// Where `w` is on screen.
    pub fn to_screen(&self, w: World, vp: Viewport) -> (f64, f64) {
        let s = world_px(self.zoom);
        (
            vp.width / 2.0 + (w.x - self.center.x) * s,
            vp.height / 2.0 + (w.y - self.center.y) * s,
        )
    }

    /// The world point under screen position `at`.
    pub fn from_screen(&self, at: (f64, f64), vp: Viewport) -> World {
        let s = world_px(self.zoom);
        World {
            x: self.center.x + (at.0 - vp.width / 2.0) / s,
            y: self.center.y + (at.1 - vp.height / 2.0) / s,
        }
    }

    /// The map dragged by `(dx, dy)` pixels: what was under the finger
    /// stays under it.
    pub fn panned(&self, dx: f64, dy: f64) -> Camera {
        let s = world_px(self.zoom);
        Camera {
            center: World {
                x: self.center.x - dx / s,
                y: self.center.y - dy / s,
            }
            .clamped(),
            zoom: self.zoom,
        }
    }

    /// Zoomed to `zoom` (held within `zooms`) around screen point
    /// `anchor`: the place under the cursor or between the fingers stays
    /// where it is.
    pub fn zoomed_around(
        &self,
        zoom: f64,
        anchor: (f64, f64),
        vp: Viewport,
        zooms: Zooms,
    ) -> Camera {
        if !zoom.is_finite() {
            return *self;
        }
        let zoom = zoom.clamp(zooms.min, zooms.max);
        let fixed = self.from_screen(anchor, vp);
        let s = world_px(zoom);
        Camera {
            center: World {
                x: fixed.x - (anchor.0 - vp.width / 2.0) / s,
                y: fixed.y - (anchor.1 - vp.height / 2.0) / s,
            }
            .clamped(),
            zoom,
        }
    }

    /// One step in or out (`+`, `−`, a wheel notch, a button), landing on
    /// a whole or half zoom (the first view's), so tiles stay sharp.
    pub fn stepped(&self, steps: i32, anchor: (f64, f64), vp: Viewport, zooms: Zooms) -> Camera {
        // From the half step at or before (in) or after (out) the zoom: a
        // first view fitted at a half step stays on half steps.
        let base = if steps > 0 {
            (self.zoom * 2.0).floor() / 2.0
        } else {
            (self.zoom * 2.0).ceil() / 2.0
        };
        self.zoomed_around(base + f64::from(steps), anchor, vp, zooms)
    }

    /// Whether `w` is on screen at least `margin` pixels inside the edges.
    pub fn shows(&self, w: World, vp: Viewport, margin: f64) -> bool {
        let (x, y) = self.to_screen(w, vp);
        x >= margin && x <= vp.width - margin && y >= margin && y <= vp.height - margin
    }

    /// This view if it shows `w`, else the same zoom centred on `w` (a stop
    /// picked from the list comes into view).
    pub fn showing(&self, w: World, vp: Viewport, margin: f64) -> Camera {
        if !w.is_finite() || self.shows(w, vp, margin) {
            *self
        } else {
            Camera {
                center: w.clamped(),
                zoom: self.zoom,
            }
        }
    }

    /// The deepest whole zoom that shows every point inside `vp` less the
    /// `pad` at each edge, centred in that space. One point (or points on
    /// one spot) gets `zooms.single`. `None` when no point is a number.
    pub fn fit(points: &[World], vp: Viewport, pad: Insets, zooms: Zooms) -> Option<Camera> {
        let (lo, hi) = bounds(points.iter().copied())?;
        // A map too small for its insets still gets a quarter tile.
        let avail_w = (vp.width - pad.left - pad.right).max(TILE_PX / 4.0);
        let avail_h = (vp.height - pad.top - pad.bottom).max(TILE_PX / 4.0);
        // Below this span (a few centimetres) a side counts as one spot.
        const SPOT: f64 = 1e-9;
        let fits = |span: f64, avail: f64| {
            if span > SPOT {
                (avail / (span * TILE_PX)).log2()
            } else {
                f64::INFINITY
            }
        };
        let exact = fits(hi.x - lo.x, avail_w).min(fits(hi.y - lo.y, avail_h));
        // Half steps: a whole step down can leave the stops in a third of
        // a wide map; tiles drawn at 0.7 or 1.4 times their size stay sharp
        // enough to read streets.
        let zoom = if exact.is_finite() {
            ((exact * 2.0).floor() / 2.0).min(zooms.single.max(zooms.min))
        } else {
            zooms.single
        };
        let zoom = zoom.clamp(zooms.min, zooms.max);
        // The points' middle goes to the middle of the free space.
        let s = world_px(zoom);
        let free_mid = (pad.left + avail_w / 2.0, pad.top + avail_h / 2.0);
        Some(Camera {
            center: World {
                x: (lo.x + hi.x) / 2.0 - (free_mid.0 - vp.width / 2.0) / s,
                y: (lo.y + hi.y) / 2.0 - (free_mid.1 - vp.height / 2.0) / s,
            },
            zoom,
        })
    }

    /// The tiles on screen: the level drawn and every tile of it the view
    /// touches.
    pub fn tiles(&self, vp: Viewport, max_level: u8) -> (u8, Vec<TileId>) {
        let level = self.level(max_level);
        let s = world_px(self.zoom);
        let half = World {
            x: vp.width / 2.0 / s,
            y: vp.height / 2.0 / s,
        };
        let lo = World {
            x: self.center.x - half.x,
            y: self.center.y - half.y,
        };
        let hi = World {
            x: self.center.x + half.x,
            y: self.center.y + half.y,
        };
        // A screen never needs more than a few dozen; the limit only
        // guards against a zero-sized or absurd viewport.
        (level, covering(lo, hi, level, 400))
    }
}

/// How the layer holding the tiles and markers is laid out: every item is
/// placed relative to `anchor` at `zoom`, so a drag moves only the layer,
/// and items are placed again only when the zoom changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub anchor: World,
    pub zoom: f64,
}

impl Frame {
    /// The frame for `camera`, keeping `previous` while the zoom is the same.
    pub fn follow(previous: Option<&Frame>, camera: &Camera) -> Frame {
        match previous {
            Some(f) if f.zoom == camera.zoom => *f,
            _ => Frame {
                anchor: camera.center,
                zoom: camera.zoom,
            },
        }
    }

    /// Where `w` goes in the layer, pixels from the anchor.
    pub fn place(&self, w: World) -> (f64, f64) {
        let s = world_px(self.zoom);
        ((w.x - self.anchor.x) * s, (w.y - self.anchor.y) * s)
    }

    /// A tile's place and side in the layer.
    pub fn place_tile(&self, t: TileId) -> (f64, f64, f64) {
        let (left, top) = self.place(t.origin());
        (left, top, t.side() * world_px(self.zoom))
    }

    /// Where the layer goes so `camera`'s centre is mid-screen.
    pub fn layer_offset(&self, camera: &Camera, vp: Viewport) -> (f64, f64) {
        let (x, y) = self.place(camera.center);
        (vp.width / 2.0 - x, vp.height / 2.0 - y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VP: Viewport = Viewport {
        width: 360.0,
        height: 300.0,
    };
    const Z: Zooms = Zooms {
        min: 3.0,
        max: 18.0,
        single: 16.0,
    };

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
    }

    fn portland(lat: f64, lng: f64) -> World {
        World::from_lat_lng(lat, lng)
    }

    #[test]
    fn screen_and_world_agree() {
        let cam = Camera {
            center: portland(45.51, -122.63),
            zoom: 14.3,
        };
        let w = portland(45.52, -122.62);
        let at = cam.to_screen(w, VP);
        let back = cam.from_screen(at, VP);
        assert!(close((back.x, back.y), (w.x, w.y)));
        assert!(close(cam.to_screen(cam.center, VP), (180.0, 150.0)));
    }

    #[test]
    fn a_drag_keeps_the_point_under_the_finger() {
        let cam = Camera {
            center: portland(45.51, -122.63),
            zoom: 15.0,
        };
        let grabbed = cam.from_screen((100.0, 80.0), VP);
        let moved = cam.panned(40.0, -25.0);
        assert!(close(moved.to_screen(grabbed, VP), (140.0, 55.0)));
        // The world's edge holds.
        let far = cam.panned(-1e12, 1e12);
        assert_eq!((far.center.x, far.center.y), (1.0, 0.0));
    }

    #[test]
    fn zooming_keeps_the_anchor_still_and_the_limits() {
        let cam = Camera {
            center: portland(45.51, -122.63),
            zoom: 14.0,
        };
        let anchor = (300.0, 40.0);
        let under = cam.from_screen(anchor, VP);
        let z = cam.zoomed_around(15.6, anchor, VP, Z);
        assert_eq!(z.zoom, 15.6);
        assert!(close(z.to_screen(under, VP), anchor));
        assert_eq!(cam.zoomed_around(40.0, anchor, VP, Z).zoom, 18.0);
        assert_eq!(cam.zoomed_around(-4.0, anchor, VP, Z).zoom, 3.0);
        assert_eq!(cam.zoomed_around(f64::NAN, anchor, VP, Z), cam);
        // Steps land on whole zooms.
        let half = Camera { zoom: 14.6, ..cam };
        assert_eq!(half.stepped(1, (180.0, 150.0), VP, Z).zoom, 15.5);
        assert_eq!(half.stepped(-1, (180.0, 150.0), VP, Z).zoom, 14.0);
        assert_eq!(cam.stepped(2, (180.0, 150.0), VP, Z).zoom, 16.0);
    }

    #[test]
    fn fit_shows_every_point_at_a_whole_zoom() {
        let pts = [
            portland(45.5220, -122.6535),
            portland(45.4975, -122.6103),
            portland(45.5100, -122.6300),
        ];
        let cam = Camera::fit(&pts, VP, Insets::all(24.0), Z).unwrap();
        assert_eq!(cam.zoom, cam.zoom.floor());
        for p in pts {
            assert!(
                cam.shows(p, VP, 24.0),
                "{p:?} off screen at zoom {}",
                cam.zoom
            );
        }
        // Room kept for the buttons: the points stay clear of it.
        let pad = Insets {
            top: 60.0,
            right: 60.0,
            bottom: 36.0,
            left: 20.0,
        };
        let clear = Camera::fit(&pts, VP, pad, Z).unwrap();
        for p in pts {
            let (x, y) = clear.to_screen(p, VP);
            assert!((20.0 - 1e-6..=VP.width - 60.0 + 1e-6).contains(&x), "{x}");
            assert!((60.0 - 1e-6..=VP.height - 36.0 + 1e-6).contains(&y), "{y}");
        }
        // One zoom deeper would not show them all.
        let deeper = Camera {
            zoom: cam.zoom + 1.0,
            ..cam
        };
        assert!(pts.iter().any(|p| !deeper.shows(*p, VP, 24.0)));
        // One spot: the street zoom; nothing: no view.
        let one = Camera::fit(&[pts[0], pts[0]], VP, Insets::all(24.0), Z).unwrap();
        assert_eq!(one.zoom, 16.0);
        assert_eq!(Camera::fit(&[], VP, Insets::all(24.0), Z), None);
        // Two stops a few metres apart: no deeper than the street zoom.
        let near = [portland(45.5, -122.6), portland(45.50001, -122.6)];
        assert_eq!(
            Camera::fit(&near, VP, Insets::all(24.0), Z).unwrap().zoom,
            16.0
        );
        // A continent: no shallower than the minimum.
        let wide = [portland(60.0, -150.0), portland(-40.0, 170.0)];
        assert_eq!(
            Camera::fit(&wide, VP, Insets::all(24.0), Z).unwrap().zoom,
            3.0
        );
    }

    #[test]
    fn a_picked_point_comes_into_view() {
        let cam = Camera {
            center: portland(45.51, -122.63),
            zoom: 16.0,
        };
        let near = cam.from_screen((200.0, 160.0), VP);
        assert_eq!(cam.showing(near, VP, 30.0), cam);
        let far = portland(45.53, -122.60);
        let moved = cam.showing(far, VP, 30.0);
        assert_eq!(moved.zoom, 16.0);
        assert!(moved.shows(far, VP, 30.0));
    }

    #[test]
    fn the_layer_moves_on_a_drag_and_is_placed_again_on_a_zoom() {
        let cam = Camera {
            center: portland(45.51, -122.63),
            zoom: 15.0,
        };
        let f = Frame::follow(None, &cam);
        let dragged = cam.panned(30.0, 10.0);
        let same = Frame::follow(Some(&f), &dragged);
        assert_eq!(same, f, "a drag keeps the frame");
        // On screen = layer offset + place in the layer.
        let w = portland(45.515, -122.62);
        let (ox, oy) = same.layer_offset(&dragged, VP);
        let (px, py) = same.place(w);
        assert!(close((ox + px, oy + py), dragged.to_screen(w, VP)));
        let zoomed = dragged.zoomed_around(15.5, (10.0, 10.0), VP, Z);
        assert_ne!(Frame::follow(Some(&f), &zoomed), f);
    }

    #[test]
    fn the_tiles_on_screen() {
        let cam = Camera {
            center: portland(45.51, -122.63),
            zoom: 15.0,
        };
        let (level, tiles) = cam.tiles(VP, 18);
        assert_eq!(level, 15);
        // 360 × 300 px needs 2 or 3 columns and 2 or 3 rows of 256 px.
        assert!((4..=9).contains(&tiles.len()), "{}", tiles.len());
        let centre = TileId::at(cam.center, 15);
        assert!(tiles.contains(&centre));
        // Past the source's deepest level, its tiles are drawn larger.
        let deep = Camera { zoom: 19.4, ..cam };
        assert_eq!(deep.tiles(VP, 18).0, 18);
        let f = Frame::follow(None, &deep);
        assert!((f.place_tile(centre).2 - 256.0 * 19.4f64.exp2() / 15f64.exp2()).abs() < 1e-6);
    }
}
