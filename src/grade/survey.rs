//! The extra header rows of survey tools, read so their sheets grade like any wide sheet.
//!
//! - **`SurveyMonkey`** writes two header rows: the question texts, then a row of sub-labels
//!   (`Response`, `Open-Ended Response`, or one option text per column of a multi-select
//!   question, whose columns after the first have an empty first-row header). The second row is
//!   skipped, and a multi-select question's columns are read as one answer, the chosen options
//!   joined with `; `.
//! - **Qualtrics** writes three: short names (`Q1`, `ResponseId`), the question texts (`Recipient
//!   Email`, …), and `{"ImportId":…}` cells. The question texts become the header (a short name
//!   stays where the text row is empty), and both extra rows are skipped.
//!
//! Rows read to find out, and found to be answers after all, are handed back to be graded first.

use std::collections::VecDeque;

/// What the rows after the header said.
#[derive(Debug, Default)]
pub(super) struct Survey {
    /// Records read ahead that are answers, in order.
    pub(super) pending: VecDeque<csv::ByteRecord>,
    /// For each column, the first column of the multi-select question it continues, if any.
    pub(super) continues: Vec<Option<usize>>,
}

/// Reads the rows after `headers` that survey tools add, rewriting `headers` when the tool puts
/// its question texts on a later row.
pub(super) fn read(
    next: &mut impl FnMut(&mut csv::ByteRecord) -> Result<bool, csv::Error>,
    headers: &mut [String],
) -> Result<Survey, csv::Error> {
    let mut survey = Survey { continues: vec![None; headers.len()], ..Survey::default() };
    let mut second = csv::ByteRecord::new();
    if !next(&mut second)? {
        return Ok(survey);
    }
    if is_surveymonkey_labels(&second) {
        survey.continues = continuations(headers);
        return Ok(survey);
    }
    if headers.iter().any(|h| h.eq_ignore_ascii_case("ResponseId")) {
        let mut third = csv::ByteRecord::new();
        if next(&mut third)? && is_qualtrics_import_ids(&third) {
            for (header, text) in headers.iter_mut().zip(second.iter()) {
                let text = String::from_utf8_lossy(text);
                if !text.trim().is_empty() {
                    text.trim().clone_into(header);
                }
            }
            return Ok(survey);
        }
        survey.pending.push_back(second);
        if !third.is_empty() {
            survey.pending.push_back(third);
        }
        return Ok(survey);
    }
    survey.pending.push_back(second);
    Ok(survey)
}

/// `SurveyMonkey`'s second row: nothing under the respondent columns, and `Response` or
/// `Open-Ended Response` under at least one question.
fn is_surveymonkey_labels(row: &csv::ByteRecord) -> bool {
    let cell = |b: &[u8]| String::from_utf8_lossy(b).trim().to_ascii_lowercase();
    row.get(0).is_some_and(|first| cell(first).is_empty())
        && row.iter().any(|c| matches!(cell(c).as_str(), "response" | "open-ended response"))
}

/// Qualtrics' third row: every non-empty cell is a `{"ImportId":…}` object.
fn is_qualtrics_import_ids(row: &csv::ByteRecord) -> bool {
    let cells: Vec<&[u8]> = row.iter().filter(|c| !c.trim_ascii().is_empty()).collect();
    !cells.is_empty() && cells.iter().all(|c| c.trim_ascii().starts_with(b"{\"ImportId\""))
}

/// Columns with an empty header right after a question column (or after another such column):
/// the further options of a multi-select question.
fn continuations(headers: &[String]) -> Vec<Option<usize>> {
    let mut out = vec![None; headers.len()];
    let mut group = None;
    for (i, header) in headers.iter().enumerate() {
        if header.is_empty() {
            out[i] = group;
        } else {
            group = Some(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> VecDeque<csv::ByteRecord> {
        lines.iter().map(|cells| csv::ByteRecord::from(cells.to_vec())).collect()
    }

    fn run(header: &[&str], after: &[&[&str]]) -> (Vec<String>, Survey) {
        let mut headers: Vec<String> = header.iter().map(|&h| h.to_owned()).collect();
        let mut queue = rows(after);
        let mut next =
            |out: &mut csv::ByteRecord| Ok(queue.pop_front().map(|r| *out = r).is_some());
        let survey = read(&mut next, &mut headers).expect("reads");
        (headers, survey)
    }

    #[test]
    fn surveymonkey_labels_are_skipped_and_multi_select_columns_grouped() {
        let (headers, survey) = run(
            &["Respondent ID", "Email Address", "Which two?", "", "", "Why?"],
            &[
                &["", "", "A", "B", "C", "Open-Ended Response"],
                &["1", "s@x", "A", "", "C", "because"],
            ],
        );
        assert_eq!(headers[2], "Which two?");
        assert!(survey.pending.is_empty(), "the label row is not an answer");
        assert_eq!(survey.continues, [None, None, None, Some(2), Some(2), None]);
    }

    #[test]
    fn qualtrics_question_texts_become_the_header() {
        let (headers, survey) = run(
            &["ResponseId", "RecipientEmail", "Q1"],
            &[
                &["Response ID", "Recipient Email", "What is a quorum?"],
                &[
                    r#"{"ImportId":"_recordId"}"#,
                    r#"{"ImportId":"recipientEmail"}"#,
                    r#"{"ImportId":"QID1_TEXT"}"#,
                ],
                &["R_1", "a@x", "a majority"],
            ],
        );
        assert_eq!(headers, ["Response ID", "Recipient Email", "What is a quorum?"]);
        assert!(survey.pending.is_empty());
    }

    #[test]
    fn ordinary_first_rows_are_answers_handed_back() {
        let (headers, survey) = run(&["email", "ring"], &[&["a@x", "hash ring"]]);
        assert_eq!(headers, ["email", "ring"]);
        assert_eq!(survey.pending.len(), 1);
        let (_, survey) =
            run(&["ResponseId", "email", "ring"], &[&["R_1", "a@x", "x"], &["R_2", "b@x", "y"]]);
        assert_eq!(survey.pending.len(), 2, "a ResponseId column alone is no Qualtrics header");
    }
}
