//! Where someone is in Roadbook, as a typed value, and the URL of each place
//! under wherever the app is hosted (`/` or a sub-path such as `/roadbook/`).
//!
//! Every in-app link and every URL the app writes comes from
//! [`Screen::href`], so no component builds a path by hand and none can
//! forget the base (a link to `/sign-in` from an app at `/roadbook/` would
//! open whatever else lives at the host's root).

use super::fleet_view::FleetQuery;
use super::url::{encode_component, query_pairs};

/// A place in the app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    /// The start page: the manifest for a driver, the fleet for a
    /// dispatcher, sign-in for nobody.
    #[default]
    Home,
    /// The dispatcher's fleet in a given view, or one driver's detail.
    Fleet(FleetView),
    SignIn,
    Route,
    Share,
    Import,
    Settings,
}

/// The fleet table's view and the driver opened from it, kept in the URL so
/// a reload or a shared link shows the same thing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FleetView {
    pub query: FleetQuery,
    pub driver: Option<String>,
}

impl Screen {
    /// The path segment after the base ("" for the start page).
    fn segment(&self) -> &'static str {
        match self {
            Screen::Home | Screen::Fleet(_) => "",
            Screen::SignIn => "sign-in",
            Screen::Route => "route",
            Screen::Share => "share",
            Screen::Import => "import",
            Screen::Settings => "settings",
        }
    }

    const NAMED: [Screen; 5] = [
        Screen::SignIn,
        Screen::Route,
        Screen::Share,
        Screen::Import,
        Screen::Settings,
    ];

    /// The absolute URL path (and query) of this place under `base`, which
    /// ends with `/`. The start page is the base itself, trailing slash
    /// included: the service worker's scope is `/roadbook/`, so home must
    /// never become `/roadbook`.
    pub fn href(&self, base: &str) -> String {
        let base = if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        };
        match self {
            Screen::Fleet(view) => format!("{base}?{}", view.query_string()),
            other => format!("{base}{}", other.segment()),
        }
    }

    /// The place a URL asks for. Paths outside the base, and paths the app
    /// does not know, ask for the start page (a stale bookmark still opens
    /// Roadbook). A query on the start page is the fleet's view.
    pub fn from_url(pathname: &str, search: &str, base: &str) -> Screen {
        let tail = pathname
            .strip_prefix(base)
            .or_else(|| pathname.strip_prefix(base.trim_end_matches('/')))
            .unwrap_or("");
        let segment = tail.trim_matches('/');
        if let Some(named) = Screen::NAMED.iter().find(|s| s.segment() == segment) {
            return named.clone();
        }
        let search = search.strip_prefix('?').unwrap_or(search);
        if search.is_empty() {
            Screen::Home
        } else {
            Screen::Fleet(FleetView::from_query_string(search))
        }
    }

    /// Whether `self` and `other` are the same screen, whatever view of it
    /// (the nav bar's "Fleet" is current on every view of the fleet).
    pub fn same_screen(&self, other: &Screen) -> bool {
        self.segment() == other.segment()
    }
}

impl FleetView {
    /// `sort=…&dir=…[&state=…][&q=…][&driver=…]`, no leading `?`.
    pub fn query_string(&self) -> String {
        let mut s = self.query.to_query_string();
        if let Some(id) = &self.driver {
            s.push_str("&driver=");
            s.push_str(&encode_component(id));
        }
        s
    }

