//! Findings as data. Loading, validation and lint rules produce [`Diagnostic`]s; the renderers in
//! [`render`] turn them into text, JSON, SARIF or GitHub annotations. Nothing here prints.

pub mod render;
mod suggest;

pub use suggest::did_you_mean;

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::source::{Position, SourceFile, Span};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A note that needs no action.
    Info,
    /// Worth fixing; does not fail the run.
    Warning,
    /// The bank is wrong; the run exits 1.
    Error,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about one file: which check, how serious, where, what and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The check that produced it: `yaml-syntax`, `schema`, `duplicate-question-id`, a lint rule.
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// One lower-case sentence; user identifiers in backticks.
    pub message: String,
    /// How to fix it, when there is something to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The file it is about.
    pub path: PathBuf,
    /// The JSON pointer of the offending node, when known (symbolic location).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The byte span in the file, resolved from the pointer or given by the parser.
    #[serde(skip)]
    pub span: Option<Span>,
    /// The 1-based start of `span`, filled by [`Diagnostic::resolve`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Position>,
    /// The 1-based end of `span`, filled by [`Diagnostic::resolve`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Position>,
    /// Whether this finding only says that more findings of the file were left out ("only the
    /// first 1000 are shown"): summaries count it as "more", not as one more finding.
    #[serde(skip)]
    pub stands_for_more: bool,
}

impl Diagnostic {
    /// A new error-level diagnostic about `path`, with no location yet.
    pub fn error(
        rule: impl Into<String>,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule: rule.into(),
            severity: Severity::Error,
            message: message.into(),
            help: None,
            path: path.into(),
            pointer: None,
            span: None,
            start: None,
            end: None,
            stands_for_more: false,
        }
    }

    /// Marks this finding as the note that stands for findings left out, so that summaries do
    /// not count it as one more.
    #[must_use]
    pub fn standing_for_more(mut self) -> Self {
        self.stands_for_more = true;
        self
    }

    /// Sets the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Adds a `help:` line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds an optional `help:` line.
    #[must_use]
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Attaches the JSON pointer of the offending node.
    #[must_use]
    pub fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Attaches a byte span directly (parsers know it; everyone else uses a pointer).
    #[must_use]
    pub fn at_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Resolves the symbolic location once: pointer → span (the key of the node when
    /// `prefer_key`), span → line and column. Safe to call more than once.
    pub fn resolve(&mut self, source: &SourceFile, prefer_key: bool) {
        if self.span.is_none()
            && let Some(pointer) = &self.pointer
        {
            self.span = source.locate(pointer, prefer_key);
        }
        if let Some(span) = self.span {
            self.start = Some(source.position(span.start));
            self.end = Some(source.position(span.end));
        }
    }
}

/// Sorts diagnostics for stable output: by file, position, rule and message.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.start, &a.rule, &a.message).cmp(&(&b.path, b.start, &b.rule, &b.message))
    });
}

/// How many findings of each severity a run has, for the summary line on `stderr`. A note that
/// stands for findings left out is not counted; it makes the count of its severity "more than".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Error-level findings listed.
    pub errors: usize,
    /// Warnings listed.
    pub warnings: usize,
    /// Infos listed.
    pub infos: usize,
    /// Whether more errors were found than listed.
    pub more_errors: bool,
}

impl Tally {
    /// Counts `diagnostics`.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut tally = Self::default();
        for d in diagnostics {
            match (d.stands_for_more, d.severity) {
                (true, _) => tally.more_errors = true,
                (false, Severity::Error) => tally.errors += 1,
                (false, Severity::Warning) => tally.warnings += 1,
                (false, Severity::Info) => tally.infos += 1,
            }
        }
        tally
    }

    /// `1 error`, `3 errors`, or `more than 1000 errors` when some were left out.
    pub fn errors_text(&self) -> String {
        let more = if self.more_errors { "more than " } else { "" };
        format!("{more}{}", plural(self.errors, "error"))
    }
}

/// `1 error`, `0 errors`, `2 files`: a count with its noun.
pub fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}
