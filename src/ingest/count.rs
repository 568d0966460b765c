//! Reads an EML 510 count (510a/b/c/d) as a stream, station by station.
//!
//! The structure followed (DESIGN.md §3): `EML Id="510b"` › `Count` › `Election`
//! (`ElectionIdentifier Id`, name, category, `kr:ElectionDate`) › `Contests` ›
//! `Contest` (`ContestIdentifier`) › `TotalVotes` (the municipality, skipped) and one
//! `ReportingUnitVotes` per station. Inside a station, in order: `Selection`s (an
//! `AffiliationIdentifier` selection is the list total E.n; the `Candidate` selections
//! after it belong to that list), `Cast` (eligible voters, *not* votes: ignored),
//! `TotalCounted` (E), `RejectedVotes` (G "ongeldig", F "blanco"), `UncountedVotes`
//! (A, B, C, D, I, J and the explanation counts). H is not in the file: it is E+F+G.
//! Elements in another namespace (`kr:ReportingUnitInvestigations`, `kr:Initial…`)
//! are skipped with their content: they hold values before correction, not the result.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::election::{ElectionCategory, StationId};
use crate::hash::kiesraad_notation;
use crate::sheet::{Explanation, PvField};

use super::index::{IndexedStation, ListVotes};
use super::scan::{attr, decode_text, parse_count, ScanError, Scanner, Token};
use super::IngestError;

const NS_EML: &[u8] = b"urn:oasis:names:tc:evs:schema:eml";

/// What a count file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CountFile {
    /// The EML document type, e.g. `510b`.
    pub kind: String,
    pub election_id: String,
    pub election_name: String,
    /// `ElectionCategory` as written (e.g. `TK`), parsed when known.
    pub category_code: String,
    pub category: Option<ElectionCategory>,
    /// `kr:ElectionDate`, `YYYY-MM-DD`.
    pub date: String,
    pub contest_id: Option<String>,
    pub contest_name: Option<String>,
    /// `ManagingAuthority/AuthorityIdentifier`: for a 510b the municipality.
    pub authority_id: Option<String>,
    pub authority_name: Option<String>,
    /// SHA-256 of the file in the Kiesraad's notation.
    pub sha256: String,
    pub bytes: u64,
    pub stations: usize,
    /// List names (`RegisteredName`) by list number.
    pub list_names: BTreeMap<u32, String>,
}

/// Which text the reader waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Nothing,
    ElectionName,
    ElectionCategory,
    ElectionDate,
    ContestName,
    AuthorityName,
    StationName,
    ListName(u32),
    ValidVotes,
    Pv(PvField),
    Explanation(Explanation),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Selected {
    Nothing,
    List,
    Candidate(u32),
}

/// Reads one count file from disk; see [`read_count`].
pub fn read_count_file(
    path: &Path,
    sink: &mut dyn FnMut(IndexedStation),
    on_bytes: &mut dyn FnMut(u64),
) -> Result<CountFile, IngestError> {
    let file = File::open(path).map_err(|e| IngestError {
        file: path.to_path_buf(),
        offset: None,
        message: format!("cannot open: {e}"),
    })?;
    read_count(path, file, sink, on_bytes)
}

