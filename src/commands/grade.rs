//! `qbank grade BANK SHEET... -o DIR`: grade answer sheets and write scores, candidate totals,
//! item analysis, rejected rows, an HTML report and a page per candidate.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use serde::Serialize;

use crate::ExitStatus;
use crate::grade::answers::AnswerStore;
use crate::grade::cohort::Cohort;
use crate::grade::keep::Keep;
use crate::grade::overrides::{Applied, Overrides};
use crate::grade::publish::{self, Ranked};
use crate::grade::write::{self, CsvOut, ScoreColumns, ScoreRow};
use crate::grade::{ColumnNames, EXCEL_HINT, GradeError, Layout, ranking, stats, stream};
use crate::model::{Bank, Id};
use crate::rubric::{QuestionGrader, Vocabulary};

/// Arguments of `qbank grade`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bank whose rubrics grade the answers.
    pub bank: PathBuf,
    /// Answer sheets (CSV: comma, semicolon, tab or pipe; UTF-8 or UTF-16, or `--encoding`).
    #[arg(required = true, value_name = "SHEET")]
    pub sheets: Vec<PathBuf>,
    /// Directory for scores.csv, candidates.csv, items.csv, rejected.csv, report.html and a
    /// page per candidate in candidates/.
    #[arg(short, long, value_name = "DIR", default_value = "grades")]
    pub out: PathBuf,
    #[command(flatten)]
    pub sheet: SheetArgs,
    /// Pass mark, a percent of the maximum: the report says pass or fail for each candidate.
    #[arg(long, value_name = "PERCENT", value_parser = ranking::parse_pass_mark)]
    pub pass_mark: Option<f64>,
    /// Score corrections, a CSV file `candidate,question,points,reason`: totals, ranks,
    /// pass/fail and statistics use them, and the report shows each with its reason.
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
    /// Add the answer text to scores.csv (an `answer` column).
    #[arg(long)]
    pub with_answers: bool,
    /// Print a JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// How to read answer sheets (shared with `calibrate`).
#[derive(Debug, Clone, clap::Args)]
pub struct SheetArgs {
    /// Sheet layout: `long` (candidate,question,answer rows), `wide` (a column per question,
    /// headed by its id or prompt, as form tools export) or `auto`.
    #[arg(long, value_enum, default_value_t = Layout::Auto)]
    pub layout: Layout,
    /// The column naming the candidate (default: `candidate`; wide sheets also try `email`,
    /// `email address`, `recipient email`, `username`, `name`, `id`).
    #[arg(long, value_name = "COL")]
    pub candidate_col: Option<String>,
    /// The question id column of a long sheet.
    #[arg(long, value_name = "COL", default_value = "question")]
    pub question_col: String,
    /// The answer column of a long sheet.
    #[arg(long, value_name = "COL", default_value = "answer")]
    pub answer_col: String,
    /// Field delimiter (one character, or `tab`); when absent, named by an Excel `sep=` first
    /// line or sniffed from the first rows.
    #[arg(long, value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Character encoding of the sheets, a WHATWG label such as `windows-1252` (Excel's plain
    /// CSV in Western Europe and the Americas), `latin1`, `shift_jis` or `utf-16le`; a BOM wins.
    /// Default: UTF-8, or UTF-16 told by a BOM or by NUL bytes.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<&'static Encoding>,
    /// A wide sheet's column that answers a question its header does not name, as
    /// `HEADER=QUESTION-ID` (repeatable): Moodle's `Response 1`, a form's shortened title.
    #[arg(long = "column", value_name = "HEADER=ID", value_parser = parse_mapping)]
    pub columns: Vec<(String, String)>,
    /// A wide sheet's column that is no question of the bank, though its heading reads as one
    /// (repeatable): it is neither graded nor refused.
    #[arg(long = "ignore-column", value_name = "HEADER")]
    pub ignore_columns: Vec<String>,
    /// Which submission of a candidate who submitted more than once is graded: the `first` or
    /// the `last`, by the submission-time column (`Timestamp`, `Completion time`, …) when the
    /// sheets have one, else by file order. The others go to rejected.csv.
    #[arg(long, value_enum, default_value_t = Keep::First)]
    pub keep: Keep,
}

fn parse_mapping(s: &str) -> Result<(String, String), String> {
    match s.rsplit_once('=') {
        Some((header, id)) if !header.trim().is_empty() && !id.trim().is_empty() => {
            Ok((header.trim().to_owned(), id.trim().to_owned()))
        }
        _ => Err(format!(
            "`{s}` is not `HEADER=QUESTION-ID`, such as `Response 1=consistent-hashing`"
        )),
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!("`{s}` is not one ASCII character; use `,`, `;`, `tab` or `|`")),
    }
}

/// An encoding by its WHATWG label (`latin1` is `windows-1252`, as browsers read it).
fn parse_encoding(s: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(s.trim().as_bytes())
        .filter(|&e| e != encoding_rs::REPLACEMENT)
        .ok_or_else(|| {
            format!(
                "`{s}` is not an encoding label; use one such as `utf-8`, `windows-1252`, `latin1` or `utf-16le`"
            )
        })
}

