//! The checked-in schema and the guide's format reference (docs/bank-format.md) are generated; these tests fail when
//! either drifts from the Rust types.

use assert_cmd::cargo::cargo_bin_cmd;

#[test]
fn checked_in_schema_equals_the_generated_one() {
    let generated = qbank::schema::generate_string();
    let on_disk = std::fs::read_to_string("schema/bank.schema.json").unwrap();
    assert!(
        generated == on_disk,
        "schema/bank.schema.json is stale; run `cargo run -- schema > schema/bank.schema.json`"
    );
    cargo_bin_cmd!("qbank").arg("schema").assert().code(0).stdout(generated);
    cargo_bin_cmd!("qbank").args(["schema", "--check", "schema/bank.schema.json"]).assert().code(0);
}

#[test]
fn schema_check_fails_on_a_stale_copy() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join("stale.json");
    std::fs::write(&stale, "{}\n").unwrap();
    cargo_bin_cmd!("qbank").arg("schema").arg("--check").arg(&stale).assert().code(1);
}

#[test]
fn schema_is_draft_2020_12_and_strict() {
    let schema = qbank::schema::generate();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["$defs"]["Question"]["additionalProperties"], false);
}

#[test]
fn guide_format_reference_matches_the_schema() {
    let readme = std::fs::read_to_string("docs/bank-format.md").unwrap();
    let start = readme.find("<!-- format:start -->\n").expect("the page has a format:start marker");
    let end = readme.find("<!-- format:end -->").expect("the page has a format:end marker");
    let section = &readme[start + "<!-- format:start -->\n".len()..end];
    assert!(
        section == qbank::schema::reference::markdown(),
        "docs/bank-format.md is stale; run scripts/regen-docs.sh"
    );
}
