//! Benchmark input generator for `qbank grade`: N candidates × every question of a bank, as a
//! long answer sheet. Deterministic for a given N and shape.
//!
//! Two shapes (`--shape`):
//! - `realistic` (the default): open answers as interviews produce them, 300–400 characters on
//!   average over the sheet and varied in length, about half of their words general English
//!   prose outside the rubrics' vocabulary, paraphrased model-answer and example fragments,
//!   hedges, a few typos and negations, now and then a blank or "no idea".
//! - `synthetic`: the earlier generator — rubric examples and model-answer excerpts verbatim,
//!   typos, negations, blanks (about 20 words per answer).
//!
//! `cargo bench --bench grade -- [--shape realistic|synthetic] BANK N OUT.csv` writes the sheet;
//! `scripts/bench-grade.sh` builds the release binary, generates 1,000,000 answers and times
//! `qbank grade` with `/usr/bin/time -v`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use qbank::model::{Question, QuestionType};

/// A small deterministic generator (`SplitMix64`), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Swaps two neighbouring letters in one longer word.
fn typo(text: &str, rng: &mut Rng) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
    for _ in 0..3 {
        let i = rng.below(words.len());
        let chars: Vec<char> = words[i].chars().collect();
        if chars.len() >= 6 && chars.iter().all(|c| c.is_alphabetic()) {
            let mut chars = chars;
            let j = 1 + rng.below(chars.len() - 3);
            chars.swap(j, j + 1);
            words[i] = chars.into_iter().collect();
            break;
        }
    }
    words.join(" ")
}

/// Answers a candidate might give to an open question.
fn open_variants(q: &Question) -> Vec<String> {
    let model = q.answer.as_deref().unwrap_or_default().replace(['*', '`', '#'], "");
    let sentences: Vec<String> = model
        .split(['.', '\n'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| s.split(' ').count() >= 4)
        .collect();
    let mut out: Vec<String> =
        q.rubric.iter().flat_map(|r| r.examples.iter().map(|e| e.answer.clone())).collect();
    for w in sentences.windows(3).step_by(2) {
        out.push(format!("{}. {}.", w[0], w[1]));
        out.push(format!("{}. {}. {}.", w[0], w[1], w[2]));
    }
    if let Some(first) = sentences.first() {
        out.push(format!("I think it is not true that {}.", first.to_lowercase()));
    }
    out.push(String::new());
    out.push("No idea, sorry.".to_owned());
    out
}

fn exact_variants(q: &Question) -> Vec<String> {
    match q.kind {
        QuestionType::TrueFalse => {
            vec!["true".into(), "false".into(), "True".into(), String::new()]
        }
        QuestionType::Short => {
            let mut v: Vec<String> = q.accept.clone();
            if let Some(n) = &q.numeric {
                v.push(n.value.to_string());
                v.push((n.value + 1.0).to_string());
            }
            v.push("not sure".into());
            v
        }
        _ => {
            let mut v: Vec<String> = q.options.iter().map(|o| o.text.clone()).collect();
            v.extend(["a", "b", "c", "A, C"].map(str::to_owned));
            v
        }
    }
}

/// Prose that carries no rubric word: what candidates say around their claims.
const OPENERS: &[&str] = &[
    "So",
    "Well",
    "Basically",
    "Honestly",
    "I think",
    "From what I remember",
    "In my last job",
    "At my previous company",
    "If I recall correctly",
    "The way I see it",
    "To be honest",
    "Okay so",
    "In practice",
    "Personally",
    "As far as I know",
    "Roughly speaking",
];
const SUBJECTS: &[&str] = &[
    "we",
    "the team",
    "my manager",
    "our customers",
    "people",
    "I",
    "everyone",
    "the company",
    "my colleague",
    "the product folks",
    "our architect",
    "a friend of mine",
    "the whole group",
];
const VERBS: &[&str] = &[
    "had",
    "saw",
    "wanted",
    "tried",
    "built",
    "noticed",
    "learned",
    "used",
    "kept",
    "started",
    "changed",
    "found",
    "worked on",
    "thought about",
    "talked about",
    "looked at",
    "discussed",
    "struggled with",
    "argued about",
    "improved",
    "rewrote",
    "explained",
    "measured",
    "shipped",
    "documented",
    "reviewed",
    "planned",
    "questioned",
    "liked",
    "hated",
    "remembered",
];
const OBJECTS: &[&str] = &[
    "this exact thing",
    "some weird bugs",
    "the marketing project",
    "many landing pages",
    "the analytics dashboard",
    "the yearly budget",
    "the morning standups",
    "weeks of tedious paperwork",
    "our company website",
    "the mobile application",
    "the office furniture",
    "the onboarding checklist",
    "a huge refactoring",
    "the ancient design",
    "countless options",
    "the pros and cons",
    "my handwritten notes",
    "the internal wiki",
    "a toy example",
    "the invoicing workflow",
    "the search feature",
    "an embarrassing incident",
    "the shopping cart",
    "the monthly report",
    "a heated discussion",
    "the customer survey",
    "our quarterly goals",
    "the hiring pipeline",
];
const PLACES: &[&str] = &[
    "last summer",
    "during the rewrite",
    "after a holiday weekend",
    "for an enterprise client",
    "on a Friday afternoon",
    "back then",
    "over several months",
    "with a tiny team",
    "before the launch",
    "in the beginning",
    "after lunch",
    "in my first week",
    "every quarter",
    "right before Christmas",
    "while everybody was travelling",
    "for the second time",
];
const TAILS: &[&str] = &[
    "which was quite interesting",
    "and it worked surprisingly nicely",
    "so we had to be careful",
    "and honestly it was painful",
    "because everybody was rushing",
    "and that taught me plenty",
    "but it took ages",
    "and nobody complained",
    "so I guess that explains it",
    "which I found surprising",
    "if that makes sense",
    "and we were happy about it",
    "although it was messy",
    "and it paid off eventually",
];
const HEDGES: &[&str] = &[
    "basically",
    "really",
    "usually",
    "kind of",
    "sort of",
    "typically",
    "just",
    "probably",
    "more or less",
    "I believe",
    "generally",
    "obviously",
    "like",
];

fn pick<'a>(list: &[&'a str], rng: &mut Rng) -> &'a str {
    list[rng.below(list.len())]
}

