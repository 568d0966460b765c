//! The compare screen as a person sees it: `CompareView` drawn into ratatui's
//! TestBackend at 80×24 and 160×48, on the Kiesraad's real TK2025 files of West Maas en
//! Waal (tests/fixtures/tk2025/). A sheet typed with the published figures of SB1 reads
//! KLOPT; two list totals swapped read WIJKT AF and name the swap; a sheet observed in
//! part reads ONVOLLEDIG and lists what was not observed; an unreadable published file
//! shows its error; English with `Lang::En`; the keys scroll the table.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use meetel::compare::Verdict;
use meetel::election::{Contest, Election, ElectionCategory, PollingStation, StationId};
use meetel::i18n::Lang;
use meetel::published::{Progress, PublishedIndex, PublishedStation};
use meetel::sheet::{
    FieldKey, ObservedSession, Observer, Op, PvField, Sheet, SheetHeader, SheetKind,
};
use meetel::tui::compare_view::{CompareView, Scroll};
use meetel::tui::keymap::{self, Ctx};
use meetel::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::Terminal;

const TK_DIR: &str = "tests/fixtures/tk2025";
const TK: &str = "tests/fixtures/tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml";

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 48);

fn header(station: &str, kind: SheetKind) -> SheetHeader {
    SheetHeader {
        format: meetel::sheet::FORMAT_VERSION,
        kind,
        form_id: "test".into(),
        form_sha256: "00".repeat(32),
        election: Election {
            id: "TK2025".into(),
            category: ElectionCategory::TK,
            name: "Tweede Kamer der Staten-Generaal 2025".into(),
            date: "2025-10-29".into(),
            contest: Some(Contest {
                id: "6".into(),
                name: "Nijmegen".into(),
            }),
        },
        station: PollingStation::bare(station.parse::<StationId>().unwrap()),
        session: ObservedSession::StationCount,
        observer: Observer {
            alias: "test".into(),
            public_key: "00".repeat(32),
        },
        supersedes: None,
    }
}

fn set(sheet: &mut Sheet, field: FieldKey, value: u32) {
    sheet.apply(&Op::SetCount {
        field,
        value: Some(value),
    });
}

/// The published figures of a TK2025 station, read straight from the 510b.
fn published(id: &str) -> PublishedStation {
    let mut index = PublishedIndex::new();
    let errors = index.ingest_paths(&[PathBuf::from(TK)], &mut Progress::quiet());
    assert!(errors.is_empty(), "{errors:?}");
    let id: StationId = id.parse().unwrap();
    let station = index.find(&id).next().unwrap().clone();
    station
}

/// A sheet typed with every published figure of the station.
fn typed(id: &str) -> Sheet {
    let p = published(id);
    let mut sheet = Sheet::new(header(id, SheetKind::Observation));
    for (&field, &value) in &p.counts {
        set(&mut sheet, field, value);
    }
    sheet
}

fn fingerprint(path: &str) -> String {
    meetel::fingerprint::Fingerprint::of_file(Path::new(path))
        .unwrap()
        .to_string()
}

/// The view drawn at `size`: the buffer and its rows as text.
fn draw(view: &CompareView, lang: Lang, theme: Theme, size: (u16, u16)) -> (Buffer, Vec<String>) {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal
        .draw(|f| f.render_widget(view.widget(lang).theme(theme), f.area()))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let rows = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect();
    (buf, rows)
}

fn text(view: &CompareView, lang: Lang, size: (u16, u16)) -> Vec<String> {
    draw(view, lang, Theme::mono(), size).1
}

fn shows(rows: &[String], needle: &str) -> bool {
    rows.iter().any(|r| r.contains(needle))
}

fn assert_shows(rows: &[String], needle: &str) {
    assert!(
        shows(rows, needle),
        "`{needle}` not on screen:\n{}",
        rows.join("\n")
    );
}

/// The table row of a field: its status symbol, then the field code.
fn table_row(rows: &[String], field: &str) -> Option<usize> {
    rows.iter().position(|r| {
        ["=", "≠", "?", "·", "!"]
            .iter()
            .any(|sym| r.contains(&format!("{sym} {field} ")))
    })
}

