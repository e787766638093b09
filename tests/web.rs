//! wasm-bindgen tests, run in headless Chromium by wasm-bindgen-test-runner:
//! the browser layer against a real browser.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use roadbook::model::config::{ApiBase, ConfigError};
use roadbook::model::envelope::{self, ManifestSource, SavedManifest};
use roadbook::model::storage_keys::{OnRetention, OnSignOut};
use roadbook::platform::config_loader::load_config_from;
use roadbook::platform::storage::{self, Area, StorageKey};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn data_url(mime: &str, body: &str) -> String {
    format!(
        "data:{mime},{}",
        String::from(js_sys::encode_uri_component(body))
    )
}

#[wasm_bindgen_test]
async fn config_loads_through_fetch() {
    let url = data_url("application/json", include_str!("../public/config.json"));
    let config = load_config_from(&url).await.expect("shipped config loads");
    assert_eq!(config.api_base, ApiBase::Demo);
    assert!(config.support_codes.contains_key("03-005"));
}

#[wasm_bindgen_test]
async fn config_that_is_an_html_page_is_a_named_error() {
    let url = data_url("text/html", "<!doctype html><title>Not found</title>");
    match load_config_from(&url).await {
        Err(ConfigError::Invalid(m)) => assert!(m.contains("HTML"), "{m}"),
        other => panic!("expected a named setup error, got {other:?}"),
    }
}

/// A key of this test's own, not one the app uses.
const TEST_KEY: StorageKey = StorageKey {
    name: "roadbook.test.envelope",
    area: Area::Local,
    personal: false,
    sign_out: OnSignOut::Keeps,
    retention: OnRetention::Keeps,
};

#[wasm_bindgen_test]
fn local_storage_round_trips_a_sealed_manifest() {
    let manifest = roadbook::backend::demo::data::manifest_for(
        &roadbook::backend::demo::data::demo_driver(),
        1_795_600_000_000,
        roadbook::backend::demo::data::ManifestSize::STANDARD,
    );
    let saved = SavedManifest {
        saved_at_ms: 1_795_600_000_000,
        source: ManifestSource::Server {
            etag: Some("\"abc\"".into()),
        },
        manifest,
    };
    storage::set(&TEST_KEY, &envelope::seal(&saved)).unwrap();
    let text = storage::get(&TEST_KEY).unwrap().expect("stored");
    let back = envelope::open(&text).expect("opens");
    assert_eq!(back, saved);
    storage::remove(&TEST_KEY).unwrap();
    assert_eq!(storage::get(&TEST_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
fn setup_error_component_names_the_problem() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let host: web_sys::HtmlElement = host.dyn_into().unwrap();
    let error = ConfigError::NotFound { status: 404 };
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <roadbook::ui::SetupErrorView error=error.clone() /> }
    });
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Roadbook is not set up correctly"), "{text}");
    assert!(text.contains("404"), "{text}");
    drop(handle);
}

/// Every time on screen comes from one formatter, the browser's `Intl`, in
/// the block's own offset: English reads "7:39 AM" and days as "Wed, Nov
/// 25" on every screen (the fleet and import screens once used "07:39" and
/// ISO days while stop cards read "7:39 AM").
#[wasm_bindgen_test]
fn times_and_days_read_the_same_everywhere_in_each_language() {
    use roadbook::model::i18n::Lang;
    use roadbook::platform::intl;
    // 07:39 at UTC-8 on Wednesday 25 November 2026.
    let at = "2026-11-25T07:39:00-08:00";
    let s = roadbook::model::time::parse_rfc3339(at).unwrap();
    let spaced = |t: String| t.replace(['\u{202f}', '\u{a0}'], " ");
    assert_eq!(spaced(intl::time(Lang::En, s.ms, s.offset_min)), "7:39 AM");
    assert_eq!(intl::time(Lang::Es, s.ms, s.offset_min), "7:39");
    assert_eq!(intl::day_of(Lang::En, at), "Wed, Nov 25");
    assert_eq!(
        spaced(intl::exact(Lang::En, at).unwrap()),
        "Wed, Nov 25 7:39 AM"
    );
    assert_eq!(
        spaced(intl::hours(Lang::En, at, "2026-11-25T17:00:00-08:00").unwrap()),
        "7:39 AM–5:00 PM"
    );
    assert_eq!(
        intl::hours(Lang::Es, at, "2026-11-25T17:00:00-08:00").unwrap(),
        "7:39–17:00"
    );
    // Text that is not a time is shown as it came, not guessed at.
    assert_eq!(intl::day_of(Lang::En, "soon"), "soon");
    assert_eq!(intl::exact(Lang::En, "soon"), None);
}
