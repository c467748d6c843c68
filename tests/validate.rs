//! End-to-end tests of `qbank validate`: every broken bank gets its exact `file:line:col`,
//! message and help (snapshots), hostile inputs end quickly with a clear error, exit codes hold.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use std::io::Write;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

fn qbank() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("qbank");
    // A hostile input that hangs is a failure, not a slow test.
    cmd.timeout(Duration::from_mins(1)).env("NO_COLOR", "1");
    cmd
}

/// Runs `validate` on a fixture and returns "exit N" plus stdout, for a snapshot.
fn validate(path: &str) -> String {
    let output = qbank().args(["validate", "--color", "never", path]).output().unwrap();
    format!(
        "exit {}\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout)
    )
}

#[test]
fn broken_banks_report_every_error_with_its_location() {
    insta::glob!("fixtures/banks/bad/*", |path| {
        let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let shown = relative.to_string_lossy().replace('\\', "/");
        let report = validate(&shown);
        assert!(report.starts_with("exit 1\n"), "{shown} should be invalid:\n{report}");
        insta::assert_snapshot!(report);
    });
}

#[test]
fn valid_banks_exit_zero_and_say_so() {
    qbank()
        .args([
            "validate",
            "tests/fixtures/banks/ok/minimal.yaml",
            "tests/fixtures/banks/ok/every-type.json",
        ])
        .assert()
        .code(0)
        .stdout("")
        .stderr("2 of 2 files valid; 0 errors\n");
}

#[test]
fn a_directory_is_searched_for_banks() {
    qbank()
        .args(["validate", "tests/fixtures/banks/ok"])
        .assert()
        .code(0)
        .stderr("2 of 2 files valid; 0 errors\n");
}

#[test]
fn a_missing_file_is_an_io_error_with_exit_2() {
    qbank()
        .args(["validate", "tests/fixtures/banks/ok/minimal.yaml", "no/such/bank.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: cannot read `no/such/bank.yaml`"))
        .stderr(predicate::str::ends_with(
            "1 of 2 files valid; 0 errors; 1 file could not be read\n",
        ));
}

#[test]
fn usage_errors_exit_2() {
    qbank().args(["validate"]).assert().code(2);
    qbank().args(["validate", "--format", "xml", "x.yaml"]).assert().code(2);
}

#[test]
fn json_output_is_an_array_of_located_diagnostics() {
    let output = qbank()
        .args(["validate", "--format", "json", "tests/fixtures/banks/bad/unknown-topic.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &value[0];
    assert_eq!(first["rule"], "unknown-topic");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["pointer"], "/questions/0/topic");
    assert_eq!(first["start"], serde_json::json!({"line": 10, "column": 12}));
    assert_eq!(first["help"], "did you mean `consensus`?");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let line = format!("# {}\n", "x".repeat(1022));
    for _ in 0..(50 * 1024) {
        file.write_all(line.as_bytes()).unwrap();
    }
    file.flush().unwrap();
    drop(file);
    qbank().arg("validate").arg(&path).assert().code(1).stdout(predicate::str::contains(
        "error[file]: file is larger than 32 MiB (33554432 bytes), the most qbank reads for a bank",
    ));
}

#[test]
fn deeply_nested_json_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.json");
    std::fs::write(&path, format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000)))
        .unwrap();
    qbank()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[json-syntax]: the document nests deeper than qbank reads",
        ))
        .stdout(predicate::str::contains("deep.json:1:"));
}

#[test]
fn utf8_bom_and_crlf_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.yaml");
    let text = std::fs::read_to_string("tests/fixtures/banks/ok/minimal.yaml").unwrap();
    std::fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    qbank().arg("validate").arg(&path).assert().code(0);
}

#[test]
fn errors_in_crlf_files_point_at_the_right_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.yaml");
    let text = std::fs::read_to_string("tests/fixtures/banks/bad/unknown-topic.yaml").unwrap();
    std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    qbank()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("crlf.yaml:10:12"));
}

