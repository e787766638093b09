//! The route as a GPX 1.1 file, for navigation apps that can follow a
//! route (OsmAnd, Organic Maps, Garmin devices) when the driver cannot reach
//! Roadbook's own map. Export only: GPX cannot carry packages.

use crate::model::manifest::{Manifest, Stop};
use crate::model::time::{format_rfc3339, parse_rfc3339};

/// One `<rte>` with one `<rtept>` per stop, in `seq` order. Stops whose
/// coordinates are not finite numbers are left out (the validator never
/// accepts those, and GPX has no way to write them).
pub fn manifest_to_gpx(m: &Manifest) -> String {
    let mut stops: Vec<&Stop> = m
        .stops
        .iter()
        .filter(|s| s.lat.is_finite() && s.lng.is_finite())
        .collect();
    stops.sort_by_key(|s| s.seq);

    let mut out = String::with_capacity(512 + stops.len() * 300);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\" version=\"1.1\" creator=\"Roadbook\">\n",
    );
    out.push_str("  <metadata>\n");
    element(
        &mut out,
        "    ",
        "name",
        &format!("{} – {}", m.driver.name, m.id),
    );
    // GPX wants an xsd:dateTime; written in UTC, and only when it parses.
    if let Some(at) = parse_rfc3339(&m.generated_at) {
        element(&mut out, "    ", "time", &format_rfc3339(at.ms, 0));
    }
    out.push_str("  </metadata>\n");
    out.push_str("  <rte>\n");
    element(
        &mut out,
        "    ",
        "name",
        &format!("{} {}", m.block.station, m.id),
    );
    for s in stops {
        out.push_str("    <rtept lat=\"");
        // Rust prints f64 in the shortest form that reads back exactly and
        // never in exponent notation, which xsd:decimal does not allow.
        out.push_str(&s.lat.to_string());
        out.push_str("\" lon=\"");
        out.push_str(&s.lng.to_string());
        out.push_str("\">\n");
        element(
            &mut out,
            "      ",
            "name",
            &format!("{}. {}", s.seq, s.address.line1),
        );
        // wptType order: name, cmt, desc. Notes go in the comment field.
        if let Some(notes) = s.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            element(&mut out, "      ", "cmt", notes);
        }
        element(&mut out, "      ", "desc", &description(s));
        out.push_str("    </rtept>\n");
    }
    out.push_str("  </rte>\n");
    out.push_str("</gpx>\n");
    out
}

/// Full address, then the delivery window and access code when present, one
/// per line.
fn description(s: &Stop) -> String {
    let mut d = s.address.one_line();
    if let Some(w) = &s.window {
        // In the window's own offset: the time a driver reads on the label.
        let hhmm = |t: &str| {
            parse_rfc3339(t)
                .map(|st| st.local_hhmm())
                .unwrap_or_else(|| t.to_string())
        };
        d.push_str(&format!("\nWindow {}–{}", hhmm(&w.start), hhmm(&w.end)));
    }
    if let Some(code) = s.access_code.as_deref().filter(|c| !c.trim().is_empty()) {
        d.push_str("\nAccess code: ");
        d.push_str(code);
    }
    d
}

fn element(out: &mut String, indent: &str, tag: &str, text: &str) {
    out.push_str(indent);
    out.push('<');
    out.push_str(tag);
    out.push('>');
    push_escaped(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push_str(">\n");
}

/// Escapes the five XML metacharacters and drops characters XML 1.0 does
/// not allow at all (control characters other than tab, LF and CR, and
/// U+FFFE/U+FFFF): even escaped as `&#1;` they make the file ill-formed.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
/// [#x10000-#x10FFFF]. (A Rust `char` is never a surrogate.)
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests;
