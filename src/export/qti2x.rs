//! `qti21` and `qti30`: IMS QTI 2.1 and 3.0 content packages.
//!
//! Both versions share one shape, only the vocabulary differs (`assessmentItem` vs
//! `qti-assessment-item`): an item file per question under `items/`, a test with one section per
//! topic, and `imsmanifest.xml` listing every item and the test that depends on them. Essays
//! become extended-text interactions with the rubric and model answer in a scorer-only rubric
//! block; choice and true-false questions choice interactions with the correct response and
//! standard response processing; short answers text-entry interactions (mapped strings, or a
//! float with an absolute tolerance). Items render `exporters/<format>/item.xml.j2` with
//! `bank`, `cat` (the topic) and `q`; the zip is assembled here, deterministically.

use minijinja::context;
use minijinja::value::{Serde, Value};

use super::package::{Compression, Package};
use super::{ExportContext, ExportError, Exporter, lms};

/// IMS QTI 2.1 content package (Blackboard, TAO, Moodle with the QTI plugin ...).
#[derive(Debug)]
pub struct Qti21;

/// IMS QTI 3.0 content package.
#[derive(Debug)]
pub struct Qti30;

impl Exporter for Qti21 {
    fn drops_images(&self) -> bool {
        true
    }
    fn name(&self) -> &'static str {
        "qti21"
    }

    fn description(&self) -> &'static str {
        "IMS QTI 2.1 content package (zip): items, a test per bank, a section per topic"
    }

    fn extension(&self) -> &'static str {
        "qti21.zip"
    }

    fn binary(&self) -> bool {
        true
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        package(self.name(), ctx)
    }
}

impl Exporter for Qti30 {
    fn drops_images(&self) -> bool {
        true
    }
    fn name(&self) -> &'static str {
        "qti30"
    }

    fn description(&self) -> &'static str {
        "IMS QTI 3.0 content package (zip): items, a test per bank, a section per topic"
    }

    fn extension(&self) -> &'static str {
        "qti30.zip"
    }

    fn binary(&self) -> bool {
        true
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        package(self.name(), ctx)
    }
}

/// Renders the manifest, the test and every item, and zips them in that order.
fn package(format: &'static str, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
    let view = lms::build(&ctx.bank).map_err(|e| e.into_export(format))?;
    // Converted once: items share it by reference instead of re-serializing the whole bank.
    let bank = Value::from(Serde(&view));
    let mut zip = Package::new(format);
    let manifest = ctx.templates.render("imsmanifest.xml.j2", context!(bank => bank.clone()))?;
    zip.add("imsmanifest.xml", manifest.as_bytes(), Compression::Deflate)?;
    let test = ctx.templates.render("test.xml.j2", context!(bank => bank.clone()))?;
    zip.add("test.xml", test.as_bytes(), Compression::Deflate)?;
    for cat in &view.categories {
        let cat_value = Value::from(Serde(cat));
        for q in &cat.questions {
            let item = ctx.templates.render(
                "item.xml.j2",
                context!(bank => bank.clone(), cat => cat_value.clone(), q => Serde(q)),
            )?;
            zip.add(&format!("items/{}.xml", q.id), item.as_bytes(), Compression::Deflate)?;
        }
    }
    zip.finish()
}