/// The whole fingerprint, on one line or in two halves of eight groups, never cut.
fn assert_fingerprint(rows: &[String], sha: &str) {
    let groups: Vec<&str> = sha.split(' ').collect();
    let (first, second) = (groups[..8].join(" "), groups[8..].join(" "));
    assert!(
        shows(rows, sha) || (shows(rows, &first) && shows(rows, &second)),
        "fingerprint {sha} not whole on screen:\n{}",
        rows.join("\n")
    );
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A key press on the compare screen as the app takes it: the one keymap says what the
/// key means there, and a scroll command moves the view. Returns whether the view took
/// the key (false for the keys that are the app's: back, quit, …).
fn press(view: &mut CompareView, key: KeyEvent) -> bool {
    match keymap::lookup(&[Ctx::Compare, Ctx::Global], &key).and_then(Scroll::for_command) {
        Some(step) => {
            view.scroll(step);
            true
        }
        None => false,
    }
}

#[test]
fn sb1_typed_with_its_published_figures_reads_klopt_with_the_file_fingerprint() {
    let view = CompareView::load(&typed("0668::SB1"), &[PathBuf::from(TK_DIR)]);
    assert_eq!(view.verdict(), Verdict::Match, "{:?}", view.errors());
    assert!(view.errors().is_empty(), "{:?}", view.errors());
    let sha = fingerprint(TK);
    for size in [SMALL, LARGE] {
        let rows = text(&view, Lang::Nl, size);
        assert_shows(&rows, "KLOPT");
        assert_shows(&rows, "0668::SB1 Stembureau Gemeentehuis");
        assert_shows(&rows, "de gepubliceerde cijfers komen overeen met het blad");
        assert_shows(&rows, "Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml");
        assert_fingerprint(&rows, &sha);
        assert_shows(&rows, "Controles op de gepubliceerde cijfers");
        // The table: everything equal, so A comes before the lists, in PV order.
        let a = table_row(&rows, "A").expect("row A");
        assert!(
            rows[a].contains("2086") && rows[a].contains("gelijk"),
            "{}",
            rows[a]
        );
        assert!(!shows(&rows, "WIJKT AF") && !shows(&rows, "ONVOLLEDIG"));
    }
    // The osv4-3 CSV in the folder holds SB1 too, with the same figures: a note says so.
    let rows = text(&view, Lang::Nl, LARGE);
    assert_shows(&rows, "Opmerking: het stembureau staat ook in");
    assert_shows(&rows, "osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv");
}

#[test]
fn two_list_totals_swapped_read_wijkt_af_and_name_the_swap_first() {
    let p = published("0668::SB1");
    let (e1, e2) = (
        p.value(FieldKey::List(1)).unwrap(),
        p.value(FieldKey::List(2)).unwrap(),
    );
    let mut sheet = typed("0668::SB1");
    set(&mut sheet, FieldKey::List(1), e2);
    set(&mut sheet, FieldKey::List(2), e1);
    let view = CompareView::load(&sheet, &[PathBuf::from(TK)]);
    assert_eq!(view.verdict(), Verdict::Mismatch);
    for size in [SMALL, LARGE] {
        let rows = text(&view, Lang::Nl, size);
        assert_shows(&rows, "WIJKT AF");
        assert_shows(&rows, "wijkt af: E.1, E.2");
        assert_shows(&rows, "lijsten 1 en 2 lijken verwisseld");
        // The differing rows open the table, with both figures and the difference.
        let r1 = table_row(&rows, "E.1").expect("row E.1");
        let r2 = table_row(&rows, "E.2").expect("row E.2");
        let a = table_row(&rows, "A");
        assert!(r1 < r2 && a.is_none_or(|a| r2 < a), "{}", rows.join("\n"));
        let diff = format!("{:+}", e2 as i64 - e1 as i64);
        for needle in ["≠", &e2.to_string(), &e1.to_string(), &diff, "wijkt af"] {
            assert!(rows[r1].contains(needle), "`{needle}` not in {}", rows[r1]);
        }
    }
    // At 160×48 the lists carry their registered names.
    let rows = text(&view, Lang::Nl, LARGE);
    let r1 = table_row(&rows, "E.1").unwrap();
    assert!(rows[r1].contains("PVV"), "{}", rows[r1]);
}

#[test]
fn a_sheet_observed_in_part_reads_onvolledig_and_lists_what_was_not_observed() {
    let p = published("0668::SB2");
    let mut sheet = Sheet::new(header("0668::SB2", SheetKind::Observation));
    for f in [PvField::A, PvField::B, PvField::D, PvField::E] {
        set(&mut sheet, FieldKey::Pv(f), p.pv(f).unwrap());
    }
    set(
        &mut sheet,
        FieldKey::List(1),
        p.value(FieldKey::List(1)).unwrap(),
    );
    let view = CompareView::load(&sheet, &[PathBuf::from(TK)]);
    assert_eq!(view.verdict(), Verdict::Incomplete);
    for size in [SMALL, LARGE] {
        let rows = text(&view, Lang::Nl, size);
        assert_shows(&rows, "ONVOLLEDIG");
        assert_shows(&rows, "niet waargenomen: C, F, G, H, E.2");
        // The required fields not observed come before the equal ones, with a "?".
        let c = table_row(&rows, "C").expect("row C");
        let a = table_row(&rows, "A").unwrap_or(usize::MAX);
        assert!(c < a);
        assert!(
            rows[c].contains("? C ") && rows[c].contains("niet waargenomen"),
            "{}",
            rows[c]
        );
    }
    // I and J are not needed here (D = H, both published 0): optional, after the
    // required ones.
    let rows = text(&view, Lang::Nl, LARGE);
    let i = table_row(&rows, "I").expect("row I");
    assert!(
        rows[i].contains("· I ") && rows[i].contains("optioneel"),
        "{}",
        rows[i]
    );
    assert!(table_row(&rows, "E.2").unwrap() < i);
}

#[test]
fn an_unreadable_published_file_shows_its_error_and_the_others_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("Telling_afgekapt.eml.xml");
    let bytes = std::fs::read(TK).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let missing = dir.path().join("bestaat-niet.xml");
    let view = CompareView::load(
        &typed("0668::SB1"),
        &[missing.clone(), truncated.clone(), PathBuf::from(TK)],
    );
    assert_eq!(view.errors().len(), 2, "{:?}", view.errors());
    assert_eq!(view.verdict(), Verdict::Match);
    for size in [SMALL, LARGE] {
        let rows = text(&view, Lang::Nl, size);
        assert_shows(&rows, "Kon niet lezen (2):");
        assert_shows(&rows, "bestaat-niet.xml");
        assert_shows(&rows, "no such file or directory");
        assert_shows(&rows, "Telling_afgekapt.eml.xml");
        assert_shows(&rows, "KLOPT");
    }
    // Only a bad path: nothing to compare with, said in words.
    let view = CompareView::load(&typed("0668::SB1"), &[missing]);
    assert_eq!(view.verdict(), Verdict::Mismatch);
    let rows = text(&view, Lang::Nl, SMALL);
    assert_shows(&rows, "WIJKT AF");
    assert_shows(&rows, "bestaat-niet.xml");
    assert_shows(&rows, "Geen gepubliceerd bestand gelezen.");
    assert_shows(&rows, "geen gepubliceerde uitslag gelezen");
}

