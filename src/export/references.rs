//! A reference as the study page shows it: its text, with every `http`/`https` URL a link
//! that opens without telling the target where the reader came from.
//!
//! References are citations ("Authors, year, title, venue. URL"), usually with a bare URL that
//! Markdown leaves as text. Here bare URLs become links, Markdown links keep their text and
//! become links only when they point to `http`/`https`; any other scheme (`javascript:`,
//! `file:`, `data:`), a relative URL, raw HTML and images stay plain text.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Whether a URL is one a reader may follow from a shared page.
fn is_web_url(url: &str) -> bool {
    let url = url.trim_start();
    ["http://", "https://"]
        .iter()
        .any(|s| url.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)))
}

/// The last line of defence: only `<a href="http(s)://…">` with `rel="noopener noreferrer"`,
/// emphasis and code survive, whatever the events above produced.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(["a", "em", "strong", "code", "del", "p"])
        .add_tag_attributes("a", ["href"])
        .add_url_schemes(["http", "https"])
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"));
    builder
});

/// The reference `text` (Markdown) as sanitized inline HTML: web URLs linked, all else text.
pub fn to_html(text: &str) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    // Links the author wrote whose target is not a web URL lose their tags (their text stays).
    let mut dropped_links = Vec::new();
    let mut in_link = 0usize;
    // The parser splits text at characters that might open emphasis (`_`, `*`): runs of text
    // are joined before URLs are looked for, so `https://x.org/a_(b)` stays one URL.
    let mut pending = String::new();
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH) {
        if let Event::Text(t) = &event
            && in_link == 0
        {
            pending.push_str(t);
            continue;
        }
        if !pending.is_empty() {
            link_bare_urls(std::mem::take(&mut pending).into(), &mut events);
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let keep = is_web_url(&dest_url);
                dropped_links.push(!keep);
                in_link += 1;
                if keep {
                    events.push(link_start(dest_url));
                }
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                if dropped_links.pop() == Some(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            // Images in a citation are not shown: their alt text is what the reader gets.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::SoftBreak | Event::HardBreak => events.push(Event::Text(" ".into())),
            e => events.push(e),
        }
    }
    if !pending.is_empty() {
        link_bare_urls(pending.into(), &mut events);
    }
    let mut html = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let clean = CLEANER.clean(&html).to_string();
    // One paragraph (the usual reference) is shown inline, in its list item.
    let trimmed = clean.trim();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => trimmed.to_owned(),
    }
}

fn link_start(url: CowStr<'_>) -> Event<'_> {
    Event::Start(Tag::Link {
        link_type: LinkType::Inline,
        dest_url: url,
        title: "".into(),
        id: "".into(),
    })
}

/// Splits `text` into text and links for every `http://` or `https://` URL in it.
fn link_bare_urls<'a>(text: CowStr<'a>, out: &mut Vec<Event<'a>>) {
    // Searched once, lower-cased once: the scan is linear in the text.
    let lower = text.to_ascii_lowercase();
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let (mut done, mut from) = (0, 0);
    while let Some(found) = lower[from..].find("http") {
        let at = from + found;
        from = at + 4;
        let at_word_start = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if !at_word_start || !is_web_url(&lower[at..]) {
            continue;
        }
        let len = url_len(&text[at..]);
        if len == 0 {
            continue;
        }
        pieces.push((false, &text[done..at]));
        pieces.push((true, &text[at..at + len]));
        done = at + len;
        from = done;
    }
    if pieces.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    pieces.push((false, &text[done..]));
    for (is_url, piece) in pieces.into_iter().filter(|(_, p)| !p.is_empty()) {
        let piece = piece.to_owned();
        if is_url {
            out.push(link_start(piece.clone().into()));
            out.push(Event::Text(piece.into()));
            out.push(Event::End(TagEnd::Link));
        } else {
            out.push(Event::Text(piece.into()));
        }
    }
}

