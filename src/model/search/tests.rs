use super::*;

#[test]
fn contains_agrees_with_the_standard_library() {
    let hays = [
        "",
        "a",
        "abc",
        "ababc",
        "straße 12",
        "nguyễn",
        "4821 4821",
        "ab",
    ];
    let needles = [
        "", "a", "b", "c", "abc", "bab", "ß", "ße", "ễ", "yễn", "821 ", "abcd", "x",
    ];
    for h in hays {
        for n in needles {
            assert_eq!(contains(h, n), h.contains(n), "{h:?} contains {n:?}");
        }
    }
}

proptest::proptest! {
    #[test]
    fn contains_is_str_contains(hay in "[ab ßễ4]{0,12}", needle in "[ab ßễ4]{0,4}") {
        proptest::prop_assert_eq!(contains(&hay, &needle), hay.contains(needle.as_str()));
    }
}

#[test]
fn folds_accents_and_case_across_scripts() {
    assert_eq!(fold("Nguyễn Thị Zoë"), "nguyen thi zoe");
    assert_eq!(
        fold("ŁÓDŹ Straße ÆSIR Œuvre Ĳssel İstanbul"),
        "lodz strasse aesir oeuvre ijssel istanbul"
    );
    assert_eq!(fold("Phở Đà Nẵng Ưu"), "pho da nang uu");
    assert_eq!(fold("ΣΟΦΙΑ 5×3"), "σοφια 5×3");
    assert_eq!(fold("Ñúñez ÿ"), "nunez y");
}

#[test]
fn folding_table_spot_checks() {
    for (c, want) in [
        ('Ā', 'a'),
        ('č', 'c'),
        ('đ', 'd'),
        ('ě', 'e'),
        ('ģ', 'g'),
        ('ħ', 'h'),
        ('ı', 'i'),
        ('ĵ', 'j'),
        ('ĸ', 'k'),
        ('ł', 'l'),
        ('ŋ', 'n'),
        ('ő', 'o'),
        ('ř', 'r'),
        ('š', 's'),
        ('ŧ', 't'),
        ('ų', 'u'),
        ('ŵ', 'w'),
        ('Ÿ', 'y'),
        ('ž', 'z'),
        ('ſ', 's'),
    ] {
        assert_eq!(fold(&c.to_string()), want.to_string(), "{c}");
    }
}

use crate::model::manifest::{Address, Block, DriverRef, Package, PackageSize, MANIFEST_SCHEMA};

fn package(id: &str, tracking: &str, recipient: &str, notes: Option<&str>) -> Package {
    Package {
        id: id.to_string(),
        tracking: tracking.to_string(),
        recipient: recipient.to_string(),
        size: PackageSize::M,
        weight_kg: None,
        status: PackageStatus::Pending,
        signature_required: false,
        notes: notes.map(str::to_string),
    }
}

fn stop(seq: u32, line1: &str, notes: Option<&str>, packages: Vec<Package>) -> Stop {
    Stop {
        id: format!("S{seq}"),
        seq,
        address: Address {
            line1: line1.to_string(),
            line2: None,
            city: "Portland".into(),
            region: Some("OR".into()),
            postcode: "97214".into(),
        },
        lat: 45.5,
        lng: -122.6,
        window: None,
        notes: notes.map(str::to_string),
        access_code: Some("#4417".into()),
        packages,
    }
}

fn manifest() -> Manifest {
    Manifest {
        schema: MANIFEST_SCHEMA,
        id: "M-1".into(),
        generated_at: "2026-11-25T06:00:00-08:00".into(),
        driver: DriverRef {
            id: "D".into(),
            name: "Alex".into(),
        },
        block: Block {
            station: "PDX7".into(),
            start: "2026-11-25T07:00:00-08:00".into(),
            end: "2026-11-25T17:00:00-08:00".into(),
        },
        stops: vec![
            stop(
                1,
                "3512 SE Hawthorne Blvd",
                Some("Dog in yard"),
                vec![
                    package("P1", "RB1234560042", "José García", None),
                    package("P2", "RB9876544417", "Nguyễn Thị Lan", Some("Fragile")),
                ],
            ),
            stop(
                2,
                "4417 SE Division St",
                None,
                vec![package(
                    "P3",
                    "1Z 999 AA1 01 2345 6784",
                    "Søren Løvland",
                    None,
                )],
            ),
            stop(
                3,
                "2200 SE Clinton St",
                Some("Side door"),
                vec![
                    package("P4", "RB5555550001", "Chloé Dubois", Some("Perishable")),
                    package("P5", "RB5555550002", "Hannah Schäfer", None),
                    package("P6", "TBA00077US", "Ana Ibáñez", None),
                ],
            ),
        ],
    }
}

fn ids(m: &Manifest, r: &SearchResult) -> Vec<String> {
    r.matches
        .iter()
        .flat_map(|(s, ps)| ps.iter().map(move |&p| m.stops[*s].packages[p].id.clone()))
        .collect()
}

