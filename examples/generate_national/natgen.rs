//! A generator of fictitious, national-scale Tweede Kamer count files (EML 510b), for
//! measuring the ingest at the size of a real election: ~10,000 stations in ~340
//! municipalities, 20 kieskringen, 27 lists, ~1,100 candidates per kieskring, ~1.4 GB.
//!
//! Every file is shaped exactly like the Kiesraad's real
//! `Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml`: the same elements in the same
//! order, on one line, with the same namespaces. What marks it as fictitious: an XML
//! comment before the root (the one place the schema allows free text without changing
//! the elements), municipality codes from 9001 (the CBS uses no such codes), the
//! municipality and station names ("Fictieve gemeente …") and the file names, which
//! start with `FICTIEF_`. The figures pass the Kiesraad's checks (A+B+C = D, the lists
//! add up to E, the candidates to their list, E+F+G = H, I and J as D and H require,
//! a difference explained), so that checks run on them report nothing.
//!
//! A developer's tool, outside the library: `examples/generate_national` (the command),
//! `benches/ingest.rs` and `tests/it/ingest_national.rs` each include this file with
//! `#[path]`.
//!
//! Deterministic: the same seed gives the same bytes. The random numbers come from a
//! hand-written SplitMix64 rather than the `rand` crate because `rand` does not promise
//! the same stream across its versions, and the files must stay the same.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NationalConfig {
    pub stations: usize,
    pub municipalities: usize,
    /// Kieskringen (contests).
    pub contests: u32,
    /// Lists nationally; each kieskring has most of them.
    pub lists: u32,
    /// Candidates per kieskring, over all its lists (approximately).
    pub candidates: usize,
    pub seed: u64,
}

impl Default for NationalConfig {
    /// The scale of a Tweede Kamer election.
    fn default() -> NationalConfig {
        NationalConfig {
            stations: 10_000,
            municipalities: 340,
            contests: 20,
            lists: 27,
            candidates: 1_100,
            seed: 2025,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedSet {
    pub files: Vec<PathBuf>,
    pub bytes: u64,
    pub stations: usize,
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast and with a fixed stream.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [lo, hi].
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % (hi - lo + 1) as u64) as u32
    }
}

/// One kieskring's ballot: per list its number and candidate count.
struct Ballot {
    contest: u32,
    lists: Vec<(u32, u32)>,
}

/// Splits `total` over `weights` in proportion, exactly (largest remainder).
fn apportion(total: u32, weights: &[f64], out: &mut Vec<u32>) {
    out.clear();
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() {
        return;
    }
    let mut given = 0u32;
    let mut rema: Vec<(f64, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = if sum > 0.0 {
            total as f64 * w / sum
        } else {
            0.0
        };
        let v = exact.floor() as u32;
        given += v;
        out.push(v);
        rema.push((exact - v as f64, i));
    }
    rema.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = total - given;
    for (_, i) in rema.iter().cycle() {
        if left == 0 {
            break;
        }
        out[*i] += 1;
        left -= 1;
    }
}

fn push_u32(buf: &mut Vec<u8>, mut v: u32) {
    let mut tmp = [0u8; 10];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[i..]);
}

fn ballots(cfg: &NationalConfig, rng: &mut Rng) -> Vec<Ballot> {
    (1..=cfg.contests)
        .map(|contest| {
            // The big lists stand everywhere; some small ones not in every kieskring.
            let numbers: Vec<u32> = (1..=cfg.lists)
                .filter(|&n| n <= 15 || rng.range(0, 9) != 0)
                .collect();
            let sizes: Vec<f64> = numbers
                .iter()
                .map(|&n| {
                    if n <= 8 {
                        50.0 + rng.unit() * 30.0
                    } else {
                        15.0 + rng.unit() * 30.0
                    }
                })
                .collect();
            let mut counts = Vec::new();
            apportion(cfg.candidates as u32, &sizes, &mut counts);
            Ballot {
                contest,
                lists: numbers
                    .into_iter()
                    .zip(counts)
                    .map(|(n, c)| (n, c.max(1)))
                    .collect(),
            }
        })
        .collect()
}

