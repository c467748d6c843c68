//! Bank Markdown → safe HTML, and the images a text refers to.
//!
//! Bank text is data from an untrusted file: it is rendered with pulldown-cmark and then cleaned by
//! ammonia's allow-list, so `<script>`, event-handler attributes and `javascript:` URLs never reach
//! an export, whatever the Markdown contained.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

pub use super::markdown_safe::markdown_safe;

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

fn cleaner() -> ammonia::Builder<'static> {
    let classes: Vec<&'static str> =
        LANGUAGES.iter().map(|l| &*Box::leak(format!("language-{l}").into_boxed_str())).collect();
    let mut builder = ammonia::Builder::default();
    builder.add_allowed_classes("code", classes);
    builder
}

static PLAIN: LazyLock<Renderer> = LazyLock::new(|| Renderer::new(Images::Keep, Path::new(".")));

/// What to do with a local (relative) image path, in Markdown or in raw HTML of bank text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Images {
    /// Keep the path as written (the export sits next to the bank's images).
    #[default]
    Keep,
    /// Rewrite it to a flat media file name ([`media_name`]), as Anki's media folder needs.
    Flatten,
    /// Inline the file as a `data:` URI (self-contained pages); unreadable images lose their `src`,
    /// and remote images become links (Markdown) or lose their `src` (raw HTML): the page loads
    /// nothing from the network.
    Inline,
}

pub(super) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Markdown → sanitized HTML with one image policy, resolved against one directory.
pub struct Renderer {
    cleaner: ammonia::Builder<'static>,
    images: Images,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

impl Renderer {
    /// A renderer whose local images follow `images`, relative to `base`.
    pub fn new(images: Images, base: &Path) -> Self {
        let mut cleaner = cleaner();
        let base: PathBuf = base.to_owned();
        // Runs after ammonia's own URL checks, so the `data:` URIs made here need no scheme allowance.
        cleaner.attribute_filter(move |element, attribute, value| {
            if element != "img" || attribute != "src" {
                return Some(value.into());
            }
            match images {
                _ if !is_local(value) => match images {
                    // A self-contained page loads nothing: a remote image in raw HTML loses its
                    // `src` (its `alt` still shows). Markdown images became links before this.
                    Images::Inline => None,
                    // Anki reads a `src` without a scheme as a media file name, so a
                    // protocol-relative `//host/x.png` would be a missing file: make it https.
                    Images::Flatten if value.starts_with("//") => {
                        Some(format!("https:{value}").into())
                    }
                    _ => Some(value.into()),
                },
                Images::Keep => Some(value.into()),
                Images::Flatten => Some(media_name(value).into()),
                // `media::collect` has refused the export of an image that cannot be packaged
                // before any text is rendered; one that fails here (gone since) loses its `src`.
                Images::Inline => super::media::resolve(&base, value)
                    .ok()
                    .and_then(|p| data_uri(&p))
                    .map(Into::into),
            }
        });
        Renderer { cleaner, images }
    }

    /// Renders bank Markdown to sanitized HTML.
    ///
    /// pulldown-cmark escapes all text and attribute values itself; only raw HTML and URLs can
    /// carry active content. Text without either (most prompts and answers) is therefore output
    /// as rendered; anything else goes through ammonia's allow-list.
    pub fn to_html<'m>(&self, markdown: &'m str) -> String {
        if let Some(html) = plain_paragraph(markdown) {
            return html;
        }
        let events = Parser::new_ext(markdown, options()).map(|e| match e {
            // `Vec<T>` or `i<n and n>0` parse as inline HTML tags; no browser knows them, so
            // the sanitizer would drop them and the text with them. They are text.
            Event::InlineHtml(html) if !is_html_tag(&html) => Event::Text(html),
            e => e,
        });
        // Events are rendered as they are parsed; whether the result needs the sanitizer is
        // noted on the way.
        let needs_cleaning = std::cell::Cell::new(false);
        let note = |e: Event<'m>| {
            if matches!(
                e,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Start(Tag::Link { .. } | Tag::Image { .. })
            ) {
                needs_cleaning.set(true);
            }
            e
        };
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        if self.images == Images::Inline {
            let mut events: Vec<Event<'_>> = events.collect();
            remote_images_to_links(&mut events);
            html::push_html(&mut html, events.into_iter().map(note));
        } else {
            html::push_html(&mut html, events.map(note));
        }
        if needs_cleaning.get() { self.cleaner.clean(&html).to_string() } else { html }
    }
}

