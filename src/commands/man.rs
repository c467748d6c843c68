//! `qbank man`: manual pages in roff, generated from the clap definitions with `clap_mangen`.
//!
//! A subcommand rather than a build step, so `cargo install` users get the pages too:
//! `qbank man --dir ~/.local/share/man/man1` writes `qbank.1` and one `qbank-<sub>.1` per
//! subcommand (as git's `git-commit.1`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::CommandFactory;

use crate::ExitStatus;
use crate::cli::Cli;
use crate::output::write_atomic;

/// Arguments of `qbank man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write every page into this folder (created when missing) instead of printing `qbank.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints the main page, or writes all pages into `--dir` and names them.
pub fn run(args: &Args, stdout: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let Some(dir) = &args.dir else {
        clap_mangen::Man::new(Cli::command()).render(stdout)?;
        return Ok(ExitStatus::Success);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let pages = pages();
    for page in &pages {
        let path = dir.join(page.get_filename());
        write(page, &path).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    writeln!(stdout, "wrote {} manual pages to {}", pages.len(), dir.display())?;
    Ok(ExitStatus::Success)
}

/// The main page and one per visible subcommand, named `qbank-<sub>` (clap gives each built
/// subcommand that display name). `help` is left out: `qbank help X` is `qbank X --help`.
fn pages() -> Vec<clap_mangen::Man> {
    let mut command = Cli::command();
    command.build();
    let subs = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| clap_mangen::Man::new(s.clone()));
    std::iter::once(clap_mangen::Man::new(command.clone())).chain(subs).collect()
}

/// Renders one page into a file, atomically.
fn write(page: &clap_mangen::Man, path: &Path) -> std::io::Result<()> {
    let mut roff = Vec::new();
    page.render(&mut roff)?;
    write_atomic(path, |w| w.write_all(&roff))
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_page_per_subcommand_named_like_git_s() {
        let names: Vec<String> =
            super::pages().iter().map(clap_mangen::Man::get_filename).collect();
        assert_eq!(names.first().map(String::as_str), Some("qbank.1"));
        assert!(names.contains(&"qbank-lint.1".to_owned()), "{names:?}");
        assert!(names.contains(&"qbank-man.1".to_owned()), "{names:?}");
        assert!(!names.iter().any(|n| n == "qbank-help.1"), "{names:?}");
    }
}
