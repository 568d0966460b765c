//! The osv4-3 CSV: the Kiesraad's per-station table, as its own `eml-nl` crate writes it
//! from a 510b (`eml_nl::csv`): UTF-8 with a byte-order mark, `;`-separated, every
//! non-empty field quoted. Layout:
//!
//! ```text
//! "Verkiezing";;"Tweede Kamer der Staten-Generaal 2025"
//! "Datum";;"2025-10-29"
//! "Gebied";;"Gemeente West Maas en Waal"
//! "Nummer";;"0668"
//!
//! "Lijstnummer";"Aanduiding";"Volgnummer";"Naam kandidaat";"Totaal";"Gemeentehuis";…   station names
//! "Gebiednummer";;;;;"1";…                                                            station numbers
//! "Postcode";;;;;"6658 AG";…
//! ;"geldige stempas";;;"12373";"2086";…                                               statistics rows
//! "1";"PVV (Partij voor de Vrijheid)";;;"3216";"568";…                                a list
//! ;;"1";"Wilders, G.";"3072";"542";…                                                  its candidates
//! ```
//!
//! The statistics rows map to the PV as the Kiesraad's export fills them from the 510b
//! (see [`statistic`]). The CSV writes 0 for a reason code a station's 510b lacks, so
//! unlike the EML it cannot tell "absent" from 0; `opgeroepenen` (eligible voters,
//! EML `Cast`) is not a PV count and is skipped.
//!
//! The file has no closing row, so one cut off at a line boundary would read as a shorter
//! file; [`read_text`] refuses one whose sums do not close (see `check_complete`).

use std::collections::BTreeMap;
use std::path::Path;

use super::counts::Counts;
use super::document::{DocumentInfo, DocumentKind};
use super::error::{ErrorKind, ImportError, Position};
use super::file::PublishedFile;
use super::input::InputFile;
use super::station::{PublishedCount, PublishedStation};
use crate::election::{CountingMethod, Election, ElectionCategory, PollingStation, StationId};
use crate::i18n::Text;
use crate::sheet::{Explanation, FieldKey, PvField};
use crate::{text, words};

/// Reads an osv4-3 CSV into one [`PublishedStation`] per station column.
pub fn read(path: &Path) -> Result<Vec<PublishedStation>, ImportError> {
    read_input(&InputFile::read(path)?).map(|c| c.stations)
}

/// Whether a text starts like an osv4-3 CSV: `"Verkiezing"`, the first header line.
pub(crate) fn is_osv(text: &str) -> bool {
    let head = text.trim_start();
    head.starts_with("\"Verkiezing\"") || head.starts_with("Verkiezing")
}

/// The PV field of a statistics row, by its label in column 2.
pub(crate) fn statistic(label: &str) -> Option<FieldKey> {
    let pv = |f| Some(FieldKey::Pv(f));
    let x = |e| Some(FieldKey::Explanation(e));
    match label {
        "geldige stempas" => pv(PvField::A),
        "geldig volmachtbewijs" => pv(PvField::B),
        "geldige kiezerspas" => pv(PvField::C),
        "toegelaten kiezers" => pv(PvField::D),
        "geldige stembiljetten" => pv(PvField::E),
        "blanco stembiljetten" => pv(PvField::F),
        "ongeldige stembiljetten" => pv(PvField::G),
        "aangetroffen stembiljetten" => pv(PvField::H),
        "meer stembiljetten dan toegelaten kiezers" => pv(PvField::I),
        "minder stembiljetten dan toegelaten kiezers" => pv(PvField::J),
        "kiezers met stembiljet hebben niet gestemd" => x(Explanation::TakenHome),
        "er zijn te weinig stembiljetten uitgereikt" => x(Explanation::TooFewIssued),
        "er zijn te veel stembiljetten uitgereikt" => x(Explanation::TooManyIssued),
        "geen verklaring" => x(Explanation::Unexplained),
        "andere verklaring" => x(Explanation::Other),
        // Not written by the current export; the EML reason codes, should a later one.
        other => Explanation::ALL
            .into_iter()
            .find(|e| e.eml_reason_code() == other)
            .map(FieldKey::Explanation),
    }
}

