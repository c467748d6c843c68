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

/// The file a chain of symbolic links at `path` names (`path` itself when it is no link): an
/// output through a link replaces the file, not the link. A loop is an error, as the system's
/// own "too many levels of symbolic links".
pub fn link_target(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&target)?;
                target = target.parent().map_or_else(|| link.clone(), |dir| dir.join(&link));
            }
            _ => return Ok(target),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Writes a file atomically: the bytes go to a temporary file beside `path`, which is synced and
/// renamed over `path` only when `write` succeeded. A failed run leaves the old file intact.
///
/// The rename replaces what is at `path`, so two cases are written through instead: a symbolic
/// link gets its target replaced (the link stays, as `cp` and editors do), and a device, FIFO or
/// socket (`-o /dev/null`, `-o /dev/stdout`) is simply written to, never replaced by a file.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // `/dev/null`, `/dev/stdout` (a pipe, through `/proc`), a FIFO: written to, never replaced.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
        let mut buffered = std::io::BufWriter::new(&mut file);
        write(&mut buffered)?;
        return buffered.flush();
    }
    let target = link_target(path)?;
    let mut file = atomic_write_file::AtomicWriteFile::open(&target)?;
    {
        let mut buffered = std::io::BufWriter::new(&mut file);
        write(&mut buffered)?;
        buffered.flush()?;
    }
    file.commit()
}
