//! Exact grading of `single`, `multiple`, `true-false` and `short` questions (1 point each).
//!
//! An option is chosen by its text (case, spacing and Markdown emphasis ignored), its letter
//! (`b`, `B)`, `(b)`) or its 1-based number; `multiple` answers are lists separated by `,`, `;`,
//! `|` or line breaks, as form tools export checkboxes, and score only when the chosen set is
//! exactly the correct set. `short` answers match an accepted answer case- and
//! space-insensitively, or a number within the tolerance.

use super::normalize::fold_into;
use super::{CriterionResult, Grade};
use crate::model::{Id, Question, QuestionType};

/// The answer key of an exactly graded question, prepared once.
#[derive(Debug, Clone)]
pub struct ExactKey {
    kind: QuestionType,
    /// Per option: strict form, loose form, correct.
    options: Vec<(String, String, bool)>,
    correct: Option<bool>,
    accept: Vec<(String, String)>,
    numeric: Option<(f64, f64)>,
}

/// Folds, drops Markdown emphasis and a trailing full stop, and collapses spaces.
fn strict(text: &str) -> String {
    let mut folded = String::new();
    fold_into(text, &mut folded);
    let cleaned: String = folded.chars().filter(|c| !matches!(c, '`' | '*' | '_')).collect();
    let joined = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches('.').trim().to_owned()
}

/// The strict form with everything but letters and digits removed.
fn loose(text: &str) -> String {
    let s = strict(text);
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.join(" ")
}

impl ExactKey {
    /// Prepares the key of `question`; open questions get an empty key that scores 0 of 1.
    pub fn new(question: &Question) -> Self {
        Self {
            kind: question.kind,
            options: question
                .options
                .iter()
                .map(|o| (strict(&o.text), loose(&o.text), o.correct))
                .collect(),
            correct: question.correct,
            accept: question.accept.iter().map(|a| (strict(a), loose(a))).collect(),
            numeric: question.numeric.as_ref().map(|n| (n.value, n.tolerance)),
        }
    }

    /// Grades one answer: 1 point when right, 0 otherwise (blank answers included).
    pub fn grade(&self, answer: &str) -> Grade {
        let answer = answer.trim();
        let (met, evidence) = if answer.is_empty() {
            (false, Vec::new())
        } else {
            match self.kind {
                QuestionType::Single => self.single(answer),
                QuestionType::Multiple => self.multiple(answer),
                QuestionType::TrueFalse => self.true_false(answer),
                QuestionType::Short => self.short(answer),
                QuestionType::Open => (false, Vec::new()),
            }
        };
        let result =
            CriterionResult { id: Id("correct".into()), points: 1, met, evidence, why: None };
        Grade { score: u32::from(met), max: 1, criteria: vec![result], penalties: Vec::new() }
    }

    /// The option an answer piece names, by text, letter or number.
    fn option(&self, piece: &str) -> Option<usize> {
        let s = strict(piece);
        if let Some(i) = self.options.iter().position(|o| o.0 == s) {
            return Some(i);
        }
        let l = loose(piece);
        let loose_hits: Vec<usize> =
            (0..self.options.len()).filter(|&i| self.options[i].1 == l).collect();
        if let [only] = loose_hits[..] {
            return Some(only);
        }
        let bare = s.trim_start_matches('(').trim_end_matches([')', '.', ':']);
        let mut chars = bare.chars();
        if let (Some(c @ 'a'..='z'), None) = (chars.next(), chars.next()) {
            let i = (c as u8 - b'a') as usize;
            return (i < self.options.len()).then_some(i);
        }
        bare.parse::<usize>().ok().filter(|&n| n >= 1 && n <= self.options.len()).map(|n| n - 1)
    }

    fn single(&self, answer: &str) -> (bool, Vec<String>) {
        match self.option(answer) {
            Some(i) => (self.options[i].2, vec![answer.to_owned()]),
            None => (false, Vec::new()),
        }
    }

