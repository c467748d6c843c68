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
    let is_index = !last_token.is_empty() && last_token.bytes().all(|b| b.is_ascii_digit());
    let dash = if is_index { "- " } else { "" };
    Some(format!(
        "the colon after `{key}` made YAML read this as a mapping, not text; quote it: `{dash}{quoted}`"
    ))
}

/// For an option written `- A: atomicity` (one unknown key and no `text`): the colon made the
/// option's words a key, so show the option with its text quoted. `known` are the fields the
/// object may have; only a choice option (with `text` and `correct`) gets this help.
pub(super) fn option_text(object: &Value, known: &[String]) -> Option<String> {
    let is_option = ["text", "correct"].iter().all(|f| known.iter().any(|k| k == f));
    let Value::Object(map) = object else { return None };
    if !is_option || map.contains_key("text") {
        return None;
    }
    let help = colon_mapping(object, "")?;
    let (_, quoted) = help.rsplit_once("quote it: `")?;
    let quoted = quoted.strip_suffix('`')?;
    let key = map.keys().next()?;
    Some(format!(
        "an option is `- text: ...` (with `correct: true` on the right ones); the colon after `{key}` made its words a field, so quote them: `- text: {quoted}`"
    ))
}

/// For an option written as bare text (`- Raft`) where a choice option mapping belongs: show
/// the mapping. `known` are the fields of the expected object.
pub(super) fn option_as_text(instance: &Value, known: &[String]) -> Option<String> {
    let is_option = ["text", "correct"].iter().all(|f| known.iter().any(|k| k == f));
    let text =
        instance.as_str().filter(|t| is_option && !t.contains('\n') && t.chars().count() <= 80)?;
    let quoted = format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    Some(format!(
        "an option is a mapping with its text: `- text: {quoted}`, plus `correct: true` on the right ones"
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{choice_type, colon_mapping, option_as_text, option_text};

    #[test]
    fn a_bare_option_is_shown_as_a_mapping() {
        let known = ["text", "correct", "feedback"].map(String::from);
        assert_eq!(
            option_as_text(&json!("Raft"), &known).unwrap(),
            "an option is a mapping with its text: `- text: \"Raft\"`, plus `correct: true` on the right ones"
        );
        assert!(option_as_text(&json!("Raft"), &["id".to_owned()]).is_none());
        assert!(option_as_text(&json!(3), &known).is_none());
    }

    #[test]
    fn an_option_written_with_a_colon_is_shown_with_its_text_quoted() {
        let known = ["text", "correct", "feedback"].map(String::from);
        assert_eq!(
            option_text(&json!({"A": "atomicity"}), &known).unwrap(),
            "an option is `- text: ...` (with `correct: true` on the right ones); the colon after `A` made its words a field, so quote them: `- text: \"A: atomicity\"`"
        );
        assert!(option_text(&json!({"text": "x", "A": "b"}), &known).is_none());
        assert!(option_text(&json!({"A": "b"}), &["id".to_owned()]).is_none());
        assert!(option_text(&json!({"A": "b", "C": "d"}), &known).is_none());
    }

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
