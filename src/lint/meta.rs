//! What a rule is, as data: its name, code, default severity and documentation.
//!
//! Rules declare their metadata with [`declare_rule!`](crate::declare_rule): the doc comment on
//! the rule struct is captured as the rule's documentation, so `qbank rule NAME`, the SARIF
//! output and the generated rule reference all print the text a reader sees in the source.

use crate::diagnostics::{Diagnostic, Severity};

/// The fixed facts about one rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// The kebab-case name of the problem (`uncovered-topic`); what `--allow` and `--deny` take.
    pub name: &'static str,
    /// The stable short code (`QB001`); the SARIF `ruleId`.
    pub code: &'static str,
    /// How serious a finding is unless configuration says otherwise.
    pub severity: Severity,
    /// One lower-case line for `qbank rules` and SARIF `shortDescription`.
    pub summary: &'static str,
    /// The raw doc comment (every line keeps rustdoc's leading space).
    pub raw_docs: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown: `## What it does`, `## Why is this bad?`, `## Example`,
    /// `## Fix`.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_owned() + "\n"
    }

    /// The text of one `## heading` section of the docs (`"What it does"`), without the heading.
    pub fn section(&self, heading: &str) -> String {
        let docs = self.docs();
        let start = format!("## {heading}\n");
        let Some(from) = docs.find(&start).map(|i| i + start.len()) else { return String::new() };
        let body = &docs[from..];
        let to = body.find("\n## ").unwrap_or(body.len());
        body[..to].trim().replace('\n', " ")
    }

    /// A finding of this rule in `path` at the JSON pointer `pointer`, at the default severity.
    pub fn at(
        &self,
        path: &std::path::Path,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(self.name, path, message).with_severity(self.severity).at_pointer(pointer)
    }
}

/// Declares a rule: a unit struct carrying its doc comment, plus a `META` constant.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub UncoveredTopic {
///         name: "uncovered-topic",
///         code: "QB001",
///         severity: Error,
///         summary: "a blueprint topic has fewer questions than its `min`",
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $rule:ident {
            name: $name:literal,
            code: $code:literal,
            severity: $severity:ident,
            summary: $summary:literal
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $rule;

        impl $rule {
            /// The rule's name, code, default severity and documentation.
            pub const META: &'static $crate::lint::RuleMeta = &$crate::lint::RuleMeta {
                name: $name,
                code: $code,
                severity: $crate::diagnostics::Severity::$severity,
                summary: $summary,
                raw_docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
