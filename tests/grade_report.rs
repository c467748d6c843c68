//! `qbank grade`'s report end to end: ranking with ties, the pass mark, overrides (recomputed
//! totals and ranks, the original score and reason shown, bad rows refused with `FILE:LINE`),
//! candidate pages (safe file names, escaped answers, marked evidence, nothing about other
//! candidates), `scores.csv`'s `missed`/`answer` columns, `--json`'s ranking and the caution on
//! small cohorts.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

const BANK: &str = "tests/fixtures/grade/bank.yaml";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    out: PathBuf,
    _dir: tempfile::TempDir,
}

impl Run {
    fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("--json prints JSON")
    }

    /// `(rank, candidate, total, pass)` of `--json`'s ranking.
    fn ranking(&self) -> Vec<(u64, String, u64, Option<bool>)> {
        self.json()["ranking"]
            .as_array()
            .expect("a ranking")
            .iter()
            .map(|r| {
                (
                    r["rank"].as_u64().expect("rank"),
                    r["candidate"].as_str().expect("name").to_owned(),
                    r["total"].as_u64().expect("total"),
                    r["pass"].as_bool(),
                )
            })
            .collect()
    }

    fn page_of(&self, candidate: &str) -> String {
        let ranking = self.json()["ranking"].clone();
        let page = ranking
            .as_array()
            .expect("ranking")
            .iter()
            .find(|r| r["candidate"] == candidate)
            .and_then(|r| r["page"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no page for {candidate}"));
        self.file(&page)
    }
}

/// Writes `files` (name, text) in a fresh folder and grades `sheet.csv` there with `args`.
fn grade(files: &[(&str, &str)], args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("input written");
    }
    let out = dir.path().join("out");
    let output = cargo_bin_cmd!("qbank")
        .current_dir(dir.path())
        .arg("grade")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(BANK))
        .arg("sheet.csv")
        .arg("-o")
        .arg(&out)
        .arg("--json")
        .args(args)
        .output()
        .expect("qbank runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        out,
        _dir: dir,
    }
}

/// A long sheet: per candidate, answers to ring, leader, quorum, cap.
fn sheet(rows: &[(&str, [&str; 4])]) -> String {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(["candidate", "question", "answer"]).expect("header");
    for (name, answers) in rows {
        for (q, a) in ["ring", "leader", "quorum", "cap"].iter().zip(answers) {
            csv.write_record([name, q, a]).expect("row");
        }
    }
    String::from_utf8(csv.into_inner().expect("flushed")).expect("utf-8")
}

const FULL: [&str; 4] = ["A hash ring: adding a node moves only a few keys.", "Raft", "3", "false"];
const HALF: [&str; 4] = ["A hash ring.", "Raft", "2", "true"];
const NONE: [&str; 4] = ["no idea", "Gossip", "2", "true"];

fn cohort() -> String {
    // Totals: ann 7, bea 3, cy 3, dan 0 (the maximum is 7).
    sheet(&[("dan", NONE), ("cy", HALF), ("ann", FULL), ("bea", HALF)])
}