/// Every element name of HTML, the `svg` and `math` roots, and the obsolete ones browsers still
/// parse: inline "tags" with another name (`<T>`, `<n and n>`) are text that the `CommonMark`
/// raw-HTML rule happens to match.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "bgsound",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "image",
    "img",
    "input",
    "ins",
    "isindex",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "link",
    "listing",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "menuitem",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "plaintext",
    "portal",
    "pre",
    "progress",
    "q",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "spacer",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "xmp",
];

/// Whether inline raw HTML is markup a browser would act on: a comment, declaration or
/// processing instruction, or a tag of a known element (custom elements, with a `-`, too).
fn is_html_tag(html: &str) -> bool {
    let Some(rest) = html.strip_prefix('<') else { return true };
    if rest.starts_with(['!', '?']) {
        return true;
    }
    let name: String = rest
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    name.contains('-') || HTML_ELEMENTS.contains(&name.as_str())
}

/// On a self-contained page a remote image would be a network request (and can track the
/// reader): it becomes a link to the image, its alt text the link text.
fn remote_images_to_links(events: &mut [Event<'_>]) {
    let mut open = Vec::new(); // for each image still open: whether it became a link
    for event in events.iter_mut() {
        match event {
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let remote = !is_local(dest_url);
                if remote {
                    *event = Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest_url.clone(),
                        title: title.clone(),
                        id: id.clone(),
                    });
                }
                open.push(remote);
            }
            Event::End(TagEnd::Image) => {
                let became_link = open.pop() == Some(true);
                if became_link {
                    *event = Event::End(TagEnd::Link);
                }
            }
            _ => {}
        }
    }
}

/// The HTML of a text that is one plain paragraph, without running the Markdown parser.
///
/// Short texts (options, feedback, follow-ups, references) are most of the Markdown an export
/// renders, and most are plain words. A text qualifies when it is one line that starts with a
/// letter (so it opens no list, heading, quote or code block), ends with a non-space, and holds
/// only letters, digits, spaces and punctuation that Markdown gives no meaning inside a line and
/// HTML needs no escape for. pulldown-cmark renders such a text as `<p>text</p>`; a differential
/// test holds the two to the same bytes.
fn plain_paragraph(markdown: &str) -> Option<String> {
    if !markdown.chars().next().is_some_and(char::is_alphabetic) || markdown.ends_with(' ') {
        return None;
    }
    let plain = markdown.chars().all(|c| c.is_alphanumeric() || " .,;:?'()/%+=-!".contains(c));
    plain.then(|| format!("<p>{markdown}</p>\n"))
}

/// Renders bank Markdown to sanitized HTML, keeping image paths as written.
pub fn to_html(markdown: &str) -> String {
    PLAIN.to_html(markdown)
}

/// The file as a `data:` URI when it is a readable image of a known type.
fn data_uri(path: &Path) -> Option<String> {
    let mime = super::media::image_type(path)?;
    let bytes = crate::source::read::read(path, crate::source::read::IMAGE).ok()?;
    Some(format!("data:{mime};base64,{}", base64(&bytes)))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Whether a URL uses a scheme that can run script when followed.
pub(super) fn is_scripting_url(url: &str) -> bool {
    let scheme: String =
        url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).take(11).collect();
    let scheme = scheme.to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"].iter().any(|s| scheme.starts_with(s))
}

