//! Moodle grade fractions for choice options.
//!
//! Moodle's importer accepts only the grades of its own list (`question_bank::fraction_options_full`:
//! 100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
//! 12.5, 11.11111, 10, 5, 0 and their negatives) and a multiple-answer question whose positive
//! grades add up to 100%. The values are written exactly as that list has them.

use crate::model::QuestionType;

/// Moodle's grade options for `k` equally weighted correct options (k = 1..=10).
const EQUAL_SHARES: [&str; 10] =
    ["100", "50", "33.33333", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10"];
/// The same shares negated, for wrong options of a `multiple` question.
const NEGATIVE_SHARES: [&str; 10] = [
    "-100",
    "-50",
    "-33.33333",
    "-25",
    "-20",
    "-16.66667",
    "-14.28571",
    "-12.5",
    "-11.11111",
    "-10",
];

/// The grades of right and wrong options.
pub(super) struct Fractions {
    /// Grades of the right options, in order; the last repeats.
    right: Vec<&'static str>,
    pub(super) wrong: &'static str,
}

impl Fractions {
    pub(super) fn right(&self, index: usize) -> &'static str {
        self.right.get(index).or(self.right.last()).copied().unwrap_or("100")
    }
}

/// Moodle grades: `single` gives the right option 100% and the others 0; `multiple` splits 100%
/// over the right options with values from Moodle's grade list (equal shares up to 10, then 10%
/// and 5% shares up to 20) and gives each wrong option an equal negative share of -100%, so
/// ticking everything scores 0.
pub(super) fn fractions(kind: QuestionType, correct: usize, wrong: usize) -> Option<Fractions> {
    if kind != QuestionType::Multiple {
        return Some(Fractions { right: vec!["100"], wrong: "0" });
    }
    let right = match correct {
        0 => vec!["0"],
        1..=10 => vec![EQUAL_SHARES[correct - 1]],
        11..=20 => {
            let tens = 20 - correct;
            let mut shares = vec!["10"; tens];
            shares.extend(std::iter::repeat_n("5", correct - tens));
            shares
        }
        _ => return None,
    };
    let wrong = match wrong {
        0 => "0",
        1..=10 => NEGATIVE_SHARES[wrong - 1],
        _ => "-10",
    };
    Some(Fractions { right, wrong })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(f: &Fractions, correct: usize) -> f64 {
        (0..correct).map(|i| f.right(i).parse::<f64>().unwrap_or(f64::NAN)).sum()
    }

    #[test]
    fn multiple_answer_fractions_add_up_to_100_for_1_to_20_correct() {
        for correct in 1..=20 {
            let f = fractions(QuestionType::Multiple, correct, 3).expect("representable");
            let total = sum(&f, correct);
            assert!((total - 100.0).abs() < 0.001, "{correct}: {total}");
        }
        assert!(fractions(QuestionType::Multiple, 21, 0).is_none());
        assert_eq!(fractions(QuestionType::Multiple, 2, 4).map(|f| f.wrong), Some("-25"));
        assert_eq!(fractions(QuestionType::Single, 1, 4).map(|f| f.wrong), Some("0"));
    }
}
