//! Help lines for two schema errors whose plain validator message leaves a new author stuck:
//! a choice-question `type` written the way people say it ("multiple choice"), and a list item
//! that YAML read as a mapping because of an unquoted colon (`- A: atomicity`).

use serde_json::Value;

/// What `single` and `multiple` mean, for a `type` that names a choice question some other way
/// (`multiple-choice`, `mcq`, `select-all`, …). "Multiple choice" usually means one correct
/// answer, so suggesting `multiple` alone would mislead; both meanings are spelled out.
pub(super) fn choice_type(value: &str, suggestion: Option<&str>) -> Option<String> {
    let word = value.to_lowercase();
    let choice_like = matches!(suggestion, Some("single" | "multiple"))
        || ["choice", "mcq", "select", "checkbox", "radio", "multi"]
            .iter()
            .any(|w| word.contains(w));
    choice_like.then(|| {
        "for a choice question, use `single` (exactly one correct option: what \"multiple choice\" \
         usually means) or `multiple` (select all that apply: any number of correct options)"
            .to_owned()
    })
}

/// For a string field that YAML read as a one-key mapping: the colon did it, so say so and show
/// the item quoted. `last_token` is the last segment of the instance's JSON pointer: a list
/// index gets the `- ` of a list item in the quoted form.
pub(super) fn colon_mapping(instance: &Value, last_token: &str) -> Option<String> {
    let Value::Object(map) = instance else { return None };
    let (key, value) = map.iter().next().filter(|_| map.len() == 1)?;
    let rest = match value {
        Value::Null => String::new(),
        Value::String(s) => format!(" {s}"),
        Value::Bool(_) | Value::Number(_) => format!(" {value}"),
        Value::Array(_) | Value::Object(_) => return None,
    };
    let text = format!("{key}:{rest}");
    if text.contains('\n') || text.chars().count() > 120 {
        return None;
    }
    let quoted = format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let dash = if last_token.bytes().all(|b| b.is_ascii_digit()) { "- " } else { "" };
    Some(format!(
        "the colon after `{key}` made YAML read this as a mapping, not text; quote it: `{dash}{quoted}`"
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{choice_type, colon_mapping};

    #[test]
    fn choice_spellings_get_both_meanings() {
        let help = choice_type("multiple-choice", Some("multiple")).unwrap();
        assert!(help.contains("`single` (exactly one correct option"), "{help}");
        assert!(help.contains("`multiple` (select all that apply"), "{help}");
        assert!(choice_type("MCQ", None).is_some());
        assert!(choice_type("select-all", None).is_some());
        assert!(choice_type("essay", Some("open")).is_none());
        assert!(choice_type("truefalse", Some("true-false")).is_none());
    }

    #[test]
    fn a_colon_in_a_list_item_is_explained_with_the_quoted_form() {
        let help = colon_mapping(&json!({"A": "atomicity"}), "0").unwrap();
        assert_eq!(
            help,
            "the colon after `A` made YAML read this as a mapping, not text; quote it: `- \"A: atomicity\"`"
        );
        let help = colon_mapping(&json!({"say \"x\"": 5}), "answer").unwrap();
        assert!(help.ends_with("quote it: `\"say \\\"x\\\": 5\"`"), "{help}");
        assert_eq!(
            colon_mapping(&json!({"Note": null}), "3").unwrap(),
            "the colon after `Note` made YAML read this as a mapping, not text; quote it: `- \"Note:\"`"
        );
        assert!(colon_mapping(&json!({"a": 1, "b": 2}), "0").is_none());
        assert!(colon_mapping(&json!({"a": [1]}), "0").is_none());
        assert!(colon_mapping(&json!("text"), "0").is_none());
    }
}