/// The length of the URL at the start of `text`: up to white space or `<`, without trailing
/// sentence punctuation, and without a closing bracket that has no opening one in the URL
/// (`(see https://x.org/a)` links `https://x.org/a`; `https://en.wikipedia.org/wiki/A_(b)`
/// keeps its bracket). Zero when nothing follows the scheme.
fn url_len(text: &str) -> usize {
    let end = text.find(|c: char| c.is_whitespace() || c == '<').unwrap_or(text.len());
    let mut url = &text[..end];
    // Bracket counts are kept as the end is trimmed: one pass, however many there are.
    let count = |open: char, close: char| {
        url.chars().fold(0i64, |n, c| n + i64::from(c == close) - i64::from(c == open))
    };
    let (mut round, mut square) = (count('(', ')'), count('[', ']'));
    while let Some(last) = url.chars().next_back() {
        let trim = match last {
            ')' => round > 0,
            ']' => square > 0,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' => true,
            _ => false,
        };
        if !trim {
            break;
        }
        match last {
            ')' => round -= 1,
            ']' => square -= 1,
            _ => {}
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    let scheme = if url.to_ascii_lowercase().starts_with("https://") { 8 } else { 7 };
    if url.len() <= scheme { 0 } else { url.len() }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn bare_web_urls_become_links_that_open_safely() {
        assert_eq!(
            to_html(
                "Ongaro & Ousterhout, 2014, Raft, USENIX ATC '14. https://raft.github.io/raft.pdf"
            ),
            "Ongaro &amp; Ousterhout, 2014, Raft, USENIX ATC '14. <a href=\"https://raft.github.io/raft.pdf\" rel=\"noopener noreferrer\">https://raft.github.io/raft.pdf</a>"
        );
        assert_eq!(
            to_html("(see http://x.org/a_b_c), and HTTPS://en.wikipedia.org/wiki/A_(b)."),
            "(see <a href=\"http://x.org/a_b_c\" rel=\"noopener noreferrer\">http://x.org/a_b_c</a>), and <a href=\"HTTPS://en.wikipedia.org/wiki/A_(b)\" rel=\"noopener noreferrer\">HTTPS://en.wikipedia.org/wiki/A_(b)</a>."
        );
    }

    #[test]
    fn markdown_links_are_kept_only_for_web_urls() {
        assert_eq!(
            to_html("[RFC 9111](https://www.rfc-editor.org/rfc/rfc9111), *IETF*"),
            "<a href=\"https://www.rfc-editor.org/rfc/rfc9111\" rel=\"noopener noreferrer\">RFC 9111</a>, <em>IETF</em>"
        );
        for text in [
            "[x](javascript:alert(1))",
            "[x](file:///etc/passwd)",
            "[x](data:text/html,hi)",
            "[x](notes.html)",
            "[x](//evil.example/a)",
        ] {
            assert_eq!(to_html(text), "x", "{text}");
        }
    }

    #[test]
    fn other_schemes_raw_html_and_images_stay_text() {
        assert_eq!(
            to_html("<a href=\"javascript:alert(7)\">ref</a> ]]>"),
            "&lt;a href=\"javascript:alert(7)\"&gt;ref&lt;/a&gt; ]]&gt;"
        );
        assert_eq!(
            to_html("javascript:alert(1) ftp://x.org/a mailto:a@b.c"),
            "javascript:alert(1) ftp://x.org/a mailto:a@b.c"
        );
        assert_eq!(to_html("![pixel](https://tracker.example/p.gif)"), "pixel");
        assert_eq!(
            to_html("xhttps://not.a.link and https:// alone"),
            "xhttps://not.a.link and https:// alone"
        );
    }

    #[test]
    fn a_huge_reference_is_read_in_one_pass() {
        let text = format!("https://x.org/({}", ")".repeat(1 << 20));
        let started = std::time::Instant::now();
        let html = to_html(&text);
        assert!(html.starts_with("<a href=\"https://x.org/()\""), "{}", &html[..80]);
        let many = "http://a.b/ x ".repeat(20_000);
        assert_eq!(to_html(&many).matches("<a href").count(), 20_000);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
}
