//! The sheet subcommands: `new`, `set`, `show`, `seal`, `verify`, `correct`, `keys`, and
//! the way into the TUI. They use the same journal, checks and seal as the TUI does.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::checks::{self, CheckResult, CountView, Severity};
use crate::cli::{
    CorrectArgs, KeysArgs, NewArgs, Outcome, SealArgs, SetArgs, ShowArgs, VerifyArgs, EXIT_FAILED,
    EXIT_OK, EXIT_USAGE,
};
use crate::election::{PollingStation, StationId};
use crate::form::Form;
use crate::hash::kiesraad_notation;
use crate::i18n::Lang;
use crate::keys;
use crate::sheet::journal::{Journal, SheetFile};
use crate::sheet::seal;
use crate::sheet::verify;
use crate::sheet::{
    Answer, DhTick, EditError, Editor, EventKind, Explained, FieldKey, ObservedSession, Observer,
    Op, PvField, Sheet, SheetHeader, SheetKind, TimeOfDay, FORMAT_VERSION,
};

/// `meetel` / `meetel tui`: the terminal app.
pub fn tui(lang: Lang, file: Option<PathBuf>, form: Option<String>, demo: bool) -> Outcome {
    crate::tui::run(crate::tui::TuiOptions {
        lang,
        file,
        form,
        demo,
    })
    .map(|()| EXIT_OK)
}

/// `meetel new`.
pub fn new(a: &NewArgs) -> Outcome {
    let form = Form::load(&a.form).map_err(|e| e.to_string())?;
    let station_id: StationId = a.station.parse()?;
    let alias = a.observer.trim();
    if alias.is_empty() || alias.chars().any(char::is_control) {
        return Err("--observer: give an alias of one line, e.g. --observer anna".into());
    }
    let mut station = match form.station(&station_id) {
        Some(known) => known.clone(),
        None => {
            if !form.election.stations.is_empty() {
                eprintln!(
                    "meetel: note: station {station_id} is not among the {} stations form `{}` knows; \
                     continuing with the id only",
                    form.election.stations.len(),
                    form.id()
                );
            }
            PollingStation::bare(station_id)
        }
    };
    if let Some(c) = &a.counting {
        station.counting = c.parse().map_err(|e: String| format!("--counting: {e}"))?;
    }
    let session: ObservedSession = a
        .session
        .parse()
        .map_err(|e: String| format!("--session: {e}"))?;
    let key = keys::load_or_create().map_err(|e| e.to_string())?;
    let header = SheetHeader {
        format: FORMAT_VERSION,
        kind: if a.transcription {
            SheetKind::PvTranscription
        } else {
            SheetKind::Observation
        },
        form_id: form.id().to_string(),
        form_sha256: form.sha256(),
        election: form.election.election.clone(),
        station,
        session,
        observer: Observer {
            alias: alias.to_string(),
            public_key: keys::public_key_hex(&key),
        },
        supersedes: None,
    };
    let editor = Editor::create(&a.out, form, header).map_err(|e| e.to_string())?;
    let h = &editor.sheet().header;
    println!(
        "Created {}: {} at {}{}, observer {}.",
        a.out.display(),
        h.election.name,
        h.station.id,
        station_suffix(&h.station),
        h.observer.alias
    );
    println!(
        "Enter values with `meetel set {} A=…`, or open it with `meetel tui {}`.",
        a.out.display(),
        a.out.display()
    );
    Ok(EXIT_OK)
}

fn station_suffix(s: &PollingStation) -> String {
    let mut out = String::new();
    if !s.name.is_empty() {
        let _ = write!(out, " ({}", s.name);
        if !s.municipality_name.is_empty() {
            let _ = write!(out, ", {}", s.municipality_name);
        }
        out.push(')');
    }
    let _ = write!(out, ", {} ({})", s.counting.code(), s.counting.pv_model());
    out
}