/// One sentence of small talk: subject, verb, object, time, sometimes an opener and a tail.
fn prose(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.below(2) == 0 {
        s.push_str(pick(OPENERS, rng));
        s.push_str(", ");
    }
    for (i, part) in [SUBJECTS, VERBS, OBJECTS, PLACES].into_iter().enumerate() {
        if i == 3 && rng.below(3) == 0 {
            continue;
        }
        if i > 0 {
            s.push(' ');
        }
        s.push_str(pick(part, rng));
    }
    if rng.below(2) == 0 {
        s.push_str(", ");
        s.push_str(pick(TAILS, rng));
    }
    s.push('.');
    capitalize(&s)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Clauses of a question's model answer and rubric examples, as word lists.
fn fragments(q: &Question) -> Vec<Vec<String>> {
    let mut texts = vec![q.answer.as_deref().unwrap_or_default().replace(['*', '`', '#'], "")];
    texts.extend(q.rubric.iter().flat_map(|r| r.examples.iter().map(|e| e.answer.clone())));
    texts
        .iter()
        .flat_map(|t| {
            t.split(['.', '\n', ';', ',', '?', '!']).map(str::to_owned).collect::<Vec<_>>()
        })
        .map(|clause| clause.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .filter(|words| words.len() >= 3)
        .collect()
}

/// A fragment said in the candidate's words: a window of it, synonyms swapped, a hedge, a word
/// dropped, sometimes denied.
fn paraphrase(
    fragment: &[String],
    synonyms: &std::collections::BTreeMap<String, Vec<String>>,
    rng: &mut Rng,
) -> String {
    let mut words: Vec<String> = if fragment.len() > 14 {
        let len = 6 + rng.below(8);
        let from = rng.below(fragment.len() - len + 1);
        fragment[from..from + len].to_vec()
    } else {
        fragment.to_vec()
    };
    for w in &mut words {
        if let Some(alternatives) = synonyms.get(&w.to_lowercase())
            && rng.below(3) == 0
        {
            w.clone_from(&alternatives[rng.below(alternatives.len())]);
        }
    }
    if words.len() > 5 && rng.below(5) == 0 {
        words.remove(1 + rng.below(words.len() - 1));
    }
    if rng.below(3) == 0 {
        let at = rng.below(words.len());
        words.insert(at, pick(HEDGES, rng).to_owned());
    }
    if rng.below(12) == 0 {
        match words.iter().position(|w| matches!(w.as_str(), "is" | "are" | "can" | "will")) {
            Some(i) => words.insert(i + 1, "not".to_owned()),
            None => words.insert(0, "it is not true that".to_owned()),
        }
    }
    let mut s = words.join(" ");
    if rng.below(4) == 0 {
        s.push_str(", ");
        s.push_str(pick(TAILS, rng));
    }
    s.push('.');
    capitalize(&s)
}

/// An open answer of about `target` characters: small talk around paraphrased claims.
fn realistic_open(
    fragments: &[Vec<String>],
    synonyms: &std::collections::BTreeMap<String, Vec<String>>,
    rng: &mut Rng,
) -> String {
    match rng.below(40) {
        0 => return String::new(),
        1 => return "No idea, sorry.".to_owned(),
        _ => {}
    }
    let target = 120 + rng.below(640);
    let mut parts = Vec::new();
    let mut len = 0;
    let mut claims = 0;
    if rng.below(3) > 0 {
        parts.push(prose(rng));
        len += parts[0].len();
    }
    while len < target || claims == 0 {
        let part = if fragments.is_empty() || (claims > 0 && rng.below(5) < 3) {
            prose(rng)
        } else {
            claims += 1;
            paraphrase(&fragments[rng.below(fragments.len())], synonyms, rng)
        };
        len += part.len() + 1;
        parts.push(part);
    }
    let mut answer = parts.join(" ");
    for _ in 0..[0, 0, 1, 1, 2][rng.below(5)] {
        answer = typo(&answer, rng);
    }
    answer
}

/// The stems of a text's words.
fn stems(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| qbank::rubric::stem(&w.to_lowercase()))
}

/// The words of the rubrics' vocabulary, as stems: every pattern word of `questions`' rubrics,
/// with the bank's synonyms and concepts.
fn vocabulary<'a>(
    bank: &qbank::model::Bank,
    questions: impl IntoIterator<Item = &'a Question>,
) -> std::collections::HashSet<String> {
    let mut texts: Vec<&str> = Vec::new();
    for q in questions {
        if let Some(r) = &q.rubric {
            for c in r.criteria.iter().chain(&r.penalties) {
                texts.extend(c.any.iter().map(qbank::model::Pattern::as_str));
                texts.extend(c.all.iter().flatten().map(qbank::model::Pattern::as_str));
            }
        }
    }
    for (key, values) in bank.synonyms.iter().chain(&bank.concepts) {
        texts.push(key);
        texts.extend(values.iter().map(String::as_str));
    }
    texts.into_iter().flat_map(stems).collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Realistic,
    Synthetic,
}

