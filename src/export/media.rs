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
use crate::source::read;

/// The image types packaged, by file extension (compared without case), with their media
/// type: the one list both the check here and the HTML page's `data:` URIs read.
const IMAGE_TYPES: [(&str, &str); 8] = [
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("svg", "image/svg+xml"),
    ("bmp", "image/bmp"),
    ("avif", "image/avif"),
];

/// The media type of an image file by its extension, or `None` when it is no image qbank packages.
pub fn image_type(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?;
    IMAGE_TYPES.iter().find(|(e, _)| ext.eq_ignore_ascii_case(e)).map(|&(_, mime)| mime)
}

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
    if image_type(Path::new(&relative)).is_none() {
        let kinds: Vec<&str> = IMAGE_TYPES.iter().map(|(e, _)| *e).collect();
        return Err(io::Error::other(format!(
            "it is not an image file (qbank packages {})",
            kinds.join(", ")
        )));
    }
    let real = base.join(&relative).canonicalize()?;
    let root = base.canonicalize()?;
    if !real.starts_with(&root) {
        return Err(io::Error::other(
            "it lies outside the bank's folder, and only images under that folder are packaged",
        ));
    }
    let meta = real.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other("it is not a file"));
    }
    // Checked here, before any export begins; the read holds to the cap too.
    if meta.len() > read::IMAGE.bytes {
        return Err(read::TooLarge { cap: read::IMAGE }.into());
    }
    Ok(real)
}

/// Every local image of the bank's questions, by media name, with the file it is and the first
/// question that shows it, without reading any. The first image that cannot be packaged fails the export with the question and
/// path. The HTML page checks its images this way before inlining them.
pub fn locate(ctx: &ExportContext) -> Result<BTreeMap<String, (PathBuf, String)>, ExportError> {
    let base = ctx.base_dir();
    let mut files: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    // The URL each media name came from: two files flattened to one name (`img/a.png` and
    // `img-a.png`) would show one picture in the other's card.
    let mut urls: HashMap<String, String> = HashMap::new();
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
                match files.get(&name) {
                    Some((first, _)) if *first != path => {
                        let url = urls.get(&name).map_or("", String::as_str);
                        return Err(failed(io::Error::other(format!(
                            "it and `{url}` both become the media file `{name}`; rename one of them"
                        ))));
                    }
                    Some(_) => {}
                    None => {
                        urls.insert(name.clone(), image.clone());
                        files.insert(name, (path, q.id.to_string()));
                    }
                }
            }
        }
    }
    Ok(files)
}

/// Every local image of the bank's questions, by media name, read from the bank's folder (see
/// [`locate`]).
pub fn collect(ctx: &ExportContext) -> Result<BTreeMap<String, Vec<u8>>, ExportError> {
    locate(ctx)?
        .into_iter()
        .map(|(name, (path, question))| match read::read(&path, read::IMAGE) {
            Ok(bytes) => Ok((name, bytes)),
            Err(source) => Err(ExportError::Media { question, path, source }),
        })
        .collect()
}
