//! A `--templates` override runs within bounds: a loop without end or a string that keeps
//! doubling ends with an error naming the template (minijinja's fuel, `docs/limits.md`), and a
//! missing `{% include %}` names the missing file and the template that includes it.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

const BANK: &str = "tests/fixtures/banks/ok/minimal.yaml";

/// A templates folder whose Markdown study sheet is `text`.
fn override_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("markdown")).unwrap();
    std::fs::write(dir.path().join("markdown/study.md.j2"), text).unwrap();
    dir
}

/// Exports `bank` to Markdown in `dir/out.md` with the templates of `dir`.
fn export(dir: &Path, bank: &str) -> assert_cmd::assert::Assert {
    cargo_bin_cmd!("qbank")
        .timeout(Duration::from_mins(2)) // the watchdog: an endless render fails the test
        .args(["export", bank, "--to", "markdown", "-o"])
        .arg(dir.join("out.md"))
        .arg("--templates")
        .arg(dir)
        .assert()
}

const OUT_OF_FUEL: &str =
    "the template did more work than qbank allows an override (20000000 units of fuel";

#[test]
fn nested_loops_without_end_run_out_of_fuel() {
    let dir = override_with(
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}\n",
    );
    export(dir.path(), BANK)
        .code(2)
        .stderr(predicate::str::contains("markdown/study.md.j2` line 1: "))
        .stderr(predicate::str::contains(OUT_OF_FUEL));
    assert!(!dir.path().join("out.md").exists(), "nothing is written");
}

#[test]
fn a_string_that_keeps_doubling_runs_out_of_fuel() {
    let dir = override_with(
        "{% set ns = namespace(s=\"x\") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}\n",
    );
    export(dir.path(), BANK)
        .code(2)
        .stderr(predicate::str::contains(OUT_OF_FUEL))
        .stderr(predicate::str::contains("(in `ns.s ~ ns.s`)"));
    assert!(!dir.path().join("out.md").exists(), "nothing is written");
}

#[test]
fn the_built_in_template_as_an_override_renders_a_large_bank_within_its_fuel() {
    let dir = override_with(include_str!("../exporters/markdown/study.md.j2"));
    let mut bank = String::from("qbank: 1\nid: large\ntitle: Large\nquestions:\n");
    for i in 0..5_000 {
        write!(
            bank,
            "  - id: q{i}\n    topic: t{t}\n    difficulty: easy\n    prompt: What is **mechanism {i}**, and why `Vec<T>`?\n    answer: It *replicates* state; see [docs](https://example.org/{i}).\n    rubric:\n      criteria:\n        - {{id: c, points: 2, describe: replicates state, any: [replicates]}}\n",
            t = i % 20
        )
        .unwrap();
    }
    let path = dir.path().join("large.yaml");
    std::fs::write(&path, bank).unwrap();
    export(dir.path(), path.to_str().unwrap()).code(0);
    let out = std::fs::read_to_string(dir.path().join("out.md")).unwrap();
    assert_eq!(out.matches("### ").count(), 5_000);
}

#[test]
fn a_missing_include_names_the_missing_file_and_where_it_is_included() {
    let dir = override_with("# Sheet\n{% include \"partials/nope.md.j2\" %}\n");
    export(dir.path(), BANK)
        .code(2)
        .stderr(predicate::str::contains(
            "error: template `partials/nope.md.j2` not found for format `markdown` (included from ",
        ))
        .stderr(predicate::str::contains("markdown/study.md.j2 line 2)"));
}
