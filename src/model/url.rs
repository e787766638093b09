//! URL pieces, in one place: percent-encoding a component, reading a query
//! string. Everything Roadbook puts into or reads out of a URL (screen
//! links, the fleet's view, API paths, map-app labels) goes through here.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`
/// is encoded, so no value can end a path segment, a query pair or a URI
/// early (`/ ? # & = +`, spaces, parentheses, non-ASCII letters).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes UTF-8 text for a path segment or a query value.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// Decodes a path segment. Malformed escapes stay as they are and invalid
/// UTF-8 becomes U+FFFD: a hand-edited URL still opens something.
pub fn decode_component(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The `key=value` pairs of a query string (with or without its `?`),
/// decoded as a browser's form would (`+` is a space), in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Builds a query string (no leading `?`) from pairs, each value encoded
/// with [`encode_component`].
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_only_unreserved_characters() {
        assert_eq!(
            encode_component("Ana María 5/6 & co?#"),
            "Ana%20Mar%C3%ADa%205%2F6%20%26%20co%3F%23"
        );
        assert_eq!(encode_component("a-b.c_d~e"), "a-b.c_d~e");
    }

    #[test]
    fn reads_a_query_as_a_form_would() {
        assert_eq!(
            query_pairs("?q=ana+mar%C3%ADa&sort=name&empty=&bare"),
            vec![
                ("q".to_string(), "ana maría".to_string()),
                ("sort".to_string(), "name".to_string()),
                ("empty".to_string(), String::new()),
                ("bare".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn malformed_escapes_do_not_fail() {
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }

    proptest! {
        #[test]
        fn components_round_trip(s in "\\PC*") {
            prop_assert_eq!(decode_component(&encode_component(&s)), s.clone());
            let q = query_string([("k", s.as_str())]);
            prop_assert_eq!(query_pairs(&q), vec![("k".to_string(), s)]);
        }
    }
}
