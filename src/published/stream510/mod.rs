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

pub(crate) mod scan;

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::election::{
    Contest, CountingMethod, Election, ElectionCategory, PollingStation, StationId,
};
use crate::fingerprint::Fingerprint;
use crate::form::SourceFile;
use crate::sheet::{Explanation, FieldKey, PvField};

use super::counts::Counts;
use super::document::{DocumentInfo, DocumentKind};
use super::error::{ErrorKind, ImportError};
use super::file::PublishedFile;
use super::station::PublishedStation;
use crate::i18n::Text;
use crate::text;
use scan::{attr, decode_text, parse_count, ScanError, Scanner, Token};

const NS_EML: &[u8] = b"urn:oasis:names:tc:evs:schema:eml";

/// What went wrong at a token: the kind, for [`ImportError::kind`], and what was
/// expected.
type Fault = (ErrorKind, Text);

fn schema(message: Text) -> Fault {
    (ErrorKind::Schema, message)
}

fn count_fault(message: Text) -> Fault {
    (ErrorKind::Count, message)
}

/// `what: message`, in each language.
fn about(what_nl: &str, what_en: &str, message: Text) -> Text {
    Text::new(
        format!("{what_nl}: {}", message.nl),
        format!("{what_en}: {}", message.en),
    )
}

/// What the file says about itself, gathered while reading.
#[derive(Debug, Default)]
struct Meta {
    /// The EML document type, e.g. `510b`.
    kind: String,
    election_id: String,
    election_name: String,
    category: Option<ElectionCategory>,
    /// `kr:ElectionDate`, `YYYY-MM-DD`.
    date: String,
    contest_id: Option<String>,
    contest_name: Option<String>,
    /// How many `Contest`s the file has: the file's election names a contest only
    /// when there is one (as the `eml-nl` reader does).
    contests: usize,
    /// `ManagingAuthority/AuthorityIdentifier`: for a 510b the municipality.
    authority_id: Option<String>,
    authority_name: Option<String>,
    stations: usize,
    /// List names (`RegisteredName`) by list number.
    list_names: std::collections::BTreeMap<u32, String>,
}

