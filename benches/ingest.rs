//! National-scale ingest: the streaming reader (`meetel::published::stream510`) against
//! a full `eml-nl` parse of the same 510b files, and quick-xml's bare tokenizer for
//! reference (why the reader has its own tokenizer: src/published/stream510/scan.rs).
//!
//! Targets (issue 5): streaming ≥ 400 MB/s on one core, ≥ 5x `eml-nl`, peak memory
//! < 1 GB. Data: the directory in `MEETEL_BENCH_DIR` (e.g. a full set written by
//! `cargo run --release --example generate_national -- --out /tmp/national`), else a
//! reduced set generated into a temporary directory. An empty or missing
//! `MEETEL_BENCH_DIR` is first filled with the full default set (~1.4 GB; never commit
//! it). `eml-nl` and quick-xml read the first `MEETEL_BENCH_EML_FILES` files (default 12): throughput is per byte, and a full `eml-nl` pass over 1.4 GB
//! would take minutes per sample. The peak resident memory of the whole run is printed
//! at the end (VmHWM); `/usr/bin/time -v` gives the same figure from outside.
//!
//! cargo bench --bench ingest -- --warm-up-time 1 --measurement-time 3

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eml_nl::documents::EML;
use eml_nl::io::{EMLParsingMode, EMLRead};
use meetel::published::{Progress, PublishedIndex};

#[path = "../examples/generate_national/natgen.rs"]
mod natgen;
use natgen::{generate_national, NationalConfig};

fn data() -> (Vec<PathBuf>, Option<tempfile::TempDir>) {
    if let Ok(dir) = std::env::var("MEETEL_BENCH_DIR") {
        let empty = std::fs::read_dir(&dir).map_or(true, |mut d| d.next().is_none());
        if empty {
            eprintln!("generating the full national set into {dir} (about 1.4 GB) …");
            let set =
                generate_national(std::path::Path::new(&dir), &NationalConfig::default()).unwrap();
            eprintln!(
                "{} files, {} stations, {:.1} MB",
                set.files.len(),
                set.stations,
                set.bytes as f64 / 1e6
            );
        }
        let (files, errors) = meetel::published::input::walk(&[PathBuf::from(dir)]);
        assert!(errors.is_empty(), "MEETEL_BENCH_DIR: {errors:?}");
        return (files, None);
    }
    let tmp = tempfile::tempdir().unwrap();
    let cfg = NationalConfig {
        stations: 400,
        municipalities: 14,
        ..NationalConfig::default()
    };
    let set = generate_national(tmp.path(), &cfg).unwrap();
    (set.files, Some(tmp))
}

fn size(files: &[PathBuf]) -> u64 {
    files.iter().map(|f| f.metadata().unwrap().len()).sum()
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}

fn ingest(c: &mut Criterion) {
    let (files, _keep) = data();
    let k: usize = std::env::var("MEETEL_BENCH_EML_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let subset = &files[..k.min(files.len())];
    eprintln!(
        "ingest bench: {} files, {:.1} MB (eml-nl and quick-xml on {} files, {:.1} MB)",
        files.len(),
        size(&files) as f64 / 1e6,
        subset.len(),
        size(subset) as f64 / 1e6
    );

    let mut g = c.benchmark_group("ingest");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));

    g.throughput(Throughput::Bytes(size(&files)));
    g.bench_function(
        "streaming (meetel::published::stream510, with SHA-256)",
        |b| {
            b.iter(|| {
                let mut index = PublishedIndex::new();
                let errors = index.ingest_paths(&files, &mut Progress::quiet());
                assert!(errors.is_empty());
                index.stations.len()
            })
        },
    );

    g.throughput(Throughput::Bytes(size(subset)));
    g.bench_function("streaming, same files as eml-nl", |b| {
        b.iter(|| {
            let mut index = PublishedIndex::new();
            assert!(index
                .ingest_paths(subset, &mut Progress::quiet())
                .is_empty());
            index.stations.len()
        })
    });
    g.bench_function("eml-nl full parse", |b| {
        b.iter(|| {
            let mut n = 0;
            for f in subset {
                let text = std::fs::read_to_string(f).unwrap();
                match EML::parse_eml(&text, EMLParsingMode::Strict) {
                    eml_nl::io::EMLReadResult::Ok(EML::ElectionCount(doc), _) => {
                        n += doc
                            .count
                            .election
                            .contests
                            .iter()
                            .map(|c| c.reporting_unit_votes.len())
                            .sum::<usize>()
                    }
                    _ => panic!("{} did not parse as a 510", f.display()),
                }
            }
            n
        })
    });
    g.bench_function("quick-xml tokenize only", |b| {
        b.iter(|| {
            let mut events = 0usize;
            for f in subset {
                let file =
                    std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(f).unwrap());
                let mut r = quick_xml::Reader::from_reader(file);
                let mut buf = Vec::new();
                loop {
                    match r.read_event_into(&mut buf).unwrap() {
                        quick_xml::events::Event::Eof => break,
                        _ => events += 1,
                    }
                    buf.clear();
                }
            }
            events
        })
    });
    g.finish();
    eprintln!("peak resident memory of this run (VmHWM): {}", peak_rss());
}

criterion_group!(benches, ingest);
criterion_main!(benches);
