//! The CSV format: layout, quoting, the formula guard, separators, line
//! numbers in errors, and a lossless round trip for any text.

use proptest::prelude::*;

use super::guard::{needs_guard, unguard};
use super::read::parse_manifest_csv;
use super::tokens::{parse_records, sniff_delimiter};
use super::write::{push_quoted, RowWriter};
use super::*;
use crate::model::handoff::fixtures;
use crate::model::handoff::import::{Expected, ImportProblem, MAX_IMPORT_BYTES};
use crate::model::manifest::{
    Address, Block, DriverRef, Manifest, Package, PackageSize, PackageStatus, Stop, TimeWindow,
};
use crate::model::validate::{accept, ManifestProblem};

/// The header's names, in file order.
fn names() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.name).collect()
}

fn lines(csv: &str) -> Vec<&str> {
    csv.split("\r\n").collect()
}

#[test]
fn starts_with_bom_and_header_and_ends_lines_with_crlf() {
    let csv = manifest_to_csv(&fixtures::simple());
    assert!(csv.starts_with("\u{FEFF}manifest_id,schema,generated_at,"));
    assert!(csv.ends_with("\r\n"));
    assert!(!csv.replace("\r\n", "").contains('\n'));
    // Header + one row per package + the empty string after the last CRLF.
    assert_eq!(lines(&csv).len(), 1 + 3 + 1);
    assert_eq!(
        lines(&csv)[0].trim_start_matches('\u{FEFF}'),
        names().join(",")
    );
}

#[test]
fn every_row_carries_manifest_and_stop_fields() {
    let csv = manifest_to_csv(&fixtures::simple());
    let rows = lines(&csv);
    assert_eq!(
        rows[2],
        "M-2026-11-25-D-1001,1,2026-11-25T06:00:00-08:00,D-1001,Alex Rivera,PDX4,\
         2026-11-25T07:00:00-08:00,2026-11-25T17:00:00-08:00,S-2,2,55 NE Broadway,,\
         Portland,OR,97214,45.5123,-122.6345,,,,,P-2,1ZP-2,Sam Lee,M,1.25,pending,false,"
    );
}

#[test]
fn quotes_only_what_needs_quoting() {
    let csv = manifest_to_csv(&fixtures::hostile());
    // Comma and quote: quoted, quotes doubled.
    assert!(csv.contains(",\"Nguyễn Thị Zoë \"\"Zo\"\", Jr.\","));
    // Line breaks inside a field stay verbatim inside quotes.
    assert!(csv.contains(",\"line one\nline two\r\nline three\","));
    // Formula-looking text gets the guard; negative numbers do not.
    assert!(csv.contains(",'=SUM(A1),"));
    assert!(csv.contains(",\"'+PDX4, dock \"\"B\"\"\","));
    assert!(csv.contains(",-33.86882,151.20929,"));
    assert!(csv.contains(",-0.5,"));
    assert!(csv.contains(",'-0042,"));
    // Text already starting with ' before a formula character gets one more.
    assert!(csv.contains(",\"''=HYPERLINK(\"\"http://evil\"\")\","));
    // Present-but-empty optional text is a quoted empty cell.
    assert!(csv.contains(",Zürich <HQ> & Co,\"\",'-0042,"));
}

#[test]
fn hostile_manifest_round_trips_exactly() {
    let m = fixtures::hostile();
    assert_eq!(crate::model::validate::validate(&m), vec![]);
    let csv = manifest_to_csv(&m);
    assert_eq!(manifest_from_csv(&csv), Ok(m));
}

#[test]
fn large_demo_manifest_round_trips() {
    use crate::backend::demo::data::{demo_driver, manifest_for, ManifestSize};
    let m = manifest_for(&demo_driver(), 1_795_615_200_000, ManifestSize::LARGE);
    let m = accept(m).expect("demo manifest is valid");
    let csv = manifest_to_csv(&m);
    assert!(csv.len() < MAX_IMPORT_BYTES);
    assert_eq!(manifest_from_csv(&csv), Ok(m));
}

