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
        let lower = t.to_ascii_lowercase();
        let allowed = lower.starts_with("https://")
            || lower.starts_with("http://")
            || t.starts_with('/')
            || t.starts_with("./")
            || t.starts_with("../");
        if !allowed {
            return Err(ConfigError::Invalid(format!(
                "\"api_base\" must be \"demo\", an http(s) URL or a path, not {t:?}"
            )));
        }
        Ok(ApiBase::Http(t.trim_end_matches('/').to_string()))
    }

    pub fn is_demo(&self) -> bool {
        matches!(self, ApiBase::Demo)
    }
}

/// How drivers reach a human.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// Where a driver resets a forgotten password (shown after repeated 401s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_reset_url: Option<String>,
    /// The hours in other languages, by language code (`{"es": "Todos los días, 06:00–22:00"}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
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
pub struct SupportCodeInfo {
    /// Which kind of failure this code really is (e.g. "platform_outage").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Operator reassurance, e.g. "Scheduled blocks are paid."
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reassurance: Option<String>,
    /// The same words in other languages, by language code ("es").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, SupportCodeWords>,
}

/// An operator's words for a support code in one more language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportCodeWords {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
}

impl ConfigError {
    /// The problem in the reader's language (technical details, such as a
    /// JSON parser's message, stay as they are).
    pub fn describe(&self, lang: Lang) -> String {
        use super::i18n::catalogues::AppText as T;
        use super::i18n::tr_fill;
        match self {
            ConfigError::NotJson {
                line,
                column,
                message,
            } => tr_fill(
                lang,
                T::ConfigNotJson,
                &[
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                    ("detail", message),
                ],
            ),
            ConfigError::Invalid(m) => tr_fill(lang, T::ConfigInvalid, &[("detail", m)]),
            ConfigError::NotFound { status } => {
                tr_fill(lang, T::ConfigNotFound, &[("status", &status.to_string())])
            }
            ConfigError::RetentionTooLong { hours } => tr_fill(
                lang,
                T::ConfigRetentionTooLong,
                &[
                    ("hours", &hours.to_string()),
                    ("max", &MAX_RETENTION_HOURS.to_string()),
                ],
            ),
            ConfigError::Unreachable(m) => tr_fill(lang, T::ConfigUnreachable, &[("detail", m)]),
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
        Ok(Config {
            api_base,
            status_url: raw.status_url.filter(|s| !s.trim().is_empty()),
            support: raw.support,
            support_codes: raw.support_codes,
            retention_hours_after_block: raw.retention_hours_after_block,
            stale_after_hours: raw.stale_after_hours,
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
        };
        serde_json::to_string(&raw).unwrap_or_default()
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
            Err(ConfigError::Invalid(_))
        ));
        assert!(matches!(
            Config::parse(r#"{"api_base":"demo","retention_hours_after_block":"x"}"#),
            Err(ConfigError::Invalid(_))
        ));
    }
}
