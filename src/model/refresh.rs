//! Why the manifest the server sent was not used, as a typed value the
//! screens render through the catalogues, in the driver's language.

use super::i18n::catalogues::{AppFill, DriverText as T};
use super::i18n::{Fill, Lang, Text};
use super::validate::ManifestProblem;

/// At most this many of the validator's problems are listed.
pub const LISTED_PROBLEMS: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub enum RefreshRejection {
    /// The server's manifest is older than the one saved.
    OlderThanSaved,
    /// Not a manifest Roadbook can use: the first problems, and how many
    /// more there were.
    Unusable {
        problems: Vec<ManifestProblem>,
        more: usize,
    },
}

impl RefreshRejection {
    pub fn unusable(mut problems: Vec<ManifestProblem>) -> Self {
        let more = problems.len().saturating_sub(LISTED_PROBLEMS);
        problems.truncate(LISTED_PROBLEMS);
        RefreshRejection::Unusable { problems, more }
    }

    /// The sentence that opens the notice, true to what is on the phone:
    /// `saved` is whether a manifest is saved (and shown) right now.
    pub fn headline(&self, lang: Lang, saved: bool) -> &'static str {
        match self {
            RefreshRejection::OlderThanSaved => T::RefreshOlder,
            RefreshRejection::Unusable { .. } if saved => T::RefreshRejected,
            RefreshRejection::Unusable { .. } => T::RefreshRejectedNothingSaved,
        }
        .text(lang)
    }

    /// The reasons listed under the headline (the validator's problems).
    pub fn reasons(&self, lang: Lang) -> Vec<String> {
        match self {
            RefreshRejection::Unusable { problems, more } => {
                let mut out: Vec<String> = problems.iter().map(|p| p.describe(lang)).collect();
                if *more > 0 {
                    out.push(AppFill::MoreProblems { n: more }.fill(lang));
                }
                out
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