#[test]
fn without_bom_and_with_lf_only_still_reads() {
    let m = fixtures::hostile();
    let csv = manifest_to_csv(&m);
    let csv = csv.trim_start_matches('\u{FEFF}');
    assert_eq!(manifest_from_csv(csv).as_ref(), Ok(&m));
    // LF line ends (as some editors save): only record ends change here,
    // so the quoted CRLF inside line2 is untouched.
    let lf: String = parse_records(csv, b',')
        .unwrap()
        .iter()
        .map(|r| {
            let mut s = String::new();
            let mut w = RowWriter {
                out: &mut s,
                first: true,
            };
            for c in &r.cells {
                if c.quoted {
                    w.sep();
                    push_quoted(w.out, &c.text, true);
                } else {
                    w.raw(&c.text);
                }
            }
            s + "\n"
        })
        .collect();
    assert_eq!(manifest_from_csv(&lf), Ok(m));
}

#[test]
fn columns_are_found_by_name_in_any_order() {
    let m = fixtures::simple();
    let csv = manifest_to_csv(&m);
    let recs = parse_records(csv.trim_start_matches('\u{FEFF}'), b',').unwrap();
    // Reverse every record's cells, add an unknown column, change header case.
    let mut out = String::new();
    for (k, r) in recs.iter().enumerate() {
        let mut cells: Vec<String> = r.cells.iter().rev().map(|c| c.text.clone()).collect();
        if k == 0 {
            cells = cells
                .iter()
                .map(|c| format!(" {} ", c.to_uppercase()))
                .collect();
            cells.push("Driver's Comment".to_string());
        } else {
            cells.push("anything at all".to_string());
        }
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    assert_eq!(manifest_from_csv(&out), Ok(m));
}

#[test]
fn rows_sorted_in_a_spreadsheet_still_group_by_stop() {
    let m = fixtures::simple();
    let csv = manifest_to_csv(&m);
    let mut rows = lines(&csv);
    rows.pop();
    // Data rows: P-1 (S-1), P-2 (S-2), P-3 (S-2). Put P-2 first.
    let reordered = [rows[0], rows[2], rows[1], rows[3]].join("\r\n");
    let back = manifest_from_csv(&reordered).unwrap();
    // accept() sorts by seq, so S-1 is first again; packages keep row order.
    assert_eq!(back, m);
}

#[test]
fn semicolon_separated_with_decimal_comma_reads() {
    let m = fixtures::simple();
    let csv = manifest_to_csv(&m)
        .replace(',', ";")
        .replace("45.5123", "45,5123")
        .replace("-122.6345", "-122,6345")
        .replace("1.25", "1,25");
    assert_eq!(manifest_from_csv(&csv), Ok(m));
}

#[test]
fn spreadsheet_style_booleans_are_accepted() {
    let mut m = fixtures::simple();
    m.stops[0].packages[0].signature_required = true;
    let csv = manifest_to_csv(&m)
        .replace(",true,", ",TRUE,")
        .replace(",false,", ",No,");
    assert_eq!(manifest_from_csv(&csv), Ok(m));
}

#[test]
fn bad_number_names_line_and_column() {
    let csv = manifest_to_csv(&fixtures::simple()).replacen("45.5123", "abc", 1);
    let errs = manifest_from_csv(&csv).unwrap_err();
    assert_eq!(
        errs,
        vec![ImportProblem::BadValue {
            line: 2,
            column: "lat".to_string(),
            value: "abc".to_string(),
            expected: Expected::Number,
        }]
    );
    assert_eq!(
        errs[0].to_string(),
        "line 2, column \"lat\": \"abc\" is not a number"
    );
}

#[test]
fn line_numbers_count_line_breaks_inside_quotes() {
    let m = fixtures::hostile();
    // The first row (stop S-1) has two line breaks in line2 and a lone
    // CR starting the package notes (which editors also show as a line
    // break), so the next record starts on line 6, not line 3.
    let csv = manifest_to_csv(&m).replacen(",1,", ",one,", 1);
    let recs = parse_records(&csv, b',').unwrap();
    assert_eq!(
        recs.iter().map(|r| r.line).collect::<Vec<_>>(),
        vec![1, 2, 6, 7]
    );
    let errs = manifest_from_csv(&csv).unwrap_err();
    assert_eq!(
        errs,
        vec![ImportProblem::BadValue {
            line: 2,
            column: "schema".to_string(),
            value: "one".to_string(),
            expected: Expected::WholeNumber,
        }]
    );
    // The last row's seq, on line 7 (it also conflicts with S-2's first row).
    let csv = manifest_to_csv(&m);
    let last = csv.rfind(",S-2,2,").unwrap();
    let csv = format!(
        "{}{}",
        &csv[..last],
        csv[last..].replacen(",S-2,2,", ",S-2,2x,", 1)
    );
    let errs = manifest_from_csv(&csv).unwrap_err();
    assert!(errs.contains(&ImportProblem::BadValue {
        line: 7,
        column: "seq".to_string(),
        value: "2x".to_string(),
        expected: Expected::WholeNumber,
    }));
}

#[test]
fn syntax_errors_name_the_line() {
    let header = names().join(",");
    let errs = manifest_from_csv(&format!("{header}\r\n\"unclosed,a,b\r\n")).unwrap_err();
    assert_eq!(errs, vec![ImportProblem::UnclosedQuote { line: 2 }]);
    let errs = manifest_from_csv(&format!("{header}\r\n\r\n\"a\"b,c\r\n")).unwrap_err();
    assert_eq!(errs, vec![ImportProblem::TextAfterQuote { line: 3 }]);
    let errs = manifest_from_csv(&format!("{header}\r\na,b,c\r\n")).unwrap_err();
    assert_eq!(
        errs,
        vec![ImportProblem::CellCount {
            line: 2,
            found: 3,
            expected: 29
        }]
    );
    assert_eq!(
        manifest_from_csv(&format!("{header}\r\n,,,\r\n\r\n")).unwrap_err(),
        vec![ImportProblem::NoRows]
    );
}

#[test]
fn missing_and_duplicate_columns_are_reported() {
    let errs = manifest_from_csv("manifest_id,lat,LAT\r\n").unwrap_err();
    assert_eq!(
        errs[0],
        ImportProblem::DuplicateColumn {
            column: "lat".to_string()
        }
    );
    assert!(errs.contains(&ImportProblem::MissingColumn {
        column: "stop_id".to_string()
    }));
    assert!(!errs.contains(&ImportProblem::MissingColumn {
        column: "manifest_id".to_string()
    }));
    // Optional columns may be left out.
    let m = fixtures::simple();
    let csv = manifest_to_csv(&m);
    let recs = parse_records(csv.trim_start_matches('\u{FEFF}'), b',').unwrap();
    let keep: Vec<usize> = (0..COLUMNS.len())
        .filter(|&k| {
            required().any(|r| r == COLUMNS[k].name)
                || COLUMNS[k].name == "region"
                || COLUMNS[k].name == "weight_kg"
        })
        .collect();
    let slim: String = recs
        .iter()
        .map(|r| {
            keep.iter()
                .map(|&k| r.cells[k].text.as_str())
                .collect::<Vec<_>>()
                .join(",")
                + "\n"
        })
        .collect();
    assert_eq!(manifest_from_csv(&slim), Ok(m));
}

#[test]
fn conflicting_rows_are_reported_not_merged() {
    let m = fixtures::simple();
    let csv = manifest_to_csv(&m);
    // The third package row (S-2, second package) names another city.
    let last = csv.rfind(",Portland,").unwrap();
    let edited = format!(
        "{}{}",
        &csv[..last],
        csv[last..].replacen(",Portland,", ",Salem,", 1)
    );
    let errs = manifest_from_csv(&edited).unwrap_err();
    assert_eq!(
        errs,
        vec![ImportProblem::Conflict {
            line: 4,
            column: "city".to_string(),
            first_line: 3,
            stop_id: Some("S-2".to_string()),
        }]
    );
    // A second driver on a later row.
    let last = csv.rfind(",Alex Rivera,").unwrap();
    let edited = format!(
        "{}{}",
        &csv[..last],
        csv[last..].replacen(",Alex Rivera,", ",Sam Lee,", 1)
    );
    let errs = manifest_from_csv(&edited).unwrap_err();
    assert_eq!(
        errs,
        vec![ImportProblem::Conflict {
            line: 4,
            column: "driver_name".to_string(),
            first_line: 2,
            stop_id: None,
        }]
    );
}

#[test]
fn validator_problems_come_through() {
    let mut m = fixtures::simple();
    m.stops[1].lat = 95.0;
    let errs = manifest_from_csv(&manifest_to_csv(&m)).unwrap_err();
    assert_eq!(
        errs,
        vec![ImportProblem::Manifest(
            ManifestProblem::CoordinatesOutOfRange {
                stop_id: "S-2".to_string(),
                lat: 95.0,
                lng: -122.6345
            }
        )]
    );
    // A stop without packages survives the format, and is then refused.
    let mut m = fixtures::simple();
    m.stops[0].packages.clear();
    let csv = manifest_to_csv(&m);
    assert_eq!(parse_manifest_csv(&csv), Ok(m));
    assert_eq!(
        manifest_from_csv(&csv).unwrap_err(),
        vec![ImportProblem::Manifest(ManifestProblem::EmptyStop {
            stop_id: "S-1".to_string()
        })]
    );
}

#[test]
fn guard_is_its_own_inverse_and_leaves_plain_text_alone() {
    for v in [
        "=1+1", "+1", "-1", "@x", "\tx", "\rx", "\nx", "＝1", "＋1", "－1", "＠x", "'\n=x", "'＝x",
        "'=x", "''-x", "'", "''", "'hello", "hello", "", "a=b", "a＝b",
    ] {
        let exported = if needs_guard(v) {
            format!("'{v}")
        } else {
            v.to_string()
        };
        assert_eq!(unguard(&exported), v, "{v:?}");
    }
    // A leading line feed and the full-width formula characters are
    // guarded like their ASCII forms.
    for v in [
        "\n=HYPERLINK(\"http://evil\")",
        "＝HYPERLINK(1)",
        "＋1",
        "－1",
        "＠SUM(A1)",
    ] {
        assert!(needs_guard(v), "{v:?}");
    }
    assert!(!needs_guard("a＝b"));
    // A hand-typed leading quote before ordinary text is kept.
    assert_eq!(unguard("'hello"), "'hello");
    assert_eq!(unguard("'=x"), "=x");
}

#[test]
fn sniffs_header() {
    assert!(looks_like_csv("\u{FEFF}manifest_id,stop_id\r\n"));
    assert!(looks_like_csv("\"Stop_ID\";\"Lat\"\n1;2"));
    assert!(!looks_like_csv("name,phone\nSam,555"));
    assert!(!looks_like_csv("hello world"));
    assert_eq!(sniff_delimiter("a;b;c,d"), b';');
    assert_eq!(sniff_delimiter("a\tb"), b'\t');
    assert_eq!(sniff_delimiter("abc"), b',');
}

fn text() -> impl Strategy<Value = String> {
    // Weighted towards the characters that matter to CSV and spreadsheets.
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec![',', '"', '\r', '\n', '\'', '=', '+', '-', '@', '\t', ' ', ';', '＝', '＋', '－', '＠']),
            4 => any::<char>(),
            2 => prop::char::range('a', 'z'),
        ],
        0..12,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("NaN never compares equal", |v| !v.is_nan()),
        -180.0..180.0f64,
        Just(-0.0),
    ]
}