/// Streams a 510 count from `src`, handing each station to `sink` as soon as its
/// `ReportingUnitVotes` closes (with `file` left 0 for the caller to set). `on_bytes`
/// hears how many bytes were read so far, for a progress bar. Memory stays bounded by
/// one station, whatever the size of the file.
pub fn read_count(
    path: &Path,
    src: impl Read,
    sink: &mut dyn FnMut(IndexedStation),
    on_bytes: &mut dyn FnMut(u64),
) -> Result<CountFile, IngestError> {
    let mut reader = Reader {
        meta: CountFile::default(),
        in_station: false,
        station: IndexedStation::empty(),
        expect: Expect::Nothing,
        selected: Selected::Nothing,
        skip_depth: 0,
        seen: HashMap::new(),
        station_offset: 0,
        current_list: 0,
        station_depth: 0,
    };
    let mut scanner = Scanner::new(src);
    let mut reported = 0u64;
    let result = loop {
        if reader.in_station && reader.skip_depth == 0 && scanner.depth() == reader.station_depth {
            let mut failed = None;
            while let Some((candidate, votes)) = scanner.fast_candidate() {
                if let Err(message) = reader.candidate(candidate, votes) {
                    failed = Some(ScanError::new(scanner.token_offset(), message));
                    break;
                }
            }
            if let Some(e) = failed {
                break Err(e);
            }
        }
        let (at, token) = match scanner.next_token() {
            Ok(t) => t,
            Err(e) => break Err(e),
        };
        if matches!(token, Token::Eof) {
            break Ok(());
        }
        if let Err(message) = reader.on_token(token, at, sink) {
            break Err(ScanError::new(at, message));
        }
        if reader.in_station && reader.station_depth == 0 {
            // Just opened <ReportingUnitVotes>: its children are one level deeper.
            reader.station_depth = scanner.depth();
        }
        let read = scanner.bytes_read();
        if read >= reported + (1 << 22) {
            reported = read;
            on_bytes(read);
        }
    };
    let bytes = scanner.bytes_read();
    on_bytes(bytes);
    result.map_err(|e| IngestError {
        file: path.to_path_buf(),
        offset: Some(e.offset),
        message: e.message,
    })?;
    if reader.meta.kind.is_empty() {
        return Err(IngestError {
            file: path.to_path_buf(),
            offset: None,
            message: "not an EML document (no <EML> root)".into(),
        });
    }
    let mut meta = reader.meta;
    meta.sha256 = kiesraad_notation(&scanner.finish_hash());
    meta.bytes = bytes;
    Ok(meta)
}

struct Reader {
    meta: CountFile,
    in_station: bool,
    station: IndexedStation,
    expect: Expect,
    selected: Selected,
    skip_depth: usize,
    /// Each station read so far, with the byte offset of its `ReportingUnitVotes`.
    seen: HashMap<StationId, u64>,
    station_offset: u64,
    /// The list of the last `AffiliationIdentifier`, for its `RegisteredName`.
    current_list: u32,
    /// Scanner depth inside the current `ReportingUnitVotes` (0 outside one).
    station_depth: usize,
}

fn id_attr(attrs: &[u8], element: &str) -> Result<String, String> {
    let raw = attr(attrs, b"Id")?.ok_or_else(|| format!("<{element}> has no Id attribute"))?;
    decode_text(raw)
}

fn number_attr(attrs: &[u8], element: &str) -> Result<u32, String> {
    let raw = attr(attrs, b"Id")?.ok_or_else(|| format!("<{element}> has no Id attribute"))?;
    parse_count(raw).map_err(|e| format!("<{element} Id>: {e}"))
}

fn rejected_field(code: &[u8]) -> Option<PvField> {
    match code {
        b"ongeldig" => Some(PvField::G),
        b"blanco" => Some(PvField::F),
        _ => None,
    }
}

fn uncounted_field(code: &[u8]) -> Option<Expect> {
    Some(match code {
        b"geldige stempassen" => Expect::Pv(PvField::A),
        b"geldige volmachtbewijzen" => Expect::Pv(PvField::B),
        b"geldige kiezerspassen" => Expect::Pv(PvField::C),
        b"toegelaten kiezers" => Expect::Pv(PvField::D),
        b"meer getelde stembiljetten" => Expect::Pv(PvField::I),
        b"minder getelde stembiljetten" => Expect::Pv(PvField::J),
        _ => {
            let x = Explanation::ALL
                .into_iter()
                .find(|x| x.eml_reason_code().as_bytes() == code)?;
            Expect::Explanation(x)
        }
    })
}

impl Reader {
    fn on_token(
        &mut self,
        token: Token<'_>,
        at: u64,
        sink: &mut dyn FnMut(IndexedStation),
    ) -> Result<(), String> {
        match token {
            Token::Start { name, attrs, empty } => {
                if self.skip_depth > 0 {
                    if !empty {
                        self.skip_depth += 1;
                    }
                    return Ok(());
                }
                self.start(name, attrs, at)?;
                if empty {
                    self.end(name, sink)?;
                }
            }
            Token::End { name } => {
                if self.skip_depth > 0 {
                    self.skip_depth -= 1;
                    return Ok(());
                }
                self.end(name, sink)?;
            }
            Token::Text(text) => {
                if self.skip_depth == 0 && self.expect != Expect::Nothing {
                    self.text(text)?;
                }
            }
            Token::Eof => {}
        }
        Ok(())
    }

