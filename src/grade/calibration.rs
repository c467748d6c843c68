//! Calibration: how closely rubric scores follow human scores, overall, per question and per
//! criterion, and which answers disagree most — what a rubric author reads to tune a rubric.

use serde::Serialize;

use super::stats::{mean, pearson, quadratic_kappa, spearman};
use crate::model::{Bank, RubricList};
use crate::rubric::Grade;

/// Bins of the overall kappa: fractions of the maximum rounded to tenths (0..=10), so questions
/// worth different points share one scale.
pub const OVERALL_BINS: u32 = 10;

/// One answer scored by both the rubric and a human.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    /// Candidate name.
    pub candidate: String,
    /// Question index in the bank.
    #[serde(skip)]
    pub question: usize,
    /// Question id.
    pub question_id: String,
    /// Rubric points.
    pub rubric: u32,
    /// Human points on the question's scale.
    pub human: f64,
    /// The question's maximum.
    pub max: u32,
    /// The answer text.
    pub answer: String,
    /// The rubric's grade, with evidence.
    pub grade: Grade,
}

impl Pair {
    fn fractions(&self) -> (f64, f64) {
        let max = f64::from(self.max.max(1));
        (f64::from(self.rubric) / max, self.human / max)
    }

    /// Distance between the two scores as a fraction of the maximum.
    pub fn gap(&self) -> f64 {
        let (r, h) = self.fractions();
        (r - h).abs()
    }
}

/// Agreement figures over a set of pairs.
#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    /// Pairs compared.
    pub n: usize,
    /// Pearson correlation.
    pub pearson: Option<f64>,
    /// Spearman rank correlation.
    pub spearman: Option<f64>,
    /// Quadratic weighted kappa.
    pub kappa: Option<f64>,
    /// Share of pairs where the rubric gave the (rounded) human score exactly.
    pub exact: Option<f64>,
    /// Mean rubric score as a fraction of the maximum.
    pub mean_rubric: Option<f64>,
    /// Mean human score as a fraction of the maximum.
    pub mean_human: Option<f64>,
}

fn agreement(pairs: &[&Pair], categories: Option<u32>) -> Agreement {
    let (r, h): (Vec<f64>, Vec<f64>) = pairs.iter().map(|p| p.fractions()).unzip();
    let same = pairs.iter().filter(|p| p.rubric == p.human.round() as u32).count();
    let exact = Some(same as f64 / pairs.len().max(1) as f64);
    let kappa = if let Some(max) = categories {
        let a: Vec<u32> = pairs.iter().map(|p| p.rubric).collect();
        let b: Vec<u32> = pairs.iter().map(|p| p.human.round() as u32).collect();
        quadratic_kappa(&a, &b, max)
    } else {
        let bin = |x: f64| (x * f64::from(OVERALL_BINS)).round() as u32;
        let a: Vec<u32> = r.iter().map(|&x| bin(x)).collect();
        let b: Vec<u32> = h.iter().map(|&x| bin(x)).collect();
        quadratic_kappa(&a, &b, OVERALL_BINS)
    };
    Agreement {
        n: pairs.len(),
        pearson: pearson(&r, &h),
        spearman: spearman(&r, &h),
        kappa: if pairs.is_empty() { None } else { kappa },
        exact: if pairs.is_empty() { None } else { exact },
        mean_rubric: mean(&r),
        mean_human: mean(&h),
    }
}

/// Agreement on one question.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionAgreement {
    /// Question id.
    pub question: String,
    /// Maximum points.
    pub max: u32,
    /// The figures (kappa on the question's own points scale).
    #[serde(flatten)]
    pub agreement: Agreement,
}

/// How one criterion (or penalty) relates to the human scores.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionAgreement {
    /// Question id.
    pub question: String,
    /// Criterion id.
    pub criterion: String,
    /// Whether it is a penalty.
    pub penalty: bool,
    /// Share of answers that met it.
    pub hit_rate: f64,
    /// Mean human fraction of the answers that met it.
    pub human_when_met: Option<f64>,
    /// Mean human fraction of the answers that did not.
    pub human_when_missed: Option<f64>,
}

/// The calibration report.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    /// All questions together (kappa on tenths of the maximum).
    pub overall: Agreement,
    /// Per question, in bank order.
    pub questions: Vec<QuestionAgreement>,
    /// Per criterion and penalty.
    pub criteria: Vec<CriterionAgreement>,
    /// The answers with the largest disagreement, largest first.
    pub disagreements: Vec<Pair>,
}

/// Computes the calibration of `pairs`, keeping the `top` largest disagreements.
pub fn calibrate(bank: &Bank, pairs: &[Pair], top: usize) -> Calibration {
    let all: Vec<&Pair> = pairs.iter().filter(|p| p.max > 0).collect();
    let mut questions = Vec::new();
    let mut criteria = Vec::new();
    for (qi, q) in bank.questions.iter().enumerate() {
        let mine: Vec<&Pair> = all.iter().copied().filter(|p| p.question == qi).collect();
        if mine.is_empty() {
            continue;
        }
        let max = q.max_points();
        questions.push(QuestionAgreement {
            question: q.id.to_string(),
            max,
            agreement: agreement(&mine, Some(max)),
        });
        let Some(rubric) = &q.rubric else { continue };
        for entry in rubric.entries() {
            let met =
                |p: &Pair| p.grade.results(entry.list).get(entry.index).is_some_and(|r| r.met);
            let (hit, miss): (Vec<&Pair>, Vec<&Pair>) = mine.iter().partition(|p| met(p));
            let human =
                |ps: &[&Pair]| mean(&ps.iter().map(|p| p.fractions().1).collect::<Vec<_>>());
            criteria.push(CriterionAgreement {
                question: q.id.to_string(),
                criterion: entry.criterion.id.to_string(),
                penalty: entry.list == RubricList::Penalties,
                hit_rate: hit.len() as f64 / mine.len() as f64,
                human_when_met: human(&hit),
                human_when_missed: human(&miss),
            });
        }
    }
    let mut worst: Vec<&Pair> = all.iter().copied().filter(|p| p.gap() > 0.0).collect();
    worst.sort_by(|a, b| b.gap().total_cmp(&a.gap()));
    Calibration {
        overall: agreement(&all, None),
        questions,
        criteria,
        disagreements: worst.into_iter().take(top).cloned().collect(),
    }
}
