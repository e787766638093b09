//! The share link: a manifest carried in the URL fragment, `#import=<payload>`.
//!
//! The fragment never reaches a server (browsers do not send it), so a link
//! works from any static copy of the app, and the manifest is not logged by
//! whatever hosts it. Payload: `"1." + base64url(deflate-raw(JSON))`, without
//! padding. The browser compresses with `CompressionStream`; this module only
//! does the framing and base64url, written here to avoid a dependency.
//!
//! The version prefix lets a later format change be refused with a clear
//! message instead of decoding into garbage.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::i18n::catalogues::{HandoffFill, HandoffText};
use crate::model::i18n::{Fill, Lang, Text};
use crate::model::manifest::Manifest;
use crate::model::time::parse_rfc3339;

/// The payload version this build writes and reads.
pub const PAYLOAD_VERSION: &str = "1";

/// What precedes the payload in the URL.
pub const FRAGMENT_PREFIX: &str = "#import=";

/// Longest payload accepted, in characters (≈ 750 KB of compressed data,
/// several times a large day's manifest). Browsers handle URLs this long;
/// the limit only stops a pasted novel from being decoded.
pub const MAX_PAYLOAD_CHARS: usize = 1_000_000;

/// Above this many characters some apps (older Android SMS, some mail
/// clients, chat previews) cut or refuse links.
pub const LONG_LINK_CHARS: usize = 2_000;

/// Above this many characters messaging apps commonly truncate or reject a
/// link; send the file instead.
pub const MESSAGING_LINK_CHARS: usize = 8_000;

/// The field of a link's JSON, beside the manifest's own fields, that says
/// who made the link and when. Older builds ignore it (the validator
/// tolerates unknown fields), so their links and this build's stay readable
/// both ways.
pub const ORIGIN_FIELD: &str = "roadbook_link";

/// Who made a share link, when, and what it leaves out, as the link says.
/// Anyone can write these words into a link: the import screen shows them
/// as the link's claim, not as a fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkOrigin {
    /// The name of whoever was signed in where the link was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Their role there ("driver", "dispatcher").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// When the link was made (RFC 3339).
    pub at: String,
    /// Whether the stops' door access codes are in the link.
    #[serde(default)]
    pub access_codes: bool,
}

/// Longest name a link may claim, in characters; more is cut.
const MAX_ORIGIN_NAME: usize = 100;

/// The manifest as a link carries it: without the stops' access codes
/// unless `origin.access_codes`, and with `origin` beside it.
pub fn link_json(manifest: &Manifest, origin: &LinkOrigin) -> String {
    let shared = if origin.access_codes {
        std::borrow::Cow::Borrowed(manifest)
    } else {
        std::borrow::Cow::Owned(without_access_codes(manifest))
    };
    let manifest_json = serde_json::to_string(shared.as_ref()).unwrap_or_default();
    let origin_json = serde_json::to_string(origin).unwrap_or_default();
    // A manifest is a JSON object: the origin goes in as its first field.
    // (Spliced as text rather than through `serde_json::Value`, whose
    // serializer would add to every phone's download.)
    match manifest_json.strip_prefix('{') {
        Some(rest) if !origin_json.is_empty() => {
            let comma = if rest.trim_start().starts_with('}') {
                ""
            } else {
                ","
            };
            format!("{{\"{ORIGIN_FIELD}\":{origin_json}{comma}{rest}")
        }
        _ => manifest_json,
    }
}

/// The manifest with every stop's door access code left out.
pub fn without_access_codes(manifest: &Manifest) -> Manifest {
    let mut m = manifest.clone();
    for stop in &mut m.stops {
        stop.access_code = None;
    }
    m
}

/// What a link's JSON says about its making, if anything usable: a time
/// that parses, and a name without control characters, cut to a readable
/// length. A link from an older build has none.
pub fn link_origin(json: &str) -> Option<LinkOrigin> {
    #[derive(Deserialize)]
    struct Outer {
        #[serde(default, rename = "roadbook_link")]
        origin: Option<LinkOrigin>,
    }
    let mut origin = serde_json::from_str::<Outer>(json).ok()?.origin?;
    parse_rfc3339(&origin.at)?;
    let clean = |t: Option<String>, max: usize| {
        t.map(|t| {
            t.chars()
                .filter(|c| !c.is_control())
                .take(max)
                .collect::<String>()
        })
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
    };
    origin.by = clean(origin.by, MAX_ORIGIN_NAME);
    origin.role = clean(origin.role, 20);
    Some(origin)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// There is no payload after the version (the link was cut off).
    Empty,
    TooLong {
        chars: usize,
        limit: usize,
    },
    /// Not an import link at all (no `<version>.` prefix).
    NotALink,
    /// Made by a newer (or unknown) version of Roadbook.
    UnknownVersion {
        found: String,
    },
    /// A character that base64url does not use: the link was altered.
    BadCharacter {
        found: char,
    },
    /// The right characters in an impossible length or ending: usually a
    /// link cut off by a messaging app.
    Damaged,
}

