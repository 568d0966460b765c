//! Verifying a sealed sheet: the journal chain, the seal's place at the end, the
//! fingerprint over the canonical encoding and the observer's signature
//! (docs/seal.md, "How to verify"). The outcome is a [`VerifyReport`] that says in
//! words what differs, never a panic: `meetel verify` prints it as it is.

use std::fmt;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::display::visible;
use crate::i18n::{Lang, Text};
use crate::{text, words};

use crate::fingerprint::Fingerprint;
use crate::sheet::journal::{Body, Entry, Journal, JournalError};
use crate::sheet::seal::{self, ItemChange, SealError, SealedSheet};
use crate::sheet::{Op, Sheet, SheetHeader};

/// The outcome of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Chain, fingerprint and signature all hold.
    Ok,
    /// The file is a sheet, but it is not sealed, or it was changed after sealing.
    Failed,
    /// The file could not be read, or is not a meetel sheet at all.
    Unreadable,
}

/// What `verify` found, for people: who sealed what, and every problem in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// The file verified; `None` for a sheet that came without a journal (a QR code).
    pub path: Option<PathBuf>,
    pub verdict: Verdict,
    /// The fingerprint the seal records, in the Kiesraad's notation.
    pub fingerprint: Option<String>,
    /// The polling station, e.g. `0668::SB1 Dorpshuis De Schalm (West Maas en Waal)`.
    pub station: Option<String>,
    /// The election, e.g. `TK2025 Tweede Kamer der Staten-Generaal 2025, 2025-10-29`.
    pub election: Option<Text>,
    /// The observer's alias.
    pub observer: Option<String>,
    /// The observer's public key (hex), which the signature was checked against.
    pub public_key: Option<String>,
    /// When it was sealed by the laptop's clock (proves nothing).
    pub sealed_at: Option<String>,
    /// The fingerprint of the sealed sheet this one corrects, if any.
    pub supersedes: Option<String>,
    /// What is wrong, one sentence each; empty when the verdict is `Ok`.
    pub problems: Vec<Text>,
    /// Remarks that are not problems (what was and was not checked).
    pub notes: Vec<Text>,
}

