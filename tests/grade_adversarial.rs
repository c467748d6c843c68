//! Adversarial answers grade in time linear in their length: one cell must never stall a
//! cohort. Fuzzing found two shapes that did — a `multiple` answer listing `"a,"` thousands of
//! times (cubic) and an open answer of `"ay"` repeated (quadratic, in the stemmer) — and these
//! tests keep them, and their relatives, fast.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;
use proptest::prelude::*;
use qbank::model::Bank;
use qbank::rubric::{QuestionGrader, Vocabulary};

const BANK: &str = "banks/distributed.yaml";

/// Questions of every kind: both `multiple` questions, two open ones, and one each of `short`,
/// `single` and `true-false`.
const QUESTIONS: [&str; 7] = [
    "cp-systems-under-partition",
    "kafka-exactly-once-mechanisms",
    "consistent-hashing",
    "crdts",
    "quorum-read-size",
    "raft-vote-condition",
    "flp-statement",
];

/// The graders of [`QUESTIONS`], built once and shared with watchdog threads.
fn graders() -> &'static [(String, QuestionGrader)] {
    static GRADERS: OnceLock<Vec<(String, QuestionGrader)>> = OnceLock::new();
    GRADERS.get_or_init(|| {
        let bank: Bank = qbank::load::load(Path::new(BANK)).expect("bank").bank.expect("valid");
        QUESTIONS
            .iter()
            .map(|id| {
                let q = bank.questions.iter().find(|q| q.id.to_string() == *id).expect("question");
                ((*id).to_owned(), QuestionGrader::new(q, Vocabulary::of(&bank)).expect("compiles"))
            })
            .collect()
    })
}

/// Grades `answer` against every question on another thread; fails when that takes more than
/// `limit` (a stalled grader cannot be stopped, so the test fails instead of hanging).
fn grade_within(answer: String, limit: Duration) -> Result<Vec<u32>, String> {
    let graders = graders();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let scores: Vec<u32> = graders.iter().map(|(_, g)| g.grade(&answer).score).collect();
        let _ = send.send(scores);
    });
    receive.recv_timeout(limit).map_err(|_| format!("grading took over {limit:?}"))
}

/// Pieces of adversarial answers: separators, short words, `y`-words, option letters and
/// numbers, option texts, and letters that make long words when repeated.
fn atom() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        ",",
        ";",
        "|",
        "\n",
        ", ",
        " ",
        ".",
        "..",
        "-",
        "a,",
        "b;",
        "(c)|",
        "1,",
        "e,",
        "ay",
        "ay ",
        "yay",
        "oy",
        "y",
        "ey ",
        "ab",
        "x",
        "the ",
        "not ",
        "ring ",
        "hash",
        "Raft,",
        "etcd, ",
        "An etcd cluster, whose minority side cannot elect a leader or commit writes.",
        "Ｒａｆｔ",
        "é",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// A unit of one to four atoms repeated to about 256 KB grades, against every kind of
    /// question, in a few seconds even in a debug build on a busy machine (before the fixes,
    /// `"ay"` took about 2 s at this size and `"a,"` did not finish).
    #[test]
    fn repeated_shapes_grade_in_linear_time(atoms in prop::collection::vec(atom(), 1..4)) {
        let unit = atoms.concat();
        let answer = unit.repeat((256 << 10) / unit.len() + 1);
        let started = Instant::now();
        let scores = grade_within(answer, Duration::from_secs(20));
        prop_assert!(scores.is_ok(), "{:?}: {:?}", unit, scores);
        prop_assert!(started.elapsed() < Duration::from_secs(20));
    }
}

/// Grades a sheet of `(candidate, question, answer)` rows with the bank, failing after `limit`,
/// and returns each row's points.
fn grade_rows(rows: &[(&str, &str, &str)], limit: Duration) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = dir.path().join("sheet.csv");
    let mut text = String::from("candidate,question,answer\n");
    for (candidate, question, answer) in rows {
        writeln!(text, "{candidate},{question},\"{answer}\"").expect("a String takes any text");
    }
    std::fs::write(&sheet, text).expect("sheet written");
    let out = dir.path().join("out");
    let started = Instant::now();
    let run = cargo_bin_cmd!("qbank")
        .args(["grade", BANK])
        .arg(&sheet)
        .arg("-o")
        .arg(&out)
        .timeout(limit)
        .output()
        .expect("qbank runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr} (after {:?})", started.elapsed());
    let scores = std::fs::read_to_string(out.join("scores.csv")).expect("scores");
    scores
        .lines()
        .skip(1)
        .map(|line| {
            let mut cells = line.split(',');
            let candidate = cells.next().unwrap_or_default().to_owned();
            (candidate, cells.nth(1).unwrap_or_default().to_owned())
        })
        .collect()
}

fn points(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(c, p)| ((*c).to_owned(), (*p).to_owned())).collect()
}

/// A `multiple` answer listing `"a,"` 5,000 times (10 KB) did not finish in 10 minutes; it
/// now grades at once, and a normal list keeps its point.
#[test]
fn a_ten_kilobyte_list_of_letters_grades_at_once() {
    let letters = "a,".repeat(5000);
    let rows = [
        ("c0", "cp-systems-under-partition", letters.as_str()),
        ("c1", "cp-systems-under-partition", "a,c,e"),
        ("c2", "kafka-exactly-once-mechanisms", &"b;".repeat(5000)),
    ];
    let got = grade_rows(&rows, Duration::from_mins(1));
    assert_eq!(got, points(&[("c0", "0"), ("c1", "1"), ("c2", "0")]));
}

/// Open answers of `y`-words: a 1 MiB cell of `"ay"` took over 10 s in a release build (30 s
/// in a debug one), stemming one long word; joined or spaced, they now grade in about a second,
/// and a normal answer keeps its points.
#[test]
fn a_mebibyte_of_y_words_grades_at_once() {
    let joined = "ay".repeat(524_000); // 1,048,000 bytes: just under the 1 MiB cell limit
    let yay = "yay".repeat(349_000);
    let spaced = vec!["ay"; 200_000].join(" ");
    let rows = [
        ("c0", "consistent-hashing", joined.as_str()),
        ("c1", "consistent-hashing", yay.as_str()),
        ("c2", "consistent-hashing", spaced.as_str()),
        (
            "c3",
            "consistent-hashing",
            "keys sit on a hash ring and each belongs to the next node clockwise; adding a node \
             moves only a few keys",
        ),
    ];
    let got = grade_rows(&rows, Duration::from_secs(15));
    assert_eq!(got, points(&[("c0", "0"), ("c1", "0"), ("c2", "0"), ("c3", "4")]));
}
