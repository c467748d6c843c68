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
    /// Per option: the words of its loose form, and whether no other option has that form.
    option_words: Vec<(Vec<String>, bool)>,
    /// Per option: the loose forms of its parts, when it ends with a parenthesis (see
    /// [`parts`]).
    parts: Vec<Vec<String>>,
    /// The most commas in an option's strict form.
    max_commas: usize,
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

/// The loose forms of the two parts of a text that ends with a parenthesis: "LRU (least
/// recently used)" is also named "LRU" or "least recently used", as a person answering in a
/// free-text cell would. Parts of one character are left out (they read as option letters).
fn parts(text: &str) -> Vec<String> {
    let s = strict(text);
    let Some(inner) = s.strip_suffix(')') else { return Vec::new() };
    let Some(open) = inner.rfind('(') else { return Vec::new() };
    [loose(&inner[..open]), loose(&inner[open + 1..])]
        .into_iter()
        .filter(|part| part.chars().count() > 1)
        .collect()
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
        let options: Vec<(String, String, bool)> =
            question.options.iter().map(|o| (strict(&o.text), loose(&o.text), o.correct)).collect();
        let option_words = options
            .iter()
            .map(|o| {
                let unique = options.iter().filter(|other| other.1 == o.1).count() == 1;
                (words_of(&o.1), unique)
            })
            .collect();
        let max_commas = options.iter().map(|o| o.0.matches(',').count()).max().unwrap_or(0);
        let parts = question.options.iter().map(|o| parts(&o.text)).collect();
        Self {
            kind: question.kind,
            options,
            option_words,
            parts,
            max_commas,
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
        #[cfg(test)]
        tests::WORK.with(|work| work.set(work.get() + piece.len()));
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

    /// The one option a piece names by a part of its text ([`parts`]), or whose text the
    /// piece names with a parenthesis of its own ("Raft (the consensus algorithm)" for
    /// "Raft"); none when two options share that part.
    /// A list answer's piece is read so only where no run of pieces names an option by its
    /// text, and alone: a part that holds a comma is not split out of a list.
    fn by_part(&self, answer: &str) -> Option<usize> {
        let loose = loose(answer);
        let piece_parts = parts(answer);
        if loose.chars().count() < 2 || self.options.iter().any(|o| o.1 == loose) {
            return None;
        }
        let names = |i: usize| {
            let option = &self.options[i].1;
            self.parts[i].contains(&loose) || piece_parts.first() == Some(option)
        };
        let mut hits = (0..self.options.len()).filter(|&i| names(i));
        match (hits.next(), hits.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        }
    }

    fn single(&self, answer: &str) -> (bool, Vec<String>) {
        match self.option(answer).or_else(|| self.by_part(answer)) {
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
        let runs = Runs::new(&pieces);
        let mut chosen = vec![false; self.options.len()];
        let mut evidence = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            // Option texts may contain commas: take the longest run of pieces naming an option.
            // Only the few runs that could name one are joined and looked up, longest first.
            let found = self
                .run_ends(&runs, i)
                .into_iter()
                .find_map(|j| {
                    let joined = pieces[i..=j].join(", ");
                    self.option(&joined).map(|o| (j, o, joined))
                })
                .or_else(|| self.by_part(pieces[i]).map(|o| (i, o, pieces[i].to_owned())));
            let Some((j, o, joined)) = found else { return (false, evidence) };
            chosen[o] = true;
            evidence.push(joined);
            i = j + 1;
        }
        let right = chosen.iter().zip(&self.options).all(|(&c, o)| c == o.2);
        (right, evidence)
    }

    /// The last pieces `j` (longest run first) for which the run of pieces `i..=j` may name an
    /// option; every run that does is among them, or shorter than one of them that does.
    ///
    /// A run of one piece may name an option by letter or number. A longer run holds a comma
    /// once joined, so it names an option by text only: by strict form, if the option has as
    /// many commas and the same words; by loose form (the words alone), if no other option has
    /// those words — and then every run with the same words does, so the longest one is enough.
    /// Trying only these keeps a list of `n` pieces at O(n) runs instead of O(n²) runs of O(n)
    /// text each, which made `"a,a,a,…"` cubic.
    fn run_ends(&self, runs: &Runs, i: usize) -> Vec<usize> {
        let mut ends = vec![i];
        let last = runs.pieces() - 1;
        for j in i + 1..=(i + self.max_commas).min(last) {
            let words = runs.words(i, j);
            if self.option_words.iter().any(|(option, _)| option[..] == *words) {
                ends.push(j);
            }
        }
        for (option, unique) in &self.option_words {
            if let Some(j) = runs.last_with(i, option).filter(|&j| *unique && j > i) {
                ends.push(j);
            }
        }
        ends.sort_unstable_by(|a, b| b.cmp(a));
        ends.dedup();
        ends
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

/// The words of a loose form.
fn words_of(loose: &str) -> Vec<String> {
    loose.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// The loose words of a `multiple` answer's pieces, so that the words of any run of pieces are
/// a slice, without joining and folding the run: joining pieces with `", "` joins their words.
struct Runs {
    /// Every piece's words, in order.
    words: Vec<String>,
    /// `starts[k]`: where the words of piece `k` start; `starts[n]` is the number of words.
    starts: Vec<usize>,
    /// `ends[w]`: the last piece boundary `m` with `starts[m] == w`, if any.
    ends: Vec<Option<usize>>,
}

impl Runs {
    fn new(pieces: &[&str]) -> Self {
        let mut words = Vec::new();
        let mut starts = Vec::with_capacity(pieces.len() + 1);
        for piece in pieces {
            starts.push(words.len());
            words.extend(words_of(&loose(piece)));
        }
        starts.push(words.len());
        let mut ends = vec![None; words.len() + 1];
        for (m, &w) in starts.iter().enumerate() {
            ends[w] = Some(m);
        }
        Self { words, starts, ends }
    }

    fn pieces(&self) -> usize {
        self.starts.len() - 1
    }

    /// The words of the run of pieces `i..=j`.
    fn words(&self, i: usize, j: usize) -> &[String] {
        &self.words[self.starts[i]..self.starts[j + 1]]
    }

    /// The last piece `j` such that the words of the run `i..=j` are `words`.
    fn last_with(&self, i: usize, words: &[String]) -> Option<usize> {
        let from = self.starts[i];
        let to = from + words.len();
        let m = self.ends.get(to).copied().flatten()?;
        (m > i && self.words[from..to] == *words).then(|| m - 1)
    }
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
    use std::cell::Cell;

    use proptest::prelude::*;

    use super::*;

    thread_local! {
        /// Bytes of answer text looked up as options on this thread: the grader's work.
        pub(super) static WORK: Cell<usize> = const { Cell::new(0) };
    }

    /// The `multiple` grader before runs were pruned: every run from `i`, longest first.
    fn reference(key: &ExactKey, answer: &str) -> (bool, Vec<String>) {
        if let Some(i) = key.option(answer) {
            let only_one_correct = key.options.iter().filter(|o| o.2).count() == 1;
            return (key.options[i].2 && only_one_correct, vec![answer.to_owned()]);
        }
        let pieces: Vec<&str> =
            answer.split([',', ';', '|', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
        let mut chosen = vec![false; key.options.len()];
        let mut evidence = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            let found = (i..pieces.len())
                .rev()
                .find_map(|j| {
                    let joined = pieces[i..=j].join(", ");
                    key.option(&joined).map(|o| (j, o, joined))
                })
                .or_else(|| key.by_part(pieces[i]).map(|o| (i, o, pieces[i].to_owned())));
            let Some((j, o, joined)) = found else { return (false, evidence) };
            chosen[o] = true;
            evidence.push(joined);
            i = j + 1;
        }
        let right = chosen.iter().zip(&key.options).all(|(&c, o)| c == o.2);
        (right, evidence)
    }

    /// A `multiple` question whose options have commas, shared loose forms (`C++`, `C#`), no
    /// words at all, and words that other options repeat.
    fn tricky() -> ExactKey {
        ExactKey::new(&question(
            "type: multiple\noptions:\n  - {text: \"Raft\", correct: true}\n  - {text: \"Two-phase commit, with a coordinator\"}\n  - {text: \"C++\", correct: true}\n  - {text: \"C#\"}\n  - {text: \"--\"}\n  - {text: \"Raft, Paxos, or Zab.\", correct: true}\n  - {text: \"a, b\"}\n",
        ))
    }

    /// Work, in bytes looked up, of grading `answer`.
    fn work(key: &ExactKey, answer: &str) -> (usize, Grade) {
        WORK.with(|w| w.set(0));
        let grade = key.grade(answer);
        (WORK.with(Cell::get), grade)
    }

    /// `"a,"` 5,000 times (10 KB) took minutes: every run from every piece was joined and
    /// folded, O(n³).
    #[test]
    fn a_list_of_five_thousand_letters_grades_at_once() {
        let done = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let grade = ExactKey::new(&choice("multiple")).grade(&"a,".repeat(5000));
            done.0.send(grade.score).expect("the test waits");
        });
        let limit = std::time::Duration::from_secs(10);
        assert_eq!(done.1.recv_timeout(limit), Ok(0), "grading took over {limit:?}");
    }

    /// The work of a long list is a small multiple of its length (it was cubic: 300 letters
    /// looked up 13.5 MB).
    #[test]
    fn long_lists_take_linear_work() {
        let keys = [ExactKey::new(&choice("multiple")), tricky()];
        for (unit, scores) in [
            ("a,", [0, 0]),
            ("a;c|", [1, 0]),
            ("a,c,f,", [0, 1]),
            ("Raft, ", [0, 0]),
            ("-,", [0, 0]),
        ] {
            for (key, score) in keys.iter().zip(scores) {
                let answer = unit.repeat(300);
                let (work, grade) = work(key, &answer);
                assert!(work <= 16 * answer.len(), "{unit:?} × 300: {work} bytes looked up");
                assert_eq!(grade.score, score, "{unit:?}");
            }
        }
    }

    #[test]
    fn runs_named_by_loose_form_take_their_empty_pieces_along() {
        let key = tricky();
        let (right, evidence) = key.multiple("Raft, -, -; Paxos, or Zab, C++");
        assert_eq!(evidence, ["Raft, -, -, Paxos, or Zab", "C++"]);
        assert!(!right, "Raft itself is not chosen");
        assert_eq!(key.multiple("C#, c++, raft, raft, paxos, or zab").1.len(), 4);
    }

    /// Pieces that name options whole, in part, by letter or number, or nothing at all.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "Raft",
                "raft.",
                "Two-phase commit",
                "with a coordinator",
                "C++",
                "c#",
                "C",
                "--",
                "-",
                "*",
                "Paxos",
                "or Zab.",
                "or zab",
                "a",
                "b",
                "(c)",
                "D)",
                "7",
                "2",
                "y",
                "Ｒａｆｔ",
                "，",
                "`Paxos`",
                "commit with",
                "a coordinator",
            ])
            .prop_map(str::to_owned),
            "[a-c ,.*-]{0,6}",
        ]
    }

    /// An answer of pieces and separators: repeated separators, letters, option texts.
    fn answer() -> impl Strategy<Value = String> {
        let sep = prop::sample::select(vec![",", ", ", ";", "|", "\n", " , ", ",,", ";;\n"]);
        prop::collection::vec((piece(), sep), 0..12)
            .prop_map(|parts| parts.into_iter().flat_map(|(p, s)| [p, s.to_owned()]).collect())
    }

    proptest! {
        /// Pruned runs choose exactly what trying every run chose, evidence included.
        #[test]
        fn pruned_runs_agree_with_trying_every_run(answer in answer(), trim in any::<bool>()) {
            let answer = if trim { answer.trim() } else { answer.as_str() };
            for key in [tricky(), ExactKey::new(&choice("multiple"))] {
                prop_assert_eq!(key.multiple(answer), reference(&key, answer));
            }
        }

        /// Long adversarial lists (a piece repeated with separators) take linear work.
        #[test]
        fn repeated_pieces_take_linear_work(unit in answer(), times in 1..400usize) {
            let answer = unit.repeat(times);
            let (work, _) = work(&tricky(), &answer);
            prop_assert!(work <= 64 * (answer.len() + 1), "{} bytes looked up", work);
        }
    }

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
    fn an_option_is_named_by_a_part_of_its_text() {
        let q = question(
            "type: single\noptions:\n  - {text: \"LRU (least recently used)\", correct: true}\n  - {text: \"LFU (least frequently used)\"}\n  - {text: \"Paxos (single decree)\"}\n  - {text: \"Paxos (multi)\"}\n  - {text: \"FIFO\"}\n  - {text: \"x (y)\"}\n",
        );
        for right in ["LRU", "lru.", "least recently used", "LRU (least recently used)", "a"] {
            assert_eq!(grade_exact(&q, right).score, 1, "{right}");
        }
        for wrong in ["LFU", "least frequently used", "recently used", "LRU cache", "least"] {
            assert_eq!(grade_exact(&q, wrong).score, 0, "{wrong}");
        }
        let key = ExactKey::new(&q);
        assert_eq!(key.by_part("Paxos"), None, "two options are named Paxos");
        assert_eq!(key.by_part("multi"), Some(3));
        assert_eq!(key.by_part("FIFO (first in, first out)"), Some(4), "the answer's parenthesis");
        assert_eq!(key.by_part("LFU (least recently used)"), None, "the parts disagree");
        assert_eq!(key.by_part("y"), None, "one letter names an option by position only");
    }

    #[test]
    fn a_list_names_options_by_parts_too() {
        let q = question(
            "type: multiple\noptions:\n  - {text: \"LRU (least recently used)\", correct: true}\n  - {text: \"LFU (least frequently used)\", correct: true}\n  - {text: \"FIFO\"}\n",
        );
        for right in ["LRU, LFU", "least recently used; LFU", "lfu\nLRU (least recently used)"] {
            assert_eq!(grade_exact(&q, right).score, 1, "{right}");
        }
        for wrong in ["LRU", "LRU, FIFO", "LRU, LFU, FIFO", "LRU, least", "LRU, LFU, x"] {
            assert_eq!(grade_exact(&q, wrong).score, 0, "{wrong}");
        }
        assert_eq!(
            grade_exact(&q, "least recently used, LFU").criteria[0].evidence,
            ["least recently used", "LFU"]
        );
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
