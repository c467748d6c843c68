//! Compiling patterns: phrase words, bank synonyms and named concepts (`$name`) become sequences
//! of lexicon ids; `re:` patterns become size-limited regexes.

use std::collections::BTreeMap;

use super::CompileError;
use super::contractions;
use super::lexicon::Lexicon;
use super::negation::{is_article, states_negation};
use super::stem::stem;
use super::tokenize::tokenize;
use crate::model::{Id, Pattern};

/// How deeply concepts may name concepts (`$a` → `$b` → …) inside one pattern.
pub const MAX_CONCEPT_DEPTH: usize = 16;

/// Most word sequences one pattern may expand to through synonyms and concepts.
pub const MAX_EXPANSIONS: usize = 256;

/// A compiled pattern.
#[derive(Debug)]
pub(crate) enum Matcher {
    /// Word sequences (the phrase and its synonym variants); any one of them may match.
    Phrase(Phrase),
    /// A regular expression over the normalized answer.
    Regex(RegexMatcher),
}

/// A `re:` pattern, with its place in the rubric's [`Lexicon::regex_set`], which tells an answer
/// in one pass which of the rubric's regexes can match it at all.
#[derive(Debug)]
pub(crate) struct RegexMatcher {
    /// The compiled pattern.
    pub regex: regex::Regex,
    /// Its index among the rubric's regexes.
    pub index: usize,
}

/// The word sequences of a phrase pattern.
#[derive(Debug)]
pub(crate) struct Phrase {
    /// Every way to say the phrase.
    pub sequences: Vec<Sequence>,
    /// The rubric-wide number of the first sequence (the others follow it): an answer knows by
    /// these numbers which sequences may match at all (see [`Lexicon::add_sequence`]).
    pub first: u32,
}

/// One way to say a phrase: lexicon ids in order.
#[derive(Debug)]
pub(crate) struct Sequence {
    /// The words, in order.
    pub words: Vec<u32>,
    /// Whether the sequence itself states a negation, so a negation before it is expected.
    pub states_negation: bool,
}

/// The folded words of a phrase, articles dropped unless the phrase has nothing else.
pub(crate) fn phrase_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    tokenize(text, |_, folded| words.push(folded.to_owned()));
    if words.iter().any(|w| !is_article(w)) {
        words.retain(|w| !is_article(w));
    }
    words
}

/// Bank synonyms prepared once per rubric: the key's stems and each alternative's words.
#[derive(Debug, Default)]
pub(crate) struct Synonyms {
    entries: Vec<(Vec<String>, Vec<Vec<String>>)>,
}

impl Synonyms {
    /// Prepares a bank's synonym table, longest keys first so "leader election" wins over
    /// "leader".
    pub(crate) fn new(table: &BTreeMap<String, Vec<String>>) -> Self {
        let mut entries: Vec<(Vec<String>, Vec<Vec<String>>)> = table
            .iter()
            .map(|(key, alts)| {
                let key_stems = phrase_words(key).iter().map(|w| stem(w)).collect();
                let alts = alts.iter().map(|a| phrase_words(a)).filter(|a| !a.is_empty()).collect();
                (key_stems, alts)
            })
            .filter(|(key, _): &(Vec<String>, _)| !key.is_empty())
            .collect();
        entries.sort_by_key(|(key, _)| std::cmp::Reverse(key.len()));
        Self { entries }
    }

    /// The alternatives of the longest key starting at `stems[at..]`, and that key's length.
    fn at(&self, stems: &[String]) -> Option<(usize, &[Vec<String>])> {
        self.entries
            .iter()
            .find(|(key, _)| stems.starts_with(key))
            .map(|(key, alts)| (key.len(), alts.as_slice()))
    }
}

