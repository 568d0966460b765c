//! The national-scale generator, at a small scale: its files are read the same by the
//! streaming reader and by `eml-nl`, pass the checks, are deterministic and marked
//! fictitious.

use meetel::checks::{self, CountView};
use meetel::published::{Progress, PublishedIndex};

#[path = "../../examples/generate_national/natgen.rs"]
mod natgen;
use natgen::{generate_national, NationalConfig};

fn small() -> NationalConfig {
    NationalConfig {
        stations: 24,
        municipalities: 3,
        ..NationalConfig::default()
    }
}

#[test]
fn generated_files_read_alike_pass_the_checks_and_are_marked_fictitious() {
    let dir = tempfile::tempdir().unwrap();
    let set = generate_national(dir.path(), &small()).unwrap();
    assert_eq!(set.files.len(), 3);
    assert_eq!(set.stations, 24);
    // About 135 kB per station, like the real TK2025 file (1.66 MB for 11 stations + total).
    let per_station = set.bytes / (set.stations as u64 + 3);
    assert!(
        (110_000..170_000).contains(&per_station),
        "{per_station} bytes per station"
    );

    let mut index = PublishedIndex::new();
    let errors = index.ingest_paths(&set.files, &mut Progress::quiet());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(index.stations.len(), 24);

    let report = meetel::eml::import(&set.files);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.stations().count(), 24);
    for p in report.stations() {
        let s = index.find(&p.station.id).next().unwrap();
        assert_eq!(s.counts, p.counts, "{}", p.station.id);
        let fired = checks::run(&CountView::from_published(p));
        assert!(fired.is_empty(), "{}: {:?}", p.station.id, fired);
    }
    for f in &set.files {
        let name = f.file_name().unwrap().to_string_lossy();
        assert!(name.starts_with("FICTIEF_"), "{name}");
        let head = std::fs::read(f).unwrap();
        assert!(head.starts_with(b"<!-- FICTITIOUS"));
        assert!(!head.contains(&b'\n'), "one line, like the real file");
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let sa = generate_national(a.path(), &small()).unwrap();
    let sb = generate_national(b.path(), &small()).unwrap();
    for (x, y) in sa.files.iter().zip(&sb.files) {
        assert_eq!(std::fs::read(x).unwrap(), std::fs::read(y).unwrap());
    }
    let other = tempfile::tempdir().unwrap();
    let sc = generate_national(other.path(), &NationalConfig { seed: 7, ..small() }).unwrap();
    assert_ne!(
        std::fs::read(&sa.files[0]).unwrap(),
        std::fs::read(&sc.files[0]).unwrap()
    );
}
