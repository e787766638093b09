//! The copy kept when the saved marks could not be read: the raw text,
//! which may hold marks (notes, positions) the server never got. It is never
//! dropped unread: the driver or support can download it, and it goes at
//! sign-out (after the offer) or a retention window after it was set aside.

use serde::{Deserialize, Serialize};

use super::time::{date_string, EpochMs};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadableMarks {
    /// When the first of these texts was set aside (epoch ms).
    pub set_aside_ms: EpochMs,
    /// Each unreadable mark log, as it was stored, oldest first.
    pub texts: Vec<String>,
}

impl UnreadableMarks {
    pub fn new(text: String, now: EpochMs) -> Self {
        UnreadableMarks {
            set_aside_ms: now,
            texts: vec![text],
        }
    }

    /// Reads the stored copy. A copy from before this format (the raw text
    /// alone) is taken as set aside `now`: its window starts when this
    /// version first sees it.
    pub fn parse(stored: &str, now: EpochMs) -> Self {
        serde_json::from_str(stored).unwrap_or_else(|_| Self::new(stored.to_string(), now))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Another unreadable text joins the copy; an earlier one is never
    /// written over.
    pub fn add(&mut self, text: String) {
        if !self.texts.contains(&text) {
            self.texts.push(text);
        }
    }

    /// Whether the retention window after it was set aside has passed.
    pub fn expired(&self, retention_hours: u32, now: EpochMs) -> bool {
        now >= self.set_aside_ms + i64::from(retention_hours) * 3_600_000
    }

    /// The download: every text as it was stored, one after another.
    pub fn export_text(&self) -> String {
        self.texts.join("\n\n")
    }

    /// `roadbook-unreadable-marks-2026-11-25.txt`, by the day it was set aside.
    pub fn file_name(&self, offset_min: i32) -> String {
        format!(
            "roadbook-unreadable-marks-{}.txt",
            date_string(self.set_aside_ms, offset_min)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: EpochMs = 1_795_654_800_000; // 2026-11-25T17:00:00-08:00

    #[test]
    fn keeps_every_text_and_its_window() {
        let mut u = UnreadableMarks::new("{\"history\": [brok".into(), T0);
        u.add("second".into());
        u.add("second".into());
        assert_eq!(u.texts.len(), 2);
        let back = UnreadableMarks::parse(&u.to_json(), T0 + 5);
        assert_eq!(back, u);
        assert!(!u.expired(24, T0 + 24 * 3_600_000 - 1));
        assert!(u.expired(24, T0 + 24 * 3_600_000));
        assert_eq!(u.export_text(), "{\"history\": [brok\n\nsecond");
        assert_eq!(
            u.file_name(-480),
            "roadbook-unreadable-marks-2026-11-25.txt"
        );
    }

    #[test]
    fn a_copy_in_the_old_raw_form_starts_its_window_now() {
        let u = UnreadableMarks::parse("not json {", T0);
        assert_eq!(u.texts, ["not json {"]);
        assert_eq!(u.set_aside_ms, T0);
    }
}
