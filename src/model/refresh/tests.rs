use super::*;
use crate::model::i18n::english_left_in;
use crate::model::validate::ManifestProblem as P;

fn all() -> Vec<RefreshRejection> {
    vec![
        RefreshRejection::OlderThanSaved,
        RefreshRejection::unusable(
            (1..=8)
                .map(|seq| P::DuplicateSeq { seq })
                .collect::<Vec<_>>(),
        ),
        RefreshRejection::unusable(vec![P::NoStops]),
    ]
}

/// Every word the driver reads about a refused manifest comes from the
/// catalogues: the Spanish interface shows no English sentence, no
/// English reason and no stray spaces (the messages were once English
/// literals built in the route book, one broken over a line join).
#[test]
fn the_spanish_interface_reads_spanish() {
    for r in all() {
        for saved in [true, false] {
            let (en, es) = (r.headline(Lang::En, saved), r.headline(Lang::Es, saved));
            assert_eq!(english_left_in(en, es), Vec::<String>::new(), "{r:?}");
            assert!(!es.contains("  ") && !en.contains("  "), "{en:?}");
        }
        let (en, es) = (r.reasons(Lang::En), r.reasons(Lang::Es));
        assert_eq!(en.len(), es.len());
        for (en, es) in en.iter().zip(&es) {
            assert_eq!(english_left_in(en, es), Vec::<String>::new(), "{es}");
            assert!(!es.contains("  "), "{es:?}");
        }
    }
}

/// "Your saved manifest is kept" only when one is; otherwise the notice
/// says nothing is saved yet.
#[test]
fn the_headline_is_true_to_what_is_saved() {
    let r = RefreshRejection::unusable(vec![P::NoStops]);
    assert!(r
        .headline(Lang::En, true)
        .contains("your saved one is kept"));
    let none = r.headline(Lang::En, false);
    assert!(
        none.contains("nothing is saved on this phone yet"),
        "{none}"
    );
    assert!(!none.contains("kept"), "{none}");
    assert!(r
        .headline(Lang::Es, false)
        .contains("todavía no hay nada guardado"));
}

#[test]
fn lists_five_problems_then_counts_the_rest() {
    let r = RefreshRejection::unusable((1..=8).map(|seq| P::DuplicateSeq { seq }).collect());
    let en = r.reasons(Lang::En);
    assert_eq!(en.len(), 6);
    assert_eq!(en[0], "stop number 1 appears more than once");
    assert_eq!(en[5], "(and 3 more problems)");
    assert_eq!(r.reasons(Lang::Es)[5], "(y 3 problemas más)");
    assert!(RefreshRejection::OlderThanSaved
        .reasons(Lang::En)
        .is_empty());
}
