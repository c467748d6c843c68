//! The bank's JSON Schema: generated from the model types, validated with an embedded validator,
//! and its errors turned into diagnostics that say what to do.

mod hints;
pub mod reference;

use std::path::Path;
use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::types::JsonType;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::model::Bank;
use crate::source::escape_pointer_token;

/// The schema as generated from [`Bank`] (draft 2020-12). `schema/bank.schema.json` is a
/// checked-in copy, kept equal by a test, so editors can autocomplete banks.
pub fn generate() -> Value {
    let mut schema = schemars::schema_for!(Bank).to_value();
    drop_null(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), Value::from("urn:qbank:schema:bank:1"));
    }
    schema
}

/// Optional fields are written by leaving them out, never as `null`: schemars allows `null` for
/// every `Option`, which turns a simple mistake inside an optional field into an opaque `anyOf`
/// error. This removes those `null` alternatives.
fn drop_null(schema: &mut Value) {
    match schema {
        Value::Object(obj) => {
            if let Some(Value::Array(types)) = obj.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    obj.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(branches)) = obj.get("anyOf") {
                let kept: Vec<Value> = branches
                    .iter()
                    .filter(|b| b.get("type") != Some(&Value::from("null")))
                    .cloned()
                    .collect();
                if kept.len() == 1 && branches.len() == 2 {
                    obj.remove("anyOf");
                    if let Value::Object(inner) = &kept[0] {
                        for (k, v) in inner {
                            obj.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                }
            }
            obj.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// The schema as pretty-printed JSON with a trailing newline: exactly the checked-in file.
pub fn generate_string() -> String {
    let mut text = serde_json::to_string_pretty(&generate()).unwrap_or_default();
    text.push('\n');
    text
}

static SCHEMA: LazyLock<Value> = LazyLock::new(generate);

#[allow(clippy::expect_used)]
static VALIDATOR: LazyLock<Validator> = LazyLock::new(|| {
    // The schema is generated from our own types at build time; failing to compile it is a bug
    // that every test run catches, not an input error.
    jsonschema::validator_for(&SCHEMA).expect("the generated schema compiles")
});

/// Validates a parsed bank document; returns one diagnostic per schema violation (all of them).
pub fn validate(document: &Value, path: &Path) -> Vec<Diagnostic> {
    // Most banks are valid, and telling that is much cheaper than collecting errors (no paths
    // or error values are built on the way).
    if VALIDATOR.is_valid(document) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut errors = VALIDATOR.iter_errors(document);
    for error in errors.by_ref() {
        out.extend(to_diagnostics(&error, document, path));
        if out.len() >= MAX_ERRORS {
            break;
        }
    }
    // A hostile or badly broken file can hold millions of errors; listing them all would take
    // minutes and help nobody. Stop, and say so.
    if errors.next().is_some() {
        out.push(
            Diagnostic::error(
                "schema",
                path,
                format!("this file has more than {MAX_ERRORS} schema errors; only the first {MAX_ERRORS} are shown"),
            )
            .with_help("fix the errors shown (they often share one cause) and run again")
            .standing_for_more(),
        );
    }
    out
}

/// Schema errors reported per file at most.
pub const MAX_ERRORS: usize = 1000;

fn to_diagnostics(error: &ValidationError<'_>, document: &Value, path: &Path) -> Vec<Diagnostic> {
    let at = error.instance_path().as_str().to_owned();
    let schema_path = error.schema_path().as_str();
    let parent_schema = parent_of(schema_path);
    // The quoting hints show YAML; in JSON a mapping is written on purpose.
    let yaml = !crate::source::SourceFile::is_json(path);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let known = property_names(parent_schema);
            let colon = yaml.then(|| hints::option_text(error.instance(), &known)).flatten();
            unexpected
                .iter()
                .map(|field| {
                    let help = colon
                        .clone()
                        .or_else(|| {
                            did_you_mean(field, known.iter().map(String::as_str))
                                .map(|s| format!("did you mean `{s}`?"))
                        })
                        .or_else(|| {
                            (!known.is_empty()).then(|| format!("expected one of {}", list(&known)))
                        });
                    Diagnostic::error("schema", path, format!("unknown field `{field}`"))
                        .at_pointer(format!("{at}/{}", escape_pointer_token(field)))
                        .with_help_opt(help)
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let what = describe_property(parent_schema, name);
            vec![
                Diagnostic::error("schema", path, format!("missing required field `{name}`"))
                    .at_pointer(at)
                    .with_help_opt(what.map(|d| format!("add `{name}`: {d}"))),
            ]
        }
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            let allowed = allowed_constants(error);
            let value = document.pointer(&at).map_or_else(String::new, short);
            if allowed.is_empty() {
                return vec![Diagnostic::error("schema", path, message(error)).at_pointer(at)];
            }
            let suggestion =
                did_you_mean(value.trim_matches('"'), allowed.iter().map(String::as_str));
            let is_type = at.ends_with("/type") && allowed.iter().any(|a| a == "multiple");
            let help = is_type
                .then(|| hints::choice_type(value.trim_matches('"'), suggestion))
                .flatten()
                .or_else(|| suggestion.map(|s| format!("did you mean `{s}`?")));
            vec![
                Diagnostic::error(
                    "schema",
                    path,
                    format!("{value} is not one of {}", list(&allowed)),
                )
                .at_pointer(at)
                .with_help_opt(help),
            ]
        }
        ValidationErrorKind::Pattern { pattern } if pattern == crate::model::Id::PATTERN => {
            vec![Diagnostic::error("schema", path, message(error)).at_pointer(at).with_help(
                "ids are kebab-case: lower-case letters, digits and `-`, like `cap-theorem`",
            )]
        }
        ValidationErrorKind::Type { kind: TypeKind::Single(JsonType::String) } => {
            let last = at.rsplit('/').next().unwrap_or_default();
            let help = yaml.then(|| hints::colon_mapping(error.instance(), last)).flatten();
            vec![
                Diagnostic::error("schema", path, message(error))
                    .at_pointer(at)
                    .with_help_opt(help),
            ]
        }
        ValidationErrorKind::Type { kind: TypeKind::Single(JsonType::Object) } => {
            let known = property_names(parent_schema);
            let help = yaml.then(|| hints::option_as_text(error.instance(), &known)).flatten();
            vec![
                Diagnostic::error("schema", path, message(error))
                    .at_pointer(at)
                    .with_help_opt(help),
            ]
        }
        _ => vec![Diagnostic::error("schema", path, message(error)).at_pointer(at)],
    }
}

/// The validator's message with the offending value cut short: it quotes the whole value, and
/// a 500 KB string or a list of 200,000 items made one error line of megabytes.
fn message(error: &ValidationError<'_>) -> String {
    let text = error.to_string();
    let value = error.instance().to_string();
    match text.strip_prefix(&value) {
        Some(rest) if value.chars().count() > 60 => {
            format!("{}{rest}", short_value(error.instance()))
        }
        _ => text,
    }
}

/// A long value as its start and its size, so the reader can still recognise it.
fn short_value(value: &Value) -> String {
    let size = match value {
        Value::Array(items) if items.len() == 1 => " (a list of 1 item)".to_owned(),
        Value::Array(items) => format!(" (a list of {} items)", items.len()),
        Value::Object(map) if map.len() == 1 => " (a mapping of 1 key)".to_owned(),
        Value::Object(map) => format!(" (a mapping of {} keys)", map.len()),
        Value::String(text) => format!(" ({} characters)", text.chars().count()),
        _ => String::new(),
    };
    format!("{}{size}", short(value))
}

/// The schema path without its last segment (the keyword), i.e. the schema object holding it.
fn parent_of(schema_path: &str) -> &str {
    schema_path.rfind('/').map_or("", |i| &schema_path[..i])
}

fn schema_at(pointer: &str) -> Option<&'static Value> {
    SCHEMA.pointer(pointer)
}

fn property_names(schema_pointer: &str) -> Vec<String> {
    schema_at(schema_pointer)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn describe_property(schema_pointer: &str, name: &str) -> Option<String> {
    let prop = schema_at(schema_pointer)?.get("properties")?.get(name)?;
    let description = prop.get("description").and_then(Value::as_str).or_else(|| {
        let target = prop.get("$ref")?.as_str()?.strip_prefix('#')?;
        schema_at(target)?.get("description")?.as_str()
    })?;
    Some(lower_first(description.lines().next().unwrap_or(description)))
}

/// The constants an `enum` or a `oneOf` of `const`s allows, in schema order.
fn allowed_constants(error: &ValidationError<'_>) -> Vec<String> {
    let Some(keyword) = schema_at(error.schema_path().as_str()) else { return Vec::new() };
    let values: Vec<&Value> = match keyword {
        Value::Array(items) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(_) => Some(item),
                _ => item.get("const").or_else(|| item.get("enum")),
            })
            .flat_map(|v| match v {
                Value::Array(vs) => vs.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .collect(),
        _ => Vec::new(),
    };
    values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

fn list(items: &[String]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
