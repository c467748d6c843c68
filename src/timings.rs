//! Phase timings for benchmarks: `QBANK_TIMINGS=1 qbank …` prints how long each phase took to
//! stderr, so a slow run can be explained without a profiler (like `cargo build --timings`): its
//! wall time, how many cores were busy on average, and the memory resident at its end.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("QBANK_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// A running phase; when dropped it reports its name and duration (if timings are on).
#[derive(Debug)]
pub struct Phase {
    name: &'static str,
    start: Option<(Instant, Option<u64>)>,
}

/// Starts timing `name`; cheap (no clock read) when timings are off.
pub fn phase(name: &'static str) -> Phase {
    Phase { name, start: enabled().then(|| (Instant::now(), cpu_ns())) }
}

/// Nanoseconds that the process's live threads have spent on a CPU (Linux `schedstat`), so a
/// phase can show how many cores it kept busy; `None` elsewhere. Threads that ended during a
/// phase are not counted.
fn cpu_ns() -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// The process's resident memory at the end of a phase (Linux `statm`, assuming 4 KiB pages),
/// which shows where memory is first touched; empty elsewhere.
fn resident() -> String {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()));
    pages.map_or_else(String::new, |p| format!("  {} MiB resident", p * 4096 / 1_048_576))
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some((start, cpu)) = self.start {
            let wall = start.elapsed().as_secs_f64() * 1e3;
            let cores = match (cpu, cpu_ns()) {
                (Some(before), Some(after)) if wall > 0.0 => {
                    format!("  {:.2} cores", after.saturating_sub(before) as f64 / 1e6 / wall)
                }
                _ => String::new(),
            };
            #[allow(clippy::print_stderr)] // the whole point: a developer-facing report
            {
                eprintln!("timing: {:<24} {wall:>8.1} ms{cores}{}", self.name, resident());
            }
        }
    }
}
