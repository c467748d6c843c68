use crate::declare_rule;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::{Pattern, Rubric};
use crate::rubric::{normalize_text, pattern_is_empty};

declare_rule! {
    /// ## What it does
    /// Finds rubric patterns that can never match: a phrase with no words once normalized (only
    /// punctuation or spaces), an empty `re:`, an empty `all` group, or a `re:` pattern with a
    /// character that normalization removes from every answer (accents, typographic quotes and
    /// dashes are folded to ASCII before regexes run).
    ///
    /// ## Why is this bad?
    /// The author meant the pattern to earn (or cost) points, but it silently never fires, so the
    /// criterion is harder to meet than it looks and graders get unexplained low scores.
    ///
    /// ## Example
    /// ```yaml
    /// criteria:
    ///   - id: cafe
    ///     points: 1
    ///     any: ["...", "re:café"]
    ///     all: [[]]
    /// ```
    ///
    /// ## Fix
    /// Write the pattern in words (`"cafe"`), use ASCII in regexes (`re:cafe`), and remove empty
    /// groups.
    pub UnmatchablePattern {
        name: "unmatchable-pattern",
        code: "QB104",
        severity: Error,
        summary: "a rubric pattern normalizes to nothing or can never match",
    }
}

impl Rule for UnmatchablePattern {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_rubric(&self, q: &QuestionCx<'_>, rubric: &Rubric, report: &mut Report) {
        for entry in rubric.entries() {
            let (c, what, at) = (entry.criterion, entry.list.noun(), entry.pointer());
            for (place, pattern) in c.patterns() {
                let Some(why) = unmatchable(pattern) else { continue };
                report.push(
                    Self::META
                        .at(
                            q.path(),
                            q.pointer(&format!("{at}/{place}")),
                            format!("pattern `{}` of {what} `{}` {why}", pattern.as_str(), c.id),
                        )
                        .with_help("write it in plain words, or fix the regular expression"),
                );
            }
            for (g, group) in c.all.iter().enumerate() {
                if group.is_empty() {
                    report.push(
                            Self::META
                                .at(q.path(), q.pointer(&format!("{at}/all/{g}")), format!("group {} of `all` in {what} `{}` is empty, so it can never be met", g + 1, c.id))
                                .with_help("remove the empty group, or add the phrases it should accept"),
                        );
                }
            }
        }
    }
}

/// Why a pattern can never match, if it cannot.
fn unmatchable(pattern: &Pattern) -> Option<String> {
    // A phrase with a letter or digit has a word (the common case; tokenizing is the slow path).
    let has_word = pattern.regex().is_none() && pattern.as_str().chars().any(char::is_alphanumeric);
    if !has_word && pattern_is_empty(pattern) {
        return Some("normalizes to nothing, so it can never match".to_owned());
    }
    let source = pattern.regex()?;
    source.chars().filter(|c| !c.is_ascii()).find_map(|c| {
        let folded = normalize_text(&c.to_string());
        let lowered: String = c.to_lowercase().collect();
        (folded != lowered).then(|| {
            format!(
                "contains `{c}`, which answers never do after normalization (it becomes `{folded}`), so it can never match"
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::unmatchable;
    use crate::model::Pattern;

    #[test]
    fn empty_and_unreachable_patterns_are_caught() {
        let p = |s: &str| unmatchable(&Pattern(s.to_owned()));
        assert!(p("?!").is_some());
        assert!(p("re:  ").is_some());
        assert!(p("re:café").unwrap().contains("`é`"));
        assert!(p("hash ring").is_none());
        assert!(p("re:k\\s*/\\s*n").is_none());
    }
}
