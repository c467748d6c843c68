//! Bank Markdown → safe HTML, and the images a text refers to.
//!
//! Bank text is data from an untrusted file: it is rendered with pulldown-cmark and then cleaned by
//! ammonia's allow-list, so `<script>`, event-handler attributes and `javascript:` URLs never reach
//! an export, whatever the Markdown contained.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// Languages whose `language-x` class survives sanitizing (for code-block styling).
const LANGUAGES: &[&str] = &[
    "bash",
    "c",
    "cpp",
    "csharp",
    "css",
    "go",
    "haskell",
    "html",
    "java",
    "javascript",
    "js",
    "json",
    "kotlin",
    "python",
    "py",
    "ruby",
    "rust",
    "scala",
    "sh",
    "shell",
    "sql",
    "swift",
    "text",
    "toml",
    "ts",
    "typescript",
    "xml",
    "yaml",
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let classes: Vec<&'static str> =
        LANGUAGES.iter().map(|l| &*Box::leak(format!("language-{l}").into_boxed_str())).collect();
    let mut builder = ammonia::Builder::default();
    builder.add_allowed_classes("code", classes);
    builder
});

/// What to do with a local (relative) image path while rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Images {
    /// Keep the path as written (the export sits next to the bank's images).
    #[default]
    Keep,
    /// Rewrite it to a flat media file name ([`media_name`]), as Anki's media folder needs.
    Flatten,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders bank Markdown to sanitized HTML.
pub fn to_html(markdown: &str, images: Images) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Start(Tag::Image { link_type, dest_url, title, id })
            if images == Images::Flatten && is_local(&dest_url) =>
        {
            let flat = media_name(&dest_url);
            Event::Start(Tag::Image { link_type, dest_url: CowStr::from(flat), title, id })
        }
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    CLEANER.clean(&unsafe_html).to_string()
}

/// Whether an image URL points to a local file (no scheme, not absolute, not protocol-relative).
pub fn is_local(url: &str) -> bool {
    !(url.is_empty()
        || url.starts_with('/')
        || url.starts_with('#')
        || url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }))
}

/// The flat file name a local image gets in a media folder: its relative path with `/` → `-`.
pub fn media_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.trim_start_matches("./")
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect::<Vec<_>>()
        .join("-")
}

/// The local image paths a Markdown text refers to, in order of appearance.
pub fn local_images(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. }) if is_local(&dest_url) => {
                Some(dest_url.split(['?', '#']).next().unwrap_or_default().to_owned())
            }
            _ => None,
        })
        .collect()
}

/// Bank Markdown made safe to embed in a Markdown file: raw HTML is escaped so a viewer that
/// renders HTML shows it as text, everything else stays as written.
pub fn markdown_safe(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) && range.start >= last {
            out.push_str(&markdown[last..range.start]);
            out.push_str(&markdown[range.clone()].replace('<', "&lt;").replace('>', "&gt;"));
            last = range.end;
        }
    }
    out.push_str(&markdown[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_sanitized() {
        let html =
            to_html("**bold** <script>alert(1)</script><img src=x onerror=alert(1)>", Images::Keep);
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(!html.contains("<script") && !html.contains("onerror"), "{html}");
        let link = to_html("[x](javascript:alert(1))", Images::Keep);
        assert!(!link.contains("javascript:"), "{link}");
    }

    #[test]
    fn code_blocks_keep_their_language_class() {
        let html = to_html("```rust\nfn main() {}\n```", Images::Keep);
        assert!(html.contains(r#"<code class="language-rust">"#), "{html}");
    }

    #[test]
    fn local_images_are_found_and_flattened() {
        let md = "![a](img/ring.png) ![b](https://x.org/y.png) ![c](./c.svg?v=1)";
        assert_eq!(local_images(md), ["img/ring.png", "./c.svg"]);
        assert_eq!(media_name("img/ring.png"), "img-ring.png");
        assert_eq!(media_name("../x/../y.png"), "x-y.png");
        let html = to_html(md, Images::Flatten);
        assert!(html.contains(r#"src="img-ring.png""#), "{html}");
        assert!(html.contains(r#"src="https://x.org/y.png""#), "{html}");
    }

    #[test]
    fn raw_html_in_markdown_is_escaped_for_markdown_output() {
        let safe = markdown_safe("text <script>alert(1)</script> and `<b>` code");
        assert!(!safe.contains("<script>"), "{safe}");
        assert!(safe.contains("`<b>`"), "{safe}");
    }
}
