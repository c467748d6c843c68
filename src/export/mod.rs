//! Exports: one [`Exporter`] per format, all fed the same [`ExportContext`].
//!
//! This is mdBook's `Renderer`/`RenderContext` shape: the command loads and filters the bank once,
//! builds a context holding the typed bank and the format's template environment, and the exporter
//! returns the bytes of one file. Text formats render minijinja templates embedded from
//! `exporters/<format>/` (overridable with `--templates DIR`); package formats (.apkg, zips) are
//! assembled in Rust around rendered parts. Exports are deterministic: no clocks, no randomness.

pub mod anki;
pub mod anki_db;
pub mod anki_tsv;
pub mod escape;
pub mod gift;
pub mod html;
pub mod ids;
pub mod json;
pub mod lms;
pub mod markdown;
pub mod markdown_safe;
pub mod markup;
pub mod media;
pub mod moodle_xml;
pub mod package;
pub mod qti12;
pub mod qti2x;
pub mod references;
pub mod templates;
pub mod view;

use std::path::{Path, PathBuf};

use crate::model::{Bank, Difficulty};

pub use templates::Templates;
pub use view::BankView;

/// One export format.
pub trait Exporter: Sync {
    /// The name users pass to `--to` (`html`, `anki`, …).
    fn name(&self) -> &'static str;
    /// One line for `qbank export --list`.
    fn description(&self) -> &'static str;
    /// The default file extension, without the dot (`apkg`).
    fn extension(&self) -> &'static str;
    /// Whether the output is binary (a package), which cannot go to a terminal-bound stdout.
    fn binary(&self) -> bool {
        false
    }
    /// Whether the format has no place for images, so a Markdown image becomes its alt text
    /// (the LMS formats); the command then says which questions lost one.
    fn drops_images(&self) -> bool {
        false
    }
    /// How Markdown images in bank text are referenced in this format.
    fn images(&self) -> markup::Images {
        markup::Images::Keep
    }
    /// Produces the exported file's bytes.
    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError>;
}

/// The questions with a Markdown image in any of their texts, by id.
pub fn questions_with_images(bank: &Bank) -> Vec<&str> {
    bank.questions
        .iter()
        .filter(|q| q.texts().any(markup::has_markdown_image))
        .map(|q| q.id.as_str())
        .collect()
}

/// Ids of the `short` questions with both a `numeric` answer and `accept` words: LMS formats
/// make them numerical questions, which take numbers only, so the words are dropped.
pub fn numeric_questions_with_words(bank: &Bank) -> Vec<&str> {
    bank.questions
        .iter()
        .filter(|q| q.numeric.is_some() && !q.accept.is_empty())
        .map(|q| q.id.as_str())
        .collect()
}

/// Every exporter, in the order `--list` shows them. Add a format with one line here.
pub static EXPORTERS: &[&dyn Exporter] = &[
    // Study formats.
    &html::Html,
    &anki::Anki,
    &anki_tsv::AnkiTsv,
    &markdown::Markdown,
    &json::Json,
    // LMS formats.
    &moodle_xml::MoodleXml,
    &gift::Gift,
    &qti12::Qti12,
    &qti2x::Qti21,
    &qti2x::Qti30,
];

/// The exporter called `name`.
pub fn find(name: &str) -> Option<&'static dyn Exporter> {
    EXPORTERS.iter().copied().find(|e| e.name() == name)
}

/// What an exporter gets: the filtered bank, where it came from, and the format's templates.
#[derive(Debug)]
pub struct ExportContext {
    /// The bank with only the selected questions.
    pub bank: Bank,
    /// The bank file (images in bank text are relative to its directory).
    pub source: PathBuf,
    /// The format's templates.
    pub templates: Templates,
    /// Modification time written into formats that record one (Anki `mod`), in Unix seconds:
    /// `SOURCE_DATE_EPOCH` when set, else the bank file's mtime. Never the clock, so re-exports
    /// are byte-identical while an edited bank still updates notes on re-import.
    pub modified: i64,
}