/// The election category from the election's name, the only place the CSV gives it.
pub(crate) fn category_from_name(name: &str) -> Option<ElectionCategory> {
    let n = name.to_lowercase();
    let table = [
        ("tweede kamer", ElectionCategory::TK),
        ("eerste kamer", ElectionCategory::EK),
        ("europees parlement", ElectionCategory::EP),
        ("provinciale staten", ElectionCategory::PS),
        ("gemeenteraad", ElectionCategory::GR),
        ("algemeen bestuur", ElectionCategory::AB),
        ("waterschap", ElectionCategory::AB),
        ("eilandsraad", ElectionCategory::ER),
        ("kiescollege", ElectionCategory::NR),
    ];
    table
        .into_iter()
        .find(|(p, _)| n.starts_with(p))
        .map(|(_, c)| c)
}

/// The municipality's name from `Gebied` (`Gemeente West Maas en Waal`).
fn area_name(gebied: &str) -> &str {
    gebied
        .strip_prefix("Gemeente ")
        .or_else(|| gebied.strip_prefix("Openbaar lichaam "))
        .unwrap_or(gebied)
        .trim()
}

/// The Kiesraad's election id, as far as the CSV allows: `TK2025`; for a municipal
/// election `GR2022_WestMaasenWaal` (the municipality's name without spaces). For PS,
/// AB, ER and NR the id also names the province or water board, which a municipal CSV
/// does not: there it is only category and year (and [`crate::eml::import`] takes the id from
/// an EML file of the same election when one is imported with it).
fn election_id(category: ElectionCategory, date: &str, gebied: &str) -> String {
    let year = date.get(..4).unwrap_or(date);
    match category {
        ElectionCategory::GR => {
            let muni: String = area_name(gebied)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            format!("GR{year}_{muni}")
        }
        c => format!("{c}{year}"),
    }
}

struct Row {
    line: usize,
    fields: Vec<String>,
}

/// Reads an osv4-3 CSV that is already in memory.
pub fn read_input(input: &InputFile) -> Result<PublishedCount, ImportError> {
    read_text(input, &input.text()?)
}

