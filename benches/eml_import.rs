//! The reference (eml-nl based) import of the real TK2025 West Maas en Waal files: the
//! 510b (1.6 MB, 11 stations, ~1,100 candidates) and its osv4-3 CSV.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use meetel::published::InputFile;

fn fixture(rel: &str) -> InputFile {
    InputFile::read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
    )
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let eml = fixture("tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml");
    let csv = fixture("tk2025/osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv");
    let mut g = c.benchmark_group("eml_import");
    g.throughput(Throughput::Bytes(eml.bytes.len() as u64));
    g.bench_function("510b_tk2025_eml_nl", |b| {
        b.iter(|| meetel::published::eml510::read(&eml).unwrap())
    });
    g.throughput(Throughput::Bytes(csv.bytes.len() as u64));
    g.bench_function("osv4-3_tk2025", |b| {
        b.iter(|| meetel::published::osv::read_input(&csv).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
