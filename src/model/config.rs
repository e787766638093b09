//! Runtime configuration (`config.json`, fetched next to `index.html`).
//!
//! Operators point one build at their own API, status page and support lines
//! by editing this file on their static host; nothing is baked into the wasm.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::i18n::Lang;
use super::wire::json_error_message;

/// Where API requests go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiBase {
    /// The simulated backend that runs inside the page.
    Demo,
    /// An absolute URL or a path relative to the page, without a trailing slash.
    Http(String),
}

impl ApiBase {
    fn from_text(text: &str) -> Result<Self, ConfigError> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("demo") {
            return Ok(ApiBase::Demo);
        }
        if t.is_empty() {
            return Err(ConfigError::Invalid("\"api_base\" is empty".into()));
        }
        check_url("api_base", t)?;
        Ok(ApiBase::Http(t.trim_end_matches('/').to_string()))
    }

    pub fn is_demo(&self) -> bool {
        matches!(self, ApiBase::Demo)
    }
}

/// Whether `url` may appear in the config: an `https://` address, a path
/// on the app's own site (`/api`, `./api`, `../api`), or plain `http://`
/// only to this device (`localhost`, `127.0.0.1`, `[::1]`), for a backend
/// run next to the app while developing. Whoever can edit `config.json`
/// decides where sign-in goes; this at least keeps passwords, tokens and
/// links off unencrypted connections and away from `javascript:` or
/// protocol-relative (`//host`) tricks.
pub fn url_allowed(url: &str) -> bool {
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return false;
    }
    // `//host/x` is another site, not a path on this one.
    if url.starts_with("//") {
        return false;
    }
    if url.starts_with('/') || url.starts_with("./") || url.starts_with("../") {
        return true;
    }
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("https://") {
        return !host_of(rest).is_empty();
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        return matches!(host_of(rest), "localhost" | "127.0.0.1" | "[::1]");
    }
    false
}

/// The host of `rest`, the part of a URL after `scheme://`: without any
/// `user@` before it or `:port` after it.
fn host_of(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    if host_port.starts_with('[') {
        return match host_port.find(']') {
            Some(end) => &host_port[..=end],
            None => "",
        };
    }
    host_port.split(':').next().unwrap_or("")
}

/// A named setup error when a URL in the config is not allowed.
fn check_url(field: &str, url: &str) -> Result<(), ConfigError> {
    if url_allowed(url) {
        Ok(())
    } else {
        Err(ConfigError::UrlNotAllowed {
            field: field.to_string(),
            value: url.chars().take(200).collect(),
        })
    }
}

/// How drivers reach a human.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Support {
    pub phone: Option<String>,
    pub sms: Option<String>,
    pub url: Option<String>,
    pub hours: Option<String>,
    /// Where a driver resets a forgotten password (shown after repeated 401s).
    pub password_reset_url: Option<String>,
    /// The hours in other languages, by language code (`{"es": "Todos los días, 06:00–22:00"}`).
    pub hours_translations: BTreeMap<String, String>,
}

impl Support {
    /// The support hours in `lang` if the operator translated them, else as
    /// written.
    pub fn hours_in(&self, lang: Lang) -> Option<&str> {
        self.hours_translations
            .get(lang.code())
            .filter(|h| !h.trim().is_empty())
            .or(self.hours.as_ref())
            .map(String::as_str)
    }
}

/// What the operator says about one support code (e.g. "03-005").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportCodeInfo {
    /// Which kind of failure this code really is (e.g. "platform_outage").
    pub kind: Option<String>,
    pub title: Option<String>,
    pub message: Option<String>,
    /// Operator reassurance, e.g. "Scheduled blocks are paid."
    pub reassurance: Option<String>,
    /// The same words in other languages, by language code ("es").
    pub translations: BTreeMap<String, SupportCodeWords>,
}

/// An operator's words for a support code in one more language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportCodeWords {
    pub title: Option<String>,
    pub message: Option<String>,
    pub reassurance: Option<String>,
}

