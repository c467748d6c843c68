//! `qbank lint`, `qbank rules` and `qbank rule` end to end: configuration, exit codes, files
//! linted together, load errors in the output, and the generated rule reference.

// Test helpers panic on purpose: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use predicates::str::contains;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/lint/{name}.yaml", env!("CARGO_MANIFEST_DIR"))
}

fn bank(prompts: &[(&str, &str)], extra: &str) -> String {
    let mut out = String::from("qbank: 1\nid: t\ntitle: T\nquestions:\n");
    for (i, (id, prompt)) in prompts.iter().enumerate() {
        let difficulty = ["easy", "medium", "hard"][i % 2];
        let _ = write!(
            out,
            "  - id: {id}\n    topic: t{i}\n    difficulty: {difficulty}\n    type: true-false\n    prompt: {prompt}\n    correct: true\n{extra}"
        );
    }
    out
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn duplicates_are_found_across_files_and_name_both_questions() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", &bank(&[("one", "Raft elects one leader per term.")], ""));
    let b = write(dir.path(), "b.yaml", &bank(&[("two", "raft elects ONE leader per term")], ""));
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .args([&a, &b])
        .args(["--format", "json"])
        .assert()
        .code(1)
        .stdout(contains("\"rule\": \"duplicate-prompt\""))
        .stdout(contains("question `two` has the same prompt as `one` in"))
        .stdout(contains("a.yaml"));
}

#[test]
fn warnings_pass_unless_denied() {
    let f = fixture("prompt-not-a-question");
    cargo_bin_cmd!("qbank")
        .args(["lint", &f])
        .assert()
        .code(0)
        .stdout(contains("warning[prompt-not-a-question]"));
    cargo_bin_cmd!("qbank")
        .args(["lint", &f, "--deny", "warnings"])
        .assert()
        .code(1)
        .stdout(contains("error[prompt-not-a-question]"))
        .stderr(contains("found 1 error, 0 warnings and 0 infos in 1 file"));
    cargo_bin_cmd!("qbank")
        .args(["lint", &f, "-D", "QB203"])
        .assert()
        .code(1)
        .stdout(contains("error[prompt-not-a-question]"));
}

