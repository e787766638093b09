//! Markers that would cover each other become one group: at a city-wide
//! zoom a thousand drivers are a few dozen numbered groups a dispatcher can
//! read and tap (tapping zooms in), and a few hundred elements on the page
//! instead of a thousand.

use std::collections::HashMap;

use super::mercator::{world_px, World};

/// Points within `spacing` pixels of a group's first point join it.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Indices into the input, in input order.
    pub members: Vec<usize>,
    /// Where the group is drawn: its first member, so no two groups are
    /// drawn closer than the spacing (their markers never overlap).
    pub at: World,
}

/// Groups `points` (each with its index) as drawn at whole zoom `level`:
/// a point joins the first group whose first point lies within `spacing`
/// pixels, else starts a group. Groups come in the order of their first
/// member, so the same points always give the same groups, and no two
/// groups start closer than `spacing`. Points that are not numbers are
/// left out.
pub fn group(points: &[(usize, World)], level: u8, spacing: f64) -> Vec<Group> {
    let scale = world_px(f64::from(level));
    let spacing = spacing.max(1.0);
    let cell = |w: World| {
        (
            (w.x * scale / spacing).floor() as i64,
            (w.y * scale / spacing).floor() as i64,
        )
    };
    // Group seeds by grid cell: a point only looks at the 3 × 3 cells
    // around its own.
    let mut seeds: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut groups: Vec<(World, Vec<usize>)> = Vec::new();
    for &(index, w) in points.iter().filter(|(_, w)| w.is_finite()) {
        let (cx, cy) = cell(w);
        // The earliest group close enough, so the result does not depend
        // on the order the cells are looked at.
        let mut joined: Option<usize> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &g in seeds.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let seed = groups[g].0;
                    let d = ((seed.x - w.x) * scale).hypot((seed.y - w.y) * scale);
                    if d < spacing && joined.is_none_or(|j| g < j) {
                        joined = Some(g);
                    }
                }
            }
        }
        match joined {
            Some(g) => groups[g].1.push(index),
            None => {
                seeds.entry((cx, cy)).or_default().push(groups.len());
                groups.push((w, vec![index]));
            }
        }
    }
    groups
        .into_iter()
        .map(|(at, members)| Group { members, at })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lng: f64) -> World {
        World::from_lat_lng(lat, lng)
    }

    #[test]
    fn close_points_share_a_group_and_far_ones_do_not() {
        let pts = vec![
            (0, at(45.5100, -122.6300)),
            (1, at(45.5101, -122.6301)),
            (2, at(45.5300, -122.5800)),
            (3, at(f64::NAN, 0.0)),
        ];
        let g = group(&pts, 13, 44.0);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].members, vec![0, 1]);
        assert_eq!(g[1].members, vec![2]);
        // Deep enough, everyone stands alone.
        let apart = group(&pts[..3], 19, 44.0);
        assert_eq!(apart.len(), 3);
        // A group is drawn at its first member.
        assert_eq!(g[0].at, pts[0].1);
    }

    /// No two groups start within the spacing of each other, and every
    /// point is in exactly one group, for a thousand drivers over a city.
    #[test]
    fn a_thousand_drivers() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let pts: Vec<(usize, World)> = (0..1000)
            .map(|i| (i, at(45.45 + next() * 0.12, -122.75 + next() * 0.2)))
            .collect();
        for level in [10u8, 12, 14, 16] {
            let groups = group(&pts, level, 44.0);
            let mut seen: Vec<usize> = groups.iter().flat_map(|g| g.members.clone()).collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..1000).collect::<Vec<_>>(), "level {level}");
            let s = world_px(f64::from(level));
            let firsts: Vec<World> = groups.iter().map(|g| g.at).collect();
            for (i, a) in firsts.iter().enumerate() {
                for b in &firsts[i + 1..] {
                    assert!(
                        ((a.x - b.x) * s).hypot((a.y - b.y) * s) >= 44.0,
                        "level {level}"
                    );
                }
            }
            if level == 10 {
                assert!(groups.len() < 40, "{} groups at level 10", groups.len());
            }
        }
    }
}