impl SupportCodeInfo {
    /// The operator's words in `lang`: the translation when there is one,
    /// else the text as written (the operator's own words carry facts, such
    /// as "blocks are paid", that a generic sentence would lose).
    pub fn words(&self, lang: Lang) -> SupportCodeWords {
        let tr = self.translations.get(lang.code());
        let pick = |own: &Option<String>, translated: Option<&Option<String>>| {
            translated
                .and_then(|t| t.as_ref())
                .filter(|t| !t.trim().is_empty())
                .or(own.as_ref())
                .cloned()
        };
        SupportCodeWords {
            title: pick(&self.title, tr.map(|t| &t.title)),
            message: pick(&self.message, tr.map(|t| &t.message)),
            reassurance: pick(&self.reassurance, tr.map(|t| &t.reassurance)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub api_base: ApiBase,
    pub status_url: Option<String>,
    pub support: Support,
    pub support_codes: BTreeMap<String, SupportCodeInfo>,
    pub retention_hours_after_block: u32,
    /// A saved manifest older than this is shown with a staleness warning.
    pub stale_after_hours: u32,
    /// The street map (`model::map::MapSetup`), as written: it is checked
    /// by the map's own code, which loads only when a map is configured,
    /// and a map set up wrong shows the route sketch with the problem named
    /// instead of stopping the app. The JSON text, not a tree: the first
    /// screen carries no code to compare, copy or print one.
    pub map: Option<String>,
}

/// The wire form, before `api_base` is checked.
#[derive(Serialize, Deserialize)]
struct RawConfig {
    api_base: Option<String>,
    #[serde(default)]
    status_url: Option<String>,
    #[serde(default)]
    support: Support,
    #[serde(default)]
    support_codes: BTreeMap<String, SupportCodeInfo>,
    #[serde(default = "default_retention")]
    retention_hours_after_block: u32,
    #[serde(default = "default_stale")]
    stale_after_hours: u32,
    // Read as a tree (the first screen already reads JSON trees, for the
    // status page) and kept as text; `to_json` writes it back by hand, so
    // the first screen carries no code to serialise a tree in a struct.
    #[serde(default, skip_serializing)]
    map: serde_json::Value,
}

fn default_retention() -> u32 {
    24
}

/// The longest an operator may keep drivers' personal data on a phone
/// after a block ends: 7 days. Past it, the config is refused by name
/// rather than quietly kept or cut: a privacy limit the operator set too
/// high is theirs to correct.
pub const MAX_RETENTION_HOURS: u32 = 7 * 24;

fn default_stale() -> u32 {
    12
}

/// Why `config.json` could not be used. Shown on the setup-error screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON, but a field is missing or of the wrong type.
    Invalid(String),
    /// The server answered with something that is not the config at all
    /// (e.g. an HTML page because the file is missing and the host falls back).
    NotFound {
        status: u16,
    },
    /// `retention_hours_after_block` is over [`MAX_RETENTION_HOURS`].
    RetentionTooLong {
        hours: u32,
    },
    Unreachable(String),
    /// A URL (`field`, e.g. "support.url") that is not https, a path on this
    /// site, or http to this device: see [`url_allowed`].
    UrlNotAllowed {
        field: String,
        value: String,
    },
}

impl ConfigError {
    /// The problem in the reader's language (technical details, such as a
    /// JSON parser's message, stay as they are).
    pub fn describe(&self, lang: Lang) -> String {
        use super::i18n::catalogues::AppFill as F;
        use super::i18n::Fill;
        match self {
            ConfigError::NotJson {
                line,
                column,
                message,
            } => F::ConfigNotJson {
                line,
                column,
                detail: message,
            }
            .fill(lang),
            ConfigError::Invalid(detail) => F::ConfigInvalid { detail }.fill(lang),
            ConfigError::NotFound { status } => F::ConfigNotFound { status }.fill(lang),
            ConfigError::RetentionTooLong { hours } => F::ConfigRetentionTooLong {
                hours,
                max: &MAX_RETENTION_HOURS,
            }
            .fill(lang),
            ConfigError::Unreachable(detail) => F::ConfigUnreachable { detail }.fill(lang),
            ConfigError::UrlNotAllowed { field, value } => {
                F::ConfigUrlNotAllowed { field, value }.fill(lang)
            }
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('<') {
            return Err(ConfigError::Invalid(
                "the file is an HTML page, not JSON (is config.json missing on the host?)".into(),
            ));
        }
        let raw: RawConfig = serde_json::from_str(trimmed).map_err(|e| {
            if e.is_data() {
                ConfigError::Invalid(e.to_string())
            } else {
                ConfigError::NotJson {
                    line: e.line(),
                    column: e.column(),
                    message: json_error_message(&e),
                }
            }
        })?;
        let api_base = raw
            .api_base
            .ok_or_else(|| ConfigError::Invalid("\"api_base\" is missing".into()))
            .and_then(|s| ApiBase::from_text(&s))?;
        if raw.retention_hours_after_block > MAX_RETENTION_HOURS {
            return Err(ConfigError::RetentionTooLong {
                hours: raw.retention_hours_after_block,
            });
        }
        let status_url = raw
            .status_url
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let mut support = raw.support;
        // An empty link is no link (as for `status_url`).
        for url in [&mut support.url, &mut support.password_reset_url] {
            *url = url
                .take()
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty());
        }
        for (field, url) in [
            ("status_url", status_url.as_deref()),
            ("support.url", support.url.as_deref()),
            (
                "support.password_reset_url",
                support.password_reset_url.as_deref(),
            ),
        ] {
            if let Some(url) = url {
                check_url(field, url)?;
            }
        }
        Ok(Config {
            api_base,
            status_url,
            support,
            support_codes: raw.support_codes,
            retention_hours_after_block: raw.retention_hours_after_block,
            stale_after_hours: raw.stale_after_hours,
            map: (!raw.map.is_null()).then(|| raw.map.to_string()),
        })
    }

    /// The wire form again, e.g. to cache the last config that worked.
    pub fn to_json(&self) -> String {
        let raw = RawConfig {
            api_base: Some(match &self.api_base {
                ApiBase::Demo => "demo".to_string(),
                ApiBase::Http(url) => url.clone(),
            }),
            status_url: self.status_url.clone(),
            support: self.support.clone(),
            support_codes: self.support_codes.clone(),
            retention_hours_after_block: self.retention_hours_after_block,
            stale_after_hours: self.stale_after_hours,
            map: serde_json::Value::Null,
        };
        let mut json = serde_json::to_string(&raw).unwrap_or_default();
        // `"map": …` as it was read (JSON text), before the closing brace
        // (`api_base` always comes first, so the object is not empty).
        if let Some(map) = self.map.as_deref().filter(|_| json.ends_with('}')) {
            json.pop();
            json.push_str(",\"map\":");
            json.push_str(map);
            json.push('}');
        }
        json
    }

    /// The defaults used by tests and as a base for demos.
    pub fn demo() -> Config {
        Config {
            api_base: ApiBase::Demo,
            status_url: None,
            support: Support::default(),
            support_codes: BTreeMap::new(),
            retention_hours_after_block: default_retention(),
            stale_after_hours: default_stale(),
            map: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_parses_and_selects_demo() {
        let text = include_str!("../../public/config.json");
        let c = Config::parse(text).expect("shipped config.json must parse");
        assert_eq!(c.api_base, ApiBase::Demo);
        assert!(c.support_codes.contains_key("03-005"));
    }

    #[test]
    fn to_json_round_trips() {
        let c = Config::parse(include_str!("../../public/config.json")).unwrap();
        assert_eq!(Config::parse(&c.to_json()).unwrap(), c);
    }

    /// The map is kept as written (its own code checks it) and survives
    /// the cached copy; the shipped demo config has none (the sketch).
    #[test]
    fn the_map_setting_is_kept_as_written() {
        let shipped = Config::parse(include_str!("../../public/config.json")).unwrap();
        assert_eq!(shipped.map, None);
        let c = Config::parse(
            r#"{"api_base":"demo","map":{"tiles":"/t/{z}/{x}/{y}.png","attribution":"© Us","offline_tiles":true}}"#,
        )
        .unwrap();
        let map = c.map.clone().unwrap();
        assert!(crate::model::map::MapSetup::asks_offline(&map));
        assert_eq!(
            crate::model::map::MapSetup::from_text(&map)
                .unwrap()
                .tiles
                .as_str(),
            "/t/{z}/{x}/{y}.png"
        );
        assert_eq!(Config::parse(&c.to_json()).unwrap(), c);
        assert_eq!(
            Config::parse(r#"{"api_base":"demo","map":null}"#)
                .unwrap()
                .map,
            None
        );
    }

    #[test]
    fn http_base_loses_trailing_slash() {
        let c = Config::parse(r#"{"api_base":"https://api.example.com/v1/"}"#).unwrap();
        assert_eq!(
            c.api_base,
            ApiBase::Http("https://api.example.com/v1".into())
        );
        assert_eq!(c.retention_hours_after_block, 24);
    }

    /// Personal data stays at most 7 days after a block: a longer setting
    /// is a named setup error, in both languages.
    #[test]
    fn retention_is_capped_at_seven_days() {
        let with = |h: u32| {
            Config::parse(&format!(
                r#"{{"api_base":"demo","retention_hours_after_block":{h}}}"#
            ))
        };
        assert_eq!(with(168).unwrap().retention_hours_after_block, 168);
        assert_eq!(with(0).unwrap().retention_hours_after_block, 0);
        let e = with(169).unwrap_err();
        assert_eq!(e, ConfigError::RetentionTooLong { hours: 169 });
        assert_eq!(
            e.describe(Lang::En),
            "config.json sets \"retention_hours_after_block\" to 169, more than the 168 hours (7 days) Roadbook may keep drivers' personal data after a block"
        );
        let es = e.describe(Lang::Es);
        assert!(
            es.starts_with("config.json fija \"retention_hours_after_block\" en 169"),
            "{es}"
        );
        // Names of the file and the field are the same in both.
        let words = |t: String| {
            t.replace("config.json", "")
                .replace("retention_hours_after_block", "")
        };
        assert_eq!(
            crate::model::i18n::english_left_in(&words(e.describe(Lang::En)), &words(es)),
            Vec::<String>::new()
        );
        assert!(matches!(
            with(100_000),
            Err(ConfigError::RetentionTooLong { .. })
        ));
    }

    #[test]
    fn errors_name_the_problem() {
        match Config::parse("{\"api_base\": \"demo\",,}") {
            Err(ConfigError::NotJson { line: 1, .. }) => {}
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Config::parse("{}"),
            Err(ConfigError::Invalid(m)) if m.contains("api_base")
        ));
        assert!(matches!(
            Config::parse("<!doctype html><p>Not found"),
            Err(ConfigError::Invalid(m)) if m.contains("HTML")
        ));
        assert!(matches!(
            Config::parse(r#"{"api_base":"javascript:alert(1)"}"#),
            Err(ConfigError::UrlNotAllowed { field, .. }) if field == "api_base"
        ));
        assert!(matches!(
            Config::parse(r#"{"api_base":"demo","retention_hours_after_block":"x"}"#),
            Err(ConfigError::Invalid(_))
        ));
    }

    #[test]
    fn urls_must_be_https_a_path_or_http_to_this_device() {
        for ok in [
            "https://api.example.com/v1",
            "HTTPS://API.EXAMPLE.COM",
            "/api",
            "./api",
            "../api",
            "http://localhost:8080/api",
            "http://127.0.0.1/api",
            "http://[::1]:3000",
        ] {
            assert!(url_allowed(ok), "{ok}");
        }
        for bad in [
            "http://api.example.com/v1",
            "http://localhost.evil.example/api",
            "http://localhost@evil.example/api",
            "http://127.0.0.1.evil.example",
            "//evil.example/api",
            "/\\evil.example/api",
            "javascript:alert(1)",
            "data:text/html,hi",
            "ftp://files.example.com",
            "https://",
            "https:///path",
            "api.example.com",
            "https://api.example.com/ x",
            "",
        ] {
            assert!(!url_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn every_url_in_the_config_is_checked_with_a_named_error() {
        let with = |field: &str, url: &str| {
            let support = match field {
                "support.url" => format!(r#"{{"url":"{url}"}}"#),
                "support.password_reset_url" => format!(r#"{{"password_reset_url":"{url}"}}"#),
                _ => "{}".to_string(),
            };
            let api = if field == "api_base" { url } else { "demo" };
            let status = if field == "status_url" {
                format!(r#""{url}""#)
            } else {
                "null".to_string()
            };
            Config::parse(&format!(
                r#"{{"api_base":"{api}","status_url":{status},"support":{support}}}"#
            ))
        };
        for field in [
            "api_base",
            "status_url",
            "support.url",
            "support.password_reset_url",
        ] {
            let err = with(field, "http://evil.example/x").unwrap_err();
            assert_eq!(
                err,
                ConfigError::UrlNotAllowed {
                    field: field.to_string(),
                    value: "http://evil.example/x".to_string()
                }
            );
            assert_eq!(
                err.describe(Lang::En),
                format!(
                    "config.json has a problem: \"{field}\" must be an https:// address or a path \
                     on this site, not \"http://evil.example/x\" (plain http:// is allowed only for \
                     localhost)"
                )
            );
            assert!(
                err.describe(Lang::Es)
                    .starts_with("config.json tiene un problema:"),
                "{}",
                err.describe(Lang::Es)
            );
            assert!(with(field, "https://ok.example/x").is_ok(), "{field}");
            assert!(with(field, "/x").is_ok(), "{field}");
        }
        // Empty links are no links, not errors.
        let c = Config::parse(
            r#"{"api_base":"demo","status_url":" ","support":{"url":"","password_reset_url":" "}}"#,
        )
        .unwrap();
        assert_eq!(
            (c.status_url, c.support.url, c.support.password_reset_url),
            (None, None, None)
        );
    }
}
