//! `qbank lint`'s engine: rules over the typed banks, configured by `qbank.toml` and flags.
//!
//! Each rule lives in its own file under [`rules`] and hooks the model at the level it needs
//! ([`Rule`] has default methods that walk corpus → bank → question → rubric, as zizmor's audits
//! do). The [`registry`] lists them once. [`lint`] runs the loader's findings and the rules'
//! through the configuration, so a finding is data until a renderer prints it.

pub mod config;
pub mod config_file;
mod config_mutate;
pub mod context;
mod meta;
pub mod options;
pub mod registry;
pub mod rubric_checks;
pub mod rules;
pub mod similarity;
pub mod text;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

pub use config::{Config, ConfigError, Level};
pub use context::{BankCx, Corpus, QuestionCx, Report};
pub use meta::RuleMeta;

use crate::diagnostics::Diagnostic;
use crate::load::Loaded;
use crate::model::Rubric;
use crate::source::{SourceFile, Span};

/// A lint rule. Override the hook at the level the rule needs; the defaults walk down from the
/// whole corpus to each bank, question and rubric.
pub trait Rule: Sync + Send {
    /// The rule's name, code, default severity and documentation.
    fn meta(&self) -> &'static RuleMeta;

    /// Checks every bank of the run together (cross-file rules override this).
    fn check_corpus(&self, corpus: &Corpus<'_>, report: &mut Report) {
        for bank in &corpus.banks {
            self.check_bank(bank, corpus, report);
        }
    }

    /// Checks one bank (blueprint and bank-wide rules override this).
    fn check_bank(&self, bank: &BankCx<'_>, corpus: &Corpus<'_>, report: &mut Report) {
        for question in bank.questions() {
            self.check_question(&question, corpus, report);
        }
    }

    /// Checks one question.
    fn check_question(&self, question: &QuestionCx<'_>, corpus: &Corpus<'_>, report: &mut Report) {
        let _ = corpus;
        if let Some(rubric) = question.rubric() {
            self.check_rubric(question, rubric, report);
        }
    }

    /// Checks the rubric of an open question.
    fn check_rubric(&self, question: &QuestionCx<'_>, rubric: &Rubric, report: &mut Report) {
        let _ = (question, rubric, report);
    }
}

/// Lints loaded files together: the loader's findings plus every rule's on the typed banks,
/// filtered and re-levelled by `config`, located and sorted.
pub fn lint(loaded: &[Loaded], config: &Config) -> Vec<Diagnostic> {
    let banks: Vec<BankCx<'_>> = loaded
        .par_iter()
        .filter_map(|l| l.bank.as_ref().map(|b| BankCx::new(&l.source, b)))
        .collect();
    let corpus = Corpus { banks, options: &config.options };
    let found: Vec<Diagnostic> = registry::all()
        .par_iter()
        .filter(|rule| config.enables(rule.meta()))
        .flat_map_iter(|rule| {
            let mut report = Report::default();
            rule.check_corpus(&corpus, &mut report);
            report.into_vec()
        })
        .collect();
    let by_path: HashMap<&Path, &crate::model::Bank> =
        corpus.banks.iter().map(|b| (b.path, b.bank)).collect();
    let sources: HashMap<&Path, &crate::source::SourceFile> =
        loaded.iter().map(|l| (l.source.path.as_path(), &l.source)).collect();
    let all = loaded.iter().flat_map(|l| l.diagnostics.iter().cloned()).chain(found).collect();
    let mut diagnostics = config.apply(all, &by_path);
    diagnostics.par_iter_mut().for_each(|d| {
        if d.start.is_none()
            && let Some(source) = sources.get(d.path.as_path())
        {
            if d.span.is_none() {
                d.span = d.pointer.as_deref().and_then(|p| locate(source, p));
            }
            d.resolve(source, false);
        }
    });
    crate::diagnostics::sort(&mut diagnostics);
    diagnostics
}

/// Where a rule's finding is shown: a scalar's value; for a collection (whose value span is only
/// its opening), its key, or else its `id` entry, or else its opening.
fn locate(source: &SourceFile, pointer: &str) -> Option<Span> {
    let Some(node) = source.node(pointer) else {
        return source.locate(pointer, false);
    };
    let text = source.text.get(node.value.start..node.value.end).unwrap_or_default();
    let collection = text.is_empty() || text.starts_with(['{', '[']);
    if !collection {
        return Some(node.value);
    }
    node.key.or_else(|| source.node(&format!("{pointer}/id")).map(|n| n.value)).or(Some(node.value))
}
