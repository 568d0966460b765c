//! The comparison as a readable table, as JSON and as CSV (docs/compare.md describes
//! the JSON shape and the CSV columns).

use std::fmt::Write as _;
use std::io::Write;

use serde_json::{json, Value};

use super::{Comparison, FieldStatus, Verdict};
use crate::i18n::{Lang, Text};
use crate::sheet::FieldKey;
use crate::{text, words};

/// A comparison with the sheet it was made for (its path, as the user gave it).
pub type Labelled = (String, Comparison);

/// One JSON object for one sheet.
pub(crate) fn json_object(sheet: &str, c: &Comparison) -> Value {
    let differences: Vec<Value> = c
        .differences()
        .map(|f| {
            json!({
                "field": f.field.to_string(),
                "status": f.status.key(),
                "observed": f.observed,
                "published": f.published,
                "difference": f.difference,
            })
        })
        .collect();
    let patterns: Vec<Value> = c
        .patterns
        .iter()
        .map(|p| {
            let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
            if let Value::Object(m) = &mut v {
                m.insert(
                    "fields".into(),
                    p.fields()
                        .iter()
                        .map(|k| Value::String(k.to_string()))
                        .collect(),
                );
                let words = p.describe();
                m.insert("description".into(), Value::String(words.en.into_owned()));
                m.insert(
                    "description_nl".into(),
                    Value::String(words.nl.into_owned()),
                );
            }
            v
        })
        .collect();
    let checks: Vec<Value> = c
        .published_checks
        .iter()
        .map(|r| {
            json!({
                "code": r.code,
                "severity": r.severity.to_string(),
                "fields": r.fields.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
                "message": r.message.en,
                "message_nl": r.message.nl,
            })
        })
        .collect();
    json!({
        "sheet": sheet,
        "station": c.station.to_string(),
        "station_name": c.station_name,
        "election": c.election,
        "verdict": c.verdict,
        "differences": differences,
        "not_observed": c.not_observed().iter().map(|k| k.to_string()).collect::<Vec<_>>(),
        "patterns": patterns,
        "published_files": c.files,
        "published_checks": checks,
        "fields": c.fields.iter().map(|f| json!({
            "field": f.field.to_string(),
            "status": f.status.key(),
            "observed": f.observed,
            "published": f.published,
            "difference": f.difference,
            "required": f.required,
        })).collect::<Vec<_>>(),
        "notes": c.notes.iter().map(|n| &*n.en).collect::<Vec<_>>(),
    })
}

/// The JSON array, one object per sheet.
pub fn json(items: &[Labelled]) -> Value {
    Value::Array(items.iter().map(|(s, c)| json_object(s, c)).collect())
}

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 13] = [
    "sheet",
    "station",
    "election",
    "verdict",
    "field",
    "status",
    "observed",
    "published",
    "difference",
    "required",
    "patterns",
    "published_file",
    "published_sha256",
];

