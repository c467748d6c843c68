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
