//! `gift`: Moodle's GIFT text format, rendered from `exporters/gift/bank.gift.j2`.
//!
//! The same mapping as `moodle-xml` in GIFT syntax: `$CATEGORY:` per topic, `[html]` question
//! text, `=`/`~` options with `%weight%` and `#feedback`, `TRUE`/`FALSE`, `=` short answers,
//! `#value:tolerance` numbers and `{}` essays; `####` carries the general feedback. GIFT has no
//! grader-information field, so an essay's rubric follows the model answer there. Every bank
//! string goes through the `gift_escape` filter (`~ = # { } :` and `\` escaped, line breaks as
//! `\n`), so bank text never turns into GIFT syntax.

use minijinja::context;
use minijinja::value::Serde;

use super::{ExportContext, ExportError, Exporter, lms};

/// Moodle GIFT question import file.
#[derive(Debug)]
pub struct Gift;

impl Exporter for Gift {
    fn drops_images(&self) -> bool {
        true
    }
    fn name(&self) -> &'static str {
        "gift"
    }

    fn description(&self) -> &'static str {
        "Moodle GIFT text import: the moodle-xml mapping in GIFT syntax, specials escaped"
    }

    fn extension(&self) -> &'static str {
        // Moodle's import form takes GIFT as plain text (`.txt`); `.gift` keeps the default file
        // name apart from `anki-tsv`'s `.txt`.
        "gift.txt"
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        let view = lms::build(&ctx.bank).map_err(|e| e.into_export(self.name()))?;
        check_short_answers(&view)?;
        let text = ctx.templates.render("bank.gift.j2", context!(bank => Serde(&view)))?;
        Ok(text.into_bytes())
    }
}

/// GIFT has no escape for `->`, and Moodle reads an answer block holding `=` and `->` as a
/// matching question, so a short answer containing `->` cannot be written in GIFT.
fn check_short_answers(view: &lms::LmsBank) -> Result<(), ExportError> {
    let questions = view.categories.iter().flat_map(|c| &c.questions);
    for q in questions.filter(|q| q.kind == "shortanswer") {
        if let Some(answer) = q.accept.iter().find(|a| a.contains("->")) {
            return Err(ExportError::Package {
                format: "gift",
                message: format!(
                    "question `{}` accepts `{answer}`, and GIFT reads `->` in an answer as a matching question; export it with `--to moodle-xml` instead",
                    q.id
                ),
            });
        }
    }
    Ok(())
}