/// As [`read_input`], for text already decoded by [`super::input::decode`].
pub(crate) fn read_text(input: &InputFile, text: &str) -> Result<PublishedCount, ImportError> {
    let name = input.name.as_str();
    check_delimiter(name, text)?;
    // The last line with anything on it: where a cut-off file ends.
    let end_line = text.trim_end().lines().count();
    check_quotes_closed(name, text, end_line)?;

    // The `csv` crate handles quoting (a `;` or `"` inside a station name) and gives
    // each record's line for error messages.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
            ImportError::new(
                name,
                ErrorKind::CsvFormat,
                text!("geen leesbare CSV: {e}", "not a readable CSV: {e}"),
            )
            .at(Position::line(line))
        })?;
        let line = rec.position().map(|p| record_line(text, p)).unwrap_or(0);
        rows.push(Row {
            line,
            fields: rec.iter().map(|f| f.trim().to_string()).collect(),
        });
    }

    let header = |key: &str| -> Result<String, ImportError> {
        rows.iter()
            .find(|r| r.fields.first().map(String::as_str) == Some(key))
            .and_then(|r| r.fields.get(2).cloned())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                ImportError::new(
                    name,
                    ErrorKind::CsvFormat,
                    text!(
                        "geen regel `\"{key}\";;\"…\"` in de kop; verwacht de kopregels van osv4-3: Verkiezing, Datum, Gebied, Nummer",
                        "no `\"{key}\";;\"…\"` line in the header; expected the osv4-3 header lines Verkiezing, Datum, Gebied, Nummer"
                    ),
                )
                .at(Position::line(1))
            })
    };
    let election_name = header("Verkiezing")?;
    let date = header("Datum")?;
    let gebied = header("Gebied")?;
    let municipality = header("Nummer")?;
    let category = category_from_name(&election_name).ok_or_else(|| {
        ImportError::new(
            name,
            ErrorKind::CsvFormat,
            text!(
                "kan de soort verkiezing niet afleiden uit de naam `{election_name}`; verwacht bijvoorbeeld \"Tweede Kamer der Staten-Generaal 2025\" of \"Gemeenteraad … 2022\"",
                "cannot tell the kind of election from its name `{election_name}`; expected e.g. \"Tweede Kamer der Staten-Generaal 2025\" or \"Gemeenteraad … 2022\""
            ),
        )
        .at(Position::line(1))
    })?;
    let election = Election {
        id: election_id(category, &date, &gebied),
        category,
        name: election_name,
        date,
        contest: None,
    };

    let find_row = |key: &str| {
        rows.iter()
            .position(|r| r.fields.first().map(String::as_str) == Some(key))
    };
    let columns_at = find_row("Lijstnummer").ok_or_else(|| {
        let (ends, line) = if end_line < 6 {
            (ends_at(end_line), end_line.max(1))
        } else {
            (Text::default(), 6)
        };
        let (ends_nl, ends_en) = (&ends.nl, &ends.en);
        ImportError::new(
            name,
            ErrorKind::CsvFormat,
            text!(
                "{ends_nl}geen kolomkop die begint met \"Lijstnummer\"; verwacht \"Lijstnummer\";\"Aanduiding\";\"Volgnummer\";\"Naam kandidaat\";\"Totaal\";<stembureaus>",
                "{ends_en}no column header line starting with \"Lijstnummer\"; expected \"Lijstnummer\";\"Aanduiding\";\"Volgnummer\";\"Naam kandidaat\";\"Totaal\";<stations>"
            ),
        )
        .at(Position::line(line))
    })?;
    let columns = &rows[columns_at];
    if columns.fields.get(4).map(String::as_str) != Some("Totaal") {
        return Err(ImportError::new(
            name,
            ErrorKind::CsvFormat,
            Text::fixed(
                "de vijfde kolom is niet \"Totaal\"; verwacht \"Lijstnummer\";\"Aanduiding\";\"Volgnummer\";\"Naam kandidaat\";\"Totaal\";<stembureaus>",
                "the fifth column is not \"Totaal\"; expected \"Lijstnummer\";\"Aanduiding\";\"Volgnummer\";\"Naam kandidaat\";\"Totaal\";<stations>",
            ),
        )
        .at(Position { line: columns.line, column: Some(5) }));
    }
    let numbers_row = find_row("Gebiednummer").map(|i| &rows[i]).ok_or_else(|| {
        let (ends, line) = if end_line <= columns.line {
            (ends_at(end_line), end_line)
        } else {
            (Text::default(), columns.line + 1)
        };
        let (ends_nl, ends_en) = (&ends.nl, &ends.en);
        ImportError::new(
            name,
            ErrorKind::CsvFormat,
            text!(
                "{ends_nl}geen regel \"Gebiednummer\"; verwacht de nummers van de stembureaus onder hun namen",
                "{ends_en}no \"Gebiednummer\" line; expected the station numbers under the station names"
            ),
        )
        .at(Position::line(line))
    })?;
    let postcode_row = find_row("Postcode").map(|i| &rows[i]);

    let municipality_name = area_name(&gebied).to_string();
    let source = input.source();
    let mut stations: Vec<PublishedStation> = Vec::new();
    for (col, station_name) in columns.fields.iter().enumerate().skip(5) {
        let raw = numbers_row
            .fields
            .get(col)
            .map(String::as_str)
            .unwrap_or("");
        let number: u32 = raw.parse().map_err(|_| {
            ImportError::new(
                name,
                ErrorKind::CsvFormat,
                text!(
                    "stembureaunummer `{raw}` van kolom \"{station_name}\" is geen getal; verwacht het nummer van het stembureau (1, 2, …)",
                    "station number `{raw}` of column \"{station_name}\" is not a number; expected the station's number (1, 2, …)"
                ),
            )
            .at(Position { line: numbers_row.line, column: Some(col + 1) })
        })?;
        let id = StationId::new(municipality.clone(), number);
        if stations.iter().any(|s| s.station.id == id) {
            return Err(ImportError::new(
                name,
                ErrorKind::DuplicateStation,
                text!(
                    "stembureau {id} heeft een tweede kolom (\"{station_name}\"); verwacht één kolom per stembureau",
                    "polling station {id} has a second column (\"{station_name}\"); expected one column per station"
                ),
            )
            .at(Position { line: numbers_row.line, column: Some(col + 1) }));
        }
        stations.push(PublishedStation {
            election: election.clone(),
            station: PollingStation {
                id,
                municipality_name: municipality_name.clone(),
                name: station_name.clone(),
                postcode: postcode_row
                    .and_then(|r| r.fields.get(col).cloned())
                    .unwrap_or_default(),
                counting: CountingMethod::Dso,
            },
            counts: Counts::new(),
            source: source.clone(),
        });
    }

    // Per station column, its figures in row order (sorted into [`Counts`] at the end).
    let mut figures: Vec<Vec<(FieldKey, u32)>> = vec![Vec::new(); stations.len()];
    let mut list_names = BTreeMap::new();
    let mut list: Option<u32> = None;
    for row in &rows[columns_at + 1..] {
        let f = |i: usize| row.fields.get(i).map(String::as_str).unwrap_or("");
        if row.fields.iter().all(|x| x.is_empty()) || ["Gebiednummer", "Postcode"].contains(&f(0)) {
            continue;
        }
        let key = if f(0).is_empty() && !f(1).is_empty() {
            match statistic(f(1)) {
                Some(k) => k,
                None => continue,
            }
        } else if !f(0).is_empty() {
            let n = row_number(name, row, 0, words!("lijstnummer", "list number"))?;
            list = Some(n);
            if !f(1).is_empty() {
                list_names.entry(n).or_insert_with(|| f(1).to_string());
            }
            FieldKey::List(n)
        } else if !f(2).is_empty() {
            let Some(l) = list else {
                return Err(ImportError::new(
                    name,
                    ErrorKind::CsvFormat,
                    Text::fixed(
                        "een kandidaatregel voor elke lijstregel; verwacht de regel van elke lijst, dan zijn kandidaten",
                        "a candidate line before any list line; expected each list's line, then its candidates",
                    ),
                )
                .at(Position::line(row.line)));
            };
            FieldKey::Candidate {
                list: l,
                candidate: row_number(name, row, 2, words!("kandidaatnummer", "candidate number"))?,
            }
        } else {
            return Err(ImportError::new(
                name,
                ErrorKind::CsvFormat,
                Text::fixed(
                    "een regel die geen statistiek, lijst of kandidaat is; verwacht een omschrijving in kolom 2, een lijstnummer in kolom 1 of een kandidaatnummer in kolom 3",
                    "a line that is neither a statistic, a list nor a candidate; expected a label in column 2, a list number in column 1 or a candidate number in column 3",
                ),
            )
            .at(Position::line(row.line)));
        };
        for (i, station) in stations.iter().enumerate() {
            let col = 5 + i;
            let raw = f(col);
            if raw.is_empty() {
                continue;
            }
            let v: u32 = raw.parse().map_err(|_| {
                ImportError::new(
                    name,
                    ErrorKind::Count,
                    {
                        let id = &station.station.id;
                        text!(
                            "`{raw}` voor {key} bij stembureau {id} is geen aantal; verwacht een geheel getal, 0 of meer",
                            "`{raw}` for {key} at station {id} is not a count; expected a whole number, 0 or more"
                        )
                    },
                )
                .at(Position { line: row.line, column: Some(col + 1) })
            })?;
            if key == FieldKey::Pv(PvField::C) && !category.has_voter_cards() && v == 0 {
                // As in the EML reader: a municipal PV has no field C; the 0 is filler.
                continue;
            }
            figures[i].push((key, v));
        }
    }
    for (s, f) in stations.iter_mut().zip(figures) {
        s.counts = Counts::from_unsorted(f);
    }
    let labels: Vec<Text> = std::iter::once(Text::fixed("de kolom Totaal", "the Totaal column"))
        .chain(stations.iter().map(|s| {
            let (id, name) = (&s.station.id, &s.station.name);
            text!("stembureau {id} (\"{name}\")", "station {id} (\"{name}\")")
        }))
        .collect();
    check_complete(name, &rows[columns_at + 1..], &labels, end_line)?;
    for s in &mut stations {
        let get = |k: PvField| s.counts.get(&FieldKey::Pv(k)).copied();
        if let (None, Some(e), Some(f), Some(g)) = (
            get(PvField::H),
            get(PvField::E),
            get(PvField::F),
            get(PvField::G),
        ) {
            if let Some(h) = e.checked_add(f).and_then(|x| x.checked_add(g)) {
                s.counts.insert(FieldKey::Pv(PvField::H), h);
            }
        }
    }
    Ok(PublishedCount {
        file: PublishedFile {
            info: DocumentInfo {
                source,
                kind: DocumentKind::Osv43Csv,
                election,
                authority_code: Some(municipality),
                authority_name: Some(municipality_name),
            },
            bytes: input.bytes.len() as u64,
            stations: stations.len(),
            list_names,
        },
        stations,
    })
}

