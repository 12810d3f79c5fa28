//! Every rule against its own fixtures (`tests/fixtures/rules/<CODE>/`): each `fires*.md` must
//! produce the rule (the exact messages, ranges and fixes are snapshots), each `passes*.md` must
//! not. The examples in every rule's documentation are checked the same way.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use goal_lint_core::config::Settings;
use goal_lint_core::rules::registry;
use goal_lint_core::{Diagnostic, lint};

fn fixture_dir(code: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
}

fn of_rule<'a>(diagnostics: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    diagnostics.iter().filter(|d| d.code() == code).collect()
}

#[test]
fn every_rule_has_firing_and_passing_fixtures() {
    for rule in registry() {
        let meta = rule.meta();
        let dir = fixture_dir(meta.code);
        let names: Vec<String> = fs::read_dir(&dir)
            .unwrap_or_else(|e| {
                panic!("{}: no fixture directory {}: {e}", meta.code, dir.display())
            })
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("fires")),
            "{}: no fires*.md",
            meta.code
        );
        assert!(
            names.iter().any(|n| n.starts_with("passes")),
            "{}: no passes*.md",
            meta.code
        );
    }
}

#[test]
fn fixtures() {
    let settings = Settings::default();
    for rule in registry() {
        let meta = rule.meta();
        let dir = fixture_dir(meta.code);
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            let all = lint(&text, &settings, &common::options());
            let mine = of_rule(&all, meta.code);
            if name.starts_with("fires") {
                assert!(
                    !mine.is_empty(),
                    "{}/{name}: expected {} to fire",
                    meta.code,
                    meta.name
                );
                let owned: Vec<Diagnostic> = mine.into_iter().cloned().collect();
                insta::assert_snapshot!(
                    format!("{}-{}-{name}", meta.code, meta.name),
                    common::render(&text, &owned)
                );
            } else {
                assert!(
                    mine.is_empty(),
                    "{}/{name}: {} must not fire, got:\n{}",
                    meta.code,
                    meta.name,
                    common::render(&text, &mine.into_iter().cloned().collect::<Vec<_>>())
                );
            }
        }
    }
}

#[test]
fn documented_examples_behave_as_documented() {
    let settings = Settings::default();
    for rule in registry() {
        let meta = rule.meta();
        let bad = lint(meta.docs.bad, &settings, &common::options());
        assert!(
            !of_rule(&bad, meta.code).is_empty(),
            "{}: the documented bad example does not fire",
            meta.code
        );
        let good = lint(meta.docs.good, &settings, &common::options());
        assert!(
            of_rule(&good, meta.code).is_empty(),
            "{}: the documented good example fires:\n{}",
            meta.code,
            common::render(meta.docs.good, &good)
        );
    }
}
