//! Words of the handoff part of the app.

catalogue! {
    pub enum HandoffText {
        Placeholder => "Roadbook" | "Roadbook",
    }
}
