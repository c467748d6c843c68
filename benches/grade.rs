//! Benchmark input generator for `qbank grade`: N candidates × every question of a bank, as a
//! long answer sheet, with realistic variety (rubric examples, model-answer excerpts, typos,
//! negations, blanks, option letters). Deterministic for a given N.
//!
//! `cargo bench --bench grade -- BANK N OUT.csv` writes the sheet; `scripts/bench-grade.sh`
//! builds the release binary, generates 1,000,000 answers and times `qbank grade` with
//! `/usr/bin/time -v`.

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

#[allow(clippy::print_stderr)] // a command-line tool: its report goes to stderr
fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo test --all-targets` runs benches without `--bench`: nothing to generate then.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("skipped: run it with `cargo bench --bench grade -- BANK CANDIDATES OUT.csv`");
        return Ok(());
    }
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let [bank, n, out] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench grade -- BANK CANDIDATES OUT.csv");
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
    let mut rng = Rng(42);
    let mut w =
        csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, std::fs::File::create(out)?));
    w.write_record(["candidate", "question", "answer"])?;
    let mut words = 0usize;
    for c in 0..candidates {
        let name = format!("candidate-{c:07}");
        for (q, pool) in bank.questions.iter().zip(&variants) {
            let mut answer = pool[rng.below(pool.len())].clone();
            if rng.below(4) == 0 {
                answer = typo(&answer, &mut rng);
            }
            words += answer.split_whitespace().count();
            w.write_record([name.as_str(), q.id.as_str(), answer.as_str()])?;
        }
    }
    w.flush()?;
    let answers = candidates * bank.questions.len();
    eprintln!(
        "wrote {answers} answers ({candidates} candidates × {} questions, {:.1} words per answer) to {out}",
        bank.questions.len(),
        words as f64 / answers as f64
    );
    std::io::stderr().flush()?;
    Ok(())
}