/// Compiles one pattern of criterion `criterion`.
pub(crate) fn compile(
    pattern: &Pattern,
    criterion: &Id,
    synonyms: &Synonyms,
    concepts: &BTreeMap<String, Vec<String>>,
    lexicon: &mut Lexicon,
) -> Result<Matcher, CompileError> {
    let error = |message: String| CompileError {
        criterion: criterion.clone(),
        pattern: pattern.as_str().to_owned(),
        message,
    };
    if pattern.regex().is_some() {
        return match pattern.compile_regex() {
            Ok(Some(regex)) => {
                let index = lexicon.add_regex(regex.as_str());
                Ok(Matcher::Regex(RegexMatcher { regex, index }))
            }
            Ok(None) => Err(error("not a regular expression".into())),
            Err(e) => Err(error(e.to_string())),
        };
    }
    let sequences = expand(pattern.as_str(), synonyms, concepts, &mut Vec::new()).map_err(error)?;
    let sequences: Vec<Sequence> = sequences
        .into_iter()
        .filter(|words| !words.is_empty())
        .map(|words| Sequence {
            states_negation: states_negation(&words),
            words: words.iter().map(|w| lexicon.intern(w)).collect(),
        })
        .collect();
    let first = lexicon.sequences() as u32;
    for sequence in &sequences {
        lexicon.add_sequence(sequence.words[0]);
    }
    Ok(Matcher::Phrase(Phrase { sequences, first }))
}

/// Whether any phrasing of any of these `all` groups states a negation itself.
pub(crate) fn groups_state_negation(groups: &[Vec<Matcher>]) -> bool {
    groups.iter().flatten().any(|m| match m {
        Matcher::Phrase(phrase) => phrase.sequences.iter().any(|s| s.states_negation),
        Matcher::Regex(_) => false,
    })
}

/// One piece of a phrase: plain words, or a reference to a named concept.
enum Piece<'a> {
    Words(&'a str),
    Concept(&'a str),
}

/// The phrase with each `$name` replaced by the concept's first phrasing (its last with
/// `from_back`), itself spelled out; a name that is unknown, or deeper than 8 concepts, stays.
pub(crate) fn spell_out(
    text: &str,
    concepts: &BTreeMap<String, Vec<String>>,
    from_back: bool,
    depth: usize,
) -> String {
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Words(words) => words.to_owned(),
            Piece::Concept(name) => {
                let phrasing =
                    concepts.get(name).and_then(|p| if from_back { p.last() } else { p.first() });
                match phrasing {
                    Some(p) if depth < 8 => spell_out(p, concepts, from_back, depth + 1),
                    _ => format!("${name}"),
                }
            }
        })
        .collect()
}

/// The concept names a phrase refers to (`$name`), in order.
pub(crate) fn concept_names(text: &str) -> Vec<&str> {
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Concept(name) => Some(name),
            Piece::Words(_) => None,
        })
        .collect()
}

/// Splits a phrase at its `$name` references.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let name_len = rest[at + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len() - at - 1);
        if name_len == 0 {
            out.push(Piece::Words(&rest[..=at]));
            rest = &rest[at + 1..];
            continue;
        }
        out.push(Piece::Words(&rest[..at]));
        out.push(Piece::Concept(&rest[at + 1..at + 1 + name_len]));
        rest = &rest[at + 1 + name_len..];
    }
    out.push(Piece::Words(rest));
    out
}

/// Every word sequence a phrase stands for: each stretch of words with its synonyms, each
/// `$concept` with each of its phrasings (themselves expanded), combined in order. `stack` holds
/// the concepts being expanded, so a concept that refers back to itself is an error, not a loop.
fn expand(
    text: &str,
    synonyms: &Synonyms,
    concepts: &BTreeMap<String, Vec<String>>,
    stack: &mut Vec<String>,
) -> Result<Vec<Vec<String>>, String> {
    let mut sequences: Vec<Vec<String>> = vec![Vec::new()];
    for piece in pieces(text) {
        let slot = match piece {
            Piece::Words(words) => words_slots(words, synonyms),
            Piece::Concept(name) => {
                if stack.len() >= MAX_CONCEPT_DEPTH {
                    return Err(format!(
                        "concepts nest deeper than {MAX_CONCEPT_DEPTH}: {}",
                        chain(stack)
                    ));
                }
                if stack.iter().any(|s| s == name) {
                    stack.push(name.to_owned());
                    return Err(format!("concept `${name}` refers to itself: {}", chain(stack)));
                }
                let Some(phrasings) = concepts.get(name) else {
                    return Err(unknown_concept(name, concepts));
                };
                stack.push(name.to_owned());
                let mut alternatives = Vec::new();
                for phrasing in phrasings {
                    if phrasing.starts_with("re:") {
                        // Read as words it would never match, silently.
                        return Err(format!(
                            "concept `${name}` has a `re:` phrasing, `{phrasing}`: concepts hold \
                             phrases only (put the regex among the criterion's own patterns)"
                        ));
                    }
                    alternatives.extend(expand(phrasing, synonyms, concepts, stack)?);
                    if alternatives.len() > MAX_EXPANSIONS {
                        return Err(too_many());
                    }
                }
                stack.pop();
                vec![alternatives]
            }
        };
        for alternatives in slot {
            if sequences.len() * alternatives.len() > MAX_EXPANSIONS {
                return Err(too_many());
            }
            sequences = sequences
                .iter()
                .flat_map(|prefix| {
                    alternatives.iter().map(move |alt| prefix.iter().chain(alt).cloned().collect())
                })
                .collect();
        }
    }
    Ok(sequences)
}

