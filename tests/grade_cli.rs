//! `qbank grade` end to end: long and wide sheets, form exports, dialects and every kind of bad
//! row, with the outputs snapshotted.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

const BANK: &str = "tests/fixtures/grade/bank.yaml";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    dir: tempfile::TempDir,
}

impl Run {
    fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).expect("output exists")
    }

    /// Data rows of a CSV output (header excluded).
    fn rows(&self, name: &str) -> usize {
        csv::Reader::from_path(self.dir.path().join(name)).expect("csv opens").records().count()
    }
}

fn grade(sheets: &[&str], extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = cargo_bin_cmd!("qbank")
        .arg("grade")
        .arg(BANK)
        .args(sheets)
        .arg("-o")
        .arg(dir.path())
        .args(extra)
        .output()
        .expect("qbank runs");
    let redact =
        |s: &[u8]| String::from_utf8_lossy(s).replace(&dir.path().display().to_string(), "[OUT]");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: redact(&out.stdout),
        stderr: redact(&out.stderr),
        dir,
    }
}

/// Writes `text` as the sheet `name` in a fresh folder and grades it; the folder is returned
/// so the sheet outlives the run.
fn grade_sheet(name: &str, text: &str) -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = dir.path().join(name);
    std::fs::write(&sheet, text).expect("sheet written");
    let run = grade(&[sheet.to_str().expect("utf-8 path")], &[]);
    (dir, run)
}

