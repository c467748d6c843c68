//! `qbank calibrate` end to end: agreement figures, criteria and disagreements, on a small
//! fixture (snapshotted) and on the hand-scored cohort of the bundled bank.

use assert_cmd::cargo::cargo_bin_cmd;

fn calibrate(args: &[&str]) -> (i32, String, String) {
    let out = cargo_bin_cmd!("qbank").arg("calibrate").args(args).output().expect("qbank runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn text_report_on_a_small_sheet() {
    let (code, stdout, stderr) = calibrate(&[
        "tests/fixtures/grade/bank.yaml",
        "tests/fixtures/answers/calibrate-small.csv",
        "--human-col",
        "mark",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "11 rows read: 11 graded (10 with a human score, 1 without), 0 rejected\n");
    insta::assert_snapshot!("calibrate_small", stdout);
}

#[test]
fn human_max_rescales_scores_and_json_is_machine_readable() {
    let (code, stdout, _) = calibrate(&[
        "tests/fixtures/grade/bank.yaml",
        "tests/fixtures/answers/calibrate-small.csv",
        "--human-col",
        "mark",
        "--human-max",
        "4",
        "--json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["overall"]["n"], 10);
    // A 1-point question scored 1 of 4 by the human is a quarter point: the leader answers now
    // disagree with the rubric.
    let leader = json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["question"] == "leader")
        .expect("leader");
    assert!(leader["exact"].as_f64().expect("exact") < 1.0);
}

#[test]
fn a_missing_human_column_is_a_sheet_error() {
    let (code, _, stderr) = calibrate(&[
        "tests/fixtures/grade/bank.yaml",
        "tests/fixtures/answers/long.csv",
        "--human-col",
        "mark",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("the sheet has no `mark` column"), "{stderr}");
}

#[test]
fn the_bundled_bank_agrees_with_the_hand_scored_cohort() {
    let (code, stdout, stderr) = calibrate(&[
        "banks/distributed.yaml",
        "tests/fixtures/answers/cohort.csv",
        "--human-col",
        "score",
        "--json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["overall"]["n"], 88);
    let kappa = json["overall"]["kappa"].as_f64().expect("kappa");
    let pearson = json["overall"]["pearson"].as_f64().expect("pearson");
    assert!(kappa >= 0.8 && pearson >= 0.8, "kappa {kappa}, pearson {pearson}");
}

#[test]
fn human_scores_with_a_decimal_comma_are_read() {
    // Sheets from locales that separate fields with `;` write 2.5 as `2,5`.
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = dir.path().join("marks.csv");
    std::fs::write(
        &sheet,
        "candidate;question;answer;mark\nalice;ring;A hash ring: adding a node moves only a few keys.;3,5\nbob;ring;mod n;0\ncarol;ring;a ring;1,2,3\n",
    )
    .expect("writes");
    let (code, _, stderr) = calibrate(&[
        "tests/fixtures/grade/bank.yaml",
        sheet.to_str().expect("utf-8 path"),
        "--human-col",
        "mark",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("3 rows read: 2 graded (2 with a human score, 0 without), 1 rejected"),
        "{stderr}"
    );
    assert!(stderr.contains("human score `1,2,3` is not a non-negative number"), "{stderr}");
}

#[test]
fn human_scores_above_the_maximum_are_reported_and_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = dir.path().join("marks.csv");
    std::fs::write(
        &sheet,
        "candidate,question,answer,mark\n\
         alice,ring,\"A hash ring: adding a node moves only a few keys.\",4\n\
         bob,ring,hash(key) mod n picks the server,0\n\
         dave,ring,\"Servers sit on a circle; a new server takes over only some keys\",9\n",
    )
    .expect("sheet");
    let path = sheet.to_str().expect("utf-8 path");
    let (code, stdout, stderr) =
        calibrate(&["tests/fixtures/grade/bank.yaml", path, "--human-col", "mark", "--json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "candidate `dave`, question `ring`: human score 9 is above the maximum of 4; left out"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("1 human score out of range"), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["overall"]["n"], 2, "the out-of-range score is not in the figures");
}

#[test]
fn a_sheet_named_twice_is_refused_as_grade_refuses_it() {
    let sheet = "tests/fixtures/answers/calibrate-small.csv";
    let (code, _, stderr) = calibrate(&[
        "tests/fixtures/grade/bank.yaml",
        sheet,
        &format!("./{sheet}"),
        "--human-col",
        "mark",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is given twice"), "{stderr}");
}

#[test]
fn a_wide_layout_is_refused_with_the_long_shape_to_use() {
    let (code, _, stderr) = calibrate(&[
        "tests/fixtures/grade/bank.yaml",
        "tests/fixtures/answers/wide-google.csv",
        "--human-col",
        "score",
        "--layout",
        "wide",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("calibrate reads long sheets"), "{stderr}");
    assert!(stderr.contains("`candidate,question,answer,score`"), "{stderr}");
}

/// Writes `text` as `name` in `dir` and returns its path as a string.
fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("file written");
    path.to_str().expect("utf-8 path").to_owned()
}

#[test]
fn correlations_over_constant_human_scores_are_undefined_not_minus_zero() {
    // 2.8 of 4 is 0.7 of the maximum three times; the mean of three 0.7s is 0.6999999999999998,
    // which left a variance of 4e-32 and printed Pearson -0.00.
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = write(
        &dir,
        "constant.csv",
        "candidate,question,answer,mark\n\
         a,ring,\"A hash ring: adding a node moves only a few keys.\",2.8\n\
         b,ring,hash(key) mod n,2.8\n\
         c,ring,a ring,2.8\n",
    );
    let (code, stdout, stderr) =
        calibrate(&["tests/fixtures/grade/bank.yaml", &sheet, "--human-col", "mark", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["questions"][0]["pearson"], serde_json::Value::Null, "{stdout}");
    assert_eq!(json["questions"][0]["spearman"], serde_json::Value::Null, "{stdout}");
    assert_eq!(json["overall"]["pearson"], serde_json::Value::Null, "{stdout}");
    let (_, text, _) =
        calibrate(&["tests/fixtures/grade/bank.yaml", &sheet, "--human-col", "mark"]);
    assert!(text.contains("overall: pearson undefined, spearman undefined"), "{text}");
    assert!(!text.contains("-0.00"), "{text}");
}

#[test]
fn a_human_score_written_minus_zero_is_zero_for_spearman() {
    // Sorted by their bits, -0.0 came before 0.0 and the constant human scores got ranks 1, 2.5,
    // 2.5: Spearman read 1.00 where it is undefined.
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = write(
        &dir,
        "zeros.csv",
        "candidate,question,answer,mark\n\
         a,ring,hash(key) mod n,-0.0\n\
         b,ring,\"A hash ring: adding a node moves only a few keys.\",0\n\
         c,ring,a ring,0\n",
    );
    let (code, stdout, stderr) =
        calibrate(&["tests/fixtures/grade/bank.yaml", &sheet, "--human-col", "mark", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["overall"]["spearman"], serde_json::Value::Null, "{stdout}");
    assert_eq!(json["questions"][0]["spearman"], serde_json::Value::Null, "{stdout}");
}

#[test]
fn a_human_score_halfway_between_two_categories_rounds_up() {
    // 19 of 20 on a 9-point question is 9.5 tenths of the maximum: the overall kappa's category
    // 10, where floating point (19 / 20 × 9 / 9 × 10 = 9.499999999999998) put it in 9.
    let dir = tempfile::tempdir().expect("tempdir");
    let bank = write(
        &dir,
        "nine.yaml",
        "qbank: 1\nid: nine\ntitle: Nine\nquestions:\n  - id: nine\n    topic: t\n    type: open\n    difficulty: easy\n    prompt: Why do caches use consistent hashing?\n    answer: Consistent hashing moves few keys when a node joins.\n    rubric:\n      criteria:\n        - {id: moves, points: 9, any: [\"moves few keys\"]}\n",
    );
    let sheet = write(
        &dir,
        "half.csv",
        "candidate,question,answer,mark\n\
         a,nine,Consistent hashing moves few keys when a node joins.,19\n\
         b,nine,nothing,0\n",
    );
    let (code, stdout, stderr) =
        calibrate(&[&bank, &sheet, "--human-col", "mark", "--human-max", "20", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    // Both humans and the rubric agree once 9.5 tenths is 10: kappa 1 (0.989 with 9, as scikit-learn's cohen_kappa_score(weights="quadratic") has it).
    assert_eq!(json["overall"]["kappa"], 1.0, "{stdout}");
    // 8.55 points round to 9: exact agreement with the rubric's 9 of 9.
    assert_eq!(json["questions"][0]["exact"], 1.0, "{stdout}");
}

#[test]
fn a_forms_sheet_is_told_to_be_wide_before_any_column_hint() {
    // It used to say the `candidate` column was missing, then the `question` column, and only
    // then that calibrate reads long sheets.
    let (code, stdout, stderr) = calibrate(&[
        "tests/fixtures/grade/bank.yaml",
        "tests/fixtures/answers/wide-google.csv",
        "--human-col",
        "score",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "error: `tests/fixtures/answers/wide-google.csv` is a wide sheet (one column per question, as form tools export), and calibrate reads long sheets: one answer and its human score per row; it has no `question` and `answer` columns\n\
         help: write the answers as `candidate,question,answer,score` rows (`email` may stand for `candidate`), or name the columns with `--question-col` and `--answer-col`\n"
    );
}

#[test]
fn an_email_column_names_the_candidate_of_a_long_sheet_as_in_grade() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = write(
        &dir,
        "emails.csv",
        "Email Address,question,answer,mark\n\
         a@x.com,leader,Raft,1\n\
         b@x.com,leader,Paxos,0\n",
    );
    let (code, stdout, stderr) =
        calibrate(&["tests/fixtures/grade/bank.yaml", &sheet, "--human-col", "mark", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["overall"]["n"], 2);
    assert_eq!(json["overall"]["exact"], 1.0);
}

#[test]
fn figures_match_scipy_and_scikit_learn() {
    // Expected values computed once from the rubric points (`qbank grade` on the same sheet) and
    // the human marks: scipy.stats.pearsonr and spearmanr on the score/max fractions,
    // sklearn.metrics.cohen_kappa_score(weights="quadratic", labels=range(11)) on the fractions
    // as tenths rounded half-up (decimal.ROUND_HALF_UP), and per question on the points.
    let (code, stdout, stderr) = calibrate(&[
        "tests/fixtures/grade/bank.yaml",
        "tests/fixtures/answers/calibrate-small.csv",
        "--human-col",
        "mark",
        "--json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let near =
        |v: &serde_json::Value, want: f64| (v.as_f64().expect("number") - want).abs() < 1e-12;
    let overall = &json["overall"];
    assert!(near(&overall["pearson"], 0.797_752_808_988_764), "{overall}");
    assert!(near(&overall["spearman"], 0.792_592_592_592_592_5), "{overall}");
    assert!(near(&overall["kappa"], 0.780_219_780_219_780_2), "{overall}");
    assert!(near(&overall["exact"], 0.9), "{overall}");
    let ring = &json["questions"][0];
    assert!(near(&ring["pearson"], 0.559_016_994_374_947_5), "{ring}");
    assert!(near(&ring["spearman"], 0.530_330_085_889_910_6), "{ring}");
    assert!(near(&ring["kappa"], 0.5), "{ring}");
}
