//! `moodle-xml`: Moodle's XML question format, rendered from `exporters/moodle-xml/quiz.xml.j2`.
//!
//! One category per topic (`$course$/top/<bank>/<topic>`, with an `idnumber`), then the
//! topic's questions: `open` → essay (rubric as grader information, model answer as general
//! feedback), `single`/`multiple` → multichoice with grades from Moodle's grade list and
//! per-option feedback, `true-false` → truefalse, `short` → shortanswer, or numerical when the
//! bank gives a number. Each question's `idnumber` is `<bank>_<question>`, so a re-import can be
//! matched with what is already in Moodle.

use minijinja::context;
use minijinja::value::Serde;

use super::{ExportContext, ExportError, Exporter, lms};

/// Moodle XML question import file.
#[derive(Debug)]
pub struct MoodleXml;

impl Exporter for MoodleXml {
    fn drops_images(&self) -> bool {
        true
    }
    fn name(&self) -> &'static str {
        "moodle-xml"
    }

    fn description(&self) -> &'static str {
        "Moodle XML question import: a category per topic, essays with the rubric for graders"
    }

    fn extension(&self) -> &'static str {
        "xml"
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        let view = lms::build(&ctx.bank).map_err(|e| e.into_export(self.name()))?;
        let text = ctx.templates.render("quiz.xml.j2", context!(bank => Serde(&view)))?;
        Ok(text.into_bytes())
    }
}
