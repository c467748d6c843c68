//! Why a `re:` pattern does not compile, in the regex engine's words: the kind of syntax error
//! and the character it is at, on one line (the engine's own display takes four).

/// What to do about a syntax error.
const SYNTAX_HELP: &str = "`re:` patterns use the syntax of Rust's `regex` crate: escape `( ) [ ] { } . * + ? | \\` with a backslash to match the character itself";
/// What to do about an expression that is valid but too big.
const SIZE_HELP: &str = "make the expression smaller (fewer or shorter repetitions), or split it into several `any` patterns";

/// The problem with a regular expression `source` that failed to compile with `error`, and what
/// to do: the 1-based character position and the parser's message for a syntax error
/// ("character 4 (`(`): unclosed group"), else the engine's message (a size limit).
pub(super) fn describe(source: &str, error: &regex::Error) -> (String, &'static str) {
    let parsed = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(source);
    let (kind, span) = match &parsed {
        Err(regex_syntax::Error::Parse(e)) => (e.kind().to_string(), *e.span()),
        Err(regex_syntax::Error::Translate(e)) => (e.kind().to_string(), *e.span()),
        _ => return (error.to_string().trim().to_owned(), SIZE_HELP),
    };
    let at = source.get(..span.start.offset).map_or(0, |s| s.chars().count()) + 1;
    let what = source.get(span.start.offset..span.end.offset).filter(|s| !s.is_empty());
    let text = match what {
        Some(text) if text.chars().count() <= 20 => format!("character {at} (`{text}`): {kind}"),
        _ => format!("character {at}: {kind}"),
    };
    (text, SYNTAX_HELP)
}

#[cfg(test)]
mod tests {
    use super::describe;

    fn problem(source: &str) -> String {
        let error = regex::Regex::new(source).unwrap_err();
        describe(source, &error).0
    }

    #[test]
    fn syntax_errors_name_the_kind_and_the_character() {
        assert_eq!(problem("spl(it"), "character 4 (`(`): unclosed group");
        assert_eq!(
            problem("a{2,1}"),
            "character 2 (`{2,1}`): invalid repetition count range, the start must be <= the end"
        );
        assert_eq!(problem("é)"), "character 2 (`)`): unopened group");
    }

    #[test]
    fn other_errors_keep_the_engine_message() {
        let source = "\\w{1000}\\w{1000}";
        let error = regex::RegexBuilder::new(source).size_limit(1 << 10).build().unwrap_err();
        let (text, help) = describe(source, &error);
        assert!(text.contains("size limit"), "{text}");
        assert!(help.starts_with("make the expression smaller"));
    }
}