impl Meta {
    /// The election of the stations read now: with the current contest, unless it is
    /// `geen` or `alle` (no real contest).
    fn election(&self, with_contest: bool) -> Election {
        let contest = self
            .contest_id
            .as_ref()
            .filter(|id| with_contest && *id != "geen" && *id != "alle")
            .map(|id| Contest {
                id: id.clone(),
                name: self.contest_name.clone().unwrap_or_default(),
            });
        Election {
            id: self.election_id.clone(),
            // Checked when the category is read; a file without one has no stations.
            category: self.category.unwrap_or(ElectionCategory::TK),
            name: self.election_name.clone(),
            date: self.date.clone(),
            contest,
        }
    }
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

/// One station being read.
#[derive(Debug, Default)]
struct StationBuilder {
    id: Option<StationId>,
    name: String,
    pv: [Option<u32>; 10],
    explanations: [Option<u32>; 8],
    /// List totals and candidates in the file's order (lists before their candidates).
    figures: Vec<(FieldKey, u32)>,
    /// The list of the last `AffiliationIdentifier`: its candidates follow it.
    list: Option<u32>,
}

impl StationBuilder {
    fn clear(&mut self) {
        self.id = None;
        self.name.clear();
        self.pv = [None; 10];
        self.explanations = [None; 8];
        self.figures.clear();
        self.list = None;
    }
}

/// Reads one count file from disk; see [`read`].
pub(crate) fn read_file(
    path: &Path,
    sink: &mut dyn FnMut(PublishedStation),
    on_bytes: &mut dyn FnMut(u64),
) -> Result<PublishedFile, ImportError> {
    let file = File::open(path).map_err(|e| {
        ImportError::new(
            path.display().to_string(),
            ErrorKind::Io,
            text!("kan het niet openen: {e}", "cannot open: {e}"),
        )
    })?;
    read(path, file, sink, on_bytes)
}

/// Streams a 510 count from `src`, handing each station to `sink` as soon as its
/// `ReportingUnitVotes` closes. The station's `source` has the file's name but no
/// fingerprint yet: that is known at the end, in the [`PublishedFile`] returned
/// ([`super::PublishedIndex::ingest_file`] sets it). `on_bytes` hears how many bytes
/// were read so far, for a progress bar. Memory stays bounded by one station, whatever
/// the size of the file.
pub fn read(
    path: &Path,
    src: impl Read,
    sink: &mut dyn FnMut(PublishedStation),
    on_bytes: &mut dyn FnMut(u64),
) -> Result<PublishedFile, ImportError> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut reader = Reader {
        meta: Meta::default(),
        source: SourceFile {
            name: file_name,
            sha256: String::new(),
        },
        in_station: false,
        station: StationBuilder::default(),
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
    let result: Result<(), (u64, Fault)> = loop {
        if reader.in_station && reader.skip_depth == 0 && scanner.depth() == reader.station_depth {
            let mut failed = None;
            while let Some((candidate, votes)) = scanner.fast_candidate() {
                if let Err(fault) = reader.candidate(candidate, votes) {
                    failed = Some((scanner.token_offset(), fault));
                    break;
                }
            }
            if let Some(e) = failed {
                break Err(e);
            }
        }
        let (at, token) = match scanner.next_token() {
            Ok(t) => t,
            Err(e) => break Err(scan_fault(e)),
        };
        if matches!(token, Token::Eof) {
            break Ok(());
        }
        if let Err(fault) = reader.on_token(token, at, sink) {
            break Err((at, fault));
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
    let name = path.display().to_string();
    result.map_err(|(at, (kind, message))| ImportError::new(&name, kind, message).at_byte(at))?;
    let Some(kind) = DocumentKind::from_eml_id(&reader.meta.kind) else {
        return Err(ImportError::new(
            &name,
            ErrorKind::UnknownDocument,
            Text::fixed(
                "geen EML-document (geen hoofdelement <EML>)",
                "not an EML document (no <EML> root)",
            ),
        ));
    };
    let meta = reader.meta;
    let mut source = reader.source;
    source.sha256 = Fingerprint::from_bytes(scanner.finish_hash()).to_string();
    let election = meta.election(meta.contests == 1);
    Ok(PublishedFile {
        info: DocumentInfo {
            source,
            kind,
            election,
            authority_code: meta.authority_id,
            authority_name: meta.authority_name,
        },
        bytes,
        stations: meta.stations,
        list_names: meta.list_names,
    })
}

/// A tokenizer error as a fault at its offset: a DTD is refused as such, a read error
/// is the disk's, anything else is XML that is not well-formed.
fn scan_fault(e: ScanError) -> (u64, Fault) {
    (e.offset, (e.kind, e.message))
}

struct Reader {
    meta: Meta,
    /// The file's name, for each station's `source`.
    source: SourceFile,
    in_station: bool,
    station: StationBuilder,
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

fn id_attr(attrs: &[u8], element: &str) -> Result<String, Fault> {
    let raw = attr(attrs, b"Id")
        .map_err(schema)?
        .ok_or_else(|| no_id(element))?;
    decode_text(raw).map_err(schema)
}

fn number_attr(attrs: &[u8], element: &str) -> Result<u32, Fault> {
    let raw = attr(attrs, b"Id")
        .map_err(schema)?
        .ok_or_else(|| no_id(element))?;
    let what = format!("<{element} Id>");
    parse_count(raw).map_err(|e| schema(about(&what, &what, e)))
}

fn no_id(element: &str) -> Fault {
    schema(text!(
        "<{element}> heeft geen attribuut Id",
        "<{element}> has no Id attribute"
    ))
}

fn text_of(raw: &[u8]) -> Result<String, Fault> {
    decode_text(raw)
        .map(|t| t.trim().to_string())
        .map_err(schema)
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
        sink: &mut dyn FnMut(PublishedStation),
    ) -> Result<(), Fault> {
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

    fn start(&mut self, name: &[u8], attrs: &[u8], at: u64) -> Result<(), Fault> {
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
                    self.station.list = Some(number);
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
                let code = attr(attrs, b"ReasonCode")
                    .map_err(schema)?
                    .unwrap_or_default();
                let field = rejected_field(code).ok_or_else(|| {
                    let code = String::from_utf8_lossy(code);
                    schema(text!(
                        "<RejectedVotes ReasonCode=\"{code}\">: verwacht \"ongeldig\" of \"blanco\"",
                        "<RejectedVotes ReasonCode=\"{code}\">: expected \"ongeldig\" or \"blanco\""
                    ))
                })?;
                self.expect = Expect::Pv(field);
            }
            b"UncountedVotes" => {
                let code = attr(attrs, b"ReasonCode")
                    .map_err(schema)?
                    .unwrap_or_default();
                self.expect = uncounted_field(code).ok_or_else(|| {
                    let code = String::from_utf8_lossy(code);
                    schema(text!(
                        "<UncountedVotes ReasonCode=\"{code}\"> is geen redencode van EML_NL",
                        "<UncountedVotes ReasonCode=\"{code}\"> is not a reason code of EML_NL"
                    ))
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
                    self.station.id = Some(id.parse().map_err(|e: String| {
                        schema(Text::same(format!("<ReportingUnitIdentifier>: {e}")))
                    })?);
                    self.expect = Expect::StationName;
                }
            }
            b"ElectionIdentifier" => self.meta.election_id = id_attr(attrs, "ElectionIdentifier")?,
            b"ElectionName" => self.expect = Expect::ElectionName,
            b"ElectionCategory" => self.expect = Expect::ElectionCategory,
            b"kr:ElectionDate" => self.expect = Expect::ElectionDate,
            b"ContestIdentifier" => {
                self.meta.contest_id = Some(id_attr(attrs, "ContestIdentifier")?);
                self.meta.contest_name = None;
                self.meta.contests += 1;
            }
            b"ContestName" => self.expect = Expect::ContestName,
            b"AuthorityIdentifier" => {
                self.meta.authority_id = Some(id_attr(attrs, "AuthorityIdentifier")?);
                self.expect = Expect::AuthorityName;
            }
            b"EML" => self.root(attrs)?,
            _ => {
                if self.meta.kind.is_empty() {
                    return Err((ErrorKind::Namespace, {
                        let (name, ns) = (
                            String::from_utf8_lossy(name),
                            String::from_utf8_lossy(NS_EML),
                        );
                        text!(
                            "het hoofdelement is <{name}>, verwacht <EML> in namespace {ns}",
                            "the root element is <{name}>, expected <EML> in namespace {ns}"
                        )
                    }));
                }
                if name.contains(&b':') {
                    // A foreign element and all it holds (see the module docs).
                    self.skip_depth = 1;
                }
            }
        }
        Ok(())
    }

    fn root(&mut self, attrs: &[u8]) -> Result<(), Fault> {
        if !self.meta.kind.is_empty() {
            return Err(schema(Text::fixed(
                "een genest <EML>-element",
                "a nested <EML> element",
            )));
        }
        let ns = attr(attrs, b"xmlns").map_err(schema)?.unwrap_or_default();
        if ns != NS_EML {
            return Err((ErrorKind::Namespace, {
                let (found, ns) = (String::from_utf8_lossy(ns), String::from_utf8_lossy(NS_EML));
                text!(
                        "<EML> staat in namespace `{found}`, verwacht `{ns}` (zoals de Kiesraad het schrijft, als standaard-namespace)",
                        "<EML> is in namespace `{found}`, expected `{ns}` (as the Kiesraad writes it, with that as the default namespace)"
                    )
            }));
        }
        let kind = id_attr(attrs, "EML")?;
        if !DocumentKind::from_eml_id(&kind).is_some_and(|k| k.is_count()) {
            return Err((
                ErrorKind::UnknownDocument,
                text!(
                    "dit is een EML {kind}-document, geen 510-telling (510a/b/c/d); aantallen per stembureau staan alleen in 510-bestanden",
                    "this is an EML {kind} document, not a 510 count (510a/b/c/d); counts per station are only in 510 files"
                ),
            ));
        }
        self.meta.kind = kind;
        Ok(())
    }

    fn text(&mut self, raw: &[u8]) -> Result<(), Fault> {
        let expect = std::mem::replace(&mut self.expect, Expect::Nothing);
        match expect {
            Expect::Nothing => {}
            Expect::ValidVotes => {
                if !self.in_station {
                    return Ok(());
                }
                let v = parse_count(raw)
                    .map_err(|e| count_fault(about("<ValidVotes>", "<ValidVotes>", e)))?;
                match self.selected {
                    Selected::List => {
                        if let Some(list) = self.station.list {
                            self.station.figures.push((FieldKey::List(list), v));
                        }
                    }
                    Selected::Candidate(c) => self.candidate(c, v)?,
                    Selected::Nothing => {
                        return Err(schema(Text::fixed(
                            "<ValidVotes> in een <Selection> zonder AffiliationIdentifier of Candidate",
                            "<ValidVotes> in a <Selection> without an AffiliationIdentifier or Candidate",
                        )))
                    }
                }
            }
            Expect::Pv(field) => {
                if self.in_station {
                    let v = parse_count(raw)
                        .map_err(|e| count_fault(about(&field.label().nl, &field.label().en, e)))?;
                    self.station.pv[field as usize] = Some(v);
                }
            }
            Expect::Explanation(x) => {
                if self.in_station {
                    let v = parse_count(raw).map_err(|e| {
                        count_fault(about(x.eml_reason_code(), x.eml_reason_code(), e))
                    })?;
                    self.station.explanations[x as usize] = Some(v);
                }
            }
            Expect::StationName => self.station.name = text_of(raw)?,
            Expect::ListName(n) => {
                self.meta.list_names.insert(n, text_of(raw)?);
            }
            Expect::ElectionName => self.meta.election_name = text_of(raw)?,
            Expect::ElectionCategory => {
                let code = text_of(raw)?;
                let category = code.parse::<ElectionCategory>().map_err(|e| {
                    (
                        ErrorKind::UnknownDocument,
                        text!(
                            "verkiezingscategorie {code}: {e}",
                            "election category {code}: {e}"
                        ),
                    )
                })?;
                self.meta.category = Some(category);
            }
            Expect::ElectionDate => self.meta.date = text_of(raw)?,
            Expect::ContestName => self.meta.contest_name = Some(text_of(raw)?),
            Expect::AuthorityName => self.meta.authority_name = Some(text_of(raw)?),
        }
        Ok(())
    }

    /// Votes for candidate `c` of the last list.
    fn candidate(&mut self, c: u32, votes: u32) -> Result<(), Fault> {
        let list = self.station.list.ok_or_else(|| {
            schema(text!(
                "stemmen voor kandidaat {c} voor elke lijst (AffiliationIdentifier) in dit stembureau",
                "votes for candidate {c} before any list (AffiliationIdentifier) in this station"
            ))
        })?;
        self.station
            .figures
            .push((FieldKey::Candidate { list, candidate: c }, votes));
        Ok(())
    }

    fn end(&mut self, name: &[u8], sink: &mut dyn FnMut(PublishedStation)) -> Result<(), Fault> {
        let waiting = std::mem::replace(&mut self.expect, Expect::Nothing);
        if self.in_station
            && matches!(
                waiting,
                Expect::ValidVotes | Expect::Pv(_) | Expect::Explanation(_)
            )
        {
            let name = String::from_utf8_lossy(name);
            return Err(count_fault(text!(
                "<{name}> is leeg; verwacht een aantal",
                "<{name}> is empty; expected a count"
            )));
        }
        match name {
            b"ReportingUnitVotes" => {
                self.in_station = false;
                self.station_depth = 0;
                let station = self.finish_station()?;
                sink(station);
            }
            b"Selection" => self.selected = Selected::Nothing,
            _ => {}
        }
        Ok(())
    }

    /// The station just closed, with H derived and the GR filler in C dropped.
    fn finish_station(&mut self) -> Result<PublishedStation, Fault> {
        let b = &mut self.station;
        let id = b.id.take().ok_or_else(|| {
            schema(Text::fixed(
                "<ReportingUnitVotes> zonder ReportingUnitIdentifier",
                "<ReportingUnitVotes> without a ReportingUnitIdentifier",
            ))
        })?;
        if let Some(first) = self.seen.insert(id.clone(), self.station_offset) {
            return Err((ErrorKind::DuplicateStation, {
                let again = self.station_offset;
                text!(
                        "stembureau {id} staat twee keer in dit bestand: eerst bij byte {first}, opnieuw bij byte {again}; verwacht elk stembureau één keer",
                        "station {id} appears twice in this file: first at byte {first}, again at byte {again}; expected each station once"
                    )
            }));
        }
        if self.meta.category.is_none() {
            return Err(schema(Text::fixed(
                "een stembureau voor de ElectionCategory van de verkiezing; verwacht eerst de verkiezing",
                "a station before the election's ElectionCategory; expected the election first",
            )));
        }
        // GR files write "geldige kiezerspassen" 0, but that field does not exist at a
        // municipal election (DESIGN.md §1): not published, rather than 0.
        if self.meta.category.is_some_and(|c| !c.has_voter_cards()) {
            b.pv[PvField::C as usize] = None;
        }
        let [e, f, g] = [PvField::E, PvField::F, PvField::G].map(|p| b.pv[p as usize]);
        if let (Some(e), Some(f), Some(g)) = (e, f, g) {
            let h = e as u64 + f as u64 + g as u64;
            b.pv[PvField::H as usize] = Some(u32::try_from(h).map_err(|_| {
                count_fault(text!(
                    "stembureau {id}: E+F+G is te groot",
                    "station {id}: E+F+G is too large"
                ))
            })?);
        }
        // In key order: A–J, the lists, the candidates, the explanations (the lists
        // and candidates as the file gives them, sorted if it gives them out of order).
        let known = b.pv.iter().chain(&b.explanations).flatten().count();
        let mut figures = Vec::with_capacity(b.figures.len() + known);
        for p in PvField::ALL {
            if let Some(v) = b.pv[p as usize] {
                figures.push((FieldKey::Pv(p), v));
            }
        }
        let lists = b
            .figures
            .iter()
            .filter(|(k, _)| matches!(k, FieldKey::List(_)));
        let candidates = b
            .figures
            .iter()
            .filter(|(k, _)| matches!(k, FieldKey::Candidate { .. }));
        figures.extend(lists.chain(candidates).copied());
        for x in Explanation::ALL {
            if let Some(v) = b.explanations[x as usize] {
                figures.push((FieldKey::Explanation(x), v));
            }
        }
        self.meta.stations += 1;
        Ok(PublishedStation {
            election: self.meta.election(true),
            station: PollingStation {
                id,
                municipality_name: self.meta.authority_name.clone().unwrap_or_default(),
                name: std::mem::take(&mut b.name),
                postcode: String::new(),
                counting: CountingMethod::Dso,
            },
            counts: Counts::from_unsorted(figures),
            source: self.source.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_xml(xml: &str) -> Result<(PublishedFile, Vec<PublishedStation>), ImportError> {
        let mut out = Vec::new();
        let meta = read(
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
        let (meta, st) = read_xml(&format!("{HEAD}{}{TAIL}", station("0668::SB1", "7"))).unwrap();
        assert_eq!(meta.info.election.id, "TK2025");
        assert_eq!(
            meta.info.election.contest.as_ref().map(|c| c.id.as_str()),
            Some("6")
        );
        assert_eq!(meta.info.authority_code.as_deref(), Some("0668"));
        assert_eq!(st.len(), 1);
        let s = &st[0];
        assert_eq!(s.station.name, "Gemeentehuis & zo");
        assert_eq!(s.pv(PvField::H), Some(10));
        assert_eq!(s.pv(PvField::A), Some(5));
        assert_eq!(s.pv(PvField::B), None);
        assert_eq!(
            s.counts.candidates(1),
            [(
                FieldKey::Candidate {
                    list: 1,
                    candidate: 1
                },
                7
            )]
        );
    }

    #[test]
    fn refuses_bad_counts_duplicates_and_other_documents_with_offsets() {
        let e = read_xml(&format!("{HEAD}{}{TAIL}", station("0668::SB1", "-3"))).unwrap_err();
        assert!(e.message.en.contains("negative"), "{e}");
        assert!(e.offset.unwrap() > HEAD.len() as u64);
        let two = format!(
            "{HEAD}{}{}{TAIL}",
            station("0668::SB1", "1"),
            station("0668::SB1", "1")
        );
        assert!(read_xml(&two).unwrap_err().message.en.contains("twice"));
        let wrong_ns = HEAD.replace("evs:schema:eml", "evs:schema:other");
        assert!(read_xml(&format!("{wrong_ns}{TAIL}"))
            .unwrap_err()
            .message
            .en
            .contains("namespace"));
        let e230 = HEAD.replace("510b", "230b");
        assert!(read_xml(&format!("{e230}{TAIL}"))
            .unwrap_err()
            .message
            .en
            .contains("230b"));
        let cut = format!("{HEAD}{}", station("0668::SB1", "1"));
        assert!(read_xml(&cut).unwrap_err().message.en.contains("truncated"));
    }
}
