//! Every key Roadbook writes to the browser's storage, declared once: where
//! it lives, whether it holds personal data, and what a sign-out and the
//! retention purge do with it. Every reader and writer names its key from
//! here (`platform::storage` takes a [`StorageKey`], so a key cannot be
//! read from the wrong area), sign-out and retention walk [`ALL`], and a
//! test holds docs/storage.md's table to this list.
//!
//! Adding a key is one line in [`ALL`] (and its constant), plus its row in
//! docs/storage.md, which the test then asks for.

/// Which of the browser's storages a key lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Survives restarts: the last good manifest, the outbox, the user's name.
    Local,
    /// Dies with the tab: the session token, never written to `Local`.
    Session,
    /// A service-worker cache (Cache Storage) of that name: the map tiles
    /// kept for offline use. Removing the key deletes the cache.
    Cache,
}

/// What signing out does with a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnSignOut {
    /// Not personal: a setting of this phone, or the app's own.
    Keeps,
    Removes,
    /// Removed, after the sign-out screen offered it as a download for
    /// support (it may be the only copy of marks the server never got).
    OffersThenRemoves,
}

/// What the retention purge (`retention_hours_after_block` after the
/// block ends) does with a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnRetention {
    Keeps,
    Removes,
    /// The mark history goes; marks not yet sent stay until they are sent
    /// (they are owed to the server, and the screen says they are kept).
    KeepsUnsentMarks,
    /// Removed once a retention window has passed since it was set aside,
    /// so the driver and support have that long to download it.
    RemovesAWindowAfterSetAside,
}

/// One key in the browser's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageKey {
    pub name: &'static str,
    pub area: Area,
    /// Holds data about people (recipients, drivers, notes, positions) or
    /// the credential that reaches it.
    pub personal: bool,
    pub sign_out: OnSignOut,
    pub retention: OnRetention,
}

const fn personal(name: &'static str, area: Area, retention: OnRetention) -> StorageKey {
    StorageKey {
        name,
        area,
        personal: true,
        sign_out: OnSignOut::Removes,
        retention,
    }
}

const fn setting(name: &'static str) -> StorageKey {
    StorageKey {
        name,
        area: Area::Local,
        personal: false,
        sign_out: OnSignOut::Keeps,
        retention: OnRetention::Keeps,
    }
}

/// The last good manifest (recipients' names, addresses, notes), in its
/// versioned envelope.
pub const MANIFEST: StorageKey = personal("roadbook.manifest", Area::Local, OnRetention::Removes);
/// The mark log (history + outbox) for the current manifest: notes and
/// positions.
pub const MARKS: StorageKey = personal(
    "roadbook.marks.v1",
    Area::Local,
    OnRetention::KeepsUnsentMarks,
);
/// The text of a mark log that could not be read, kept aside for support.
pub const UNREADABLE_MARKS: StorageKey = StorageKey {
    sign_out: OnSignOut::OffersThenRemoves,
    ..personal(
        "roadbook.marks.unreadable",
        Area::Local,
        OnRetention::RemovesAWindowAfterSetAside,
    )
};
/// Who is signed in (id, name, role), for the header while offline.
pub const USER: StorageKey = personal("roadbook.user.v1", Area::Local, OnRetention::Removes);
/// The session token. Never localStorage.
pub const TOKEN: StorageKey = personal("roadbook.token", Area::Session, OnRetention::Removes);
/// When this tab signed in and when its token expires: part of the
/// credential, kept and removed with it.
pub const TOKEN_TIMES: StorageKey =
    personal("roadbook.token.times", Area::Session, OnRetention::Removes);
/// The dispatcher's last good fleet: drivers' names, next-stop addresses.
pub const FLEET: StorageKey = personal("roadbook.fleet.v1", Area::Local, OnRetention::Removes);
/// The demo backend's "database" (demo mode only): the marks it received,
/// with their notes and positions.
pub const DEMO_SERVER: StorageKey =
    personal("roadbook.demo-server.v1", Area::Local, OnRetention::Removes);