#[test]
fn allowed_and_warned_rules_stop_failing_the_run() {
    let f = fixture("uncovered-topic");
    cargo_bin_cmd!("qbank")
        .args(["lint", &f, "--allow", "uncovered-topic"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("no problems found in 1 file\n");
    cargo_bin_cmd!("qbank")
        .args(["lint", &f, "--warn", "uncovered-topic"])
        .assert()
        .code(0)
        .stdout(contains("warning[uncovered-topic]"));
}

#[test]
fn unknown_rule_names_are_usage_errors_with_a_suggestion() {
    cargo_bin_cmd!("qbank")
        .args(["lint", &fixture("clean"), "--deny", "uncoverd-topic"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: unknown rule `uncoverd-topic` in `--deny`; did you mean `uncovered-topic`?\n",
        );
}

#[test]
fn the_lint_table_of_the_nearest_qbank_toml_applies() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("prompt-too-long")).unwrap();
    let banked = write(dir.path(), "banks/deep/b.yaml", &text);
    // Found from the bank's folder upwards.
    write(dir.path(), "qbank.toml", "[lint]\nmax-prompt-length = 2000\n");
    cargo_bin_cmd!("qbank").arg("lint").arg(&banked).assert().code(0).stdout("");
    write(dir.path(), "banks/qbank.toml", "[lint]\ndeny = [\"prompt-too-long\"]\n");
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(&banked)
        .assert()
        .code(1)
        .stdout(contains("error[prompt-too-long]"));
    // `--no-config` ignores it; `--config` picks another.
    cargo_bin_cmd!("qbank").arg("lint").arg(&banked).arg("--no-config").assert().code(0);
    let other = write(dir.path(), "other.toml", "[lint]\nallow = [\"prompt-too-long\"]\n");
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(&banked)
        .arg("--config")
        .arg(&other)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_broken_qbank_toml_is_a_usage_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let banked = write(dir.path(), "b.yaml", &std::fs::read_to_string(fixture("clean")).unwrap());
    write(dir.path(), "qbank.toml", "[lint]\nallow = [\"no-such-rule\"]\n");
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(&banked)
        .assert()
        .code(2)
        .stderr(contains("unknown rule `no-such-rule` in `").and(contains("qbank.toml`")));
    write(dir.path(), "qbank.toml", "[lint\n");
    cargo_bin_cmd!("qbank").arg("lint").arg(&banked).assert().code(2).stderr(contains("invalid `"));
}

#[test]
fn a_question_can_allow_a_rule_for_itself() {
    let dir = tempfile::tempdir().unwrap();
    let prompts =
        [("q1", "Raft elects one leader per term."), ("q2", "Raft elects one leader per term.")];
    let noisy = write(dir.path(), "noisy.yaml", &bank(&prompts, ""));
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(&noisy)
        .assert()
        .code(1)
        .stdout(contains("duplicate-prompt"));
    let quiet =
        write(dir.path(), "quiet.yaml", &bank(&prompts, "    lint: {allow: [duplicate-prompt]}\n"));
    cargo_bin_cmd!("qbank").arg("lint").arg(&quiet).assert().code(0).stdout("");
}

#[test]
fn load_errors_are_part_of_the_lint_output() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(
        dir.path(),
        "broken.yaml",
        "qbank: 1\nid: t\ntitle: T\nquestions:\n  - id: q\n    promt: x\n",
    );
    let syntax = write(dir.path(), "syntax.yaml", "qbank: 1\nid: [\n");
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .args([&broken, &syntax])
        .args(["--format", "json"])
        .assert()
        .code(1)
        .stdout(contains("\"rule\": \"schema\"").and(contains("\"rule\": \"yaml-syntax\"")))
        .stderr(contains("in 2 files"));
}

#[test]
fn a_missing_file_exits_2_but_the_others_are_still_linted() {
    cargo_bin_cmd!("qbank")
        .args(["lint", "no/such/bank.yaml", &fixture("uncovered-topic")])
        .assert()
        .code(2)
        .stdout(contains("error[uncovered-topic]"))
        .stderr(contains("error: cannot read `no/such/bank.yaml`"))
        .stderr(contains("in 1 file; 1 file could not be read"));
}

#[test]
fn rules_lists_every_rule_and_rule_prints_its_docs() {
    let listed = cargo_bin_cmd!("qbank").arg("rules").assert().code(0).get_output().stdout.clone();
    let listed = String::from_utf8(listed).unwrap();
    for rule in qbank::lint::registry::all() {
        let m = rule.meta();
        assert!(listed.lines().any(|l| l.starts_with(m.code) && l.contains(m.name)), "{}", m.name);
    }
    cargo_bin_cmd!("qbank")
        .args(["rule", "QB001"])
        .assert()
        .code(0)
        .stdout(contains("# uncovered-topic (QB001)").and(contains("## Why is this bad?")));
    cargo_bin_cmd!("qbank")
        .args(["rule", "uncovered-topics"])
        .assert()
        .code(2)
        .stderr("error: unknown rule `uncovered-topics`\nhelp: did you mean `uncovered-topic`?\n");
    let json = cargo_bin_cmd!("qbank").args(["rules", "--format", "json"]).output().unwrap().stdout;
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json.as_array().unwrap().len(), qbank::lint::registry::all().len());
}

/// The generated part of `file`, between `<!-- NAME:start` and `<!-- NAME:end -->`.
fn generated(file: &str, name: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let open = format!("<!-- {name}:start");
    let close = format!("<!-- {name}:end -->\n");
    let start = text.find(&open).unwrap_or_else(|| panic!("{file} has no `{open}` marker"));
    let end = text.find(&close).unwrap_or_else(|| panic!("{file} has no `{close}` marker"));
    text[start..end + close.len()].to_owned()
}

