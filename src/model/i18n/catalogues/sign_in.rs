//! Words of the sign-in part of the app.

catalogue! {
    pub enum SignInText {
        Placeholder => "Roadbook" | "Roadbook",
    }
}