/// "the file ends at line N: ", the start of a message about a file cut off there.
fn ends_at(line: usize) -> Text {
    text!(
        "het bestand houdt op bij regel {line}: ",
        "the file ends at line {line}: "
    )
}

fn row_number(file: &str, row: &Row, col: usize, what: &Text) -> Result<u32, ImportError> {
    let raw = row.fields.get(col).map(String::as_str).unwrap_or("");
    raw.parse().map_err(|_| {
        let (what_nl, what_en) = (&what.nl, &what.en);
        ImportError::new(
            file,
            ErrorKind::CsvFormat,
            text!(
                "{what_nl} `{raw}` is geen getal",
                "{what_en} `{raw}` is not a number"
            ),
        )
        .at(Position {
            line: row.line,
            column: Some(col + 1),
        })
    })
}

/// A file cut off inside a quoted field leaves an odd number of `"`: the Kiesraad's
/// writer quotes every non-empty field and doubles a `"` inside one, so a whole file has
/// an even number. Checked before the CSV reader, which would take the unclosed field as
/// it is.
fn check_quotes_closed(file: &str, text: &str, end_line: usize) -> Result<(), ImportError> {
    if text.bytes().filter(|&b| b == b'"').count() % 2 == 0 {
        return Ok(());
    }
    Err(ImportError::new(
        file,
        ErrorKind::CsvFormat,
        text!(
            "het bestand houdt op bij regel {end_line} binnen een veld tussen aanhalingstekens; verwacht de sluitende `\"` en de rest van de tabel (is het bestand afgebroken?)",
            "the file ends at line {end_line} inside a quoted field; expected its closing `\"` and the rest of the table (was the file cut off?)"
        ),
    )
    .at(Position::line(end_line)))
}