#[test]
fn ties_share_a_rank_and_the_pass_mark_splits_the_cohort() {
    let run = grade(&[("sheet.csv", &cohort())], &["--pass-mark", "40"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.ranking(),
        [
            (1, "ann".to_owned(), 7, Some(true)),
            (2, "bea".to_owned(), 3, Some(true)),
            (2, "cy".to_owned(), 3, Some(true)),
            (4, "dan".to_owned(), 0, Some(false)),
        ]
    );
    // 3 of 7 is 42.9%: a pass mark of 43 fails both tied candidates.
    let strict = grade(&[("sheet.csv", &cohort())], &["--pass-mark", "43"]);
    let passes: Vec<Option<bool>> = strict.ranking().into_iter().map(|r| r.3).collect();
    assert_eq!(passes, [Some(true), Some(false), Some(false), Some(false)]);
    // The report lists the rows in rank order, without JavaScript.
    let html = run.file("report.html");
    let at = |name: &str| html.find(&format!(">{name}</a>")).expect("listed");
    assert!(at("ann") < at("bea") && at("bea") < at("cy") && at("cy") < at("dan"));
    assert!(html.contains("pass mark 40%: 3 of 4 pass"), "{html}");
    assert!(html.contains("<td class=\"fail\">fail</td>"));
}

#[test]
fn without_a_pass_mark_there_is_no_result_column() {
    let run = grade(&[("sheet.csv", &cohort())], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.ranking().iter().all(|r| r.3.is_none()));
    assert!(!run.file("report.html").contains(">result</button>"));
}

#[test]
fn overrides_recompute_totals_and_ranks_and_show_the_rubric_score_and_reason() {
    let overrides = "candidate,question,points,reason\n\
                     dan,ring,4,\"Described a ring in other words; <b>the rubric missed it</b>\"\n\
                     ann,cap,0,Answered after time was up\n";
    let run = grade(
        &[("sheet.csv", &cohort()), ("fix.csv", overrides)],
        &["--overrides", "fix.csv", "--pass-mark", "50"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // ann 7 - 1 = 6, dan 0 + 4 = 4: dan passes bea and cy.
    assert_eq!(
        run.ranking(),
        [
            (1, "ann".to_owned(), 6, Some(true)),
            (2, "dan".to_owned(), 4, Some(true)),
            (3, "bea".to_owned(), 3, Some(false)),
            (3, "cy".to_owned(), 3, Some(false)),
        ]
    );
    let json = run.json();
    assert_eq!(json["overrides"][0]["rubric_points"], 0);
    assert_eq!(json["overrides"][0]["points"], 4);
    assert_eq!(json["overrides"][1]["candidate"], "ann", "{}", json["overrides"]);
    // The statistics use the new scores: ring's mean is (4 + 2 + 2 + 4) / 4 = 3, not 2.
    let ring = json["items"].as_array().expect("items").iter().find(|i| i["id"] == "ring").cloned();
    assert_eq!(ring.expect("ring")["mean"], 3.0);
    let candidates = run.file("candidates.csv");
    assert!(candidates.contains("dan,4,7,57.14"), "{candidates}");
    let scores = run.file("scores.csv");
    assert!(scores.lines().next().expect("header").ends_with(",missed,rubric_points"));
    assert!(
        scores.lines().any(|l| l.starts_with("dan,ring,4,4,") && l.ends_with(",0")),
        "{scores}"
    );
    assert!(scores.lines().any(|l| l.starts_with("ann,ring,4,4,") && l.ends_with(',')), "{scores}");
    // The report lists each override with the rubric's score and the reason, escaped.
    let html = run.file("report.html");
    assert!(html.contains("<h2>Overrides</h2>"));
    assert!(html.contains(
        "<td>ring</td><td class=\"n\">0</td><td class=\"n\">4</td><td>Described a ring in other words; &lt;b&gt;the rubric missed it&lt;/b&gt;</td>"
    ), "{html}");
    let page = run.page_of("dan");
    assert!(
        page.contains("Score changed by the lead from 0 (the rubric's) to 4: Described a ring"),
        "{page}"
    );
    assert!(page.contains("4 of 7 points"), "{page}");
}

#[test]
fn bad_override_rows_stop_the_run_with_file_and_line() {
    let cases = [
        (
            "candidate,question,points,reason\nzed,ring,1,typo\n",
            "fix.csv:2: unknown candidate `zed`",
        ),
        (
            "candidate,question,points,reason\nann,rings,1,x\n",
            "fix.csv:2: unknown question `rings`; did you mean `ring`?",
        ),
        (
            "candidate,question,points,reason\n\nann,ring,5,x\n",
            "fix.csv:3: points `5` are not a whole number from 0 to 4",
        ),
        (
            "candidate,question,points,reason\nann,ring,1.5,x\n",
            "fix.csv:2: points `1.5` are not a whole number",
        ),
        ("candidate,question,points,reason\nann,ring,-1,x\n", "fix.csv:2: points `-1`"),
        ("candidate,question,points,reason\nann,ring,1,\n", "fix.csv:2: the reason is empty"),
        ("candidate,question,points\nann,ring,1\n", "fix.csv:1: no `reason` column"),
        (
            "candidate,question,points,reason\nann,ring,1,a\nAnn,ring,2,b\nann,ring,3,c\n",
            "fix.csv:4: a second override of `ann`'s answer to `ring` (the first is on line 2)",
        ),
    ];
    for (file, message) in cases {
        let run =
            grade(&[("sheet.csv", &cohort()), ("fix.csv", file)], &["--overrides", "fix.csv"]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{file}: {}", run.stderr);
        assert!(!run.out.join("report.html").exists() && !run.out.join("candidates").exists());
        assert!(!run.out.join("scores.csv").exists(), "nothing written");
    }
    // A candidate who gave no answer to the question cannot be overridden.
    let partial = "candidate,question,answer\nann,ring,hash ring\nbo,leader,Raft\n";
    let fix = "candidate,question,points,reason\nbo,ring,2,said it aloud\n";
    let run = grade(&[("sheet.csv", partial), ("fix.csv", fix)], &["--overrides", "fix.csv"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("fix.csv:2: `bo` gave no answer to `ring`"), "{}", run.stderr);
}

#[test]
fn candidate_pages_have_safe_unique_names_linked_from_the_report() {
    let names = ["../x", "CON", "a/b", "🦀", "Zoë", "zoe", ".profile"];
    let rows: Vec<(&str, [&str; 4])> = names.iter().map(|&n| (n, HALF)).collect();
    let run = grade(&[("sheet.csv", &sheet(&rows))], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut files: Vec<String> = std::fs::read_dir(run.out.join("candidates"))
        .expect("candidates folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["a-b.html", "con-.html", "crab.html", "profile.html", "x.html", "zoe-2.html", "zoe.html"]
    );
    // Nothing was written outside the output folder, and every link opens a page.
    assert!(!run.out.parent().expect("parent").join("x.html").exists());
    let html = run.file("report.html");
    for file in &files {
        assert!(html.contains(&format!("href=\"candidates/{file}\"")), "{file}");
    }
    assert!(run.page_of("Zoë").contains("<h1>Zoë</h1>"));
    assert!(run.page_of("zoe").contains("<h1>zoe</h1>"));
}

#[test]
fn a_candidate_page_escapes_the_answer_marks_the_evidence_and_holds_no_one_else() {
    let hostile = "<script>alert(1)</script> a hash ring & adding a node moves only a few keys";
    let rows = [
        ("mallory <img src=x onerror=alert(2)>", [hostile, "Raft", "", "true"]),
        ("ann", FULL),
        ("bea", HALF),
    ];
    let run = grade(&[("sheet.csv", &sheet(&rows))], &["--pass-mark", "50"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.page_of("mallory <img src=x onerror=alert(2)>");
    assert!(!page.contains("<script") && !page.contains("<img"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; a <mark title=\"ring\">hash</mark> <mark title=\"ring\">ring</mark> &amp; <mark title=\"movement\">adding</mark>"), "{page}");
    assert!(page.contains("<h1>mallory &lt;img src=x onerror=alert(2)&gt;</h1>"));
    // The blank answer to `quorum` is shown as blank, not as a wrong answer.
    assert!(page.contains("Left blank: no answer was given."), "{page}");
    // Criteria met and missed, and why a match did not count.
    assert!(page.contains("<li class=\"met\"><strong>+2</strong>"), "{page}");
    assert!(page.contains("<li class=\"missed\">not the right answer</li>"), "{page}");
    // Nothing about other candidates: no names, no rank, no cohort figures.
    for other in ["ann", "bea", "rank", "mean"] {
        assert!(!page.contains(other), "{other} in {page}");
    }
    // The report is allowed its one script, by hash only.
    let html = run.file("report.html");
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("script-src 'sha256-") && !html.contains("unsafe-inline"));
    assert!(page.contains("script-src 'none'"));
}

#[test]
fn a_negated_match_says_why_it_did_not_count() {
    let rows =
        [("carol", ["It is not a ring. Adding a server moves only some keys", "A", "three", "F"])];
    let run = grade(&[("sheet.csv", &sheet(&rows))], &[]);
    let page = run.page_of("carol");
    assert!(page.contains("(did not count: matched `ring`, negated by `not`)"), "{page}");
    assert!(page.contains("<mark title=\"movement\">Adding</mark> a server moves <mark title=\"movement\">only</mark>"), "{page}");
}

#[test]
fn scores_csv_lists_missed_criteria_and_answers_on_request() {
    let run = grade(&[("sheet.csv", &cohort())], &[]);
    let scores = run.file("scores.csv");
    let mut reader = csv::Reader::from_reader(scores.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        [
            "candidate",
            "question",
            "points",
            "max",
            "criteria",
            "penalties",
            "evidence",
            "not_counted",
            "missed"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let cy_ring = rows.iter().find(|r| &r[0] == "cy" && &r[1] == "ring").expect("cy's ring");
    assert_eq!((&cy_ring[4], &cy_ring[8]), ("ring", "movement"));
    let dan_cap = rows.iter().find(|r| &r[0] == "dan" && &r[1] == "cap").expect("dan's cap");
    assert_eq!(&dan_cap[8], "correct");

    let run = grade(
        &[("sheet.csv", &sheet(&[("eve", ["=1+1 ring", "Raft", "3", "false"])]))],
        &["--with-answers"],
    );
    let scores = run.file("scores.csv");
    let mut reader = csv::Reader::from_reader(scores.as_bytes());
    assert_eq!(reader.headers().expect("header").iter().next_back(), Some("answer"));
    let first = reader.records().next().expect("a row").expect("row");
    // A formula-looking answer is neutralized, as every text cell is.
    assert_eq!(&first[9], "'=1+1 ring");
}

#[test]
fn small_cohorts_get_a_caution_and_no_discrimination_flag() {
    // The strongest candidates get `leader` wrong and the weakest right: negative
    // discrimination. Below 30 candidates it is shown as unreliable and flags nothing.
    let make = |n: usize| {
        let rows: Vec<(String, [&str; 4])> = (0..n)
            .map(|i| {
                let strong = i % 2 == 0;
                let answers = if strong {
                    [FULL[0], "Gossip", "3", "false"]
                } else {
                    ["no idea", "Raft", "2", "true"]
                };
                (format!("c{i:02}"), answers)
            })
            .collect();
        let borrowed: Vec<(&str, [&str; 4])> = rows.iter().map(|(n, a)| (n.as_str(), *a)).collect();
        sheet(&borrowed)
    };
    let flags = |run: &Run| {
        let json = run.json();
        let leader =
            json["items"].as_array().expect("items").iter().find(|i| i["id"] == "leader").cloned();
        leader.expect("leader")["flags"].clone()
    };
    let small = grade(&[("sheet.csv", &make(29))], &[]);
    assert_eq!(small.code, 0, "{}", small.stderr);
    assert_eq!(small.json()["reliable"], false);
    assert_eq!(flags(&small), serde_json::json!([]));
    let html = small.file("report.html");
    assert!(html.contains("<strong>Caution:</strong> 29 candidates, fewer than 30."));
    assert!(html.contains("Cronbach's α") && html.contains("(unreliable)"));
    let large = grade(&[("sheet.csv", &make(30))], &[]);
    assert_eq!(large.json()["reliable"], true);
    assert_eq!(flags(&large), serde_json::json!(["negative-discrimination"]));
    assert!(!large.file("report.html").contains("Caution:"));
}

#[test]
fn the_heat_map_has_a_row_per_candidate_then_bands_of_the_ranking() {
    let rows: Vec<(String, [&str; 4])> =
        (0..201).map(|i| (format!("c{i:03}"), if i % 3 == 0 { FULL } else { HALF })).collect();
    let borrowed: Vec<(&str, [&str; 4])> = rows.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let run = grade(&[("sheet.csv", &sheet(&borrowed))], &[]);
    let html = run.file("report.html");
    assert!(html.contains("by tenth of the ranking"));
    assert!(
        html.contains("<tr><td>places 1–20</td>") && html.contains("<tr><td>places 181–201</td>"),
        "bands"
    );
    let few = grade(&[("sheet.csv", &cohort())], &[]);
    assert!(few.file("report.html").contains("by candidate in rank order"));
}

#[test]
fn a_second_run_replaces_the_candidate_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let run = |sheet: &str| {
        std::fs::write(dir.path().join("sheet.csv"), sheet).expect("sheet");
        cargo_bin_cmd!("qbank")
            .arg("grade")
            .arg(BANK)
            .arg(dir.path().join("sheet.csv"))
            .arg("-o")
            .arg(&out)
            .output()
            .expect("runs")
    };
    assert!(run(&cohort()).status.success());
    assert!(out.join("candidates/dan.html").exists());
    assert!(run(&sheet(&[("eve", FULL)])).status.success());
    let left: Vec<String> = std::fs::read_dir(out.join("candidates"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["eve.html"]);
    // No scratch or staging file is left behind.
    let mut all: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    all.sort();
    assert_eq!(
        all,
        ["candidates", "candidates.csv", "items.csv", "rejected.csv", "report.html", "scores.csv"]
    );
}

#[test]
fn a_small_report_and_candidate_page_as_a_reviewer_sees_them() {
    let overrides = "candidate,question,points,reason\ncy,ring,3,Named the ring in a diagram\n";
    let run = grade(
        &[("sheet.csv", &cohort()), ("fix.csv", overrides)],
        &["--pass-mark", "50", "--overrides", "fix.csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // One tag per line, so a reviewer reads the diff.
    let lines = |html: String| html.replace("><", ">\n<");
    insta::assert_snapshot!("small_report_html", lines(run.file("report.html")));
    insta::assert_snapshot!("small_candidate_page", lines(run.page_of("cy")));
}

#[test]
fn a_question_without_a_row_is_not_answered_rather_than_wrong() {
    let partial = "candidate,question,answer\nann,ring,hash ring\nann,leader,Raft\nbo,leader,Gossip\nbo,ring,\n";
    let run = grade(&[("sheet.csv", partial)], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bo = run.page_of("bo");
    assert!(bo.contains("Left blank: no answer was given."), "{bo}");
    let ann = run.page_of("ann");
    assert!(!ann.contains("Left blank") && !ann.contains("Not answered"), "{ann}");
    // Only the questions of the test (answered by someone) are listed.
    assert!(!ann.contains("majority"), "{ann}");
    let partial =
        "candidate,question,answer\nann,ring,hash ring\nann,leader,Raft\nbo,leader,Gossip\n";
    let run = grade(&[("sheet.csv", partial)], &[]);
    assert!(
        run.page_of("bo").contains("Not answered: the sheets have no answer to this question.")
    );
}

#[test]
fn an_input_inside_the_candidate_pages_folder_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pages = dir.path().join("out/candidates");
    std::fs::create_dir_all(&pages).expect("folder");
    std::fs::write(pages.join("sheet.csv"), cohort()).expect("sheet");
    let output = cargo_bin_cmd!("qbank")
        .arg("grade")
        .arg(BANK)
        .arg(pages.join("sheet.csv"))
        .arg("-o")
        .arg(dir.path().join("out"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is an input and an output"));
    assert!(pages.join("sheet.csv").exists(), "the sheet is untouched");
}

#[test]
fn a_large_cohort_keeps_the_ranking_light() {
    let rows: Vec<(String, [&str; 4])> =
        (0..1001).map(|i| (format!("c{i:04}"), if i % 2 == 0 { FULL } else { NONE })).collect();
    let borrowed: Vec<(&str, [&str; 4])> = rows.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let run = grade(&[("sheet.csv", &sheet(&borrowed))], &["--pass-mark", "50"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = run.file("report.html");
    assert!(html.contains("With more than 1000 candidates the percent per topic is left out"));
    // A row is rank, name, total, percent and result: five cells.
    let row = html.split("<tr>").find(|r| r.contains("candidates/c0000.html")).expect("a row");
    assert_eq!(row.matches("<td").count(), 5, "{row}");
    assert_eq!(run.ranking().len(), 1001);
    assert_eq!(std::fs::read_dir(run.out.join("candidates")).expect("pages").count(), 1001);
}