impl VerifyReport {
    fn new(path: Option<&Path>) -> VerifyReport {
        VerifyReport {
            path: path.map(Path::to_path_buf),
            verdict: Verdict::Failed,
            fingerprint: None,
            station: None,
            election: None,
            observer: None,
            public_key: None,
            sealed_at: None,
            supersedes: None,
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn is_ok(&self) -> bool {
        self.verdict == Verdict::Ok
    }

    /// True when the input could not be read as a sheet at all (exit code 2 in the CLI,
    /// against 1 for a sheet that fails verification).
    pub(crate) fn unreadable(&self) -> bool {
        self.verdict == Verdict::Unreadable
    }

    fn describe_header(&mut self, h: &SheetHeader) {
        let st = &h.station;
        let mut station = st.id.to_string();
        if !st.name.is_empty() {
            station.push(' ');
            station.push_str(&st.name);
        }
        if !st.municipality_name.is_empty() {
            station.push_str(&format!(" ({})", st.municipality_name));
        }
        self.station = Some(station);
        let e = &h.election;
        let mut election = e.id.clone();
        if !e.name.is_empty() {
            election.push(' ');
            election.push_str(&e.name);
        }
        let mut election = Text::same(election);
        if let Some(c) = &e.contest {
            let (id, name) = (&c.id, &c.name);
            election = election.join(", ", &text!("kieskring {id} {name}", "contest {id} {name}"));
        }
        if !e.date.is_empty() {
            election = election.join(", ", &Text::same(e.date.clone()));
        }
        self.election = Some(election);
        self.observer = Some(h.observer.alias.clone());
        self.public_key = Some(h.observer.public_key.clone());
        self.supersedes = h.supersedes.as_deref().map(Fingerprint::notation_of);
    }

    fn problem(&mut self, text: Text) {
        self.problems.push(text);
    }

    /// Sets the verdict from the problems found: `Ok` only when there are none.
    fn conclude(mut self) -> VerifyReport {
        if self.verdict != Verdict::Unreadable {
            self.verdict = if self.problems.is_empty() {
                Verdict::Ok
            } else {
                Verdict::Failed
            };
        }
        self
    }
}

impl VerifyReport {
    /// The report as `meetel verify` prints it, in `lang`: the verdict first, then who
    /// sealed what, then every problem. Data from the file (station, alias, key) is shown
    /// through [`visible`].
    pub(crate) fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        let what = match &self.path {
            Some(p) => Text::same(p.display().to_string()),
            None => Text::fixed("verzegeld blad", "sealed sheet"),
        };
        let verdict = match self.verdict {
            Verdict::Ok => words!(
                "GOED: verzegeld, en sindsdien niet veranderd",
                "OK: sealed, and unchanged since"
            ),
            Verdict::Failed => words!("AFGEKEURD", "FAILED"),
            Verdict::Unreadable => words!("ONLEESBAAR", "UNREADABLE"),
        };
        let _ = writeln!(out, "{}: {}", visible(what.get(lang)), verdict.get(lang));
        let sealed_at = self.sealed_at.as_ref().map(|at| {
            let at = visible(at);
            text!(
                "{at} (de klok van de laptop; bewijst niets)",
                "{at} (the laptop's clock; proves nothing)"
            )
        });
        let same = |v: &Option<String>| v.as_ref().map(|v| Text::same(v.clone()));
        let rows = [
            (
                words!("vingerafdruk", "fingerprint"),
                same(&self.fingerprint),
            ),
            (words!("stembureau", "station"), same(&self.station)),
            (words!("verkiezing", "election"), self.election.clone()),
            (words!("waarnemer", "observer"), same(&self.observer)),
            (
                words!("publieke sleutel", "public key"),
                same(&self.public_key),
            ),
            (words!("verzegeld om", "sealed at"), sealed_at),
            (words!("corrigeert", "corrects"), same(&self.supersedes)),
        ];
        let width = rows
            .iter()
            .map(|(label, _)| label.get(lang).chars().count())
            .max()
            .unwrap_or(0)
            .max(12);
        for (label, value) in rows {
            if let Some(v) = value {
                let label = label.get(lang);
                let _ = writeln!(out, "  {label:<width$} {}", visible(v.get(lang)));
            }
        }
        let note = words!("let op", "note").get(lang);
        for n in &self.notes {
            let _ = writeln!(out, "  {note}: {}", n.get(lang));
        }
        if !self.problems.is_empty() {
            let _ = writeln!(out, "  {}:", words!("problemen", "problems").get(lang));
            for p in &self.problems {
                let _ = writeln!(out, "  - {}", p.get(lang));
            }
        }
        out
    }
}

/// The report in English; `meetel verify` prints `VerifyReport::render` in the
/// chosen language.
impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Verifies a sheet file: its journal chain, that its last entry is the seal, the
/// fingerprint and the signature. Never panics; an unreadable file gives a report with
/// verdict [`Verdict::Unreadable`].
///
/// A file that holds one [`SealedSheet`] as JSON (a sheet read back from a QR code or
/// exported without its journal) is verified as `verify_sealed` does.
pub fn verify_file(path: &Path) -> VerifyReport {
    let bytes = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            let path = path.display();
            Err(text!(
                "{path}: geen blad: het is geen gewoon bestand",
                "{path}: not a sheet: it is not a regular file"
            ))
        }
        _ => std::fs::read(path).map_err(|e| {
            let path = path.display();
            text!(
                "{path}: kon het blad niet lezen: {e}",
                "{path}: could not read the sheet: {e}"
            )
        }),
    };
    match bytes {
        Ok(bytes) => verify_bytes(path, &bytes),
        Err(problem) => {
            let mut report = VerifyReport::new(Some(path));
            report.verdict = Verdict::Unreadable;
            report.problem(problem);
            report
        }
    }
}