/// The line a record starts on. The `csv` crate (1.4) gives a record that follows blank
/// lines the position of the first blank one (the column header, after the blank line
/// under the header block, would be line 5 instead of 6), so the blank lines are
/// counted here.
fn record_line(text: &str, pos: &csv::Position) -> usize {
    let rest = usize::try_from(pos.byte())
        .ok()
        .and_then(|b| text.get(b..))
        .unwrap_or("");
    let blank = rest.len() - rest.trim_start_matches(['\n', '\r']).len();
    pos.line() as usize + rest[..blank].matches('\n').count()
}

fn field(row: &Row, i: usize) -> &str {
    row.fields.get(i).map(String::as_str).unwrap_or("")
}

/// One list row and what its candidate rows add up to, per count column.
struct ListRows {
    number: u32,
    line: usize,
    total: Vec<Option<u64>>,
    candidates_sum: Vec<Option<u64>>,
    candidates: usize,
}

/// The count cells of a row (`Totaal` and one per station); `None` for an empty or
/// unreadable cell, which the count reader has already reported or skipped.
fn counts(row: &Row, width: usize) -> Vec<Option<u64>> {
    (4..4 + width)
        .map(|c| row.fields.get(c).and_then(|v| v.parse().ok()))
        .collect()
}

/// The first column where both cells are known and differ: (column index among the count
/// columns, left, right).
fn first_difference(a: &[Option<u64>], b: &[Option<u64>]) -> Option<(usize, u64, u64)> {
    a.iter()
        .zip(b)
        .enumerate()
        .find_map(|(i, (x, y))| match (x, y) {
            (Some(x), Some(y)) if x != y => Some((i, *x, *y)),
            _ => None,
        })
}

