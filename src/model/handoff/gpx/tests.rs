use super::super::fixtures;
use super::*;

/// Just enough of an XML reader to check what matters here: the
/// declaration, balanced and properly nested tags, quoted attributes,
/// text with no raw `<` or stray `&`, and only legal characters.
/// Returns the elements in document order as (path, attributes, text),
/// with entities decoded.
type Element = (String, Vec<(String, String)>, String);

fn check_xml(doc: &str) -> Result<Vec<Element>, String> {
    let rest = doc
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .ok_or("no XML declaration")?;
    if let Some(c) = rest.chars().find(|&c| !is_xml_char(c)) {
        return Err(format!("illegal character {c:?}"));
    }
    let mut stack: Vec<Element> = Vec::new();
    let mut done = Vec::new();
    let mut roots = 0;
    let mut i = 0;
    let b = rest.as_bytes();
    while i < b.len() {
        if b[i] == b'<' {
            let end = rest[i..].find('>').ok_or("unclosed tag")? + i;
            let inner = &rest[i + 1..end];
            i = end + 1;
            if let Some(name) = inner.strip_prefix('/') {
                let (open, attrs, text) = stack.pop().ok_or("close without open")?;
                if open != name {
                    return Err(format!("</{name}> closes <{open}>"));
                }
                let path: Vec<&str> = stack.iter().map(|e| e.0.as_str()).collect();
                done.push((format!("{}/{open}", path.join("/")), attrs, text));
            } else {
                let (name, attrs) = parse_tag(inner)?;
                if stack.is_empty() {
                    roots += 1;
                }
                stack.push((name, attrs, String::new()));
            }
        } else {
            let end = rest[i..].find('<').map_or(b.len(), |e| e + i);
            let raw = &rest[i..end];
            i = end;
            let text = unescape(raw)?;
            match stack.last_mut() {
                Some(top) => top.2.push_str(&text),
                None if raw.trim().is_empty() => {}
                None => return Err("text outside the root".into()),
            }
        }
    }
    if !stack.is_empty() {
        return Err("unclosed elements".into());
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(done)
}

fn parse_tag(inner: &str) -> Result<(String, Vec<(String, String)>), String> {
    let (name, mut rest) = inner.split_once(' ').unwrap_or((inner, ""));
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("bad tag name {name:?}"));
    }
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let (key, after) = rest.split_once("=\"").ok_or("attribute without quotes")?;
        let (value, after) = after.split_once('"').ok_or("unterminated attribute")?;
        if value.contains('<') {
            return Err("< in attribute".into());
        }
        attrs.push((key.to_string(), unescape(value)?));
        rest = after;
    }
    Ok((name.to_string(), attrs))
}

