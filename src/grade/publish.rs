//! The pages of a run, once the cohort is graded: ranks the candidates, names their pages,
//! writes each candidate's page into a staged `candidates/` folder and renders `report.html`.
//! Nothing is in place until the caller commits both, with the CSV outputs.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::GradeError;
use super::answers::{AnswerReader, Stored};
use super::overrides::Applied;
use super::page::{candidate, file_names, summary};
use super::ranking::{self, Place};
use super::stats::Analysis;
use super::stream::Tally;
use super::write::{self, Staged, StagedDir};
use crate::model::Bank;

/// What a run publishes besides the CSV files.
pub struct Inputs<'a> {
    /// The bank.
    pub bank: &'a Bank,
    /// Row counts.
    pub tally: &'a Tally,
    /// The cohort's analysis, overrides applied.
    pub analysis: &'a Analysis,
    /// The lead's overrides, as applied.
    pub overrides: &'a [Applied],
    /// `--pass-mark`, a percent.
    pub pass_mark: Option<f64>,
}

/// A candidate's line of the ranking, as `grade --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    /// 1 + the number of candidates with a higher total.
    pub rank: usize,
    /// The candidate's name.
    pub candidate: String,
    /// Points, overrides applied.
    pub total: u32,
    /// The most the test gives.
    pub max: u32,
    /// `100 × total / max`.
    pub percent: f64,
    /// Percent per topic (`null` for a topic with nothing asked).
    pub topics: serde_json::Map<String, serde_json::Value>,
    /// Whether the candidate reaches `--pass-mark` (absent without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass: Option<bool>,
    /// The candidate's page, relative to the output folder.
    pub page: String,
}

/// The staged pages, and what [`ranking()`] needs to list the candidates.
pub struct Published {
    /// `report.html`, staged.
    pub report: Staged,
    /// `candidates/`, staged.
    pub pages: StagedDir,
    /// Candidates in rank order.
    pub places: Vec<Place>,
    /// Each candidate's page, by candidate.
    pub files: Vec<String>,
}

/// Candidates whose answers are read back before their pages are written on all cores: enough
/// to keep both cores busy, few enough to keep memory flat.
const PAGE_BATCH: usize = 256;

/// Rendered pages waiting for the writer thread: enough to keep it busy, few enough that a
/// slow disk does not hold many pages (about 50 KB each) in memory.
const PAGES_QUEUED: usize = 32;

/// Writes the candidate pages (reading each candidate's answers back) and the report.
pub fn publish(
    dir: &Path,
    inputs: &Inputs<'_>,
    mut answers: AnswerReader,
) -> Result<Published, GradeError> {
    let a = inputs.analysis;
    let places: Vec<Place> = ranking::rank(&a.candidates);
    let files = file_names::assign(a.candidates.iter().map(|c| c.candidate.as_str()));
    let test: Vec<usize> = a
        .items
        .iter()
        .filter_map(|item| inputs.bank.questions.iter().position(|q| q.id.as_str() == item.id))
        .collect();
    let mut by_candidate: Vec<Vec<&Applied>> = vec![Vec::new(); a.candidates.len()];
    for o in inputs.overrides {
        if let Some(list) = by_candidate.get_mut(o.candidate) {
            list.push(o);
        }
    }
    let prepared = candidate::Prepared::new(inputs.bank);
    let pages = StagedDir::create(&dir.join("candidates"))?;
    let phase = crate::timings::phase("grade: candidate pages");
    pipeline(
        a.candidates.len(),
        |range| answers.batch(range),
        |c, stored: &Vec<Stored>| {
            let page = candidate::Page {
                prepared: &prepared,
                test: &test,
                topics: &a.topics,
                total: &a.candidates[c],
                answers: stored,
                overrides: by_candidate[c].as_slice(),
                pass_mark: inputs.pass_mark,
            };
            page.render()
        },
        |c, body| pages.write(&files[c], &body),
    )?;
    drop(phase);
    let _phase = crate::timings::phase("grade: report.html");
    let report = summary::Report {
        title: &inputs.bank.title,
        tally: inputs.tally,
        analysis: a,
        places: &places,
        files: &files,
        pass_mark: inputs.pass_mark,
        overrides: inputs.overrides,
    };
    let report = write::text(&dir.join("report.html"), &report.render())?;
    Ok(Published { report, pages, places, files })
}

