//! Bank Markdown made safe to put in a Markdown file that any renderer may show.
//!
//! The text is read with pulldown-cmark (`CommonMark`), but the file is shown by others too —
//! markdown-it with HTML on, Python-Markdown (which is not `CommonMark`, and passes raw HTML
//! and links through unchecked) — so what is safe must not depend on the reader agreeing with
//! us:
//!
//! - raw HTML is escaped, and so is every `<` of the text outside code, so no reader finds a
//!   tag in it (Python-Markdown reads `<svg/onload=…>` as HTML where `CommonMark` does not);
//! - a link or image to a script-capable scheme (`javascript:`, `vbscript:`, `data:`) points
//!   to `#`, or keeps only its words when its URL is not written as it reads (entities, a
//!   reference defined elsewhere);
//! - text that spells such a scheme, however it is written, is rewritten with every Markdown
//!   punctuation escaped and entities spelt out, so no reader can make a link of it;
//! - escaping may uncover a link that raw HTML hid (`<div …> [l](javascript:…)` is one HTML
//!   block until its tag is escaped), so the rewrite is repeated until nothing changes.
//!
//! Code spans and code blocks are kept as written (`Vec<T>`).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::markup::{is_scripting_url, options};

/// Rewrites after which a text that still changes is shown as plain text instead (each pass
/// removes at least one construct, and real texts settle in one or two).
const MAX_PASSES: usize = 8;

/// Bank Markdown made safe to embed in a Markdown file (see the module's documentation);
/// everything else stays as written.
pub fn markdown_safe(markdown: &str) -> String {
    let mut text = one_pass(markdown);
    for _ in 0..MAX_PASSES {
        let next = one_pass(&text);
        if next == text {
            return text;
        }
        text = next;
    }
    plain(markdown)
}

/// Text shown as it reads in every renderer: Markdown punctuation escaped, `&` and `<` as
/// entities, so nothing in it is markup.
fn plain(text: &str) -> String {
    super::escape::md_escape(text)
}

/// One rewrite over the events pulldown-cmark reads in `markdown`.
fn one_pass(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    let mut in_code_block = false;
    // A run of text events: where it starts and ends in the source, and what it reads as.
    let mut run: Option<(usize, usize, String)> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Event::Text(text) = &event
            && !in_code_block
            && range.start >= last
        {
            if let Some((_, end, words)) = &mut run {
                *end = range.end;
                words.push_str(text);
            } else {
                // An escaped character reads as text from after its backslash: the run takes
                // the backslash too.
                let escaped = range.start > last && markdown[..range.start].ends_with('\\');
                let start = range.start - usize::from(escaped);
                run = Some((start, range.end, text.to_string()));
            }
            continue;
        }
        if let Some((start, end, words)) = run.take() {
            out.push_str(&markdown[last..start]);
            out.push_str(&safe_text(&markdown[start..end], &words));
            last = end;
        }
        if range.start < last {
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Html(_) | Event::InlineHtml(_) => {
                out.push_str(&markdown[last..range.start]);
                out.push_str(&markdown[range.clone()].replace('<', "&lt;").replace('>', "&gt;"));
                last = range.end;
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if is_scripting_url(&dest_url) =>
            {
                let text = &markdown[range.clone()];
                if let Some(at) = text.rfind(&*dest_url) {
                    out.push_str(&markdown[last..range.start + at]);
                    out.push('#');
                    last = range.start + at + dest_url.len();
                } else {
                    // The URL is not written as it reads (`&#106;avascript:`, `%6Aavascript:`, a
                    // reference defined elsewhere): keep only the link's words.
                    out.push_str(&markdown[last..range.start]);
                    let words: String = Parser::new_ext(text, options())
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
                            _ => None,
                        })
                        .collect();
                    out.push_str(&plain(&words));
                    last = range.end;
                }
            }
            _ => {}
        }
    }
    if let Some((start, end, words)) = run {
        out.push_str(&markdown[last..start]);
        out.push_str(&safe_text(&markdown[start..end], &words));
        last = end;
    }
    out.push_str(&markdown[last..]);
    out
}

/// A run of text as written (`source`) and as it reads (`words`): written again as plain text
/// when it spells a script-capable scheme (another reader could make a link of it), else as
/// written with each `<` (escaped or not) as `&lt;`.
fn safe_text(source: &str, words: &str) -> String {
    let folded: String = words
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    if ["javascript:", "vbscript:", "data:"].iter().any(|s| folded.contains(s)) {
        return plain(words);
    }
    source.replace("\\<", "&lt;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The HTML pulldown-cmark makes of a text.
    fn html(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, Parser::new_ext(markdown, options()));
        out
    }

    #[test]
    fn raw_html_and_script_links_are_made_inert() {
        let safe = markdown_safe("text <script>alert(1)</script> and `<b>` code");
        assert!(!safe.contains("<script>"), "{safe}");
        assert!(safe.contains("`<b>`"), "{safe}");
        let safe = markdown_safe("[a](javascript:alert(1)) [b](https://ok.org) ![c](data:x)");
        assert_eq!(safe, "[a](#) [b](https://ok.org) ![c](#)");
    }

    #[test]
    fn a_link_that_escaped_html_uncovers_is_made_inert_too() {
        let safe = markdown_safe("<div onclick=alert(1)>x</div> [l](javascript:alert(2))");
        assert_eq!(safe, "&lt;div onclick=alert(1)&gt;x&lt;/div&gt; [l](#)");
        let rendered = html(&safe);
        assert!(!rendered.contains("javascript") && !rendered.contains("<div"), "{rendered}");
    }

    #[test]
    fn a_tag_commonmark_does_not_read_is_escaped_for_readers_that_do() {
        assert_eq!(markdown_safe("a <svg/onload=alert(1)> b"), "a &lt;svg/onload=alert(1)> b");
        assert_eq!(markdown_safe(r"a \<b onclick=x>"), "a &lt;b onclick=x>");
        assert_eq!(markdown_safe("1 < 2"), "1 &lt; 2");
    }

    #[test]
    fn text_that_spells_a_script_scheme_cannot_become_a_link_in_any_reader() {
        // Not a link for CommonMark (a space in the URL), a link for Python-Markdown.
        let safe = markdown_safe("[l](javascript:alert(1) x)");
        assert_eq!(safe, r"\[l\]\(javascript:alert\(1\) x\)");
        let safe = markdown_safe("[l](jav&#97;script:alert(1) x)");
        assert!(!safe.contains("&#97;") && safe.contains(r"\]\("), "{safe}");
    }

    #[test]
    fn the_rewrite_settles() {
        for text in ["[l](javascript:alert(7) x) and [m](jav&#97;script:alert(8) y)", r"\[a\] b"] {
            let once = markdown_safe(text);
            assert_eq!(one_pass(&once), once, "{text}");
        }
        assert_eq!(markdown_safe(r"\[a\] b"), r"\[a\] b");
    }

    #[test]
    fn code_stays_verbatim() {
        let text = "`Vec<T>` and\n\n```rust\nlet v: Vec<T> = x < y;\n```\n\n    <svg onload=x>\n";
        assert_eq!(markdown_safe(text), text);
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let text =
            "**Consistency** (linearizability): see [Raft](https://raft.github.io).\n\n- a\n- b";
        assert_eq!(markdown_safe(text), text);
    }
}
