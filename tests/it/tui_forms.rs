//! The start screen's form choice: form files in `forms/` folders, and a form made from
//! the Kiesraad's EML files (F9), as a person sees them at 80x24.

use crate::tui_support;

use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;
use meetel::i18n::Lang;
use meetel::tui::app::App;
use meetel::tui::theme::Theme;
use meetel::tui::workspace::Workspace;
use tui_support::{ctrl, enter, key, screen, typed};

fn app_in(home: &Path, lang: Lang) -> App {
    let ws = Workspace {
        home: home.to_path_buf(),
    };
    let mut app = App::new(lang, Some(ws), None);
    app.theme = Theme::mono();
    app
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gr2022-westmaasenwaal")
        .join(name)
}

/// The form line of the start screen (the one with the ‹ › choice).
fn form_line(t: &str) -> String {
    t.lines()
        .find(|l| l.contains('‹') && (l.contains("Formulier") || l.contains("Form")))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_form_file_in_the_home_forms_folder_is_offered_by_its_election_name() {
    let home = tempfile::tempdir().unwrap();
    let forms = home.path().join("forms");
    std::fs::create_dir_all(forms.join("categories")).unwrap();
    let gr = Path::new(env!("CARGO_MANIFEST_DIR")).join("forms/gr2022-westmaasenwaal.ron");
    std::fs::copy(&gr, forms.join("wmw.ron")).unwrap();
    std::fs::write(forms.join("kapot.ron"), "ElectionForm(id: ").unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("forms/categories/gr.ron"),
        forms.join("categories/ours.ron"),
    )
    .unwrap();
    let mut app = app_in(home.path(), Lang::Nl);
    // From the station field up to the form choice, then through every form once.
    key(&mut app, KeyCode::Up);
    let n = app.start.forms.len();
    let mut seen = Vec::new();
    for _ in 0..n {
        seen.push(screen(&app, 80, 24));
        key(&mut app, KeyCode::Right);
    }
    assert!(
        seen.iter().all(|t| !t.contains("ours.ron")),
        "category forms are not election forms"
    );
    let wmw = seen
        .iter()
        .find(|t| form_line(t).contains("wmw.ron"))
        .unwrap_or_else(|| panic!("wmw.ron not offered: {seen:#?}"));
    assert!(
        form_line(wmw).contains("‹ Gemeenteraad West Maas en Waal 2022 ›"),
        "{wmw}"
    );
    // A form that does not load is offered too, named by its file, with its error.
    let broken = seen
        .iter()
        .find(|t| form_line(t).contains("‹ kapot.ron ›"))
        .unwrap_or_else(|| panic!("kapot.ron not offered: {seen:#?}"));
    assert!(broken.contains("kapot.ron:1:"), "{broken}");
    // And going on from it cannot begin a sheet, but says why.
    while !form_line(&screen(&app, 80, 24)).contains("‹ kapot.ron ›") {
        key(&mut app, KeyCode::Right);
    }
    assert!(app.start.form.is_none());
    assert!(app.start.form_error.is_some());
}

#[test]
fn f9_makes_a_gr2022_form_from_eml_and_chooses_it() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app_in(home.path(), Lang::Nl);
    let t = screen(&app, 80, 24);
    assert!(t.contains("F9 formulier uit EML"), "{t}");
    key(&mut app, KeyCode::F(9));
    let t = screen(&app, 80, 24);
    assert!(t.contains("Formulier uit EML-bestanden"), "{t}");
    assert!(t.contains("230b"), "{t}");
    typed(
        &mut app,
        &fixture("Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml")
            .display()
            .to_string(),
    );
    key(&mut app, KeyCode::Tab);
    typed(
        &mut app,
        &fixture("Telling_GR2022_WestMaasenWaal.eml.xml")
            .display()
            .to_string(),
    );
    enter(&mut app);
    let written = home.path().join("forms/gr2022-westmaasenwaal.ron");
    assert!(written.is_file(), "{}", screen(&app, 80, 24));
    let t = screen(&app, 80, 24);
    assert!(!t.contains("Formulier uit EML-bestanden"), "{t}");
    assert!(t.contains("Formulier gemaakt en gekozen"), "{t}");
    assert!(
        form_line(&t).contains("‹ Gemeenteraad West Maas en Waal 2022 ›"),
        "{t}"
    );
    // Beside it which file it is, cut at 80 columns, whole on a wide terminal.
    assert!(form_line(&t).contains("›  gr2022-westmaasen"), "{t}");
    let wide = screen(&app, 160, 48);
    assert!(
        form_line(&wide).contains("gr2022-westmaasenwaal.ron (GR2022_WestMaasenWaal"),
        "{wide}"
    );
    // The form's stations are found by typing.
    typed(&mut app, "Hucht");
    let t = screen(&app, 80, 24);
    assert!(t.contains("▸ 0668::SB1 Dorpshuis De Hucht 6626 AC"), "{t}");
    // Made again (the same id), the form is chosen again, not offered twice.
    let n = app.start.forms.len();
    key(&mut app, KeyCode::F(9));
    typed(
        &mut app,
        &fixture("Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml")
            .display()
            .to_string(),
    );
    enter(&mut app);
    assert_eq!(app.start.forms.len(), n);
    // A later start finds it in the home's forms folder.
    let again = app_in(home.path(), Lang::Nl);
    assert!(again.start.forms.iter().any(|f| Path::new(f)
        .ends_with("forms/gr2022-westmaasenwaal.ron")
        && f.starts_with(&*home.path().to_string_lossy())));
}

#[test]
fn a_bad_path_or_file_shows_its_error_and_the_question_stays() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app_in(home.path(), Lang::En);
    ctrl(&mut app, 'e');
    typed(&mut app, "/nowhere/Kandidatenlijsten_X.eml.xml");
    enter(&mut app);
    let t = screen(&app, 80, 24);
    assert!(t.contains("Form from EML files"), "{t}");
    assert!(
        t.contains("No form made: /nowhere/Kandidatenlijsten_X.eml.xml"),
        "{t}"
    );
    // A file that is not well-formed XML: its line and column.
    let bad = home.path().join("bad.eml.xml");
    std::fs::write(&bad, "<?xml version=\"1.0\"?>\n<EML>\n  <oops></EML>\n").unwrap();
    for _ in 0.."/nowhere/Kandidatenlijsten_X.eml.xml".len() {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, &bad.display().to_string());
    enter(&mut app);
    let t = screen(&app, 80, 24);
    assert!(
        t.contains(&format!("No form made: {}:2:1:", bad.display())),
        "{t}"
    );
    assert!(!home.path().join("forms").exists());
    // Esc closes the question; a second Esc right after does not also quit.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(!app.quit);
    let t = screen(&app, 80, 24);
    assert!(!t.contains("Form from EML files"), "{t}");
}
