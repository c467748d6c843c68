//! Output plumbing shared by commands: the color decision and atomic file writes.

use std::io::{IsTerminal, Write};
use std::path::Path;

use clap::ValueEnum;

/// When to color terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Color when writing to a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

impl ColorChoice {
    /// Decides once whether stdout output gets ANSI styles.
    pub fn for_stdout(self) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// Writes a file atomically: the bytes go to a temporary file beside `path`, which is synced and
/// renamed over `path` only when `write` succeeded. A failed run leaves the old file intact.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
    {
        let mut buffered = std::io::BufWriter::new(&mut file);
        write(&mut buffered)?;
        buffered.flush()?;
    }
    file.commit()
}
