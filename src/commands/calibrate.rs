//! `qbank calibrate BANK SHEET... --human-col COL`: rubric scores against human scores.

use std::io::Write;
use std::path::PathBuf;

use super::grade::{SheetArgs, encoding_hint, fail, prepare};
use crate::ExitStatus;
use crate::grade::calibration::{self, Agreement, Calibration, Pair};
use crate::grade::stream;

/// Arguments of `qbank calibrate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bank whose rubrics are calibrated.
    pub bank: PathBuf,
    /// Long answer sheets with a human score column.
    #[arg(required = true, value_name = "SHEET")]
    pub sheets: Vec<PathBuf>,
    /// The column holding the human score of each answer.
    #[arg(long, value_name = "COL")]
    pub human_col: String,
    /// The scale of the human scores (for example 10); scores are rescaled to each question's
    /// points. Without it, human scores are on the question's own points scale.
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    pub human_max: Option<f64>,
    /// How many of the largest disagreements to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    #[command(flatten)]
    pub sheet: SheetArgs,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Says so and returns the exit status when a sheet is wide (no question and answer columns):
/// calibrate needs one answer and its human score per row.
fn refuse_wide(
    sheets: &[PathBuf],
    options: &stream::Options,
    human_col: &str,
    stderr: &mut dyn Write,
) -> anyhow::Result<Option<ExitStatus>> {
    for path in sheets {
        let sheet = match crate::grade::sheet::open(path, options.delimiter, options.encoding) {
            Ok(sheet) => sheet,
            Err(e) => return fail(&e, stderr).map(Some),
        };
        if crate::grade::layout::looks_long(&sheet.headers, &options.names) {
            continue;
        }
        let question = options.names.question.as_deref().unwrap_or("question");
        let answer = options.names.answer.as_deref().unwrap_or("answer");
        writeln!(
            stderr,
            "error: `{}` is a wide sheet (one column per question, as form tools export), and calibrate reads long sheets: one answer and its human score per row; it has no `{question}` and `{answer}` columns",
            path.display()
        )?;
        writeln!(
            stderr,
            "help: write the answers as `candidate,question,answer,{human_col}` rows (`email` may stand for `candidate`), or name the columns with `--question-col` and `--answer-col`"
        )?;
        return Ok(Some(ExitStatus::Failure));
    }
    Ok(None)
}

fn parse_positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("`{s}` is not a positive number")),
    }
}