/// The form a sheet was made with, found again by its name; if it cannot be found (a
/// form file that moved), the bare category form, so the sheet stays usable.
pub fn form_for(sheet: &Sheet) -> Result<Form, String> {
    let h = &sheet.header;
    match Form::load(&h.form_id) {
        Ok(form) => {
            if form.sha256() != h.form_sha256 {
                eprintln!(
                    "meetel: note: form `{}` has changed since this sheet was made; checking against the current version",
                    h.form_id
                );
            }
            Ok(form)
        }
        Err(_) => {
            eprintln!(
                "meetel: note: form `{}` was not found; checking against the bare {} form (any list number accepted)",
                h.form_id, h.election.category
            );
            let category = crate::form::CategoryForm::embedded(h.election.category)
                .map_err(|e| e.to_string())?;
            Ok(Form::category_only(category))
        }
    }
}

/// Turns one `KEY=VALUE` into an op, given the sheet as it will be when the op applies.
pub fn parse_pair(pair: &str, sheet: &Sheet) -> Result<Op, String> {
    let (key, value) = pair.split_once('=').ok_or_else(|| {
        format!("`{pair}`: expected KEY=VALUE, e.g. A=1052 (see `meetel set --help`)")
    })?;
    let key = key.trim();
    let value = value.trim();
    let empty = value.is_empty();
    let err = |e: String| format!("`{pair}`: {e}");
    Ok(match key {
        "note" | "notes" => Op::SetNotes(value.to_string()),
        "dh" => Op::SetDhTick(if empty {
            None
        } else {
            Some(value.parse::<DhTick>().map_err(err)?)
        }),
        "explained" => Op::SetExplained(if empty {
            None
        } else {
            Some(value.parse::<Explained>().map_err(err)?)
        }),
        _ if key.starts_with("moment.") => Op::SetMoment {
            id: key["moment.".len()..].to_string(),
            time: if empty {
                None
            } else {
                Some(value.parse::<TimeOfDay>().map_err(err)?)
            },
        },
        _ if key.starts_with("check.") => {
            let rest = &key["check.".len()..];
            if let Some(id) = rest.strip_suffix(".note") {
                let answer = sheet.checklist.get(id).and_then(|a| a.answer);
                Op::SetCheck {
                    id: id.to_string(),
                    answer,
                    note: value.to_string(),
                }
            } else {
                let note = sheet
                    .checklist
                    .get(rest)
                    .map(|a| a.note.clone())
                    .unwrap_or_default();
                Op::SetCheck {
                    id: rest.to_string(),
                    answer: if empty {
                        None
                    } else {
                        Some(value.parse::<Answer>().map_err(err)?)
                    },
                    note,
                }
            }
        }
        _ => {
            let field: FieldKey = key
                .parse()
                .map_err(|e: String| format!("{e} (see `meetel set --help`)"))?;
            let value = if empty {
                None
            } else {
                Some(value.parse::<u32>().map_err(|_| {
                    format!("`{pair}`: `{value}` is not a count; expected a whole number 0 or more, or nothing to clear")
                })?)
            };
            Op::SetCount { field, value }
        }
    })
}

fn print_recovery(path: &Path, recovery: &crate::sheet::journal::Recovery) {
    if !recovery.is_clean() {
        eprintln!("meetel: {}: {recovery}", path.display());
    }
}

/// `meetel set`.
pub fn set(a: &SetArgs, lang: Lang) -> Outcome {
    let (file, recovery) = SheetFile::open(&a.file).map_err(|e| e.to_string())?;
    print_recovery(&a.file, &recovery);
    if let Some(seal) = file.seal() {
        return Err(format!(
            "{} is sealed (fingerprint {}); a sealed sheet is read-only. Start a correction with `meetel correct {} --out NEW`",
            a.file.display(),
            kiesraad_notation(&crate::hash::parse_sha256(&seal.fingerprint)?),
            a.file.display()
        ));
    }
    let form = form_for(file.sheet())?;
    let mut editor = Editor::new(form, file);
    // Every pair is parsed, then all are checked against the form and written together,
    // so a typo in the fifth pair does not leave the first four half-applied.
    let mut scratch = editor.sheet().clone();
    let mut ops = Vec::new();
    for pair in &a.pairs {
        let op = parse_pair(pair, &scratch)?;
        scratch.apply(&op);
        ops.push(op);
    }
    editor.commit_all(ops).map_err(|e| match e {
        EditError::Refused { index, reason } => format!("`{}`: {}", a.pairs[index], reason.en),
        e => e.to_string(),
    })?;
    let results = checks::run(&CountView::from_sheet(editor.sheet()).with_form(editor.form()));
    print_checks(&results, lang);
    Ok(EXIT_OK)
}

