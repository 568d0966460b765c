//! The comparison index: every published station's figures in compact form, with the
//! file each came from.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::election::{Election, PollingStation, StationId};
use crate::form::SourceFile;
use crate::published::PublishedStation;
use crate::sheet::{Explanation, FieldKey, PvField};

use super::count::{read_count_file, CountFile};
use super::progress::Progress;
use super::IngestError;

/// One list's total and where its candidates are in [`IndexedStation::candidates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListVotes {
    /// List number (lijstnummer).
    pub number: u32,
    /// E.n; `None` when the file gives the list without a total.
    pub total: Option<u32>,
    /// Index of the list's first candidate in `candidates`.
    pub first: u32,
    /// How many candidates follow.
    pub len: u32,
}

/// One published station's figures. A count the file does not give is `None`, never 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedStation {
    pub id: StationId,
    /// The station's name as published (with its postcode, as the Kiesraad writes it).
    pub name: String,
    /// Index of its file in [`PublishedIndex::files`].
    pub file: u32,
    /// A–J, indexed by `PvField as usize`.
    pub pv: [Option<u32>; 10],
    /// The explanation counts, indexed by `Explanation as usize`.
    pub explanations: [Option<u32>; 8],
    pub lists: Vec<ListVotes>,
    /// (candidate number, votes), list after list.
    pub candidates: Vec<(u32, u32)>,
}

impl IndexedStation {
    pub(crate) fn empty() -> IndexedStation {
        IndexedStation {
            id: StationId::new("", 0),
            name: String::new(),
            file: 0,
            pv: [None; 10],
            explanations: [None; 8],
            lists: Vec::new(),
            candidates: Vec::new(),
        }
    }

    pub(crate) fn clear(&mut self) {
        self.id = StationId::new("", 0);
        self.name.clear();
        self.pv = [None; 10];
        self.explanations = [None; 8];
        self.lists.clear();
        self.candidates.clear();
    }

    fn list(&self, n: u32) -> Option<&ListVotes> {
        self.lists.iter().find(|l| l.number == n)
    }

    /// The candidates of list `n`: (candidate number, votes).
    pub fn list_candidates(&self, n: u32) -> &[(u32, u32)] {
        match self.list(n) {
            Some(l) => &self.candidates[l.first as usize..(l.first + l.len) as usize],
            None => &[],
        }
    }

    /// The published value of a field. `E.n.total` (the list total on the candidate
    /// page) is the list total: the files carry one total per list.
    pub fn value(&self, field: FieldKey) -> Option<u32> {
        match field {
            FieldKey::Pv(p) => self.pv[p as usize],
            FieldKey::List(n) | FieldKey::ListPage(n) => self.list(n).and_then(|l| l.total),
            FieldKey::Candidate { list, candidate } => self
                .list_candidates(list)
                .iter()
                .find(|(c, _)| *c == candidate)
                .map(|&(_, v)| v),
            FieldKey::Explanation(x) => self.explanations[x as usize],
        }
    }

    /// Every field the file gives, in key order.
    pub fn counts(&self) -> BTreeMap<FieldKey, u32> {
        let mut out = BTreeMap::new();
        for p in PvField::ALL {
            if let Some(v) = self.pv[p as usize] {
                out.insert(FieldKey::Pv(p), v);
            }
        }
        for x in Explanation::ALL {
            if let Some(v) = self.explanations[x as usize] {
                out.insert(FieldKey::Explanation(x), v);
            }
        }
        for l in &self.lists {
            if let Some(t) = l.total {
                out.insert(FieldKey::List(l.number), t);
            }
            for &(c, v) in self.list_candidates(l.number) {
                out.insert(
                    FieldKey::Candidate {
                        list: l.number,
                        candidate: c,
                    },
                    v,
                );
            }
        }
        out
    }

