//! The HTML pages of a grading run: `report.html` (summary, charts, ranked table, items) and
//! one page per candidate. Every page is self-contained: inline CSS, inline SVG, at most one
//! inline script, all allowed by hash in a Content-Security-Policy that forbids everything else
//! (no network, no plugins, no inline event handlers).

pub mod candidate;
pub mod charts;
pub mod file_names;
pub mod highlight;
pub mod summary;

use std::fmt::Write as _;

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` escaped for HTML element content and attribute values. Runs of text without
/// a character to escape are copied whole: candidate pages escape every answer of a cohort.
pub fn push_escaped(out: &mut String, text: &str) {
    let mut copied = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `i` is a character boundary.
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
}

/// The CSP source that allows exactly this inline `<style>` or `<script>` body.
fn hash_source(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// A page's inline style sheet with the CSP source that allows it, hashed once per kind of
/// page rather than once per candidate.
pub struct Sheet {
    css: String,
    hash: String,
}

impl Sheet {
    /// The sheet [`BASE_STYLE`] followed by `extra`.
    pub fn new(extra: &str) -> Self {
        let css = format!("{BASE_STYLE}{extra}");
        let hash = hash_source(&css);
        Self { css, hash }
    }
}

/// Starts a page: doctype, CSP allowing only the style sheet (and `script` when given) by
/// hash, the viewport for phones, the title, and the opening `<body>`.
pub fn head(out: &mut String, title: &str, sheet: &Sheet, script: Option<&str>) {
    let script_src = script.map_or_else(|| "'none'".to_owned(), hash_source);
    let _ = write!(
        out,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; script-src {script_src}; img-src data:\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\"><title>",
        sheet.hash,
    );
    push_escaped(out, title);
    let _ = write!(out, "</title><style>{}</style></head><body>", sheet.css);
}

/// A number with one decimal, or an empty string when undefined (a topic with nothing asked).
pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(String::new, |x| format!("{x:.1}"))
}

/// Styles shared by both pages: readable on a phone (nothing wider than the screen, wide
/// tables scroll inside their own box), dark mode, and print.
pub const BASE_STYLE: &str = "*{box-sizing:border-box}\
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b;background:#fff;overflow-wrap:anywhere}\
h1{font-size:1.45rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}\
table{border-collapse:collapse;width:100%;overflow-wrap:normal}th{white-space:nowrap}th,td{border-bottom:1px solid #ddd;padding:.3rem .45rem;text-align:left;vertical-align:top}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
.scroll{overflow-x:auto;max-width:100%}.k{color:#555}.caution{background:#fff4d6;border-left:4px solid #b7791f;padding:.5rem .8rem}\
.pass{color:#17603a;font-weight:600}.fail{color:#9b1c1c;font-weight:600}\
.flag{background:#fde2e1;color:#8a1c14;border-radius:3px;padding:0 .3rem;margin-right:.2rem;font-size:.85em}\
svg{max-width:100%;height:auto;display:block}svg text{font-size:11px}svg text:not([fill]){fill:#333}\
@media (prefers-color-scheme:dark){body{background:#161616;color:#eee}th,td{border-color:#444}svg text:not([fill]){fill:#ccc}.k{color:#aaa}.caution{background:#3a2f12}.pass{color:#7fd4a0}.fail{color:#f59c9c}a{color:#8ab4f8}}\
@media print{body{max-width:none;margin:0;font-size:11pt;color:#000;background:#fff}.scroll{overflow:visible}a{color:inherit;text-decoration:none}\
button{border:0;background:none;padding:0;font:inherit;color:inherit}figure,tr,section{break-inside:avoid}.noprint{display:none}}";

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_replaces_the_five_and_keeps_the_rest() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain text"), "plain text");
        assert_eq!(
            escape("<a href=\"x\">it's & “é”</a>"),
            "&lt;a href=&quot;x&quot;&gt;it&#39;s &amp; “é”&lt;/a&gt;"
        );
        assert_eq!(escape("&&"), "&amp;&amp;");
        assert_eq!(escape("é<"), "é&lt;");
    }

    proptest::proptest! {
        #[test]
        fn escape_agrees_with_escaping_each_character(text in "[a<>&\"'é€😀 \n]{0,40}") {
            let reference: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_owned(),
                    '<' => "&lt;".to_owned(),
                    '>' => "&gt;".to_owned(),
                    '"' => "&quot;".to_owned(),
                    '\'' => "&#39;".to_owned(),
                    _ => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape(&text), reference);
        }
    }
}