    fn start(&mut self, name: &[u8], attrs: &[u8], at: u64) -> Result<(), String> {
        match name {
            b"Selection" => self.selected = Selected::Nothing,
            b"Candidate" => {}
            b"CandidateIdentifier" => {
                self.selected = Selected::Candidate(number_attr(attrs, "CandidateIdentifier")?);
            }
            b"ValidVotes" => self.expect = Expect::ValidVotes,
            b"AffiliationIdentifier" => {
                let number = number_attr(attrs, "AffiliationIdentifier")?;
                self.selected = Selected::List;
                if self.in_station {
                    let first = self.station.candidates.len() as u32;
                    self.station.lists.push(ListVotes {
                        number,
                        total: None,
                        first,
                        len: 0,
                    });
                }
                self.current_list = number;
            }
            b"RegisteredName" => {
                if !self.meta.list_names.contains_key(&self.current_list) {
                    self.expect = Expect::ListName(self.current_list);
                }
            }
            b"TotalCounted" => self.expect = Expect::Pv(PvField::E),
            b"RejectedVotes" => {
                let code = attr(attrs, b"ReasonCode")?.unwrap_or_default();
                let field = rejected_field(code).ok_or_else(|| {
                    format!(
                        "<RejectedVotes ReasonCode=\"{}\">: expected \"ongeldig\" or \"blanco\"",
                        String::from_utf8_lossy(code)
                    )
                })?;
                self.expect = Expect::Pv(field);
            }
            b"UncountedVotes" => {
                let code = attr(attrs, b"ReasonCode")?.unwrap_or_default();
                self.expect = uncounted_field(code).ok_or_else(|| {
                    format!(
                        "<UncountedVotes ReasonCode=\"{}\"> is not a reason code of EML_NL",
                        String::from_utf8_lossy(code)
                    )
                })?;
            }
            b"Cast" => {}
            b"ReportingUnitVotes" => {
                self.in_station = true;
                self.station_offset = at;
                self.station.clear();
            }
            b"ReportingUnitIdentifier" => {
                if self.in_station {
                    let id = id_attr(attrs, "ReportingUnitIdentifier")?;
                    self.station.id = id
                        .parse()
                        .map_err(|e| format!("<ReportingUnitIdentifier>: {e}"))?;
                    self.expect = Expect::StationName;
                }
            }
            b"ElectionIdentifier" => self.meta.election_id = id_attr(attrs, "ElectionIdentifier")?,
            b"ElectionName" => self.expect = Expect::ElectionName,
            b"ElectionCategory" => self.expect = Expect::ElectionCategory,
            b"kr:ElectionDate" => self.expect = Expect::ElectionDate,
            b"ContestIdentifier" => {
                self.meta.contest_id = Some(id_attr(attrs, "ContestIdentifier")?);
            }
            b"ContestName" => self.expect = Expect::ContestName,
            b"AuthorityIdentifier" => {
                self.meta.authority_id = Some(id_attr(attrs, "AuthorityIdentifier")?);
                self.expect = Expect::AuthorityName;
            }
            b"EML" => self.root(attrs, at)?,
            _ => {
                if self.meta.kind.is_empty() {
                    return Err(format!(
                        "the root element is <{}>, expected <EML> in namespace {}",
                        String::from_utf8_lossy(name),
                        String::from_utf8_lossy(NS_EML)
                    ));
                }
                if name.contains(&b':') {
                    // A foreign element and all it holds (see the module docs).
                    self.skip_depth = 1;
                }
            }
        }
        Ok(())
    }

    fn root(&mut self, attrs: &[u8], _at: u64) -> Result<(), String> {
        if !self.meta.kind.is_empty() {
            return Err("a nested <EML> element".into());
        }
        let ns = attr(attrs, b"xmlns")?.unwrap_or_default();
        if ns != NS_EML {
            return Err(format!(
                "<EML> is in namespace `{}`, expected `{}` (as the Kiesraad writes it, with that as the default namespace)",
                String::from_utf8_lossy(ns),
                String::from_utf8_lossy(NS_EML)
            ));
        }
        let kind = id_attr(attrs, "EML")?;
        if !kind.starts_with("510") {
            return Err(format!(
                "this is an EML {kind} document, not a 510 count (510a/b/c/d); counts per station are only in 510 files"
            ));
        }
        self.meta.kind = kind;
        Ok(())
    }

