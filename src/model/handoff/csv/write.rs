//! Manifest → CSV text: one row per package, every field formula-guarded
//! and quoted only where it needs to be.

use super::guard::needs_guard;
use super::{holding, Holds, COLUMNS};
use crate::model::manifest::{Manifest, Package};

/// Writes the manifest as CSV: BOM, header, one CRLF-terminated row per
/// package, stops in the manifest's order.
pub fn manifest_to_csv(m: &Manifest) -> String {
    let mut out = String::with_capacity(64 + m.package_count().max(1) * 400);
    out.push('\u{FEFF}');
    for (i, c) in COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(c.name);
    }
    out.push_str("\r\n");
    let schema = m.schema.to_string();
    for stop in &m.stops {
        let seq = stop.seq.to_string();
        let lat = stop.lat.to_string();
        let lng = stop.lng.to_string();
        let (ws, we) = match &stop.window {
            Some(w) => (Some(w.start.as_str()), Some(w.end.as_str())),
            None => (None, None),
        };
        let mut row = |p: Option<&Package>| {
            let mut w = RowWriter {
                out: &mut out,
                first: true,
            };
            w.text(&m.id);
            w.raw(&schema);
            w.text(&m.generated_at);
            w.text(&m.driver.id);
            w.text(&m.driver.name);
            w.text(&m.block.station);
            w.text(&m.block.start);
            w.text(&m.block.end);
            w.text(&stop.id);
            w.raw(&seq);
            w.text(&stop.address.line1);
            w.opt(stop.address.line2.as_deref());
            w.text(&stop.address.city);
            w.opt(stop.address.region.as_deref());
            w.text(&stop.address.postcode);
            w.raw(&lat);
            w.raw(&lng);
            w.opt(ws);
            w.opt(we);
            w.opt(stop.notes.as_deref());
            w.opt(stop.access_code.as_deref());
            match p {
                Some(p) => {
                    w.text(&p.id);
                    w.text(&p.tracking);
                    w.text(&p.recipient);
                    w.text(p.size.as_str());
                    match p.weight_kg {
                        Some(kg) => w.raw(&kg.to_string()),
                        None => w.raw(""),
                    }
                    w.text(p.status.as_str());
                    w.raw(if p.signature_required {
                        "true"
                    } else {
                        "false"
                    });
                    w.opt(p.notes.as_deref());
                }
                None => {
                    for _ in holding(Holds::Package) {
                        w.raw("");
                    }
                }
            }
            out.push_str("\r\n");
        };
        if stop.packages.is_empty() {
            row(None);
        }
        for p in &stop.packages {
            row(Some(p));
        }
    }
    out
}

pub(super) struct RowWriter<'a> {
    pub(super) out: &'a mut String,
    pub(super) first: bool,
}

impl RowWriter<'_> {
    pub(super) fn sep(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    /// A number or fixed word: written as is (quoted only if it needs it,
    /// which a number never does).
    pub(super) fn raw(&mut self, v: &str) {
        self.sep();
        push_quoted(self.out, v, false);
    }

    /// Free text: formula-guarded, then quoted as needed.
    fn text(&mut self, v: &str) {
        self.sep();
        if needs_guard(v) {
            let mut guarded = String::with_capacity(v.len() + 1);
            guarded.push('\'');
            guarded.push_str(v);
            push_quoted(self.out, &guarded, false);
        } else {
            push_quoted(self.out, v, false);
        }
    }

    /// Optional text: absent is an empty cell, present-but-empty is `""`.
    fn opt(&mut self, v: Option<&str>) {
        match v {
            None => self.raw(""),
            Some("") => {
                self.sep();
                push_quoted(self.out, "", true);
            }
            Some(v) => self.text(v),
        }
    }
}

pub(super) fn push_quoted(out: &mut String, v: &str, force: bool) {
    if force || v.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}