fn find(m: &Manifest, q: &str, f: StatusFilter) -> Vec<String> {
    let index = SearchIndex::build(m);
    let r = search(&index, m, q, f);
    assert_eq!(
        r.package_count,
        r.matches.iter().map(|(_, p)| p.len()).sum::<usize>()
    );
    ids(m, &r)
}

#[test]
fn folds_accents_case_and_decomposed_marks() {
    assert_eq!(fold("José GARCÍA"), "jose garcia");
    assert_eq!(fold("Nguyễn Thị Đạt"), "nguyen thi dat");
    assert_eq!(fold("Søren Løvland"), "soren lovland");
    assert_eq!(fold("Straße"), "strasse");
    assert_eq!(fold("Æsir Œuvre"), "aesir oeuvre");
    assert_eq!(fold("Ñandú"), "nandu");
    assert_eq!(fold("Łódź Šťastný"), "lodz stastny");
    assert_eq!(fold("Trần Hưng Đạo, Ngõ Phố"), "tran hung dao, ngo pho");
    // Decomposed: e + COMBINING ACUTE, n + COMBINING TILDE.
    assert_eq!(fold("Jose\u{0301} Pen\u{0303}a"), "jose pena");
    assert_eq!(fold("İstanbul"), "istanbul");
    assert_eq!(fold("O\u{2019}Brien"), "o'brien");
    // Outside the table: lower-cased, kept.
    assert_eq!(fold("Москва 東京"), "москва 東京");
}

#[test]
fn every_vietnamese_vowel_folds_to_ascii() {
    for c in ('\u{1EA0}'..='\u{1EF9}').chain("ăâđêôơưĂÂĐÊÔƠƯ".chars()) {
        let f = fold(&c.to_string());
        assert!(f.is_ascii() && f.len() == 1, "{c:?} folded to {f:?}");
    }
}

#[test]
fn every_latin1_and_extended_a_letter_folds_to_ascii() {
    let letters = ('\u{00C0}'..='\u{00FF}')
        .chain('\u{0100}'..='\u{017F}')
        .filter(|c| c.is_alphabetic());
    for c in letters {
        let f = fold(&c.to_string());
        assert!(f.is_ascii() && !f.is_empty(), "{c:?} folded to {f:?}");
    }
}

#[test]
fn empty_query_and_all_is_everything_grouped_by_stop() {
    let m = manifest();
    let index = SearchIndex::build(&m);
    let r = search(&index, &m, "   ", StatusFilter::All);
    assert_eq!(r.package_count, 6);
    assert_eq!(
        r.matches,
        vec![(0, vec![0, 1]), (1, vec![0]), (2, vec![0, 1, 2])]
    );
}

#[test]
fn accent_free_query_finds_accented_names() {
    let m = manifest();
    assert_eq!(find(&m, "jose", StatusFilter::All), ["P1"]);
    assert_eq!(find(&m, "NGUYEN", StatusFilter::All), ["P2"]);
    assert_eq!(find(&m, "soren", StatusFilter::All), ["P3"]);
    assert_eq!(find(&m, "schafer", StatusFilter::All), ["P5"]);
    // And the other way round: an accented query finds the same.
    assert_eq!(find(&m, "Nguyễn", StatusFilter::All), ["P2"]);
    assert_eq!(find(&m, "ibañez", StatusFilter::All), ["P6"]);
}

#[test]
fn last_four_digits_match_the_end_of_the_tracking_number() {
    let m = manifest();
    // P2 ends in 4417; stop 2's address also contains 4417 (a house
    // number is a fair thing to search for). The gate code is not indexed.
    assert_eq!(find(&m, "4417", StatusFilter::All), ["P2", "P3"]);
    assert_eq!(find(&m, "0042", StatusFilter::All), ["P1"]);
    // Four digits in the middle of a label are not "the last four".
    assert_eq!(find(&m, "9876", StatusFilter::All), Vec::<String>::new());
    // Label ending in letters: the last four digits still count.
    assert_eq!(find(&m, "0077", StatusFilter::All), ["P6"]);
    // Spaced UPS-style label.
    assert_eq!(find(&m, "6784", StatusFilter::All), ["P3"]);
    assert_eq!(find(&m, "#6784", StatusFilter::All), ["P3"]);
}

#[test]
fn tracking_matches_whole_or_five_plus_characters() {
    let m = manifest();
    assert_eq!(find(&m, "rb1234560042", StatusFilter::All), ["P1"]);
    assert_eq!(find(&m, "1z999aa1", StatusFilter::All), ["P3"]);
    assert_eq!(find(&m, "1Z 999", StatusFilter::All), Vec::<String>::new());
    assert_eq!(find(&m, "1Z-999-AA1", StatusFilter::All), ["P3"]);
    assert_eq!(find(&m, "55555", StatusFilter::All), ["P4", "P5"]);
    assert_eq!(find(&m, "5555550002", StatusFilter::All), ["P5"]);
    assert_eq!(find(&m, "TBA00077US", StatusFilter::All), ["P6"]);
    // Short fragments do not match labels ("rb" is in most of them).
    assert_eq!(find(&m, "rb", StatusFilter::All), Vec::<String>::new());
    assert_eq!(find(&m, "555", StatusFilter::All), Vec::<String>::new());
}

