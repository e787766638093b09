//! Replays every committed fuzz corpus file (`fuzz/corpus/<target>/`)
//! through the same entry functions the cargo-fuzz targets call, so inputs
//! the fuzzer found interesting (and any crash once fixed) stay covered by the
//! ordinary `cargo test`, on stable, in milliseconds.

use std::path::Path;

use roadbook::model::invariants::TARGETS;

#[test]
fn every_committed_corpus_file_keeps_its_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for (name, check) in TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("readable entry").path())
            .collect();
        files.sort();
        assert!(
            files.len() >= 3,
            "{name}: the corpus should hold a few seeds, found {}",
            files.len()
        );
        for f in files {
            let data = std::fs::read(&f).expect("readable corpus file");
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(
                outcome.is_ok(),
                "{name}: {} broke an invariant",
                f.display()
            );
        }
    }
}

#[test]
fn every_target_has_a_fuzz_target_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    for (name, _) in TARGETS {
        assert!(root.join(format!("{name}.rs")).is_file(), "{name}");
    }
}
