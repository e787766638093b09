//! Words of the outage part of the app.

catalogue! {
    pub enum OutageText {
        Placeholder => "Roadbook" | "Roadbook",
    }
}