    /// Never fails: what does not make sense is left at its default.
    pub fn from_query_string(query: &str) -> FleetView {
        let driver = query_pairs(query)
            .into_iter()
            .find(|(k, _)| k == "driver")
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty());
        FleetView {
            query: FleetQuery::from_query_string(query),
            driver,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fleet::DriverState;
    use crate::model::fleet_view::SortKey;
    use proptest::prelude::*;

    fn fleet(text: &str, driver: Option<&str>) -> Screen {
        Screen::Fleet(FleetView {
            query: FleetQuery {
                text: text.into(),
                ..FleetQuery::default()
            },
            driver: driver.map(str::to_string),
        })
    }

    #[test]
    fn at_the_root() {
        assert_eq!(Screen::from_url("/", "", "/"), Screen::Home);
        assert_eq!(Screen::from_url("/route", "", "/"), Screen::Route);
        assert_eq!(Screen::from_url("/settings/", "", "/"), Screen::Settings);
        assert_eq!(Screen::Home.href("/"), "/");
        assert_eq!(Screen::SignIn.href("/"), "/sign-in");
    }

    #[test]
    fn under_a_sub_path_every_href_keeps_the_base() {
        let base = "/roadbook/";
        assert_eq!(Screen::from_url("/roadbook/", "", base), Screen::Home);
        assert_eq!(Screen::from_url("/roadbook", "", base), Screen::Home);
        assert_eq!(Screen::from_url("/roadbook/route", "", base), Screen::Route);
        assert_eq!(Screen::from_url("/elsewhere", "", base), Screen::Home);
        assert_eq!(Screen::Home.href(base), "/roadbook/");
        assert_eq!(Screen::SignIn.href(base), "/roadbook/sign-in");
        assert_eq!(
            fleet("rivera", Some("D 7")).href(base),
            "/roadbook/?sort=name&dir=asc&q=rivera&driver=D%207"
        );
        for s in [
            Screen::SignIn,
            Screen::Route,
            Screen::Share,
            Screen::Import,
            Screen::Settings,
            fleet("x", None),
        ] {
            assert!(s.href(base).starts_with(base), "{s:?}");
        }
    }

    #[test]
    fn a_query_on_the_start_page_is_the_fleet_view() {
        let s = Screen::from_url(
            "/roadbook/",
            "?sort=progress&dir=desc&state=unreachable&q=ana+mar%C3%ADa&driver=D%201%2F%C3%A9",
            "/roadbook/",
        );
        let Screen::Fleet(view) = s else {
            panic!("not the fleet: {s:?}")
        };
        assert_eq!(view.query.sort, SortKey::Progress);
        assert!(view.query.descending);
        assert_eq!(view.query.state, Some(DriverState::Unreachable));
        assert_eq!(view.query.text, "ana maría");
        assert_eq!(view.driver.as_deref(), Some("D 1/é"));
        assert_eq!(
            FleetView::from_query_string("?driver=").driver,
            None,
            "an empty driver is no driver"
        );
    }

    #[test]
    fn driver_selection_lives_beside_the_table_query() {
        let q = FleetQuery {
            text: "lima".into(),
            ..FleetQuery::default()
        };
        let with = |driver: Option<&str>| FleetView {
            query: q.clone(),
            driver: driver.map(str::to_string),
        };
        let s = with(Some("D 1/é")).query_string();
        assert_eq!(
            FleetView::from_query_string(&s).driver.as_deref(),
            Some("D 1/é")
        );
        assert_eq!(FleetQuery::from_query_string(&s), q);
        assert_eq!(
            FleetView::from_query_string(&with(None).query_string()).driver,
            None
        );
        assert_eq!(FleetView::from_query_string("?driver=").driver, None);
    }

    #[test]
    fn unknown_paths_open_the_start_page() {
        assert_eq!(Screen::from_url("/nope", "", "/"), Screen::Home);
        assert_eq!(Screen::from_url("/route/extra", "", "/"), Screen::Home);
    }

    #[test]
    fn every_view_of_the_fleet_is_the_same_screen() {
        assert!(fleet("a", None).same_screen(&Screen::Home));
        assert!(fleet("a", Some("x")).same_screen(&fleet("b", None)));
        assert!(!Screen::Route.same_screen(&Screen::Home));
    }

    proptest! {
        #[test]
        fn hrefs_read_back(text in "\\PC*", driver in proptest::option::of("\\PC+"), base in prop::sample::select(vec!["/", "/roadbook/", "/a/b/"])) {
            let s = fleet(&text, driver.as_deref());
            let href = s.href(base);
            let (path, search) = href.split_once('?').unwrap_or((&href, ""));
            prop_assert_eq!(Screen::from_url(path, search, base), s);
            for named in Screen::NAMED {
                prop_assert_eq!(Screen::from_url(&named.href(base), "", base), named.clone());
            }
        }
    }
}