impl LinkError {
    /// What is wrong with the link, in the given language.
    pub fn describe(&self, lang: Lang) -> String {
        let t = |key: HandoffText| key.text(lang).to_string();
        match self {
            LinkError::Empty => t(HandoffText::LinkEmpty),
            LinkError::TooLong { chars, limit } => {
                HandoffFill::LinkTooLong { chars, limit }.fill(lang)
            }
            LinkError::NotALink => t(HandoffText::NotALink),
            LinkError::UnknownVersion { found } => HandoffFill::LinkUnknownVersion {
                found: &format!("{found:?}"),
            }
            .fill(lang),
            LinkError::BadCharacter { found } => HandoffFill::LinkBadCharacter {
                found: &format!("{found:?}"),
            }
            .fill(lang),
            LinkError::Damaged => t(HandoffText::LinkDamaged),
        }
    }
}

/// English, as shown before the translation layer (and in logs and tests).
impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// How a link of this length will fare when sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkAdvice {
    Fine,
    /// Over [`LONG_LINK_CHARS`]: works in most apps, some cut it.
    LongForSomeApps,
    /// Over [`MESSAGING_LINK_CHARS`]: suggest sending the file.
    TooLongForMessaging,
}

pub fn link_length_advice(len: usize) -> LinkAdvice {
    if len > MESSAGING_LINK_CHARS {
        LinkAdvice::TooLongForMessaging
    } else if len > LONG_LINK_CHARS {
        LinkAdvice::LongForSomeApps
    } else {
        LinkAdvice::Fine
    }
}

/// `"1." + base64url(compressed)`, without padding.
pub fn encode_payload(compressed: &[u8]) -> String {
    let mut out =
        String::with_capacity(PAYLOAD_VERSION.len() + 1 + compressed.len().div_ceil(3) * 4);
    out.push_str(PAYLOAD_VERSION);
    out.push('.');
    for chunk in compressed.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (k, &b)| n | (u32::from(b) << (16 - 8 * k)));
        // 1 byte → 2 characters, 2 → 3, 3 → 4.
        for k in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * k) & 0x3F) as usize] as char);
        }
    }
    out
}

/// `#import=` + payload, ready to append to the app's URL.
pub fn fragment(payload: &str) -> String {
    format!("{FRAGMENT_PREFIX}{payload}")
}

/// Recovers the compressed bytes from a payload. Accepts the bare payload,
/// the fragment (`#import=…`), or a whole pasted URL, with surrounding
/// whitespace (messaging apps add line breaks).
pub fn decode_payload(text: &str) -> Result<Vec<u8>, LinkError> {
    let text = text.trim();
    let payload = find_payload(text);
    if payload.len() > MAX_PAYLOAD_CHARS + 16 {
        return Err(LinkError::TooLong {
            chars: payload.chars().count(),
            limit: MAX_PAYLOAD_CHARS,
        });
    }
    let (version, body) = payload.split_once('.').ok_or(LinkError::NotALink)?;
    if version.is_empty() || version.len() > 8 || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError::NotALink);
    }
    if version != PAYLOAD_VERSION {
        return Err(LinkError::UnknownVersion {
            found: version.to_string(),
        });
    }
    if body.is_empty() {
        return Err(LinkError::Empty);
    }
    if body.len() > MAX_PAYLOAD_CHARS {
        return Err(LinkError::TooLong {
            chars: body.chars().count(),
            limit: MAX_PAYLOAD_CHARS,
        });
    }
    base64url_decode(body)
}

/// The payload inside a URL, fragment, or bare text. `%23` is `#` after a
/// messenger has percent-encoded the link.
fn find_payload(text: &str) -> &str {
    for marker in [FRAGMENT_PREFIX, "%23import="] {
        if let Some(k) = text.find(marker) {
            return &text[k + marker.len()..];
        }
    }
    text.strip_prefix("import=").unwrap_or(text)
}

