//! Local images a bank refers to: which files they are, and which may leave the machine.
//!
//! A bank is data from anywhere, and exports are shared: an image path must not carry a file from
//! outside the bank's folder (`![x](../../.ssh/id_rsa)`) into an `.apkg` or an HTML page. A
//! local image is therefore packaged only when it is an image file (by extension) whose real path
//! (symbolic links resolved) lies under the bank's folder. URLs are percent-decoded first, as a
//! browser would (`sub%20dir/a.png` is the file `sub dir/a.png`).

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};

use super::markup;
use super::{ExportContext, ExportError};

/// File extensions packaged as images (compared without case).
pub const IMAGE_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "avif"];

/// The file a local image URL names, relative to `base`, when it may be packaged.
///
/// Errors: the file cannot be read (missing, say), is not an image, or lies outside `base`.
pub fn resolve(base: &Path, url: &str) -> io::Result<PathBuf> {
    let base = if base.as_os_str().is_empty() { Path::new(".") } else { base };
    if markup::names_a_file(url) {
        return Err(io::Error::other(
            "it is an absolute path or a `file:` URL; write it relative to the bank's folder",
        ));
    }
    let relative = markup::local_path(url);
    let is_image = Path::new(&relative)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.iter().any(|i| e.eq_ignore_ascii_case(i)));
    if !is_image {
        return Err(io::Error::other(format!(
            "it is not an image file (qbank packages {})",
            IMAGE_EXTENSIONS.join(", ")
        )));
    }
    let real = base.join(&relative).canonicalize()?;
    let root = base.canonicalize()?;
    if !real.starts_with(&root) {
        return Err(io::Error::other(
            "it lies outside the bank's folder, and only images under that folder are packaged",
        ));
    }
    if !real.is_file() {
        return Err(io::Error::other("it is not a file"));
    }
    Ok(real)
}

/// Every local image of the bank's questions, by media name, read from the bank's folder. The
/// first image that cannot be packaged fails the export with the question and path.
pub fn collect(ctx: &ExportContext) -> Result<BTreeMap<String, Vec<u8>>, ExportError> {
    let base = ctx.base_dir();
    let mut files = BTreeMap::new();
    // Which file (and URL) each media name came from: two files flattened to one name
    // (`img/a.png` and `img-a.png`) would show one picture in the other's card.
    let mut origins: HashMap<String, (PathBuf, String)> = HashMap::new();
    for q in &ctx.bank.questions {
        for text in q.texts() {
            for image in markup::local_images(text) {
                let name = markup::media_name(&image);
                if name.is_empty() && !markup::names_a_file(&image) {
                    continue;
                }
                let failed = |source| ExportError::Media {
                    question: q.id.to_string(),
                    path: if markup::names_a_file(&image) {
                        PathBuf::from(&image)
                    } else {
                        base.join(markup::local_path(&image))
                    },
                    source,
                };
                let path = resolve(base, &image).map_err(failed)?;
                if let Some((first, url)) = origins.get(&name) {
                    if *first != path {
                        return Err(failed(io::Error::other(format!(
                            "it and `{url}` both become the media file `{name}`; rename one of them"
                        ))));
                    }
                    continue;
                }
                let bytes = std::fs::read(&path).map_err(failed)?;
                origins.insert(name.clone(), (path, image.clone()));
                files.insert(name, bytes);
            }
        }
    }
    Ok(files)
}
