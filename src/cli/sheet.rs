//! The sheet subcommands: `new`, `set`, `show`, `seal`, `verify`, `correct`, `keys`, and
//! the way into the TUI. They edit and seal through the same [`Editor`] as the TUI, and
//! speak the language of `--lang` (Dutch by default), as the TUI does.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::checks::{self, CheckResult, CountView, Severity};
use crate::cli::{
    CorrectArgs, KeysArgs, NewArgs, Outcome, SealArgs, SetArgs, ShowArgs, VerifyArgs, EXIT_FAILED,
    EXIT_OK, EXIT_USAGE,
};
use crate::display::visible;
use crate::election::{PollingStation, StationId};
use crate::fingerprint::Fingerprint;
use crate::form::Form;
use crate::i18n::{Lang, Text};
use crate::keys;
use crate::sheet::journal::{Journal, Recovery, SheetFile};
use crate::sheet::seal;
use crate::sheet::verify;
use crate::sheet::{
    Answer, DhTick, EditError, Editor, Explained, FieldKey, ObservedSession, Observer, Op, PvField,
    Sheet, SheetHeader, SheetKind, TimeOfDay, FORMAT_VERSION,
};
use crate::{text, words};

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
pub fn new(a: &NewArgs, lang: Lang) -> Outcome {
    let form = Form::load(&a.form).map_err(|e| e.to_string())?;
    let station_id: StationId = a.station.parse()?;
    let alias = a.observer.trim();
    if alias.is_empty() || alias.chars().any(char::is_control) {
        return Err(words!(
            "--observer: geef een bijnaam van één regel, bijvoorbeeld --observer anna",
            "--observer: give an alias of one line, e.g. --observer anna"
        )
        .get(lang)
        .to_string());
    }
    let mut station = match form.station(&station_id) {
        Some(known) => known.clone(),
        None => {
            if !form.election.stations.is_empty() {
                let (n, id) = (form.election.stations.len(), visible(form.id()));
                note(
                    lang,
                    text!(
                        "stembureau {station_id} staat niet bij de {n} stembureaus die formulier `{id}` kent; verder met alleen het nummer",
                        "station {station_id} is not among the {n} stations form `{id}` knows; continuing with the id only"
                    ),
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
        .map_err(|e: Text| format!("--session: {}", e.get(lang)))?;
    let key = keys::load_or_create().map_err(|e| e.text().get(lang).to_string())?;
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
    let editor =
        Editor::create(&a.out, form, header).map_err(|e| e.text().get(lang).to_string())?;
    let h = &editor.sheet().header;
    let (out, name, station, alias) = (
        a.out.display(),
        visible(&h.election.name),
        &h.station.id,
        visible(&h.observer.alias),
    );
    let suffix = station_suffix(&h.station);
    let created = text!(
        "{out} gemaakt: {name}, stembureau {station}{suffix}, waarnemer {alias}.",
        "Created {out}: {name} at {station}{suffix}, observer {alias}."
    );
    println!("{}", created.get(lang));
    let next = text!(
        "Vul waarden in met `meetel set {out} A=…`, of open het blad met `meetel tui {out}`.",
        "Enter values with `meetel set {out} A=…`, or open it with `meetel tui {out}`."
    );
    println!("{}", next.get(lang));
    Ok(EXIT_OK)
}

/// A note on standard error: `meetel: let op: …`.
fn note(lang: Lang, text: Text) {
    let word = words!("let op", "note").get(lang);
    eprintln!("meetel: {word}: {}", text.get(lang));
}

/// ` (Stembureau Gemeentehuis, West Maas en Waal), DSO (N 10-1)`: data, read the same in
/// both languages.
fn station_suffix(s: &PollingStation) -> String {
    let mut out = String::new();
    if !s.name.is_empty() {
        let _ = write!(out, " ({}", visible(&s.name));
        if !s.municipality_name.is_empty() {
            let _ = write!(out, ", {}", visible(&s.municipality_name));
        }
        out.push(')');
    }
    let _ = write!(out, ", {} ({})", s.counting.code(), s.counting.pv_model());
    out
}

/// The form a sheet was made with, found again by its name; if it cannot be found (a
/// form file that moved), the bare category form, so the sheet stays usable.
fn form_for(sheet: &Sheet, lang: Lang) -> Result<Form, String> {
    let h = &sheet.header;
    let id = visible(&h.form_id);
    match Form::load(&h.form_id) {
        Ok(form) => {
            if form.sha256() != h.form_sha256 {
                note(
                    lang,
                    text!(
                        "formulier `{id}` is veranderd sinds dit blad is gemaakt; er wordt gecontroleerd met de huidige versie",
                        "form `{id}` has changed since this sheet was made; checking against the current version"
                    ),
                );
            }
            Ok(form)
        }
        Err(_) => {
            let category = h.election.category;
            note(
                lang,
                text!(
                    "formulier `{id}` is niet gevonden; er wordt gecontroleerd met het kale {category}-formulier (elk lijstnummer is goed)",
                    "form `{id}` was not found; checking against the bare {category} form (any list number accepted)"
                ),
            );
            let category = crate::form::CategoryForm::embedded(h.election.category)
                .map_err(|e| e.to_string())?;
            Ok(Form::category_only(category))
        }
    }
}

/// Turns one `KEY=VALUE` into an op, given the sheet as it will be when the op applies.
fn parse_pair(pair: &str, sheet: &Sheet) -> Result<Op, Text> {
    let shown = visible(pair);
    let Some((key, value)) = pair.split_once('=') else {
        return Err(text!(
            "`{shown}`: verwacht SLEUTEL=WAARDE (KEY=VALUE), bijvoorbeeld A=1052 (zie `meetel set --help`)",
            "`{shown}`: expected KEY=VALUE, e.g. A=1052 (see `meetel set --help`)"
        ));
    };
    let key = key.trim();
    let value = value.trim();
    let empty = value.is_empty();
    let err = |e: Text| {
        let (en, ee) = (&e.nl, &e.en);
        text!("`{shown}`: {en}", "`{shown}`: {ee}")
    };
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
            let field: FieldKey = key.parse().map_err(|e: Text| {
                let (en, ee) = (&e.nl, &e.en);
                text!(
                    "{en} (zie `meetel set --help`)",
                    "{ee} (see `meetel set --help`)"
                )
            })?;
            let value = if empty {
                None
            } else {
                Some(value.parse::<u32>().map_err(|_| {
                    let value = visible(value);
                    text!(
                        "`{shown}`: `{value}` is geen aantal; verwacht een heel getal van 0 of meer, of niets om het veld te wissen",
                        "`{shown}`: `{value}` is not a count; expected a whole number 0 or more, or nothing to clear"
                    )
                })?)
            };
            Op::SetCount { field, value }
        }
    })
}

fn print_recovery(path: &Path, recovery: &Recovery, lang: Lang) {
    if !recovery.is_clean() {
        eprintln!("meetel: {}: {}", path.display(), recovery.text().get(lang));
    }
}

/// "het blad is verzegeld; start een correctie" when `file` is sealed.
fn refuse_sealed(path: &Path, file: &SheetFile, lang: Lang) -> Result<(), String> {
    match file.seal() {
        None => Ok(()),
        Some(seal) => {
            let (path, fp) = (path.display(), Fingerprint::notation_of(&seal.fingerprint));
            Err(text!(
                "{path} is verzegeld (vingerafdruk {fp}); een verzegeld blad kan niet meer veranderen. Begin een correctie met `meetel correct {path} --out NIEUW`",
                "{path} is sealed (fingerprint {fp}); a sealed sheet is read-only. Start a correction with `meetel correct {path} --out NEW`"
            )
            .get(lang)
            .to_string())
        }
    }
}

/// `meetel set`.
pub fn set(a: &SetArgs, lang: Lang) -> Outcome {
    let (file, recovery) = SheetFile::open(&a.file).map_err(|e| e.text().get(lang).to_string())?;
    print_recovery(&a.file, &recovery, lang);
    refuse_sealed(&a.file, &file, lang)?;
    let form = form_for(file.sheet(), lang)?;
    let mut editor = Editor::new(form, file);
    set_pairs(&mut editor, &a.pairs).map_err(|e| e.get(lang).to_string())?;
    let results = checks::run(&CountView::from_sheet(editor.sheet()).with_form(editor.form()));
    print_checks(&results, lang);
    Ok(EXIT_OK)
}

/// Parses every pair, then commits them all as one: a typo in the fifth pair, a field
/// the form does not have, or a failed write leaves the first four unwritten too.
fn set_pairs(editor: &mut Editor, pairs: &[String]) -> Result<(), Text> {
    let mut scratch = editor.sheet().clone();
    let mut ops = Vec::with_capacity(pairs.len());
    for pair in pairs {
        let op = parse_pair(pair, &scratch)?;
        scratch.apply(&op);
        ops.push(op);
    }
    editor.commit_all(ops).map_err(|e| match e {
        EditError::Refused { index, reason } => {
            let pair = visible(&pairs[index]);
            let (rn, re) = (&reason.nl, &reason.en);
            text!("`{pair}`: {rn}", "`{pair}`: {re}")
        }
        e => e.text(),
    })
}

fn print_checks(results: &[CheckResult], lang: Lang) {
    if results.is_empty() {
        let none = words!("Controles: niets gevonden.", "Checks: nothing found.");
        println!("{}", none.get(lang));
        return;
    }
    for r in results {
        println!("  {} {}", r.code, r.message.get(lang));
    }
}

/// What `meetel show` reads: a sheet file (its journal), or a sealed sheet as JSON, as
/// `meetel scan` writes it from QR codes.
struct Shown {
    sheet: Sheet,
    head: String,
    /// Fingerprint, signature, sealed at.
    seal: Option<(String, String, String)>,
    torn: Option<Text>,
    /// For a sealed-sheet JSON: whether its seal verifies (a journal is verified by
    /// `meetel verify`, which also checks the chain).
    seal_check: Option<Result<(), Text>>,
}

fn read_for_show(path: &Path, lang: Lang) -> Result<Shown, String> {
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
            torn: read.torn.as_ref().map(|t| t.text()),
            sheet: read.sheet,
            seal_check: None,
        }),
        Err(journal_error) => {
            // A sealed-sheet JSON is one object, which is never a journal line; only
            // when it parses as one is the journal's error set aside.
            let unreadable = || journal_error.text().get(lang).to_string();
            let bytes = std::fs::read(path).map_err(|_| unreadable())?;
            let Ok(sealed) = serde_json::from_slice::<seal::SealedSheet>(&bytes) else {
                return Err(unreadable());
            };
            let seal_check = Some(seal::verify(&sealed).map(|_| ()).map_err(|e| e.text()));
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
    let read = read_for_show(&a.file, lang)?;
    let sheet = &read.sheet;
    let form = form_for(sheet, lang)?;
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
        let (tn, te) = (&torn.nl, &torn.en);
        let cut = text!(
            "\nLet op: het bestand eindigt in een onvolledig item, achtergelaten door een onderbroken schrijfactie: {tn}",
            "\nNote: the file ends in an incomplete entry, left by an interrupted write: {te}"
        );
        println!("{}", cut.get(lang));
    }
    match &read.seal_check {
        Some(Ok(())) => println!(
            "{}",
            words!(
                "(verzegeld blad zonder journaal, uit QR-codes: vingerafdruk en handtekening kloppen)",
                "(a sealed sheet without its journal, from QR codes: fingerprint and signature hold)"
            )
            .get(lang)
        ),
        Some(Err(e)) => {
            let warning = words!(
                "LET OP: het zegel klopt niet",
                "WARNING: the seal does not verify"
            );
            println!("{}: {}", warning.get(lang), e.get(lang));
            return Ok(EXIT_FAILED);
        }
        None => {}
    }
    Ok(EXIT_OK)
}

