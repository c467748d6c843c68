//! The rough edges a new user met (issue 12, item 5), end to end: each mistake gets one clear,
//! located message with help that fits it.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use std::path::Path;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use predicates::str::contains;

fn qbank() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("qbank");
    cmd.timeout(Duration::from_mins(1)).env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `qbank ARGS` in `dir` and returns "exit N", stdout and stderr, for a snapshot.
fn run_in(dir: &Path, args: &[&str]) -> String {
    let output = qbank().current_dir(dir).args(args).output().unwrap();
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const OPEN_WITH_BAD_REGEX: &str = "qbank: 1
id: regex
title: Regex
questions:
  - id: split
    topic: algorithms
    difficulty: easy
    prompt: What does divide and conquer do first?
    answer: It splits the problem into smaller ones.
    rubric:
      criteria:
        - id: split
          describe: Splits the problem
          points: 1
          any: [\"re:spl(it\"]
";

#[test]
fn an_invalid_regex_is_reported_once_with_the_engines_message() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bank.yaml", OPEN_WITH_BAD_REGEX);
    let report = run_in(dir.path(), &["lint", "bank.yaml", "--color", "never"]);
    assert_eq!(report.matches("re:spl(it` ").count(), 1, "{report}");
    assert!(!report.contains("uncompilable-pattern"), "{report}");
    assert!(!report.contains("synonyms"), "the help is about regexes: {report}");
    insta::assert_snapshot!(report);
}

#[test]
fn the_uncompilable_pattern_rule_is_still_accepted_by_allow_and_still_reports_phrases() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bank.yaml", OPEN_WITH_BAD_REGEX);
    // An `--allow` list written before the change keeps working, by name and by code; the
    // invalid regex is a load error that no setting hides.
    for name in ["uncompilable-pattern", "QB108"] {
        qbank()
            .current_dir(dir.path())
            .args(["lint", "bank.yaml", "--allow", name])
            .assert()
            .code(1)
            .stdout(contains("error[invalid-regex]"));
    }
    let fixture =
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint/uncompilable-pattern.yaml");
    qbank()
        .args(["lint", fixture, "--allow", "mutant-survived"])
        .assert()
        .code(1)
        .stdout(contains("error[uncompilable-pattern]"));
}

#[test]
fn a_concept_with_a_regex_phrasing_is_refused_with_its_own_help() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/banks/concept-regex.yaml");
    qbank()
        .args(["lint", fixture])
        .assert()
        .code(1)
        .stdout(contains("error[uncompilable-pattern]"))
        .stdout(contains("concept `$database` has a `re:` phrasing"))
        .stdout(contains("remove the `re:` phrasing from the concept"));
}

#[test]
fn validate_names_the_regex_problem_without_running_lint_rules() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bank.yaml", OPEN_WITH_BAD_REGEX);
    qbank()
        .current_dir(dir.path())
        .args(["validate", "bank.yaml", "--color", "never"])
        .assert()
        .code(1)
        .stdout(contains(
            "error[invalid-regex]: pattern `re:spl(it` is not a valid regular expression: character 4 (`(`): unclosed group",
        ))
        .stdout(contains("bank.yaml:15:17"));
}

#[test]
fn a_multiple_question_with_one_correct_option_is_a_note_not_a_failure() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lint/multiple-choice-one-correct.yaml"
    );
    qbank()
        .args(["lint", fixture, "--deny", "warnings"])
        .assert()
        .code(0)
        .stdout(contains("info[multiple-choice-one-correct]"))
        .stdout(contains("multiple-choice-one-correct.yaml:8:11"));
}

#[test]
fn an_adverb_before_the_task_verb_makes_a_task() {
    let dir = tempfile::tempdir().unwrap();
    let bank = "qbank: 1
id: adverbs
title: Adverbs
questions:
  - id: dac
    topic: algorithms
    difficulty: easy
    type: true-false
    prompt: Briefly describe the divide-and-conquer paradigm.
    correct: true
  - id: statement
    topic: algorithms
    difficulty: medium
    type: short
    prompt: Briefly, the divide-and-conquer paradigm.
    accept: [split]
  - id: now
    topic: algorithms
    difficulty: hard
    type: short
    prompt: Now please concisely name the paradigm of merge sort.
    accept: [divide and conquer]
";
    write(dir.path(), "bank.yaml", bank);
    let output = qbank()
        .current_dir(dir.path())
        .args(["lint", "bank.yaml", "--format", "json"])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let flagged: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "prompt-not-a-question")
        .map(|d| d["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["/questions/1/prompt"], "{found:#}");
}

#[test]
fn json_banks_get_no_yaml_quoting_advice() {
    let dir = tempfile::tempdir().unwrap();
    let bank = r#"{"qbank": 1, "id": "j", "title": "J", "questions": [{"id": "q", "topic": "t",
      "difficulty": "easy", "type": "short", "prompt": "Which?", "accept": [{"A": "atomicity"}]}]}"#;
    write(dir.path(), "bank.json", bank);
    qbank()
        .current_dir(dir.path())
        .args(["validate", "bank.json"])
        .assert()
        .code(1)
        .stdout(contains("is not of type \"string\""))
        .stdout(contains("colon").not());
}

