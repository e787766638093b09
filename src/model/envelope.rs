//! The versioned storage envelope for the last good manifest.
//!
//! During an outage the saved manifest is the only copy the driver has, so
//! what comes back out of storage is checked as hard as what comes off the
//! network: the envelope says which format wrote it, a checksum catches a
//! truncated or altered copy, and the manifest inside is validated again
//! (a newer build may be stricter than the one that saved it).
//!
//! Format 2 (written by [`seal`]):
//! `{"version":2,"saved_at_ms":…,"source":{"type":…},"checksum":"<hex>","manifest":{…}}`
//! where the checksum is FNV-1a 64 of the manifest's JSON exactly as stored.
//!
//! Format 1 (older builds, read and migrated by [`open`]):
//! `{"version":1,"saved_at":"<rfc3339>","etag":…,"manifest":{…}}`.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::i18n::Lang;
use super::manifest::Manifest;
use super::time::parse_rfc3339;
use super::validate::{decode_manifest, ManifestProblem};

/// The envelope format this build writes.
pub const ENVELOPE_VERSION: u32 = 2;

/// Where the saved manifest came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ManifestSource {
    /// Downloaded from the platform; `etag` is sent back as `If-None-Match`.
    Server {
        #[serde(default)]
        etag: Option<String>,
    },
    /// Loaded from a file the dispatcher shared (during an outage).
    ImportedFile { name: String },
    /// Loaded from a hand-off link.
    ImportedLink,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SavedManifest {
    pub saved_at_ms: i64,
    pub source: ManifestSource,
    pub manifest: Manifest,
}

/// Why the saved manifest cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum EnvelopeError {
    /// The stored text is not a readable envelope (not JSON, or not an
    /// object with a version).
    NotJson,
    /// Written by a newer build, in this envelope format.
    WrongVersion(u32),
    /// The checksum does not match, or the envelope's own fields are damaged.
    IntegrityFailed,
    /// Intact, but the manifest inside does not pass validation.
    InvalidManifest(Vec<ManifestProblem>),
    /// Nothing saved.
    Missing,
}

impl EnvelopeError {
    /// What went wrong with the saved copy, in the reader's language.
    pub fn describe(&self, lang: Lang) -> String {
        use super::i18n::catalogues::{AppFill as F, AppText as T};
        use super::i18n::{Fill, Text};
        match self {
            EnvelopeError::NotJson => T::EnvelopeDamaged.text(lang).to_string(),
            EnvelopeError::WrongVersion(v) => F::EnvelopeNewer { v }.fill(lang),
            EnvelopeError::IntegrityFailed => T::EnvelopeChecksum.text(lang).to_string(),
            EnvelopeError::InvalidManifest(problems) => match problems.split_first() {
                None => T::EnvelopeInvalid.text(lang).to_string(),
                Some((first, [])) => F::EnvelopeInvalidBecause {
                    problem: &first.describe(lang),
                }
                .fill(lang),
                Some((first, rest)) => F::EnvelopeInvalidProblems {
                    problem: &first.describe(lang),
                    n: &rest.len(),
                }
                .fill(lang),
            },
            EnvelopeError::Missing => T::EnvelopeMissing.text(lang).to_string(),
        }
    }
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for EnvelopeError {}

/// FNV-1a, 64-bit. Not cryptographic, and it does not need to be: it guards
/// against truncation and corruption, not an attacker (who could rewrite
/// the checksum too). Every step is a bijection of the state, so changing
/// any single byte always changes the result.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

fn checksum_hex(text: &str) -> String {
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// The envelope text to store.
pub fn seal(saved: &SavedManifest) -> String {
    // Serialising these derived types cannot fail (no maps with non-string
    // keys, no fallible Serialize impls). Should it ever, an empty string is
    // stored, which `open` reports as "nothing saved" instead of the app
    // crashing mid-route.
    let (Ok(manifest), Ok(source)) = (
        serde_json::to_string(&saved.manifest),
        serde_json::to_string(&saved.source),
    ) else {
        return String::new();
    };
    // Written by hand so the manifest's bytes in the envelope are exactly
    // the bytes the checksum covers.
    format!(
        "{{\"version\":{ENVELOPE_VERSION},\"saved_at_ms\":{},\"source\":{source},\"checksum\":\"{}\",\"manifest\":{manifest}}}",
        saved.saved_at_ms,
        checksum_hex(&manifest),
    )
}

/// Reads an envelope written by this or an older build.
pub fn open(text: &str) -> Result<SavedManifest, EnvelopeError> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed == "null" {
        return Err(EnvelopeError::Missing);
    }
    // serde would also read a JSON array into a struct; an envelope is an object.
    if !trimmed.starts_with('{') {
        return Err(EnvelopeError::NotJson);
    }

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        version: Option<u64>,
    }
    let probe: Probe = serde_json::from_str(text).map_err(|_| EnvelopeError::NotJson)?;
    match probe.version {
        Some(1) => open_v1(text),
        Some(2) => open_v2(text),
        Some(v) if v > u64::from(ENVELOPE_VERSION) => Err(EnvelopeError::WrongVersion(
            u32::try_from(v).unwrap_or(u32::MAX),
        )),
        // No version, or version 0 (which never existed): not our envelope.
        _ => Err(EnvelopeError::NotJson),
    }
}

