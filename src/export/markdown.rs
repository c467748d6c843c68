//! `markdown`: a readable study sheet, rendered from `exporters/markdown/study.md.j2`.

use minijinja::context;

use super::{ExportContext, ExportError, Exporter};

/// A study sheet: questions by topic, answers, rubric key points, follow-ups and references.
#[derive(Debug)]
pub struct Markdown;

impl Exporter for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn description(&self) -> &'static str {
        "a Markdown study sheet: questions by topic with answers and key points"
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        let text = ctx
            .templates
            .render("study.md.j2", context!(bank => minijinja::value::Serde(ctx.view())))?;
        Ok(super::escape::xml_text(&text).into_bytes())
    }
}