/// Whether an image URL names a file on the author's machine without being relative: an
/// absolute path, a `file:` URL or a Windows drive path. No export can carry it (`media`
/// refuses it); treating it as remote would leave a broken reference, or the author's path, in
/// a shared deck.
pub fn names_a_file(url: &str) -> bool {
    let url = url.trim();
    (url.starts_with('/') && !url.starts_with("//"))
        || url.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("file:"))
        || url.as_bytes().get(1..3).is_some_and(|s| s == b":\\" || s == b":/")
            && url.as_bytes()[0].is_ascii_alphabetic()
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

/// The flat file name a local image gets in a media folder: its relative path (percent-decoded)
/// with `/` → `-`, and the characters Anki refuses in media names (`\ : * ? " < > | [ ] ^`,
/// controls) as `_`. Cards refer to it by this name, unencoded, as Anki's own editor does.
pub fn media_name(url: &str) -> String {
    let path = local_path(url);
    let flat = path
        .trim_start_matches("./")
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect::<Vec<_>>()
        .join("-");
    flat.chars()
        .map(|c| if c.is_control() || "\\:*?\"<>|[]^".contains(c) { '_' } else { c })
        .collect()
}

/// The relative file path a local image URL names: without `?query` or `#fragment`, and
/// percent-decoded (`sub%20dir/a.png` → `sub dir/a.png`; invalid escapes stay as written).
pub fn local_path(url: &str) -> String {
    let raw = without_query(url).as_bytes();
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if raw[i] == b'%'
            && let (Some(hi), Some(lo)) =
                (raw.get(i + 1).copied().and_then(hex), raw.get(i + 2).copied().and_then(hex))
        {
            bytes.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    String::from_utf8(bytes).unwrap_or_else(|_| without_query(url).to_owned())
}

/// Whether a text has a Markdown image (`![alt](src)`): formats without a place for images
/// (the LMS ones) show its alt text instead.
pub fn has_markdown_image(markdown: &str) -> bool {
    markdown.contains("![")
        && Parser::new_ext(markdown, options())
            .any(|e| matches!(e, Event::Start(Tag::Image { .. })))
}

/// The local image paths a bank text refers to: its Markdown images, then the `<img src>` of
/// its raw HTML that survive sanitizing (the renderer rewrites both kinds, so both must be
/// packaged). Query strings and fragments are dropped.
pub fn local_images(markdown: &str) -> Vec<String> {
    // Every Markdown image starts with `![` and every HTML one with `<img`; most texts have
    // neither and need no parse.
    let markdown_images = markdown.contains("![");
    let html_images = markdown.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"<img"));
    if !markdown_images && !html_images {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut raw_html = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Image { dest_url, .. })
                if is_local(&dest_url) || names_a_file(&dest_url) =>
            {
                found.push(without_query(&dest_url).to_owned());
            }
            Event::Html(html) | Event::InlineHtml(html) => raw_html.push_str(&html),
            _ => {}
        }
    }
    if html_images && !raw_html.is_empty() {
        found.extend(sanitized_html_images(&raw_html));
    }
    found
}

/// The local `img` sources of an HTML fragment, read by the same sanitizer that renders it.
fn sanitized_html_images(html: &str) -> Vec<String> {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&seen);
    let mut builder = cleaner();
    builder.attribute_filter(move |element, attribute, value| {
        if element == "img"
            && attribute == "src"
            && (is_local(value) || names_a_file(value))
            && let Ok(mut list) = sink.lock()
        {
            list.push(without_query(value).to_owned());
        }
        Some(value.into())
    });
    builder.clean(html);
    seen.lock().map(|list| list.clone()).unwrap_or_default()
}