#[test]
fn in_english_with_lang_en() {
    let p = published("0668::SB1");
    let (e1, e2) = (
        p.value(FieldKey::List(1)).unwrap(),
        p.value(FieldKey::List(2)).unwrap(),
    );
    let mut sheet = typed("0668::SB1");
    set(&mut sheet, FieldKey::List(1), e2);
    set(&mut sheet, FieldKey::List(2), e1);
    let view = CompareView::load(&sheet, &[PathBuf::from(TK)]);
    for size in [SMALL, LARGE] {
        let rows = text(&view, Lang::En, size);
        assert_shows(&rows, "MISMATCH");
        assert_shows(&rows, "lists 1 and 2 look swapped");
        assert_shows(&rows, "Published file:");
        assert_shows(&rows, "observed");
        assert_shows(&rows, "published");
        assert_shows(&rows, "differs");
        assert!(!shows(&rows, "WIJKT AF") && !shows(&rows, "gepubliceerd"));
    }
    let view = CompareView::load(&typed("0668::SB1"), &[PathBuf::from(TK)]);
    assert_shows(&text(&view, Lang::En, SMALL), "MATCH");
    let mut part = Sheet::new(header("0668::SB1", SheetKind::Observation));
    set(&mut part, FieldKey::Pv(PvField::A), 2086);
    let view = CompareView::load(&part, &[PathBuf::from(TK)]);
    let rows = text(&view, Lang::En, LARGE);
    assert_shows(&rows, "INCOMPLETE");
    assert_shows(&rows, "not observed: B, C, D");
}

