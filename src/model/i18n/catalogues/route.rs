//! Words of the route part of the app.

catalogue! {
    pub enum RouteText {
        Placeholder => "Roadbook" | "Roadbook",
    }
}
