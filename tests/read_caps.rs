//! End-to-end tests of the read caps (`docs/limits.md`): endless inputs — devices, pipes, FIFOs —
//! end quickly with the usual located error and exit code, and folder walks skip FIFOs.
//! Each run has a watchdog: a read that does not stop fails the test instead of hanging it.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design
#![cfg(unix)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

const BANK: &str = "tests/fixtures/grade/bank.yaml";

fn qbank() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("qbank");
    // The watchdog: an endless read would otherwise run until the machine runs out of memory.
    cmd.timeout(Duration::from_mins(1)).env("NO_COLOR", "1");
    cmd
}

/// Makes a FIFO at `path` and starts a thread that writes `head` into it, then `chunk` for ever
/// (until the reader goes away and a write fails).
fn endless_fifo(
    path: &Path,
    head: &'static [u8],
    chunk: &'static [u8],
) -> std::thread::JoinHandle<()> {
    let made = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let path = path.to_owned();
    std::thread::spawn(move || {
        // Opening blocks until qbank opens the other end.
        let Ok(mut fifo) = std::fs::OpenOptions::new().write(true).open(&path) else { return };
        if fifo.write_all(head).is_ok() {
            while fifo.write_all(chunk).is_ok() {}
        }
    })
}

#[test]
fn validate_stops_at_the_bank_cap_on_endless_devices() {
    for device in ["/dev/zero", "/dev/urandom"] {
        qbank()
            .args(["validate", device])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(
                "error[file]: file is larger than 32 MiB (33554432 bytes), the most qbank reads for a bank",
            ))
            .stdout(predicate::str::contains(format!("--> {device}")));
    }
}

#[test]
fn validate_reads_a_fifo_with_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("bank.yaml");
    let writer = endless_fifo(&fifo, b"qbank: 1\n", b"# a comment\n");
    qbank().arg("validate").arg(&fifo).assert().code(1).stdout(predicate::str::contains(
        "file is larger than 32 MiB (33554432 bytes), the most qbank reads for a bank",
    ));
    writer.join().unwrap();
}

#[test]
fn a_bank_given_as_a_fifo_of_finite_length_is_read_like_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("bank");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let bank = std::fs::read("tests/fixtures/banks/ok/minimal.yaml").unwrap();
    let path = fifo.clone();
    let writer = std::thread::spawn(move || std::fs::write(path, bank).unwrap());
    qbank().arg("validate").arg(&fifo).assert().code(0).stderr("1 of 1 file valid; 0 errors\n");
    writer.join().unwrap();
}

#[test]
fn grading_an_endless_sheet_stops_at_the_cell_cap_with_its_line() {
    let out = tempfile::tempdir().unwrap();
    qbank()
        .args(["grade", BANK, "/dev/zero", "-o"])
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: /dev/zero:1: the cell that starts here runs past 16 MiB, the most qbank reads for one cell",
        ));
    assert!(!out.path().join("scores.csv").exists(), "no output from a refused sheet");
}

#[test]
fn grading_random_bytes_ends_at_once_with_the_sheet_refused() {
    for encoding in [None, Some("windows-1252")] {
        let out = tempfile::tempdir().unwrap();
        let mut cmd = qbank();
        cmd.args(["grade", BANK, "/dev/urandom", "-o"]).arg(out.path());
        if let Some(encoding) = encoding {
            cmd.args(["--encoding", encoding]);
        }
        // Not UTF-8, or (decoded) no column the grader can use: a sheet problem, exit 1.
        cmd.assert().code(1).stderr(predicate::str::starts_with("error: "));
        assert!(!out.path().join("scores.csv").exists(), "no output from a refused sheet");
    }
}

/// Grades a FIFO sheet that starts with `first` and then repeats `repeat` without end, and
/// expects the run to stop with `message` (exit 1).
fn grading_an_endless_fifo_stops(first: &'static [u8], repeat: &'static [u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("answers.csv");
    let writer = endless_fifo(&fifo, first, repeat);
    qbank()
        .args(["grade", BANK])
        .arg(&fifo)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(message));
    writer.join().unwrap();
}