#[test]
fn the_keys_scroll_the_table() {
    let mut view = CompareView::load(&typed("0668::SB1"), &[PathBuf::from(TK)]);
    let top = text(&view, Lang::Nl, SMALL);
    let a = table_row(&top, "A").expect("row A on the first page");
    assert!(
        table_row(&top, "E.5").is_none(),
        "the table runs past one page"
    );

    // Down: everything under the band moves up one row.
    assert!(press(&mut view, key(KeyCode::Down)));
    let down = text(&view, Lang::Nl, SMALL);
    assert_eq!(table_row(&down, "A"), Some(a - 1));

    // Page down: rows further in the table come on screen, the column heads stay.
    assert!(press(&mut view, key(KeyCode::PageDown)));
    assert!(press(&mut view, key(KeyCode::PageDown)));
    let paged = text(&view, Lang::Nl, SMALL);
    assert!(table_row(&paged, "A").is_none(), "{}", paged.join("\n"));
    assert_shows(&paged, "gepubliceerd");
    let shown: Vec<&str> = paged
        .iter()
        .filter_map(|r| {
            let mut it = r.split_whitespace();
            matches!(it.next(), Some("=")).then(|| it.next()).flatten()
        })
        .collect();
    assert!(shown.len() > 5, "{}", paged.join("\n"));
    assert!(shown.iter().all(|f| table_row(&top, f).is_none()));

    // End: the last field of the table is on the last row; the verdict is still there.
    assert!(press(&mut view, key(KeyCode::End)));
    let end = text(&view, Lang::Nl, SMALL);
    let last = view.comparison().fields.last().unwrap().field.to_string();
    assert_eq!(
        table_row(&end, &last),
        Some(SMALL.1 as usize - 1),
        "{}",
        end.join("\n")
    );
    assert_shows(&end, "KLOPT");
    let at_end = view.offset();
    assert!(
        press(&mut view, key(KeyCode::Down)),
        "the key is still taken at the end"
    );
    assert_eq!(view.offset(), at_end);

    // Home and page up come back.
    assert!(press(&mut view, key(KeyCode::PageUp)));
    assert!(view.offset() < at_end);
    assert!(press(&mut view, key(KeyCode::Home)));
    assert_eq!(text(&view, Lang::Nl, SMALL), top);

    // Other keys are the app's.
    assert!(!press(&mut view, key(KeyCode::Char('q'))));
    assert!(!press(&mut view, key(KeyCode::Esc)));
    // A modified arrow is not a scroll key: the keymap binds no Alt (macOS Option and
    // AltGr type characters with it).
    assert!(!press(
        &mut view,
        KeyEvent::new(KeyCode::Down, KeyModifiers::ALT)
    ));

    // The `?` reference names every key the view takes, from the same keymap.
    let reference = keymap::reference(Lang::Nl);
    let (_, lines) = reference.iter().find(|(c, _)| *c == Ctx::Compare).unwrap();
    let keys: Vec<&str> = lines.iter().map(|(k, _)| k.as_str()).collect();
    for k in ["↑", "↓", "PgUp", "PgDn", "Home", "End"] {
        assert!(keys.contains(&k), "{k} not in {keys:?}");
    }
}

#[test]
fn readable_without_colour_and_named_colours_only_with_it() {
    let mut sheet = typed("0668::SB1");
    set(&mut sheet, FieldKey::Pv(PvField::A), 2068);
    let view = CompareView::load(&sheet, &[PathBuf::from(TK)]);
    for size in [SMALL, LARGE] {
        let (buf, rows) = draw(&view, Lang::Nl, Theme::mono(), size);
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
        }
        // Status in symbols and words, the slip named.
        let a = table_row(&rows, "A").unwrap();
        assert!(
            rows[a].contains("≠ A ") && rows[a].contains("wijkt af"),
            "{}",
            rows[a]
        );
        assert_shows(
            &rows,
            "A: twee cijfers lijken omgedraaid (blad 2068, gepubliceerd 2086)",
        );
        let (buf, _) = draw(&view, Lang::Nl, Theme { color: true }, size);
        for cell in buf.content() {
            for c in [cell.fg, cell.bg] {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{c:?} is not a named colour"
                );
            }
        }
        assert!(buf.content().iter().any(|c| c.bg == Color::Red));
    }
}

