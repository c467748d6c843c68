//! `qbank stats BANK`: counts by topic, difficulty and type, against the blueprint.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::ExitStatus;
use crate::model::{Bank, Difficulty};

/// Arguments of `qbank stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bank file.
    pub bank: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Counts of one bank.
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Number of questions.
    pub questions: usize,
    /// Questions per topic, with the blueprint minimum when the blueprint declares one.
    pub topics: BTreeMap<String, TopicCount>,
    /// Questions per difficulty, easiest first.
    pub difficulty: Vec<(&'static str, usize)>,
    /// Questions per type.
    pub types: BTreeMap<&'static str, usize>,
    /// Sum of the maximum points of all questions.
    pub points: u32,
}

/// Questions of one topic.
#[derive(Debug, Serialize)]
pub struct TopicCount {
    /// Questions in the topic.
    pub count: usize,
    /// The blueprint's minimum, if declared.
    pub min: Option<u32>,
}

impl Stats {
    /// Counts a bank.
    pub fn of(bank: &Bank) -> Self {
        let mut topics: BTreeMap<String, TopicCount> = BTreeMap::new();
        for t in bank.blueprint.iter().flat_map(|b| &b.topics) {
            topics.insert(t.id.to_string(), TopicCount { count: 0, min: Some(t.min) });
        }
        let mut difficulty: Vec<(&'static str, usize)> =
            Difficulty::ALL.iter().map(|d| (d.as_str(), 0)).collect();
        let mut types = BTreeMap::new();
        for q in &bank.questions {
            topics
                .entry(q.topic.to_string())
                .or_insert(TopicCount { count: 0, min: None })
                .count += 1;
            difficulty[q.difficulty as usize].1 += 1;
            *types.entry(q.kind.as_str()).or_default() += 1;
        }
        let points = bank.questions.iter().map(crate::model::Question::max_points).sum();
        Self { questions: bank.questions.len(), topics, difficulty, types, points }
    }
}

/// Prints the counts; exit 1 when the bank does not load.
pub fn run(
    args: &Args,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let bank = match super::valid_bank(&args.bank, "counted", stderr)? {
        Ok(bank) => bank,
        Err(status) => return Ok(status),
    };
    let stats = Stats::of(&bank);
    if args.json {
        serde_json::to_writer_pretty(&mut *stdout, &stats)?;
        writeln!(stdout)?;
        return Ok(ExitStatus::Success);
    }
    writeln!(stdout, "{}: {} questions, {} points", bank.id, stats.questions, stats.points)?;
    writeln!(stdout, "\n{:<28} {:>5} {:>5}", "topic", "count", "min")?;
    for (topic, c) in &stats.topics {
        let min = c.min.map_or_else(|| "-".to_owned(), |m| m.to_string());
        let flag = if c.min.is_some_and(|m| c.count < m as usize) { "  below min" } else { "" };
        writeln!(stdout, "{topic:<28} {:>5} {min:>5}{flag}", c.count)?;
    }
    let total = stats.questions.max(1) as f64;
    writeln!(stdout, "\n{:<28} {:>5} {:>6}", "difficulty", "count", "share")?;
    for (d, n) in &stats.difficulty {
        writeln!(stdout, "{d:<28} {n:>5} {:>5.0}%", *n as f64 / total * 100.0)?;
    }
    writeln!(stdout, "\n{:<28} {:>5}", "type", "count")?;
    for (t, n) in &stats.types {
        writeln!(stdout, "{t:<28} {n:>5}")?;
    }
    Ok(ExitStatus::Success)
}