const BANK_WITH_MISSING_IMAGE: &str = "qbank: 1
id: images
title: Images
questions:
  - id: ring
    topic: hashing
    difficulty: easy
    type: true-false
    prompt: |-
      ![A hash ring](img/rnig.png)
      Each key belongs to the next node clockwise on the ring above.
    correct: true
  - id: lamport
    topic: clocks
    difficulty: medium
    type: true-false
    prompt: A Lamport clock orders causally related events.
    correct: true
";

#[test]
fn a_missing_image_fails_the_export_as_the_banks_problem_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bank.yaml", BANK_WITH_MISSING_IMAGE);
    for format in ["html", "anki"] {
        let report = run_in(dir.path(), &["export", "bank.yaml", "--to", format, "-o", "out"]);
        assert!(report.starts_with("exit 1\n"), "{report}");
        assert!(report.contains(" --> bank.yaml:10:22\n"), "{report}");
        assert!(!dir.path().join("out").exists(), "{format}: nothing is written");
        if format == "html" {
            insta::assert_snapshot!(report);
        }
    }
    // A question the filters leave out is not exported, nor are its images.
    qbank()
        .current_dir(dir.path())
        .args(["export", "bank.yaml", "--to", "html", "--topic", "clocks", "-o", "clocks.html"])
        .assert()
        .code(0);
    // A format that keeps image paths as written does not package them, so it is not refused.
    qbank()
        .current_dir(dir.path())
        .args(["export", "bank.yaml", "--to", "markdown", "-o", "out.md"])
        .assert()
        .code(0);
}

#[test]
fn lint_reports_a_missing_image_before_any_export_and_says_when_it_could_not_look() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bank.yaml", BANK_WITH_MISSING_IMAGE);
    qbank()
        .current_dir(dir.path())
        .args(["lint", "bank.yaml"])
        .assert()
        .code(1)
        .stdout(contains("error[broken-image]: question `ring` shows image `img/rnig.png`, which cannot be packaged: it does not exist"))
        .stdout(contains(" --> bank.yaml:10:22"));
    // From stdin there is no folder to look in: a note, not a finding.
    qbank()
        .args(["lint", "/dev/stdin"])
        .write_stdin(BANK_WITH_MISSING_IMAGE)
        .assert()
        .code(0)
        .stdout("")
        .stderr(contains(
            "note: the images of `/dev/stdin` were not checked: a bank read from stdin or a pipe has no folder to find them in",
        ));
    // With the rule allowed, neither the finding nor the note.
    qbank()
        .args(["lint", "/dev/stdin", "--allow", "broken-image"])
        .write_stdin(BANK_WITH_MISSING_IMAGE)
        .assert()
        .code(0)
        .stderr(contains("note:").not());
}

/// The study page without a browser: what the Chromium probe in `tests/conformance.sh` checks
/// in one, read from the HTML.
#[test]
fn the_study_page_numbers_in_page_order_and_links_only_web_references() {
    let dir = tempfile::tempdir().unwrap();
    let bank = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/banks/study-page.yaml");
    qbank()
        .current_dir(dir.path())
        .args(["export", bank, "--to", "html", "-o", "page.html"])
        .assert()
        .code(0);
    let html = std::fs::read_to_string(dir.path().join("page.html")).unwrap();
    // The bank interleaves topics; the page shows consensus first, so `raft-terms` is 2.
    let numbered: Vec<&str> =
        html.split("<h3 id=\"h-").skip(1).map(|rest| rest.split("</a>").next().unwrap()).collect();
    assert_eq!(
        numbered,
        [
            "consensus-protocols\"><a href=\"#q-consensus-protocols\">1.",
            "raft-terms\"><a href=\"#q-raft-terms\">2.",
            "lamport-clock\"><a href=\"#q-lamport-clock\">3.",
        ]
    );
    assert_eq!(html.matches("<span class=\"when-open\">Hide answer</span>").count(), 3);
    assert!(html.contains(
        "<a href=\"https://raft.github.io/raft.pdf\" rel=\"noopener noreferrer\">https://raft.github.io/raft.pdf</a>"
    ));
    assert!(html.contains(
        "<a href=\"https://lamport.azurewebsites.net/pubs/paxos-simple.pdf\" rel=\"noopener noreferrer\">Paxos Made Simple</a>, Lamport, 2001 (mirror: ftp://example.org/paxos.pdf)"
    ));
    assert!(html.contains("<li>not a link file:///etc/passwd</li>"), "other schemes are text");
    assert!(!html.contains("javascript:"));
    assert_eq!(html.matches("<p class=\"hint\">Select all that apply.</p>").count(), 1);
    assert_eq!(html.matches("<p class=\"hint\">Choose one.</p>").count(), 1);
    assert!(html.contains("placeholder=\"words in questions or answers\""));
}