#[test]
fn a_transcribed_pv_is_compared_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sb1-pv.meetel");
    let tk = || meetel::form::Form::load("tk").unwrap();
    let mut file =
        meetel::sheet::Editor::create(&path, tk(), header("0668::SB1", SheetKind::PvTranscription))
            .unwrap();
    for (&field, &value) in &published("0668::SB1").counts {
        if matches!(field, FieldKey::Pv(_) | FieldKey::List(_)) {
            file.commit(Op::SetCount {
                field,
                value: Some(value),
            })
            .unwrap();
        }
    }
    drop(file);
    let sha = fingerprint(path.to_str().unwrap());

    let mut sheet = Sheet::new(header("0668::SB1", SheetKind::Observation));
    let p = published("0668::SB1");
    for f in PvField::ALL {
        if let Some(v) = p.pv(f) {
            set(&mut sheet, FieldKey::Pv(f), v);
        }
    }
    for n in p.counts.lists() {
        set(
            &mut sheet,
            FieldKey::List(n),
            p.value(FieldKey::List(n)).unwrap(),
        );
    }
    let view = CompareView::load(&sheet, std::slice::from_ref(&path));
    assert!(view.errors().is_empty(), "{:?}", view.errors());
    assert_eq!(view.verdict(), Verdict::Match);
    let rows = text(&view, Lang::Nl, LARGE);
    assert_shows(&rows, "KLOPT");
    assert_shows(
        &rows,
        "sb1-pv.meetel (TK2025, 0668) — overname van het gepubliceerde PV",
    );
    assert_fingerprint(&rows, &sha);

    // An observation sheet is not published input: refused with a reason.
    let obs = dir.path().join("other-observer.meetel");
    drop(
        meetel::sheet::Editor::create(&obs, tk(), header("0668::SB1", SheetKind::Observation))
            .unwrap(),
    );
    let view = CompareView::load(&sheet, &[obs]);
    assert!(view.errors()[0]
        .en
        .contains("not a transcription of the published PV"));
    assert_shows(&text(&view, Lang::Nl, SMALL), "other-observer.meetel");
}

#[test]
fn with_the_form_candidates_have_their_names() {
    let form = meetel::form::Form::load("tk2025-nijmegen").unwrap();
    let cand = &form.list(1).unwrap().candidates[0];
    let view = CompareView::load(&typed("0668::SB1"), &[PathBuf::from(TK)]).with_form(&form);
    // Scroll the first candidate of list 1 into view at 160×48.
    let mut view = view;
    let mut rows = text(&view, Lang::Nl, LARGE);
    while table_row(&rows, "E.1.1").is_none() {
        assert!(press(&mut view, key(KeyCode::PageDown)));
        rows = text(&view, Lang::Nl, LARGE);
    }
    let r = table_row(&rows, "E.1.1").unwrap();
    let shown: String = cand.name.chars().take(12).collect();
    assert!(rows[r].contains(&shown), "{} not in {}", cand.name, rows[r]);
}

#[test]
fn a_station_not_in_the_files_says_so_instead_of_a_table() {
    let view = CompareView::load(
        &Sheet::new(header("0668::SB99", SheetKind::Observation)),
        &[PathBuf::from(TK)],
    );
    for size in [SMALL, LARGE, (60, 16)] {
        let rows = text(&view, Lang::Nl, size);
        assert_shows(&rows, "WIJKT AF");
        assert_shows(
            &rows,
            "stembureau 0668::SB99 staat niet in de gepubliceerde",
        );
        assert_shows(&rows, "Geen velden om te vergelijken");
        assert!(
            !shows(&rows, "gepubliceerd  verschil"),
            "no empty table heads"
        );
    }
    let rows = text(&view, Lang::Nl, SMALL);
    assert_shows(&rows, "Doorzochte bestanden:");
    assert_fingerprint(&rows, &fingerprint(TK));
}
