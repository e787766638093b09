//! Which screen a URL path asks for, relative to where the app is hosted
//! (`/` or a sub-path such as `/roadbook/`).

/// The part of `pathname` after the app's `base`, without slashes ("" for
/// home). Paths outside the base ask for home.
pub fn screen_of(pathname: &str, base: &str) -> String {
    let tail = pathname
        .strip_prefix(base)
        .or_else(|| pathname.strip_prefix(base.trim_end_matches('/')))
        .unwrap_or("");
    tail.trim_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::screen_of;

    #[test]
    fn at_the_root() {
        assert_eq!(screen_of("/", "/"), "");
        assert_eq!(screen_of("/route", "/"), "route");
        assert_eq!(screen_of("/settings/", "/"), "settings");
    }

    #[test]
    fn under_a_sub_path() {
        assert_eq!(screen_of("/roadbook/", "/roadbook/"), "");
        assert_eq!(screen_of("/roadbook", "/roadbook/"), "");
        assert_eq!(screen_of("/roadbook/route", "/roadbook/"), "route");
        assert_eq!(screen_of("/elsewhere", "/roadbook/"), "");
    }
}