/// The manifest as stored: its exact text, which the checksum covers.
/// Re-serialising the parsed manifest would not give back these bytes: key
/// order, escapes (`\u00e9` or `é`), number spellings (`1e3`, `1000.0`) and
/// fields a newer build wrote that this one does not read all change them.
#[derive(Deserialize)]
struct StoredManifest<'a> {
    #[serde(borrow, default)]
    manifest: Option<&'a RawValue>,
}

impl<'a> StoredManifest<'a> {
    fn read(text: &'a str) -> Result<&'a str, EnvelopeError> {
        let stored: StoredManifest<'a> =
            serde_json::from_str(text).map_err(|_| EnvelopeError::IntegrityFailed)?;
        // `null` reads as `None`, like a missing key.
        stored
            .manifest
            .map(RawValue::get)
            .ok_or(EnvelopeError::Missing)
    }
}

fn open_v2(text: &str) -> Result<SavedManifest, EnvelopeError> {
    #[derive(Deserialize)]
    struct Header {
        saved_at_ms: i64,
        source: ManifestSource,
        checksum: String,
    }
    let header: Header = serde_json::from_str(text).map_err(|_| EnvelopeError::IntegrityFailed)?;
    let raw = StoredManifest::read(text)?;
    // Integrity first: a copy that fails it is not worth validating, and a
    // validation message about damaged text would mislead.
    if !header.checksum.eq_ignore_ascii_case(&checksum_hex(raw)) {
        return Err(EnvelopeError::IntegrityFailed);
    }
    Ok(SavedManifest {
        saved_at_ms: header.saved_at_ms,
        source: header.source,
        manifest: decode_manifest(raw).map_err(EnvelopeError::InvalidManifest)?,
    })
}

/// Version 1 had no checksum and kept only the server's ETag; its manifest
/// is validated like any other and becomes a version 2 `Server` source.
fn open_v1(text: &str) -> Result<SavedManifest, EnvelopeError> {
    #[derive(Deserialize)]
    struct Header {
        saved_at: String,
        #[serde(default)]
        etag: Option<String>,
    }
    let header: Header = serde_json::from_str(text).map_err(|_| EnvelopeError::IntegrityFailed)?;
    let saved_at = parse_rfc3339(&header.saved_at).ok_or(EnvelopeError::IntegrityFailed)?;
    let raw = StoredManifest::read(text)?;
    Ok(SavedManifest {
        saved_at_ms: saved_at.ms,
        source: ManifestSource::Server { etag: header.etag },
        manifest: decode_manifest(raw).map_err(EnvelopeError::InvalidManifest)?,
    })
}

#[cfg(test)]
mod tests;
