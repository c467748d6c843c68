//! What an installed qbank offers beyond its commands: `--version` with the commit, shell
//! completions checked by the real shells, and manual pages checked by groff.
//!
//! A shell or groff that is not installed is skipped with a note, except under CI (`CI` set),
//! where `.ci/run` installs them and a missing one fails the test.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

#[path = "../build/git_version.rs"]
#[allow(dead_code, unreachable_pub)]
mod git_version;

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;

/// Whether `tool` is on PATH; under CI a missing tool is a failure, elsewhere a note.
#[allow(clippy::print_stderr)] // a skipped check must say so in the test output
fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(found || std::env::var_os("CI").is_none(), "`{tool}` is needed under CI");
    if !found {
        eprintln!("note: `{tool}` is not installed; its check is skipped");
    }
    found
}

/// Runs `git` in `dir`, failing the test when it fails.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn version_names_the_commit_of_a_checkout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = cargo_bin_cmd!("qbank").arg("--version").assert().code(0).get_output().clone();
    let line = String::from_utf8(out.stdout).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    if root.join(".git").exists() {
        let expected = format!(
            "qbank {version} ({} {})\n",
            git(root, &["rev-parse", "--short", "HEAD"]),
            git(root, &["log", "-1", "--format=%cs"])
        );
        assert_eq!(line, expected);
    } else {
        assert_eq!(line, format!("qbank {version}\n"));
    }
    // Subcommands say the same.
    cargo_bin_cmd!("qbank")
        .args(["lint", "--version"])
        .assert()
        .stdout(format!("qbank-lint {}", line.strip_prefix("qbank ").unwrap()));
}

#[test]
fn outside_a_checkout_the_version_stands_alone() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(git_version::describe(dir.path()), None);
    assert_eq!(git_version::version_line("0.1.0", None), "0.1.0");
    // A crate unpacked inside another repository (`target/package/qbank-0.1.0`) has no `.git`
    // of its own and must not take the outer one's commit.
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    let crate_dir = repo.join("target/package/qbank-0.1.0");
    std::fs::create_dir_all(&crate_dir).unwrap();
    assert_eq!(git_version::describe(&crate_dir), None);
    // With no commit yet there is nothing to name either.
    assert_eq!(git_version::describe(&repo), None);
}

#[test]
fn a_checkout_is_described_and_its_moving_files_watched() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "trunk"]);
    std::fs::write(repo.join("f"), "x").unwrap();
    git(repo, &["add", "f"]);
    let who = ["-c", "user.name=t", "-c", "user.email=t@example.com"];
    git(repo, &[&who[..], &["commit", "-q", "-m", "one"]].concat());
    let commit = git_version::describe(repo).unwrap();
    assert_eq!(commit.short, git(repo, &["rev-parse", "--short", "HEAD"]));
    assert_eq!(commit.date, git(repo, &["log", "-1", "--format=%cs"]));
    let git_dir = std::fs::canonicalize(repo.join(".git")).unwrap();
    let watched: Vec<_> = commit.watch.iter().map(|p| std::fs::canonicalize(p).unwrap()).collect();
    assert_eq!(watched, [git_dir.join("HEAD"), git_dir.join("refs/heads/trunk")]);
    // A packed branch ref is watched through `packed-refs`.
    git(repo, &["pack-refs", "--all"]);
    let commit = git_version::describe(repo).unwrap();
    let last = std::fs::canonicalize(commit.watch.last().unwrap()).unwrap();
    assert_eq!(last, git_dir.join("packed-refs"));
    assert_eq!(
        git_version::version_line("0.1.0", Some(&commit)),
        format!("0.1.0 ({} {})", commit.short, commit.date)
    );
}

/// The completion script for `shell`, written to a file in `dir`.
fn completion(shell: &str, dir: &Path) -> std::path::PathBuf {
    let out = cargo_bin_cmd!("qbank").args(["completions", shell]).assert().code(0);
    let path = dir.join(format!("qbank.{shell}"));
    std::fs::write(&path, &out.get_output().stdout).unwrap();
    path
}

/// Runs a shell command line and returns its stdout, failing on a non-zero exit.
fn shell(program: &str, script: &str) -> String {
    let out = Command::new(program).args(["-c", script]).output().unwrap();
    assert!(
        out.status.success(),
        "{program} -c {script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_load_in_the_real_shells_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    if have("bash") {
        let script = completion("bash", dir.path());
        let f = script.display();
        shell("bash", &format!("bash -n {f}"));
        let words = shell(
            "bash",
            &format!(
                "source {f}; COMP_WORDS=(qbank li); COMP_CWORD=1; _qbank qbank li qbank; \
                 echo \"${{COMPREPLY[*]}}\"; COMP_WORDS=(qbank lint --format ''); COMP_CWORD=3; \
                 _qbank qbank '' --format; echo \"${{COMPREPLY[*]}}\""
            ),
        );
        assert_eq!(words, "lint\ntext json sarif github\n");
    }
    if have("zsh") {
        let script = completion("zsh", dir.path());
        let f = script.display();
        shell("zsh", &format!("zsh -n {f}"));
        let registered = shell(
            "zsh",
            &format!("autoload -Uz compinit; compinit -u -D; source {f}; print $_comps[qbank]"),
        );
        assert_eq!(registered, "_qbank\n");
    }
    if have("fish") {
        let script = completion("fish", dir.path());
        let f = script.display();
        shell("fish", &format!("fish --no-execute {f}"));
        let words = shell("fish", &format!("source {f}; complete -C 'qbank li'"));
        assert!(words.starts_with("lint\t"), "{words}");
    }
    // No PowerShell on the CI machine: the script is checked for its registration only.
    let script = std::fs::read_to_string(completion("powershell", dir.path())).unwrap();
    assert!(script.contains("Register-ArgumentCompleter -Native -CommandName 'qbank'"));
}

#[test]
fn man_pages_are_written_and_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("share/man/man1");
    cargo_bin_cmd!("qbank")
        .args(["man", "--dir"])
        .arg(&man)
        .assert()
        .code(0)
        .stdout(format!("wrote 14 manual pages to {}\n", man.display()));
    let mut names: Vec<String> = std::fs::read_dir(&man)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 14, "{names:?}");
    assert!(names.contains(&"qbank.1".to_owned()) && names.contains(&"qbank-lint.1".to_owned()));
    let printed = cargo_bin_cmd!("qbank").arg("man").assert().code(0).get_output().stdout.clone();
    assert_eq!(printed, std::fs::read(man.join("qbank.1")).unwrap());
    if have("groff") {
        for name in &names {
            let out = Command::new("groff")
                // `-k` runs preconv, as man-db does: help text may hold any UTF-8 character.
                .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
                .arg(man.join(name))
                .output()
                .unwrap();
            assert!(out.status.success() && out.stderr.is_empty(), "{name}: {out:?}");
        }
        let out = Command::new("groff")
            .args(["-k", "-man", "-Tutf8", "-P-cbou"])
            .arg(man.join("qbank-lint.1"))
            .output()
            .unwrap();
        // groff justifies lines: compare with the spaces collapsed.
        let text = String::from_utf8(out.stdout).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("NAME qbank-lint - Lint banks: coverage"), "{text}");
        assert!(text.contains("qbank lint banks/ --format github"), "{text}");
    }
    // A file where the folder should be is an I/O error, not a panic.
    let taken = dir.path().join("taken");
    std::fs::write(&taken, "").unwrap();
    cargo_bin_cmd!("qbank")
        .args(["man", "--dir"])
        .arg(&taken)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot create"));
}