/// One row per compared field per sheet (one row with an empty field when the station
/// was not found). Numbers not there are empty cells, never 0.
pub fn csv(items: &[Labelled], out: impl Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    for (sheet, c) in items {
        let patterns: Vec<String> = c.patterns.iter().map(|p| p.kind().to_string()).collect();
        let patterns = patterns.join(" ");
        let (file, sha) = match c.files.as_slice() {
            [f] => (f.name.clone(), f.sha256.clone()),
            files => (
                files
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                files
                    .iter()
                    .map(|f| f.sha256.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
        };
        let base = [
            sheet.clone(),
            c.station.to_string(),
            c.election.clone(),
            c.verdict.code().to_string(),
        ];
        if c.fields.is_empty() {
            let row: Vec<String> = base
                .iter()
                .cloned()
                .chain(["", "", "", "", "", ""].map(String::from))
                .chain([patterns.clone(), file.clone(), sha.clone()])
                .collect();
            w.write_record(&row)?;
        }
        for f in &c.fields {
            let involved: Vec<&str> = c
                .patterns
                .iter()
                .filter(|p| p.fields().contains(&f.field))
                .map(|p| p.kind())
                .collect();
            let row: Vec<String> = base
                .iter()
                .cloned()
                .chain([
                    f.field.to_string(),
                    f.status.key().to_string(),
                    opt(f.observed),
                    opt(f.published),
                    f.difference.map(|d| d.to_string()).unwrap_or_default(),
                    if f.required { "yes" } else { "no" }.to_string(),
                    involved.join(" "),
                    file.clone(),
                    sha.clone(),
                ])
                .collect();
            w.write_record(&row)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// A readable report: per sheet the verdict, the likely patterns, the file used with
/// its fingerprint, the checks on the published figures and a table of the fields.
/// Equal candidate rows are left out of the table to keep it short (the JSON and CSV
/// have them all). In Dutch or English, in the same words as the TUI's compare screen:
/// the verdict KLOPT, WIJKT AF or ONVOLLEDIG in Dutch, the JSON's and CSV's code
/// (MATCH, MISMATCH, INCOMPLETE) in English.
pub fn table(items: &[Labelled], lang: Lang) -> String {
    const SHEET: &Text = &Text::fixed("Blad", "Sheet");
    const STATION: &Text = &Text::fixed("Stembureau", "Station");
    const VERDICT: &Text = &Text::fixed("Uitkomst", "Verdict");
    const LIKELY: &Text = &Text::fixed("Mogelijk", "Likely");
    const FILE: &Text = &Text::fixed("Bestand", "File");
    const CHECKS: &Text = &Text::fixed("Controles", "Checks");
    const NOTE: &Text = &Text::fixed("Opmerking", "Note");
    const LABELS: [&Text; 7] = [SHEET, STATION, VERDICT, LIKELY, FILE, CHECKS, NOTE];
    // The labels in a column, at least 10 wide (as the English has always been).
    let width = LABELS
        .iter()
        .map(|l| l.get(lang).chars().count() + 2)
        .max()
        .unwrap_or(0)
        .max(10);
    let label = |l: &Text| format!("{:<width$}", l.get(lang));
    let mut s = String::new();
    for (sheet, c) in items {
        let _ = writeln!(s, "{}{sheet}", label(SHEET));
        let name = c
            .station_name
            .as_deref()
            .map(|n| format!("  {n}"))
            .unwrap_or_default();
        let _ = writeln!(s, "{}{}{name}  ({})", label(STATION), c.station, c.election);
        let _ = writeln!(
            s,
            "{}{}  ({})",
            label(VERDICT),
            c.verdict.label().get(lang),
            c.reason().get(lang)
        );
        for p in &c.patterns {
            let _ = writeln!(s, "{}{}", label(LIKELY), p.describe().get(lang));
        }
        for f in &c.files {
            let _ = writeln!(s, "{}{}  SHA-256 {}", label(FILE), f.name, f.sha256);
        }
        if c.station_name.is_some() {
            if c.published_checks.is_empty() {
                let none = words!(
                    "geen F./W.-controle slaat aan op de gepubliceerde cijfers",
                    "no F./W. check fires on the published figures"
                );
                let _ = writeln!(s, "{}{}", label(CHECKS), none.get(lang));
            }
            for r in &c.published_checks {
                let _ = writeln!(s, "{}{}: {}", label(CHECKS), r.code, r.message.get(lang));
            }
        }
        for n in &c.notes {
            let _ = writeln!(s, "{}{}", label(NOTE), n.get(lang));
        }
        if !c.fields.is_empty() {
            let _ = writeln!(s);
            let head = [
                words!("veld", "field"),
                words!("waargenomen", "observed"),
                words!("gepubliceerd", "published"),
                words!("verschil", "difference"),
                words!("status", "status"),
            ]
            .map(|w| w.get(lang));
            // As wide as the longest field name shown (`X.too-many-issued` is 17), and
            // each figure column as wide as its heading.
            let width = c
                .fields
                .iter()
                .map(|f| f.field.to_string().chars().count())
                .max()
                .unwrap_or(0)
                .max(head[0].chars().count());
            let (w1, w2, w3) = (
                head[1].chars().count().max(9),
                head[2].chars().count().max(9),
                head[3].chars().count().max(10),
            );
            let _ = writeln!(
                s,
                "  {:<width$} {:>w1$} {:>w2$} {:>w3$}  {}",
                head[0], head[1], head[2], head[3], head[4]
            );
            let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
            for f in &c.fields {
                let quiet_candidate =
                    matches!(f.field, FieldKey::Candidate { .. }) && f.status == FieldStatus::Equal;
                if quiet_candidate {
                    continue;
                }
                let diff = f
                    .difference
                    .filter(|d| *d != 0)
                    .map(|d| format!("{d:+}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "  {:<width$} {:>w1$} {:>w2$} {:>w3$}  {}",
                    f.field.to_string(),
                    opt(f.observed),
                    opt(f.published),
                    diff,
                    f.status_label().get(lang)
                );
            }
        }
        let _ = writeln!(s);
    }
    let total = items.len();
    let matched = items
        .iter()
        .filter(|(_, c)| c.verdict == Verdict::Match)
        .count();
    let summary = text!(
        "{matched} van {total} blad(en) komen overeen met de gepubliceerde uitslag.",
        "{matched} of {total} sheet(s) match the published results."
    );
    let _ = writeln!(s, "{}", summary.get(lang));
    s
}
