//! Words of the fleet part of the app.

catalogue! {
    pub enum FleetText {
        Placeholder => "Roadbook" | "Roadbook",
    }
}
