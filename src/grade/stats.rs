//! Statistics: item analysis as Moodle's quiz statistics compute it, Cronbach's alpha, and the
//! agreement measures of calibration (Pearson, Spearman, quadratic weighted kappa).
//!
//! Facility index = 100 × mean mark / max mark. Discrimination index = 100 × the Pearson
//! correlation between the item's marks and the marks on the rest of the test (total − item),
//! with sample (n − 1) variances, over every candidate of the cohort — as
//! `question/classes/statistics/questions/calculator.php` in Moodle does: every attempt has a
//! latest step for every slot, and an unanswered question's mark is 0. A candidate without an
//! answer to an asked question (a long sheet that leaves out the row) therefore counts as 0 in
//! the item's n, mean, sd, facility, discrimination and hit rates, as in the totals and alpha.
//! A question no sheet asks is left out of everything (see [`Analysis::not_asked`]).

use serde::Serialize;

pub use super::measures::{cronbach_alpha, mean, pearson, quadratic_kappa, spearman, variance};

use super::cohort::Cohort;
use crate::model::Bank;

/// Item analysis of one question.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Question id.
    pub id: String,
    /// Topic id.
    pub topic: String,
    /// Question type.
    pub kind: &'static str,
    /// Candidates counted: the whole cohort, an absent answer counting 0 points.
    pub n: u64,
    /// Answers graded (rows or cells the sheets hold for the question).
    pub answered: u64,
    /// Mean points.
    pub mean: f64,
    /// Maximum points.
    pub max: u32,
    /// Standard deviation of the points.
    pub sd: Option<f64>,
    /// Facility index, percent.
    pub facility: Option<f64>,
    /// Discrimination index, percent (item vs rest of test).
    pub discrimination: Option<f64>,
    /// Hit rate of each criterion, in rubric order (`correct` for exactly graded questions).
    pub criteria: Vec<Rate>,
    /// Hit rate of each penalty, in rubric order.
    pub penalties: Vec<Rate>,
    /// `too-easy`, `too-hard`, `negative-discrimination`.
    pub flags: Vec<&'static str>,
}

/// How often a criterion was met.
#[derive(Debug, Clone, Serialize)]
pub struct Rate {
    /// The criterion id.
    pub id: String,
    /// Share of the candidates whose answer met it, 0 to 1 (an absent answer meets nothing).
    pub rate: f64,
}

/// A candidate's totals.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateTotal {
    /// Candidate name.
    pub candidate: String,
    /// Points over the test.
    pub total: u32,
    /// Maximum over the test.
    pub max: u32,
    /// `100 × total / max`.
    pub percent: f64,
    /// Percent per topic, in the order of [`Analysis::topics`]; `None` for a topic with no
    /// asked question (a blank, not 0%).
    pub topics: Vec<Option<f64>>,
}

/// Everything the outputs report about a cohort.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// The questions some sheet asks (the "test"), in bank order.
    pub items: Vec<Item>,
    /// Ids of the questions no sheet asks (no wide column in any sheet, no long row), in bank
    /// order: left out of the items, the maximum and the statistics.
    pub not_asked: Vec<String>,
    /// One row per candidate, in order of first appearance.
    pub candidates: Vec<CandidateTotal>,
    /// Topics of the bank as `(id, title)`, blueprint order first (columns of
    /// `candidates.csv`); a topic whose questions are all not asked has a `None` percent.
    pub topics: Vec<(String, String)>,
    /// Cronbach's alpha of the test.
    pub alpha: Option<f64>,
    /// Mean percent over candidates.
    pub mean_percent: Option<f64>,
    /// Whether the cohort is large enough ([`MIN_RELIABLE`]) for alpha and discrimination to
    /// mean something; below it they are shown as unreliable and raise no flag.
    pub reliable: bool,
}

/// Candidates below which Cronbach's alpha and discrimination are too unstable to act on.
pub const MIN_RELIABLE: usize = 30;

/// Thresholds of the item flags.
pub const TOO_EASY: f64 = 90.0;
/// Facility at or below which an item is flagged too hard.
pub const TOO_HARD: f64 = 10.0;