#[test]
fn long_sheet_produces_every_output() {
    let run = grade(&["tests/fixtures/answers/long.csv"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "12 rows read from 1 sheet: 12 graded (12 answers, 3 candidates), 0 rejected\n"
    );
    insta::assert_snapshot!("long_scores", run.file("scores.csv"));
    insta::assert_snapshot!("long_candidates", run.file("candidates.csv"));
    insta::assert_snapshot!("long_items", run.file("items.csv"));
    assert_eq!(run.file("rejected.csv"), "row,reason,sheet,line,candidate,question\n");
    let html = run.file("report.html");
    assert!(
        html.starts_with("<!doctype html>") && html.contains("<svg") && html.contains("Cronbach")
    );
    // Self-contained: nothing to fetch, and its one script (table sorting) allowed by hash.
    assert!(!html.contains("http://") && !html.contains("https://"), "self-contained");
    assert_eq!(html.matches("<script>").count(), 1);
    assert!(html.contains("script-src 'sha256-"));
    insta::assert_snapshot!("long_report_html", html.replace("><", ">\n<"));
}

#[test]
fn google_forms_export_with_bom_crlf_prompts_and_quoted_newlines() {
    let run =
        grade(&["tests/fixtures/answers/wide-google.csv"], &["--candidate-col", "Email Address"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("google_stderr", run.stderr);
    insta::assert_snapshot!("google_scores", run.file("scores.csv"));
}

#[test]
fn wide_sheets_find_the_email_column_by_default() {
    let run = grade(&["tests/fixtures/answers/wide-google.csv"], &["--layout", "wide"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.file("scores.csv").contains("alice@example.com,ring,4,4"));
}

#[test]
fn canvas_student_analysis_report_with_numbered_question_columns() {
    // Canvas heads each question `<its question id>: <the text without tags>` and follows it
    // with a points column headed by the points possible.
    let run = grade(&["tests/fixtures/answers/wide-canvas.csv"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("canvas_scores", run.file("scores.csv"));
    assert!(
        run.stderr.contains("3 rows read from 1 sheet: 3 graded (12 answers, 3 candidates)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`4.0`, `1.0`"), "points columns are ignored: {}", run.stderr);
}

#[test]
fn microsoft_forms_export_with_semicolons_and_a_name_column() {
    let run = grade(&["tests/fixtures/answers/wide-msforms.csv"], &["--candidate-col", "name"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("msforms_scores", run.file("scores.csv"));
    assert!(
        run.stderr.contains("ignored columns `ID`, `Start time`, `Completion time`, `Email`"),
        "{}",
        run.stderr
    );
}

#[test]
fn utf16_with_custom_column_names_and_an_explicit_delimiter() {
    let run = grade(
        &["tests/fixtures/answers/utf16-custom-columns.csv"],
        &[
            "--layout",
            "long",
            "--candidate-col",
            "who",
            "--question-col",
            "qid",
            "--answer-col",
            "response",
            "--delimiter",
            "tab",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.file("scores.csv"),
        "candidate,question,points,max,criteria,penalties,evidence,not_counted,missed\nzoë,ring,2,4,ring,,ring: hash ring,,movement\nyann,leader,1,1,correct,,correct: Raft,,\n"
    );
}

#[test]
fn every_bad_long_row_is_rejected_with_its_reason_and_counted() {
    let run = grade(&["tests/fixtures/answers/long-bad.tsv"], &[]);
    assert_eq!(run.code, 1, "rejected rows make the run exit 1");
    assert_eq!(
        run.stderr,
        "help: 1 row is not UTF-8; if the sheet was saved by Excel as plain CSV, pass `--encoding windows-1252`\n\
         8 rows read from 1 sheet: 3 graded (3 answers, 3 candidates), 5 rejected (see `[OUT]/rejected.csv`)\n\
         note: not asked by any sheet, so left out of the maximum and the statistics: `leader`\n"
    );
    assert_eq!(run.rows("scores.csv") + run.rows("rejected.csv"), 8, "rows in = graded + rejected");
    insta::assert_snapshot!("long_bad_rejected", run.file("rejected.csv"));
}

#[test]
fn every_bad_wide_row_is_rejected_with_its_reason_and_counted() {
    let run = grade(&["tests/fixtures/answers/wide-bad.csv"], &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("help: 1 row is not UTF-8; if the sheet was saved by Excel")
            && run.stderr.contains(
                "\n6 rows read from 1 sheet: 2 graded (4 answers, 2 candidates), 4 rejected"
            ),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("wide_bad_rejected", run.file("rejected.csv"));
    insta::assert_snapshot!("wide_bad_scores", run.file("scores.csv"));
}

#[test]
fn several_sheets_share_candidates_and_reject_cross_sheet_duplicates() {
    // A second sheet with the same rows (a copy: one file named twice is refused outright).
    let copy = tempfile::tempdir().expect("tempdir");
    let second = copy.path().join("again.csv");
    std::fs::copy("tests/fixtures/answers/long.csv", &second).expect("copied");
    let run =
        grade(&["tests/fixtures/answers/long.csv", second.to_str().expect("utf-8 path")], &[]);
    assert_eq!(run.code, 1);
    assert_eq!(run.rows("scores.csv"), 12);
    assert_eq!(run.rows("rejected.csv"), 12);
    assert!(run.file("rejected.csv").contains("duplicate answer of `alice` to `ring`"));
}

#[test]
fn formula_cells_are_neutralized_in_every_csv() {
    let run =
        grade(&["tests/fixtures/answers/wide-google.csv"], &["--candidate-col", "Email Address"]);
    let scores = run.file("scores.csv");
    assert!(scores.contains("\"'=HYPERLINK(\"\"http://x\"\")\",ring"), "{scores}");
    assert!(run.file("candidates.csv").contains("\"'=HYPERLINK("));
    let bad = grade(&["tests/fixtures/answers/long-bad.tsv"], &[]);
    assert!(!bad.file("rejected.csv").lines().any(|l| l.split(',').any(|c| c.starts_with('='))));
}

#[test]
fn json_summary_on_stdout() {
    let run = grade(&["tests/fixtures/answers/long.csv"], &["--json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(json["rows"]["read"], 12);
    assert_eq!(json["rows"]["rejected"], 0);
    assert_eq!(json["candidates"], 3);
    assert_eq!(json["items"][0]["id"], "ring");
    assert_eq!(json["items"][0]["criteria"][0]["id"], "ring");
}

#[test]
fn sheet_problems_exit_1_and_io_problems_exit_2() {
    let missing = grade(&["tests/fixtures/answers/nope.csv"], &[]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.starts_with("error: cannot access `tests/fixtures/answers/nope.csv`"),
        "{}",
        missing.stderr
    );
    let columns = grade(
        &["tests/fixtures/answers/long.csv"],
        &["--layout", "long", "--answer-col", "response"],
    );
    assert_eq!(columns.code, 1);
    insta::assert_snapshot!("missing_column", columns.stderr);
    let wide = grade(&["tests/fixtures/answers/long.csv"], &["--layout", "wide"]);
    assert_eq!(wide.code, 1);
    assert!(
        wide.stderr.contains(
            "no column is headed by a question id or prompt of the bank (read as comma-separated, the columns are: candidate, question, answer)"
        ) && wide.stderr.contains("or pass `--delimiter` if the fields are separated by another"),
        "{}",
        wide.stderr
    );
    let bad_bank = cargo_bin_cmd!("qbank")
        .args(["grade", "tests/fixtures/answers/long.csv", "tests/fixtures/answers/long.csv"])
        .output()
        .expect("runs");
    assert_eq!(bad_bank.status.code(), Some(1));
}

#[test]
fn an_output_never_overwrites_an_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = dir.path().join("scores.csv");
    std::fs::copy("tests/fixtures/answers/long.csv", &sheet).expect("copy");
    let out = cargo_bin_cmd!("qbank")
        .args(["grade", BANK])
        .arg(&sheet)
        .arg("-o")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&sheet).expect("sheet"),
        std::fs::read("tests/fixtures/answers/long.csv").expect("fixture")
    );
    assert!(!Path::new(&dir.path().join("items.csv")).exists());
}

#[test]
fn a_failed_run_leaves_no_partial_outputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = cargo_bin_cmd!("qbank")
        .args([
            "grade",
            BANK,
            "tests/fixtures/answers/long.csv",
            "tests/fixtures/answers/missing.csv",
            "-o",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn anonymous_microsoft_forms_responses_are_told_apart_by_their_id() {
    // Without sign-in, Microsoft Forms writes `anonymous` in every Email cell.
    let run = grade(&["tests/fixtures/answers/wide-msforms-anonymous.csv"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let candidates = run.file("candidates.csv");
    for who in ["anonymous #1", "anonymous #2", "anonymous #3"] {
        assert!(candidates.contains(who), "{who} missing from:\n{candidates}");
    }
    assert_eq!(run.rows("rejected.csv"), 0);
}

#[test]
fn rejected_rows_of_crlf_sheets_name_their_real_line() {
    // The csv crate places a record that follows a CRLF on the previous line; the row after a
    // quoted two-line answer starts on line 4.
    let run = grade(&["tests/fixtures/answers/long-crlf.csv"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let rejected = run.file("rejected.csv");
    assert!(rejected.contains("3,unknown question `nope`,"), "{rejected}");
    assert!(rejected.contains("long-crlf.csv,4,ann,nope"), "{rejected}");
}

#[test]
fn an_invalid_bank_grades_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("answers.csv");
    std::fs::write(&sheet, "candidate,question,answer\na,q,x\n").unwrap();
    cargo_bin_cmd!("qbank")
        .args(["grade", "tests/fixtures/banks/bad/unknown-topic.yaml"])
        .arg(&sheet)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("is not a valid bank; nothing was graded"));
    assert!(!dir.path().join("out/scores.csv").exists());
}

#[test]
fn a_quote_that_never_closes_is_rejected_with_the_line_it_opens_on() {
    // The stray quote swallows the rows after it: the one row it makes is rejected and says so,
    // instead of those rows disappearing from the count.
    let (_dir, run) = grade_sheet(
        "stray-quote.csv",
        "candidate,question,answer\r\nc1,ring,a hash ring\r\nc2,ring,\"never closed\r\nc3,ring,ok\r\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("2 rows read from 1 sheet: 1 graded"), "{}", run.stderr);
    let rejected = run.file("rejected.csv");
    assert!(
        rejected.contains("unclosed quote: the quoted cell that opens on line 3 runs to the end"),
        "{rejected}"
    );
    assert!(rejected.contains("stray-quote.csv,3,c2,ring"), "{rejected}");
    assert_eq!(run.rows("scores.csv"), 1);
}

#[test]
fn a_cell_over_one_mebibyte_is_rejected_not_graded() {
    let huge = "hash ring ".repeat(120_000); // 1.14 MiB
    let (_dir, run) = grade_sheet(
        "huge-cell.csv",
        &format!("candidate,question,answer\nc1,ring,{huge}\nc2,ring,ok\n"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("2 rows read from 1 sheet: 1 graded"), "{}", run.stderr);
    assert!(
        run.file("rejected.csv")
            .contains("bytes; qbank grades cells of up to 1 MiB (1048576 bytes)"),
        "{}",
        run.file("rejected.csv")
    );
}

#[test]
fn a_workbook_is_refused_with_how_to_export_csv() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("responses.xlsx");
    // A zip whose first entry is an Office manifest, as every .xlsx starts.
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&xlsx).unwrap());
    zip.start_file("[Content_Types].xml", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, b"<Types/>").unwrap();
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.finish().unwrap();
    let run = grade(&[xlsx.to_str().unwrap()], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("is an Excel workbook, not a CSV sheet"), "{}", run.stderr);
    assert!(run.stderr.contains("Save As → CSV UTF-8"), "{}", run.stderr);
}

#[test]
fn a_long_sheet_may_name_questions_by_their_prompt() {
    // Survey tools that write one answer per row put the question's text in the question column.
    let (_dir, run) = grade_sheet(
        "long-prompts.csv",
        "candidate,question,answer\n\
         c1,What is consistent hashing and why is it used?,hash ring\n\
         c2,Which protocol elects a leader with randomized timeouts?,Raft\n\
         c3,Ring,hash ring\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("3 rows read from 1 sheet: 2 graded"), "{}", run.stderr);
    let scores = run.file("scores.csv");
    assert!(scores.contains("c1,ring,2,4") && scores.contains("c2,leader,1,1"), "{scores}");
    assert!(run.file("rejected.csv").contains("unknown question `Ring`; did you mean `ring`?"));
}

#[test]
fn an_output_folder_that_is_a_file_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("grades");
    std::fs::write(&file, "not a folder").unwrap();
    let out = cargo_bin_cmd!("qbank")
        .args(["grade", BANK, "tests/fixtures/answers/long.csv", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is a file; `-o` names the folder for the outputs"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder", "the file is untouched");
}

#[test]
fn a_run_that_cannot_write_one_output_leaves_the_previous_set_whole() {
    let first = grade(&["tests/fixtures/answers/long.csv"], &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = first.file("scores.csv");
    // `report.html` cannot be replaced: the new run must fail before it renames anything.
    let report = first.dir.path().join("report.html");
    std::fs::remove_file(&report).expect("report removed");
    std::fs::create_dir(&report).expect("a folder in its place");
    let out = cargo_bin_cmd!("qbank")
        .args(["grade", BANK, "tests/fixtures/answers/wide-google.csv", "-o"])
        .arg(first.dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write") && stderr.contains("report.html"), "{stderr}");
    assert_eq!(first.file("scores.csv"), before, "scores.csv was replaced by the failed run");
    let mut left: Vec<String> = std::fs::read_dir(first.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["candidates", "candidates.csv", "items.csv", "rejected.csv", "report.html", "scores.csv"]
    );
}

#[test]
fn tab_and_semicolon_exports_whose_questions_hold_commas_are_not_read_as_comma_separated() {
    // Each header has as many commas as delimiters or more; the data rows tell them apart. The
    // last is Excel's "Unicode text" (UTF-16 with a BOM, tab-separated) whose rows split into as
    // many fields on their commas as on their tabs: the spaces after the commas tell.
    // Their comments column reads as a question the bank lacks: named as no question, it is
    // left alone.
    let comments = ["--ignore-column", "Comments, if any, on the test"];
    for sheet in ["tab-commas.tsv", "semi-excel-eu.csv", "excel-unicode-text.txt"] {
        let run = grade(&[&format!("tests/fixtures/answers/{sheet}")], &comments);
        assert_eq!(run.code, 0, "{sheet}: {}", run.stderr);
        let scores = run.file("scores.csv");
        assert!(
            scores.contains("\na@x.com,quorum,1,1,correct,,correct: 3,,\n"),
            "{sheet}: {scores}"
        );
    }
    let semi = grade(&["tests/fixtures/answers/semi-excel-eu.csv"], &comments);
    assert!(semi.file("scores.csv").contains("a@x.com,ring,4,4"), "{}", semi.file("scores.csv"));
    assert!(semi.stderr.contains("ignored columns `Comments, if any, on the test`"));
}

#[test]
fn excel_s_sep_line_names_the_delimiter_and_is_not_a_row() {
    // Excel hides the `sep=;` line: the header is row 1 of the spreadsheet, line 2 of the file.
    let run = grade(&["tests/fixtures/answers/sep-line.csv"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("3 rows read from 1 sheet: 1 graded"), "{}", run.stderr);
    assert!(run.file("scores.csv").contains("ann,ring,4,4"), "{}", run.file("scores.csv"));
    let rejected = run.file("rejected.csv");
    assert!(rejected.contains("3,unknown question `nope`,"), "{rejected}");
    assert!(rejected.contains("sep-line.csv,4,bob,nope"), "{rejected}");
    assert!(rejected.contains("the quoted cell that opens on line 5 runs"), "{rejected}");
    assert!(rejected.contains("sep-line.csv,5,cat,ring"), "{rejected}");
}

#[test]
fn an_excel_csv_in_windows_1252_says_how_to_read_it_and_reads_with_encoding() {
    // Excel's plain "CSV" is in the system's code page: `andré` is one byte 0xE9.
    let sheet = "tests/fixtures/answers/cp1252-semi.csv";
    let plain = grade(&[sheet], &[]);
    assert_eq!(plain.code, 1, "{}", plain.stderr);
    assert_eq!(
        plain.stderr,
        "help: 1 row is not UTF-8; if the sheet was saved by Excel as plain CSV, pass `--encoding windows-1252`\n\
         1 row read from 1 sheet: 0 graded (0 answers, 0 candidates), 1 rejected (see `[OUT]/rejected.csv`)\n"
    );
    assert_eq!(plain.rows("rejected.csv"), 1, "rows in = graded + rejected");
    for label in ["windows-1252", "latin1", "CP1252"] {
        let run = grade(&[sheet], &["--encoding", label]);
        assert_eq!(run.code, 0, "{label}: {}", run.stderr);
        let scores = run.file("scores.csv");
        assert!(scores.contains("andré@x.com,ring,4,4,ring;movement"), "{label}: {scores}");
        assert!(scores.contains("andré@x.com,quorum,1,1"), "{label}: {scores}");
    }
    let header = grade(&["tests/fixtures/answers/cp1252-header.csv"], &[]);
    assert_eq!(header.code, 1);
    assert!(
        header.stderr.contains(
            "is not UTF-8 (column 3, byte 4 of the cell); if the sheet was saved by Excel as plain CSV, pass `--encoding windows-1252`"
        ),
        "{}",
        header.stderr
    );
    let unknown = grade(&[sheet], &["--encoding", "klingon"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("`klingon` is not an encoding label"), "{}", unknown.stderr);
}

#[test]
fn a_bom_wins_over_the_encoding_asked_for() {
    let bom = grade(&["tests/fixtures/answers/wide-google.csv"], &["--encoding", "windows-1252"]);
    let plain = grade(&["tests/fixtures/answers/wide-google.csv"], &[]);
    assert_eq!(bom.code, 0, "{}", bom.stderr);
    assert_eq!(bom.file("scores.csv"), plain.file("scores.csv"));
}

#[test]
fn utf16_without_a_bom_is_told_by_its_nul_bytes() {
    let run = grade(&["tests/fixtures/answers/utf16le-nobom.txt"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.starts_with("2 rows read from 1 sheet: 2 graded (8 answers"));
    assert!(run.file("scores.csv").contains("zoë@x.com,ring,4,4"), "{}", run.file("scores.csv"));
}

#[test]
fn a_sheet_split_on_the_wrong_delimiter_says_which_one_it_was_read_with() {
    let run = grade(&["tests/fixtures/answers/semi-excel-eu.csv"], &["--delimiter", "tab"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: cannot tell which column names the candidate (read as tab-separated, the columns are: Email;What is"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "name it with `--candidate-col`, or pass `--delimiter` if the fields are separated by another character"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn two_answer_columns_are_refused_not_resolved_to_the_first() {
    let run = grade(&["tests/fixtures/answers/dup-header.csv"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: columns 3 and 4 are both headed `answer`; rename or remove one, or name the column to read with `--answer-col`\n"
    );
    assert!(!run.dir.path().join("scores.csv").exists(), "nothing is graded");
}

#[test]
fn qualtrics_export_with_its_three_header_rows() {
    let run = grade(&["tests/fixtures/answers/qualtrics.csv"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("2 rows read from 1 sheet: 2 graded (6 answers, 2 candidates)"),
        "{}",
        run.stderr
    );
    let scores = run.file("scores.csv");
    assert!(scores.contains("ada@x.com,ring,4,4,"), "{scores}");
    assert!(scores.contains("ada@x.com,leader,1,1,"), "{scores}");
    assert!(!scores.contains("ImportId"), "{scores}");
}

#[test]
fn surveymonkey_export_with_labels_row_and_a_multi_select_over_several_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = cargo_bin_cmd!("qbank")
        .args(["grade", "banks/distributed.yaml", "tests/fixtures/answers/surveymonkey.csv", "-o"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("2 rows read from 1 sheet: 2 graded (4 answers, 2 candidates)"),
        "{stderr}"
    );
    assert!(!stderr.contains("``"), "empty option columns are not listed as ignored: {stderr}");
    let scores = std::fs::read_to_string(dir.path().join("scores.csv")).expect("scores");
    // Sam ticked the three right options, one per column; Uma ticked a right and a wrong one.
    assert!(scores.contains("sam@x.com,kafka-exactly-once-mechanisms,1,1,"), "{scores}");
    assert!(scores.contains("uma@x.com,kafka-exactly-once-mechanisms,0,1,"), "{scores}");
    assert!(scores.contains("sam@x.com,consistent-hashing,4,9,"), "{scores}");
}

/// Spreadsheets pad or trim empty cells at the end of lines, and leave rows of blanks: neither
/// is a malformed row.
#[test]
fn trailing_empty_cells_and_rows_of_blanks_are_not_errors() {
    let (_dir, run) = grade_sheet(
        "padded.csv",
        "candidate,question,answer,,\nc1,ring,a hash ring\nc2,ring,mod n,,,,\n  ,  , \nc3,ring\nc4,ring,x,,,y\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("4 rows read from 1 sheet: 2 graded"), "{}", run.stderr);
    let rejected = run.file("rejected.csv");
    assert!(rejected.contains("malformed row: 2 fields where the header has 5"), "{rejected}");
    assert!(rejected.contains("malformed row: 6 fields where the header has 5"), "{rejected}");
}

#[test]
fn a_sheet_named_twice_is_refused_before_grading() {
    let run = grade(&["tests/fixtures/answers/long.csv", "./tests/fixtures/answers/long.csv"], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is given twice"), "{}", run.stderr);
    assert!(!run.dir.path().join("scores.csv").exists());
}

/// An email address names one mailbox whatever its case: a second response under `ANN@X.COM`
/// is the same candidate as `ann@x.com`, not a new one.
#[test]
fn email_candidates_are_compared_without_case() {
    let (_dir, run) = grade_sheet(
        "case.csv",
        "candidate,question,answer\nann@x.com,ring,a hash ring\nANN@X.COM,leader,Raft\nAnn@x.com,ring,again\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("2 graded (2 answers, 1 candidate)"), "{}", run.stderr);
    assert!(run.file("rejected.csv").contains("duplicate answer of `Ann@x.com` to `ring`"));
}

/// An output that is a symbolic link is written through, as `export -o` does: the link stays and
/// the file it names gets the report (never a 0777 copy of the link's mode in its place).
#[cfg(unix)]
#[test]
fn an_output_that_is_a_symlink_is_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("grades");
    std::fs::create_dir(&out).expect("folder");
    std::fs::write(dir.path().join("kept.html"), "old").expect("target");
    std::os::unix::fs::symlink("../kept.html", out.join("report.html")).expect("link");
    let run = cargo_bin_cmd!("qbank")
        .args(["grade", BANK, "tests/fixtures/answers/long.csv", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        std::fs::symlink_metadata(out.join("report.html")).expect("meta").file_type().is_symlink()
    );
    let report = std::fs::read_to_string(dir.path().join("kept.html")).expect("report");
    assert!(report.contains("<html"), "{report}");
}

/// Blank lines are rows in a spreadsheet and lines in the file, though the csv reader skips
/// them: a rejected row after them is reported where it really is.
#[test]
fn rows_after_blank_lines_are_reported_at_their_real_row_and_line() {
    for end in ["\n", "\r\n"] {
        let text = ["candidate,question,answer", "", "", "bob,nope,x", "ann,nope,x", ""].join(end);
        let (_dir, run) = grade_sheet("blanks.csv", &text);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let rejected = run.file("rejected.csv");
        assert!(rejected.contains("4,unknown question `nope`"), "{end:?}: {rejected}");
        assert!(rejected.contains("5,unknown question `nope`"), "{end:?}: {rejected}");
        assert!(
            rejected.contains("blanks.csv,4,bob") && rejected.contains("blanks.csv,5,ann"),
            "{end:?}: {rejected}"
        );
    }
}

/// An anonymous Qualtrics survey leaves every email empty: responses are told apart by their
/// response id, as anonymous Microsoft Forms responses are.
#[test]
fn anonymous_responses_with_an_empty_email_use_the_response_id() {
    let run = grade(&["tests/fixtures/answers/qualtrics-anonymous.csv"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scores = run.file("scores.csv");
    assert!(scores.contains("anonymous #R_1,leader,1,1,"), "{scores}");
    assert!(scores.contains("anonymous #R_2,leader,0,1,"), "{scores}");
}

/// Moodle's Responses report heads its answers `Response 1`, `Response 2`: `--column` names the
/// question each answers, and a mistyped id gets the closest one.
#[test]
fn columns_named_to_questions_grade_a_moodle_responses_report() {
    let sheet = "tests/fixtures/answers/moodle-responses.csv";
    let run = grade(&[sheet], &["--column", "Response 1=ring", "--column", "Response 2=leader"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scores = run.file("scores.csv");
    assert!(scores.contains("ada@x.com,ring,4,4,"), "{scores}");
    assert!(scores.contains("ada@x.com,leader,1,1,"), "{scores}");
    assert!(scores.contains("alan@x.com,leader,0,1,"), "{scores}");
    let typo = grade(&[sheet], &["--column", "Response 1=rign"]);
    assert_eq!(typo.code, 1);
    assert!(typo.stderr.contains("did you mean `ring`?"), "{}", typo.stderr);
}

#[test]
fn an_option_named_by_a_part_of_its_text_scores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bank = dir.path().join("bank.yaml");
    std::fs::write(
        &bank,
        "qbank: 1\nid: caches\ntitle: Caches\nquestions:\n  - id: evict\n    topic: caching\n    type: single\n    difficulty: easy\n    prompt: Which policy evicts the entry unused for the longest time?\n    options:\n      - {text: LRU (least recently used), correct: true}\n      - {text: LFU (least frequently used)}\n  - id: both\n    topic: caching\n    type: multiple\n    difficulty: easy\n    prompt: Which policies count or time past uses?\n    options:\n      - {text: LRU (least recently used), correct: true}\n      - {text: LFU (least frequently used), correct: true}\n      - {text: Random}\n",
    )
    .expect("bank written");
    let sheet = dir.path().join("answers.csv");
    std::fs::write(
        &sheet,
        "candidate,question,answer\nada,evict,LRU\nada,both,\"least recently used, LFU\"\nbob,evict,least frequently used\nbob,both,LRU\n",
    )
    .expect("sheet written");
    let out = dir.path().join("out");
    let status = cargo_bin_cmd!("qbank")
        .arg("grade")
        .arg(&bank)
        .arg(&sheet)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("qbank runs");
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    let mut scores = csv::Reader::from_path(out.join("scores.csv")).expect("scores.csv");
    let header = scores.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect("column");
    let (who, question, score) = (column("candidate"), column("question"), column("points"));
    let got: Vec<(String, String, String)> = scores
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[who].to_owned(), r[question].to_owned(), r[score].to_owned())
        })
        .collect();
    let row = |c: &str, q: &str, s: &str| (c.to_owned(), q.to_owned(), s.to_owned());
    assert_eq!(
        got,
        [
            row("ada", "evict", "1"),
            row("ada", "both", "1"),
            row("bob", "evict", "0"),
            row("bob", "both", "0")
        ]
    );
}
