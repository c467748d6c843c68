//! Embeds every file under `exporters/<format>/` in the binary, and names the commit it is built
//! from.
//!
//! Writes `$OUT_DIR/embedded_templates.rs`, a sorted list of `("<format>/<file>", contents)` made
//! of `include_str!` calls, so adding a template file needs no code change and cargo rebuilds when
//! a template changes. Sets `QBANK_VERSION` for `qbank --version`: `0.1.0 (93d7d07 2026-12-07)` in
//! a git checkout, the bare version elsewhere (a crate tarball, no `git` on PATH).

#[path = "build/git_version.rs"]
mod git_version;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // Read at run time: `env!` would freeze the directory the build script was first compiled
    // in, and a target directory shared by two checkouts would embed the other one's files.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    version(&manifest);
    let root = manifest.join("exporters");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut code = String::from("/// Default exporter files: (`<format>/<file>`, contents).\n");
    code.push_str("pub(crate) static EMBEDDED: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let Ok(rel) = file.strip_prefix(&root) else { continue };
        let name = rel.to_string_lossy().replace('\\', "/");
        let _ = writeln!(code, "    ({name:?}, include_str!({:?})),", file.display().to_string());
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(out.join("embedded_templates.rs"), code) {
        panic!("cannot write embedded_templates.rs: {e}");
    }
}

/// Collects regular files below `dir`, skipping hidden ones.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// Sets `QBANK_VERSION`, and reruns when HEAD or the branch it names moves.
fn version(manifest: &Path) {
    let package = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let commit = git_version::describe(manifest);
    // Not `.git` itself: a watched folder is scanned whole, and the index changes on every
    // `git add`. Outside a checkout nothing is watched (a missing path would rerun every build).
    for path in commit.iter().flat_map(|c| &c.watch) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    println!(
        "cargo:rustc-env=QBANK_VERSION={}",
        git_version::version_line(&package, commit.as_ref())
    );
}
