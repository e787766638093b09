//! The driver's own progress: what each package's status is once the
//! driver's marks are applied on top of what the server sent.
//!
//! Marks form a stack per package: "delivered" and "attempted" push, "undo"
//! pops. A package whose marks were all undone is pending again: the day's
//! manifest starts every package pending, and only the driver's marks move
//! it. The same function serves the phone (manifest + every mark made) and
//! the demo backend (manifest + accepted events), so both agree.

use std::collections::HashMap;

use super::event::{DeliveryEvent, EventKind};
use super::manifest::{Manifest, Package, PackageStatus};

/// Effective status per package id, for every package that has marks.
pub fn marked_statuses<'a>(
    events: impl IntoIterator<Item = &'a DeliveryEvent>,
) -> HashMap<String, PackageStatus> {
    let mut stacks: HashMap<&str, Vec<PackageStatus>> = HashMap::new();
    for e in events {
        let stack = stacks.entry(e.package_id.as_str()).or_default();
        match e.kind {
            EventKind::Delivered => stack.push(PackageStatus::Delivered),
            EventKind::Attempted => stack.push(PackageStatus::Attempted),
            EventKind::Undo => {
                stack.pop();
            }
            EventKind::Unknown(_) => {}
        }
    }
    stacks
        .into_iter()
        .map(|(id, s)| {
            let status = s.last().cloned().unwrap_or(PackageStatus::Pending);
            (id.to_string(), status)
        })
        .collect()
}

/// The manifest with the marks applied to package statuses.
pub fn apply_marks<'a>(
    manifest: &Manifest,
    events: impl IntoIterator<Item = &'a DeliveryEvent>,
) -> Manifest {
    let marks = marked_statuses(events);
    let mut m = manifest.clone();
    if marks.is_empty() {
        return m;
    }
    for stop in &mut m.stops {
        for p in &mut stop.packages {
            if let Some(st) = marks.get(&p.id) {
                p.status = st.clone();
            }
        }
    }
    m
}

/// Counts shown at the top of the manifest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub remaining: usize,
    pub delivered: usize,
    pub attempted: usize,
    pub returned: usize,
    pub stops_total: usize,
    pub stops_left: usize,
}

/// A package's status once the driver's marks are applied.
pub fn status_of<'a>(
    p: &'a Package,
    marks: &'a HashMap<String, PackageStatus>,
) -> &'a PackageStatus {
    marks.get(&p.id).unwrap_or(&p.status)
}

impl Counts {
    pub fn of(m: &Manifest) -> Counts {
        Counts::with_marks(m, &HashMap::new())
    }

    /// Counts for the manifest as the driver's marks leave it, without
    /// building a marked copy of it.
    pub fn with_marks(m: &Manifest, marks: &HashMap<String, PackageStatus>) -> Counts {
        let mut c = Counts {
            stops_total: m.stops.len(),
            ..Counts::default()
        };
        for stop in &m.stops {
            let mut open = false;
            for p in &stop.packages {
                c.total += 1;
                match status_of(p, marks) {
                    PackageStatus::Delivered => c.delivered += 1,
                    PackageStatus::Attempted => c.attempted += 1,
                    PackageStatus::Returned => c.returned += 1,
                    _ => {
                        c.remaining += 1;
                        open = true;
                    }
                }
            }
            if open {
                c.stops_left += 1;
            }
        }
        c
    }
}
