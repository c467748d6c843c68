//! The template environment: defaults embedded from `exporters/<format>/`, overridable file by file.
//!
//! Like mdBook's `Theme::new(dir)`: a name is looked up first in the user's `--templates DIR` (as
//! `DIR/<file>` or `DIR/<format>/<file>`), then among the embedded defaults of the format (a name
//! `<other-format>/<file>` reaches another format's defaults). Strict undefined behaviour turns a
//! misspelt variable into an error naming the file and line, and auto-escaping is chosen by
//! extension (`.html`/`.xml` → HTML escaping, others none). Bank text is only ever passed as data,
//! never compiled as a template.

use std::path::{Path, PathBuf};

use minijinja::value::{Rest, Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use super::ExportError;
use super::escape;
use super::ids;
use super::markup::{self, Images};

include!(concat!(env!("OUT_DIR"), "/embedded_templates.rs"));

/// The embedded default file `<format>/<name>`, if there is one.
pub fn embedded(format: &str, name: &str) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|(n, _)| n.strip_prefix(format).and_then(|r| r.strip_prefix('/')) == Some(name))
        .map(|(_, s)| *s)
}

/// The names of a format's embedded default files, sorted.
pub fn embedded_names(format: &str) -> Vec<&'static str> {
    EMBEDDED
        .iter()
        .filter_map(|(n, _)| n.strip_prefix(format).and_then(|r| r.strip_prefix('/')))
        .collect()
}

/// A template looked up once ([`Templates::prepare`]); errors name its file and line.
pub struct Prepared<'t> {
    templates: &'t Templates,
    template: minijinja::Template<'t, 't>,
}

impl std::fmt::Debug for Prepared<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared").field("name", &self.template.name()).finish_non_exhaustive()
    }
}

impl Prepared<'_> {
    /// Renders the template with `context`, a template value (a `context!`, say).
    pub fn render(&self, context: Value) -> Result<String, ExportError> {
        self.template.render(context).map_err(|e| self.templates.error(&e))
    }
}