    fn multiple(&self, answer: &str) -> (bool, Vec<String>) {
        if let Some(i) = self.option(answer) {
            let only_one_correct = self.options.iter().filter(|o| o.2).count() == 1;
            return (self.options[i].2 && only_one_correct, vec![answer.to_owned()]);
        }
        let pieces: Vec<&str> =
            answer.split([',', ';', '|', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
        let mut chosen = vec![false; self.options.len()];
        let mut evidence = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            // Option texts may contain commas: take the longest run of pieces naming an option.
            let found = (i..pieces.len()).rev().find_map(|j| {
                let joined = pieces[i..=j].join(", ");
                self.option(&joined).map(|o| (j, o, joined))
            });
            let Some((j, o, joined)) = found else { return (false, evidence) };
            chosen[o] = true;
            evidence.push(joined);
            i = j + 1;
        }
        let right = chosen.iter().zip(&self.options).all(|(&c, o)| c == o.2);
        (right, evidence)
    }

    fn true_false(&self, answer: &str) -> (bool, Vec<String>) {
        let said = match loose(answer).as_str() {
            "true" | "t" | "yes" | "y" | "1" | "correct" | "right" => Some(true),
            "false" | "f" | "no" | "n" | "0" | "incorrect" | "wrong" => Some(false),
            _ => None,
        };
        match said {
            Some(b) => (self.correct == Some(b), vec![answer.to_owned()]),
            None => (false, Vec::new()),
        }
    }

    fn short(&self, answer: &str) -> (bool, Vec<String>) {
        let (s, l) = (strict(answer), loose(answer));
        let (bare_s, bare_l) = (without_article(&s), without_article(&l));
        let text_hit = self.accept.iter().any(|a| without_article(&a.0) == bare_s)
            || self.accept.iter().any(|a| without_article(&a.1) == bare_l);
        let number_hit = self.numeric.is_some_and(|(value, tolerance)| {
            let number = leading_number(&s).or_else(|| {
                let first = l.split(' ').next().unwrap_or_default();
                super::numbers::digits_of(first).and_then(|d| d.parse().ok())
            });
            number.is_some_and(|x| (x - value).abs() <= tolerance + f64::EPSILON)
        });
        if text_hit || number_hit { (true, vec![answer.to_owned()]) } else { (false, Vec::new()) }
    }
}

/// A short answer without its leading article: "a fencing token" answers `fencing token`.
fn without_article(text: &str) -> &str {
    ["a ", "an ", "the "].iter().find_map(|a| text.strip_prefix(a)).map_or(text, str::trim_start)
}

/// The number an answer starts with (`~`, `≈` and thousands separators allowed; units after it
/// ignored): `"1,000 ms"` → 1000. A comma is a thousands separator when groups of exactly three
/// digits follow it; otherwise, in a number without a `.`, it is a decimal comma, as forms in
/// many locales write: `"2,5"` → 2.5, `"3,25 s"` → 3.25.
fn leading_number(text: &str) -> Option<f64> {
    let t = text.trim_start_matches(['~', '\u{2248}', '=', ' ']);
    let end = t
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || matches!(c, '.' | ',' | '_')
                || (i == 0 && matches!(c, '-' | '+'))
                || (matches!(c, 'e')
                    && t[i + 1..].starts_with(|d: char| d.is_ascii_digit() || d == '-')))
        })
        .map_or(t.len(), |(i, _)| i);
    let written = t[..end].trim_end_matches([',', '.']);
    let mantissa = written.split('e').next().unwrap_or_default();
    let thousands = mantissa
        .split(',')
        .skip(1)
        .all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()));
    let number: String = if mantissa.contains(',') && !mantissa.contains('.') && !thousands {
        written.chars().filter(|&c| c != '_').map(|c| if c == ',' { '.' } else { c }).collect()
    } else {
        written.chars().filter(|&c| c != ',' && c != '_').collect()
    };
    number.parse().ok()
}

