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
    /// The human score rounded half-up to whole points (the category kappa and exact agreement
    /// compare), computed exactly from the score as written.
    #[serde(skip)]
    pub category: u32,
    /// The human score as tenths of the maximum, rounded half-up exactly (the overall kappa's
    /// category).
    #[serde(skip)]
    pub tenths: u32,
}

impl Pair {
    /// A pair whose human score `raw` is out of `scale` (`None`: the question's own points):
    /// its categories are rounded half-up from the numbers as written, never from the
    /// floating-point product (19 of 20 on a 9-point question is 8.55 points and 9.5 tenths,
    /// which floating point puts at 9.4999…).
    pub fn new(
        candidate: String,
        question: (usize, String),
        raw: f64,
        scale: Option<f64>,
        answer: String,
        grade: Grade,
    ) -> Self {
        let max = grade.max;
        let of = scale.unwrap_or(f64::from(max));
        let human = match scale {
            Some(scale) => raw / scale * f64::from(max),
            None => raw,
        };
        Self {
            candidate,
            question: question.0,
            question_id: question.1,
            rubric: grade.score,
            human,
            max,
            answer,
            category: if scale.is_some() { half_up(raw, of, max) } else { half_up(raw, 1.0, 1) },
            tenths: half_up(raw, of, OVERALL_BINS),
            grade,
        }
    }

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

/// `value / of × times` rounded half-up, computed exactly on the shortest decimals that read
/// back as `value` and `of` (what a sheet or the command line wrote); in floating point only
/// when those do not fit in 128-bit integers.
pub fn half_up(value: f64, of: f64, times: u32) -> u32 {
    let exact = || {
        let ((top, top_scale), (bottom, bottom_scale)) = (decimal(value)?, decimal(of)?);
        // value / of × times = top·times·10^bottom_scale / (bottom·10^top_scale) = num / den,
        // and half-up is ⌊(2·num + den) / (2·den)⌋.
        let num =
            top.checked_mul(u128::from(times))?.checked_mul(10u128.checked_pow(bottom_scale)?)?;
        let den = bottom.checked_mul(10u128.checked_pow(top_scale)?)?;
        let rounded = num.checked_mul(2)?.checked_add(den)?.checked_div(den.checked_mul(2)?)?;
        u32::try_from(rounded).ok()
    };
    exact().unwrap_or_else(|| (value / of * f64::from(times)).round().max(0.0) as u32)
}

/// A non-negative finite number as `(digits, scale)`, `digits × 10^-scale`: the shortest
/// decimal that reads back as `x` (Rust prints it without an exponent).
fn decimal(x: f64) -> Option<(u128, u32)> {
    if !x.is_finite() || x < 0.0 {
        return None;
    }
    let text = (x + 0.0).to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let scale = u32::try_from(frac.len()).ok()?;
    let digits = int.bytes().chain(frac.bytes()).try_fold(0u128, |n, b| {
        n.checked_mul(10)?.checked_add(u128::from(b.checked_sub(b'0').filter(|d| *d < 10)?))
    })?;
    Some((digits, scale))
}

fn agreement(pairs: &[&Pair], categories: Option<u32>) -> Agreement {
    let (r, h): (Vec<f64>, Vec<f64>) = pairs.iter().map(|p| p.fractions()).unzip();
    let same = pairs.iter().filter(|p| p.rubric == p.category).count();
    let exact = Some(same as f64 / pairs.len().max(1) as f64);
    let kappa = if let Some(max) = categories {
        let a: Vec<u32> = pairs.iter().map(|p| p.rubric).collect();
        let b: Vec<u32> = pairs.iter().map(|p| p.category).collect();
        quadratic_kappa(&a, &b, max)
    } else {
        let a: Vec<u32> = pairs
            .iter()
            .map(|p| half_up(f64::from(p.rubric), f64::from(p.max.max(1)), OVERALL_BINS))
            .collect();
        let b: Vec<u32> = pairs.iter().map(|p| p.tenths).collect();
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

#[cfg(test)]
mod tests {
    use super::half_up;

    #[test]
    fn halfway_scores_round_up_exactly() {
        // 19 of 20 on a 9-point question: 9.5 tenths, which `19.0 / 20.0 * 9.0 / 9.0 * 10.0`
        // puts at 9.499999999999998.
        let floating = |value: f64, of: f64, times: f64| value / of * times;
        assert!(floating(floating(19.0, 20.0, 9.0), 9.0, 10.0) < 9.5);
        assert_eq!(half_up(19.0, 20.0, 10), 10);
        assert_eq!(half_up(19.0, 20.0, 9), 9, "8.55 points");
        // 1.65 of 3 on a 10-point question is 5.5 points; floating point gives 5.4999….
        assert!(floating(1.65, 3.0, 10.0) < 5.5);
        assert_eq!(half_up(1.65, 3.0, 10), 6);
        assert_eq!(half_up(2.5, 1.0, 1), 3);
        assert_eq!(half_up(2.49, 1.0, 1), 2);
        assert_eq!(half_up(0.0, 1.0, 1), 0);
        assert_eq!(half_up(-0.0, 1.0, 1), 0);
        // Too many digits for 128 bits: floating point, still half-up.
        assert_eq!(half_up(1e-300, 1.0, 1), 0);
    }
}