/// One station's figures, in the order of the file.
#[derive(Default, Clone)]
struct Figures {
    list_totals: Vec<u32>,
    candidates: Vec<u32>,
    /// A, B, C, D, I, J, then the five explanation codes of the real TK2025 file.
    uncounted: [u32; 11],
    e: u32,
    f: u32,
    g: u32,
    cast: u32,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        if self.list_totals.is_empty() {
            self.list_totals = vec![0; other.list_totals.len()];
            self.candidates = vec![0; other.candidates.len()];
        }
        for (a, b) in self.list_totals.iter_mut().zip(&other.list_totals) {
            *a += b;
        }
        for (a, b) in self.candidates.iter_mut().zip(&other.candidates) {
            *a += b;
        }
        for (a, b) in self.uncounted.iter_mut().zip(&other.uncounted) {
            *a += b;
        }
        self.e += other.e;
        self.f += other.f;
        self.g += other.g;
        self.cast += other.cast;
    }
}

const UNCOUNTED_CODES: [&str; 11] = [
    "geldige stempassen",
    "geldige volmachtbewijzen",
    "geldige kiezerspassen",
    "toegelaten kiezers",
    "meer getelde stembiljetten",
    "minder getelde stembiljetten",
    "meegenomen stembiljetten",
    "te weinig uitgereikte stembiljetten",
    "te veel uitgereikte stembiljetten",
    "geen verklaring",
    "andere verklaring",
];

fn station_figures(
    ballot: &Ballot,
    shares: &[f64],
    rng: &mut Rng,
    scratch: &mut (Vec<f64>, Vec<u32>),
) -> Figures {
    let eligible = rng.range(700, 2600);
    let d = (eligible as f64 * (0.68 + rng.unit() * 0.18)) as u32;
    let b = (d as f64 * (0.07 + rng.unit() * 0.05)) as u32;
    let c = (d as f64 * rng.unit() * 0.01) as u32;
    let a = d - b - c;
    let h = match rng.range(0, 99) {
        0 | 1 => d + rng.range(1, 2),
        2..=4 => d - rng.range(1, 3),
        _ => d,
    };
    let f = (h as f64 * (0.001 + rng.unit() * 0.005)) as u32;
    let g = (h as f64 * (0.001 + rng.unit() * 0.004)) as u32;
    let e = h - f - g;
    let (weights, alloc) = scratch;
    weights.clear();
    weights.extend(
        ballot
            .lists
            .iter()
            .map(|&(n, _)| shares[n as usize - 1] * (0.4 + rng.unit() * 1.2)),
    );
    apportion(e, weights, alloc);
    let list_totals = alloc.clone();
    let mut candidates = Vec::with_capacity(ballot.lists.iter().map(|l| l.1 as usize).sum());
    for (&(_, n), &total) in ballot.lists.iter().zip(&list_totals) {
        weights.clear();
        // The lijsttrekker takes most; the rest falls off with the position.
        weights.push(2.0 + rng.unit() * 4.0);
        for m in 2..=n {
            weights.push(rng.unit() / (m as f64).powf(1.3));
        }
        apportion(total, weights, alloc);
        candidates.extend_from_slice(alloc);
    }
    let (i, j) = (h.saturating_sub(d), d.saturating_sub(h));
    // A difference is explained: more ballots than voters by ballots handed out too
    // many, fewer by ballots taken away.
    let uncounted = [a, b, c, d, i, j, j, 0, i, 0, 0];
    Figures {
        list_totals,
        candidates,
        uncounted,
        e,
        f,
        g,
        cast: eligible,
    }
}