/// Grades an exactly graded question (compiles its key each call; use [`ExactKey`] in loops).
pub fn grade_exact(question: &Question, answer: &str) -> Grade {
    ExactKey::new(question).grade(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(yaml: &str) -> Question {
        let base = "id: q\ntopic: t\ndifficulty: easy\nprompt: p\n";
        serde_saphyr::from_str(&format!("{base}{yaml}")).expect("test question parses")
    }

    fn choice(kind: &str) -> Question {
        question(&format!(
            "type: {kind}\noptions:\n  - {{text: \"Raft\", correct: true}}\n  - {{text: \"Two-phase commit, with a coordinator\"}}\n  - {{text: \"`Paxos`\", correct: {}}}\n",
            kind == "multiple"
        ))
    }

    #[test]
    fn single_by_text_letter_or_number() {
        let q = choice("single");
        for right in ["raft", " RAFT. ", "a", "A)", "(a)", "1"] {
            assert_eq!(grade_exact(&q, right).score, 1, "{right}");
        }
        for wrong in ["b", "3", "paxos", "d", "0", "", "raft and paxos"] {
            assert_eq!(grade_exact(&q, wrong).score, 0, "{wrong}");
        }
    }

    #[test]
    fn multiple_needs_exactly_the_correct_set() {
        let q = choice("multiple");
        assert_eq!(grade_exact(&q, "Raft, Paxos").score, 1);
        assert_eq!(grade_exact(&q, "a;c").score, 1);
        assert_eq!(grade_exact(&q, "Raft").score, 0, "missing one");
        assert_eq!(grade_exact(&q, "a, b, c").score, 0, "one too many");
        let comma = grade_exact(&q, "Raft, Two-phase commit, with a coordinator, Paxos");
        assert_eq!(comma.score, 0);
        assert_eq!(comma.criteria[0].evidence[1], "Two-phase commit, with a coordinator");
        assert_eq!(grade_exact(&q, "Raft, Zab").score, 0, "unknown option");
    }

    #[test]
    fn true_false_words() {
        let q = question("type: true-false\ncorrect: false\n");
        for right in ["false", "F", "No", "0", "False."] {
            assert_eq!(grade_exact(&q, right).score, 1, "{right}");
        }
        for wrong in ["true", "yes", "maybe", ""] {
            assert_eq!(grade_exact(&q, wrong).score, 0, "{wrong}");
        }
    }

    #[test]
    fn short_text_is_case_and_space_insensitive() {
        let q = question("type: short\naccept: [\"Write-ahead log\", WAL]\n");
        for right in ["wal", "  write-ahead   LOG ", "write ahead log", "WAL."] {
            assert_eq!(grade_exact(&q, right).score, 1, "{right}");
        }
        assert_eq!(grade_exact(&q, "write log").score, 0);
    }

    #[test]
    fn short_answers_ignore_a_leading_article() {
        let q = question("type: short\naccept: [\"fencing token\", \"the log\"]\n");
        for right in ["a fencing token", "A Fencing Token.", "the fencing token", "log", "a log"] {
            assert_eq!(grade_exact(&q, right).score, 1, "{right}");
        }
        for wrong in ["a token", "an", "fencing", "athe log"] {
            assert_eq!(grade_exact(&q, wrong).score, 0, "{wrong}");
        }
    }

    #[test]
    fn short_numbers_may_be_written_as_words() {
        let q = question("type: short\nnumeric: {value: 3, tolerance: 0}\n");
        assert_eq!(grade_exact(&q, "three").score, 1);
        assert_eq!(grade_exact(&q, "Three replicas").score, 1);
        assert_eq!(grade_exact(&q, "two").score, 0);
    }

    #[test]
    fn short_numbers_use_the_tolerance() {
        let q = question("type: short\nnumeric: {value: 1000, tolerance: 5}\n");
        for right in ["1000", "1,003 ms", "~995", "1e3"] {
            assert_eq!(grade_exact(&q, right).score, 1, "{right}");
        }
        for wrong in ["1006", "ten", "994"] {
            assert_eq!(grade_exact(&q, wrong).score, 0, "{wrong}");
        }
    }

    #[test]
    fn decimal_commas_and_thousands_separators_are_told_apart() {
        assert_eq!(leading_number("2,5"), Some(2.5));
        assert_eq!(leading_number("2,5 s"), Some(2.5));
        assert_eq!(leading_number("3,25"), Some(3.25));
        assert_eq!(leading_number("0,75."), Some(0.75));
        assert_eq!(leading_number("1,000"), Some(1000.0));
        assert_eq!(leading_number("1,000,000 requests"), Some(1_000_000.0));
        assert_eq!(leading_number("1,000.5"), Some(1000.5));
        assert_eq!(leading_number("12,"), Some(12.0), "a trailing comma is punctuation");
        assert_eq!(leading_number("-0,5"), Some(-0.5));
        let q = question("type: short\nnumeric: {value: 2.5, tolerance: 0.01}\n");
        assert_eq!(grade_exact(&q, "2,5").score, 1);
        assert_eq!(grade_exact(&q, "25").score, 0);
    }
}
