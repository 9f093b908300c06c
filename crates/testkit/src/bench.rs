//! Clocks and memory for the benches. On a shared machine wall time counts
//! the neighbours' turns too, so rates are given per second of the
//! measuring thread's own CPU time (Linux `/proc`), wall time beside.

use std::time::{Duration, Instant};

/// Started on both clocks at once.
pub struct Stopwatch {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Stopwatch {
    pub fn start() -> Self {
        Stopwatch {
            cpu: thread_cpu(),
            wall: Instant::now(),
        }
    }

    /// Wall-clock seconds since the start.
    pub fn wall_secs(&self) -> f64 {
        self.wall.elapsed().as_secs_f64()
    }

    /// This thread's CPU seconds since the start, where the OS says.
    pub fn cpu_secs(&self) -> Option<f64> {
        let (from, to) = (self.cpu?, thread_cpu()?);
        (to > from).then(|| (to - from).as_secs_f64())
    }

    /// CPU seconds where known, else wall seconds.
    pub fn secs(&self) -> f64 {
        self.cpu_secs().unwrap_or_else(|| self.wall_secs())
    }
}

/// CPU time this thread has used (`/proc/thread-self/schedstat`).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Resident memory now, in MB (`VmRSS`).
pub fn rss_mb() -> Option<f64> {
    status_kb("VmRSS:").map(|kb| kb as f64 / 1024.0)
}

/// The most resident memory so far, in MB (`VmHWM`).
pub fn peak_rss_mb() -> Option<f64> {
    status_kb("VmHWM:").map(|kb| kb as f64 / 1024.0)
}

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