#[test]
fn grading_a_fifo_whose_quote_never_closes_stops_at_the_cell_cap() {
    // The first write holds the header and opens a quoted cell that never ends.
    grading_an_endless_fifo_stops(
        b"candidate,question,answer\nalice,ring,\"open\n",
        b"more\n",
        "answers.csv:2: the cell that starts here runs past 16 MiB, the most qbank reads for one cell",
    );
}

#[test]
fn grading_a_fifo_of_endless_cells_stops_at_the_record_cap() {
    // Short cells, but no line break after the first line: one record without end.
    grading_an_endless_fifo_stops(
        b"candidate,question,answer\n",
        b"alice,ring,x,",
        "answers.csv:2: the record that starts here runs past 64 MiB, the most qbank reads for one record",
    );
}

#[test]
fn a_config_file_that_never_ends_is_refused() {
    qbank()
        .args(["lint", "tests/fixtures/banks/ok/minimal.yaml", "--config", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read `/dev/zero`: it is larger than 1 MiB, the most qbank reads for a configuration file",
        ));
}

#[test]
fn schema_check_against_an_endless_file_is_refused() {
    qbank().args(["schema", "--check", "/dev/urandom"]).assert().code(2).stderr(
        predicate::str::contains("it is larger than 4 MiB, the most qbank reads for a schema file"),
    );
}

#[test]
fn a_template_over_its_cap_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("markdown")).unwrap();
    let big = templates.join("markdown").join("study.md.j2");
    std::fs::write(&big, "x".repeat(1024 * 1024 + 1)).unwrap();
    qbank()
        .args(["export", "tests/fixtures/banks/ok/minimal.yaml", "--to", "markdown", "-o", "-"])
        .arg("--templates")
        .arg(&templates)
        .assert()
        .code(predicate::ne(0))
        .stderr(predicate::str::contains("study.md.j2"))
        .stderr(predicate::str::contains(
            "it is larger than 1 MiB, the most qbank reads for a template",
        ));
}

#[test]
fn an_image_over_its_cap_is_refused_before_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let bank = copy_bank_with_image(dir.path());
    let image = std::fs::File::create(dir.path().join("big.png")).unwrap();
    image.set_len(20 * 1024 * 1024 + 1).unwrap();
    qbank()
        .args(["export"])
        .arg(&bank)
        .args(["--to", "anki", "-o"])
        .arg(dir.path().join("out.apkg"))
        .assert()
        .code(predicate::ne(0))
        .stderr(predicate::str::contains("big.png"))
        .stderr(predicate::str::contains(
            "it is larger than 20 MiB, the most qbank reads for an image",
        ));
    assert!(!dir.path().join("out.apkg").exists());
}

/// Writes a copy of the minimal bank whose first prompt shows `big.png`, and returns its path.
fn copy_bank_with_image(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string("tests/fixtures/banks/ok/minimal.yaml").unwrap();
    let text = text.replace("prompt: What", "prompt: See ![chart](big.png) What");
    let path = dir.join("bank.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn folder_walks_skip_fifos() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("tests/fixtures/banks/ok/minimal.yaml", dir.path().join("a.yaml")).unwrap();
    // Nobody writes to this FIFO: reading it would wait for ever.
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("b.yaml")).status();
    assert!(made.unwrap().success());
    qbank()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("1 of 1 file valid; 0 errors\n");
    qbank().arg("lint").arg(dir.path()).assert().code(0);
}

#[test]
fn a_sheet_given_as_a_fifo_grades_like_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("answers.csv");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let sheet = std::fs::read("tests/fixtures/answers/long.csv").unwrap();
    let path = fifo.clone();
    let writer = std::thread::spawn(move || std::fs::write(path, sheet).unwrap());
    let (from_fifo, from_file) = (dir.path().join("fifo"), dir.path().join("file"));
    qbank().args(["grade", BANK]).arg(&fifo).arg("-o").arg(&from_fifo).assert().code(0);
    writer.join().unwrap();
    qbank()
        .args(["grade", BANK, "tests/fixtures/answers/long.csv", "-o"])
        .arg(&from_file)
        .assert()
        .code(0);
    let scores = |dir: &Path| std::fs::read_to_string(dir.join("scores.csv")).unwrap();
    assert_eq!(scores(&from_fifo), scores(&from_file));
    assert!(scores(&from_file).lines().count() > 1);
}
