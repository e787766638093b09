//! The formula guard: a leading `'` on text a spreadsheet would run as a
//! formula, added on export and removed on import (the module notes of
//! [`super`] say which text and why quotes are counted).

/// True when a spreadsheet would read the text as a formula once any leading
/// quotes are taken off (see the module notes for why quotes are skipped).
pub(super) fn needs_guard(v: &str) -> bool {
    matches!(
        v.trim_start_matches('\'').chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠')
    )
}

/// Undoes the export's formula guard: removes exactly one leading quote, and
/// only where the export would have added one.
pub(super) fn unguard(v: &str) -> &str {
    match v.strip_prefix('\'') {
        Some(rest) if needs_guard(v) => rest,
        _ => v,
    }
}
