//! The bank format reference in Markdown, generated from the schema so the README cannot drift
//! from the types (a test compares the README's copy with this output).

use std::fmt::Write;

use serde_json::{Map, Value};

/// Renders one Markdown table per object type of the schema (the bank first, then its parts in
/// schema order), and one list per enumeration.
pub fn markdown() -> String {
    let schema = super::generate();
    let defs = schema.get("$defs").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut out = String::new();
    object(&mut out, "Bank", &schema, &defs);
    for (name, def) in &defs {
        if def.get("properties").is_some() {
            object(&mut out, name, def, &defs);
        } else if let Some(variants) = def.get("oneOf").and_then(Value::as_array) {
            enumeration(&mut out, name, def, variants);
        }
    }
    out
}

fn object(out: &mut String, name: &str, def: &Value, defs: &Map<String, Value>) {
    let required: Vec<&str> = def
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let _ = writeln!(out, "#### `{name}`\n");
    if let Some(d) = def.get("description").and_then(Value::as_str) {
        let _ = writeln!(out, "{}\n", one_line(d));
    }
    let _ = writeln!(out, "| field | type | required | description |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    let props = def.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
    for (field, prop) in &props {
        let req = if required.contains(&field.as_str()) { "yes" } else { "no" };
        let mut description =
            prop.get("description").and_then(Value::as_str).map(one_line).unwrap_or_default();
        if let Some(default) = prop.get("default") {
            let _ = write!(description, " Default: `{default}`.");
        }
        let _ = writeln!(
            out,
            "| `{field}` | {} | {req} | {} |",
            type_of(prop, defs),
            description.trim()
        );
    }
    out.push('\n');
}

fn enumeration(out: &mut String, name: &str, def: &Value, variants: &[Value]) {
    let _ = writeln!(out, "#### `{name}`\n");
    if let Some(d) = def.get("description").and_then(Value::as_str) {
        let _ = writeln!(out, "{}\n", one_line(d));
    }
    for v in variants {
        let value = v.get("const").and_then(Value::as_str).unwrap_or_default();
        let d = v.get("description").and_then(Value::as_str).map(one_line).unwrap_or_default();
        let _ = writeln!(out, "- `{value}`: {d}");
    }
    out.push('\n');
}

fn type_of(prop: &Value, defs: &Map<String, Value>) -> String {
    if let Some(target) = prop.get("$ref").and_then(Value::as_str) {
        let name = target.rsplit('/').next().unwrap_or(target);
        return match defs.get(name) {
            Some(def) if def.get("properties").is_some() || def.get("oneOf").is_some() => {
                format!("[`{name}`](#{})", name.to_lowercase())
            }
            _ => format!("`{name}`"),
        };
    }
    match prop.get("type").and_then(Value::as_str) {
        Some("array") => {
            let items = prop.get("items").map_or_else(|| "any".to_owned(), |i| type_of(i, defs));
            format!("list of {items}")
        }
        Some("object") => {
            let values = prop
                .get("additionalProperties")
                .map_or_else(|| "any".to_owned(), |v| type_of(v, defs));
            format!("map of string to {values}")
        }
        Some(other) => other.to_owned(),
        None => "any".to_owned(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}
