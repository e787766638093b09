//! The optional `"map"` of `config.json`:
//!
//! ```json
//! "map": { "tiles": "https://tiles.example.com/{z}/{x}/{y}.png",
//!          "attribution": "© Example Maps, © OpenStreetMap contributors",
//!          "max_zoom": 18, "offline_tiles": true }
//! ```
//!
//! A map that is not set up right never stops a driver working: the route
//! screen shows the sketch instead and says what is wrong (see
//! `MapSetupError::describe`), so the operator can fix it.

use serde_json::Value;

use super::tile_url::{TileUrl, TileUrlProblem};
use crate::model::i18n::catalogues::{MapFill as F, MapText as T};
use crate::model::i18n::{Fill, Lang, Text};

/// The deepest zoom allowed when `max_zoom` is not given: street level,
/// which every raster tile service offers.
pub const DEFAULT_MAX_ZOOM: u8 = 18;

/// A checked map setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapSetup {
    pub tiles: TileUrl,
    /// The tile provider's credit line, shown on the map at all times.
    pub attribution: String,
    pub max_zoom: u8,
    /// Keep the tiles around the route's stops on the phone.
    pub offline_tiles: bool,
}

/// What is wrong with `"map"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapSetupError {
    NotAnObject,
    MissingTiles,
    Tiles {
        problem: TileUrlProblem,
        value: String,
    },
    MissingAttribution,
    MaxZoom(String),
    OfflineTiles(String),
}

/// The longest credit line kept; providers' lines are a few dozen characters.
const MAX_ATTRIBUTION: usize = 300;

/// A value as it appears in the file, shortened for a message.
fn shown(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    }
}

impl MapSetup {
    pub fn from_json(v: &Value) -> Result<MapSetup, MapSetupError> {
        let map = v.as_object().ok_or(MapSetupError::NotAnObject)?;
        let tiles = match map.get("tiles") {
            None | Some(Value::Null) => return Err(MapSetupError::MissingTiles),
            Some(Value::String(s)) => {
                TileUrl::parse(s).map_err(|problem| MapSetupError::Tiles {
                    problem,
                    value: shown(&Value::String(s.clone())),
                })?
            }
            Some(other) => {
                return Err(MapSetupError::Tiles {
                    problem: TileUrlProblem::NotAllowed,
                    value: shown(other),
                })
            }
        };
        let attribution = map
            .get("attribution")
            .and_then(Value::as_str)
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty())
            .ok_or(MapSetupError::MissingAttribution)?;
        let attribution = attribution.chars().take(MAX_ATTRIBUTION).collect();
        let max_zoom = match map.get("max_zoom") {
            None | Some(Value::Null) => DEFAULT_MAX_ZOOM,
            Some(z) => z
                .as_u64()
                .filter(|z| (1..=22).contains(z))
                .map(|z| z as u8)
                .ok_or_else(|| MapSetupError::MaxZoom(shown(z)))?,
        };
        let offline_tiles = match map.get("offline_tiles") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => return Err(MapSetupError::OfflineTiles(shown(other))),
        };
        Ok(MapSetup {
            tiles,
            attribution,
            max_zoom,
            offline_tiles,
        })
    }

    /// Whether `"map"` asks for offline tiles, read without checking the
    /// rest: the first screen decides from this whether to load the map's
    /// code at all, and the map's code then checks everything.
    pub fn asks_offline(text: &str) -> bool {
        serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|v| v.get("offline_tiles").and_then(Value::as_bool))
            == Some(true)
    }

    /// [`MapSetup::from_json`] of config.json's `map` as written.
    pub fn from_text(text: &str) -> Result<MapSetup, MapSetupError> {
        let v: Value = serde_json::from_str(text).map_err(|_| MapSetupError::NotAnObject)?;
        MapSetup::from_json(&v)
    }
}