/// The ranking as `grade --json` prints it. Built only when asked: for a large cohort it holds
/// a map of topic percents per candidate (31,250 candidates × 22 topics: tens of megabytes).
pub fn ranking(published: &Published, analysis: &Analysis, pass_mark: Option<f64>) -> Vec<Ranked> {
    published
        .places
        .iter()
        .map(|p| {
            let c = &analysis.candidates[p.candidate];
            Ranked {
                rank: p.rank,
                candidate: c.candidate.clone(),
                total: c.total,
                max: c.max,
                percent: c.percent,
                topics: analysis
                    .topics
                    .iter()
                    .zip(&c.topics)
                    .map(|((id, _), v)| {
                        (id.clone(), v.map_or(serde_json::Value::Null, serde_json::Value::from))
                    })
                    .collect(),
                pass: pass_mark.map(|m| ranking::passes(c.percent, m)),
                page: format!("candidates/{}", published.files[p.candidate]),
            }
        })
        .collect()
}

/// Makes pages `0..n`: `load` reads a batch's inputs back on this thread (the scratch file is
/// read in order), `render` turns them into pages on all cores, and `write` stores each page
/// on one thread of its own: files created in one folder by several threads at once queue on
/// the folder's lock, and spinning there cost more than writing (Linux ext4). The first error
/// of `load` or `write` stops the rest and is returned.
fn pipeline<T: Sync>(
    n: usize,
    mut load: impl FnMut(std::ops::Range<usize>) -> Result<Vec<T>, GradeError>,
    render: impl Fn(usize, &T) -> String + Sync,
    mut write: impl FnMut(usize, String) -> Result<(), GradeError> + Send,
) -> Result<(), GradeError> {
    let (send, receive) = std::sync::mpsc::sync_channel::<(usize, String)>(PAGES_QUEUED);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<(), GradeError> {
            for (i, page) in receive {
                write(i, page)?;
            }
            Ok(())
        });
        let rendered = (|| -> Result<(), GradeError> {
            for from in (0..n).step_by(PAGE_BATCH) {
                let to = (from + PAGE_BATCH).min(n);
                let inputs = load(from..to)?;
                let queued = (from..to)
                    .into_par_iter()
                    .zip(inputs.par_iter())
                    .try_for_each_with(send.clone(), |send, (i, input)| {
                        send.send((i, render(i, input)))
                    });
                // A closed channel means the writer stopped on an error, which it returns.
                if queued.is_err() {
                    break;
                }
            }
            Ok(())
        })();
        drop(send);
        let written = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        rendered.and(written)
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::Mutex;

    use super::{GradeError, PAGE_BATCH, pipeline};

    fn failure(what: &str) -> GradeError {
        GradeError::Write { path: what.into(), source: std::io::Error::other(what) }
    }

    #[test]
    fn every_page_is_rendered_from_its_input_and_written_once() {
        let n = 2 * PAGE_BATCH + 17;
        let written = Mutex::new(Vec::new());
        pipeline(
            n,
            |range| Ok(range.map(|i| i * 10).collect()),
            |i, input: &usize| format!("{i}:{input}"),
            |i, page| {
                written.lock().expect("lock").push((i, page));
                Ok(())
            },
        )
        .expect("no error");
        let written = written.into_inner().expect("lock");
        assert_eq!(written.len(), n);
        let distinct: HashSet<usize> = written.iter().map(|(i, _)| *i).collect();
        assert_eq!(distinct.len(), n);
        assert!(written.iter().all(|(i, page)| *page == format!("{i}:{}", i * 10)));
    }

    #[test]
    fn a_write_error_stops_the_pages_and_is_returned() {
        let n = 20 * PAGE_BATCH;
        let mut rendered_batches = 0;
        let result = pipeline(
            n,
            |range| {
                rendered_batches += 1;
                Ok(range.collect())
            },
            |i, _: &usize| i.to_string(),
            |_, _| Err(failure("disk full")),
        );
        assert!(
            matches!(result, Err(GradeError::Write { path, .. }) if path.ends_with("disk full"))
        );
        assert!(rendered_batches < 20, "rendering went on after the writer stopped");
    }

    #[test]
    fn a_load_error_is_returned() {
        let result = pipeline(
            3 * PAGE_BATCH,
            |range| if range.start > 0 { Err(failure("damaged")) } else { Ok(range.collect()) },
            |i, _: &usize| i.to_string(),
            |_, _| Ok(()),
        );
        assert!(matches!(result, Err(GradeError::Write { path, .. }) if path.ends_with("damaged")));
    }
}
