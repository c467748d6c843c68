//! The third tier: contradictions the schema cannot express (ids that must be unique, topics that
//! must exist, fields a question type needs or must not have).

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::model::{Bank, Criterion, Question, QuestionType};

/// Runs every semantic check on a typed bank: the checks across questions beside the checks of
/// each question (on every core; the order of the results does not depend on it).
pub(super) fn check(bank: &Bank, path: &Path) -> Vec<Diagnostic> {
    let (mut out, per_question) = rayon::join(
        || across_questions(bank, path),
        || {
            bank.questions
                .par_iter()
                .enumerate()
                .map(|(i, q)| {
                    let mut found = Vec::new();
                    question(q, &format!("/questions/{i}"), path, &mut found);
                    found
                })
                .collect::<Vec<Vec<Diagnostic>>>()
        },
    );
    out.extend(per_question.into_iter().flatten());
    out
}

/// Ids that must be unique and topics that must exist.
fn across_questions(bank: &Bank, path: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    duplicate_ids(
        bank.questions.iter().map(|q| q.id.as_str()),
        |i| format!("/questions/{i}/id"),
        "question",
        path,
        &mut out,
    );
    if let Some(blueprint) = &bank.blueprint {
        duplicate_ids(
            blueprint.topics.iter().map(|t| t.id.as_str()),
            |i| format!("/blueprint/topics/{i}/id"),
            "topic",
            path,
            &mut out,
        );
        let topics: Vec<&str> = blueprint.topics.iter().map(|t| t.id.as_str()).collect();
        let known: std::collections::HashSet<&str> = topics.iter().copied().collect();
        for (i, q) in bank.questions.iter().enumerate() {
            if !known.contains(q.topic.as_str()) {
                let help = did_you_mean(q.topic.as_str(), topics.iter().copied()).map_or_else(
                    || format!("add `{}` to `blueprint.topics`, or use one of its topics", q.topic),
                    |s| format!("did you mean `{s}`?"),
                );
                out.push(
                    Diagnostic::error(
                        "unknown-topic",
                        path,
                        format!(
                            "question `{}` has topic `{}`, which the blueprint does not declare",
                            q.id, q.topic
                        ),
                    )
                    .at_pointer(format!("/questions/{i}/topic"))
                    .with_help(help),
                );
            }
        }
    }
    out
}

/// Reports every id used a second time; `pointer(i)` names the `i`-th id's place (built only
/// for the reports).
fn duplicate_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    pointer: impl Fn(usize) -> String,
    what: &str,
    path: &Path,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(ids.size_hint().0);
    for (i, id) in ids.enumerate() {
        if let Some(&first) = seen.get(id) {
            out.push(
                Diagnostic::error(
                    format!("duplicate-{what}-id"),
                    path,
                    format!("{what} id `{id}` is used twice"),
                )
                .at_pointer(pointer(i))
                .with_help(format!("ids must be unique; the first use is at {}", pointer(first))),
            );
        } else {
            seen.insert(id, i);
        }
    }
}

fn question(q: &Question, at: &str, path: &Path, out: &mut Vec<Diagnostic>) {
    let kind = q.kind;
    let mut misplaced = |field: &str, users: &str| {
        out.push(
            Diagnostic::error(
                "field-not-for-type",
                path,
                format!("`{field}` is not used by `{}` questions", kind.as_str()),
            )
            .at_pointer(format!("{at}/{field}"))
            .with_help(format!(
                "`{field}` belongs to {users} questions; remove it or change `type`"
            )),
        );
    };
    let choice = matches!(kind, QuestionType::Single | QuestionType::Multiple);
    if !q.options.is_empty() && !choice {
        misplaced("options", "`single` and `multiple`");
    }
    if q.correct.is_some() && kind != QuestionType::TrueFalse {
        misplaced("correct", "`true-false`");
    }
    if !q.accept.is_empty() && kind != QuestionType::Short {
        misplaced("accept", "`short`");
    }
    if q.numeric.is_some() && kind != QuestionType::Short {
        misplaced("numeric", "`short`");
    }
    if q.rubric.is_some() && kind != QuestionType::Open {
        misplaced("rubric", "`open`");
    }
    let missing = |field: &str, message: String, help: &str| {
        Diagnostic::error("missing-answer-key", path, message)
            .at_pointer(format!("{at}/{field}"))
            .with_help(help.to_owned())
    };
    match kind {
        QuestionType::Single | QuestionType::Multiple => {
            if q.options.len() < 2 {
                out.push(missing(
                    "options",
                    format!(
                        "`{}` question `{}` has {} option(s); it needs at least 2",
                        kind.as_str(),
                        q.id,
                        q.options.len()
                    ),
                    "add `options:` with `text` and `correct: true` on the right ones",
                ));
            } else if !q.options.iter().any(|o| o.correct) {
                out.push(missing(
                    "options",
                    format!("choice question `{}` has no correct option", q.id),
                    "mark the right option with `correct: true`",
                ));
            }
        }
        QuestionType::TrueFalse if q.correct.is_none() => out.push(missing(
            "correct",
            format!("true-false question `{}` does not say whether it is true", q.id),
            "add `correct: true` or `correct: false`",
        )),
        QuestionType::Short if q.accept.is_empty() && q.numeric.is_none() => out.push(missing(
            "accept",
            format!("short question `{}` has no accepted answer", q.id),
            "add `accept: [...]` or `numeric: {value: ..., tolerance: ...}`",
        )),
        _ => {}
    }
    if let Some(rubric) = &q.rubric {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for entry in rubric.entries() {
            let c = entry.criterion;
            let here = format!("{at}{}", entry.pointer());
            if !seen.insert(c.id.as_str()) {
                out.push(
                    Diagnostic::error("duplicate-criterion-id", path, format!("criterion id `{}` is used twice in the rubric of `{}`", c.id, q.id))
                        .at_pointer(format!("{here}/id"))
                        .with_help("criterion and penalty ids must be unique within a rubric; scores name them"),
                );
            }
            patterns(c, &here, path, out);
        }
    }
}

fn patterns(c: &Criterion, at: &str, path: &Path, out: &mut Vec<Diagnostic>) {
    for (place, pattern) in c.patterns() {
        if let Err(e) = pattern.compile_regex() {
            let pointer = format!("{at}/{place}");
            let source = pattern.regex().unwrap_or_default();
            let (problem, help) = super::regex_problem::describe(source, &e);
            out.push(
                Diagnostic::error(
                    "invalid-regex",
                    path,
                    format!(
                        "pattern `{}` is not a valid regular expression: {problem}",
                        pattern.as_str()
                    ),
                )
                .at_pointer(pointer)
                .with_help(help),
            );
        }
    }
}
