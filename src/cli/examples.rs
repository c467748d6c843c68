//! The "Examples:" section of each subcommand's `--help`.
//!
//! Every line that starts with `  qbank ` is run by `tests/help_examples.rs` with bash, from a
//! folder holding the bundled `banks/distributed.yaml` and `answers.csv` (a cohort's answers to
//! it), so the examples stay true. Comments after `#` say what a line does.

pub(crate) const VALIDATE: &str = "\
Examples:
  qbank validate banks/distributed.yaml
  qbank validate banks/            # every bank in the folder and below";

pub(crate) const LINT: &str = "\
Examples:
  qbank lint banks/                # all banks together: duplicates are found across files
  qbank lint banks/ --deny warnings --allow difficulty-mix-off-target
  qbank lint banks/ --format github                      # annotations in GitHub Actions
  qbank lint banks/ --format sarif > qbank.sarif         # for code scanning dashboards";

pub(crate) const MUTATE: &str = "\
Examples:
  qbank mutate banks/distributed.yaml --question consistent-hashing
  qbank mutate banks/distributed.yaml --format json > mutants.json";

pub(crate) const RULES: &str = "\
Examples:
  qbank rules
  qbank rules --format markdown";

pub(crate) const RULE: &str = "\
Examples:
  qbank rule uncovered-topic
  qbank rule QB101";

pub(crate) const SCHEMA: &str = "\
Examples:
  qbank schema > bank.schema.json
  qbank schema --check bank.schema.json      # exit 1 when the copy is out of date";

pub(crate) const NEW: &str = "\
Examples:
  qbank new system-design                    # writes system-design.yaml and bank.schema.json
  qbank new caching --dir banks/caching";

pub(crate) const STATS: &str = "\
Examples:
  qbank stats banks/distributed.yaml
  qbank stats banks/distributed.yaml --json";

pub(crate) const GRADE: &str = "\
Examples:
  qbank grade banks/distributed.yaml answers.csv -o out/grade      # scores, totals, report
  qbank grade banks/distributed.yaml answers.csv --json > scores.json";

pub(crate) const CALIBRATE: &str = "\
Examples:
  qbank calibrate banks/distributed.yaml answers.csv --human-col score";

pub(crate) const EXPORT: &str = "\
Examples:
  qbank export --list
  qbank export banks/distributed.yaml --to html         # writes distributed.html
  qbank export banks/distributed.yaml --to anki --topic cdn -o cdn.apkg";

pub(crate) const COMPLETIONS: &str = "\
Examples:
  qbank completions bash > ~/.local/share/bash-completion/completions/qbank
  qbank completions zsh > ~/.zfunc/_qbank     # with fpath+=~/.zfunc before compinit
  qbank completions fish > ~/.config/fish/completions/qbank.fish";

pub(crate) const MAN: &str = "\
Examples:
  qbank man --dir ~/.local/share/man/man1     # then: man qbank, man qbank-lint
  qbank man > qbank.1                         # the main page alone";