/// As [`verify_file`], on the file's bytes already in memory; `path` names the file in
/// the report.
pub fn verify_bytes(path: &Path, bytes: &[u8]) -> VerifyReport {
    let mut report = VerifyReport::new(Some(path));
    if let Some(sealed) = sealed_sheet_json(bytes) {
        let mut report = verify_sealed(&sealed);
        report.path = Some(path.to_path_buf());
        return report;
    }
    let journal = match Journal::from_bytes(path, bytes) {
        Ok(j) => j,
        Err(e) => {
            match &e {
                JournalError::Io { .. }
                | JournalError::NotASheet { .. }
                | JournalError::NewerFormat { .. } => {
                    report.verdict = Verdict::Unreadable;
                }
                _ => {
                    if let Some(h) = header_of_first_line(bytes) {
                        report.describe_header(&h);
                    }
                    if let Some((record, at)) = seal_of_last_line(bytes) {
                        report.fingerprint = Some(Fingerprint::notation_of(&record.fingerprint));
                        report.sealed_at = Some(at);
                    }
                }
            }
            report.problem(e.text());
            return report.conclude();
        }
    };
    report.describe_header(&journal.sheet.header);

    if let Some(torn) = &journal.torn {
        let held_seal = matches!(torn.entry.as_ref().map(|e| &e.body), Some(Body::Seal(_)));
        let what = if held_seal {
            Text::fixed(
                "het item van het zegel zelf is onvolledig",
                "the seal entry itself is incomplete",
            )
        } else {
            Text::fixed(
                "het laatste item is onvolledig",
                "its last entry is incomplete",
            )
        };
        let torn = torn.text();
        let (wn, we, tn, te) = (&what.nl, &what.en, &torn.nl, &torn.en);
        report.problem(text!(
            "het bestand is afgekapt: {wn} ({tn}); een verzegeld blad eindigt met een volledig item van het zegel en een regeleinde",
            "the file was cut: {we} ({te}); a sealed sheet ends with a complete seal entry and its line end"
        ));
    }

    let Some(seal_entry) = &journal.seal else {
        let last = journal.entries.last().map(|e| &e.entry);
        report.problem(match last {
            Some(e) => {
                let (seq, line, what) = (e.seq, e.seq + 1, e.describe());
                let (wn, we) = (&what.nl, &what.en);
                text!(
                    "het blad is niet verzegeld: het laatste volledige item, item {seq} (regel {line}), {wn}; er is geen zegel om te controleren",
                    "the sheet is not sealed: its last complete entry, entry {seq} (line {line}), {we}; there is no seal to verify"
                )
            }
            None => Text::fixed(
                "het blad is niet verzegeld: het heeft geen volledige items",
                "the sheet is not sealed: it has no complete entries",
            ),
        });
        return report.conclude();
    };
    report.sealed_at = Some(seal_entry.at.clone());
    let sealed = SealedSheet {
        sheet: journal.sheet.clone(),
        journal_head: seal_entry.head_before.clone(),
        sealed_at: seal_entry.at.clone(),
        seal: seal_entry.record.clone(),
    };
    report.fingerprint = Some(sealed.fingerprint());
    if journal.entries.last().map(|e| e.entry.seq) != Some(seal_entry.seq) {
        let (seq, line) = (seal_entry.seq, seal_entry.line);
        report.problem(text!(
            "het zegel (item {seq}, regel {line}) is niet het laatste item",
            "the seal (entry {seq}, line {line}) is not the last entry"
        ));
    }
    match seal::verify(&sealed) {
        Ok(_) => {}
        Err(SealError::FingerprintMismatch { recorded, computed }) => {
            let (seq, line) = (seal_entry.seq, seal_entry.line);
            report.problem(text!(
                "de vingerafdruk klopt niet: het zegel (item {seq}, regel {line}) vermeldt {recorded}, maar het blad zoals het journaal het opbouwt geeft {computed}",
                "the fingerprint does not match: the seal (entry {seq}, line {line}) records {recorded}, but the sheet as its journal replays gives {computed}"
            ));
            for p in explain_mismatch(&journal, &recorded) {
                report.problem(p);
            }
        }
        Err(e) => report.problem(e.text()),
    }
    report.conclude()
}

