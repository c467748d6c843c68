//! Reading `qbank.toml`: its tables (`[lint]` and `[mutate]`), their keys, and each value's type
//! and range. Every problem names the key, what it accepts and where it is (`line:column`), because
//! a misspelt table or an impossible threshold that is quietly ignored leaves the user guessing
//! why a setting has no effect.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::options::Options;
use crate::diagnostics::did_you_mean;

/// The lint table of `qbank.toml`.
const LINT: &str = "lint";
/// The mutation-testing table of `qbank.toml`.
const MUTATE: &str = "mutate";
/// Every table.
const TABLES: [&str; 2] = [LINT, MUTATE];

/// The keys of the `[lint]` table.
const KEYS: &[&str] = &[
    "allow",
    "warn",
    "deny",
    "max-prompt-length",
    "near-duplicate-threshold",
    "position-bias-min-questions",
];

/// The keys of the `[mutate]` table.
pub(super) const MUTATE_KEYS: &[&str] = &["operators", "salad-max", "break"];

/// The settings of a `qbank.toml`, checked but not yet resolved against the rule registry.
#[derive(Debug, Default)]
pub struct Settings {
    /// Rules (names or codes) set to `allow`.
    pub allow: Vec<String>,
    /// Rules set to `warn`.
    pub warn: Vec<String>,
    /// Rules set to `deny` (`warnings` included).
    pub deny: Vec<String>,
    /// The thresholds, defaults filled in.
    pub options: Options,
}

/// A problem in the file: where (a byte range, when known) and what, in words.
#[derive(Debug, PartialEq)]
pub struct Problem {
    /// The offending key or value.
    pub span: Option<Range<usize>>,
    /// One lower-case sentence naming the key and what it accepts.
    pub message: String,
}

impl Problem {
    pub(super) fn at(span: Range<usize>, message: String) -> Self {
        Self { span: Some(span), message }
    }
}

/// Parses and checks the text of a `qbank.toml`.
pub fn parse(text: &str) -> Result<Settings, Problem> {
    let document = DeTable::parse(text)
        .map_err(|e| Problem { span: e.span(), message: e.message().trim().to_owned() })?;
    let mut settings = Settings::default();
    for (key, value) in in_file_order(document.get_ref()) {
        match (key.get_ref().as_ref(), value.get_ref()) {
            (LINT, DeValue::Table(table)) => read_lint_table(table, &mut settings)?,
            (MUTATE, DeValue::Table(table)) => {
                super::config_mutate::read(table, &mut settings.options.mutate)?;
            }
            _ => return Err(unknown_top_level(key, value)),
        }
    }
    Ok(settings)
}