/// The readable summary `meetel show` prints. Names and notes from the sheet are data,
/// shown through [`visible`].
fn summary(
    sheet: &Sheet,
    form: &Form,
    results: &[CheckResult],
    fingerprint: Option<&str>,
    lang: Lang,
) -> String {
    let h = &sheet.header;
    let mut o = String::new();
    let dash = "—";
    let _ = writeln!(
        o,
        "{} ({})",
        visible(&h.election.name),
        visible(&h.election.id)
    );
    let _ = writeln!(
        o,
        "{} {}{}",
        words!("Stembureau", "Station").get(lang),
        h.station.id,
        station_suffix(&h.station)
    );
    let _ = writeln!(
        o,
        "{}: {} ({}, {})",
        words!("Waarnemer", "Observer").get(lang),
        visible(&h.observer.alias),
        h.kind.label().get(lang),
        h.session.label().get(lang)
    );
    if let Some(s) = &h.supersedes {
        let _ = writeln!(
            o,
            "{} {}",
            words!("Corrigeert verzegeld blad", "Corrects sealed sheet").get(lang),
            visible(s)
        );
    }
    let _ = writeln!(o);
    for f in PvField::ALL {
        if !form.has_field(f) {
            continue;
        }
        let v = value_text(sheet, FieldKey::Pv(f), lang);
        let _ = writeln!(
            o,
            "  {}  {:<30} {:>8}",
            f.letter(),
            f.label().get(lang),
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
                truncate(&visible(name), 34),
                if v.is_empty() { dash.to_string() } else { v }
            );
            if cands > 0 {
                let total = form.list(n).map(|l| l.candidates.len()).unwrap_or(0);
                let _ = write!(
                    line,
                    "  ({cands}/{total} {})",
                    words!("kandidaten", "candidates").get(lang)
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
            sheet.dh_tick.map_or(dash, |t| t.label().get(lang)),
            words!("verklaard", "explained").get(lang),
            sheet.explained.map_or(dash, |e| e.label().get(lang))
        );
        if !expl.is_empty() {
            let _ = writeln!(o, "  {}", expl.join(", "));
        }
    }
    if !sheet.moments.is_empty() {
        let _ = writeln!(o, "\n{}:", words!("Momenten", "Moments").get(lang));
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
        words!("Controlelijst", "Checklist").get(lang),
        form.category.checklist.len(),
        words!("beantwoord", "answered").get(lang)
    );
    for q in &form.category.checklist {
        if let Some(a) = sheet.checklist.get(&q.id) {
            let ans = a.answer.map_or(dash, |a| a.label().get(lang));
            let note = if a.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", visible(&a.note))
            };
            let _ = writeln!(o, "  [{ans}] {}{note}", q.label.get(lang));
        }
    }
    if !sheet.events.is_empty() {
        let _ = writeln!(
            o,
            "\n{}:",
            words!("Bezwaren en incidenten", "Objections and incidents").get(lang)
        );
        for e in &sheet.events {
            let t = e
                .time
                .map(|t| t.to_string())
                .unwrap_or_else(|| "--:--".into());
            let _ = writeln!(
                o,
                "  {t} {} [{}] {}",
                e.kind.label().get(lang),
                visible(&e.category),
                visible(&e.text)
            );
            if !e.response.is_empty() {
                let _ = writeln!(
                    o,
                    "        {}: {}",
                    words!("reactie", "response").get(lang),
                    visible(&e.response)
                );
            }
        }
    }
    if !sheet.notes.is_empty() {
        // Line breaks in the notes are kept as line breaks; other controls made visible.
        let notes: Vec<String> = sheet
            .notes
            .split('\n')
            .map(|l| visible(l).into_owned())
            .collect();
        let _ = writeln!(
            o,
            "\n{}:\n  {}",
            words!("Notities", "Notes").get(lang),
            notes.join("\n  ")
        );
    }
    let _ = writeln!(
        o,
        "\n{}:",
        words!("Controles (Kiesraad)", "Checks (Kiesraad)").get(lang)
    );
    if results.is_empty() {
        let _ = writeln!(
            o,
            "  {}",
            words!(
                "niets gevonden in wat is waargenomen",
                "nothing found in what was observed"
            )
            .get(lang)
        );
    }
    for r in results {
        let _ = writeln!(o, "  {} {}", r.code, r.message.get(lang));
    }
    let _ = writeln!(o);
    match fingerprint {
        Some(fp) => {
            let _ = writeln!(
                o,
                "{}: {}",
                words!("VERZEGELD, vingerafdruk", "SEALED, fingerprint").get(lang),
                visible(&Fingerprint::notation_of(fp))
            );
        }
        None => {
            let _ = writeln!(
                o,
                "{}",
                words!("Nog niet verzegeld.", "Not sealed yet.").get(lang)
            );
        }
    }
    o
}

