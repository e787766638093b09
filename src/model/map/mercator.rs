//! Web Mercator (EPSG:3857), the projection of every XYZ raster tile
//! service: longitude maps linearly to x, latitude through the Mercator
//! formula to y, and the world is a square cut into 2^z × 2^z tiles of
//! 256 pixels at zoom z.

/// The side of one raster tile, in CSS pixels.
pub const TILE_PX: f64 = 256.0;

/// The latitude where the Mercator square ends (the world is square at
/// ±85.05°; nobody delivers past it).
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// A point on the Mercator square: `x` from 0 (180° W) to 1 (180° E), `y`
/// from 0 (the top, 85° N) to 1 (85° S). Independent of zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct World {
    pub x: f64,
    pub y: f64,
}

impl World {
    /// Where `(lat, lng)` (degrees) falls. Latitudes past [`MAX_LAT`] are
    /// held at the edge; longitudes wrap.
    pub fn from_lat_lng(lat: f64, lng: f64) -> World {
        let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
        let lng = (lng + 180.0).rem_euclid(360.0) - 180.0;
        let x = (lng + 180.0) / 360.0;
        let y = 0.5 - (lat.sin().atanh()) / (2.0 * std::f64::consts::PI);
        World { x, y }
    }

    /// The `(lat, lng)` at this point.
    pub fn to_lat_lng(self) -> (f64, f64) {
        let lng = self.x * 360.0 - 180.0;
        let n = std::f64::consts::PI * (1.0 - 2.0 * self.y);
        (n.sinh().atan().to_degrees(), lng)
    }

    /// Held inside the square (a map never pans off the world).
    pub fn clamped(self) -> World {
        World {
            x: self.x.clamp(0.0, 1.0),
            y: self.y.clamp(0.0, 1.0),
        }
    }

    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

/// The side of the whole world in pixels at `zoom` (fractional zooms too).
pub fn world_px(zoom: f64) -> f64 {
    TILE_PX * zoom.exp2()
}

/// The smallest box holding every finite point: `(min, max)`.
pub fn bounds(points: impl IntoIterator<Item = World>) -> Option<(World, World)> {
    let mut out: Option<(World, World)> = None;
    for p in points.into_iter().filter(|p| p.is_finite()) {
        out = Some(match out {
            None => (p, p),
            Some((lo, hi)) => (
                World {
                    x: lo.x.min(p.x),
                    y: lo.y.min(p.y),
                },
                World {
                    x: hi.x.max(p.x),
                    y: hi.y.max(p.y),
                },
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() <= eps
    }

    /// Known tile corners: (0,0) is the centre of the square; Portland's
    /// Hawthorne Bridge is in tile 16/10436/23442 (as every XYZ server
    /// numbers it).
    #[test]
    fn known_points() {
        let c = World::from_lat_lng(0.0, 0.0);
        assert!(close(c.x, 0.5, 1e-12) && close(c.y, 0.5, 1e-12), "{c:?}");
        let nw = World::from_lat_lng(MAX_LAT, -180.0);
        assert!(close(nw.x, 0.0, 1e-12) && close(nw.y, 0.0, 1e-9), "{nw:?}");
        let p = World::from_lat_lng(45.5131, -122.6717);
        let n = 2f64.powi(16);
        assert_eq!(((p.x * n).floor(), (p.y * n).floor()), (10436.0, 23442.0));
    }

    #[test]
    fn round_trips_and_holds_the_poles() {
        for (lat, lng) in [(45.5, -122.6), (-33.9, 151.2), (0.0, 179.9), (60.0, -0.1)] {
            let (la, ln) = World::from_lat_lng(lat, lng).to_lat_lng();
            assert!(
                close(la, lat, 1e-9) && close(ln, lng, 1e-9),
                "{lat},{lng} → {la},{ln}"
            );
        }
        let pole = World::from_lat_lng(90.0, 0.0);
        assert!(pole.y.abs() < 1e-9, "{pole:?}");
        let wrapped = World::from_lat_lng(0.0, 190.0);
        assert!(close(wrapped.x, World::from_lat_lng(0.0, -170.0).x, 1e-12));
    }

    #[test]
    fn bounds_skip_points_that_are_not_numbers() {
        let pts = [
            World { x: 0.2, y: 0.4 },
            World {
                x: f64::NAN,
                y: 0.0,
            },
            World { x: 0.3, y: 0.1 },
        ];
        let (lo, hi) = bounds(pts).unwrap();
        assert_eq!((lo.x, lo.y, hi.x, hi.y), (0.2, 0.1, 0.3, 0.4));
        assert_eq!(bounds([]), None);
        assert_eq!(world_px(0.0), 256.0);
        assert_eq!(world_px(2.0), 1024.0);
    }
}
