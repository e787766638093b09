//! Words of the settings part of the app.

catalogue! {
    pub enum SettingsText {
        Placeholder => "Roadbook" | "Roadbook",
    }
}