fn write_votes(buf: &mut Vec<u8>, ballot: &Ballot, names: &[String], fig: &Figures, cast: u32) {
    let mut k = 0;
    for (li, &(n, count)) in ballot.lists.iter().enumerate() {
        buf.extend_from_slice(b"<Selection><AffiliationIdentifier Id=\"");
        push_u32(buf, n);
        buf.extend_from_slice(b"\"><RegisteredName>");
        buf.extend_from_slice(names[n as usize - 1].as_bytes());
        buf.extend_from_slice(b"</RegisteredName></AffiliationIdentifier><ValidVotes>");
        push_u32(buf, fig.list_totals[li]);
        buf.extend_from_slice(b"</ValidVotes></Selection>");
        for m in 1..=count {
            buf.extend_from_slice(b"<Selection><Candidate><CandidateIdentifier Id=\"");
            push_u32(buf, m);
            buf.extend_from_slice(b"\"></CandidateIdentifier></Candidate><ValidVotes>");
            push_u32(buf, fig.candidates[k]);
            buf.extend_from_slice(b"</ValidVotes></Selection>");
            k += 1;
        }
    }
    buf.extend_from_slice(b"<Cast>");
    push_u32(buf, cast);
    buf.extend_from_slice(b"</Cast><TotalCounted>");
    push_u32(buf, fig.e);
    buf.extend_from_slice(b"</TotalCounted><RejectedVotes ReasonCode=\"ongeldig\">");
    push_u32(buf, fig.g);
    buf.extend_from_slice(b"</RejectedVotes><RejectedVotes ReasonCode=\"blanco\">");
    push_u32(buf, fig.f);
    buf.extend_from_slice(b"</RejectedVotes>");
    for (code, v) in UNCOUNTED_CODES.iter().zip(fig.uncounted) {
        buf.extend_from_slice(b"<UncountedVotes ReasonCode=\"");
        buf.extend_from_slice(code.as_bytes());
        buf.extend_from_slice(b"\">");
        push_u32(buf, v);
        buf.extend_from_slice(b"</UncountedVotes>");
    }
}

/// The file name of municipality `code`.
pub fn file_name(code: u32) -> String {
    format!("FICTIEF_Telling_TK2025_gemeente_Fictief_{code:04}.eml.xml")
}

