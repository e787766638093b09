//! Words of the demo part of the app.

catalogue! {
    pub enum DemoText {
        Placeholder => "Roadbook" | "Roadbook",
    }
}
