//! `qti12`: a QTI 1.2 package in the dialect Canvas classic quizzes import.
//!
//! The zip holds `imsmanifest.xml` (IMS CP 1.1), the assessment
//! `<ident>/<ident>.xml` (one item per question with Canvas's `question_type` metadata: essay,
//! multiple choice, multiple answers, true/false, short answer, numerical) and Canvas's quiz
//! settings `<ident>/assessment_meta.xml`, the layout Canvas's own exports and text2qti use.
//! Each part renders a template under `exporters/qti12/`; the zip is assembled here with fixed
//! timestamps and a fixed entry order.

use minijinja::context;
use minijinja::value::Serde;

use super::package::{Compression, Package};
use super::{ExportContext, ExportError, Exporter, lms};

/// Canvas-importable QTI 1.2 zip.
#[derive(Debug)]
pub struct Qti12;

impl Exporter for Qti12 {
    fn drops_images(&self) -> bool {
        true
    }
    fn name(&self) -> &'static str {
        "qti12"
    }

    fn description(&self) -> &'static str {
        "QTI 1.2 zip for Canvas (Settings > Import course content > QTI .zip file)"
    }

    fn extension(&self) -> &'static str {
        // Distinct default file names for the three QTI packages.
        "qti12.zip"
    }

    fn binary(&self) -> bool {
        true
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        let view = lms::build(&ctx.bank).map_err(|e| e.into_export(self.name()))?;
        let data = context!(bank => Serde(&view));
        let dir = &view.ident;
        let mut package = Package::new(self.name());
        for (entry, template) in [
            ("imsmanifest.xml".to_owned(), "imsmanifest.xml.j2"),
            (format!("{dir}/{dir}.xml"), "assessment.xml.j2"),
            (format!("{dir}/assessment_meta.xml"), "assessment_meta.xml.j2"),
        ] {
            let text = ctx.templates.render(template, &data)?;
            package.add(&entry, text.as_bytes(), Compression::Deflate)?;
        }
        package.finish()
    }
}
