//! Statistics: item analysis as Moodle's quiz statistics compute it, Cronbach's alpha, and the
//! agreement measures of calibration (Pearson, Spearman, quadratic weighted kappa).
//!
//! Facility index = 100 × mean mark / max mark. Discrimination index = 100 × the Pearson
//! correlation between the item's marks and the marks on the rest of the test (total − item),
//! with sample (n − 1) variances, over candidates who answered the item — as
//! `question/classes/statistics/questions/calculator.php` in Moodle does.

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
    /// Answers graded.
    pub n: u64,
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
    /// Share of the answers that met it, 0 to 1.
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
    /// Percent per topic of the test, in blueprint order.
    pub topics: Vec<Option<f64>>,
}

/// Everything the outputs report about a cohort.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Questions that received at least one answer (the "test"), in bank order.
    pub items: Vec<Item>,
    /// One row per candidate, in order of first appearance.
    pub candidates: Vec<CandidateTotal>,
    /// Topic ids of the test (columns of `candidates.csv`).
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

/// Analyzes a cohort.
pub fn analyze(bank: &Bank, cohort: &Cohort, names: &[String]) -> Analysis {
    let test: Vec<usize> = (0..cohort.questions).filter(|&q| cohort.answered[q] > 0).collect();
    let maxes: Vec<u32> = bank.questions.iter().map(crate::model::Question::max_points).collect();
    let candidates = cohort.candidates();
    let matrix: Vec<Vec<f64>> = (0..candidates)
        .map(|c| test.iter().map(|&q| f64::from(cohort.score(c, q).unwrap_or(0))).collect())
        .collect();
    let totals: Vec<f64> = matrix.iter().map(|r| r.iter().sum()).collect();
    let items = test
        .iter()
        .enumerate()
        .map(|(col, &q)| {
            let question = &bank.questions[q];
            let answered: Vec<usize> =
                (0..candidates).filter(|&c| cohort.score(c, q).is_some()).collect();
            let marks: Vec<f64> = answered.iter().map(|&c| matrix[c][col]).collect();
            let rest: Vec<f64> = answered.iter().map(|&c| totals[c] - matrix[c][col]).collect();
            let mean = mean(&marks).unwrap_or(0.0);
            let max = maxes[q];
            let facility = (max > 0).then(|| 100.0 * mean / f64::from(max));
            let discrimination = pearson(&marks, &rest).map(|r| 100.0 * r);
            let n = cohort.answered[q];
            let rate = |hits: &[u64], ids: Vec<String>| {
                ids.into_iter()
                    .zip(hits)
                    .map(|(id, &h)| Rate { id, rate: h as f64 / n as f64 })
                    .collect()
            };
            let rubric = question.rubric.as_ref();
            let criteria = match rubric {
                Some(r) => rate(
                    &cohort.criterion_hits[q],
                    r.criteria.iter().map(|c| c.id.to_string()).collect(),
                ),
                None => rate(&cohort.criterion_hits[q], vec!["correct".to_owned()]),
            };
            let penalties = rubric.map_or_else(Vec::new, |r| {
                rate(
                    &cohort.penalty_hits[q],
                    r.penalties.iter().map(|c| c.id.to_string()).collect(),
                )
            });
            let mut flags = Vec::new();
            if facility.is_some_and(|f| f >= TOO_EASY) {
                flags.push("too-easy");
            }
            if facility.is_some_and(|f| f <= TOO_HARD) {
                flags.push("too-hard");
            }
            if candidates >= MIN_RELIABLE && discrimination.is_some_and(|d| d < 0.0) {
                flags.push("negative-discrimination");
            }
            Item {
                id: question.id.to_string(),
                topic: question.topic.to_string(),
                kind: question.kind.as_str(),
                n,
                mean,
                max,
                sd: variance(&marks).map(f64::sqrt),
                facility,
                discrimination,
                criteria,
                penalties,
                flags,
            }
        })
        .collect();
    // The test's topics (blueprint order, then the others as met) and, for each, the columns
    // of its questions: grouped once, not scanned per topic and candidate.
    let blueprint: std::collections::HashMap<&str, (usize, &str)> = bank
        .blueprint
        .iter()
        .flat_map(|b| b.topics.iter().enumerate())
        .rev()
        .map(|(i, t)| (t.id.as_str(), (i, t.title.as_str())))
        .collect();
    let mut columns: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    let mut topics: Vec<(String, String)> = Vec::new();
    for (col, &q) in test.iter().enumerate() {
        let id = bank.questions[q].topic.as_str();
        let group = columns.entry(id).or_default();
        if group.is_empty() {
            let title = blueprint.get(id).map_or(id, |&(_, title)| title);
            topics.push((id.to_owned(), title.to_owned()));
        }
        group.push(col);
    }
    topics.sort_by_key(|(id, _)| blueprint.get(id.as_str()).map_or(usize::MAX, |&(i, _)| i));
    let topic_columns: Vec<&[usize]> = topics
        .iter()
        .map(|(id, _)| columns.get(id.as_str()).map_or(&[][..], Vec::as_slice))
        .collect();
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
        alpha: cronbach_alpha(&matrix),
        mean_percent: mean(&percents),
        candidates: candidate_rows,
        topics,
        reliable: candidates >= MIN_RELIABLE,
    }
}
