//! Hand-off to the driver's GPS app.
//!
//! Turn-by-turn navigation is the GPS app's job; Roadbook only opens it at
//! the stop. Links use coordinates, not address text: coordinates survive a
//! platform outage and do not depend on the GPS app's geocoder agreeing with
//! ours about "Apt 5, SE 35th & Hawthorne".

use super::url::encode_component;

/// A navigation app the driver can choose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum NavApp {
    #[default]
    GoogleMaps,
    AppleMaps,
    Waze,
    /// A `geo:` URI: Android offers whichever map app is installed.
    Geo,
}

impl NavApp {
    pub const ALL: &'static [NavApp] = &[
        NavApp::GoogleMaps,
        NavApp::AppleMaps,
        NavApp::Waze,
        NavApp::Geo,
    ];

    /// Stable text for settings storage.
    pub fn key(self) -> &'static str {
        match self {
            NavApp::GoogleMaps => "google",
            NavApp::AppleMaps => "apple",
            NavApp::Waze => "waze",
            NavApp::Geo => "geo",
        }
    }

    pub fn from_key(key: &str) -> Option<NavApp> {
        NavApp::ALL.iter().copied().find(|a| a.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            NavApp::GoogleMaps => "Google Maps",
            NavApp::AppleMaps => "Apple Maps",
            NavApp::Waze => "Waze",
            NavApp::Geo => "Other map app",
        }
    }
}

/// The link that opens `app` with directions to `(lat, lng)`.
///
/// `label` (usually the address) is shown on the pin by `geo:` apps; the
/// other apps take no label for a coordinate destination, so it is unused
/// there. Returns `None` for coordinates that are not finite or are out of
/// range: a link to the wrong place is worse than no link.
pub fn nav_url(app: NavApp, lat: f64, lng: f64, label: Option<&str>) -> Option<String> {
    let ll = format!("{},{}", coord(lat, 90.0)?, coord(lng, 180.0)?);
    Some(match app {
        NavApp::GoogleMaps => {
            format!("https://www.google.com/maps/dir/?api=1&destination={ll}")
        }
        NavApp::AppleMaps => format!("https://maps.apple.com/?daddr={ll}"),
        NavApp::Waze => format!("https://waze.com/ul?ll={ll}&navigate=yes"),
        NavApp::Geo => {
            // Collapse whitespace (line breaks in an address confuse some
            // apps); an empty label is no label.
            let label = label
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty());
            match label {
                Some(l) => format!("geo:{ll}?q={ll}({})", encode_component(&l)),
                None => format!("geo:{ll}?q={ll}"),
            }
        }
    })
}

/// A coordinate with at most six decimals (about 11 cm), trailing zeros
/// trimmed, never in exponent form, or `None` if outside `±limit`.
fn coord(value: f64, limit: f64) -> Option<String> {
    if !value.is_finite() || value.abs() > limit {
        return None;
    }
    // `{:.6}` never uses an exponent, unlike `{}` for tiny values.
    let mut s = format!("{value:.6}");
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    // -0.0000001 rounds to "-0": no sign on zero.
    if s == "-0" {
        s = "0".to_string();
    }
    Some(s)
}

#[cfg(test)]
mod tests;
