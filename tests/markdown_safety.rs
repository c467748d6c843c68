//! The Markdown export rendered by a real renderer, pulldown-cmark with raw HTML passed through
//! (as a site generator would): no script link, no event handler, no tag outside Markdown's own,
//! and code kept verbatim. `tests/conformance.sh` renders the same exports with markdown-it
//! (HTML on) and Python-Markdown.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use assert_cmd::cargo::cargo_bin_cmd;

/// The Markdown export of a fixture bank.
fn export_markdown(bank: &str) -> String {
    let out = cargo_bin_cmd!("qbank")
        .args(["export", &format!("tests/fixtures/banks/{bank}"), "--to", "markdown", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// HTML as pulldown-cmark renders it, raw HTML included.
fn render(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(markdown));
    html
}

/// The tags Markdown itself produces: anything else came from raw HTML in the export.
const MARKDOWN_TAGS: [&str; 20] = [
    "p",
    "a",
    "img",
    "em",
    "strong",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "br",
    "del",
];

/// Every problem of a rendered page: tags that are not Markdown's, event handler attributes,
/// links and sources to script-capable schemes.
fn problems(html: &str) -> Vec<String> {
    let tag = regex::Regex::new(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>").unwrap();
    let handler = regex::Regex::new(r"(?i)(^|[\s/])on[a-z]+\s*=").unwrap();
    let url = regex::Regex::new(r#"(?i)(href|src)\s*=\s*["']?\s*([^"'\s>]*)"#).unwrap();
    let mut found = Vec::new();
    for t in tag.captures_iter(html) {
        let (name, attributes) = (t[2].to_ascii_lowercase(), &t[3]);
        if !MARKDOWN_TAGS.contains(&name.as_str()) {
            found.push(format!("tag `{}`", &t[0]));
        }
        if handler.is_match(attributes) {
            found.push(format!("event handler in `{}`", &t[0]));
        }
        for u in url.captures_iter(attributes) {
            let scheme: String =
                u[2].chars().filter(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
            let scheme = scheme.to_ascii_lowercase();
            if ["javascript:", "vbscript:", "data:"].iter().any(|s| scheme.starts_with(s)) {
                found.push(format!("script link in `{}`", &t[0]));
            }
        }
    }
    found
}

#[test]
fn the_markdown_export_renders_inert_in_pulldown_cmark() {
    for bank in ["markdown-hostile.yaml", "hostile.yaml", "all-types.yaml"] {
        let html = render(&export_markdown(bank));
        let found = problems(&html);
        assert!(found.is_empty(), "{bank}: {found:#?}\n{html}");
    }
}

#[test]
fn the_checker_sees_what_it_looks_for() {
    let bad =
        render("<div onclick=alert(1)>x</div>\n\n[l](javascript:alert(2)) <svg/onload=alert(3)>");
    assert_eq!(problems(&bad).len(), 4, "{bad}: {:#?}", problems(&bad));
}

#[test]
fn code_spans_and_blocks_stay_verbatim() {
    let html = render(&export_markdown("markdown-hostile.yaml"));
    assert!(html.contains("<code>Vec&lt;T&gt;</code>"), "{html}");
    assert!(html.contains("<code>Option&lt;Box&lt;dyn Fn()&gt;&gt;</code>"), "{html}");
    assert!(html.contains("// &lt;script&gt;alert(18)&lt;/script&gt;"), "{html}");
    assert!(html.contains("<pre><code>&lt;svg onload=alert(19)&gt;"), "{html}");
}

#[test]
fn the_hidden_link_of_the_issue_is_inert_and_its_words_remain() {
    let md = export_markdown("markdown-hostile.yaml");
    assert!(md.contains("&lt;div onclick=alert(1)&gt;x&lt;/div&gt; [l](#)"), "{md}");
}

#[test]
fn titles_are_plain_text_on_one_line() {
    let md = export_markdown("titles.yaml");
    assert!(md.starts_with("# I/O:: Ops:\n"), "{md}");
    assert!(md.contains("\n## two lines &lt;b&gt;bold&lt;/b&gt; &amp; more\n"), "{md}");
    assert!(md.contains("\n- two lines &lt;b&gt;bold&lt;/b&gt; &amp; more (1)\n"), "{md}");
    let html = render(&md);
    assert!(html.contains("<h2>two lines &lt;b&gt;bold&lt;/b&gt; &amp; more</h2>"), "{html}");
}