/// Verifies a sheet that came with its seal but without its journal (from a QR code or
/// an export): fingerprint and signature only. Its journal head cannot be checked here;
/// with the file at hand, use [`verify_file`].
pub(crate) fn verify_sealed(sealed: &SealedSheet) -> VerifyReport {
    let mut report = VerifyReport::new(None);
    report.describe_header(&sealed.sheet.header);
    report.fingerprint = Some(sealed.fingerprint());
    report.sealed_at = Some(sealed.sealed_at.clone());
    if let Err(e) = seal::verify(sealed) {
        report.problem(e.text());
    }
    let mut report = report.conclude();
    if report.is_ok() {
        report.notes.push(Text::fixed(
            "gecontroleerd zonder journaal: vingerafdruk en handtekening kloppen; de keten van het journaal wordt gecontroleerd bij het blad zelf",
            "checked without its journal: fingerprint and signature hold; the journal chain is checked when the sheet file itself is verified",
        ));
    }
    report
}

/// The file as one sealed-sheet JSON document, if it is one (a journal never is: it has
/// one JSON value per line, and its entries have no `sheet`).
fn sealed_sheet_json(bytes: &[u8]) -> Option<SealedSheet> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    serde_json::from_slice(bytes).ok()
}

/// The header from a file's first line, read leniently, so that a report on a
/// tampered file still says which sheet it is.
fn header_of_first_line(bytes: &[u8]) -> Option<SheetHeader> {
    let first = bytes.split(|&b| b == b'\n').next()?;
    match serde_json::from_slice::<Entry>(first).ok()?.body {
        Body::Op(Op::Create(h)) => Some(h),
        _ => None,
    }
}

/// The seal record and time from a file's last line, read leniently, so that a report
/// on a tampered file still shows the fingerprint that was sealed.
fn seal_of_last_line(bytes: &[u8]) -> Option<(crate::sheet::seal::SealRecord, String)> {
    let last = bytes
        .split(|&b| b == b'\n')
        .rfind(|l| !l.iter().all(u8::is_ascii_whitespace))?;
    let entry = serde_json::from_slice::<Entry>(last).ok()?;
    match entry.body {
        Body::Seal(record) => Some((record, entry.at)),
        Body::Op(_) => None,
    }
}

/// Tells what differs when the chain is intact but the fingerprint is not: someone
/// re-linked the chain after changing it. If the recorded fingerprint is that of an
/// earlier point of the journal (entries were added before the seal after sealing), the
/// sealed sheet is known and each changed item is named with the entry that changed it.
fn explain_mismatch(journal: &Journal, recorded: &Fingerprint) -> Vec<Text> {
    let Some(seal_entry) = &journal.seal else {
        return Vec::new();
    };
    let ops: Vec<(u64, &Op, &str)> = journal
        .entries
        .iter()
        .filter_map(|e| e.entry.op().map(|op| (e.entry.seq, op, e.hash.as_str())))
        .collect();
    let Some((_, Op::Create(header), _)) = ops.first() else {
        return Vec::new();
    };
    // The state after each entry, tried against the recorded fingerprint, newest first
    // is not possible without keeping every state; replaying once forwards is cheap.
    let mut sheet = Sheet::new(header.clone());
    let mut sealed_point: Option<(usize, Sheet)> = None;
    for (i, (_, op, hash)) in ops.iter().enumerate() {
        sheet.apply(op);
        if i + 1 < ops.len() && seal::fingerprint(&sheet, hash, &seal_entry.at) == *recorded {
            sealed_point = Some((i, sheet.clone()));
        }
    }
    let Some((i, sealed_sheet)) = sealed_point else {
        return vec![Text::fixed(
            "welk onderdeel veranderd is, is uit dit bestand alleen niet op te maken: het journaal is na het verzegelen herschreven en opnieuw aaneengeschakeld, of de tijd of vingerafdruk van het zegel is veranderd; vergelijk met de vingerafdruk die bij het verzegelen is gedeeld",
            "which item changed cannot be told from this file alone: the journal was rewritten and re-linked after sealing, or the seal's time or fingerprint was changed; compare with the fingerprint that was shared when the sheet was sealed",
        )];
    };
    let (sealed_seq, _, _) = ops[i];
    let (last_seq, _, _) = ops[ops.len() - 1];
    let (line, first) = (sealed_seq + 1, sealed_seq + 1);
    let mut out = vec![text!(
        "het zegel dekt het blad zoals het was na item {sealed_seq} (regel {line}); items {first} tot en met {last_seq} zijn na het verzegelen vóór het zegel gezet, en de keten is opnieuw aaneengeschakeld",
        "the seal covers the sheet as it stood after entry {sealed_seq} (line {line}); entries {first} to {last_seq} were put in before the seal after it was made, and the chain re-linked"
    )];
    // Which entry last changed each item after the sealed point.
    let mut setter: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let mut state = sealed_sheet.clone();
    for (seq, op, _) in &ops[i + 1..] {
        let mut next = state.clone();
        next.apply(op);
        for c in seal::diff(&state, &next) {
            setter.insert(c.key, *seq);
        }
        state = next;
    }
    for c in seal::diff(&sealed_sheet, &journal.sheet) {
        out.push(describe_change(&c, setter.get(&c.key).copied()));
    }
    out
}