fn print_checks(results: &[CheckResult], lang: Lang) {
    if results.is_empty() {
        println!(
            "{}",
            tr(lang, "Controles: niets gevonden.", "Checks: nothing found.")
        );
        return;
    }
    for r in results {
        println!("  {} {}", r.code, r.message.get(lang));
    }
}

fn tr(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// What `meetel show` reads: a sheet file (its journal), or a sealed sheet as JSON, as
/// `meetel scan` writes it from QR codes.
struct Shown {
    sheet: Sheet,
    head: String,
    /// Fingerprint, signature, sealed at.
    seal: Option<(String, String, String)>,
    torn: Option<String>,
    /// For a sealed-sheet JSON: whether its seal verifies (a journal is verified by
    /// `meetel verify`, which also checks the chain).
    seal_check: Option<Result<(), String>>,
}

fn read_for_show(path: &Path) -> Result<Shown, String> {
    match Journal::read(path) {
        Ok(read) => Ok(Shown {
            head: read.head.clone(),
            seal: read.seal.as_ref().map(|s| {
                (
                    s.record.fingerprint.clone(),
                    s.record.signature.clone(),
                    s.at.clone(),
                )
            }),
            torn: read.torn.as_ref().map(|t| t.to_string()),
            sheet: read.sheet,
            seal_check: None,
        }),
        Err(journal_error) => {
            // A sealed-sheet JSON is one object, which is never a journal line; only
            // when it parses as one is the journal's error set aside.
            let bytes = std::fs::read(path).map_err(|_| journal_error.to_string())?;
            let Ok(sealed) = serde_json::from_slice::<seal::SealedSheet>(&bytes) else {
                return Err(journal_error.to_string());
            };
            let seal_check = Some(seal::verify(&sealed).map(|_| ()).map_err(|e| e.to_string()));
            Ok(Shown {
                head: sealed.journal_head.clone(),
                seal: Some((
                    sealed.seal.fingerprint.clone(),
                    sealed.seal.signature.clone(),
                    sealed.sealed_at.clone(),
                )),
                torn: None,
                sheet: sealed.sheet,
                seal_check,
            })
        }
    }
}

/// `meetel show`.
pub fn show(a: &ShowArgs, lang: Lang) -> Outcome {
    let read = read_for_show(&a.file)?;
    let sheet = &read.sheet;
    let form = form_for(sheet)?;
    let results = checks::run(&CountView::from_sheet(sheet).with_form(&form));
    if a.json {
        let value = serde_json::json!({
            "file": a.file.display().to_string(),
            "sheet": sheet,
            "checks": results.iter().map(|r| serde_json::json!({
                "code": r.code,
                "severity": match r.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "fields": r.fields.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
                "message": { "nl": r.message.nl, "en": r.message.en },
            })).collect::<Vec<_>>(),
            "journal_head": read.head,
            "seal": read.seal.as_ref().map(|(fingerprint, signature, at)| serde_json::json!({
                "fingerprint": fingerprint,
                "signature": signature,
                "sealed_at": at,
            })),
        });
        println!("{}", serde_json::to_string_pretty(&value).expect("JSON"));
        return Ok(EXIT_OK);
    }
    print!(
        "{}",
        summary(
            sheet,
            &form,
            &results,
            read.seal.as_ref().map(|(fp, _, _)| fp.as_str()),
            lang
        )
    );
    if let Some(torn) = &read.torn {
        println!(
            "\nNote: the file ends in an incomplete entry, left by an interrupted write: {torn}"
        );
    }
    match &read.seal_check {
        Some(Ok(())) => println!(
            "{}",
            tr(
                lang,
                "(verzegeld blad zonder journaal, uit QR-codes: vingerafdruk en handtekening kloppen)",
                "(a sealed sheet without its journal, from QR codes: fingerprint and signature hold)"
            )
        ),
        Some(Err(e)) => {
            println!(
                "{}: {e}",
                tr(
                    lang,
                    "LET OP: het zegel klopt niet",
                    "WARNING: the seal does not verify"
                )
            );
            return Ok(EXIT_FAILED);
        }
        None => {}
    }
    Ok(EXIT_OK)
}

/// The readable summary `meetel show` prints.
pub fn summary(
    sheet: &Sheet,
    form: &Form,
    results: &[CheckResult],
    fingerprint: Option<&str>,
    lang: Lang,
) -> String {
    let h = &sheet.header;
    let mut o = String::new();
    let dash = "—";
    let _ = writeln!(o, "{} ({})", h.election.name, h.election.id);
    let _ = writeln!(
        o,
        "{} {}{}",
        tr(lang, "Stembureau", "Station"),
        h.station.id,
        station_suffix(&h.station)
    );
    let kind = match (h.kind, lang) {
        (SheetKind::Observation, Lang::Nl) => "waarneming",
        (SheetKind::Observation, Lang::En) => "observation",
        (SheetKind::PvTranscription, Lang::Nl) => "overname van het gepubliceerde PV",
        (SheetKind::PvTranscription, Lang::En) => "transcription of the published PV",
    };
    let _ = writeln!(
        o,
        "{}: {} ({kind}, {})",
        tr(lang, "Waarnemer", "Observer"),
        h.observer.alias,
        session_label(h.session, lang)
    );
    if let Some(s) = &h.supersedes {
        let _ = writeln!(
            o,
            "{} {s}",
            tr(lang, "Corrigeert verzegeld blad", "Corrects sealed sheet")
        );
    }
    let _ = writeln!(o);
    for f in PvField::ALL {
        if !form.has_field(f) {
            continue;
        }
        let label = match lang {
            Lang::Nl => f.dutch(),
            Lang::En => &f.label().en,
        };
        let v = value_text(sheet, FieldKey::Pv(f), lang);
        let _ = writeln!(
            o,
            "  {}  {:<30} {:>8}",
            f.letter(),
            label,
            if v.is_empty() { dash.to_string() } else { v }
        );
    }
    let mut list_numbers: Vec<u32> = form.election.lists.iter().map(|l| l.number).collect();
    for k in sheet.observed_fields() {
        if let FieldKey::List(n) | FieldKey::ListPage(n) | FieldKey::Candidate { list: n, .. } = k {
            if !list_numbers.contains(&n) {
                list_numbers.push(n);
            }
        }
    }
    list_numbers.sort_unstable();
    if !list_numbers.is_empty() {
        let _ = writeln!(o);
        for n in list_numbers {
            let name = form.list(n).map(|l| l.name.as_str()).unwrap_or("");
            let v = value_text(sheet, FieldKey::List(n), lang);
            let cands = sheet
                .observed_fields()
                .into_iter()
                .filter(|k| matches!(k, FieldKey::Candidate { list, .. } if *list == n))
                .count();
            let mut line = format!(
                "  E.{n:<3} {:<34} {:>8}",
                truncate(name, 34),
                if v.is_empty() { dash.to_string() } else { v }
            );
            if cands > 0 {
                let total = form.list(n).map(|l| l.candidates.len()).unwrap_or(0);
                let _ = write!(
                    line,
                    "  ({cands}/{total} {})",
                    tr(lang, "kandidaten", "candidates")
                );
            }
            let _ = writeln!(o, "{line}");
        }
    }
    let expl: Vec<String> = crate::sheet::Explanation::ALL
        .iter()
        .filter_map(|x| {
            sheet
                .value(FieldKey::Explanation(*x))
                .map(|v| format!("{} {v}", x.key()))
        })
        .collect();
    if sheet.dh_tick.is_some() || sheet.explained.is_some() || !expl.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "  D/H: {}   {}: {}",
            sheet.dh_tick.map(|t| dh_label(t, lang)).unwrap_or(dash),
            tr(lang, "verklaard", "explained"),
            sheet
                .explained
                .map(|e| explained_label(e, lang))
                .unwrap_or(dash)
        );
        if !expl.is_empty() {
            let _ = writeln!(o, "  {}", expl.join(", "));
        }
    }
    if !sheet.moments.is_empty() {
        let _ = writeln!(o, "\n{}:", tr(lang, "Momenten", "Moments"));
        for m in &form.category.moments {
            if let Some(t) = sheet.moments.get(&m.id) {
                let _ = writeln!(o, "  {t}  {}", m.label.get(lang));
            }
        }
    }
    let answered = sheet
        .checklist
        .values()
        .filter(|a| a.answer.is_some())
        .count();
    let _ = writeln!(
        o,
        "\n{}: {answered}/{} {}",
        tr(lang, "Controlelijst", "Checklist"),
        form.category.checklist.len(),
        tr(lang, "beantwoord", "answered")
    );
    for q in &form.category.checklist {
        if let Some(a) = sheet.checklist.get(&q.id) {
            let ans = a.answer.map(|a| answer_label(a, lang)).unwrap_or(dash);
            let note = if a.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", a.note)
            };
            let _ = writeln!(o, "  [{ans}] {}{note}", q.label.get(lang));
        }
    }
    if !sheet.events.is_empty() {
        let _ = writeln!(
            o,
            "\n{}:",
            tr(lang, "Bezwaren en incidenten", "Objections and incidents")
        );
        for e in &sheet.events {
            let kind = match (e.kind, lang) {
                (EventKind::Objection, Lang::Nl) => "bezwaar",
                (EventKind::Objection, Lang::En) => "objection",
                (EventKind::Incident, Lang::Nl) => "incident",
                (EventKind::Incident, Lang::En) => "incident",
            };
            let t = e
                .time
                .map(|t| t.to_string())
                .unwrap_or_else(|| "--:--".into());
            let _ = writeln!(o, "  {t} {kind} [{}] {}", e.category, e.text);
            if !e.response.is_empty() {
                let _ = writeln!(
                    o,
                    "        {}: {}",
                    tr(lang, "reactie", "response"),
                    e.response
                );
            }
        }
    }
    if !sheet.notes.is_empty() {
        let _ = writeln!(
            o,
            "\n{}:\n  {}",
            tr(lang, "Notities", "Notes"),
            sheet.notes.replace('\n', "\n  ")
        );
    }
    let _ = writeln!(
        o,
        "\n{}:",
        tr(lang, "Controles (Kiesraad)", "Checks (Kiesraad)")
    );
    if results.is_empty() {
        let _ = writeln!(
            o,
            "  {}",
            tr(
                lang,
                "niets gevonden in wat is waargenomen",
                "nothing found in what was observed"
            )
        );
    }
    for r in results {
        let _ = writeln!(o, "  {} {}", r.code, r.message.get(lang));
    }
    let _ = writeln!(o);
    match fingerprint {
        Some(fp) => {
            let fp = crate::hash::parse_sha256(fp)
                .map(|d| kiesraad_notation(&d))
                .unwrap_or_else(|_| fp.to_string());
            let _ = writeln!(
                o,
                "{}: {fp}",
                tr(lang, "VERZEGELD, vingerafdruk", "SEALED, fingerprint")
            );
        }
        None => {
            let _ = writeln!(o, "{}", tr(lang, "Nog niet verzegeld.", "Not sealed yet."));
        }
    }
    o
}