#[allow(clippy::print_stderr)] // a command-line tool: its report goes to stderr
fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo test --all-targets` runs benches without `--bench`: nothing to generate then.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("skipped: run it with `cargo bench --bench grade -- BANK CANDIDATES OUT.csv`");
        return Ok(());
    }
    let usage =
        "usage: cargo bench --bench grade -- [--shape realistic|synthetic] BANK CANDIDATES OUT.csv";
    let mut args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut shape = Shape::Realistic;
    if let Some(i) = args.iter().position(|a| a == "--shape" || a.starts_with("--shape=")) {
        let value = match args[i].strip_prefix("--shape=") {
            Some(v) => v.to_owned(),
            None if i + 1 < args.len() => args.remove(i + 1),
            None => String::new(),
        };
        args.remove(i);
        shape = match value.as_str() {
            "realistic" => Shape::Realistic,
            "synthetic" => Shape::Synthetic,
            _ => {
                eprintln!("{usage}");
                std::process::exit(2);
            }
        };
    }
    let [bank, n, out] = args.as_slice() else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let loaded = qbank::load::load(&PathBuf::from(bank))?;
    let bank = loaded.bank.ok_or("the bank does not load")?;
    let candidates: usize = n.parse()?;
    let variants: Vec<Vec<String>> = bank
        .questions
        .iter()
        .map(|q| if q.kind == QuestionType::Open { open_variants(q) } else { exact_variants(q) })
        .collect();
    let clauses: Vec<Vec<Vec<String>>> = bank.questions.iter().map(fragments).collect();
    // Outside the vocabulary: of every rubric of the bank, and of the answer's own rubric.
    let whole = vocabulary(&bank, &bank.questions);
    let own: Vec<_> = bank.questions.iter().map(|q| vocabulary(&bank, [q])).collect();
    let mut rng = Rng(42);
    let mut w =
        csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, std::fs::File::create(out)?));
    w.write_record(["candidate", "question", "answer"])?;
    let (mut words, mut chars) = (0usize, 0usize);
    let (mut open_words, mut outside_bank, mut outside_own) = (0usize, 0usize, 0usize);
    for c in 0..candidates {
        let name = format!("candidate-{c:07}");
        for (k, (q, pool)) in bank.questions.iter().zip(&variants).enumerate() {
            let open = q.kind == QuestionType::Open;
            let answer = if shape == Shape::Realistic && open {
                realistic_open(&clauses[k], &bank.synonyms, &mut rng)
            } else {
                let mut answer = pool[rng.below(pool.len())].clone();
                if rng.below(4) == 0 {
                    answer = typo(&answer, &mut rng);
                }
                answer
            };
            words += answer.split_whitespace().count();
            chars += answer.chars().count();
            // The share of prose is measured on a sample (stemming every word is slow).
            if open && c % 64 == 0 {
                for stem in stems(&answer) {
                    open_words += 1;
                    outside_bank += usize::from(!whole.contains(&stem));
                    outside_own += usize::from(!own[k].contains(&stem));
                }
            }
            w.write_record([name.as_str(), q.id.as_str(), answer.as_str()])?;
        }
    }
    w.flush()?;
    let answers = candidates * bank.questions.len();
    eprintln!(
        "wrote {answers} answers ({candidates} candidates × {} questions, {:.1} words and {:.0} characters per answer; of open-answer words, {:.0} % outside their rubric's vocabulary and {:.0} % outside every rubric's) to {out}",
        bank.questions.len(),
        words as f64 / answers as f64,
        chars as f64 / answers as f64,
        100.0 * outside_own as f64 / open_words.max(1) as f64,
        100.0 * outside_bank as f64 / open_words.max(1) as f64,
    );
    std::io::stderr().flush()?;
    Ok(())
}