/// Writes the whole set into `out` (created if needed): one 510b per municipality.
pub fn generate_national(out: &Path, cfg: &NationalConfig) -> io::Result<GeneratedSet> {
    if cfg.municipalities == 0
        || cfg.stations < cfg.municipalities
        || cfg.contests == 0
        || cfg.lists == 0
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "need at least one municipality, contest and list, and at least one station per municipality",
        ));
    }
    fs::create_dir_all(out)?;
    let mut rng = Rng(cfg.seed);
    let ballots = ballots(cfg, &mut rng);
    let names: Vec<String> = (1..=cfg.lists)
        .map(|n| format!("Fictieve lijst {n}"))
        .collect();
    // National shares: a few big lists, a long tail.
    let shares: Vec<f64> = (1..=cfg.lists)
        .map(|n| 1.0 / (n as f64).powf(0.9) * (0.5 + rng.unit()))
        .collect();
    // Stations per municipality: uneven, like the real country, summing exactly.
    let weights: Vec<f64> = (0..cfg.municipalities)
        .map(|_| 0.2 + rng.unit().powi(2) * 3.0)
        .collect();
    let mut per_muni = Vec::new();
    apportion(
        (cfg.stations - cfg.municipalities) as u32,
        &weights,
        &mut per_muni,
    );
    let mut set = GeneratedSet {
        files: Vec::new(),
        bytes: 0,
        stations: 0,
    };
    let mut scratch = (Vec::new(), Vec::new());
    let mut buf = Vec::with_capacity(16 << 20);
    for (mi, extra) in per_muni.iter().enumerate() {
        let code = 9001 + mi as u32;
        let ballot = &ballots[mi % ballots.len()];
        let n_stations = 1 + *extra as usize;
        let stations: Vec<Figures> = (0..n_stations)
            .map(|_| station_figures(ballot, &shares, &mut rng, &mut scratch))
            .collect();
        let mut total = Figures::default();
        for s in &stations {
            total.add(s);
        }
        buf.clear();
        write!(
            buf,
            "<!-- FICTITIOUS: generated by meetel's generate_national example (seed {seed}) to measure ingest at national scale. Not a Kiesraad file; no figure in it was ever counted. -->",
            seed = cfg.seed
        )?;
        buf.extend_from_slice(b"<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:kr=\"http://www.kiesraad.nl/extensions\" xmlns:xal=\"urn:oasis:names:tc:ciq:xsdschema:xAL:2.0\" xmlns:xnl=\"urn:oasis:names:tc:ciq:xsdschema:xNL:2.0\" Id=\"510b\" SchemaVersion=\"5\"><TransactionId>1</TransactionId><ManagingAuthority><AuthorityIdentifier Id=\"");
        write!(buf, "{code:04}\">Fictieve gemeente {code:04}</AuthorityIdentifier><AuthorityAddress></AuthorityAddress></ManagingAuthority><kr:CreationDateTime>2025-11-04T12:00:00.000</kr:CreationDateTime><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments\"></ds:CanonicalizationMethod><Count><EventIdentifier></EventIdentifier><Election><ElectionIdentifier Id=\"TK2025\"><ElectionName>Tweede Kamer der Staten-Generaal 2025</ElectionName><ElectionCategory>TK</ElectionCategory><kr:ElectionSubcategory>TK</kr:ElectionSubcategory><kr:ElectionDate>2025-10-29</kr:ElectionDate></ElectionIdentifier><Contests><Contest><ContestIdentifier Id=\"{c}\"><ContestName>Fictieve kieskring {c}</ContestName></ContestIdentifier><TotalVotes>", c = ballot.contest)?;
        write_votes(&mut buf, ballot, &names, &total, total.cast);
        buf.extend_from_slice(b"</TotalVotes>");
        for (si, s) in stations.iter().enumerate() {
            let pc = rng.range(1000, 9999);
            let letters = [b'A' + rng.range(0, 25) as u8, b'A' + rng.range(0, 25) as u8];
            write!(
                buf,
                "<ReportingUnitVotes><ReportingUnitIdentifier Id=\"{code:04}::SB{n}\">Stembureau Fictief {n} (postcode: {pc} {l0}{l1})</ReportingUnitIdentifier>",
                n = si + 1,
                l0 = letters[0] as char,
                l1 = letters[1] as char
            )?;
            // As in the real file: `Cast` is 0 (unknown) per station.
            write_votes(&mut buf, ballot, &names, s, 0);
            buf.extend_from_slice(b"</ReportingUnitVotes>");
        }
        buf.extend_from_slice(b"</Contest></Contests></Election></Count></EML>");
        let path = out.join(file_name(code));
        fs::write(&path, &buf)?;
        set.bytes += buf.len() as u64;
        set.stations += n_stations;
        set.files.push(path);
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    // Paths rather than `use super::*`: the benchmark includes this file too, built with
    // `cfg(test)` but without its `#[test]` functions, where the import would be unused.
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn apportion_is_exact(total in 0u32..100_000, w in proptest::collection::vec(0.0f64..10.0, 1..40)) {
            let mut out = Vec::new();
            super::apportion(total, &w, &mut out);
            prop_assert_eq!(out.len(), w.len());
            if w.iter().sum::<f64>() > 0.0 {
                prop_assert_eq!(out.iter().sum::<u32>(), total);
            }
        }
    }

    #[test]
    fn integers_print_like_display() {
        for v in [0, 7, 10, 99, 12345, u32::MAX] {
            let mut b = Vec::new();
            super::push_u32(&mut b, v);
            assert_eq!(String::from_utf8(b).unwrap(), v.to_string());
        }
    }
}