/// Analyzes a cohort. `asked[q]` says whether some sheet asks question `q`.
pub fn analyze(bank: &Bank, cohort: &Cohort, names: &[String], asked: &[bool]) -> Analysis {
    let test: Vec<usize> =
        (0..cohort.questions).filter(|&q| asked.get(q).copied().unwrap_or(false)).collect();
    let maxes: Vec<u32> = bank.questions.iter().map(crate::model::Question::max_points).collect();
    let candidates = cohort.candidates();
    // Candidates × asked questions; an absent answer is 0, as in Moodle.
    let matrix: Vec<Vec<f64>> = (0..candidates)
        .map(|c| test.iter().map(|&q| f64::from(cohort.score(c, q).unwrap_or(0))).collect())
        .collect();
    let totals: Vec<f64> = matrix.iter().map(|r| r.iter().sum()).collect();
    let items = test
        .iter()
        .enumerate()
        .map(|(col, &q)| item(bank, cohort, q, maxes[q], &matrix, &totals, col))
        .collect();
    let (topics, topic_columns) = topics_of(bank, &test);
    let test_max: u32 = test.iter().map(|&q| maxes[q]).sum();
    let candidate_rows: Vec<CandidateTotal> = (0..candidates)
        .map(|c| {
            let total = totals[c] as u32;
            let topic_percent = topic_columns
                .iter()
                .map(|cols| {
                    let (got, max) = cols.iter().fold((0.0, 0u32), |(g, m), &col| {
                        (g + matrix[c][col], m + maxes[test[col]])
                    });
                    (max > 0).then(|| 100.0 * got / f64::from(max))
                })
                .collect();
            CandidateTotal {
                candidate: names.get(c).cloned().unwrap_or_default(),
                total,
                max: test_max,
                percent: if test_max > 0 {
                    100.0 * f64::from(total) / f64::from(test_max)
                } else {
                    0.0
                },
                topics: topic_percent,
            }
        })
        .collect();
    let percents: Vec<f64> = candidate_rows.iter().map(|c| c.percent).collect();
    Analysis {
        items,
        not_asked: (0..cohort.questions)
            .filter(|q| !test.contains(q))
            .map(|q| bank.questions[q].id.to_string())
            .collect(),
        alpha: cronbach_alpha(&matrix),
        mean_percent: mean(&percents),
        candidates: candidate_rows,
        topics,
        reliable: candidates >= MIN_RELIABLE,
    }
}

/// The item analysis of question `q`, column `col` of `matrix`, over every candidate.
fn item(
    bank: &Bank,
    cohort: &Cohort,
    q: usize,
    max: u32,
    matrix: &[Vec<f64>],
    totals: &[f64],
    col: usize,
) -> Item {
    let question = &bank.questions[q];
    let marks: Vec<f64> = matrix.iter().map(|row| row[col]).collect();
    let rest: Vec<f64> = matrix.iter().zip(totals).map(|(row, t)| t - row[col]).collect();
    let mean = mean(&marks).unwrap_or(0.0);
    let facility = (max > 0 && !marks.is_empty()).then(|| 100.0 * mean / f64::from(max));
    let discrimination = pearson(&marks, &rest).map(|r| 100.0 * r);
    let n = marks.len() as u64;
    let rate = |hits: &[u64], ids: Vec<String>| {
        ids.into_iter()
            .zip(hits)
            .map(|(id, &h)| Rate { id, rate: if n > 0 { h as f64 / n as f64 } else { 0.0 } })
            .collect()
    };
    let rubric = question.rubric.as_ref();
    let criteria = match rubric {
        Some(r) => {
            rate(&cohort.criterion_hits[q], r.criteria.iter().map(|c| c.id.to_string()).collect())
        }
        None => rate(&cohort.criterion_hits[q], vec!["correct".to_owned()]),
    };
    let penalties = rubric.map_or_else(Vec::new, |r| {
        rate(&cohort.penalty_hits[q], r.penalties.iter().map(|c| c.id.to_string()).collect())
    });
    let mut flags = Vec::new();
    if facility.is_some_and(|f| f >= TOO_EASY) {
        flags.push("too-easy");
    }
    if facility.is_some_and(|f| f <= TOO_HARD) {
        flags.push("too-hard");
    }
    // Below `MIN_RELIABLE` candidates a negative discrimination is noise, not a finding.
    if matrix.len() >= MIN_RELIABLE && discrimination.is_some_and(|d| d < 0.0) {
        flags.push("negative-discrimination");
    }
    Item {
        id: question.id.to_string(),
        topic: question.topic.to_string(),
        kind: question.kind.as_str(),
        n,
        answered: cohort.answered[q],
        mean,
        max,
        sd: variance(&marks).map(f64::sqrt),
        facility,
        discrimination,
        criteria,
        penalties,
        flags,
    }
}

/// The bank's topics as `(id, title)` (blueprint order, then the others as the questions meet
/// them) and, for each, the columns of its asked questions: grouped once, not scanned per
/// topic and candidate. A topic with no asked question has no column.
fn topics_of(bank: &Bank, test: &[usize]) -> (Vec<(String, String)>, Vec<Vec<usize>>) {
    let mut topics: Vec<(String, String)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut add = |id: &str, title: &str, topics: &mut Vec<(String, String)>| {
        index.entry(id.to_owned()).or_insert_with(|| {
            topics.push((id.to_owned(), title.to_owned()));
            topics.len() - 1
        });
    };
    for t in bank.blueprint.iter().flat_map(|b| &b.topics) {
        add(t.id.as_str(), t.title.as_str(), &mut topics);
    }
    for q in &bank.questions {
        add(q.topic.as_str(), q.topic.as_str(), &mut topics);
    }
    let mut columns = vec![Vec::new(); topics.len()];
    for (col, &q) in test.iter().enumerate() {
        if let Some(&t) = index.get(bank.questions[q].topic.as_str()) {
            columns[t].push(col);
        }
    }
    (topics, columns)
}