impl MapSetupError {
    /// The problem in the reader's language (the field names and the
    /// operator's values stay as written).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            MapSetupError::NotAnObject => T::SetupNotAnObject.text(lang).to_string(),
            MapSetupError::MissingTiles => T::SetupMissingTiles.text(lang).to_string(),
            MapSetupError::Tiles { problem, value } => match problem {
                TileUrlProblem::Empty => T::SetupMissingTiles.text(lang).to_string(),
                TileUrlProblem::NotAllowed => F::SetupTilesNotAllowed { value }.fill(lang),
                TileUrlProblem::Missing(p) => F::SetupTilesMissing { missing: p }.fill(lang),
                TileUrlProblem::Unknown(p) => F::SetupTilesUnknown { unknown: p }.fill(lang),
            },
            MapSetupError::MissingAttribution => T::SetupMissingAttribution.text(lang).to_string(),
            MapSetupError::MaxZoom(v) => F::SetupMaxZoom { value: v }.fill(lang),
            MapSetupError::OfflineTiles(v) => F::SetupOfflineTiles { value: v }.fill(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_full_setting() {
        let m = MapSetup::from_json(&json!({
            "tiles": "https://tiles.example.com/{z}/{x}/{y}.png",
            "attribution": "  © Example Maps,\n © OpenStreetMap contributors ",
            "max_zoom": 17,
            "offline_tiles": true
        }))
        .unwrap();
        assert_eq!(
            m.attribution,
            "© Example Maps, © OpenStreetMap contributors"
        );
        assert_eq!(m.max_zoom, 17);
        assert!(m.offline_tiles);
        let plain =
            MapSetup::from_json(&json!({"tiles": "/tiles/{z}/{x}/{y}.png", "attribution": "© Us"}))
                .unwrap();
        assert_eq!((plain.max_zoom, plain.offline_tiles), (18, false));
        assert!(MapSetup::asks_offline(
            r#"{"tiles": 7, "offline_tiles": true}"#
        ));
        assert!(!MapSetup::asks_offline(r#"{"offline_tiles": "yes"}"#));
        assert!(!MapSetup::asks_offline(r#"{"offline_tiles": false}"#));
        assert!(!MapSetup::asks_offline("null"));
        assert!(!MapSetup::asks_offline("[1]"));
        assert!(!MapSetup::asks_offline("{"));
        assert_eq!(
            MapSetup::from_text(r#"{"tiles": "/t/{z}/{x}/{y}.png", "attribution": "© Us"}"#)
                .unwrap()
                .max_zoom,
            18
        );
        assert_eq!(
            MapSetup::from_text("{").unwrap_err(),
            MapSetupError::NotAnObject
        );
    }

    #[test]
    fn each_problem_is_named_in_both_languages() {
        let ok = json!({"tiles": "/t/{z}/{x}/{y}.png", "attribution": "© Us"});
        let with = |k: &str, v: Value| {
            let mut m = ok.clone();
            m[k] = v;
            MapSetup::from_json(&m).unwrap_err()
        };
        let cases = [
            (
                MapSetup::from_json(&json!("tiles")).unwrap_err(),
                "\"map\" must be an object",
            ),
            (with("tiles", Value::Null), "\"map.tiles\" is missing"),
            (
                with("tiles", json!("http://tiles.example.com/{z}/{x}/{y}.png")),
                "must be an https:// address",
            ),
            (with("tiles", json!(7)), "not 7"),
            (with("tiles", json!("/t/{z}/{y}.png")), "{x} is missing"),
            (with("tiles", json!("/t/{s}/{z}/{x}/{y}.png")), "{s}"),
            (
                with("attribution", json!("  ")),
                "\"map.attribution\" is missing",
            ),
            (with("max_zoom", json!(25)), "not 25"),
            (with("max_zoom", json!(16.5)), "not 16.5"),
            (with("offline_tiles", json!("yes")), "not \"yes\""),
        ];
        for (err, want) in cases {
            let en = err.describe(Lang::En);
            assert!(en.contains(want), "{en:?} should say {want:?}");
            let es = err.describe(Lang::Es);
            assert_ne!(en, es);
            // Field names and the operator's values (in quotes), the
            // placeholders and JSON's true and false read the same in both.
            let words = |t: &str| -> String {
                t.split('"')
                    .step_by(2)
                    .collect::<String>()
                    .replace("https", "")
                    .replace("{s}", "")
                    .replace("true", "")
                    .replace("false", "")
            };
            assert_eq!(
                crate::model::i18n::english_left_in(&words(&en), &words(&es)),
                Vec::<String>::new(),
                "{es}"
            );
        }
    }
}
