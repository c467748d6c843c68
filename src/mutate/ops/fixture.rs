//! A small question for the operators' unit tests.

use std::collections::BTreeMap;

use super::super::subject::Subject;
use super::Sink;

use crate::model::Question;
use crate::rubric::CompiledRubric;

/// Three claims in three sentences (the last a list item) and one penalty.
pub(crate) const QUESTION: &str = r#"
id: ring
topic: t
difficulty: easy
prompt: What is consistent hashing?
answer: |
  Keys and nodes sit on a **hash ring**. Adding a node only moves a small share of the keys.

  - Each node always gets many virtual nodes.
rubric:
  criteria:
    - {id: ring, points: 2, any: ["hash ring", "circle of hashes", "re:ring"]}
    - {id: movement, points: 2, all: [["only", "small share"], ["moves", "relocates"]]}
    - {id: vnodes, points: 1, any: ["virtual nodes", "tokens"]}
  penalties:
    - {id: modulo, points: 1, any: ["hash mod n is consistent hashing"]}
"#;

/// The question of [`QUESTION`], or of another YAML text.
pub(crate) fn question(yaml: &str) -> Question {
    serde_saphyr::from_str(yaml).expect("test question parses")
}

/// The question's rubric compiled without synonyms.
pub(crate) fn compiled(question: &Question) -> CompiledRubric {
    let rubric = question.rubric.as_ref().expect("test question has a rubric");
    let none = BTreeMap::new();
    let vocabulary = crate::rubric::Vocabulary { synonyms: &none, concepts: &none };
    CompiledRubric::compile(rubric, vocabulary).expect("test rubric compiles")
}

/// The mutants `generate` makes of [`QUESTION`], in a fresh sink.
pub(crate) fn mutants_of(generate: impl FnOnce(&Subject<'_>, &mut Sink)) -> Sink {
    let q = question(QUESTION);
    let c = compiled(&q);
    let subject = Subject::new(&q, &c).expect("the fixture's model answer scores the maximum");
    let mut sink = Sink::default();
    generate(&subject, &mut sink);
    sink
}