/// A format's templates: user overrides first, embedded defaults second.
pub struct Templates {
    env: Environment<'static>,
    format: String,
    user_dir: Option<PathBuf>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("format", &self.format)
            .field("user_dir", &self.user_dir)
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// The environment of `format`, with `user_dir` overriding the embedded files and local
    /// images (relative to `base`) handled as `images` says.
    pub fn new(format: &str, user_dir: Option<&Path>, images: Images, base: &Path) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Our own templates are bounded by the bank; a user's may loop or grow without end.
        env.set_fuel(user_dir.map(|_| FUEL));
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.set_auto_escape_callback(auto_escape);
        let (fmt, dir) = (format.to_owned(), user_dir.map(Path::to_path_buf));
        env.set_loader(move |name| load(&fmt, dir.as_deref(), name));
        let renderer = markup::Renderer::new(images, base);
        env.add_filter("markdown", move |text: &str| {
            Value::from_safe_string(renderer.to_html(text))
        });
        env.add_filter("reference", |text: &str| {
            Value::from_safe_string(super::references::to_html(text))
        });
        env.add_filter("markdown_safe", |text: &str| markup::markdown_safe(text.trim_end()));
        env.add_filter("xml_text", |text: &str| escape::xml_text(text));
        env.add_filter("gift_escape", |text: &str| escape::gift_escape(text));
        env.add_filter("md_escape", |text: &str| escape::md_escape(text));
        env.add_filter("tsv_field", |text: &str| escape::tsv_field(text));
        env.add_filter("media_name", |text: &str| markup::media_name(text));
        env.add_filter("anki_deck", |text: &str| super::anki::deck_name(text));
        env.add_function("anki_guid", |parts: Rest<String>| {
            ids::anki_guid(&parts.iter().map(String::as_str).collect::<Vec<_>>())
        });
        env.add_function("stable_id", |parts: Rest<String>| {
            ids::stable_u63(&parts.iter().map(String::as_str).collect::<Vec<_>>()).to_string()
        });
        env.add_function("stable_hex", |len: usize, parts: Rest<String>| {
            ids::stable_hex(&parts.iter().map(String::as_str).collect::<Vec<_>>(), len)
        });
        Templates { env, format: format.to_owned(), user_dir: user_dir.map(Path::to_path_buf) }
    }

    /// Renders template `name` with `context` (any serializable value, usually a `context!`).
    pub fn render<S: Serialize>(&self, name: &str, context: S) -> Result<String, ExportError> {
        let template = self.env.get_template(name).map_err(|e| self.error(&e))?;
        template.render(Value::from(Serde(&context))).map_err(|e| self.error(&e))
    }

    /// Looks template `name` up once, for rendering it many times (per note, say) without the
    /// environment's lookup and lock each time.
    pub fn prepare(&self, name: &str) -> Result<Prepared<'_>, ExportError> {
        let template = self.env.get_template(name).map_err(|e| self.error(&e))?;
        Ok(Prepared { templates: self, template })
    }

    /// The text of a non-template file (a stylesheet, say) with the same lookup as templates.
    pub fn file(&self, name: &str) -> Result<String, ExportError> {
        load(&self.format, self.user_dir.as_deref(), name).map_err(|e| self.error(&e))?.ok_or_else(
            || ExportError::TemplateMissing {
                name: name.to_owned(),
                format: self.format.clone(),
                from: String::new(),
            },
        )
    }

    /// Where a template's text came from, for messages: the user's file or the built-in path.
    fn origin(&self, name: &str) -> String {
        match self.user_dir.as_deref().and_then(|dir| user_file(dir, &self.format, name)) {
            Some(path) => path.display().to_string(),
            None if embedded(&self.format, name).is_none() && name.contains('/') => {
                format!("exporters/{name} (built-in)")
            }
            None => format!("exporters/{}/{name} (built-in)", self.format),
        }
    }

    fn error(&self, e: &minijinja::Error) -> ExportError {
        if e.kind() == minijinja::ErrorKind::TemplateNotFound {
            // Looked up by an `include` (`tried to include non-existing template 'x'`), the
            // missing name is only in the message; the error's own name is the includer's.
            let included = e.detail().and_then(quoted_name);
            let name = included.or(e.name()).unwrap_or("?");
            let from = match (included, e.name(), e.line()) {
                (Some(_), Some(parent), Some(line)) => {
                    format!(" (included from {} line {line})", self.origin(parent))
                }
                _ => String::new(),
            };
            return ExportError::TemplateMissing {
                name: name.to_owned(),
                format: self.format.clone(),
                from,
            };
        }
        // An error inside an included template comes wrapped in one at the `include`: report the
        // innermost template, where the fix goes, and say where it was included from.
        let outer = e;
        let mut e = e;
        while let Some(inner) = std::error::Error::source(e)
            .and_then(|s| s.downcast_ref::<minijinja::Error>())
            .filter(|inner| inner.name().is_some())
        {
            e = inner;
        }
        let file = e.name().map_or_else(|| "?".to_owned(), |n| self.origin(n));
        let mut message = match e.detail() {
            _ if e.kind() == minijinja::ErrorKind::OutOfFuel => format!(
                "the template did more work than qbank allows an override ({FUEL} units of \
                 fuel: one per instruction and per 64 bytes of data or output); a loop without \
                 end or a string that keeps doubling does this"
            ),
            Some(detail) => format!("{}: {detail}", e.kind()),
            None => e.kind().to_string(),
        };
        // Quote the expression at fault (`q.nope` for "undefined value"), as rustc shows the
        // code an error is about.
        let source = e.name().and_then(|n| load(&self.format, self.user_dir.as_deref(), n).ok()?);
        if let (Some(range), Some(source)) = (e.range(), source)
            && let Some(code) = source.get(range).map(str::trim).filter(|c| !c.is_empty())
            && code.len() <= 80
            && !code.contains('\n')
            && !message.contains(code)
        {
            message = format!("{message} (in `{code}`)");
        }
        if !std::ptr::eq(e, outer)
            && let (Some(name), Some(line)) = (outer.name(), outer.line())
        {
            message = format!("{message}; included from {} line {line}", self.origin(name));
        }
        ExportError::Template { file, line: e.line(), message }
    }
}

/// The work one render of a `--templates` override may do, in minijinja's fuel: about one unit
/// per instruction and per 64 bytes of data made (output included), so it bounds both time and
/// memory (about 1.3 GB of data). The built-in templates render a 10,000-question bank with less than
/// 5,000,000; an override that loops without end or doubles a string 40 times runs out instead.
pub const FUEL: u64 = 20_000_000;

/// The first name quoted in a message, with `'` or `"`: minijinja names a template that way.
fn quoted_name(message: &str) -> Option<&str> {
    let start = message.find(['\'', '"'])?;
    let quote = message[start..].chars().next()?;
    let rest = &message[start + 1..];
    rest.find(quote).map(|end| &rest[..end])
}

