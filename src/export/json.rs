//! `json`: the normalized bank (the selected questions), as the loader understood it.

use super::{ExportContext, ExportError, Exporter};

/// The normalized bank as pretty JSON: defaults filled in, fields in schema order.
#[derive(Debug)]
pub struct Json;

impl Exporter for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn description(&self) -> &'static str {
        "the normalized bank as JSON (defaults filled in, validates against the schema)"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        let mut bytes = serde_json::to_vec_pretty(&ctx.bank)
            .map_err(|e| ExportError::Package { format: "json", message: e.to_string() })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}