/// "field A: the sealed sheet says 120, entry 7 of the journal sets 121".
fn describe_change(c: &ItemChange, entry: Option<u64>) -> Text {
    let label = item_label(&c.key);
    let sealed = match &c.before {
        Some(v) => {
            let v = quote(v);
            text!("zegt {v}", "says {v}")
        }
        None => Text::fixed(
            "heeft niets (niet waargenomen)",
            "has nothing (not observed)",
        ),
    };
    let now = match &c.after {
        Some(v) => {
            let v = quote(v);
            text!("zet {v}", "sets {v}")
        }
        None => Text::fixed("wist het (niet waargenomen)", "clears it (not observed)"),
    };
    let (ln, le, sn, se, nn, ne) = (
        &label.nl, &label.en, &sealed.nl, &sealed.en, &now.nl, &now.en,
    );
    match entry {
        Some(seq) => text!(
            "{ln}: het verzegelde blad {sn}, item {seq} van het journaal {nn}",
            "{le}: the sealed sheet {se}, entry {seq} of the journal {ne}"
        ),
        None => text!(
            "{ln}: het verzegelde blad {sn}, het journaal {nn}",
            "{le}: the sealed sheet {se}, the journal {ne}"
        ),
    }
}

fn quote(v: &str) -> String {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        v.to_string()
    } else {
        format!("`{}`", seal::escape(v, false))
    }
}

