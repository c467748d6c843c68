//! Identifiers shared by banks, topics, questions and criteria.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// A kebab-case identifier (`^[a-z0-9][a-z0-9-]*$`), stable across edits.
///
/// Ids name questions in grades, exports (Anki GUIDs, LMS idnumbers) and lint findings, so they
/// are restricted to characters that survive every one of those formats unchanged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// The pattern every id must match; the schema enforces it.
    pub const PATTERN: &'static str = "^[a-z0-9][a-z0-9-]*$";

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A kebab-case identifier: lower-case letters, digits and `-`, starting with a letter or digit.",
            "type": "string",
            "pattern": Self::PATTERN,
            "maxLength": 128
        })
    }
}