fn unescape(raw: &str) -> Result<String, String> {
    if raw.contains('>') {
        return Err("raw > in text".into());
    }
    let mut out = String::new();
    let mut rest = raw;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        let semi = rest[k..].find(';').ok_or("& without ;")? + k;
        out.push(match &rest[k + 1..semi] {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            other => return Err(format!("unknown entity &{other};")),
        });
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn points(els: &[Element]) -> Vec<&Element> {
    els.iter().filter(|e| e.0 == "gpx/rte/rtept").collect()
}

#[test]
fn checker_catches_broken_xml() {
    let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    for bad in [
        "<a><b></a></b>",
        "<a>x < y</a>",
        "<a>fish & chips</a>",
        "<a x=\"1></a>",
        "<a></a><b></b>",
        "<a>\u{1}</a>",
        "<a>",
    ] {
        assert!(check_xml(&format!("{decl}{bad}")).is_err(), "{bad:?}");
    }
    assert!(check_xml(&format!("{decl}<a x=\"&lt;\">&amp;<b/c></b/c></a>")).is_err());
    assert!(check_xml(&format!("{decl}<a x=\"&lt;\"><b>&amp;</b></a>")).is_ok());
}

#[test]
fn simple_manifest_is_well_formed_gpx() {
    let m = fixtures::simple();
    let gpx = manifest_to_gpx(&m);
    assert!(gpx.contains(
        "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\" version=\"1.1\" creator=\"Roadbook\">"
    ));
    let els = check_xml(&gpx).unwrap();
    let pts = points(&els);
    assert_eq!(pts.len(), m.stops.len());
    assert_eq!(
        pts[0].1,
        vec![
            ("lat".to_string(), "45.5123".to_string()),
            ("lon".to_string(), "-122.6345".to_string())
        ]
    );
    let names: Vec<&str> = els
        .iter()
        .filter(|e| e.0 == "gpx/rte/rtept/name")
        .map(|e| e.2.as_str())
        .collect();
    assert_eq!(names, ["1. 1234 SE Hawthorne Blvd", "2. 55 NE Broadway"]);
    let time = els.iter().find(|e| e.0 == "gpx/metadata/time").unwrap();
    assert_eq!(time.2, "2026-11-25T14:00:00Z");
}

#[test]
fn hostile_text_is_escaped_and_survives() {
    let mut m = fixtures::hostile();
    m.stops[0].address.line1 = "<b>&amp; \"Tom's\" \u{1}\u{B}\u{FFFE}</b>".to_string();
    m.stops[0].access_code = Some("]]> <!-- #1 -->".to_string());
    let gpx = manifest_to_gpx(&m);
    let els = check_xml(&gpx).unwrap();
    let name = els.iter().find(|e| e.0 == "gpx/rte/rtept/name").unwrap();
    // Control characters and U+FFFE are dropped; everything else is back.
    assert_eq!(name.2, "1. <b>&amp; \"Tom's\" </b>");
    let desc = els.iter().find(|e| e.0 == "gpx/rte/rtept/desc").unwrap();
    assert_eq!(
        desc.2,
        "<b>&amp; \"Tom's\" </b>, line one\nline two\r\nline three, Zürich <HQ> & Co -0042\n\
         Window 09:00–12:30\nAccess code: ]]> <!-- #1 -->"
    );
    let cmt = els.iter().find(|e| e.0 == "gpx/rte/rtept/cmt").unwrap();
    assert_eq!(cmt.2, "@reception 🐕 dog in yard; ring twice 🚪");
    let meta = els.iter().find(|e| e.0 == "gpx/metadata/name").unwrap();
    assert!(meta.2.starts_with("Nguyễn Thị Zoë \"Zo\", Jr. – "));
}

#[test]
fn points_follow_seq_with_exact_coordinates() {
    let mut m = fixtures::hostile();
    m.stops.swap(0, 1);
    m.stops[0].seq = 7;
    let els = check_xml(&manifest_to_gpx(&m)).unwrap();
    let pts = points(&els);
    assert_eq!(pts.len(), 2);
    // Seq 1 (Sydney) first, then seq 7.
    assert_eq!(pts[0].1[0].1, "-33.86882");
    assert_eq!(pts[0].1[1].1, "151.20929");
    assert_eq!(pts[1].1[0].1, "-0.000001");
    assert_eq!(pts[1].1[1].1, "-179.999999999");
    for p in pts {
        let lat: f64 = p.1[0].1.parse().unwrap();
        let lon: f64 = p.1[1].1.parse().unwrap();
        assert!(m.stops.iter().any(|s| s.lat == lat && s.lng == lon));
    }
}

#[test]
fn large_demo_route_has_one_point_per_stop() {
    use crate::backend::demo::data::{demo_driver, manifest_for, ManifestSize};
    let m = manifest_for(&demo_driver(), 1_795_615_200_000, ManifestSize::LARGE);
    let els = check_xml(&manifest_to_gpx(&m)).unwrap();
    let pts = points(&els);
    assert_eq!(pts.len(), m.stops.len());
    let mut sorted: Vec<&Stop> = m.stops.iter().collect();
    sorted.sort_by_key(|s| s.seq);
    for (p, s) in pts.iter().zip(sorted) {
        assert_eq!(p.1[0].1.parse::<f64>().unwrap(), s.lat);
        assert_eq!(p.1[1].1.parse::<f64>().unwrap(), s.lng);
    }
}

#[test]
fn unparsable_generation_time_is_left_out() {
    let mut m = fixtures::simple();
    m.generated_at = "yesterday".to_string();
    let els = check_xml(&manifest_to_gpx(&m)).unwrap();
    assert!(!els.iter().any(|e| e.0 == "gpx/metadata/time"));
}