/// What the app last drew on the manifest or sign-in screen, which
/// public/prepaint.js paints before the app's code has loaded: the
/// manifest's names and addresses, so it goes with the manifest.
pub const SNAPSHOT: StorageKey =
    personal("roadbook.snapshot.v1", Area::Local, OnRetention::Removes);
/// The map tiles around the route's stops, kept for offline use (with an
/// index of which block each is for, `model::map::offline`): they show
/// where the driver goes, so they go with the manifest. The service worker
/// (public/sw.js) answers image requests from this cache.
pub const MAP_TILES: StorageKey =
    personal("roadbook.map-tiles.v1", Area::Cache, OnRetention::Removes);
/// The last config.json that parsed, for an instant and offline start.
pub const CONFIG: StorageKey = setting("roadbook.config.v1");
/// The last status-page summary that parsed, with when it was fetched.
pub const STATUS: StorageKey = setting("roadbook.status.v1");
/// The language the driver picked.
pub const LOCALE: StorageKey = setting("roadbook.locale");
/// High contrast on or off.
pub const CONTRAST: StorageKey = setting("roadbook.contrast");
/// The GPS app the driver hands stops to.
pub const NAV_APP: StorageKey = setting("roadbook.nav-app");
/// "off" when the driver turned off the position on marks (Settings).
pub const MARK_POSITION: StorageKey = setting("roadbook.mark-position.v1");
/// When a tab last signed out (epoch ms). Written by a sign-out, not
/// removed by one: the other tabs watch it to sign out too.
pub const SIGNED_OUT_AT: StorageKey = setting("roadbook.signed-out-at");

/// Every key, in the order docs/storage.md lists them.
pub const ALL: &[StorageKey] = &[
    MANIFEST,
    MARKS,
    UNREADABLE_MARKS,
    USER,
    TOKEN,
    TOKEN_TIMES,
    FLEET,
    DEMO_SERVER,
    SNAPSHOT,
    MAP_TILES,
    CONFIG,
    STATUS,
    LOCALE,
    CONTRAST,
    NAV_APP,
    MARK_POSITION,
    SIGNED_OUT_AT,
];

/// The keys a sign-out removes.
pub fn removed_on_sign_out() -> impl Iterator<Item = &'static StorageKey> {
    ALL.iter().filter(|k| k.sign_out != OnSignOut::Keeps)
}

/// The keys the retention purge removes outright (the marks and the
/// unreadable copy have rules of their own).
pub fn removed_by_retention() -> impl Iterator<Item = &'static StorageKey> {
    ALL.iter().filter(|k| k.retention == OnRetention::Removes)
}

/// The key named `name`, if Roadbook declares one.
pub fn by_name(name: &str) -> Option<&'static StorageKey> {
    ALL.iter().find(|k| k.name == name)
}

impl Area {
    /// As docs/storage.md writes it.
    pub fn doc(self) -> &'static str {
        match self {
            Area::Local => "local",
            Area::Session => "session",
            Area::Cache => "cache",
        }
    }
}

impl OnSignOut {
    /// As docs/storage.md writes it.
    pub fn doc(self) -> &'static str {
        match self {
            OnSignOut::Keeps => "kept",
            OnSignOut::Removes => "removed",
            OnSignOut::OffersThenRemoves => "offered as a download, then removed",
        }
    }
}

