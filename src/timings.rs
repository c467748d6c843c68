//! Phase timings for benchmarks: `QBANK_TIMINGS=1 qbank …` prints how long each phase took to
//! stderr, so a slow run can be explained without a profiler (like `cargo build --timings`).

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
    start: Option<Instant>,
}

/// Starts timing `name`; cheap (no clock read) when timings are off.
pub fn phase(name: &'static str) -> Phase {
    Phase { name, start: enabled().then(Instant::now) }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            #[allow(clippy::print_stderr)] // the whole point: a developer-facing report
            {
                eprintln!(
                    "timing: {:<24} {:>8.1} ms",
                    self.name,
                    start.elapsed().as_secs_f64() * 1e3
                );
            }
        }
    }
}
