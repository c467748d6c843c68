use std::path::Path;

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::export::{markup, media};
use crate::lint::{BankCx, Corpus, Report, Rule, RuleMeta};
use crate::model::{Bank, Question};
use crate::source::{SourceFile, Span};

declare_rule! {
    /// ## What it does
    /// Finds local images that bank text shows (Markdown `![alt](path)` or raw `<img src>`) but
    /// that no export can carry: a file that does not exist, one outside the bank's folder
    /// (`../secret.png`, or a link that leads out of it), an absolute path or `file:` URL, or a
    /// file that is not an image. `qbank export` to a format that packages images (`html`,
    /// `anki`) refuses such a bank with the same finding. A bank read from stdin or a pipe has
    /// no folder, so its images are not checked (lint says so on stderr).
    ///
    /// ## Why is this bad?
    /// The study page or deck shows a broken picture, or the export fails at the last step.
    /// Images outside the bank's folder are never packaged, so that a bank from elsewhere cannot
    /// carry files from the exporting machine into a shared deck.
    ///
    /// ## Example
    /// ```yaml
    /// - id: ring
    ///   prompt: |
    ///     ![A hash ring](img/rnig.png)
    ///     What does the ring show?
    /// ```
    ///
    /// ## Fix
    /// Correct the path (relative to the bank's file), or move the image into the bank's folder.
    pub BrokenImage {
        name: "broken-image",
        code: "QB208",
        severity: Error,
        summary: "bank text shows a local image that is missing or outside the bank's folder",
    }
}

impl Rule for BrokenImage {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_bank(&self, bank: &BankCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        for d in Self::find(bank.bank, bank.source, |_| true) {
            report.push(d);
        }
    }
}

impl BrokenImage {
    /// Every image of the questions of `bank` (read from `source`) that `keep` accepts and that
    /// cannot be packaged, located at the image path inside its text (`export` keeps the
    /// questions its filters select). Nothing when the bank was not read from a regular file
    /// (stdin, a pipe): there is no folder to look in; [`BrokenImage::unchecked`] tells that
    /// case.
    pub fn find(
        bank: &Bank,
        source: &SourceFile,
        keep: impl Fn(&Question) -> bool,
    ) -> Vec<Diagnostic> {
        if !from_regular_file(&source.path) {
            return Vec::new();
        }
        let base =
            source.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut out = Vec::new();
        for (index, q) in bank.questions.iter().enumerate().filter(|(_, q)| keep(q)) {
            for (field, text) in fields(q) {
                for image in markup::local_images(text) {
                    if markup::media_name(&image).is_empty() && !markup::names_a_file(&image) {
                        continue;
                    }
                    let Err(why) = media::resolve(base, &image) else { continue };
                    let why = match why.kind() {
                        std::io::ErrorKind::NotFound => "it does not exist".to_owned(),
                        _ => why.to_string(),
                    };
                    let pointer = format!("/questions/{index}{field}");
                    let mut d = Self::META
                        .at(
                            &source.path,
                            pointer.clone(),
                            format!("question `{}` shows image `{image}`, which cannot be packaged: {why}", q.id),
                        )
                        .with_help("write the path relative to the bank's file, to an image inside the bank's folder");
                    if let Some(span) = url_span(source, &pointer, &image) {
                        d = d.at_span(span);
                    }
                    out.push(d);
                }
            }
        }
        out
    }

    /// Whether the bank's images went unchecked because it was not read from a regular file,
    /// although its text shows local images.
    pub fn unchecked(bank: &Bank, path: &Path) -> bool {
        !from_regular_file(path)
            && bank.questions.iter().any(|q| q.texts().any(|t| !markup::local_images(t).is_empty()))
    }
}

/// Whether `path` is a regular file (not stdin, a pipe or a device), so its folder holds its
/// images.
fn from_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Every text of a question that may show an image, with its pointer below the question.
fn fields(q: &Question) -> Vec<(String, &str)> {
    let mut out = vec![("/prompt".to_owned(), q.prompt.as_str())];
    out.extend(q.answer.as_deref().map(|a| ("/answer".to_owned(), a)));
    for (i, o) in q.options.iter().enumerate() {
        out.push((format!("/options/{i}/text"), o.text.as_str()));
        out.extend(o.feedback.as_deref().map(|f| (format!("/options/{i}/feedback"), f)));
    }
    out.extend(
        q.follow_ups.iter().enumerate().map(|(i, f)| (format!("/follow_ups/{i}"), f.as_str())),
    );
    out.extend(
        q.references.iter().enumerate().map(|(i, r)| (format!("/references/{i}"), r.as_str())),
    );
    out
}

/// The span of `url` inside the value at `pointer`, when it is written there as is (not
/// percent-decoded or escaped differently).
fn url_span(source: &SourceFile, pointer: &str, url: &str) -> Option<Span> {
    let value = source.node(pointer)?.value;
    let text = source.text.get(value.start..value.end)?;
    let at = text.find(url)?;
    Some(Span::new(value.start + at, value.start + at + url.len()))
}