/// The entries of a table in the order they appear in the file (the map sorts them by key).
pub(super) fn in_file_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(&'t Spanned<Cow<'i, str>>, &'t Spanned<DeValue<'i>>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// A top-level entry other than a known table: a misspelt table, or a key outside its table.
fn unknown_top_level(key: &Spanned<Cow<'_, str>>, value: &Spanned<DeValue<'_>>) -> Problem {
    let name = key.get_ref();
    let message = if TABLES.contains(&name.as_ref()) {
        format!("`{name}` must be a table (`[{name}]`)")
    } else if let DeValue::Table(_) = value.get_ref() {
        match did_you_mean(name, TABLES) {
            Some(hint) => format!("unknown table `[{name}]`; did you mean `[{hint}]`?"),
            None => format!("unknown table `[{name}]`; the tables are `[{LINT}]` and `[{MUTATE}]`"),
        }
    } else if KEYS.contains(&name.as_ref()) {
        format!("`{name}` is outside a table; put it under `[{LINT}]`")
    } else if MUTATE_KEYS.contains(&name.as_ref()) {
        format!("`{name}` is outside a table; put it under `[{MUTATE}]`")
    } else {
        format!("unknown key `{name}`; settings go under `[{LINT}]` or `[{MUTATE}]`")
    };
    Problem::at(key.span(), message)
}

/// Reads the keys of the `[lint]` table into `settings`.
fn read_lint_table(table: &DeTable<'_>, settings: &mut Settings) -> Result<(), Problem> {
    for (key, value) in in_file_order(table) {
        let name = key.get_ref().as_ref();
        match name {
            "allow" => settings.allow = rule_names(name, value)?,
            "warn" => settings.warn = rule_names(name, value)?,
            "deny" => settings.deny = rule_names(name, value)?,
            "max-prompt-length" => {
                settings.options.max_prompt_length = at_least_one(name, value)?;
            }
            "position-bias-min-questions" => {
                settings.options.position_bias_min_questions = at_least_one(name, value)?;
            }
            "near-duplicate-threshold" => {
                settings.options.near_duplicate_threshold = fraction(name, value)?;
            }
            _ => return Err(unknown_key(key)),
        }
    }
    Ok(())
}

/// A key of `[lint]` that does not exist, with the closest one.
fn unknown_key(key: &Spanned<Cow<'_, str>>) -> Problem {
    unknown_key_in(LINT, KEYS, key)
}

/// A key of table `[table]` that does not exist, with the closest of `keys`.
pub(super) fn unknown_key_in(table: &str, keys: &[&str], key: &Spanned<Cow<'_, str>>) -> Problem {
    let name = key.get_ref();
    let message = match did_you_mean(name, keys.iter().copied()) {
        Some(hint) => format!("unknown key `{name}` in `[{table}]`; did you mean `{hint}`?"),
        None => format!(
            "unknown key `{name}` in `[{table}]`; the keys are {}",
            keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        ),
    };
    Problem::at(key.span(), message)
}

/// `allow`, `warn` or `deny`: a list of rule names (checked against the registry later).
fn rule_names(key: &str, value: &Spanned<DeValue<'_>>) -> Result<Vec<String>, Problem> {
    let wrong = |span: Range<usize>, got: &DeValue<'_>| {
        Problem::at(
            span,
            format!(
                "`{key}` must be a list of rule names, such as [\"near-duplicate-prompt\"], not {}",
                describe(got)
            ),
        )
    };
    let DeValue::Array(items) = value.get_ref() else {
        return Err(wrong(value.span(), value.get_ref()));
    };
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::String(name) => Ok(name.to_string()),
            other => Err(wrong(item.span(), other)),
        })
        .collect()
}

/// A count that must be a whole number of at least 1.
fn at_least_one(key: &str, value: &Spanned<DeValue<'_>>) -> Result<usize, Problem> {
    let number = match value.get_ref() {
        DeValue::Integer(n) => i128::from_str_radix(n.as_str(), n.radix()).ok(),
        _ => None,
    };
    number.and_then(|n| usize::try_from(n).ok()).filter(|&n| n >= 1).ok_or_else(|| {
        Problem::at(
            value.span(),
            format!(
                "`{key}` must be a whole number of at least 1, not {}",
                describe(value.get_ref())
            ),
        )
    })
}

/// A TOML integer or float as a number; `None` for any other value.
pub(super) fn number(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Float(x) => x.as_str().parse::<f64>().ok(),
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .ok()
            .and_then(|n| i32::try_from(n).ok())
            .map(f64::from),
        _ => None,
    }
}

/// A threshold that must be a number greater than 0 and at most 1.
fn fraction(key: &str, value: &Spanned<DeValue<'_>>) -> Result<f64, Problem> {
    number(value.get_ref()).filter(|x| *x > 0.0 && *x <= 1.0).ok_or_else(|| {
        Problem::at(
            value.span(),
            format!(
                "`{key}` must be a number greater than 0 and at most 1, not {}",
                describe(value.get_ref())
            ),
        )
    })
}

