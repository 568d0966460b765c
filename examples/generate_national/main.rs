//! Writes fictitious, national-scale EML 510b files, for measuring the import at the
//! size of a real Tweede Kamer election (`benches/ingest.rs`, `meetel ingest`):
//!
//! ```text
//! cargo run --release --example generate_national -- --out /tmp/national [--stations N] [--seed S]
//! ```
//!
//! A developer's tool, not the observer's: it is an example, so that the `meetel` binary
//! and the library do not carry it. The generator itself (`natgen.rs`) is shared with
//! the benchmark and the tests.

mod natgen;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use natgen::{generate_national, NationalConfig};

/// Write fictitious, national-scale EML 510b files, for benchmarks of the import.
#[derive(Debug, Parser)]
#[command(name = "generate_national")]
struct Args {
    /// Directory to write the files to.
    #[arg(long)]
    out: PathBuf,
    /// Number of polling stations in all (about 10,000 for a real Tweede Kamer election).
    #[arg(long, default_value_t = 10_000)]
    stations: u32,
    /// Random seed.
    #[arg(long, default_value_t = 2025)]
    seed: u64,
}

fn main() -> ExitCode {
    let a = Args::parse();
    let defaults = NationalConfig::default();
    let stations = a.stations as usize;
    // Keep the national ratio of ~29 stations per municipality for smaller sets.
    let municipalities =
        (stations * defaults.municipalities / defaults.stations).clamp(1, defaults.municipalities);
    let cfg = NationalConfig {
        stations,
        municipalities,
        seed: a.seed,
        ..defaults
    };
    let started = Instant::now();
    match generate_national(&a.out, &cfg) {
        Ok(set) => {
            println!(
                "wrote {} fictitious 510b files ({} stations, {:.1} MB) to {} in {:.1} s",
                set.files.len(),
                set.stations,
                set.bytes as f64 / 1e6,
                a.out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate_national: {}: {e}", a.out.display());
            ExitCode::from(2)
        }
    }
}
