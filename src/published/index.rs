//! The comparison index: every published station read, by id, with the files they came
//! from and their fingerprints.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::error::ImportError;
use super::file::PublishedFile;
use super::progress::Progress;
use super::station::{PublishedCount, PublishedStation};
use super::stream510;
use crate::election::StationId;

/// Every published station read, by id.
#[derive(Debug, Clone, Default)]
pub struct PublishedIndex {
    pub files: Vec<PublishedFile>,
    /// File after file, each in its file's order.
    pub stations: Vec<PublishedStation>,
    by_id: HashMap<StationId, Vec<u32>>,
}

impl PublishedIndex {
    pub fn new() -> PublishedIndex {
        PublishedIndex::default()
    }

    /// The stations published under `id`, in the order their files were read.
    pub fn find(&self, id: &StationId) -> impl Iterator<Item = &PublishedStation> {
        self.by_id
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.stations[i as usize])
    }

    /// The file a station of this index came from.
    pub fn file_of(&self, station: &PublishedStation) -> Option<&PublishedFile> {
        self.files.iter().find(|f| f.info.source == station.source)
    }

    fn push_station(&mut self, station: PublishedStation) {
        self.by_id
            .entry(station.station.id.clone())
            .or_default()
            .push(self.stations.len() as u32);
        self.stations.push(station);
    }

    /// Adds a count file read whole (by the `eml-nl` reader, the CSV reader, or a PV
    /// typed over into meetel).
    pub fn add(&mut self, count: PublishedCount) {
        let mut file = count.file;
        file.stations = count.stations.len();
        self.files.push(file);
        for s in count.stations {
            self.push_station(s);
        }
    }

    /// Streams one 510 file into the index. All or nothing: a file with an error adds
    /// no station.
    pub fn ingest_file(
        &mut self,
        path: &Path,
        progress: &mut Progress,
    ) -> Result<usize, ImportError> {
        let before = self.stations.len();
        let stations = &mut self.stations;
        let shared = std::cell::RefCell::new(&mut *progress);
        let result = stream510::read_file(
            path,
            &mut |s| {
                stations.push(s);
                shared.borrow_mut().station();
            },
            &mut |bytes| shared.borrow_mut().bytes_in_file(bytes),
        );
        progress.file_done();
        let file = match result {
            Ok(file) => file,
            Err(e) => {
                self.stations.truncate(before);
                return Err(e);
            }
        };
        for (i, s) in self.stations[before..].iter_mut().enumerate() {
            // The fingerprint is known only once the whole file has been read.
            s.source = file.info.source.clone();
            self.by_id
                .entry(s.station.id.clone())
                .or_default()
                .push((before + i) as u32);
        }
        self.files.push(file);
        Ok(self.stations.len() - before)
    }

    /// Streams every 510 file of `files`. Returns the files that could not be read;
    /// the others are in the index.
    pub fn ingest_paths(&mut self, files: &[PathBuf], progress: &mut Progress) -> Vec<ImportError> {
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
}
