//! `html`: one self-contained offline page from `exporters/html/index.html.j2`.
//!
//! The page inlines `app.css` and `app.js` (no network at all): search, filters by topic,
//! difficulty and tag, reveal-answer (`<details>`, keyboard accessible), the rubric as a
//! self-check list that totals points, follow-ups, references, print and dark styles. Bank
//! Markdown is rendered and sanitized; every other string is HTML-escaped.

use minijinja::context;
use minijinja::value::Serde;

use super::markup::Images;
use super::{ExportContext, ExportError, Exporter};

/// The HTML study page exporter.
#[derive(Debug)]
pub struct Html;

impl Exporter for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn description(&self) -> &'static str {
        "one offline HTML page: search, filters, reveal answers, rubric self-check"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn images(&self) -> Images {
        Images::Inline
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        // Every local image must be one the page may carry (under the bank's folder, an image
        // file, readable) before any is inlined: a missing one is an error, as in `anki`.
        super::media::locate(ctx)?;
        let css = ctx.templates.file("app.css")?;
        let js = ctx.templates.file("app.js")?;
        // `</style` / `</script` inside an override would end the element early; neutralise them.
        let css = css.replace("</style", "<\\/style");
        let js = js.replace("</script", "<\\/script");
        let page = ctx
            .templates
            .render("index.html.j2", context!(bank => Serde(ctx.view()), css => css, js => js))?;
        // Control characters from bank text are invalid in HTML; drop them.
        Ok(super::escape::xml_text(&page).into_bytes())
    }
}