/// Says once, before the count, how to read a sheet whose rows were rejected as not UTF-8.
pub fn encoding_hint(tally: &stream::Tally, stderr: &mut dyn Write) -> std::io::Result<()> {
    match tally.not_utf8 {
        0 => Ok(()),
        1 => writeln!(stderr, "help: 1 row is not UTF-8; {EXCEL_HINT}"),
        n => writeln!(stderr, "help: {n} rows are not UTF-8; {EXCEL_HINT}"),
    }
}

impl SheetArgs {
    /// The stream options these flags describe.
    pub fn options(&self, human: Option<String>) -> stream::Options {
        stream::Options {
            layout: self.layout,
            names: ColumnNames {
                candidate: self.candidate_col.clone(),
                question: Some(self.question_col.clone()),
                answer: Some(self.answer_col.clone()),
                human,
                mapped: self.columns.clone(),
                ignored: self.ignore_columns.clone(),
            },
            delimiter: self.delimiter,
            encoding: self.encoding,
            progress: std::io::stderr().is_terminal(),
            keep: self.keep,
        }
    }
}

/// Loads a bank and compiles a grader per question; on failure writes the reasons to `stderr`
/// and returns the exit status.
pub fn prepare(
    path: &Path,
    stderr: &mut dyn Write,
) -> anyhow::Result<Result<(Bank, Vec<QuestionGrader>), ExitStatus>> {
    let bank = match super::valid_bank(path, "was graded", stderr)? {
        Ok(bank) => bank,
        Err(status) => return Ok(Err(status)),
    };
    let mut graders = Vec::with_capacity(bank.questions.len());
    for q in &bank.questions {
        match QuestionGrader::new(q, Vocabulary::of(&bank)) {
            Ok(g) => graders.push(g),
            Err(e) => {
                writeln!(stderr, "error: question `{}`: {e}", q.id)?;
                return Ok(Err(ExitStatus::Failure));
            }
        }
    }
    Ok(Ok((bank, graders)))
}

/// Reports a grading error with the right exit status.
pub fn fail(e: &GradeError, stderr: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    writeln!(stderr, "error: {e}")?;
    Ok(if e.is_io() { ExitStatus::Error } else { ExitStatus::Failure })
}

/// Grades the sheets; exit 0 when every row was graded, 1 when rows were rejected or a sheet is
/// unusable, 2 on I/O errors.
pub fn run(
    args: &Args,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let (bank, graders) = match prepare(&args.bank, stderr)? {
        Ok(prepared) => prepared,
        Err(status) => return Ok(status),
    };
    if args.out.exists() && !args.out.is_dir() {
        writeln!(
            stderr,
            "error: `{}` is a file; `-o` names the folder for the outputs",
            args.out.display()
        )?;
        writeln!(stderr, "help: pass a folder (created when missing), such as `-o grades`")?;
        return Ok(ExitStatus::Error);
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        writeln!(stderr, "error: cannot create the folder `{}`: {e}", args.out.display())?;
        return Ok(ExitStatus::Error);
    }
    if refuse_repeated_sheet(&args.sheets, stderr)? {
        return Ok(ExitStatus::Error);
    }
    let outputs = ["scores.csv", "candidates.csv", "items.csv", "rejected.csv", "report.html"];
    let pages = std::fs::canonicalize(args.out.join("candidates")).ok();
    for sheet in args.sheets.iter().chain(&args.overrides) {
        let sheet_path = std::fs::canonicalize(sheet).ok();
        let in_pages = matches!((&sheet_path, &pages), (Some(s), Some(p)) if s.starts_with(p));
        for name in outputs {
            let out = std::fs::canonicalize(args.out.join(name)).ok();
            if in_pages || (sheet_path.is_some() && sheet_path == out) {
                writeln!(
                    stderr,
                    "error: `{}` is an input and an output; qbank never overwrites an input\nhelp: pass another `-o DIR`",
                    sheet.display()
                )?;
                return Ok(ExitStatus::Error);
            }
        }
    }
    let Graded { tally, ignored, analysis, overrides, ranking } = match grade(args, &bank, &graders)
    {
        Ok(done) => done,
        Err(e) => return fail(&e, stderr),
    };
    for (sheet, columns) in ignored.iter().filter(|(_, c)| !c.is_empty()) {
        let list: Vec<String> = columns.iter().map(|c| format!("`{c}`")).collect();
        writeln!(stderr, "note: `{}`: ignored columns {}", sheet.display(), list.join(", "))?;
    }
    encoding_hint(&tally, stderr)?;
    let noun = if args.sheets.len() == 1 { "sheet" } else { "sheets" };
    let see = if tally.rejected > 0 {
        format!(" (see `{}`)", args.out.join("rejected.csv").display())
    } else {
        String::new()
    };
    let count = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        stderr,
        "{} read from {} {noun}: {} graded ({}, {}), {} rejected{see}",
        count(tally.read, "row", "rows"),
        args.sheets.len(),
        tally.graded,
        count(tally.answers, "answer", "answers"),
        count(analysis.candidates.len() as u64, "candidate", "candidates"),
        tally.rejected,
    )?;
    if !analysis.not_asked.is_empty() {
        let list: Vec<String> = analysis.not_asked.iter().map(|q| format!("`{q}`")).collect();
        writeln!(
            stderr,
            "note: not asked by any sheet, so left out of the maximum and the statistics: {}",
            list.join(", ")
        )?;
    }
    if args.json {
        let summary = Summary {
            bank: &bank.id,
            out: &args.out,
            rows: &tally,
            candidates: analysis.candidates.len(),
            mean_percent: analysis.mean_percent,
            alpha: analysis.alpha,
            reliable: analysis.reliable,
            pass_mark: args.pass_mark,
            items: &analysis.items,
            not_asked: &analysis.not_asked,
            overrides: &overrides,
            ranking: &ranking,
        };
        // Written as it is serialized: a large cohort's ranking is tens of megabytes of JSON.
        let mut out = std::io::BufWriter::new(&mut *stdout);
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
        out.flush()?;
    }
    Ok(if tally.rejected > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

/// What `grade --json` prints, in this order.
#[derive(Serialize)]
struct Summary<'a> {
    bank: &'a Id,
    out: &'a Path,
    rows: &'a stream::Tally,
    candidates: usize,
    mean_percent: Option<f64>,
    alpha: Option<f64>,
    reliable: bool,
    pass_mark: Option<f64>,
    items: &'a [stats::Item],
    not_asked: &'a [String],
    overrides: &'a [Applied],
    ranking: &'a [Ranked],
}