fn session_label(s: ObservedSession, lang: Lang) -> &'static str {
    match s {
        ObservedSession::StationCount => {
            tr(lang, "telling van het stembureau", "the station's count")
        }
        ObservedSession::MunicipalReview => tr(
            lang,
            "zitting van het gemeentelijk stembureau",
            "the municipal committee's session",
        ),
    }
}

fn dh_label(t: DhTick, lang: Lang) -> &'static str {
    match t {
        DhTick::Equal => tr(lang, "D = H aangevinkt", "D = H ticked"),
        DhTick::More => tr(lang, "H > D aangevinkt", "H > D ticked"),
        DhTick::Less => tr(lang, "H < D aangevinkt", "H < D ticked"),
        DhTick::NoneTicked => tr(lang, "geen vakje aangevinkt", "no box ticked"),
        DhTick::Several => tr(
            lang,
            "meer dan één vakje aangevinkt",
            "several boxes ticked",
        ),
    }
}

fn explained_label(e: Explained, lang: Lang) -> &'static str {
    match e {
        Explained::Yes => tr(lang, "ja", "yes"),
        Explained::No => tr(lang, "nee", "no"),
        Explained::Neither => tr(lang, "geen antwoord", "neither answer"),
        Explained::Both => tr(lang, "beide aangevinkt", "both ticked"),
    }
}