/// Runs the calibration; exit 1 when rows were rejected or no answer had a human score.
pub fn run(
    args: &Args,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let (bank, graders) = match prepare(&args.bank, stderr)? {
        Ok(prepared) => prepared,
        Err(status) => return Ok(status),
    };
    if super::grade::refuse_repeated_sheet(&args.sheets, stderr)? {
        return Ok(ExitStatus::Error);
    }
    let mut options = args.sheet.options(Some(args.human_col.clone()));
    match options.layout {
        crate::grade::Layout::Auto => {
            // A form's export is wide: said first, before any column is looked for.
            if let Some(status) = refuse_wide(&args.sheets, &options, &args.human_col, stderr)? {
                return Ok(status);
            }
            options.layout = crate::grade::Layout::Long;
        }
        crate::grade::Layout::Wide => {
            // A wide sheet has one column per question and no place for a score per answer.
            writeln!(
                stderr,
                "error: calibrate reads long sheets, one answer and its human score per row; a wide sheet has no score per answer"
            )?;
            writeln!(
                stderr,
                "help: write the sheet as `candidate,question,answer,{}` rows",
                args.human_col
            )?;
            return Ok(ExitStatus::Error);
        }
        crate::grade::Layout::Long => {}
    }
    let mut pairs = Vec::new();
    let mut unscored = 0u64;
    let mut rejected = Vec::new();
    // Human scores above the question's maximum (a wrong `--human-max`, or a typo): left out
    // and reported, never capped into the statistics.
    let mut out_of_range: Vec<(String, String, f64, f64)> = Vec::new();
    let streamed =
        stream::stream(&bank, &graders, &args.sheets, options, |chunk, grades, names| {
            rejected.extend(chunk.rejected.iter().cloned());
            for (answer, grade) in chunk.answers.iter().zip(grades) {
                let Some(human) = answer.human else {
                    unscored += 1;
                    continue;
                };
                let max = grade.max;
                let raw = human;
                let human = match args.human_max {
                    Some(scale) => human / scale * f64::from(max),
                    None => human,
                };
                let q = answer.question as usize;
                let candidate = names.get(answer.candidate as usize).cloned().unwrap_or_default();
                if human > f64::from(max) + 1e-9 {
                    let limit = args.human_max.unwrap_or(f64::from(max));
                    out_of_range.push((candidate, bank.questions[q].id.to_string(), raw, limit));
                    continue;
                }
                pairs.push(Pair::new(
                    candidate,
                    (q, bank.questions[q].id.to_string()),
                    raw,
                    args.human_max,
                    chunk.text(answer).to_owned(),
                    grade.clone(),
                ));
            }
            Ok(())
        });
    let streamed = match streamed {
        Ok(s) => s,
        Err(e) => return fail(&e, stderr),
    };
    for r in &rejected {
        writeln!(stderr, "warning: `{}` row {}: {}", r.sheet.display(), r.row, r.reason)?;
    }
    for (candidate, question, human, max) in &out_of_range {
        writeln!(
            stderr,
            "warning: candidate `{candidate}`, question `{question}`: human score {human} is above the maximum of {max}; left out"
        )?;
    }
    if !out_of_range.is_empty() && args.human_max.is_none() {
        writeln!(
            stderr,
            "help: if the humans scored on another scale, pass it with `--human-max` (10 for marks out of 10)"
        )?;
    }
    let t = streamed.tally;
    encoding_hint(&t, stderr)?;
    writeln!(
        stderr,
        "{} rows read: {} graded ({} with a human score, {unscored} without), {} rejected{}",
        t.read,
        t.graded,
        pairs.len(),
        t.rejected,
        if out_of_range.is_empty() {
            String::new()
        } else {
            match out_of_range.len() {
                1 => ", 1 human score out of range".to_owned(),
                n => format!(", {n} human scores out of range"),
            }
        }
    )?;
    if pairs.is_empty() {
        writeln!(stderr, "error: no answer has a human score in column `{}`", args.human_col)?;
        return Ok(ExitStatus::Failure);
    }
    let report = calibration::calibrate(&bank, &pairs, args.top);
    if args.json {
        writeln!(stdout, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        render(stdout, &bank.id.to_string(), &report)?;
    }
    Ok(if t.rejected > 0 || !out_of_range.is_empty() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// A correlation or kappa to two places, or `undefined` (constant scores, or too few).
fn fixed(x: Option<f64>) -> String {
    x.map_or_else(|| "undefined".to_owned(), |x| format!("{x:.2}"))
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{:.0}%", x * 100.0))
}

fn figures(a: &Agreement) -> String {
    format!(
        "pearson {}, spearman {}, quadratic weighted kappa {}, exact agreement {}",
        fixed(a.pearson),
        fixed(a.spearman),
        fixed(a.kappa),
        percent(a.exact)
    )
}

/// Writes the text report.
fn render(out: &mut dyn Write, bank: &str, report: &Calibration) -> std::io::Result<()> {
    writeln!(out, "calibration of `{bank}` on {} answers", report.overall.n)?;
    writeln!(out, "overall: {}", figures(&report.overall))?;
    writeln!(
        out,
        "\n{:<28} {:>4} {:>7} {:>7} {:>9} {:>9} {:>9} {:>6}",
        "question", "n", "rubric", "human", "pearson", "spearman", "qwk", "exact"
    )?;
    for q in &report.questions {
        let a = &q.agreement;
        writeln!(
            out,
            "{:<28} {:>4} {:>7} {:>7} {:>9} {:>9} {:>9} {:>6}",
            q.question,
            a.n,
            percent(a.mean_rubric),
            percent(a.mean_human),
            fixed(a.pearson),
            fixed(a.spearman),
            fixed(a.kappa),
            percent(a.exact)
        )?;
    }
    writeln!(out, "\ncriteria: hit rate, mean human score when met / when missed")?;
    for c in &report.criteria {
        let kind = if c.penalty { " (penalty)" } else { "" };
        writeln!(
            out,
            "  {}/{}{kind}: {} hit, human {} / {}",
            c.question,
            c.criterion,
            percent(Some(c.hit_rate)),
            percent(c.human_when_met),
            percent(c.human_when_missed)
        )?;
    }
    writeln!(out, "\nlargest disagreements")?;
    for p in &report.disagreements {
        writeln!(
            out,
            "  {} on `{}`: rubric {}/{}, human {:.1}/{}",
            p.candidate, p.question_id, p.rubric, p.max, p.human, p.max
        )?;
        let answer: String = p.answer.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = answer.chars().take(160).collect();
        let more = if answer.chars().count() > 160 { "…" } else { "" };
        writeln!(out, "    answer: {short}{more}")?;
        let evidence = crate::grade::write::evidence(&p.grade);
        let unmet: Vec<String> = p
            .grade
            .criteria
            .iter()
            .filter(|c| !c.met)
            .map(|c| match &c.why {
                Some(why) => format!("{} ({why})", c.id),
                None => c.id.to_string(),
            })
            .collect();
        writeln!(out, "    evidence: {}", if evidence.is_empty() { "none" } else { &evidence })?;
        if !unmet.is_empty() {
            writeln!(out, "    not met: {}", unmet.join(", "))?;
        }
    }
    Ok(())
}