/// What a grading run leaves for the summary.
struct Graded {
    tally: stream::Tally,
    ignored: Vec<(PathBuf, Vec<String>)>,
    analysis: stats::Analysis,
    overrides: Vec<Applied>,
    /// Built only for `--json`.
    ranking: Vec<Ranked>,
}

/// Streams the sheets into `scores.csv` and `rejected.csv`, then writes the cohort files.
fn grade(args: &Args, bank: &Bank, graders: &[QuestionGrader]) -> Result<Graded, GradeError> {
    let dir = &args.out;
    let overrides = match &args.overrides {
        Some(path) => Overrides::read(path, bank)?,
        None => Overrides::default(),
    };
    let columns =
        ScoreColumns { rubric_points: args.overrides.is_some(), answer: args.with_answers };
    let mut scores = CsvOut::create(&dir.join("scores.csv"), &columns.header())?;
    let mut rejected = CsvOut::create(&dir.join("rejected.csv"), &write::REJECTED_HEADER)?;
    let mut store = AnswerStore::create(dir)?;
    let mut cohort = Cohort::new(bank);
    let mut buf = String::new();
    let stream::Streamed { tally, ignored, candidates: names, asked } = stream::stream(
        bank,
        graders,
        &args.sheets,
        args.sheet.options(None),
        |chunk, grades, names| {
            for r in &chunk.rejected {
                write::rejected_row(&mut rejected, r)?;
            }
            for (answer, grade) in chunk.answers.iter().zip(grades) {
                let candidate = names.get(answer.candidate as usize).map_or("", String::as_str);
                let text = chunk.text(answer);
                let overridden = overrides.get(candidate, answer.question).map(|o| o.points);
                let row = ScoreRow { candidate, answer, text, grade, overridden };
                write::score_row(&mut scores, bank, columns, &row, &mut buf)?;
                store.add(answer.candidate, answer.question, text, grade)?;
            }
            cohort.add(chunk, grades);
            Ok(())
        },
    )?;
    let applied = overrides.apply(bank, &mut cohort, &names)?;
    let analysis = stats::analyze(bank, &cohort, &names, &asked);
    let inputs = publish::Inputs {
        bank,
        tally: &tally,
        analysis: &analysis,
        overrides: &applied,
        pass_mark: args.pass_mark,
    };
    let published = publish::publish(dir, &inputs, store.reader()?)?;
    let ranking = if args.json {
        publish::ranking(&published, &analysis, args.pass_mark)
    } else {
        Vec::new()
    };
    // Every output is written before any is renamed into place: the folder never holds a mix
    // of this run's files and an earlier run's.
    let staged = vec![
        scores.finish()?,
        rejected.finish()?,
        write::candidates(&dir.join("candidates.csv"), &analysis)?,
        write::items(&dir.join("items.csv"), &analysis, bank)?,
        published.report,
    ];
    write::commit_all(staged)?;
    published.pages.commit()?;
    Ok(Graded { tally, ignored, analysis, overrides: applied, ranking })
}

/// One sheet named twice (`*.csv a.csv`) would turn every row of the second reading into a
/// duplicate: says so and returns `true` before anything is read.
pub(super) fn refuse_repeated_sheet(
    sheets: &[PathBuf],
    stderr: &mut dyn Write,
) -> std::io::Result<bool> {
    let mut seen = std::collections::HashSet::new();
    for sheet in sheets {
        if let Ok(real) = std::fs::canonicalize(sheet)
            && !seen.insert(real)
        {
            writeln!(stderr, "error: the sheet `{}` is given twice", sheet.display())?;
            writeln!(stderr, "help: name each sheet once")?;
            return Ok(true);
        }
    }
    Ok(false)
}