/// A count as `show` prints it: the typed figure, with the tally beside it when they
/// differ.
fn value_text(sheet: &Sheet, key: FieldKey, lang: Lang) -> String {
    let tally_word = words!("turf", "tally").get(lang);
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
pub fn seal(a: &SealArgs, lang: Lang) -> Outcome {
    let (file, recovery) = SheetFile::open(&a.file).map_err(|e| e.text().get(lang).to_string())?;
    print_recovery(&a.file, &recovery, lang);
    let path = a.file.display();
    if let Some(s) = file.seal() {
        let fp = Fingerprint::notation_of(&s.fingerprint);
        let already = text!(
            "{path} was al verzegeld. Vingerafdruk: {fp}",
            "{path} was already sealed. Fingerprint: {fp}"
        );
        println!("{}", already.get(lang));
        return Ok(EXIT_OK);
    }
    let key = keys::load_or_create().map_err(|e| e.text().get(lang).to_string())?;
    let mine = keys::public_key_hex(&key);
    let theirs = &file.sheet().header.observer.public_key;
    if &mine != theirs {
        let theirs: String = visible(theirs).chars().take(16).collect();
        let mine = &mine[..16];
        return Err(text!(
            "{path} is begonnen met een andere sleutel van een waarnemer ({theirs}…); alleen die sleutel kan het verzegelen. Uw sleutel is {mine}…",
            "{path} was started with another observer key ({theirs}…); only that key can seal it. Your key is {mine}…"
        )
        .get(lang)
        .to_string());
    }
    let form = form_for(file.sheet(), lang)?;
    let results = checks::run(&CountView::from_sheet(file.sheet()).with_form(&form));
    let errors = checks::errors(&results).len();
    if errors > 0 {
        note(
            lang,
            text!(
                "verzegeld met {errors} open F-code(s); het zegel legt vast wat u zag, fouten inbegrepen.",
                "sealing with {errors} open F-code(s); the seal records what you saw, errors included."
            ),
        );
    }
    let mut editor = Editor::new(form, file);
    let sealed = editor
        .seal(&key)
        .map_err(|e| e.text().get(lang).to_string())?;
    let fp = sealed.fingerprint();
    let done = text!(
        "{path} verzegeld.\nVingerafdruk: {fp}\nDeel deze vingerafdruk nu (een bericht, een post, een foto van `meetel qr {path} --text` in uw groep): dat, en niet de klok van de laptop, laat zien dat het blad er was vóór de officiële uitslag.",
        "Sealed {path}.\nFingerprint: {fp}\nShare this fingerprint now (a message, a post, a photo of `meetel qr {path} --text` in your group): that, not the laptop clock, shows the sheet existed before the official figures."
    );
    println!("{}", done.get(lang));
    Ok(EXIT_OK)
}

/// `meetel verify`.
pub fn verify(a: &VerifyArgs, lang: Lang) -> Outcome {
    let mut trusted = Vec::new();
    for k in &a.keys {
        let key =
            keys::read_public_key_file(k).map_err(|e| format!("--key: {}", e.text().get(lang)))?;
        trusted.push(hex::encode(key.to_bytes()));
    }
    let mut code = EXIT_OK;
    for path in &a.files {
        let report = verify::verify_file(path);
        println!("{}", report.render(lang));
        if !report.is_ok() {
            code = code.max(if report.unreadable() {
                EXIT_USAGE
            } else {
                EXIT_FAILED
            });
        } else if !trusted.is_empty() {
            // The seal holds; now: is it one of the observers the caller vouches for?
            let key = visible(report.public_key.as_deref().unwrap_or_default()).into_owned();
            if trusted.contains(&key) {
                let ok = words!(
                    "  sleutel     een van de sleutels gegeven met --key",
                    "  key          one of the keys given with --key"
                );
                println!("{}", ok.get(lang));
            } else {
                let n = trusted.len();
                let failed = text!(
                    "  AFGEKEURD: verzegeld met sleutel {key}, die niet bij de {n} sleutel(s) hoort die met --key zijn gegeven",
                    "  FAILED: sealed by key {key}, which is not among the {n} key(s) given with --key"
                );
                println!("{}", failed.get(lang));
                code = code.max(EXIT_FAILED);
            }
        }
    }
    Ok(code)
}

/// Ops that rebuild `sheet`'s observations on a new sheet (for a correction).
fn ops_reproducing(sheet: &Sheet) -> Vec<Op> {
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
pub fn correct(a: &CorrectArgs, lang: Lang) -> Outcome {
    let report = verify::verify_file(&a.sealed);
    let sealed_path = a.sealed.display();
    if !report.is_ok() {
        println!("{}", report.render(lang));
        return Err(text!(
            "{sealed_path} klopt niet bij controle; alleen een gecontroleerd verzegeld blad kan worden gecorrigeerd",
            "{sealed_path} does not verify; only a verified sealed sheet can be corrected"
        )
        .get(lang)
        .to_string());
    }
    let read = Journal::read(&a.sealed).map_err(|e| e.text().get(lang).to_string())?;
    let seal = read.seal.as_ref().ok_or_else(|| {
        text!(
            "{sealed_path} is niet verzegeld; bewerk het blad zelf",
            "{sealed_path} is not sealed; edit it directly"
        )
        .get(lang)
        .to_string()
    })?;
    let key = keys::load_or_create().map_err(|e| e.text().get(lang).to_string())?;
    let mut header = read.sheet.header.clone();
    header.supersedes = Some(seal.record.fingerprint.clone());
    header.observer.public_key = keys::public_key_hex(&key);
    let form = form_for(&read.sheet, lang)?;
    let mut editor =
        Editor::create(&a.out, form, header).map_err(|e| e.text().get(lang).to_string())?;
    editor
        .commit_all(ops_reproducing(&read.sheet))
        .map_err(|e| e.text().get(lang).to_string())?;
    let (out, fp) = (
        a.out.display(),
        Fingerprint::notation_of(&seal.record.fingerprint),
    );
    let made = text!(
        "{out} gemaakt: een correctie van het blad verzegeld als {fp}, met zijn waarden. Verander wat niet klopte, en verzegel het dan.",
        "Created {out}: a correction of the sheet sealed as {fp}, with its values. Change what was wrong, then seal it."
    );
    println!("{}", made.get(lang));
    Ok(EXIT_OK)
}

/// `meetel keys`.
pub fn keys(a: &KeysArgs, lang: Lang) -> Outcome {
    let key = keys::load_or_create().map_err(|e| e.text().get(lang).to_string())?;
    let public = keys::public_key_hex(&key);
    let path = keys::key_path().map_err(|e| e.text().get(lang).to_string())?;
    let path = path.display();
    let shown = text!(
        "Publieke sleutel: {public}\nSleutelbestand:   {path}",
        "Public key: {public}\nKey file:   {path}"
    );
    println!("{}", shown.get(lang));
    if let Some(out) = &a.export {
        keys::export_public_key(&key, out).map_err(|e| e.text().get(lang).to_string())?;
        let out = out.display();
        println!(
            "{}",
            text!("Geschreven naar {out}", "Written to {out}").get(lang)
        );
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_multi_field_set_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.meetel");
        let form = Form::load("tk").unwrap();
        let header = crate::testkit::named_header("set");
        let mut editor = Editor::create(&path, form, header).unwrap();
        set_pairs(&mut editor, &pairs(&["A=10"])).unwrap();
        let before = std::fs::read(&path).unwrap();

        // A failed write: neither B nor the note is made, on disk or in memory.
        editor.fail_writes_with("disk full");
        let err = set_pairs(&mut editor, &pairs(&["B=7", "note=twee tellers"])).unwrap_err();
        assert!(err.en.contains("disk full"), "{}", err.en);
        assert!(err.nl.contains("kon niet worden opgeslagen"), "{}", err.nl);
        assert_eq!(editor.sheet().pv(PvField::B), None);
        assert_eq!(editor.sheet().notes, "");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        drop(editor);

        // A pair the form refuses, after a good one: nothing is written, and the message
        // names the pair.
        let (file, _) = SheetFile::open(&path).unwrap();
        let mut editor = Editor::new(Form::load("gr").unwrap(), file);
        let err = set_pairs(&mut editor, &pairs(&["B=7", "C=3"])).unwrap_err();
        assert!(err.en.starts_with("`C=3`: "), "{}", err.en);
        assert!(err.nl.contains("bestaat niet"), "{}", err.nl);
        assert_eq!(editor.sheet().pv(PvField::B), None);
        assert_eq!(std::fs::read(&path).unwrap(), before);

        // Both good: both are made, in one write.
        set_pairs(&mut editor, &pairs(&["B=7", "note=twee tellers"])).unwrap();
        assert_eq!(editor.sheet().pv(PvField::B), Some(7));
        assert_eq!(editor.sheet().notes, "twee tellers");
        assert_eq!(editor.seq(), 3);
    }

    #[test]
    fn pairs_are_refused_in_the_language_asked() {
        let sheet = Sheet::new(crate::testkit::named_header("x"));
        let err = parse_pair("A=abc", &sheet).unwrap_err();
        assert!(err.nl.contains("geen aantal"), "{}", err.nl);
        assert!(err.en.contains("not a count"), "{}", err.en);
        let err = parse_pair("dh=maybe", &sheet).unwrap_err();
        assert!(err.nl.starts_with("`dh=maybe`: "), "{}", err.nl);
        assert!(err.nl.contains("verwacht equal"), "{}", err.nl);
    }
}