impl OnRetention {
    /// As docs/storage.md writes it.
    pub fn doc(self) -> &'static str {
        match self {
            OnRetention::Keeps => "kept",
            OnRetention::Removes => "removed",
            OnRetention::KeepsUnsentMarks => "history removed; unsent marks kept until sent",
            OnRetention::RemovesAWindowAfterSetAside => {
                "removed one retention window after it was set aside"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// public/prepaint.js runs before the app and reads storage by name:
    /// every key it names is one declared here (a renamed key would
    /// otherwise leave it painting nothing, or the wrong thing).
    #[test]
    fn the_first_paint_script_reads_only_declared_keys() {
        let script = include_str!("../../public/prepaint.js");
        let named: Vec<&str> = script
            .split('"')
            .filter(|s| s.starts_with("roadbook.") && !s.contains(' '))
            .collect();
        assert!(named.contains(&SNAPSHOT.name), "{named:?}");
        for name in named {
            assert!(
                by_name(name).is_some(),
                "prepaint.js reads {name}, which is not declared"
            );
        }
    }

    /// The service worker answers tile requests from the cache the app
    /// fills: it must name the same cache.
    #[test]
    fn the_service_worker_reads_the_declared_tile_cache() {
        let sw = include_str!("../../public/sw.js");
        assert!(
            sw.contains(&format!("\"{}\"", MAP_TILES.name)),
            "public/sw.js does not name {}",
            MAP_TILES.name
        );
        assert_eq!(MAP_TILES.area, Area::Cache);
        assert!(removed_on_sign_out().any(|k| k.name == MAP_TILES.name));
        assert!(removed_by_retention().any(|k| k.name == MAP_TILES.name));
    }

    #[test]
    fn names_are_unique_and_namespaced() {
        let mut seen = std::collections::HashSet::new();
        for k in ALL {
            assert!(seen.insert(k.name), "{} twice", k.name);
            assert!(k.name.starts_with("roadbook."), "{}", k.name);
        }
    }

    /// The rule the issue set: sign-out and retention remove every personal
    /// key (retention keeps unsent marks and gives the unreadable copy its
    /// window); nothing that is not personal is removed.
    #[test]
    fn sign_out_and_retention_reach_every_personal_key_and_nothing_else() {
        for k in ALL {
            assert_eq!(
                k.personal,
                k.sign_out != OnSignOut::Keeps,
                "{}: sign-out",
                k.name
            );
            assert_eq!(
                k.personal,
                k.retention != OnRetention::Keeps,
                "{}: retention",
                k.name
            );
            // The token never goes to localStorage.
            if k.name == TOKEN.name {
                assert_eq!(k.area, Area::Session);
            }
        }
        let removed: Vec<_> = removed_on_sign_out().map(|k| k.name).collect();
        for name in [
            "roadbook.manifest",
            "roadbook.marks.v1",
            "roadbook.marks.unreadable",
            "roadbook.user.v1",
            "roadbook.token",
            "roadbook.fleet.v1",
            "roadbook.demo-server.v1",
        ] {
            assert!(removed.contains(&name), "{name}");
        }
        assert!(removed_by_retention().all(|k| k.personal));
        assert!(removed_by_retention().any(|k| k.name == "roadbook.fleet.v1"));
        assert!(removed_by_retention().any(|k| k.name == "roadbook.user.v1"));
    }

    /// docs/storage.md's key table lists exactly these keys, each with its
    /// area, whether it is personal, and what sign-out and retention do,
    /// in the words `doc()` gives.
    #[test]
    fn docs_storage_table_matches_the_declared_keys() {
        let doc = include_str!("../../docs/storage.md");
        let rows: Vec<Vec<String>> = doc
            .lines()
            .skip_while(|l| !l.starts_with("| key |"))
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                l.trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().replace(['`', '*'], ""))
                    .collect()
            })
            .collect();
        let header = rows.first().expect("docs/storage.md has a `| key |` table");
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no {name:?} column in {header:?}"))
        };
        let (key, area, personal, sign_out, retention) = (
            col("key"),
            col("area"),
            col("personal"),
            col("sign-out"),
            col("retention"),
        );
        let body: Vec<&Vec<String>> = rows.iter().skip(2).collect();
        let listed: Vec<&str> = body.iter().map(|r| r[key].as_str()).collect();
        let declared: Vec<&str> = ALL.iter().map(|k| k.name).collect();
        assert_eq!(listed, declared, "the table's keys, in order");
        for (row, k) in body.iter().zip(ALL) {
            assert_eq!(row[area], k.area.doc(), "{}: area", k.name);
            let yes_no = if k.personal { "yes" } else { "no" };
            assert_eq!(row[personal], yes_no, "{}: personal", k.name);
            assert_eq!(row[sign_out], k.sign_out.doc(), "{}: sign-out", k.name);
            assert_eq!(row[retention], k.retention.doc(), "{}: retention", k.name);
        }
    }
}
