//! Compiling patterns: phrase words and bank synonyms become sequences of lexicon ids; `re:`
//! patterns become size-limited regexes.

use std::collections::BTreeMap;

use super::CompileError;
use super::lexicon::Lexicon;
use super::negation::{is_article, is_negation};
use super::stem::stem;
use super::tokenize::tokenize;
use crate::model::{Id, Pattern};

/// Most word sequences one pattern may expand to through synonyms.
pub const MAX_EXPANSIONS: usize = 256;

/// A compiled pattern.
#[derive(Debug)]
pub(crate) enum Matcher {
    /// Word sequences (the phrase and its synonym variants); any one of them may match.
    Phrase(Vec<Sequence>),
    /// A regular expression over the normalized answer.
    Regex(regex::Regex),
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
    lexicon: &mut Lexicon,
) -> Result<Matcher, CompileError> {
    let error = |message: String| CompileError {
        criterion: criterion.clone(),
        pattern: pattern.as_str().to_owned(),
        message,
    };
    if pattern.regex().is_some() {
        return match pattern.compile_regex() {
            Ok(Some(regex)) => Ok(Matcher::Regex(regex)),
            Ok(None) => Err(error("not a regular expression".into())),
            Err(e) => Err(error(e.to_string())),
        };
    }
    let words = phrase_words(pattern.as_str());
    let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
    // Each slot: the ways to say one stretch of the phrase.
    let mut slots: Vec<Vec<Vec<String>>> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((len, alts)) = synonyms.at(&stems[i..]) {
            let mut slot = vec![words[i..i + len].to_vec()];
            slot.extend(alts.iter().cloned());
            slots.push(slot);
            i += len;
        } else {
            slots.push(vec![vec![words[i].clone()]]);
            i += 1;
        }
    }
    let mut sequences: Vec<Vec<String>> = vec![Vec::new()];
    for slot in &slots {
        if sequences.len() * slot.len() > MAX_EXPANSIONS {
            return Err(error(format!(
                "synonyms expand it to more than {MAX_EXPANSIONS} phrasings"
            )));
        }
        sequences = sequences
            .iter()
            .flat_map(|prefix| {
                slot.iter().map(move |alt| prefix.iter().chain(alt).cloned().collect())
            })
            .collect();
    }
    let sequences = sequences
        .into_iter()
        .filter(|words| !words.is_empty())
        .map(|words| Sequence {
            states_negation: words.iter().any(|w| is_negation(w)),
            words: words.iter().map(|w| lexicon.intern(w)).collect(),
        })
        .collect();
    Ok(Matcher::Phrase(sequences))
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
        let m = compile(&Pattern(pattern.into()), &id, &Synonyms::new(&table), &mut lexicon);
        let Ok(Matcher::Phrase(seqs)) = m else { panic!("not a phrase") };
        seqs.iter()
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
            &mut Lexicon::default(),
        );
        assert!(m.is_err());
    }
}
