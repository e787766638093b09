//! The catalogues, one per part of the app. A new catalogue is added here
//! and to `every_entry`, so the completeness tests see it.

pub mod app;
pub mod demo;
pub mod driver;
pub mod fleet;
pub mod handoff;
pub mod map;
pub mod outage;
pub mod route;
pub mod settings;
pub mod sign_in;

pub use app::{AppFill, AppText};
pub use demo::DemoText;
pub use driver::{DriverFill, DriverText};
pub use fleet::{FleetFill, FleetText};
pub use handoff::{HandoffFill, HandoffText};
pub use map::{MapFill, MapText};
pub use outage::{OutageFill, OutageText};
pub use route::{RouteFill, RouteText};
pub use settings::{SettingsFill, SettingsText};
pub use sign_in::{SignInFill, SignInText};

use super::macros::Entry;

/// Every key of every catalogue.
pub fn every_entry() -> Vec<Entry> {
    [
        AppText::entries(),
        DemoText::entries(),
        DriverText::entries(),
        FleetText::entries(),
        HandoffText::entries(),
        MapText::entries(),
        OutageText::entries(),
        RouteText::entries(),
        SettingsText::entries(),
        SignInText::entries(),
    ]
    .concat()
}

/// Makes every catalogue's Spanish words available. In a split build they
/// are not in the first download: the UI calls this through the second
/// language's split point before it shows anything in Spanish.
pub fn install_spanish() {
    AppText::install_spanish();
    DemoText::install_spanish();
    DriverText::install_spanish();
    FleetText::install_spanish();
    HandoffText::install_spanish();
    MapText::install_spanish();
    OutageText::install_spanish();
    RouteText::install_spanish();
    SettingsText::install_spanish();
    SignInText::install_spanish();
}

/// Whether the Spanish words are in (always, but in a split build before
/// `install_spanish`).
pub fn spanish_ready() -> bool {
    AppText::spanish_ready()
}
