//! Embeds every file under `exporters/<format>/` in the binary.
//!
//! Writes `$OUT_DIR/embedded_templates.rs`, a sorted list of `("<format>/<file>", contents)` made
//! of `include_str!` calls, so adding a template file needs no code change and cargo rebuilds when
//! a template changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // Read at run time: `env!` would freeze the directory the build script was first compiled
    // in, and a target directory shared by two checkouts would embed the other one's files.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
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
