//! GitHub Actions workflow commands: one `::error file=…,line=…::message` line per diagnostic,
//! which the Actions runner turns into annotations on the pull request's diff.

use std::io::{self, Write};

use crate::diagnostics::{Diagnostic, Severity};

/// Writes one workflow command per diagnostic. Infos become `notice`s.
pub fn render_github(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let path = d.path.to_string_lossy().replace('\\', "/");
        // `qbank lint .` finds `./banks/a.yaml`; GitHub matches annotations to the diff by the
        // path from the repository root, without the `./`.
        let mut path = path.as_str();
        while let Some(rest) = path.strip_prefix("./") {
            path = rest;
        }
        write!(out, "::{command} file={}", property(path))?;
        if let Some(start) = d.start {
            write!(out, ",line={},col={}", start.line, start.column)?;
            if let Some(end) = d.end {
                write!(out, ",endLine={},endColumn={}", end.line, end.column)?;
            }
        }
        write!(out, ",title={}", property(&format!("qbank ({})", d.rule)))?;
        let mut message = format!("{}: {}", d.rule, d.message);
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(out, "::{}", data(&message))?;
    }
    Ok(())
}

/// Escapes a command's message (`%`, CR and LF).
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as [`data`], plus `:` and `,`, which delimit properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Position;

    #[test]
    fn values_and_messages_are_escaped() {
        let mut d =
            Diagnostic::error("near-duplicate-prompt", "banks/a,b:c.yaml", "100% the same\nreally")
                .with_severity(Severity::Info)
                .with_help("merge them");
        d.start = Some(Position { line: 3, column: 5 });
        d.end = Some(Position { line: 3, column: 9 });
        let mut out = Vec::new();
        render_github(&mut out, &[d]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::notice file=banks/a%2Cb%3Ac.yaml,line=3,col=5,endLine=3,endColumn=9,title=qbank (near-duplicate-prompt)::near-duplicate-prompt: 100%25 the same%0Areally%0Ahelp: merge them\n"
        );
    }

    #[test]
    fn a_path_found_from_dot_loses_its_leading_dot_slash() {
        let mut out = Vec::new();
        let d = Diagnostic::error("file", "././banks/x.yaml", "file is empty");
        render_github(&mut out, &[d]).unwrap();
        assert!(String::from_utf8(out).unwrap().starts_with("::error file=banks/x.yaml,"));
    }

    #[test]
    fn a_diagnostic_without_a_position_names_only_the_file() {
        let mut out = Vec::new();
        render_github(&mut out, &[Diagnostic::error("file", "x.yaml", "file is empty")]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=x.yaml,title=qbank (file)::file: file is empty\n"
        );
    }
}