    fn text(&mut self, raw: &[u8]) -> Result<(), String> {
        let expect = std::mem::replace(&mut self.expect, Expect::Nothing);
        match expect {
            Expect::Nothing => {}
            Expect::ValidVotes => {
                if !self.in_station {
                    return Ok(());
                }
                let v = parse_count(raw).map_err(|e| format!("<ValidVotes>: {e}"))?;
                match self.selected {
                    Selected::List => {
                        if let Some(list) = self.station.lists.last_mut() {
                            list.total = Some(v);
                        }
                    }
                    Selected::Candidate(c) => self.candidate(c, v)?,
                    Selected::Nothing => {
                        return Err("<ValidVotes> in a <Selection> without an AffiliationIdentifier or Candidate".into())
                    }
                }
            }
            Expect::Pv(field) => {
                if self.in_station {
                    let v = parse_count(raw).map_err(|e| format!("{}: {e}", field.dutch()))?;
                    self.station.pv[field as usize] = Some(v);
                }
            }
            Expect::Explanation(x) => {
                if self.in_station {
                    let v =
                        parse_count(raw).map_err(|e| format!("{}: {e}", x.eml_reason_code()))?;
                    self.station.explanations[x as usize] = Some(v);
                }
            }
            Expect::StationName => self.station.name = decode_text(raw)?.trim().to_string(),
            Expect::ListName(n) => {
                self.meta
                    .list_names
                    .insert(n, decode_text(raw)?.trim().to_string());
            }
            Expect::ElectionName => self.meta.election_name = decode_text(raw)?.trim().to_string(),
            Expect::ElectionCategory => {
                let code = decode_text(raw)?.trim().to_string();
                self.meta.category = code.parse().ok();
                self.meta.category_code = code;
            }
            Expect::ElectionDate => self.meta.date = decode_text(raw)?.trim().to_string(),
            Expect::ContestName => {
                self.meta.contest_name = Some(decode_text(raw)?.trim().to_string())
            }
            Expect::AuthorityName => {
                self.meta.authority_name = Some(decode_text(raw)?.trim().to_string())
            }
        }
        Ok(())
    }

    /// Votes for candidate `c` of the last list.
    fn candidate(&mut self, c: u32, votes: u32) -> Result<(), String> {
        let list = self.station.lists.last_mut().ok_or_else(|| {
            format!(
                "votes for candidate {c} before any list (AffiliationIdentifier) in this station"
            )
        })?;
        list.len += 1;
        self.station.candidates.push((c, votes));
        Ok(())
    }