/// `.html`/`.htm`/`.xml` (after dropping `.j2`) are HTML-escaped; everything else is not.
fn auto_escape(name: &str) -> AutoEscape {
    let name = name.strip_suffix(".j2").unwrap_or(name);
    match name.rsplit('.').next() {
        Some("html" | "htm" | "xml") => AutoEscape::Html,
        _ => AutoEscape::None,
    }
}

/// The user's override of `name`: `DIR/<format>/<name>` or else `DIR/<name>`.
fn user_file(dir: &Path, format: &str, name: &str) -> Option<PathBuf> {
    if name.split(['/', '\\']).any(|p| p == ".." || p.is_empty()) {
        return None;
    }
    [dir.join(format).join(name), dir.join(name)].into_iter().find(|p| p.is_file())
}

fn load(
    format: &str,
    user_dir: Option<&Path>,
    name: &str,
) -> Result<Option<String>, minijinja::Error> {
    if let Some(path) = user_dir.and_then(|dir| user_file(dir, format, name)) {
        let text = crate::source::read::read_text(&path, crate::source::read::TEMPLATE);
        return text.map(Some).map_err(|e| {
            minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("cannot read `{}`: {e}", path.display()),
            )
        });
    }
    let own = embedded(format, name);
    // `<other-format>/<file>` reaches another format's defaults (the TSV reuses Anki's cards).
    let other = || EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
    Ok(own.or_else(other).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use minijinja::context;

    use super::*;

    fn dir_with(name: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        dir
    }

    #[test]
    fn html_templates_escape_and_others_do_not() {
        let dir = dir_with("a.html.j2", "{{ x }}");
        std::fs::write(dir.path().join("a.txt.j2"), "{{ x }}").unwrap();
        let t = Templates::new("none", Some(dir.path()), Images::Keep, Path::new("."));
        assert_eq!(t.render("a.html.j2", context!(x => "<b>")).unwrap(), "&lt;b&gt;");
        assert_eq!(t.render("a.txt.j2", context!(x => "<b>")).unwrap(), "<b>");
    }

    #[test]
    fn undefined_variables_are_errors_with_file_and_line() {
        let dir = dir_with("t.md.j2", "line one\n{{ missing }}\n");
        let t = Templates::new("none", Some(dir.path()), Images::Keep, Path::new("."));
        let err = t.render("t.md.j2", context!()).unwrap_err().to_string();
        assert!(
            err.contains("t.md.j2") && err.contains("line 2") && err.contains("undefined"),
            "{err}"
        );
        assert!(err.contains("`missing`"), "the expression is quoted: {err}");
        // An error whose message does not name its code gets the code quoted after it.
        let dir = dir_with("t.md.j2", "ok\n{{ 1 + \"a\" }}\n");
        let t = Templates::new("none", Some(dir.path()), Images::Keep, Path::new("."));
        let err = t.render("t.md.j2", context!()).unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains(r#"(in `1 + "a"`)"#), "{err}");
    }

    #[test]
    fn syntax_errors_and_missing_templates_are_reported() {
        let dir = dir_with("t.md.j2", "ok\n{% if %}\n");
        let t = Templates::new("none", Some(dir.path()), Images::Keep, Path::new("."));
        let err = t.render("t.md.j2", context!()).unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("syntax"), "{err}");
        let err = t.render("nope.md.j2", context!()).unwrap_err().to_string();
        assert!(err.contains("`nope.md.j2`"), "{err}");
    }

    #[test]
    fn bank_text_is_data_not_a_template() {
        let dir = dir_with("t.md.j2", "{{ x }}|{{ x | markdown }}");
        let t = Templates::new("none", Some(dir.path()), Images::Keep, Path::new("."));
        let out =
            t.render("t.md.j2", context!(x => "{{ 7 * 7 }} {% if true %}y{% endif %}")).unwrap();
        assert!(
            !out.contains("49") && out.contains("{{ 7 * 7 }}") && out.contains("{% if true %}"),
            "{out}"
        );
    }

    #[test]
    fn shared_helpers_are_available() {
        let dir = dir_with(
            "t.txt.j2",
            "{{ stable_id('b', 'q') }} {{ stable_hex(8, 'b', 'q') }} {{ 'a{b}' | gift_escape }}",
        );
        let t = Templates::new("none", Some(dir.path()), Images::Keep, Path::new("."));
        let expected = format!(
            "{} {} a\\{{b\\}}",
            ids::stable_u63(&["b", "q"]),
            ids::stable_hex(&["b", "q"], 8)
        );
        assert_eq!(t.render("t.txt.j2", context!()).unwrap(), expected);
    }
}