impl ExportContext {
    /// Builds the context for `exporter`.
    pub fn new(
        bank: Bank,
        source: &Path,
        exporter: &dyn Exporter,
        user_templates: Option<&Path>,
    ) -> Self {
        // A bank named without a folder (`bank.yaml`) has `""` as its parent: its images are
        // relative to the current directory.
        let base = source.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let templates = Templates::new(exporter.name(), user_templates, exporter.images(), base);
        ExportContext {
            bank,
            source: source.to_owned(),
            templates,
            modified: modified_time(source),
        }
    }

    /// The view templates receive.
    pub fn view(&self) -> BankView<'_> {
        BankView::new(&self.bank)
    }

    /// The directory relative image paths are resolved against.
    pub fn base_dir(&self) -> &Path {
        self.source.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
    }
}

fn modified_time(source: &Path) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse().ok())
    {
        return epoch;
    }
    std::fs::metadata(source)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs().cast_signed())
}

/// Which questions to export; each given filter must match (any value of one filter will do).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Topic ids.
    pub topics: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Difficulties.
    pub difficulties: Vec<Difficulty>,
}

impl Selection {
    /// The first `--topic` or `--tag` value that no question of the bank has, as an error and a
    /// help line (the closest value the bank has, or the values it has): a typo should say so,
    /// not "nothing matches".
    pub fn unknown(&self, bank: &Bank) -> Option<(String, String)> {
        let check = |what: &str, wanted: &[String], mut have: Vec<&str>| {
            have.sort_unstable();
            have.dedup();
            let missing = wanted.iter().find(|w| !have.contains(&w.as_str()))?;
            let help = match crate::diagnostics::did_you_mean(missing, have.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if have.is_empty() => format!("the bank's questions have no {what}s"),
                None => {
                    let shown: Vec<String> =
                        have.iter().take(12).map(|h| format!("`{h}`")).collect();
                    let more = if have.len() > 12 { ", …" } else { "" };
                    format!("the bank's {what}s: {}{more}", shown.join(", "))
                }
            };
            Some((format!("no question has the {what} `{missing}`"), help))
        };
        let topics = bank.questions.iter().map(|q| q.topic.as_str()).collect();
        let tags = bank.questions.iter().flat_map(|q| q.tags.iter().map(String::as_str)).collect();
        check("topic", &self.topics, topics).or_else(|| check("tag", &self.tags, tags))
    }

    /// Keeps the questions that match; returns how many remain.
    pub fn apply(&self, bank: &mut Bank) -> usize {
        bank.questions.retain(|q| self.matches(q));
        bank.questions.len()
    }

    /// Whether a question matches every filter given.
    pub fn matches(&self, q: &crate::model::Question) -> bool {
        (self.topics.is_empty() || self.topics.iter().any(|t| t == q.topic.as_str()))
            && (self.tags.is_empty() || q.tags.iter().any(|t| self.tags.contains(t)))
            && (self.difficulties.is_empty() || self.difficulties.contains(&q.difficulty))
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A template is broken or used an undefined variable.
    #[error("template `{file}`{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Template {
        /// The user's file, or the built-in `exporters/<format>/<name>`.
        file: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
    /// A template or file the exporter needs does not exist.
    #[error("template `{name}` not found for format `{format}`{from}")]
    TemplateMissing {
        /// The name looked up.
        name: String,
        /// The format.
        format: String,
        /// ` (included from FILE line N)` when an `include` looked it up, else empty.
        from: String,
    },
    /// An image a question refers to cannot be packaged (missing, not an image, or outside the
    /// bank's folder).
    #[error("question `{question}` refers to image `{path}`, which cannot be packaged: {source}")]
    Media {
        /// The question id.
        question: String,
        /// The resolved path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing a package failed.
    #[error("cannot build the {format} package: {message}")]
    Package {
        /// The format.
        format: &'static str,
        /// What failed.
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_unique_and_documented() {
        let mut names: Vec<&str> = EXPORTERS.iter().map(|e| e.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EXPORTERS.len());
        for e in EXPORTERS {
            assert!(!e.description().is_empty() && !e.extension().is_empty(), "{}", e.name());
            assert!(find(e.name()).is_some());
        }
        assert!(find("nope").is_none());
    }

    #[test]
    fn template_errors_name_file_and_line() {
        let e =
            ExportError::Template { file: "x.j2".into(), line: Some(3), message: "boom".into() };
        assert_eq!(e.to_string(), "template `x.j2` line 3: boom");
    }
}