/// Whether the table after the column header is whole. The osv4-3 file has no closing
/// row (the Kiesraad's writer ends with the last candidate of the last list, without a
/// final newline), so a file cut off at a line boundary reads like a shorter file. What
/// gives a cut away is the arithmetic the writer's source guarantees:
///
/// - the statistics rows come first and at least one list follows them;
/// - every list row is followed by at least one candidate row;
/// - a list row's counts are the sums of its candidate rows' counts, per column;
/// - the list rows add up to "geldige stembiljetten" (valid votes, PV field E), per column;
/// - the last row has every count cell (a cut inside it leaves fewer fields).
///
/// `labels` names the count columns (`Totaal`, then the stations). What this cannot see:
/// a cut that drops only rows of zeros (the last candidates of the last list, or whole
/// lists, without a vote anywhere) leaves all sums intact; those rows then read as not
/// published.
fn check_complete(
    file: &str,
    rows: &[Row],
    labels: &[Text],
    end_line: usize,
) -> Result<(), ImportError> {
    let width = labels.len();
    let ends = |what: Text| {
        let (what_nl, what_en) = (&what.nl, &what.en);
        ImportError::new(
            file,
            ErrorKind::CsvFormat,
            text!(
                "het bestand houdt op bij regel {end_line} {what_nl} (is het bestand afgebroken?)",
                "the file ends at line {end_line} {what_en} (was the file cut off?)"
            ),
        )
        .at(Position::line(end_line))
    };
    let is_count_row = |row: &Row| {
        !row.fields.iter().all(|x| x.is_empty())
            && !["Gebiednummer", "Postcode"].contains(&field(row, 0))
    };

    // The last row, even one of empty fields (`;;`, what is left of a candidate row cut
    // after its first separators).
    if let Some(last) = rows
        .last()
        .filter(|r| !["Gebiednummer", "Postcode"].contains(&field(r, 0)))
    {
        let expected = 4 + width;
        let problem = if last.fields.len() < expected {
            let has = last.fields.len();
            Some((
                text!(
                    "ze heeft {has} van haar {expected} velden",
                    "it has {has} of its {expected} fields"
                ),
                has + 1,
            ))
        } else {
            (4..expected).find(|&c| field(last, c).is_empty()).map(|c| {
                let (n, label) = (c + 1, &labels[c - 4]);
                let (label_nl, label_en) = (&label.nl, &label.en);
                (
                    text!(
                        "veld {n} ({label_nl}) is leeg",
                        "field {n} ({label_en}) is empty"
                    ),
                    c + 1,
                )
            })
        };
        if let Some((what, column)) = problem {
            let (line, what_nl, what_en) = (last.line, &what.nl, &what.en);
            return Err(ImportError::new(
                file,
                ErrorKind::CsvFormat,
                text!(
                    "het bestand houdt op midden in regel {line}: {what_nl}; verwacht een aantal voor de kolom Totaal en elk stembureau (is het bestand afgebroken?)",
                    "the file ends in the middle of line {line}: {what_en}; expected a count for the Totaal column and every station (was the file cut off?)"
                ),
            )
            .at(Position { line: last.line, column: Some(column) }));
        }
    }

    let mut valid_votes: Option<(usize, Vec<Option<u64>>)> = None;
    let mut lists: Vec<ListRows> = Vec::new();
    for row in rows.iter().filter(|r| is_count_row(r)) {
        if field(row, 0).is_empty() && !field(row, 1).is_empty() {
            if field(row, 1) == "geldige stembiljetten" {
                valid_votes = Some((row.line, counts(row, width)));
            }
        } else if !field(row, 0).is_empty() {
            lists.push(ListRows {
                number: field(row, 0).parse().unwrap_or(0),
                line: row.line,
                total: counts(row, width),
                candidates_sum: vec![Some(0); width],
                candidates: 0,
            });
        } else if let Some(list) = lists.last_mut() {
            list.candidates += 1;
            for (sum, v) in list.candidates_sum.iter_mut().zip(counts(row, width)) {
                *sum = sum.zip(v).and_then(|(s, v)| s.checked_add(v));
            }
        }
    }

    if lists.is_empty() {
        return Err(ends(Text::fixed(
            "voor elke lijstregel; verwacht de regels met statistieken, dan een regel per lijst gevolgd door haar kandidaten",
            "before any list row; expected the statistics rows, then a row per list followed by its candidates",
        )));
    }
    for (i, list) in lists.iter().enumerate() {
        let is_last = i + 1 == lists.len();
        let l = list.number;
        if list.candidates == 0 {
            if is_last {
                let line = list.line;
                return Err(ends(text!(
                    "met de regel van lijst {l} (regel {line}) en geen van haar kandidaten; verwacht haar kandidaatregels",
                    "with the row of list {l} (line {line}) and none of its candidates; expected its candidate rows"
                )));
            }
            return Err(ImportError::new(
                file,
                ErrorKind::CsvFormat,
                text!(
                    "lijst {l} heeft geen kandidaatregels; verwacht na elke lijstregel haar kandidaten",
                    "list {l} has no candidate rows; expected each list row to be followed by its candidates"
                ),
            )
            .at(Position::line(list.line)));
        }
        if let Some((c, sum, total)) = first_difference(&list.candidates_sum, &list.total) {
            let (n, line) = (list.candidates, list.line);
            let (label_nl, label_en) = (&labels[c].nl, &labels[c].en);
            if is_last && sum < total {
                return Err(ends(text!(
                    "binnen lijst {l}: haar {n} kandidaatregels tellen op tot {sum} in {label_nl}, maar de lijstregel (regel {line}) zegt {total}; verwacht de rest van de kandidaten van lijst {l}",
                    "inside list {l}: its {n} candidate rows add up to {sum} in {label_en}, but the list row (line {line}) says {total}; expected the rest of list {l}'s candidates"
                )));
            }
            return Err(ImportError::new(
                file,
                ErrorKind::CsvFormat,
                text!(
                    "de kandidaatregels van lijst {l} tellen op tot {sum} in {label_nl}, maar de lijstregel zegt {total}; verwacht dat het aantal van de lijst de som is van de stemmen op haar kandidaten",
                    "list {l}'s candidate rows add up to {sum} in {label_en}, but the list row says {total}; expected the list's count to be the sum of its candidates' votes"
                ),
            )
            .at(Position { line: list.line, column: Some(c + 5) }));
        }
    }
    if let Some((line, valid)) = valid_votes {
        let mut sums = vec![Some(0u64); width];
        for list in &lists {
            for (sum, v) in sums.iter_mut().zip(&list.total) {
                *sum = sum.zip(*v).and_then(|(s, v)| s.checked_add(v));
            }
        }
        if let Some((c, sum, valid)) = first_difference(&sums, &valid) {
            let last = lists.last().map(|l| l.number).unwrap_or(0);
            let (label_nl, label_en) = (&labels[c].nl, &labels[c].en);
            if sum < valid {
                return Err(ends(text!(
                    "na lijst {last}: de lijsten tellen op tot {sum} stemmen in {label_nl}, maar \"geldige stembiljetten\" (regel {line}) zegt {valid}; verwacht meer lijsten",
                    "after list {last}: the lists add up to {sum} votes in {label_en}, but \"geldige stembiljetten\" (line {line}) says {valid}; expected more lists"
                )));
            }
            return Err(ImportError::new(
                file,
                ErrorKind::CsvFormat,
                text!(
                    "de lijsten tellen op tot {sum} stemmen in {label_nl}, meer dan de {valid} \"geldige stembiljetten\"; verwacht dat de geldige stemmen de som zijn van de stemmen op de lijsten",
                    "the lists add up to {sum} votes in {label_en}, more than the {valid} \"geldige stembiljetten\"; expected the valid votes to be the sum of the lists' votes"
                ),
            )
            .at(Position { line, column: Some(c + 5) }));
        }
    }
    Ok(())
}

