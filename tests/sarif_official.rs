//! `qbank lint --format sarif` checked against the official SARIF 2.1.0 JSON Schema
//! (`sarif-2.1.0-rtm.5.json`, as npm `@microsoft/jest-sarif` ships it), formats included: an
//! artifact URI must be a URI reference.
//!
//! The schema is not vendored (its licence is OASIS's, not ours): `tests/conformance/setup.sh`
//! installs the npm package, and `.ci/run` then runs these tests with `--ignored`. They look
//! for the schema at `$QBANK_SARIF_SCHEMA`, else in `$QB_NODE` (default `/tmp/qb-node`), and
//! fail when it is not there.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

/// Where the official schema is.
fn schema_path() -> PathBuf {
    if let Some(path) = std::env::var_os("QBANK_SARIF_SCHEMA") {
        return PathBuf::from(path);
    }
    let node =
        std::env::var_os("QB_NODE").map_or_else(|| PathBuf::from("/tmp/qb-node"), PathBuf::from);
    node.join("node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json")
}

/// The official schema, with formats checked. It is written in draft 4, which knows no
/// `uri-reference` format: it is read with draft 7's rules, which do (its keywords mean the
/// same in both, and it has no `exclusiveMinimum`, the one that changed). Two patterns of it,
/// `run.language` and `toolComponent.language`, have a stray `]` that a strict ECMA-262 reading refuses (the meta-schema
/// check fails on them); qbank writes no `language`, and they are mended as meant.
fn validator() -> jsonschema::Validator {
    let path = schema_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the SARIF schema `{}` ({e}); run tests/conformance/setup.sh",
            path.display()
        )
    });
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    schema.as_object_mut().unwrap().remove("$schema");
    let definitions = schema["definitions"].as_object_mut().unwrap();
    for owner in ["run", "toolComponent"] {
        let language = &mut definitions[owner]["properties"]["language"]["pattern"];
        assert_eq!(language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", "the schema changed");
        *language = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
    jsonschema::draft7::options().should_validate_formats(true).build(&schema).unwrap()
}

/// The SARIF log of linting `bank` (a path relative to the working directory `dir`).
fn sarif(dir: &Path, bank: &str) -> Value {
    let out = cargo_bin_cmd!("qbank")
        .current_dir(dir)
        .args(["lint", "--no-config", "--format", "sarif", bank])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
#[ignore = "needs the official SARIF schema; .ci/run runs it after tests/conformance/setup.sh"]
fn sarif_logs_of_hostile_file_names_pass_the_official_schema() {
    let validator = validator();
    let dir = tempfile::tempdir().unwrap();
    let bank = std::fs::read_to_string("tests/fixtures/lint/near-duplicate-prompt.yaml").unwrap();
    for name in ["c:x.yaml", "::error file=x::y.yaml", "a b%20#?.yaml", "ü.yaml", "plain.yaml"] {
        std::fs::write(dir.path().join(name), &bank).unwrap();
        let log = sarif(dir.path(), name);
        let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"];
        assert!(uri.is_string(), "{name}: {log}");
        let found = errors(&validator, &log);
        assert!(found.is_empty(), "{name} ({uri}): {found:#?}");
    }
}

#[test]
#[ignore = "needs the official SARIF schema; .ci/run runs it after tests/conformance/setup.sh"]
fn the_official_schema_rejects_a_uri_that_reads_as_a_broken_scheme() {
    let validator = validator();
    let dir = tempfile::tempdir().unwrap();
    let bank = std::fs::read_to_string("tests/fixtures/lint/near-duplicate-prompt.yaml").unwrap();
    std::fs::write(dir.path().join("plain.yaml"), bank).unwrap();
    let mut log = sarif(dir.path(), "plain.yaml");
    assert!(errors(&validator, &log).is_empty());
    let location = &mut log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    location["artifactLocation"]["uri"] = Value::from("::error%20file=x::y.yaml");
    assert!(!errors(&validator, &log).is_empty(), "the check must see a bad URI");
}
