//! Which rules run at which severity: `qbank.toml`'s `[lint]` table, then `--allow`/`--deny`,
//! then each question's `lint: {allow: [...]}`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::config_file;
use super::options::Options;
use super::registry;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Bank;

/// The names `validate`'s checks print (see the README's "What `validate` checks").
const LOAD_CHECKS: [&str; 11] = [
    "file",
    "yaml-syntax",
    "json-syntax",
    "schema",
    "duplicate-question-id",
    "duplicate-topic-id",
    "duplicate-criterion-id",
    "missing-answer-key",
    "field-not-for-type",
    "invalid-regex",
    "internal",
];
/// The name of the configuration file searched from the bank's folder upwards.
pub const CONFIG_FILE: &str = "qbank.toml";

/// A configuration problem: the run stops with exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The configuration file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid TOML, has an unknown table or key, or a value of the wrong type
    /// or out of range.
    #[error("invalid `{path}`: {message}")]
    Toml {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong, after its line and column.
        message: String,
    },
    /// The name of one of `validate`'s checks, which lint output shows too but no setting changes.
    #[error(
        "`{name}` (in {origin}) is a check of the bank's validity, not a lint rule: a bank that fails it cannot be linted, so its level cannot be changed"
    )]
    LoadCheck {
        /// The name as given.
        name: String,
        /// Where it was given.
        origin: String,
    },
    /// A rule name that no rule has.
    #[error("unknown rule `{name}` in {origin}{}", hint.as_ref().map(|h| format!("; did you mean `{h}`?")).unwrap_or_default())]
    UnknownRule {
        /// The name as given.
        name: String,
        /// Where it was given (`--deny`, `qbank.toml`).
        origin: String,
        /// The closest rule name.
        hint: Option<String>,
    },
}

/// What a rule is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error (fails the run).
    Deny,
}

/// The resolved rule levels and options of a run.
#[derive(Debug, Default)]
pub struct Config {
    levels: HashMap<&'static str, Level>,
    deny_warnings: bool,
    /// Thresholds for the rules.
    pub options: Options,
    /// The configuration file that was read, if any.
    pub file: Option<PathBuf>,
}

impl Config {
    /// Finds `qbank.toml` in `start` or the nearest folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).ok()?;
        start.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|p| p.is_file())
    }

    /// Reads a configuration file.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = crate::source::read::read_text(path, crate::source::read::CONFIG)
            .map_err(|source| ConfigError::Io { path: path.to_owned(), source })?;
        let file = config_file::parse(&text).map_err(|problem| {
            let at = problem.span.map(|span| {
                let p = crate::source::LineIndex::new(&text).position(&text, span.start);
                format!("{}:{}: ", p.line, p.column)
            });
            ConfigError::Toml {
                path: path.to_owned(),
                message: format!("{}{}", at.unwrap_or_default(), problem.message),
            }
        })?;
        let mut config =
            Self { options: file.options, file: Some(path.to_owned()), ..Self::default() };
        let origin = format!("`{}`", path.display());
        config.set_all(&file.allow, Level::Allow, &origin)?;
        config.set_all(&file.warn, Level::Warn, &origin)?;
        config.set_all(&file.deny, Level::Deny, &origin)?;
        Ok(config)
    }

    /// Sets each named rule (name or code; `warnings` with `Deny`) to `level`.
    pub fn set_all(
        &mut self,
        names: &[String],
        level: Level,
        origin: &str,
    ) -> Result<(), ConfigError> {
        for name in names {
            if level == Level::Deny && name == "warnings" {
                self.deny_warnings = true;
                continue;
            }
            let Some(rule) = registry::find(name) else {
                if LOAD_CHECKS.contains(&name.to_ascii_lowercase().as_str()) {
                    return Err(ConfigError::LoadCheck {
                        name: name.clone(),
                        origin: origin.to_owned(),
                    });
                }
                let hint = registry::suggest(name).map(str::to_owned);
                return Err(ConfigError::UnknownRule {
                    name: name.clone(),
                    origin: origin.to_owned(),
                    hint,
                });
            };
            self.levels.insert(rule.meta().name, level);
        }
        Ok(())
    }

    /// Whether `meta`'s rule runs: every rule does, except one allowed for the whole run
    /// (its findings would all be dropped; mutation testing is worth not running for nothing).
    pub fn enables(&self, meta: &super::RuleMeta) -> bool {
        self.levels.get(meta.name) != Some(&Level::Allow)
    }

    /// Applies the levels and each question's `lint.allow` to the findings: allowed ones are
    /// dropped, the rest get their configured severity. `banks` maps a file to its typed bank.
    pub fn apply(
        &self,
        diagnostics: Vec<Diagnostic>,
        banks: &HashMap<&Path, &Bank>,
    ) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|mut d| {
                if let Some(rule) = registry::find(&d.rule) {
                    let name = rule.meta().name;
                    if allowed_by_question(&d, name, banks) {
                        return None;
                    }
                    match self.levels.get(name) {
                        Some(Level::Allow) => return None,
                        Some(Level::Warn) => d.severity = Severity::Warning,
                        Some(Level::Deny) => d.severity = Severity::Error,
                        None => {}
                    }
                }
                if self.deny_warnings && d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
                Some(d)
            })
            .collect()
    }
}