#[test]
fn all_words_must_match_across_fields() {
    let m = manifest();
    // Street (stop) + recipient (package).
    assert_eq!(find(&m, "clinton chloe", StatusFilter::All), ["P4"]);
    assert_eq!(find(&m, "clinton", StatusFilter::All), ["P4", "P5", "P6"]);
    // Stop notes apply to every package at the stop.
    assert_eq!(find(&m, "dog", StatusFilter::All), ["P1", "P2"]);
    // Package notes apply to that package only.
    assert_eq!(find(&m, "fragile", StatusFilter::All), ["P2"]);
    assert_eq!(find(&m, "hawthorne fragile", StatusFilter::All), ["P2"]);
    assert_eq!(
        find(&m, "hawthorne perishable", StatusFilter::All),
        Vec::<String>::new()
    );
    assert_eq!(find(&m, "clinton 0001", StatusFilter::All), ["P4"]);
}

#[test]
fn a_word_does_not_match_across_two_fields() {
    let m = manifest();
    // "blvd" ends line 1 and "dog" starts the notes.
    assert_eq!(find(&m, "blvddog", StatusFilter::All), Vec::<String>::new());
}

#[test]
fn status_filter_reads_statuses_from_the_manifest_given() {
    let m = manifest();
    let index = SearchIndex::build(&m);
    let mut marked = m.clone();
    marked.stops[0].packages[0].status = PackageStatus::Delivered;
    marked.stops[2].packages[1].status = PackageStatus::Attempted;
    marked.stops[2].packages[2].status = PackageStatus::Returned;
    assert!(index.is_for(&marked));

    let r = search(&index, &marked, "", StatusFilter::Remaining);
    assert_eq!(ids(&marked, &r), ["P2", "P3", "P4"]);
    let r = search(&index, &marked, "", StatusFilter::Delivered);
    assert_eq!(r.matches, vec![(0, vec![0])]);
    let r = search(&index, &marked, "", StatusFilter::Attempted);
    assert_eq!(r.matches, vec![(2, vec![1])]);
    // Returned is only under All.
    let r = search(&index, &marked, "ibanez", StatusFilter::All);
    assert_eq!(r.package_count, 1);
    // Query and filter combine.
    let r = search(&index, &marked, "clinton", StatusFilter::Remaining);
    assert_eq!(ids(&marked, &r), ["P4"]);
}

#[test]
fn stale_index_never_panics() {
    let m = manifest();
    let index = SearchIndex::build(&m);
    let mut other = m.clone();
    other.stops.truncate(1);
    other.stops[0].packages.truncate(1);
    assert!(!index.is_for(&other));
    let r = search(&index, &other, "", StatusFilter::All);
    assert_eq!(r.matches, vec![(0, vec![0])]);
    let empty = SearchIndex::default();
    assert!(search(&empty, &m, "", StatusFilter::All).is_empty());
}

#[test]
fn filter_keys_round_trip() {
    for f in StatusFilter::ALL {
        assert_eq!(StatusFilter::from_key(f.key()), Some(*f));
    }
    assert_eq!(StatusFilter::from_key("nope"), None);
}

#[test]
fn large_route_search_is_correct() {
    use crate::backend::demo::data::{demo_driver, manifest_for, ManifestSize};
    let m = manifest_for(&demo_driver(), 1_795_600_000_000, ManifestSize::LARGE);
    assert_eq!(m.package_count(), 3_000);
    let index = SearchIndex::build(&m);
    assert!(index.is_for(&m));
    assert_eq!(index.package_count(), 3_000);
    assert_eq!(
        search(&index, &m, "", StatusFilter::All).package_count,
        3_000
    );

    // Every package is found by its own full tracking number and by its
    // last four digits (possibly with others sharing them).
    for (si, stop) in m.stops.iter().enumerate().step_by(37) {
        for (pi, p) in stop.packages.iter().enumerate() {
            let r = search(&index, &m, &p.tracking, StatusFilter::All);
            assert!(r.matches.iter().any(|(s, ps)| *s == si && ps.contains(&pi)));
            let last4 = &p.tracking[p.tracking.len() - 4..];
            let r = search(&index, &m, last4, StatusFilter::All);
            assert!(r.matches.iter().any(|(s, ps)| *s == si && ps.contains(&pi)));
        }
    }
    // Accent-free search over the whole route matches the accented names.
    let r = search(&index, &m, "garcia", StatusFilter::All);
    let expected = m
        .packages()
        .filter(|(_, p)| p.recipient.contains("García"))
        .count();
    assert!(expected > 0);
    assert_eq!(r.package_count, expected);
}
