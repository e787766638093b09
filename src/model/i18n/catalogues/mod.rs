//! The catalogues, one per part of the app. A new catalogue is added here
//! and to `every_entry`, so the completeness tests see it.

pub mod app;
pub mod demo;
pub mod driver;
pub mod fleet;
pub mod handoff;
pub mod outage;
pub mod route;
pub mod settings;
pub mod sign_in;

pub use app::AppText;
pub use demo::DemoText;
pub use driver::DriverText;
pub use fleet::FleetText;
pub use handoff::HandoffText;
pub use outage::OutageText;
pub use route::RouteText;
pub use settings::SettingsText;
pub use sign_in::SignInText;

use super::macros::Entry;

/// Every key of every catalogue.
pub fn every_entry() -> Vec<Entry> {
    [
        AppText::entries(),
        DemoText::entries(),
        DriverText::entries(),
        FleetText::entries(),
        HandoffText::entries(),
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
