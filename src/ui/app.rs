//! The root: loads the config, provides the shared state, and routes.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::contrast_toggle;
use super::demo_panel::DemoPanel;
use super::header::Header;
use super::later::{Later, Part};
use super::manifest_screen::ManifestScreen;
use super::nav_bar::NavBar;
use super::setup_error::SetupError;
use super::sign_in::SignIn;
use super::snapshot;
use super::update_banner::{UpdateBanner, UpdateReady};
use crate::model::config::{Config, ConfigError};
use crate::model::screen::Screen;
use crate::model::session::Role;
use crate::model::storage_keys as keys;
use crate::platform::api::Api;
use crate::platform::config_loader::load_config;
use crate::platform::first_paint::Typed;
use crate::platform::service_worker;
use crate::platform::storage;
use crate::state::locale::Locale;
use crate::state::map_tiles;
use crate::state::navigation::Navigation;
use crate::state::routebook::RouteBook;
use crate::state::session::SessionState;
use crate::state::sign_in::SignInAttempt;
use crate::state::sign_out;
use crate::state::status_page::StatusPage;
use crate::state::upkeep;
use crate::state::AppEnv;

/// The environment once the config is known (`None` while it loads).
#[derive(Clone, Copy)]
pub struct EnvSignal(pub RwSignal<Option<AppEnv>>);

fn env_from(config: Config) -> AppEnv {
    AppEnv {
        api: Api::new(config.api_base.clone()),
        config,
    }
}

#[component]
pub fn App(
    /// What was typed into the sign-in frame before the app loaded.
    #[prop(optional)]
    typed: Typed,
) -> impl IntoView {
    // Saved state first, before any network request: a driver mid-route sees
    // their manifest even if nothing below ever answers.
    // The driver's sunlight setting applies to every screen from the start.
    contrast_toggle::apply(contrast_toggle::saved_contrast());
    let locale = Locale::detect();
    provide_context(locale);
    let session = SessionState::restore();
    let book = RouteBook::restore();
    provide_context(session);
    provide_context(book);
    provide_context(StatusPage::restore());

    // The last config that worked starts the app at once; the fresh one
    // replaces it when it arrives.
    let cached = storage::get(&keys::CONFIG)
        .ok()
        .flatten()
        .and_then(|t| Config::parse(&t).ok());
    let env = RwSignal::new(cached.map(env_from));
    let setup_error = RwSignal::new(None::<ConfigError>);
    provide_context(EnvSignal(env));

    // A config that parsed becomes the one in use and the one the next start
    // begins with.
    let adopt = move |config: Config| {
        let _ = storage::set(&keys::CONFIG, &config.to_json());
        if env.with_untracked(|e| e.as_ref().map(|e| &e.config) != Some(&config)) {
            env.set(Some(env_from(config)));
        }
        if setup_error.with_untracked(Option::is_some) {
            setup_error.set(None);
        }
    };
    // A fresh config.json the service worker received late (after it had
    // answered with its cached copy) is adopted while the app runs. One
    // that does not parse is ignored: the one in use keeps working.
    service_worker::on_fresh_config(move |text| {
        if let Ok(config) = Config::parse(&text) {
            adopt(config);
        }
    });
    spawn_local(async move {
        match load_config().await {
            Ok(config) => adopt(config),
            // Offline with a cached config: carry on with it.
            Err(_) if env.with_untracked(Option::is_some) => {}
            Err(e) => setup_error.set(Some(e)),
        }
    });

    let nav = Navigation::start();
    provide_context(nav);
    let connectivity = upkeep::start(env, session, book);
    sign_out::watch(session, book);
    map_tiles::start(env, book, connectivity.online);
    let sign_in = SignInAttempt::provide(env, session, book, nav, connectivity);
    sign_in.username.set(typed.username);
    sign_in.password.set(typed.password);
    snapshot::keep_current(book, nav, locale, env);

    // Other tabs of Roadbook write the same storage: keep this one current.
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            book.reload_from_storage(&key);
        }
    });
    std::mem::forget(on_storage);

    let update_ready = RwSignal::new(false);
    provide_context(UpdateReady(update_ready));
    service_worker::register(move || update_ready.set(true));

    view! {
        <Show
            when=move || setup_error.with(Option::is_none)
            fallback=move || view! { <SetupError error=setup_error.get().unwrap_or(ConfigError::Invalid(String::new())) /> }
        >
            // Keyed on the language: a switch rebuilds the screens in it (the
            // state they show lives in the contexts above, so nothing is lost).
            {move || {
                locale.0.track();
                view! {
                    <UpdateBanner />
                    <Header />
                    <NavBar />
                    <main id="main">
                        <Screens />
                    </main>
                    <DemoPanel />
                }
            }}
        </Show>
    }
}

/// The screen the address bar names.
#[component]
fn Screens() -> impl IntoView {
    let nav = expect_context::<Navigation>();
    // Every view of the fleet is the start page: changing the fleet's
    // filter must not rebuild the screen.
    let screen = Memo::new(move |_| {
        nav.with(|s| match s {
            Screen::Fleet(_) => Screen::Home,
            other => other.clone(),
        })
    });
    // The driver's manifest and sign-in are in the first download; every
    // other screen loads on first use (ui/later.rs).
    move || match screen.get() {
        Screen::SignIn => view! { <SignIn /> }.into_any(),
        Screen::Route => view! { <Later part=Part::Route /> }.into_any(),
        Screen::Share => view! { <Later part=Part::Share /> }.into_any(),
        Screen::Import => view! { <Later part=Part::Import /> }.into_any(),
        Screen::Settings => view! { <Later part=Part::Settings /> }.into_any(),
        Screen::Home | Screen::Fleet(_) => view! { <Home /> }.into_any(),
    }
}

/// What the start page shows depends on who is here.
#[component]
fn Home() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let book = expect_context::<RouteBook>();
    move || {
        let role = session.user.with(|u| u.as_ref().map(|u| u.role.clone()));
        match role {
            Some(Role::Dispatcher) => view! { <Later part=Part::Fleet /> }.into_any(),
            Some(_) => view! { <ManifestScreen /> }.into_any(),
            // Nobody signed in, but a manifest is saved (e.g. imported):
            // show it, with sign-in offered above.
            None if book.saved.with(Option::is_some) => view! { <ManifestScreen /> }.into_any(),
            None => view! { <SignIn /> }.into_any(),
        }
    }
}
