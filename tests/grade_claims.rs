//! Claim-level grading end to end: the probes of issue #11 through `qbank grade`, each with the
//! score it must get and, where a match did not count, the reason in `scores.csv`.

use assert_cmd::cargo::cargo_bin_cmd;

/// Grades a long sheet of `(question, answer)` rows for one candidate each; returns the
/// `scores.csv` rows as `question → (points, not_counted)`, in sheet order.
fn grade(rows: &[(&str, &str)]) -> Vec<(String, u32, String)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = dir.path().join("sheet.csv");
    let mut w = csv::Writer::from_path(&sheet).expect("sheet");
    w.write_record(["candidate", "question", "answer"]).expect("header");
    for (k, (q, a)) in rows.iter().enumerate() {
        w.write_record([&format!("c{k}"), *q, *a]).expect("row");
    }
    w.flush().expect("flush");
    let out = dir.path().join("out");
    let run = cargo_bin_cmd!("qbank")
        .args(["grade", "tests/fixtures/claims/bank.yaml"])
        .arg(&sheet)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("qbank runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut r = csv::Reader::from_path(out.join("scores.csv")).expect("scores");
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            (rec[1].to_owned(), rec[2].parse().expect("points"), rec[7].to_owned())
        })
        .collect()
}

#[test]
fn the_probes_of_the_issue_score_as_a_careful_interviewer_would() {
    let cases: &[(&str, &str, u32)] = &[
        ("fencing", "Fencing tokens are unnecessary.", 0),
        ("fencing", "With a good lease, fencing tokens are not needed at all.", 0),
        ("fencing", "There is no need for fencing tokens if clocks are synchronized.", 0),
        ("fencing", "Each write carries a fencing token; the storage rejects an older one.", 4),
        ("fencing", "The storage is fast, and it rejects nothing.", 0),
        ("ring", "Use mod N instead of a hash ring.", 0),
        ("ring", "Use a hash ring, not mod N.", 2),
        (
            "ring",
            "A common misconception is that consistent hashing is hash mod N; it is a hash ring.",
            2,
        ),
        ("blocking", "participants cant block forever", 0),
        ("blocking", "prepared participants cant abort on their own, so they can block", 2),
        ("replicas", "two replicas are not enough; three replicas and more than half survive", 2),
        ("replicas", "one of the replicas fails", 0),
        ("token-name", "a fencing token", 1),
        ("token-name", "The fencing token.", 1),
    ];
    let rows: Vec<(&str, &str)> = cases.iter().map(|(q, a, _)| (*q, *a)).collect();
    let got = grade(&rows);
    assert_eq!(got.len(), cases.len());
    for ((q, answer, want), (gq, points, _)) in cases.iter().zip(&got) {
        assert_eq!((gq.as_str(), *points), (*q, *want), "{answer}");
    }
}

#[test]
fn scores_csv_says_why_a_match_did_not_count() {
    let got = grade(&[
        ("fencing", "Fencing tokens are unnecessary."),
        ("fencing", "Fencing tokens exist, and the storage rejects stale writes."),
        ("ring", "People wrongly assume a hash ring is needed."),
    ]);
    assert_eq!(got[0].2, "token: matched `Fencing tokens`, negated by `unnecessary`");
    assert_eq!(got[1].2, "");
    assert_eq!(got[1].1, 4, "a clause-level claim met in its own clause");
    assert_eq!(got[2].2, "ring: matched `hash ring`, negated by `wrongly`");
}
