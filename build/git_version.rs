//! The commit a build was made from, for `qbank --version`.
//!
//! Shared by `build.rs` and the `version` integration test (through `#[path]`), so the fallback
//! (no `.git`, no `git` on PATH) is tested without building a crate tarball.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The commit a checkout is at, and the files whose change means another commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Commit {
    /// `git rev-parse --short HEAD`.
    pub(crate) short: String,
    /// The commit date as `YYYY-MM-DD`.
    pub(crate) date: String,
    /// `HEAD`, and the branch ref it points to (or `packed-refs` when that ref is packed).
    pub(crate) watch: Vec<PathBuf>,
}

/// The version line after the program name: `0.1.0 (93d7d07 2026-12-07)`, or the version alone.
pub(crate) fn version_line(version: &str, commit: Option<&Commit>) -> String {
    match commit {
        Some(c) => format!("{version} ({} {})", c.short, c.date),
        None => version.to_owned(),
    }
}

/// Reads the commit of the checkout at `dir`, only when `dir` itself holds `.git` (a directory,
/// or a file in a linked worktree): a crate unpacked inside another repository, such as
/// `target/package/`, must not claim that repository's commit. Any failure gives `None`.
pub(crate) fn describe(dir: &Path) -> Option<Commit> {
    if !dir.join(".git").exists() {
        return None;
    }
    let line = git(dir, &["log", "-1", "--no-show-signature", "--format=%h %cs"])?;
    let (short, date) = line.split_once(' ')?;
    let mut watch = vec![git_path(dir, "HEAD")?];
    // On a branch, HEAD names a ref whose file changes with every commit; a detached HEAD
    // holds the commit itself.
    if let Some(reference) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        let loose = git_path(dir, &reference)?;
        watch.push(if loose.exists() { loose } else { git_path(dir, "packed-refs")? });
    }
    watch.retain(|p| p.exists());
    Some(Commit { short: short.to_owned(), date: date.to_owned(), watch })
}

/// The absolute path of a file in the repository's git directory (shared refs of a linked
/// worktree live in the main one; git knows where).
fn git_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let path =
        PathBuf::from(git(dir, &["rev-parse", "--path-format=absolute", "--git-path", name])?);
    Some(path)
}

/// Runs git in `dir` and returns its trimmed output, or `None` when it fails or prints nothing.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}
