//! Every example in a subcommand's `--help` runs as shown and succeeds.
//!
//! Each subcommand's lines run in order with bash, in a fresh folder holding the bundled bank as
//! `banks/distributed.yaml` and a cohort's answers to it as `answers.csv`, with `qbank` (this
//! build) first on PATH and HOME pointing into the folder. The only preparation beyond that is
//! the completion folders under HOME, which a user creates once (`docs/install.md` says so).
//! No example is skipped.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use std::path::Path;
use std::process::Command;

use clap::CommandFactory;

/// The example command lines of each visible subcommand, from its after-help text.
fn examples() -> Vec<(String, Vec<String>)> {
    let mut command = qbank::Cli::command();
    command.build();
    command
        .get_subcommands()
        .filter(|s| s.get_name() != "help" && !s.is_hide_set())
        .map(|s| {
            let text = s.get_after_help().map(ToString::to_string).unwrap_or_default();
            assert!(text.starts_with("Examples:\n"), "`qbank {}` has no examples", s.get_name());
            let lines = text
                .lines()
                .filter_map(|l| l.strip_prefix("  "))
                .filter(|l| l.starts_with("qbank "))
                .map(str::to_owned)
                .collect::<Vec<_>>();
            assert!(!lines.is_empty(), "`qbank {}` shows no command", s.get_name());
            (s.get_name().to_owned(), lines)
        })
        .collect()
}

/// A folder laid out as the examples expect.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("banks")).unwrap();
    std::fs::copy(root.join("banks/distributed.yaml"), dir.path().join("banks/distributed.yaml"))
        .unwrap();
    std::fs::copy(root.join("tests/fixtures/answers/cohort.csv"), dir.path().join("answers.csv"))
        .unwrap();
    for folder in [".local/share/bash-completion/completions", ".zfunc", ".config/fish/completions"]
    {
        std::fs::create_dir_all(dir.path().join("home").join(folder)).unwrap();
    }
    dir
}

#[test]
fn every_help_example_runs_and_succeeds() {
    let bin = Path::new(env!("CARGO_BIN_EXE_qbank"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let all = examples();
    assert!(all.len() >= 13, "{} subcommands", all.len());
    for (sub, lines) in all {
        let dir = workspace();
        for line in lines {
            let out = Command::new("bash")
                .args(["-eu", "-c", &line])
                .current_dir(dir.path())
                .env("PATH", &path)
                .env("HOME", dir.path().join("home"))
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "`qbank {sub}` example `{line}` failed ({}):\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn examples_show_in_short_and_long_help() {
    for flag in ["-h", "--help"] {
        let out = Command::new(env!("CARGO_BIN_EXE_qbank")).args(["lint", flag]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Examples:\n  qbank lint banks/"), "{flag}:\n{text}");
    }
}