/// A canonical key as people say it: `count.A` → "field A", `tally.E.3` → "the tally
/// of E.3", anything else as it is.
fn item_label(key: &str) -> Text {
    if let Some(f) = key.strip_prefix("count.") {
        text!("veld {f}", "field {f}")
    } else if let Some(f) = key.strip_prefix("tally.") {
        text!("de turf van {f}", "the tally of {f}")
    } else {
        Text::same(key.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Form;
    use crate::sheet::Editor;
    use crate::sheet::{FieldKey, PvField};
    use ed25519_dalek::SigningKey;

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[5u8; 32])
    }

    fn sealed_file(dir: &Path) -> PathBuf {
        let mut h = crate::sheet::tests::header();
        h.observer.public_key = hex::encode(key().verifying_key().as_bytes());
        let path = dir.join("s.jsonl");
        let mut f = Editor::create(&path, Form::load("tk").unwrap(), h).unwrap();
        f.commit(Op::SetCount {
            field: FieldKey::Pv(PvField::A),
            value: Some(120),
        })
        .unwrap();
        f.commit(Op::SetNotes("calm".into())).unwrap();
        f.seal(&key()).unwrap();
        path
    }

    #[test]
    fn a_sealed_file_verifies_and_the_report_says_who_and_what() {
        let dir = tempfile::tempdir().unwrap();
        let report = verify_file(&sealed_file(dir.path()));
        assert!(report.is_ok(), "{report}");
        assert!(report.problems.is_empty());
        let text = report.to_string();
        assert!(text.contains("OK"), "{text}");
        assert!(text.contains("0668::SB1"), "{text}");
        assert!(text.contains("TK2025"), "{text}");
        assert_eq!(report.fingerprint.as_ref().unwrap().split(' ').count(), 16);
    }

    #[test]
    fn an_unsealed_file_fails_and_a_missing_one_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = crate::sheet::tests::header();
        h.observer.public_key = hex::encode(key().verifying_key().as_bytes());
        let path = dir.path().join("open.jsonl");
        Editor::create(&path, Form::load("tk").unwrap(), h).unwrap();
        let report = verify_file(&path);
        assert_eq!(report.verdict, Verdict::Failed);
        assert!(report.problems[0].en.contains("not sealed"), "{report}");

        let report = verify_file(&dir.path().join("none.jsonl"));
        assert!(report.unreadable(), "{report}");
        assert!(report.problems[0].en.contains("none.jsonl"), "{report}");
    }

    #[test]
    fn a_cut_seal_says_the_file_was_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = sealed_file(dir.path());
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
        let report = verify_file(&path);
        assert_eq!(report.verdict, Verdict::Failed);
        assert!(
            report.problems.iter().any(|p| p.en.contains("cut")),
            "{report}"
        );
        assert!(
            report.problems.iter().any(|p| p.en.contains("not sealed")),
            "{report}"
        );
    }

    /// Rewrites a sealed journal the way a careful forger would: an entry put in before
    /// the seal, and every `prev` after it recomputed, so the chain holds.
    #[test]
    fn an_entry_slipped_in_before_the_seal_is_named_with_both_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = sealed_file(dir.path());
        let text = std::fs::read_to_string(&path).unwrap();
        let mut entries: Vec<Entry> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let seal = entries.pop().unwrap();
        let last = entries.last().unwrap().clone();
        entries.push(Entry {
            seq: last.seq + 1,
            prev: String::new(),
            at: last.at.clone(),
            body: Body::Op(Op::SetCount {
                field: FieldKey::Pv(PvField::A),
                value: Some(121),
            }),
        });
        entries.push(Entry {
            seq: last.seq + 2,
            ..seal
        });
        let mut out = String::new();
        let mut prev = crate::sheet::journal::GENESIS_PREV.to_string();
        for mut e in entries {
            e.prev = prev;
            let line = e.to_line().unwrap();
            prev = crate::sheet::journal::line_hash(line.as_bytes());
            out.push_str(&line);
            out.push('\n');
        }
        std::fs::write(&path, out).unwrap();
        let report = verify_file(&path);
        assert_eq!(report.verdict, Verdict::Failed);
        let text = report.to_string();
        assert!(
            text.contains("field A: the sealed sheet says 120, entry 3 of the journal sets 121"),
            "{text}"
        );
    }

    #[test]
    fn a_sealed_sheet_json_file_is_verified_without_a_journal() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = crate::sheet::tests::header();
        h.observer.public_key = hex::encode(key().verifying_key().as_bytes());
        let sealed = seal::seal(
            &Sheet::new(h),
            &"ab".repeat(32),
            "2025-10-29T23:00:00+01:00",
            &key(),
        )
        .unwrap();
        let path = dir.path().join("from-qr.json");
        std::fs::write(&path, serde_json::to_vec_pretty(&sealed).unwrap()).unwrap();
        let report = verify_file(&path);
        assert!(report.is_ok(), "{report}");
        assert!(
            report.to_string().contains("without its journal"),
            "{report}"
        );
        let mut bad = sealed;
        bad.sheet.notes = "x".into();
        std::fs::write(&path, serde_json::to_vec(&bad).unwrap()).unwrap();
        assert_eq!(verify_file(&path).verdict, Verdict::Failed);
    }

    #[test]
    fn verify_sealed_checks_a_sheet_without_its_journal() {
        let mut h = crate::sheet::tests::header();
        h.observer.public_key = hex::encode(key().verifying_key().as_bytes());
        let sheet = Sheet::new(h);
        let sealed = seal::seal(
            &sheet,
            &"ab".repeat(32),
            "2025-10-29T23:00:00+01:00",
            &key(),
        )
        .unwrap();
        assert!(verify_sealed(&sealed).is_ok());
        let mut bad = sealed;
        bad.sheet.notes = "added".into();
        let report = verify_sealed(&bad);
        assert_eq!(report.verdict, Verdict::Failed);
        assert!(
            report.problems[0].en.contains("fingerprint mismatch"),
            "{report}"
        );
        assert!(report.to_string().starts_with("sealed sheet: FAILED"));
    }
}
