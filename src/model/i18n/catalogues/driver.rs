//! Words of the driver part of the app.

catalogue! {
    pub enum DriverText {
        Placeholder => "Roadbook" | "Roadbook",
    }
}