fn too_many() -> String {
    format!("synonyms and concepts expand it to more than {MAX_EXPANSIONS} phrasings")
}

fn chain(stack: &[String]) -> String {
    stack.iter().map(|s| format!("`${s}`")).collect::<Vec<_>>().join(" → ")
}

fn unknown_concept(name: &str, concepts: &BTreeMap<String, Vec<String>>) -> String {
    let closest =
        concepts.keys().map(|k| (strsim::levenshtein(k, name), k)).filter(|(d, _)| *d <= 2).min();
    match closest {
        Some((_, k)) => {
            format!("no concept `${name}` in the bank's `concepts` (did you mean `${k}`?)")
        }
        None if concepts.is_empty() => {
            format!("no concept `${name}`: the bank declares no `concepts`")
        }
        None => format!("no concept `${name}` in the bank's `concepts`"),
    }
}

/// The slots of a stretch of plain words: each slot lists the ways to say one part of it (the
/// words as written, the other spellings of an n't negation, or a synonym of the longest synonym
/// key starting there).
fn words_slots(text: &str, synonyms: &Synonyms) -> Vec<Vec<Vec<String>>> {
    let words = phrase_words(text);
    let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
    let mut slots: Vec<Vec<Vec<String>>> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((len, variants)) = contractions::variants(&words[i..]) {
            slots.push(variants);
            i += len;
        } else if let Some((len, alts)) = synonyms.at(&stems[i..]) {
            let mut slot = vec![words[i..i + len].to_vec()];
            slot.extend(alts.iter().cloned());
            slots.push(slot);
            i += len;
        } else {
            slots.push(vec![vec![words[i].clone()]]);
            i += 1;
        }
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(pattern: &str, table: &[(&str, &[&str])]) -> Vec<String> {
        let table = table
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
            .collect();
        let mut lexicon = Lexicon::default();
        let id = Id("c".into());
        let none = BTreeMap::new();
        let m = compile(&Pattern(pattern.into()), &id, &Synonyms::new(&table), &none, &mut lexicon);
        let Ok(Matcher::Phrase(phrase)) = m else { panic!("not a phrase") };
        phrase
            .sequences
            .iter()
            .map(|s| s.words.iter().map(|&w| lexicon.word(w)).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn synonyms_expand_by_stem_and_may_be_phrases() {
        let got = spelled("The failed nodes", &[("node", &["server", "cluster member"])]);
        assert_eq!(got, ["failed nodes", "failed server", "failed cluster member"]);
    }

    #[test]
    fn longest_synonym_key_wins() {
        let got = spelled(
            "leader election",
            &[("leader", &["primary"]), ("leader election", &["choosing a leader"])],
        );
        assert_eq!(got, ["leader election", "choosing leader"]);
    }

    #[test]
    fn too_many_expansions_is_an_error() {
        let alts: Vec<String> = (0..20).map(|i| format!("w{i}")).collect();
        let table: BTreeMap<String, Vec<String>> =
            [("x".to_owned(), alts.clone()), ("y".to_owned(), alts)].into();
        let m = compile(
            &Pattern("x y x".into()),
            &Id("c".into()),
            &Synonyms::new(&table),
            &BTreeMap::new(),
            &mut Lexicon::default(),
        );
        assert!(m.is_err());
    }
}