/// Whether the question that `d` points into lists the rule in its `lint.allow`.
fn allowed_by_question(d: &Diagnostic, rule: &str, banks: &HashMap<&Path, &Bank>) -> bool {
    let Some(index) = d.pointer.as_deref().and_then(question_index) else { return false };
    let Some(question) = banks.get(d.path.as_path()).and_then(|b| b.questions.get(index)) else {
        return false;
    };
    question.lint.as_ref().is_some_and(|l| {
        l.allow
            .iter()
            .any(|a| a == rule || registry::find(a).is_some_and(|r| r.meta().name == rule))
    })
}

/// The question index of a pointer under `/questions/N`.
fn question_index(pointer: &str) -> Option<usize> {
    let rest = pointer.strip_prefix("/questions/")?;
    rest.split('/').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_under_a_question_name_its_index() {
        assert_eq!(question_index("/questions/12/rubric/criteria/0"), Some(12));
        assert_eq!(question_index("/questions/3"), Some(3));
        assert_eq!(question_index("/blueprint/topics/0"), None);
    }

    #[test]
    fn unknown_rules_are_refused_with_a_suggestion() {
        let mut config = Config::default();
        let err = config.set_all(&["uncoverd-topic".into()], Level::Deny, "`--deny`").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown rule `uncoverd-topic` in `--deny`; did you mean `uncovered-topic`?"
        );
    }

    #[test]
    fn validity_checks_are_named_as_such_not_unknown() {
        let mut config = Config::default();
        let err = config.set_all(&["schema".into()], Level::Allow, "`--allow`").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("`schema` (in `--allow`) is a check of the bank's validity")
        );
    }

    #[test]
    fn the_lint_table_sets_levels_and_options() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(
            &path,
            "[lint]\nallow = [\"QB203\"]\ndeny = [\"warnings\"]\nmax-prompt-length = 80\n",
        )
        .unwrap();
        let config = Config::from_file(&path).unwrap();
        assert_eq!(config.levels.get("prompt-not-a-question"), Some(&Level::Allow));
        assert!(config.deny_warnings);
        assert_eq!(config.options.max_prompt_length, 80);
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(Config::discover(&nested), Some(std::path::absolute(&path).unwrap()));
    }

    #[test]
    fn unknown_keys_in_the_lint_table_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "[lint]\nmax-prompt-lenght = 80\n").unwrap();
        let err = Config::from_file(&path).unwrap_err().to_string();
        assert!(
            err.ends_with(
                "qbank.toml`: 2:1: unknown key `max-prompt-lenght` in `[lint]`; did you mean `max-prompt-length`?"
            ),
            "{err}"
        );
    }
}