/// A URL without its `?query` and `#fragment`.
fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_sanitized() {
        let html = to_html("**bold** <script>alert(1)</script><img src=x onerror=alert(1)>");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(!html.contains("<script") && !html.contains("onerror"), "{html}");
        let link = to_html("[x](javascript:alert(1))");
        assert!(!link.contains("javascript:"), "{link}");
    }

    #[test]
    fn script_links_are_removed_from_markdown_however_they_are_spelled() {
        assert_eq!(markdown_safe("see [x](javascript:alert(1))"), "see [x](#)");
        for link in ["[ent](&#106;avascript:alert(1))", "[ref][r]\n\n[r]: javascript:alert(1)"] {
            let safe = markdown_safe(link);
            let rendered = to_html(&safe);
            assert!(
                !rendered.to_lowercase().contains("javascript"),
                "{link} → {safe} → {rendered}"
            );
            assert!(!safe.contains("](&#106;"), "{safe}");
        }
    }

    #[test]
    fn anki_cards_fetch_protocol_relative_images_over_https() {
        let anki = Renderer::new(Images::Flatten, Path::new("."));
        let html = anki.to_html("<img src=\"//t.example/p.gif\"> ![x](//t.example/q.png)");
        assert!(html.contains(r#"src="https://t.example/p.gif""#), "{html}");
        assert!(html.contains(r#"src="https://t.example/q.png""#), "{html}");
    }

    #[test]
    fn angle_brackets_that_are_no_html_tag_stay_as_text() {
        assert_eq!(
            to_html("Generic Vec<T> and Option<Box<T>>"),
            "<p>Generic Vec&lt;T&gt; and Option&lt;Box&lt;T&gt;&gt;</p>\n"
        );
        assert_eq!(to_html("Compare i<n and n>0."), "<p>Compare i&lt;n and n&gt;0.</p>\n");
        // Real tags are still HTML: kept when allowed, removed when not.
        assert_eq!(to_html("a <kbd>Ctrl</kbd> b"), "<p>a <kbd>Ctrl</kbd> b</p>\n");
        assert_eq!(to_html("x <script>alert(1)</script> y"), "<p>x  y</p>\n");
        assert_eq!(to_html("x <SCRIPT>alert(1)</SCRIPT> y"), "<p>x  y</p>\n");
        assert!(to_html("a <my-widget>b</my-widget>").contains("<p>a b</p>"));
    }

    #[test]
    fn plain_markdown_takes_the_fast_path_and_stays_escaped() {
        let html = to_html("a < b & \"c\" `<script>` *x*\n\n```js\n</script><b>\n```");
        assert_eq!(
            html,
            "<p>a &lt; b &amp; \"c\" <code>&lt;script&gt;</code> <em>x</em></p>\n<pre><code class=\"language-js\">&lt;/script&gt;&lt;b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn code_info_strings_cannot_break_out_of_the_class_attribute() {
        let html = to_html("```x\" onmouseover=\"alert(1)\ncode\n```");
        assert!(html.contains(r#"class="language-x&quot;"#), "{html}");
        assert!(!html.contains(r#"" onmouseover"#), "{html}");
    }

    #[test]
    fn code_blocks_keep_their_language_class() {
        let html = to_html("```rust\nfn main() {}\n```");
        assert!(html.contains(r#"<code class="language-rust">"#), "{html}");
    }

    #[test]
    fn local_images_are_found_and_flattened() {
        let md = "![a](img/ring.png) ![b](https://x.org/y.png) ![c](./c.svg?v=1)";
        assert_eq!(local_images(md), ["img/ring.png", "./c.svg"]);
        let raw = "Look: <IMG SRC='img/a.png' onerror=x> <img src=\"https://x.org/b.png\">\n\n<p><img src=\"c.gif#f\"></p>";
        assert_eq!(local_images(raw), ["img/a.png", "c.gif"]);
        let html = Renderer::new(Images::Flatten, Path::new(".")).to_html(raw);
        assert!(html.contains(r#"src="img-a.png""#) && !html.contains("onerror"), "{html}");
        assert_eq!(media_name("img/ring.png"), "img-ring.png");
        assert_eq!(media_name("../x/../y.png"), "x-y.png");
        let html = Renderer::new(Images::Flatten, Path::new(".")).to_html(md);
        assert!(html.contains(r#"src="img-ring.png""#), "{html}");
        assert!(html.contains(r#"src="https://x.org/y.png""#), "{html}");
    }

    #[test]
    fn inlined_images_become_data_uris_and_missing_ones_lose_src() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), b"PNG!").unwrap();
        let html = Renderer::new(Images::Inline, dir.path())
            .to_html("![a](a.png) <img src=missing.png> <img src=x>");
        assert!(html.contains(r#"src="data:image/png;base64,UE5HIQ==""#), "{html}");
        assert!(!html.contains("missing.png") && !html.contains(r#"src="x""#), "{html}");
    }

    #[test]
    fn markdown_images_are_told_from_look_alikes() {
        assert!(has_markdown_image("See ![a ring](img/ring.png)."));
        assert!(has_markdown_image("![remote](https://x.org/a.png)"));
        assert!(!has_markdown_image("No image here"));
        assert!(!has_markdown_image("Not one: `![a](b.png)` in code"));
        assert!(!has_markdown_image("<img src=a.png> is raw HTML, shown as text in LMS exports"));
    }

    #[test]
    fn a_self_contained_page_links_remote_images_instead_of_loading_them() {
        let dir = tempfile::tempdir().unwrap();
        let html = Renderer::new(Images::Inline, dir.path()).to_html(
            "See ![the *ring*](https://x.org/ring.png \"Ring\") and <img src='//x.org/t.gif' alt=pixel>.",
        );
        assert!(
            html.contains(r#"<a href="https://x.org/ring.png" title="Ring" rel="noopener noreferrer">the <em>ring</em></a>"#),
            "{html}"
        );
        assert!(!html.contains("x.org/t.gif") && html.contains(r#"alt="pixel""#), "{html}");
        // Other exports keep remote images as written.
        let kept = Renderer::new(Images::Keep, dir.path()).to_html("![a](https://x.org/a.png)");
        assert!(kept.contains(r#"<img src="https://x.org/a.png" alt="a">"#), "{kept}");
    }

    /// Whatever the plain-paragraph shortcut renders, pulldown-cmark renders the same way.
    #[test]
    fn the_plain_paragraph_shortcut_matches_pulldown_cmark() {
        use proptest::strategy::{Strategy, ValueTree};
        let alphabet = proptest::sample::select(
            &[
                "a",
                "Z",
                "é",
                "ж",
                "中",
                "7",
                " ",
                "  ",
                ".",
                ",",
                ";",
                ":",
                "?",
                "'",
                "(",
                ")",
                "/",
                "%",
                "+",
                "=",
                "-",
                "!",
                "1.",
                "- ",
                "# ",
                "*",
                "_",
                "`",
                "[x]",
                "<b>",
                "&amp;",
                "\"",
                "\\",
                "~",
                "|",
                "\n",
                "\t",
                "\u{a0}",
                "http://x.org",
                "---",
                "a:b",
                "2)",
            ][..],
        );
        let strategy = proptest::collection::vec(alphabet, 1..12).prop_map(|v| v.concat());
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let mut taken = 0;
        for _ in 0..60_000 {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            if let Some(fast) = plain_paragraph(&text) {
                taken += 1;
                let mut slow = String::new();
                html::push_html(&mut slow, Parser::new_ext(&text, options()));
                assert_eq!(fast, slow, "{text:?}");
            }
        }
        assert!(taken > 2_000, "the shortcut was taken {taken} times");
        assert_eq!(to_html("Option A of 5"), "<p>Option A of 5</p>\n");
        assert_eq!(plain_paragraph("1. list"), None);
        assert_eq!(plain_paragraph("a <b>"), None);
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }
}
