//! Storage keys, in one place so a sign-out wipes exactly what the app wrote.

/// localStorage: the last good manifest, in its versioned envelope.
pub const MANIFEST: &str = "roadbook.manifest";
/// localStorage: the mark log (history + outbox) for the current manifest.
pub const MARKS: &str = "roadbook.marks.v1";
/// localStorage: who is signed in (name and role only, for offline display).
pub const USER: &str = "roadbook.user.v1";
/// localStorage: the last config.json that parsed, for an instant start.
pub const CONFIG: &str = "roadbook.config.v1";
/// localStorage: the last status-page summary that parsed, with its time.
pub const STATUS: &str = "roadbook.status.v1";
/// localStorage: the dispatcher's last good fleet (drivers' names and progress).
pub const FLEET: &str = "roadbook.fleet.v1";
/// sessionStorage only: the session token. Never localStorage.
pub const TOKEN: &str = "roadbook.token";

/// Everything a sign-out removes from localStorage.
pub const PERSONAL: &[&str] = &[MANIFEST, MARKS, USER, FLEET];