/// An osv4-3 CSV is `;`-separated; one saved by a spreadsheet with another locale may use
/// `,` or tabs, which would silently put everything in one column.
fn check_delimiter(file: &str, text: &str) -> Result<(), ImportError> {
    for (i, line) in text.lines().enumerate().take(8) {
        if line.trim().is_empty() {
            continue;
        }
        if line.contains(';') {
            return Ok(());
        }
        let found = [
            (',', words!("`,` (komma's)", "`,` (comma)")),
            ('\t', words!("tabs", "tabs")),
            ('|', words!("`|`", "`|`")),
        ]
        .into_iter()
        .find(|(c, _)| line.contains(*c));
        return Err(match found {
            Some((_, what)) => {
                let (what_nl, what_en) = (&what.nl, &what.en);
                ImportError::new(
                    file,
                    ErrorKind::CsvDelimiter,
                    text!(
                        "de velden zijn gescheiden door {what_nl}; verwacht `;` zoals in de osv4-3-CSV van de Kiesraad (is het opnieuw opgeslagen door een spreadsheet?)",
                        "the fields are separated by {what_en}; expected `;` as in the Kiesraad's osv4-3 CSV (was it saved again by a spreadsheet?)"
                    ),
                )
            }
            None => ImportError::new(
                file,
                ErrorKind::CsvDelimiter,
                Text::fixed(
                    "geen scheidingsteken `;` op deze regel; verwacht de osv4-3-kop \"Verkiezing\";;\"<naam>\"",
                    "no `;` separator on this line; expected the osv4-3 header \"Verkiezing\";;\"<name>\"",
                ),
            ),
        }
        .at(Position::line(i + 1)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "\u{feff}\"Verkiezing\";;\"Gemeenteraad Test 2022\"\n\"Datum\";;\"2022-03-16\"\n\"Gebied\";;\"Gemeente Test Stad\"\n\"Nummer\";;\"0999\"\n\n\
\"Lijstnummer\";\"Aanduiding\";\"Volgnummer\";\"Naam kandidaat\";\"Totaal\";\"School; oost\";\"Kerk\"\n\
\"Gebiednummer\";;;;;\"1\";\"2\"\n\"Postcode\";;;;;\"1234 AB\";\"\"\n\
;\"opgeroepenen\";;;\"9\";\"0\";\"0\"\n;\"geldige kiezerspas\";;;\"0\";\"0\";\"0\"\n;\"toegelaten kiezers\";;;\"30\";\"10\";\"20\"\n\
;\"geldige stembiljetten\";;;\"28\";\"9\";\"19\"\n;\"blanco stembiljetten\";;;\"1\";\"1\";\"0\"\n;\"ongeldige stembiljetten\";;;\"1\";\"0\";\"1\"\n\
\"1\";\"Partij A\";;;\"28\";\"9\";\"19\"\n;;\"1\";\"de Jong, J.\";\"28\";\"9\";\"19\"";

    #[test]
    fn reads_stations_lists_candidates_and_derives_h() {
        let c = read_input(&InputFile::from_bytes("t.csv", SMALL.as_bytes().to_vec())).unwrap();
        assert_eq!(c.file.info.election.id, "GR2022_TestStad");
        assert_eq!(c.stations.len(), 2);
        let s = &c.stations[0];
        assert_eq!(s.station.id.to_string(), "0999::SB1");
        assert_eq!(s.station.name, "School; oost");
        assert_eq!(s.station.postcode, "1234 AB");
        assert_eq!(s.station.municipality_name, "Test Stad");
        assert_eq!(s.counts[&FieldKey::Pv(PvField::H)], 10);
        assert_eq!(
            s.counts[&FieldKey::Candidate {
                list: 1,
                candidate: 1
            }],
            9
        );
        // GR: the C filler is dropped; absent reason codes stay absent.
        assert!(s.counts.get(&FieldKey::Pv(PvField::C)).is_none());
        assert!(s.counts.get(&FieldKey::Pv(PvField::A)).is_none());
    }

    #[test]
    fn a_list_row_without_its_candidates_at_the_end_is_a_cut() {
        let cut = &SMALL[..SMALL.rfind('\n').unwrap()];
        let e = read_input(&InputFile::from_bytes("t.csv", cut.as_bytes().to_vec())).unwrap_err();
        assert_eq!(e.kind, ErrorKind::CsvFormat);
        assert_eq!(e.position, Some(Position::line(15)));
        assert!(
            e.message
                .en
                .starts_with("the file ends at line 15 with the row of list 1"),
            "{e}"
        );
    }

    #[test]
    fn the_column_header_after_the_blank_line_is_line_6() {
        let text = SMALL.replace("\"Totaal\"", "\"Som\"");
        let e = read_input(&InputFile::from_bytes("t.csv", text.into_bytes())).unwrap_err();
        assert_eq!(
            e.position,
            Some(Position {
                line: 6,
                column: Some(5)
            })
        );
    }

    #[test]
    fn a_comma_separated_copy_is_refused() {
        let text = SMALL.replace(';', ",");
        let e = read_input(&InputFile::from_bytes("t.csv", text.into_bytes())).unwrap_err();
        assert_eq!(e.kind, ErrorKind::CsvDelimiter);
        assert_eq!(e.position, Some(Position::line(1)));
    }

    #[test]
    fn a_negative_count_names_line_and_field() {
        let text = SMALL.replace(
            ";\"toegelaten kiezers\";;;\"30\";\"10\"",
            ";\"toegelaten kiezers\";;;\"30\";\"-10\"",
        );
        let e = read_input(&InputFile::from_bytes("t.csv", text.into_bytes())).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Count);
        assert_eq!(
            e.position,
            Some(Position {
                line: 11,
                column: Some(6)
            })
        );
        assert!(
            e.message.en.contains("-10") && e.message.en.contains("0999::SB1"),
            "{e}"
        );
    }
}
