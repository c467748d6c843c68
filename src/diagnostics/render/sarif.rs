//! SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI dashboards ingest: one run
//! whose tool lists every rule with its documentation, and one result per diagnostic.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};

/// What SARIF says about one rule (the caller builds these from its rule registry).
#[derive(Debug, Clone)]
pub struct SarifRule {
    /// The stable code, used as `ruleId` (`QB001`).
    pub id: String,
    /// The rule's name, as diagnostics carry it (`uncovered-topic`).
    pub name: String,
    /// One line.
    pub summary: String,
    /// A paragraph: what the rule finds.
    pub description: String,
    /// The full documentation, in Markdown.
    pub docs: String,
    /// The default severity.
    pub severity: Severity,
}

/// The tool that produced the log.
#[derive(Debug, Clone)]
pub struct SarifTool<'a> {
    /// Tool name (`qbank`).
    pub name: &'a str,
    /// Tool version.
    pub version: &'a str,
    /// Where to read about the tool and its rules.
    pub information_uri: Option<&'a str>,
}

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes a SARIF log with one run. Diagnostics whose rule is not in `rules` (load errors such
/// as `schema`) get a minimal rule entry of their own, so every `ruleIndex` resolves.
pub fn render_sarif(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    rules: &[SarifRule],
    tool: &SarifTool<'_>,
) -> io::Result<()> {
    let mut descriptors: Vec<Descriptor> = rules.iter().map(Descriptor::from_rule).collect();
    let mut results = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let index = match rules.iter().position(|r| r.name == d.rule) {
            Some(i) => i,
            None => descriptors.iter().position(|r| r.name == d.rule).unwrap_or_else(|| {
                descriptors.push(Descriptor::from_load_check(&d.rule));
                descriptors.len() - 1
            }),
        };
        results.push(SarifResult::new(d, &descriptors[index].id, index));
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: tool.name,
                    version: tool.version,
                    information_uri: tool.information_uri,
                    rules: descriptors,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    version: &'a str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult>,
    column_kind: &'a str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'a str>,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Markdown,
    default_configuration: Configuration,
}

impl Descriptor {
    fn from_rule(rule: &SarifRule) -> Self {
        Self {
            id: rule.id.clone(),
            name: rule.name.clone(),
            short_description: Text { text: rule.summary.clone() },
            full_description: Text { text: rule.description.clone() },
            help: Markdown { text: rule.docs.clone(), markdown: rule.docs.clone() },
            default_configuration: Configuration { level: level(rule.severity) },
        }
    }

    fn from_load_check(name: &str) -> Self {
        let text = format!("`{name}`: a problem found while loading the bank (not configurable)");
        Self {
            id: name.to_owned(),
            name: name.to_owned(),
            short_description: Text { text: text.clone() },
            full_description: Text { text: text.clone() },
            help: Markdown { text: text.clone(), markdown: text },
            default_configuration: Configuration { level: "error" },
        }
    }
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Markdown {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

impl SarifResult {
    fn new(d: &Diagnostic, rule_id: &str, rule_index: usize) -> Self {
        let mut text = d.message.clone();
        if let Some(help) = &d.help {
            text.push_str("\nhelp: ");
            text.push_str(help);
        }
        let region = d.start.map(|start| {
            let end = d.end.unwrap_or(start);
            Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column.max(if end.line == start.line { start.column } else { 1 }),
            }
        });
        Self {
            rule_id: rule_id.to_owned(),
            rule_index,
            level: level(d.severity),
            message: Text { text },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: artifact_uri(&d.path) },
                    region,
                },
                logical_locations: d.pointer.as_ref().map(|p| {
                    vec![LogicalLocation { fully_qualified_name: p.clone(), kind: "member" }]
                }),
            }],
        }
    }
}

/// The `artifactLocation.uri` of a path: a URI reference (RFC 3986) that reads back as the
/// path. Characters a URI may not hold raw are percent-encoded; a relative path whose first
/// segment holds a colon (`c:x.yaml`, `::error file=x::y.yaml`) starts with `./`, or the colon
/// would end a scheme; a Windows path with a drive becomes a `file:///C:/…` URI.
fn artifact_uri(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let encoded = percent_encode(&text);
    let bytes = text.as_bytes();
    let drive =
        path.is_absolute() && bytes.len() > 1 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if drive {
        return format!("file:///{encoded}");
    }
    let first = encoded.split('/').next().unwrap_or_default();
    if first.contains(':') { format!("./{encoded}") } else { encoded }
}

/// Encodes the characters a URI path may not hold raw (spaces, `%`, `?`, `#`, non-ASCII, …):
/// everything but RFC 3986's `pchar` and `/`.
fn percent_encode(path: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    logical_locations: Option<Vec<LogicalLocation>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{artifact_uri, percent_encode};

    #[test]
    fn a_colon_in_the_first_segment_cannot_read_as_a_scheme() {
        assert_eq!(artifact_uri(Path::new("c:x.yaml")), "./c:x.yaml");
        assert_eq!(artifact_uri(Path::new("::error file=x::y.yaml")), "./::error%20file=x::y.yaml");
        assert_eq!(artifact_uri(Path::new("dir/a:b.yaml")), "dir/a:b.yaml");
        assert_eq!(artifact_uri(Path::new("banks/a b#?.yaml")), "banks/a%20b%23%3F.yaml");
        assert_eq!(artifact_uri(Path::new("/abs/x.yaml")), "/abs/x.yaml");
    }

    #[cfg(windows)]
    #[test]
    fn a_windows_drive_path_becomes_a_file_uri() {
        assert_eq!(artifact_uri(Path::new(r"C:\banks\a b.yaml")), "file:///C:/banks/a%20b.yaml");
    }

    #[test]
    fn uris_encode_spaces_and_non_ascii() {
        assert_eq!(percent_encode("banks/my bank/ü.yaml"), "banks/my%20bank/%C3%BC.yaml");
        assert_eq!(percent_encode("a-b_c.yaml"), "a-b_c.yaml");
    }
}
