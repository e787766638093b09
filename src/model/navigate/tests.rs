use super::*;
use crate::model::url::decode_component;

#[test]
fn urls_for_each_app() {
    let (lat, lng) = (45.512_134, -122.626_5);
    assert_eq!(
        nav_url(NavApp::GoogleMaps, lat, lng, Some("x")).unwrap(),
        "https://www.google.com/maps/dir/?api=1&destination=45.512134,-122.6265"
    );
    assert_eq!(
        nav_url(NavApp::AppleMaps, lat, lng, None).unwrap(),
        "https://maps.apple.com/?daddr=45.512134,-122.6265"
    );
    assert_eq!(
        nav_url(NavApp::Waze, lat, lng, None).unwrap(),
        "https://waze.com/ul?ll=45.512134,-122.6265&navigate=yes"
    );
    assert_eq!(
        nav_url(NavApp::Geo, lat, lng, None).unwrap(),
        "geo:45.512134,-122.6265?q=45.512134,-122.6265"
    );
    assert_eq!(
        nav_url(NavApp::Geo, lat, lng, Some("3512 SE Hawthorne Blvd")).unwrap(),
        "geo:45.512134,-122.6265?q=45.512134,-122.6265(3512%20SE%20Hawthorne%20Blvd)"
    );
}

#[test]
fn odd_addresses_are_encoded_safely() {
    let cases = [
        (
            "Apt #5 & Unit (rear)",
            "Apt%20%235%20%26%20Unit%20%28rear%29",
        ),
        ("Nguyễn Trãi 12", "Nguy%E1%BB%85n%20Tr%C3%A3i%2012"),
        ("1/2 O'Brien St?x=1", "1%2F2%20O%27Brien%20St%3Fx%3D1"),
        (
            "100% Müller+Co, ŁÓDŹ",
            "100%25%20M%C3%BCller%2BCo%2C%20%C5%81%C3%93D%C5%B9",
        ),
        ("a-b.c_d~e", "a-b.c_d~e"),
    ];
    for (label, encoded) in cases {
        assert_eq!(encode_component(label), encoded);
        assert_eq!(decode_component(&encode_component(label)), label);
        let url = nav_url(NavApp::Geo, 1.5, 2.5, Some(label)).unwrap();
        assert_eq!(url, format!("geo:1.5,2.5?q=1.5,2.5({encoded})"));
        // Exactly one pair of parentheses, closing the URI.
        assert_eq!(url.matches('(').count(), 1);
        assert!(url.ends_with(')'));
        assert!(!url.contains(' ') && !url.contains('#') && !url.contains('&'));
    }
}

#[test]
fn label_whitespace_is_collapsed_and_blank_labels_dropped() {
    let url = nav_url(NavApp::Geo, 1.0, 2.0, Some("  12 Main St\n  Apt 4\t")).unwrap();
    assert_eq!(url, "geo:1,2?q=1,2(12%20Main%20St%20Apt%204)");
    assert_eq!(
        nav_url(NavApp::Geo, 1.0, 2.0, Some(" \n ")).unwrap(),
        "geo:1,2?q=1,2"
    );
}

#[test]
fn coordinates_are_plain_decimals() {
    let url = |lat, lng| nav_url(NavApp::AppleMaps, lat, lng, None);
    assert_eq!(url(0.0, 0.0).unwrap(), "https://maps.apple.com/?daddr=0,0");
    assert_eq!(
        url(-0.0, -0.0000001).unwrap(),
        "https://maps.apple.com/?daddr=0,0"
    );
    // Would be "1e-7" with `{}`; six decimals, no exponent.
    assert_eq!(
        url(0.0000001, 1e-5).unwrap(),
        "https://maps.apple.com/?daddr=0,0.00001"
    );
    assert_eq!(
        url(-33.868_820_123, 151.209_295_7).unwrap(),
        "https://maps.apple.com/?daddr=-33.86882,151.209296"
    );
    assert_eq!(
        url(90.0, -180.0).unwrap(),
        "https://maps.apple.com/?daddr=90,-180"
    );
    assert_eq!(
        url(-12.5, 100.25).unwrap(),
        "https://maps.apple.com/?daddr=-12.5,100.25"
    );
}

#[test]
fn impossible_coordinates_give_no_link() {
    for app in NavApp::ALL {
        for (lat, lng) in [
            (f64::NAN, 0.0),
            (0.0, f64::NAN),
            (f64::INFINITY, 0.0),
            (0.0, f64::NEG_INFINITY),
            (90.000_001, 0.0),
            (-91.0, 0.0),
            (0.0, 180.5),
            (0.0, -181.0),
            (1e300, 1e300),
        ] {
            assert_eq!(
                nav_url(*app, lat, lng, Some("x")),
                None,
                "{app:?} {lat} {lng}"
            );
        }
    }
}

#[test]
fn app_keys_round_trip() {
    for app in NavApp::ALL {
        assert_eq!(NavApp::from_key(app.key()), Some(*app));
    }
    assert_eq!(NavApp::from_key("mapquest"), None);
}