/// A value as the user wrote it, with its kind when that is what is wrong: `0`, `1.5`,
/// `the text "80"`, `a list`.
pub(super) fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::Integer(n) => n.to_string(),
        DeValue::Float(x) => x.to_string(),
        DeValue::String(s) => format!("the text \"{s}\""),
        DeValue::Boolean(b) => format!("`{b}`"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> String {
        parse(text).unwrap_err().message
    }

    #[test]
    fn a_full_lint_table_is_read() {
        let settings = parse(
            "[lint]\nallow = [\"QB203\"]\nwarn = []\ndeny = [\"warnings\"]\nmax-prompt-length = 80\nnear-duplicate-threshold = 1\nposition-bias-min-questions = 1_0\n",
        )
        .unwrap();
        assert_eq!(settings.allow, ["QB203"]);
        assert_eq!(settings.deny, ["warnings"]);
        assert_eq!(settings.options.max_prompt_length, 80);
        assert!((settings.options.near_duplicate_threshold - 1.0).abs() < f64::EPSILON);
        assert_eq!(settings.options.position_bias_min_questions, 10);
        assert_eq!(parse("").unwrap().options, Options::default());
    }

    #[test]
    fn unknown_tables_and_keys_get_a_suggestion() {
        assert_eq!(
            problem("[lnit]\nallow = []\n"),
            "unknown table `[lnit]`; did you mean `[lint]`?"
        );
        assert_eq!(
            problem("[grade]\n"),
            "unknown table `[grade]`; the tables are `[lint]` and `[mutate]`"
        );
        assert_eq!(problem("[mutat]\n"), "unknown table `[mutat]`; did you mean `[mutate]`?");
        assert_eq!(
            problem("salad-max = 0.5\n"),
            "`salad-max` is outside a table; put it under `[mutate]`"
        );
        assert_eq!(
            problem("max-prompt-length = 9\n"),
            "`max-prompt-length` is outside a table; put it under `[lint]`"
        );
        assert_eq!(problem("lint = 1\n"), "`lint` must be a table (`[lint]`)");
        assert_eq!(
            problem("[lint]\nmax-prompt-lenght = 80\n"),
            "unknown key `max-prompt-lenght` in `[lint]`; did you mean `max-prompt-length`?"
        );
    }

    #[test]
    fn out_of_range_values_name_the_key_and_the_range() {
        for bad in ["0", "1.5", "-0.2", "nan", "inf"] {
            assert_eq!(
                problem(&format!("[lint]\nnear-duplicate-threshold = {bad}\n")),
                format!(
                    "`near-duplicate-threshold` must be a number greater than 0 and at most 1, not {bad}"
                )
            );
        }
        assert_eq!(
            problem("[lint]\nposition-bias-min-questions = 0\n"),
            "`position-bias-min-questions` must be a whole number of at least 1, not 0"
        );
        assert_eq!(
            problem("[lint]\nmax-prompt-length = -5\n"),
            "`max-prompt-length` must be a whole number of at least 1, not -5"
        );
    }

    #[test]
    fn type_errors_say_what_is_wanted_in_words() {
        assert_eq!(
            problem("[lint]\nmax-prompt-length = \"80\"\n"),
            "`max-prompt-length` must be a whole number of at least 1, not the text \"80\""
        );
        assert_eq!(
            problem("[lint]\nmax-prompt-length = 80.0\n"),
            "`max-prompt-length` must be a whole number of at least 1, not 80.0"
        );
        assert_eq!(
            problem("[lint]\nnear-duplicate-threshold = \"x\"\n"),
            "`near-duplicate-threshold` must be a number greater than 0 and at most 1, not the text \"x\""
        );
        assert_eq!(
            problem("[lint]\nallow = \"QB203\"\n"),
            "`allow` must be a list of rule names, such as [\"near-duplicate-prompt\"], not the text \"QB203\""
        );
        assert_eq!(
            problem("[lint]\ndeny = [3]\n"),
            "`deny` must be a list of rule names, such as [\"near-duplicate-prompt\"], not 3"
        );
    }

    #[test]
    fn problems_point_at_the_key_or_value() {
        let text = "[lint]\nmax-prompt-length = 0\n";
        let span = parse(text).unwrap_err().span.unwrap();
        assert_eq!(&text[span], "0");
        let text = "# settings\n[lnit]\n";
        let span = parse(text).unwrap_err().span.unwrap();
        assert_eq!(&text[span], "lnit");
    }
}