#[test]
fn the_guide_rule_table_matches_the_registry() {
    assert_eq!(
        generated("docs/lint.md", "rules"),
        qbank::lint::registry::markdown_table(),
        "the rule table in docs/lint.md is stale: run scripts/regen-docs.sh"
    );
}

#[test]
fn the_rule_reference_in_docs_matches_the_registry() {
    assert_eq!(
        generated("docs/rules.md", "rule-docs"),
        qbank::lint::registry::markdown(),
        "docs/rules.md is stale: paste `qbank rules --format reference` between its markers"
    );
}

#[test]
fn the_public_page_alone_fails_coverage_naming_every_promised_topic() {
    let assert = cargo_bin_cmd!("qbank").args(["lint", &fixture("page-only")]).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for topic in [
        "consensus",
        "impossibility",
        "cap-pacelc",
        "clocks",
        "eventual-consistency",
        "partitions",
        "failure-detection",
    ] {
        assert!(
            out.contains(&format!("error[uncovered-topic]: topic `{topic}` (")),
            "`{topic}` is not reported:\n{out}"
        );
    }
}

/// The bundled bank is the README's first example: it must stay clean.
#[test]
fn the_bundled_bank_lints_clean() {
    let bank = Path::new(env!("CARGO_MANIFEST_DIR")).join("banks/distributed.yaml");
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(&bank)
        .assert()
        .code(0)
        .stdout("")
        .stderr("no problems found in 1 file\n");
}

#[test]
fn the_rule_list_reads_well() {
    let out = cargo_bin_cmd!("qbank").arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn a_duplicate_across_files_reads_well() {
    let out = cargo_bin_cmd!("qbank")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "lint",
            "tests/fixtures/lint/unknown-rule-in-allow.yaml",
            "tests/fixtures/lint/duplicate-prompt.yaml",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(format!(
        "{}--- stderr\n{}",
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap()
    ));
}

#[test]
fn rephrasings_are_reported_once_per_question_not_once_per_pair() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..60).map(|i| format!("q{i}")).collect();
    let prompts: Vec<(&str, &str)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let prompt = [
                "Is consistent hashing useful for a distributed cache of sessions?",
                "Is consistent hashing useful for a distributed cache of users?",
                "Is consistent hashing useful for a distributed cache of pages?",
            ][i % 3];
            (id.as_str(), prompt)
        })
        .collect();
    let path = write(dir.path(), "many.yaml", &bank(&prompts, ""));
    let output =
        cargo_bin_cmd!("qbank").args(["lint", "--format", "json"]).arg(&path).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let count =
        |rule: &str| findings.as_array().unwrap().iter().filter(|d| d["rule"] == rule).count();
    // 57 copies of the first three prompts; q1 and q2 rephrase q0.
    assert_eq!(count("duplicate-prompt"), 57);
    assert_eq!(count("near-duplicate-prompt"), 2);
}

#[test]
fn copies_are_duplicates_and_a_rephrasing_is_a_near_duplicate_of_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let mut prompts =
        vec![("orig", "What is consistent hashing and why is it used in distributed caches?")];
    let copies: Vec<String> = (0..40).map(|i| format!("copy{i}")).collect();
    for id in &copies {
        prompts.push((id, "What is consistent hashing and why is it used in distributed caches?"));
    }
    prompts.push((
        "reworded",
        "What is consistent hashing, and why is it used in distributed caches today?",
    ));
    let path = write(dir.path(), "copies.yaml", &bank(&prompts, ""));
    let out =
        cargo_bin_cmd!("qbank").arg("lint").arg(&path).args(["--format", "json"]).output().unwrap();
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let of = |rule: &str| found.iter().filter(|d| d["rule"] == rule).collect::<Vec<_>>();
    assert_eq!(of("duplicate-prompt").len(), 40);
    let near = of("near-duplicate-prompt");
    assert_eq!(near.len(), 1, "{near:?}");
    assert!(
        near[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("the prompt of `reworded` is a near-duplicate of `orig`"),
        "{near:?}"
    );
}