    /// Builds the compact form from a published station's counts (as the `eml-nl`
    /// import gives them). `E.n.total` entries are folded into the list total when the
    /// list has none.
    pub fn from_counts(
        id: StationId,
        name: String,
        file: u32,
        counts: &BTreeMap<FieldKey, u32>,
    ) -> IndexedStation {
        let mut s = IndexedStation::empty();
        s.id = id;
        s.name = name;
        s.file = file;
        /// A list's total and its (candidate, votes).
        type Gathered = (Option<u32>, Vec<(u32, u32)>);
        let mut lists: BTreeMap<u32, Gathered> = BTreeMap::new();
        for (&k, &v) in counts {
            match k {
                FieldKey::Pv(p) => s.pv[p as usize] = Some(v),
                FieldKey::Explanation(x) => s.explanations[x as usize] = Some(v),
                FieldKey::List(n) => lists.entry(n).or_default().0 = Some(v),
                FieldKey::ListPage(n) => {
                    let e = lists.entry(n).or_default();
                    e.0.get_or_insert(v);
                }
                FieldKey::Candidate { list, candidate } => {
                    lists.entry(list).or_default().1.push((candidate, v))
                }
            }
        }
        for (number, (total, cands)) in lists {
            s.lists.push(ListVotes {
                number,
                total,
                first: s.candidates.len() as u32,
                len: cands.len() as u32,
            });
            s.candidates.extend(cands);
        }
        s
    }

    /// The station as a [`PublishedStation`], e.g. to run the F./W. checks on it.
    pub fn to_published(&self, file: &PublishedFile) -> PublishedStation {
        let mut station = PollingStation::bare(self.id.clone());
        station.name = self.name.clone();
        station.municipality_name = file.authority_name.clone().unwrap_or_default();
        PublishedStation {
            election: file.election(),
            station,
            counts: self.counts(),
            source: SourceFile {
                name: file.name.clone(),
                sha256: file.sha256.clone(),
            },
        }
    }
}

/// A published file the index read, with its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedFile {
    pub path: PathBuf,
    /// The file name, as shown to the user.
    pub name: String,
    pub count: CountFile,
}

impl PublishedFile {
    pub fn sha256(&self) -> &str {
        &self.count.sha256
    }

    pub fn election(&self) -> Election {
        let c = &self.count;
        Election {
            id: c.election_id.clone(),
            category: c.category.unwrap_or(crate::election::ElectionCategory::TK),
            name: c.election_name.clone(),
            date: c.date.clone(),
            contest: c.contest_id.clone().map(|id| crate::election::Contest {
                id,
                name: c.contest_name.clone().unwrap_or_default(),
            }),
        }
    }
}

impl std::ops::Deref for PublishedFile {
    type Target = CountFile;
    fn deref(&self) -> &CountFile {
        &self.count
    }
}

/// Every published station read, by id.
#[derive(Debug, Clone, Default)]
pub struct PublishedIndex {
    pub files: Vec<PublishedFile>,
    pub stations: Vec<IndexedStation>,
    by_id: HashMap<StationId, Vec<u32>>,
}

/// Whether `path` holds an EML 510 count, from its first kilobytes.
pub fn is_count_file(path: &Path) -> bool {
    let mut head = [0u8; 4096];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    let head = &head[..n];
    memchr::memmem::find(head, b"Id=\"510").is_some()
        && memchr::memmem::find(head, b"<EML").is_some()
}

/// The files under `paths`: a file as given, a directory walked (sorted, so the order
/// is the same on every run).
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir).map_err(|e| IngestError {
                    file: dir.clone(),
                    offset: None,
                    message: format!("cannot read the directory: {e}"),
                })?;
                let mut items: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                items.sort();
                for item in items.into_iter().rev() {
                    if item.is_dir() {
                        stack.push(item);
                    } else {
                        out.push(item);
                    }
                }
            }
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(IngestError {
                file: p.clone(),
                offset: None,
                message: "no such file or directory".into(),
            });
        }
    }
    Ok(out)
}

impl PublishedIndex {
    pub fn new() -> PublishedIndex {
        PublishedIndex::default()
    }