    fn end(&mut self, name: &[u8], sink: &mut dyn FnMut(IndexedStation)) -> Result<(), String> {
        let waiting = std::mem::replace(&mut self.expect, Expect::Nothing);
        if self.in_station
            && matches!(
                waiting,
                Expect::ValidVotes | Expect::Pv(_) | Expect::Explanation(_)
            )
        {
            return Err(format!(
                "<{}> is empty; expected a count",
                String::from_utf8_lossy(name)
            ));
        }
        match name {
            b"ReportingUnitVotes" => {
                self.in_station = false;
                self.station_depth = 0;
                let mut station = std::mem::replace(&mut self.station, IndexedStation::empty());
                if station.id.municipality.is_empty() {
                    return Err("<ReportingUnitVotes> without a ReportingUnitIdentifier".into());
                }
                if let Some(first) = self.seen.insert(station.id.clone(), self.station_offset) {
                    return Err(format!(
                        "station {} appears twice in this file: first at byte {first}, again at byte {}; expected each station once",
                        station.id, self.station_offset
                    ));
                }
                // GR files write "geldige kiezerspassen" 0, but that field does not exist
                // at a municipal election (DESIGN.md §1): not published, rather than 0.
                if self.meta.category.is_some_and(|c| !c.has_voter_cards()) {
                    station.pv[PvField::C as usize] = None;
                }
                let [e, f, g] =
                    [PvField::E, PvField::F, PvField::G].map(|p| station.pv[p as usize]);
                if let (Some(e), Some(f), Some(g)) = (e, f, g) {
                    let h = e as u64 + f as u64 + g as u64;
                    station.pv[PvField::H as usize] = Some(
                        u32::try_from(h)
                            .map_err(|_| format!("station {}: E+F+G is too large", station.id))?,
                    );
                }
                station.lists.shrink_to_fit();
                station.candidates.shrink_to_fit();
                self.meta.stations += 1;
                // Keep the allocations of the builder for the next station's sizes.
                self.station.candidates.reserve(station.candidates.len());
                self.station.lists.reserve(station.lists.len());
                sink(station);
            }
            b"Selection" => self.selected = Selected::Nothing,
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Result<(CountFile, Vec<IndexedStation>), IngestError> {
        let mut out = Vec::new();
        let meta = read_count(
            Path::new("t.xml"),
            xml.as_bytes(),
            &mut |s| out.push(s),
            &mut |_| {},
        )?;
        Ok((meta, out))
    }

    const HEAD: &str = r#"<EML xmlns="urn:oasis:names:tc:evs:schema:eml" xmlns:kr="http://www.kiesraad.nl/extensions" Id="510b"><ManagingAuthority><AuthorityIdentifier Id="0668">West Maas en Waal</AuthorityIdentifier></ManagingAuthority><Count><Election><ElectionIdentifier Id="TK2025"><ElectionName>TK 2025</ElectionName><ElectionCategory>TK</ElectionCategory><kr:ElectionDate>2025-10-29</kr:ElectionDate></ElectionIdentifier><Contests><Contest><ContestIdentifier Id="6"><ContestName>Nijmegen</ContestName></ContestIdentifier>"#;
    const TAIL: &str = "</Contest></Contests></Election></Count></EML>";

    fn station(id: &str, e1: &str) -> String {
        format!(
            r#"<ReportingUnitVotes><ReportingUnitIdentifier Id="{id}">Gemeentehuis &amp; zo</ReportingUnitIdentifier><Selection><AffiliationIdentifier Id="1"><RegisteredName>A</RegisteredName></AffiliationIdentifier><ValidVotes>{e1}</ValidVotes></Selection><Selection><Candidate><CandidateIdentifier Id="1"></CandidateIdentifier></Candidate><ValidVotes>{e1}</ValidVotes></Selection><Cast>0</Cast><TotalCounted>{e1}</TotalCounted><RejectedVotes ReasonCode="ongeldig">1</RejectedVotes><RejectedVotes ReasonCode="blanco">2</RejectedVotes><UncountedVotes ReasonCode="geldige stempassen">5</UncountedVotes><kr:ReportingUnitInvestigations><ValidVotes>x</ValidVotes></kr:ReportingUnitInvestigations></ReportingUnitVotes>"#
        )
    }

    #[test]
    fn reads_a_station_and_derives_h() {
        let (meta, st) = read(&format!("{HEAD}{}{TAIL}", station("0668::SB1", "7"))).unwrap();
        assert_eq!(meta.election_id, "TK2025");
        assert_eq!(meta.contest_id.as_deref(), Some("6"));
        assert_eq!(meta.authority_id.as_deref(), Some("0668"));
        assert_eq!(st.len(), 1);
        let s = &st[0];
        assert_eq!(s.name, "Gemeentehuis & zo");
        assert_eq!(s.pv[PvField::H as usize], Some(10));
        assert_eq!(s.pv[PvField::A as usize], Some(5));
        assert_eq!(s.pv[PvField::B as usize], None);
        assert_eq!(s.candidates, vec![(1, 7)]);
    }

    #[test]
    fn refuses_bad_counts_duplicates_and_other_documents_with_offsets() {
        let e = read(&format!("{HEAD}{}{TAIL}", station("0668::SB1", "-3"))).unwrap_err();
        assert!(e.message.contains("negative"), "{e}");
        assert!(e.offset.unwrap() > HEAD.len() as u64);
        let two = format!(
            "{HEAD}{}{}{TAIL}",
            station("0668::SB1", "1"),
            station("0668::SB1", "1")
        );
        assert!(read(&two).unwrap_err().message.contains("twice"));
        let wrong_ns = HEAD.replace("evs:schema:eml", "evs:schema:other");
        assert!(read(&format!("{wrong_ns}{TAIL}"))
            .unwrap_err()
            .message
            .contains("namespace"));
        let e230 = HEAD.replace("510b", "230b");
        assert!(read(&format!("{e230}{TAIL}"))
            .unwrap_err()
            .message
            .contains("230b"));
        let cut = format!("{HEAD}{}", station("0668::SB1", "1"));
        assert!(read(&cut).unwrap_err().message.contains("truncated"));
    }
}