fn answer_label(a: Answer, lang: Lang) -> &'static str {
    match a {
        Answer::Yes => tr(lang, "ja", "yes"),
        Answer::No => tr(lang, "nee", "no"),
        Answer::Unknown => tr(lang, "onbekend", "unknown"),
    }
}

fn value_text(sheet: &Sheet, key: FieldKey, lang: Lang) -> String {
    let tally_word = tr(lang, "turf", "tally");
    let typed = sheet.counts.get(&key);
    let tally = sheet.tallies.get(&key);
    match (typed, tally) {
        (Some(t), Some(y)) if t != y => format!("{t} ({tally_word} {y})"),
        (Some(t), _) => t.to_string(),
        (None, Some(y)) => format!("{y} ({tally_word})"),
        (None, None) => String::new(),
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `meetel seal`.
pub fn seal(a: &SealArgs) -> Outcome {
    let (file, recovery) = SheetFile::open(&a.file).map_err(|e| e.to_string())?;
    print_recovery(&a.file, &recovery);
    if let Some(s) = file.seal() {
        let fp = crate::hash::parse_sha256(&s.fingerprint)?;
        println!(
            "{} was already sealed. Fingerprint: {}",
            a.file.display(),
            kiesraad_notation(&fp)
        );
        return Ok(EXIT_OK);
    }
    let key = keys::load_or_create().map_err(|e| e.to_string())?;
    let mine = keys::public_key_hex(&key);
    if mine != file.sheet().header.observer.public_key {
        return Err(format!(
            "{} was started with another observer key ({}…); only that key can seal it. Your key is {}…",
            a.file.display(),
            &file.sheet().header.observer.public_key[..16],
            &mine[..16]
        ));
    }
    let form = form_for(file.sheet())?;
    let results = checks::run(&CountView::from_sheet(file.sheet()).with_form(&form));
    let errors = results
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .count();
    if errors > 0 {
        eprintln!("meetel: note: sealing with {errors} open F-code(s); the seal records what you saw, errors included.");
    }
    let mut editor = Editor::new(form, file);
    let sealed = editor.seal(&key).map_err(|e| e.to_string())?;
    let fp = crate::hash::parse_sha256(&sealed.seal.fingerprint)?;
    println!("Sealed {}.", a.file.display());
    println!("Fingerprint: {}", kiesraad_notation(&fp));
    println!(
        "Share this fingerprint now (a message, a post, a photo of `meetel qr {} --text` in your group): \
         that, not the laptop clock, shows the sheet existed before the official figures.",
        a.file.display()
    );
    Ok(EXIT_OK)
}

/// `meetel verify`.
pub fn verify(a: &VerifyArgs) -> Outcome {
    let mut trusted = Vec::new();
    for k in &a.keys {
        let key = keys::read_public_key_file(k).map_err(|e| format!("--key: {e}"))?;
        trusted.push(hex::encode(key.to_bytes()));
    }
    let mut code = EXIT_OK;
    for path in &a.files {
        let report = verify::verify_file(path);
        println!("{report}");
        if !report.is_ok() {
            code = code.max(if report.unreadable() {
                EXIT_USAGE
            } else {
                EXIT_FAILED
            });
        } else if !trusted.is_empty() {
            // The seal holds; now: is it one of the observers the caller vouches for?
            let key = report.public_key.clone().unwrap_or_default();
            if trusted.contains(&key) {
                println!("  key          one of the keys given with --key");
            } else {
                println!(
                    "  FAILED: sealed by key {key}, which is not among the {} key(s) given with --key",
                    trusted.len()
                );
                code = code.max(EXIT_FAILED);
            }
        }
    }
    Ok(code)
}

/// Ops that rebuild `sheet`'s observations on a new sheet (for a correction).
pub fn ops_reproducing(sheet: &Sheet) -> Vec<Op> {
    let mut ops = Vec::new();
    for (field, value) in &sheet.counts {
        ops.push(Op::SetCount {
            field: *field,
            value: Some(*value),
        });
    }
    for (field, value) in &sheet.tallies {
        ops.push(Op::Tally {
            field: *field,
            delta: 0,
        });
        if *value > 0 {
            ops.push(Op::Tally {
                field: *field,
                delta: (*value).min(i32::MAX as u32) as i32,
            });
        }
    }
    if sheet.dh_tick.is_some() {
        ops.push(Op::SetDhTick(sheet.dh_tick));
    }
    if sheet.explained.is_some() {
        ops.push(Op::SetExplained(sheet.explained));
    }
    for (id, a) in &sheet.checklist {
        ops.push(Op::SetCheck {
            id: id.clone(),
            answer: a.answer,
            note: a.note.clone(),
        });
    }
    for (id, t) in &sheet.moments {
        ops.push(Op::SetMoment {
            id: id.clone(),
            time: Some(*t),
        });
    }
    for e in &sheet.events {
        ops.push(Op::PutEvent(e.clone()));
    }
    if !sheet.notes.is_empty() {
        ops.push(Op::SetNotes(sheet.notes.clone()));
    }
    ops
}

/// `meetel correct`.
pub fn correct(a: &CorrectArgs) -> Outcome {
    let report = verify::verify_file(&a.sealed);
    if !report.is_ok() {
        println!("{report}");
        return Err(format!(
            "{} does not verify; only a verified sealed sheet can be corrected",
            a.sealed.display()
        ));
    }
    let read = Journal::read(&a.sealed).map_err(|e| e.to_string())?;
    let seal = read
        .seal
        .as_ref()
        .ok_or_else(|| format!("{} is not sealed; edit it directly", a.sealed.display()))?;
    let key = keys::load_or_create().map_err(|e| e.to_string())?;
    let mut header = read.sheet.header.clone();
    header.supersedes = Some(seal.record.fingerprint.clone());
    header.observer.public_key = keys::public_key_hex(&key);
    let form = form_for(&read.sheet)?;
    let mut editor = Editor::create(&a.out, form, header).map_err(|e| e.to_string())?;
    editor
        .commit_all(ops_reproducing(&read.sheet))
        .map_err(|e| e.to_string())?;
    let fp = crate::hash::parse_sha256(&seal.record.fingerprint)?;
    println!(
        "Created {}: a correction of the sheet sealed as {}, with its values. Change what was wrong, then seal it.",
        a.out.display(),
        kiesraad_notation(&fp)
    );
    Ok(EXIT_OK)
}

/// `meetel keys`.
pub fn keys(a: &KeysArgs) -> Outcome {
    let key = keys::load_or_create().map_err(|e| e.to_string())?;
    let public = keys::public_key_hex(&key);
    println!("Public key: {public}");
    println!(
        "Key file:   {}",
        keys::key_path().map_err(|e| e.to_string())?.display()
    );
    if let Some(out) = &a.export {
        keys::export_public_key(&key, out).map_err(|e| e.to_string())?;
        println!("Written to {}", out.display());
    }
    Ok(EXIT_OK)
}
