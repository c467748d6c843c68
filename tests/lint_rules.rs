//! Every lint rule has a fixture bank under `tests/fixtures/lint/<rule-name>.yaml` that trips
//! exactly that rule. Each fixture's text and GitHub output is snapshotted, and its JSON and SARIF
//! output is validated against the schemas.

// Test helpers panic on purpose: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use qbank::lint::registry;
use serde_json::Value;

/// Fixtures that are not named after a rule.
const STORY_FIXTURES: &[&str] = &["clean", "page-only"];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn lint(path: &Path, extra: &[&str]) -> Run {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path.strip_prefix(root).unwrap_or(path);
    let output = cargo_bin_cmd!("qbank")
        .current_dir(root)
        .arg("lint")
        .arg(relative)
        .args(["--color", "never"])
        .args(extra)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn schema(path: &str, draft7: bool) -> jsonschema::Validator {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    if draft7 {
        jsonschema::draft7::options().should_validate_formats(true).build(&value).unwrap()
    } else {
        jsonschema::draft202012::options().should_validate_formats(true).build(&value).unwrap()
    }
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what} does not match its schema:\n{}", errors.join("\n"));
}

#[test]
fn each_fixture_trips_exactly_its_rule_with_a_snapshot_per_format() {
    let diagnostics_schema = schema("docs/diagnostics.schema.json", false);
    let sarif_schema = schema("tests/fixtures/lint/schemas/sarif-2.1.0-subset.json", true);
    insta::glob!("fixtures/lint/*.yaml", |path| {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        // Mutation testing is its own fixture's business: the rubrics of the others are written
        // to trip one rule each, not to kill every mutant.
        let quiet: &[&str] = match stem {
            "mutant-survived" | "clean" => &[],
            _ => &["--allow", "mutant-survived"],
        };
        let lint = |path: &Path, extra: &[&str]| lint(path, &[quiet, extra].concat());

        let text = lint(path, &[]);
        insta::assert_snapshot!(
            "text",
            format!("exit: {}\n--- stdout\n{}--- stderr\n{}", text.code, text.stdout, text.stderr)
        );
        let github = lint(path, &["--format", "github"]);
        insta::assert_snapshot!("github", github.stdout);

        let json = lint(path, &["--format", "json"]);
        assert_eq!(json.code, text.code, "{stem}: exit status depends on the format");
        let found: Value = serde_json::from_str(&json.stdout).unwrap();
        assert_valid(&diagnostics_schema, &found, &format!("{stem} --format json"));
        let rules: BTreeSet<&str> =
            found.as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
        match stem {
            "clean" => assert!(rules.is_empty(), "clean.yaml trips {rules:?}"),
            "page-only" => assert!(rules.contains("uncovered-topic"), "{rules:?}"),
            rule => {
                assert_eq!(rules, BTreeSet::from([rule]), "{stem}.yaml must trip only `{rule}`");
            }
        }
        let has_error = found.as_array().unwrap().iter().any(|d| d["severity"] == "error");
        assert_eq!(
            text.code,
            i32::from(has_error),
            "{stem}: exit 1 exactly when an error is found"
        );

        let sarif = lint(path, &["--format", "sarif"]);
        assert_eq!(sarif.code, text.code, "{stem}: exit status depends on the format");
        assert_eq!(github.code, text.code, "{stem}: exit status depends on the format");
        let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
        assert_valid(&sarif_schema, &log, &format!("{stem} --format sarif"));
        let run = &log["runs"][0];
        let results = run["results"].as_array().unwrap();
        assert_eq!(
            results.len(),
            found.as_array().unwrap().len(),
            "{stem}: one result per finding"
        );
        for result in results {
            let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
            let rule = &run["tool"]["driver"]["rules"][index];
            assert_eq!(rule["id"], result["ruleId"], "{stem}: ruleIndex must point at ruleId");
        }
    });
}

#[test]
fn an_allowed_mutant_survived_rule_reports_nothing() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint/mutant-survived.yaml");
    let allowed = lint(&fixture, &["--allow", "mutant-survived", "--deny", "warnings"]);
    assert_eq!((allowed.code, allowed.stdout.as_str()), (0, ""));
    let denied = lint(&fixture, &["--deny", "mutant-survived"]);
    assert_eq!(denied.code, 1, "{}", denied.stdout);
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_a_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint");
    let fixtures: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|s| !STORY_FIXTURES.contains(&s.as_str()))
        .collect();
    let rules: BTreeSet<String> =
        registry::all().iter().map(|r| r.meta().name.to_owned()).collect();
    assert_eq!(fixtures, rules);
}
