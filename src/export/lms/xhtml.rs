//! Markdown to a small, well-formed XHTML subset, shared by the LMS exporters.
//!
//! QTI 2.1/3.0 item bodies embed markup as real XML elements that the official XSDs check, so the
//! markup must be well-formed and use only elements those schemas allow. Moodle XML, GIFT and
//! QTI 1.2 carry HTML as escaped text, and the same subset serves them. Raw HTML in bank text is
//! never passed through: it becomes visible, inert text (a `<script>` in a prompt shows as
//! `<script>`). Links keep only `http`, `https` and `mailto` targets; images become their alt
//! text, since the LMS packages carry no media.

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Removes the characters XML 1.0 forbids (see [`crate::export::escape::xml_text`]), borrowing when
/// there are none.
pub fn strip_xml_illegal(text: &str) -> Cow<'_, str> {
    let legal = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c > '\u{FFFF}'
    };
    if text.chars().all(legal) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(crate::export::escape::xml_text(text))
    }
}

/// Appends `text` escaped for XML character data (`&`, `<`, `>`; quotes stay as they are).
pub fn escape_into(out: &mut String, text: &str) {
    for c in strip_xml_illegal(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// Appends `text` escaped for a double-quoted XML attribute value.
fn escape_attr_into(out: &mut String, text: &str) {
    for c in strip_xml_illegal(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// `text` escaped for XML character data.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Renders Markdown as block-level XHTML (`<p>`, lists, `<pre><code>` ...).
pub fn block(markdown: &str) -> String {
    render(markdown)
}

/// Renders Markdown for inline places (choice labels): a lone paragraph loses its `<p>` wrapper,
/// anything richer stays block-level.
pub fn inline(markdown: &str) -> String {
    let html = render(markdown);
    match html.strip_prefix("<p>").and_then(|rest| rest.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

fn render(markdown: &str) -> String {
    let source = strip_xml_illegal(markdown);
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    // Open links that were dropped (unsafe target), so their end tag is dropped too.
    let mut links: Vec<bool> = Vec::new();
    let mut in_image = 0usize;
    for event in Parser::new_ext(&source, Options::empty()) {
        if in_image > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image -= 1,
                Event::Text(text) | Event::Code(text) => escape_into(&mut out, &text),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => start(&mut out, tag, &mut links, &mut in_image),
            Event::End(tag) => end(&mut out, tag, &mut links),
            Event::Text(text)
            | Event::Html(text)
            | Event::InlineHtml(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text)
            | Event::FootnoteReference(text) => escape_into(&mut out, &text),
            Event::Code(text) => {
                out.push_str("<code>");
                escape_into(&mut out, &text);
                out.push_str("</code>");
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br/>"),
            Event::Rule => out.push_str("<hr/>\n"),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

fn start(out: &mut String, tag: Tag<'_>, links: &mut Vec<bool>, in_image: &mut usize) {
    match tag {
        Tag::Paragraph | Tag::HtmlBlock => out.push_str("<p>"),
        Tag::Heading { level, .. } => {
            out.push_str("<h");
            out.push(heading_digit(level));
            out.push('>');
        }
        Tag::BlockQuote(_) => out.push_str("<blockquote>"),
        Tag::CodeBlock(kind) => {
            out.push_str("<pre><code");
            if let CodeBlockKind::Fenced(info) = kind {
                let lang = info.split_whitespace().next().unwrap_or("");
                if !lang.is_empty()
                    && lang.chars().all(|c| c.is_ascii_alphanumeric() || "+-_".contains(c))
                {
                    out.push_str(" class=\"language-");
                    out.push_str(lang);
                    out.push('"');
                }
            }
            out.push('>');
        }
        Tag::List(Some(_)) => out.push_str("<ol>\n"),
        Tag::List(None) => out.push_str("<ul>\n"),
        Tag::Item => out.push_str("<li>"),
        Tag::Emphasis => out.push_str("<em>"),
        Tag::Strong => out.push_str("<strong>"),
        Tag::Link { dest_url, .. } => {
            let safe = is_safe_url(&dest_url);
            links.push(safe);
            if safe {
                out.push_str("<a href=\"");
                escape_attr_into(out, &dest_url);
                out.push_str("\">");
            }
        }
        Tag::Image { .. } => *in_image += 1,
        _ => {}
    }
}

fn end(out: &mut String, tag: TagEnd, links: &mut Vec<bool>) {
    match tag {
        TagEnd::Paragraph | TagEnd::HtmlBlock => out.push_str("</p>\n"),
        TagEnd::Heading(level) => {
            out.push_str("</h");
            out.push(heading_digit(level));
            out.push_str(">\n");
        }
        TagEnd::BlockQuote(_) => out.push_str("</blockquote>\n"),
        TagEnd::CodeBlock => out.push_str("</code></pre>\n"),
        TagEnd::List(true) => out.push_str("</ol>\n"),
        TagEnd::List(false) => out.push_str("</ul>\n"),
        TagEnd::Item => out.push_str("</li>\n"),
        TagEnd::Emphasis => out.push_str("</em>"),
        TagEnd::Strong => out.push_str("</strong>"),
        TagEnd::Link if links.pop().unwrap_or(false) => out.push_str("</a>"),
        _ => {}
    }
}

fn heading_digit(level: HeadingLevel) -> char {
    match level {
        HeadingLevel::H1 => '1',
        HeadingLevel::H2 => '2',
        HeadingLevel::H3 => '3',
        HeadingLevel::H4 => '4',
        HeadingLevel::H5 => '5',
        HeadingLevel::H6 => '6',
    }
}

fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_becomes_inert_text() {
        let html = block("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert_eq!(
            html,
            "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>"
        );
        let html = block("<div onclick=\"x\">\n\nblock</div>");
        assert!(!html.contains("<div"), "{html}");
    }

    #[test]
    fn unsafe_links_keep_their_text_only() {
        assert_eq!(block("[a](javascript:alert(1))"), "<p>a</p>");
        assert_eq!(
            block("[a](https://x.org/?a=1&b=2)"),
            "<p><a href=\"https://x.org/?a=1&amp;b=2\">a</a></p>"
        );
        assert_eq!(block("![the alt](https://x/img.png)"), "<p>the alt</p>");
    }

    #[test]
    fn code_blocks_and_lists_are_well_formed() {
        let html = block("```rust\nlet a = 1 < 2;\n```\n\n- one\n- two\n\n1. x\n---");
        assert_eq!(
            html,
            "<pre><code class=\"language-rust\">let a = 1 &lt; 2;\n</code></pre>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>x</li>\n</ol>\n<hr/>"
        );
    }

    #[test]
    fn control_characters_are_stripped_and_inline_drops_the_paragraph() {
        assert_eq!(inline("a\u{1}b\u{b}c `]]>`"), "abc <code>]]&gt;</code>");
        assert_eq!(inline("one\n\ntwo"), "<p>one</p>\n<p>two</p>");
        assert_eq!(strip_xml_illegal("ok\ttab\n"), "ok\ttab\n");
    }
}