fn value_of(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

fn base64url_decode(body: &str) -> Result<Vec<u8>, LinkError> {
    // A length of 4k+1 cannot come from any bytes.
    if body.len() % 4 == 1 {
        // Still name a bad character first: it is the more useful message.
        if let Some(c) = body
            .chars()
            .find(|c| !c.is_ascii() || value_of(*c as u8).is_none())
        {
            return Err(LinkError::BadCharacter { found: c });
        }
        return Err(LinkError::Damaged);
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    for chunk in body.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (k, &c) in chunk.iter().enumerate() {
            let v = match value_of(c) {
                Some(v) => v,
                None => {
                    // Report the whole character, not a UTF-8 byte of it.
                    let found = body
                        .chars()
                        .find(|c| !c.is_ascii() || value_of(*c as u8).is_none());
                    return Err(LinkError::BadCharacter {
                        found: found.unwrap_or(c as char),
                    });
                }
            };
            n |= v << (18 - 6 * k);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = chunk.len() - 1; // 2 chars → 1 byte, 3 → 2, 4 → 3.
                                    // Unused low bits must be zero, as the encoder writes them: anything
                                    // else means the last characters were altered.
        if keep < 3 && bytes[keep] != 0 {
            return Err(LinkError::Damaged);
        }
        out.extend_from_slice(&bytes[..keep]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::i18n::assert_reads;

    #[test]
    fn link_errors_in_both_languages() {
        let e = LinkError::BadCharacter { found: '!' };
        assert_eq!(e.to_string(), e.describe(Lang::En));
        assert_reads(
            |l| e.describe(l),
            "the link contains '!', which does not belong in it: it was changed when it was copied",
            "el enlace contiene '!', que no debería estar ahí: se modificó al copiarlo",
        );
        let e = LinkError::TooLong {
            chars: 1_000_001,
            limit: 1_000_000,
        };
        assert!(e.describe(Lang::Es).contains("1000001 caracteres"));
        for e in [
            LinkError::Empty,
            LinkError::NotALink,
            LinkError::UnknownVersion { found: "2".into() },
            LinkError::Damaged,
        ] {
            assert_ne!(e.describe(Lang::Es), e.to_string());
        }
    }

    #[test]
    fn known_vectors() {
        // RFC 4648 test vectors, minus padding.
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_payload(raw.as_bytes()), format!("1.{enc}"));
        }
        // The URL-safe characters, where standard base64 has + and /.
        assert_eq!(encode_payload(&[0xFB, 0xFF, 0xBF]), "1.-_-_");
        assert_eq!(decode_payload("1.-_-_"), Ok(vec![0xFB, 0xFF, 0xBF]));
    }

    #[test]
    fn accepts_fragment_url_and_whitespace() {
        let p = encode_payload(b"hello");
        let want = Ok(b"hello".to_vec());
        assert_eq!(decode_payload(&p), want);
        assert_eq!(decode_payload(&fragment(&p)), want);
        assert_eq!(decode_payload(&format!("import={p}")), want);
        assert_eq!(
            decode_payload(&format!(
                "  https://roadbook.example/app/{}\n",
                fragment(&p)
            )),
            want
        );
        assert_eq!(
            decode_payload(&format!("https://x.example/%23import={p}")),
            want
        );
        assert_eq!(fragment("1.abc"), "#import=1.abc");
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(decode_payload("1."), Err(LinkError::Empty));
        assert_eq!(decode_payload("#import=1."), Err(LinkError::Empty));
        assert_eq!(decode_payload(""), Err(LinkError::NotALink));
        assert_eq!(decode_payload("hello world"), Err(LinkError::NotALink));
        assert_eq!(decode_payload("abc.def"), Err(LinkError::NotALink));
        assert_eq!(
            decode_payload("#import=2.Zm9v"),
            Err(LinkError::UnknownVersion {
                found: "2".to_string()
            })
        );
        assert_eq!(
            decode_payload("1.Zm9v+g"),
            Err(LinkError::BadCharacter { found: '+' })
        );
        assert_eq!(
            decode_payload("1.Zm9vé"),
            Err(LinkError::BadCharacter { found: 'é' })
        );
        assert_eq!(
            decode_payload("1.Zm9vYg=="),
            Err(LinkError::BadCharacter { found: '=' })
        );
        // Cut to an impossible length, or with nonzero trailing bits.
        assert_eq!(decode_payload("1.Zm9vY"), Err(LinkError::Damaged));
        assert_eq!(decode_payload("1.Zh"), Err(LinkError::Damaged));
        let long = format!("1.{}", "A".repeat(MAX_PAYLOAD_CHARS + 4));
        assert!(matches!(
            decode_payload(&long),
            Err(LinkError::TooLong { .. })
        ));
        let just_fits = format!("1.{}", "A".repeat(MAX_PAYLOAD_CHARS));
        assert_eq!(
            decode_payload(&just_fits).map(|v| v.len()),
            Ok(MAX_PAYLOAD_CHARS / 4 * 3)
        );
    }

    #[test]
    fn advice_thresholds() {
        assert_eq!(link_length_advice(0), LinkAdvice::Fine);
        assert_eq!(link_length_advice(2_000), LinkAdvice::Fine);
        assert_eq!(link_length_advice(2_001), LinkAdvice::LongForSomeApps);
        assert_eq!(link_length_advice(8_000), LinkAdvice::LongForSomeApps);
        assert_eq!(link_length_advice(8_001), LinkAdvice::TooLongForMessaging);
    }

    #[test]
    fn a_link_leaves_out_access_codes_unless_asked_and_says_who_made_it() {
        use crate::model::handoff::fixtures;
        use crate::model::validate::decode_manifest;
        let mut m = fixtures::simple();
        m.stops[0].access_code = Some("#4821".into());
        let origin = LinkOrigin {
            by: Some("Jordan Lee".into()),
            role: Some("dispatcher".into()),
            at: "2026-11-25T09:12:00-08:00".into(),
            access_codes: false,
        };
        let json = link_json(&m, &origin);
        let read = decode_manifest(&json).expect("a link's JSON is a valid manifest");
        assert!(read.stops.iter().all(|s| s.access_code.is_none()));
        assert_eq!(read, without_access_codes(&m));
        assert_eq!(link_origin(&json), Some(origin.clone()));

        let with_codes = LinkOrigin {
            access_codes: true,
            ..origin
        };
        let json = link_json(&m, &with_codes);
        assert_eq!(decode_manifest(&json), Ok(m.clone()));
        assert_eq!(link_origin(&json), Some(with_codes));
    }

    #[test]
    fn a_links_claims_are_read_carefully() {
        use crate::model::handoff::fixtures;
        let m = fixtures::simple();
        // A link from an older build says nothing.
        assert_eq!(link_origin(&serde_json::to_string(&m).unwrap()), None);
        let with = |origin: serde_json::Value| {
            let mut v = serde_json::to_value(&m).unwrap();
            v.as_object_mut()
                .unwrap()
                .insert(ORIGIN_FIELD.into(), origin);
            link_origin(&v.to_string())
        };
        // No readable time: no claim at all.
        assert_eq!(
            with(serde_json::json!({"by": "X", "at": "yesterday"})),
            None
        );
        assert_eq!(with(serde_json::json!("made by X")), None);
        // Control characters out, long names cut, empty names gone.
        let o = with(serde_json::json!({
            "by": format!("Eve\u{202e}\n{}", "x".repeat(300)),
            "role": " ",
            "at": "2026-11-25T09:12:00Z"
        }))
        .unwrap();
        let by = o.by.unwrap();
        assert!(by.starts_with("Eve") && !by.contains('\n'));
        assert!(by.chars().count() <= 100);
        assert_eq!(o.role, None);
        assert!(!o.access_codes);
    }

    #[test]
    fn errors_read_plainly() {
        assert_eq!(
            LinkError::BadCharacter { found: '%' }.to_string(),
            "the link contains '%', which does not belong in it: it was changed when it was copied"
        );
    }

    proptest! {
        #[test]
        fn round_trips_any_bytes(bytes in prop::collection::vec(any::<u8>(), 1..600)) {
            let p = encode_payload(&bytes);
            prop_assert!(p[2..].bytes().all(|c| ALPHABET.contains(&c)));
            prop_assert_eq!(p.len(), 2 + (bytes.len() * 4).div_ceil(3));
            prop_assert_eq!(decode_payload(&p), Ok(bytes.clone()));
            prop_assert_eq!(decode_payload(&fragment(&p)), Ok(bytes));
        }

        #[test]
        fn never_panics_on_any_text(s in "\\PC*") {
            let _ = decode_payload(&s);
            let _ = decode_payload(&format!("1.{s}"));
            let _ = decode_payload(&format!("#import=1.{s}"));
        }

        #[test]
        fn never_panics_on_near_valid_text(s in "[A-Za-z0-9_=+/.-]{0,40}") {
            let _ = decode_payload(&format!("1.{s}"));
        }
    }
}
