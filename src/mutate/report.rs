//! The report of a mutation run, as text for a reviewer or JSON for tools. Both are pure
//! functions of the results: every mutant with its outcome, score and evidence (unviable sites
//! only counted), the score of each question, per operator and of the bank.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::QuestionResult;
use super::hint;
use super::operator::Operator;
use super::run::{Outcome, Tested};
use super::tally::Counts;

/// Longest quoted change, in characters, before it is cut with `…`.
const QUOTE: usize = 160;

/// The tallies of a bank run: per operator and in total.
pub fn totals(results: &[QuestionResult<'_>]) -> (BTreeMap<Operator, Counts>, Counts) {
    let mut by_operator: BTreeMap<Operator, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for run in results.iter().filter_map(|r| r.result.as_ref().ok()) {
        for (op, counts) in Counts::by_operator(run) {
            by_operator.entry(op).or_default().merge(counts);
        }
        total.merge(Counts::of(run));
    }
    (by_operator, total)
}

/// Writes the text report.
pub fn text(out: &mut dyn Write, results: &[QuestionResult<'_>]) -> io::Result<()> {
    let mut skipped = Vec::new();
    for r in results {
        let run = match &r.result {
            Ok(run) => run,
            Err(skip) => {
                skipped.push((r.question.id.as_str(), skip.to_string()));
                continue;
            }
        };
        writeln!(out, "{}: {}", r.question.id, Counts::of(run).summary())?;
        let mut helped = Vec::new();
        for t in &run.tested {
            // The fix is the operator's: said once per question, at its first survivor.
            let first = t.outcome == Outcome::Survived && !helped.contains(&t.mutant.operator);
            if first {
                helped.push(t.mutant.operator);
            }
            mutant(out, t, first)?;
        }
        for stale in &run.unused_ignores {
            writeln!(out, "  note: `mutants.ignore` entry `{stale}` matches no mutant")?;
        }
        writeln!(out)?;
    }
    for (id, why) in &skipped {
        writeln!(out, "skipped `{id}`: {why}")?;
    }
    if !skipped.is_empty() {
        writeln!(out)?;
    }
    let (by_operator, total) = totals(results);
    writeln!(out, "by operator:")?;
    for (op, counts) in &by_operator {
        writeln!(out, "  {:<15}{}", op.name(), counts.summary())?;
    }
    let tested = results.iter().filter(|r| r.result.is_ok()).count();
    let noun = if tested == 1 { "question" } else { "questions" };
    writeln!(out, "bank: {} in {tested} {noun}", total.summary())
}

/// One mutant: a line for a killed one, the change and evidence for the others, with the fix
/// when `help` is set (a survivor) or the reason (an ignored mutant).
fn mutant(out: &mut dyn Write, t: &Tested, help: bool) -> io::Result<()> {
    let m = &t.mutant;
    let label = match &t.outcome {
        Outcome::Killed => "killed",
        Outcome::Survived => "survived",
        Outcome::Ignored { .. } => "ignored",
    };
    let evidence = hint::describe(&hint::evidence(t), &t.grade.penalties);
    writeln!(
        out,
        "  {label:<9}{:<15}{} of {}, expected {}  {}",
        m.operator.name(),
        t.grade.score,
        t.grade.max,
        m.expect,
        m.id
    )?;
    if t.outcome == Outcome::Killed {
        if evidence != "none" {
            writeln!(out, "{:11}evidence: {evidence}", "")?;
        }
        return Ok(());
    }
    if !m.change.before.is_empty() {
        writeln!(out, "{:11}- {}", "", quote(&m.change.before))?;
    }
    if !m.change.after.is_empty() {
        writeln!(out, "{:11}+ {}", "", quote(&m.change.after))?;
    }
    writeln!(out, "{:11}evidence: {evidence}", "")?;
    match &t.outcome {
        Outcome::Ignored { reason } => writeln!(out, "{:11}reason: {reason}", ""),
        _ if help => writeln!(out, "{:11}help: {}", "", hint::fix(m.operator)),
        _ => Ok(()),
    }
}

/// `text` cut to [`QUOTE`] characters.
fn quote(text: &str) -> String {
    if text.chars().count() <= QUOTE {
        return text.to_owned();
    }
    let cut: String = text.chars().take(QUOTE - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The JSON report.
#[derive(Debug, Serialize)]
struct Json<'a> {
    questions: Vec<JsonQuestion<'a>>,
    operators: BTreeMap<&'static str, JsonCounts>,
    #[serde(flatten)]
    total: JsonCounts,
}

#[derive(Debug, Serialize)]
struct JsonQuestion<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<String>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    counts: Option<JsonCounts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unused_ignores: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mutants: Option<&'a [Tested]>,
}

#[derive(Debug, Serialize)]
struct JsonCounts {
    score: Option<f64>,
    counts: Counts,
}

impl From<Counts> for JsonCounts {
    fn from(counts: Counts) -> Self {
        Self { score: counts.score(), counts }
    }
}

/// Writes the JSON report (one object, pretty-printed).
pub fn json(out: &mut dyn Write, results: &[QuestionResult<'_>]) -> io::Result<()> {
    let questions = results
        .iter()
        .map(|r| match &r.result {
            Ok(run) => JsonQuestion {
                id: r.question.id.as_str(),
                skipped: None,
                counts: Some(Counts::of(run).into()),
                unused_ignores: Some(&run.unused_ignores),
                mutants: Some(&run.tested),
            },
            Err(skip) => JsonQuestion {
                id: r.question.id.as_str(),
                skipped: Some(skip.to_string()),
                counts: None,
                unused_ignores: None,
                mutants: None,
            },
        })
        .collect();
    let (by_operator, total) = totals(results);
    let operators = by_operator.into_iter().map(|(op, c)| (op.name(), c.into())).collect();
    let report = Json { questions, operators, total: total.into() };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