#[test]
fn a_directory_walk_lints_only_files_that_declare_a_bank() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "banks/one.yaml",
        &bank(&[("one", "Why does Raft use randomized timeouts?")], ""),
    );
    write(
        dir.path(),
        "banks/two.json",
        r#"{"qbank": 1, "id": "t2", "title": "T", "questions": []}"#,
    );
    write(dir.path(), "banks/broken.json", r#"{"qbank": 1, "id": "#);
    write(dir.path(), "bank.schema.json", r#"{"properties": {"qbank": {}}}"#);
    write(dir.path(), "package.json", r#"{"name": "site"}"#);
    write(dir.path(), ".github/workflows/ci.yml", "on: push\n");
    write(dir.path(), "docker-compose.yml", "services:\n  qbank: {}\n");
    cargo_bin_cmd!("qbank")
        .current_dir(dir.path())
        .args(["lint", "."])
        .assert()
        .code(1)
        .stdout(contains("banks/broken.json"))
        .stderr(contains(
            "note: skipped 2 files without a top-level `qbank` key: `./docker-compose.yml`, `./package.json`",
        ))
        .stderr(contains("in 3 files"));
}

fn case(name: &str) -> String {
    format!("{}/tests/fixtures/lint/cases/{name}.yaml", env!("CARGO_MANIFEST_DIR"))
}

/// The findings of `qbank lint --format json` on `paths`, ignoring any `qbank.toml`.
fn findings(paths: &[&std::ffi::OsStr]) -> Vec<serde_json::Value> {
    let out = cargo_bin_cmd!("qbank")
        .arg("lint")
        .args(paths)
        .args(["--format", "json", "--no-config"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn an_empty_rubric_is_reported_as_having_no_criteria() {
    let found = findings(&[fixture("missing-rubric").as_ref()]);
    let empty = found
        .iter()
        .find(|d| d["pointer"] == "/questions/1/rubric/criteria")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(empty["rule"], "missing-rubric");
    assert_eq!(empty["severity"], "error");
    assert_eq!(
        empty["message"],
        "the rubric of open question `checkpoint` has no criteria, so every answer scores 0"
    );
}

#[test]
fn a_difficulty_mix_that_does_not_add_up_to_one_is_reported_with_its_sum() {
    let found = findings(&[case("mix-sum").as_ref()]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["rule"], "difficulty-mix-off-target");
    assert_eq!(
        found[0]["message"],
        "the difficulty targets add up to 2.1, not 1 (easy 0.9 + medium 0.9 + hard 0.3)"
    );
    assert_eq!(found[0]["start"], serde_json::json!({"line": 8, "column": 3}));

    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(case("mix-sum")).unwrap();
    let zero = text.replace(
        "{easy: 0.9, medium: 0.9, hard: 0.3, tolerance: 0.2}",
        "{easy: 0, medium: 0, hard: 0}",
    );
    let zero = write(dir.path(), "zero.yaml", &zero);
    let found = findings(&[zero.as_os_str()]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("the difficulty targets add up to 0, not 1")
    );
    // Thirds rounded to two places are close enough.
    let thirds = text.replace(
        "{easy: 0.9, medium: 0.9, hard: 0.3, tolerance: 0.2}",
        "{easy: 0.33, medium: 0.33, hard: 0.33}",
    );
    let thirds = write(dir.path(), "thirds.yaml", &thirds);
    assert_eq!(findings(&[thirds.as_os_str()]), Vec::<serde_json::Value>::new());
}

#[test]
fn qbank_toml_rejects_unknown_tables_and_out_of_range_values() {
    let dir = tempfile::tempdir().unwrap();
    let banked = write(dir.path(), "b.yaml", &std::fs::read_to_string(fixture("clean")).unwrap());
    let cases = [
        (
            "[lnit]\nallow = []\n",
            "qbank.toml`: 1:2: unknown table `[lnit]`; did you mean `[lint]`?",
        ),
        (
            "[lint]\nnear-duplicate-threshold = 0\n",
            "qbank.toml`: 2:28: `near-duplicate-threshold` must be a number greater than 0 and at most 1, not 0",
        ),
        (
            "[lint]\nnear-duplicate-threshold = 1.5\n",
            "`near-duplicate-threshold` must be a number greater than 0 and at most 1, not 1.5",
        ),
        (
            "[lint]\nposition-bias-min-questions = 0\n",
            "`position-bias-min-questions` must be a whole number of at least 1, not 0",
        ),
        (
            "[lint]\nmax-prompt-length = 0\n",
            "`max-prompt-length` must be a whole number of at least 1, not 0",
        ),
        (
            "[lint]\nmax-prompt-length = \"80\"\n",
            "`max-prompt-length` must be a whole number of at least 1, not the text \"80\"",
        ),
    ];
    for (toml, message) in cases {
        write(dir.path(), "qbank.toml", toml);
        cargo_bin_cmd!("qbank")
            .arg("lint")
            .arg(&banked)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("error: invalid `").and(contains(format!("{message}\n"))));
    }
    write(dir.path(), "qbank.toml", "[lint]\nnear-duplicate-threshold = 1\n");
    cargo_bin_cmd!("qbank").arg("lint").arg(&banked).assert().code(0);
}

#[test]
fn task_prompts_are_not_reported_as_non_questions() {
    let found = findings(&[case("task-prompts").as_ref()]);
    let flagged: Vec<&serde_json::Value> =
        found.iter().filter(|d| d["rule"] == "prompt-not-a-question").collect();
    assert!(flagged.is_empty(), "{flagged:#?}");
}

#[cfg(unix)]
#[test]
fn a_directory_walk_does_not_follow_links_to_directories() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "loop/a.yaml",
        &bank(&[("one", "Why does Raft use randomized timeouts?")], ""),
    );
    std::os::unix::fs::symlink("..", dir.path().join("loop/up")).unwrap();
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(dir.path().join("loop"))
        .assert()
        .code(0)
        .stderr("no problems found in 1 file\n");
    // A linked directory named on the command line is still read.
    std::os::unix::fs::symlink(dir.path().join("loop"), dir.path().join("link")).unwrap();
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(dir.path().join("link"))
        .assert()
        .code(0)
        .stderr("no problems found in 1 file\n");
}

#[test]
fn the_note_that_more_errors_were_cut_is_not_counted_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let items = vec!["1"; 1500].join(", ");
    let path = write(
        dir.path(),
        "many.yaml",
        &format!("qbank: 1\nid: many\ntitle: Many\nquestions: [{items}]\n"),
    );
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(contains("only the first 1000 are shown"))
        .stderr("found more than 1000 errors, 0 warnings and 0 infos in 1 file\n");
}

/// An example that expects more than the rubric's maximum cannot be fixed by patterns: the help
/// says so.
#[test]
fn an_example_expecting_more_than_the_maximum_is_told_to_fix_expect() {
    let dir = tempfile::tempdir().unwrap();
    let text = "qbank: 1\nid: x\ntitle: X\nquestions:\n  - id: q\n    topic: t\n    difficulty: easy\n    prompt: What is a hash ring?\n    answer: A hash ring places keys and nodes on one circle.\n    rubric:\n      criteria:\n        - {id: ring, points: 1, any: [hash ring]}\n      examples:\n        - {answer: a hash ring, expect: 5}\n";
    let path = write(dir.path(), "x.yaml", text);
    cargo_bin_cmd!("qbank")
        .arg("lint")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(contains("no answer can score 5: the rubric's maximum is 1; correct `expect`"));
}
