//! The machine formats of `qbank lint`: the schemas bite, SARIF carries every rule with its docs,
//! and load errors get a rule entry of their own.

// Test helpers panic on purpose: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::{Value, json};

fn schema(path: &str, draft7: bool) -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let options =
        if draft7 { jsonschema::draft7::options() } else { jsonschema::draft202012::options() };
    options.should_validate_formats(true).build(&value).unwrap()
}

fn lint_json(args: &[&str]) -> Value {
    let out = cargo_bin_cmd!("qbank").arg("lint").args(args).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/lint/{name}.yaml", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_sarif_schema_rejects_what_sarif_forbids() {
    let validator = schema("tests/fixtures/lint/schemas/sarif-2.1.0-subset.json", true);
    let mut log = lint_json(&[&fixture("near-duplicate-prompt"), "--format", "sarif"]);
    assert!(validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&log), "unknown levels must fail");
    log["runs"][0]["results"][0]["level"] = json!("warning");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        json!(0);
    assert!(!validator.is_valid(&log), "lines start at 1");
    let mut missing = lint_json(&[&fixture("clean"), "--format", "sarif"]);
    missing.as_object_mut().unwrap().remove("version");
    assert!(!validator.is_valid(&missing), "version is required");
}

#[test]
fn the_diagnostics_schema_rejects_unknown_shapes() {
    let validator = schema("docs/diagnostics.schema.json", false);
    let mut found = lint_json(&[&fixture("uncovered-topic"), "--format", "json"]);
    assert!(validator.is_valid(&found));
    found[0]["severity"] = json!("fatal");
    assert!(!validator.is_valid(&found));
    found[0]["severity"] = json!("error");
    found[0]["extra"] = json!(1);
    assert!(!validator.is_valid(&found));
}

#[test]
fn sarif_lists_every_rule_with_its_documentation_and_levels() {
    let log = lint_json(&[&fixture("single-difficulty-topic"), "--format", "sarif"]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), qbank::lint::registry::all().len());
    for (rule, registered) in rules.iter().zip(qbank::lint::registry::all()) {
        let m = registered.meta();
        assert_eq!(rule["id"], m.code);
        assert_eq!(rule["name"], m.name);
        assert!(rule["help"]["markdown"].as_str().unwrap().contains("## Why is this bad?"));
    }
    // An info-level finding is a SARIF `note`.
    assert_eq!(log["runs"][0]["results"][0]["level"], "note");
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "QB004");
}

#[test]
fn load_errors_get_a_rule_entry_and_keep_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "qbank: 1\nid: t\ntitle: T\nquestions:\n  - id: q\n    promt: x\n")
        .unwrap();
    let out =
        cargo_bin_cmd!("qbank").arg("lint").arg(&bad).args(["--format", "sarif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(schema("tests/fixtures/lint/schemas/sarif-2.1.0-subset.json", true).is_valid(&log));
    let run = &log["runs"][0];
    for result in run["results"].as_array().unwrap() {
        assert_eq!(result["ruleId"], "schema");
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "schema");
        assert!(
            result["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap()
                >= 5
        );
    }
}

#[test]
fn github_annotations_carry_file_line_and_title() {
    let out = cargo_bin_cmd!("qbank")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "lint",
            "tests/fixtures/lint/unknown-topic.yaml",
            "tests/fixtures/lint/single-difficulty-topic.yaml",
        ])
        .args(["--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().any(|l| {
        l.starts_with("::notice file=tests/fixtures/lint/single-difficulty-topic.yaml,line=")
    }));
    assert!(lines.iter().any(|l| l.starts_with(
        "::error file=tests/fixtures/lint/unknown-topic.yaml,line=10,col=12,endLine=10,endColumn=22,title=qbank (unknown-topic)::unknown-topic: "
    )));
}