prop_compose! {
    fn package()(id in text(), tracking in text(), recipient in text(), size in text(),
                 weight_kg in prop::option::of(number()), status in text(),
                 signature_required in any::<bool>(), notes in opt_text()) -> Package {
        Package { id, tracking, recipient, size: PackageSize::parse(&size), weight_kg,
                  status: PackageStatus::parse(&status), signature_required, notes }
    }
}

prop_compose! {
    fn stop_strategy()(seq in any::<u32>(), line1 in text(), line2 in opt_text(), city in text(),
                       region in opt_text(), postcode in text(), lat in number(), lng in number(),
                       window in prop::option::of((text(), text())), notes in opt_text(),
                       access_code in opt_text(),
                       packages in prop::collection::vec(package(), 0..3)) -> Stop {
        Stop { id: String::new(), seq, address: Address { line1, line2, city, region, postcode },
               lat, lng, window: window.map(|(start, end)| TimeWindow { start, end }),
               notes, access_code, packages }
    }
}

prop_compose! {
    fn manifest()(schema in any::<u32>(), id in text(), generated_at in text(), driver_id in text(),
                  driver_name in text(), station in text(), start in text(), end in text(),
                  stops in prop::collection::vec(stop_strategy(), 1..4)) -> Manifest {
        let stops = stops.into_iter().enumerate().map(|(k, mut s)| {
            // Stop ids must differ for rows to group back into the same stops.
            s.id = format!("{k}{}", s.address.line1);
            s
        }).collect();
        Manifest { schema, id, generated_at, driver: DriverRef { id: driver_id, name: driver_name },
                   block: Block { station, start, end }, stops }
    }
}

// That no text makes the import panic, and that what it accepts survives
// every export, is the `import_file` fuzz target's (model::invariants).
proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The format alone (no validation) is lossless for any text.
    #[test]
    fn any_manifest_round_trips_through_the_format(m in manifest()) {
        let csv = manifest_to_csv(&m);
        prop_assert_eq!(parse_manifest_csv(&csv), Ok(m));
    }
}