#[test]
fn a_file_named_twice_is_checked_once() {
    qbank()
        .args([
            "validate",
            "tests/fixtures/banks/ok/minimal.yaml",
            "tests/fixtures/banks/ok/../ok/minimal.yaml",
            "tests/fixtures/banks/ok",
        ])
        .assert()
        .code(0)
        .stderr("2 of 2 files valid; 0 errors\n");
    // Linting the bundled bank against itself would report every question as a duplicate.
    qbank()
        .args(["lint", "banks/distributed.yaml", "./banks/distributed.yaml", "banks"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no problems found in 1 file"));
}

#[test]
fn a_folder_without_banks_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["validate", "lint"] {
        qbank().arg(command).arg(dir.path()).assert().code(2).stderr(predicate::str::contains(
            "no bank (a `.yaml`, `.yml` or `.json` file with a top-level `qbank` key) found",
        ));
    }
}

/// `QBANK_TIMINGS=1` reports the loading phases on stderr; without it nothing of the kind is
/// printed (stdout stays the same either way).
#[test]
fn timings_are_reported_only_on_request() {
    let with = qbank()
        .env("QBANK_TIMINGS", "1")
        .args(["validate", "banks/distributed.yaml"])
        .assert()
        .success()
        .stderr(predicate::str::contains("timing: load: parse").and(predicate::str::contains("ms")))
        .get_output()
        .stdout
        .clone();
    let without = qbank()
        .env_remove("QBANK_TIMINGS")
        .args(["validate", "banks/distributed.yaml"])
        .assert()
        .success()
        .stderr(predicate::str::contains("timing:").not())
        .get_output()
        .stdout
        .clone();
    assert_eq!(with, without);
}

/// A file with thousands of schema errors reports the first 1,000 and says that more follow,
/// instead of spending minutes listing them all.
#[test]
fn schema_errors_stop_after_a_thousand() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.yaml");
    let items = vec!["1"; 1500].join(", ");
    std::fs::write(&path, format!("qbank: 1\nid: many\ntitle: Many\nquestions: [{items}]\n"))
        .unwrap();
    qbank()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "more than 1000 schema errors; only the first 1000 are shown",
        ))
        // The note is not one more error: it says that more than 1000 were found.
        .stderr(predicate::str::contains("0 of 1 file valid; more than 1000 errors\n"));
}

/// JSON Schema counts `2.0` as an integer, and JSON tools write whole numbers that way: the bank
/// is valid, not an internal error. A real fraction where a whole number belongs is a located
/// schema error.
#[test]
fn whole_numbers_written_with_a_decimal_point_are_integers() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string("banks/distributed.yaml").unwrap();
    let whole =
        original.replacen("qbank: 1\n", "qbank: 1.0\n", 1).replace("points: 2\n", "points: 2e0\n");
    assert_ne!(whole, original, "the fixture changed shape");
    let path = dir.path().join("whole.yaml");
    std::fs::write(&path, &whole).unwrap();
    qbank().arg("validate").arg(&path).assert().success();
    let fraction = whole.replacen("points: 2e0\n", "points: 2.5\n", 1);
    let path = dir.path().join("fraction.yaml");
    std::fs::write(&path, &fraction).unwrap();
    let line = fraction.lines().position(|l| l.trim() == "points: 2.5").unwrap() + 1;
    qbank()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("fraction.yaml:{line}:")))
        .stdout(predicate::str::contains("internal").not());
}

/// The validator quotes the offending value; a huge one is cut to its start and its size so
/// one error does not print megabytes.
#[test]
fn huge_values_in_schema_errors_are_cut_short() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string("tests/fixtures/banks/ok/minimal.yaml").unwrap();
    let huge = format!("  tags: \"{}\"\n", "x".repeat(200_000));
    let text = original.replacen(
        "    prompt:",
        &format!("{}    prompt:", huge.replacen("  tags", "    tags", 1)),
        1,
    );
    assert_ne!(text, original, "the fixture changed shape");
    let path = dir.path().join("huge.yaml");
    std::fs::write(&path, &text).unwrap();
    let out = qbank().arg("validate").arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{}", &stdout[..stdout.len().min(2000)]);
    assert!(
        stdout.contains("… (200000 characters) is not of type \"array\""),
        "{}",
        &stdout[..stdout.len().min(2000)]
    );
    assert!(stdout.len() < 5_000, "{} bytes of output", stdout.len());
}

/// PowerShell's `>` and Windows' Notepad write UTF-16: such a bank is read like a UTF-8 one, with
/// or without a byte-order mark. UTF-32 is refused in plain words.
#[test]
fn utf16_banks_are_read_and_utf32_is_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/fixtures/banks/ok/minimal.yaml").unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("bom-le.yaml", [&[0xFF, 0xFE][..], &le].concat()),
        ("bom-be.yaml", [&[0xFE, 0xFF][..], &be].concat()),
        ("no-bom-le.yaml", le.clone()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        qbank().arg("validate").arg(&path).assert().success();
    }
    // A directory walk finds the UTF-16 bank by its `qbank` key too.
    qbank().arg("lint").arg(dir.path()).assert().stderr(predicate::str::contains("in 3 files"));
    let utf32: Vec<u8> = [
        &[0xFF, 0xFE, 0, 0][..],
        &text.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect::<Vec<_>>(),
    ]
    .concat();
    let path = dir.path().join("utf32.yaml");
    std::fs::write(&path, utf32).unwrap();
    qbank()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("the file is UTF-32"));
}