    /// The stations published under `id`, in the order their files were read.
    pub fn find(&self, id: &StationId) -> impl Iterator<Item = &IndexedStation> {
        self.by_id
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.stations[i as usize])
    }

    pub fn file_of(&self, station: &IndexedStation) -> &PublishedFile {
        &self.files[station.file as usize]
    }

    /// Streams one 510 file into the index. All or nothing: a file with an error adds
    /// no station.
    pub fn ingest_file(
        &mut self,
        path: &Path,
        progress: &mut Progress,
    ) -> Result<usize, IngestError> {
        let file_no = self.files.len() as u32;
        let before = self.stations.len();
        let stations = &mut self.stations;
        let shared = std::cell::RefCell::new(&mut *progress);
        let result = read_count_file(
            path,
            &mut |mut s| {
                s.file = file_no;
                stations.push(s);
                shared.borrow_mut().station();
            },
            &mut |bytes| shared.borrow_mut().bytes_in_file(bytes),
        );
        progress.file_done();
        match result {
            Ok(count) => {
                for (i, s) in self.stations[before..].iter().enumerate() {
                    self.by_id
                        .entry(s.id.clone())
                        .or_default()
                        .push((before + i) as u32);
                }
                self.files.push(PublishedFile {
                    path: path.to_path_buf(),
                    name: path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    count,
                });
                Ok(self.stations.len() - before)
            }
            Err(e) => {
                self.stations.truncate(before);
                Err(e)
            }
        }
    }

    /// Streams every 510 file under `paths` (files or directories). Returns the files
    /// that could not be read; the others are in the index.
    pub fn ingest_paths(&mut self, files: &[PathBuf], progress: &mut Progress) -> Vec<IngestError> {
        let total: u64 = files
            .iter()
            .filter_map(|f| f.metadata().ok())
            .map(|m| m.len())
            .sum();
        progress.start(files.len(), total);
        let mut errors = Vec::new();
        for f in files {
            if let Err(e) = self.ingest_file(f, progress) {
                errors.push(e);
            }
        }
        progress.finish();
        errors
    }

    /// Adds stations read by the `eml-nl` import ([`crate::eml`]); one
    /// [`PublishedFile`] per source file (by fingerprint).
    pub fn add_published(&mut self, stations: &[PublishedStation]) {
        let mut file_of: HashMap<(String, String), u32> = HashMap::new();
        let mut seen: HashSet<(u32, StationId)> = HashSet::new();
        for p in stations {
            let key = (p.source.name.clone(), p.source.sha256.clone());
            let file = *file_of.entry(key).or_insert_with(|| {
                let e = &p.election;
                self.files.push(PublishedFile {
                    path: PathBuf::from(&p.source.name),
                    name: p.source.name.clone(),
                    count: CountFile {
                        kind: String::new(),
                        election_id: e.id.clone(),
                        election_name: e.name.clone(),
                        category_code: e.category.code().to_string(),
                        category: Some(e.category),
                        date: e.date.clone(),
                        contest_id: e.contest.as_ref().map(|c| c.id.clone()),
                        contest_name: e.contest.as_ref().map(|c| c.name.clone()),
                        authority_id: Some(p.station.id.municipality.clone()),
                        authority_name: Some(p.station.municipality_name.clone()),
                        sha256: p.source.sha256.clone(),
                        bytes: 0,
                        stations: 0,
                        list_names: BTreeMap::new(),
                    },
                });
                (self.files.len() - 1) as u32
            });
            if !seen.insert((file, p.station.id.clone())) {
                continue;
            }
            self.files[file as usize].count.stations += 1;
            let s = IndexedStation::from_counts(
                p.station.id.clone(),
                p.station.name.clone(),
                file,
                &p.counts,
            );
            self.by_id
                .entry(s.id.clone())
                .or_default()
                .push(self.stations.len() as u32);
            self.stations.push(s);
        }
    }
}
