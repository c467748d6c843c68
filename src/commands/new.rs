//! `qbank new NAME`: scaffold a bank that validates, next to the schema editors need.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use crate::ExitStatus;
use crate::output::write_atomic;

/// Arguments of `qbank new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bank id (kebab-case); the file is `NAME.yaml`.
    pub name: String,
    /// Folder to write into (created when missing, as `cargo new` does).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// Writes `NAME.yaml` (never over an existing file) and `bank.schema.json` beside it when absent.
pub fn run(
    args: &Args,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let valid = regex::Regex::new(crate::model::Id::PATTERN).context("id pattern")?;
    if !valid.is_match(&args.name) {
        writeln!(stderr, "error: `{}` is not a valid bank id", args.name)?;
        let slug = kebab(&args.name);
        if valid.is_match(&slug) {
            writeln!(stderr, "help: use kebab-case, such as `qbank new {slug}`")?;
        } else {
            writeln!(
                stderr,
                "help: use kebab-case: lower-case letters, digits and `-`, like `system-design`"
            )?;
        }
        return Ok(ExitStatus::Error);
    }
    let in_dir = |file: String| {
        if args.dir == std::path::Path::new(".") {
            PathBuf::from(file)
        } else {
            args.dir.join(file)
        }
    };
    let bank = in_dir(format!("{}.yaml", args.name));
    if bank.exists() {
        writeln!(
            stderr,
            "error: `{}` already exists; qbank new never overwrites a file",
            bank.display()
        )?;
        return Ok(ExitStatus::Error);
    }
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create the folder `{}`", args.dir.display()))?;
    let schema = in_dir("bank.schema.json".to_owned());
    if !schema.exists() {
        write_atomic(&schema, |w| w.write_all(crate::schema::generate_string().as_bytes()))
            .with_context(|| format!("cannot write `{}`", schema.display()))?;
        writeln!(stdout, "wrote {} (for editor completion)", schema.display())?;
    }
    let text = TEMPLATE.replace("{id}", &args.name);
    write_atomic(&bank, |w| w.write_all(text.as_bytes()))
        .with_context(|| format!("cannot write `{}`", bank.display()))?;
    writeln!(
        stdout,
        "wrote {}; check it with `qbank validate {}`",
        bank.display(),
        bank.display()
    )?;
    Ok(ExitStatus::Success)
}

const TEMPLATE: &str = r#"# yaml-language-server: $schema=bank.schema.json
qbank: 1
id: {id}
title: "{id}: interview questions"
level: senior
blueprint:
  topics:
    - {id: caching, title: Caching, min: 1}
  difficulty: {easy: 0.3, medium: 0.4, hard: 0.3, tolerance: 0.2}
synonyms:
  cache: [memoize, memoization]
concepts:
  database: [database, db, backing store, source of truth]
questions:
  - id: cache-aside
    topic: caching
    type: open
    difficulty: medium
    tags: [caching]
    prompt: What is the cache-aside pattern and what can go wrong with it?
    answer: |
      The application reads the cache first and, on a miss, loads from the database and fills
      the cache. Writes go to the database and invalidate the cache entry. Stale reads happen
      when an invalidation races a refill; a thundering herd hits the database when a hot key
      expires.
    rubric:
      criteria:
        - id: read-path
          points: 2
          describe: Read the cache first, load from the database on a miss, then fill the cache
          all: [[miss], [$database], [fill, populate, store, write, cache]]
          same: sentence
          ordered: true
        - id: write-path
          points: 1
          describe: Writes go to the database, the source of truth
          all: [[write, writes, update, updates], [$database]]
          same: clause
          ordered: true
        - id: invalidate
          points: 1
          describe: Writes invalidate (or update) the cache entry
          all: [[invalidate, evict, delete, remove, drop], [cache, cached]]
          same: clause
          ordered: true
        - id: failure-mode
          points: 1
          describe: Names a failure mode (stale read race, thundering herd)
          any: [stale, thundering herd, stampede]
      penalties:
        - id: always-consistent
          points: 1
          describe: Claims the cache is always consistent with the database
          any: [always consistent]
      examples:
        - answer: >-
            The service asks the cache first. When the key is absent, a miss, it goes to the
            backing store, returns the row and writes it into the cache with a TTL. On an update
            it writes the database and then deletes the cached key. Two things bite: a reader
            can refill an old value just after the delete, and when a hot key expires every
            request stampedes to the database at once.
          expect: strong
        - {answer: "On a miss we read the database and fill the cache.", expect: mediocre}
        - {answer: "The cache is always consistent with the database, so a miss never happens.", expect: wrong}
    follow_ups:
      - How would you prevent a thundering herd on a hot key?
    references:
      - "Microsoft, Cache-Aside pattern, Azure Architecture Center. https://learn.microsoft.com/azure/architecture/patterns/cache-aside"
  - id: lru-eviction
    topic: caching
    type: single
    difficulty: easy
    prompt: Which eviction policy removes the entry that was used longest ago?
    options:
      - {text: LRU (least recently used), correct: true, feedback: It tracks recency of use.}
      - {text: LFU (least frequently used), feedback: "It counts uses, not how recent they were."}
      - {text: FIFO, feedback: "It evicts by insertion order, whatever the use."}
    answer: LRU evicts the entry whose last use is the oldest.
  - id: local-cache-staleness
    topic: caching
    type: true-false
    difficulty: hard
    prompt: "True or false: write-through caching prevents stale reads when every application server keeps its own local cache?"
    correct: false
    answer: |
      False. Write-through keeps the writing server's cache in step with the database, but the
      other servers' local copies stay stale until they expire or are invalidated, which needs
      a broadcast or a short TTL.
    references:
      - "Nishtala et al., 2013, Scaling Memcache at Facebook, NSDI '13. https://www.usenix.org/conference/nsdi13/technical-sessions/presentation/nishtala"
"#;

/// `name` in kebab-case (`My Bank` → `my-bank`), to suggest: ASCII letters and digits kept in
/// lower case, every other run of characters one `-`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::kebab;

    #[test]
    fn names_become_kebab_case_for_the_suggestion() {
        assert_eq!(kebab("My Bank"), "my-bank");
        assert_eq!(kebab("  System Design: 2026! "), "system-design-2026");
        assert_eq!(kebab("../x"), "x");
        assert_eq!(kebab("日本"), "");
    }
}
