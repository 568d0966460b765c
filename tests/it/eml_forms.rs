//! The election forms in `forms/` are exactly what `meetel form from-eml` makes of the
//! real published files. To regenerate them after a change to the generator:
//! `MEETEL_REGENERATE_FORMS=1 cargo test --test eml_forms`.

use std::path::{Path, PathBuf};

use meetel::election::{CountingMethod, ElectionCategory};
use meetel::eml::{form_from_eml, form_ron};
use meetel::form::Form;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn tk_inputs() -> Vec<PathBuf> {
    vec![
        fixture("tk2025/Kandidatenlijsten_TK2025_Nijmegen.eml.xml"),
        fixture("tk2025/Verkiezingsdefinitie_TK2025.eml.xml"),
        fixture("tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml"),
    ]
}

fn gr_inputs() -> Vec<PathBuf> {
    vec![
        fixture("gr2022-westmaasenwaal/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml"),
        fixture("gr2022-westmaasenwaal/Telling_GR2022_WestMaasenWaal.eml.xml"),
    ]
}

fn check_committed(inputs: &[PathBuf], committed: &str) {
    let form = form_from_eml(inputs).unwrap_or_else(|e| panic!("{e}"));
    let text = form_ron(&form);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("forms")
        .join(committed);
    if std::env::var_os("MEETEL_REGENERATE_FORMS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(
        on_disk == text,
        "forms/{committed} is not the generator's output; regenerate with MEETEL_REGENERATE_FORMS=1 cargo test --test eml_forms"
    );
}

#[test]
fn committed_tk2025_nijmegen_is_the_generators_output() {
    check_committed(&tk_inputs(), "tk2025-nijmegen.ron");
}

#[test]
fn committed_gr2022_westmaasenwaal_is_the_generators_output() {
    check_committed(&gr_inputs(), "gr2022-westmaasenwaal.ron");
}

#[test]
fn tk2025_nijmegen_form_has_the_real_election_lists_and_stations() {
    let form = form_from_eml(&tk_inputs()).unwrap();
    assert_eq!(form.id, "tk2025-nijmegen");
    let e = &form.election;
    assert_eq!(
        (e.id.as_str(), e.category, e.date.as_str()),
        ("TK2025", ElectionCategory::TK, "2025-10-29")
    );
    assert_eq!(e.name, "Tweede Kamer der Staten-Generaal 2025");
    let contest = e.contest.as_ref().unwrap();
    assert_eq!(
        (contest.id.as_str(), contest.name.as_str()),
        ("6", "Nijmegen")
    );
    // Hand-checked in the 230b: list 1 is the PVV, Geert Wilders first, in 's-Gravenhage.
    let pvv = &form.lists[0];
    assert_eq!(
        (pvv.number, pvv.name.as_str()),
        (1, "PVV (Partij voor de Vrijheid)")
    );
    assert_eq!(pvv.candidates[0].name, "Wilders, G. (Geert)");
    assert_eq!(pvv.candidates[0].locality, "'s-Gravenhage");
    // A prefix goes in front, as in the Kiesraad's osv4-3 CSV ("van Dijck, A.P.C.").
    assert!(pvv
        .candidates
        .iter()
        .any(|c| c.number == 8 && c.name.starts_with("van Dijck, A.P.C.")));
    assert_eq!(form.stations.len(), 11);
    let sb1 = &form.stations[0];
    assert_eq!(sb1.id.to_string(), "0668::SB1");
    assert_eq!(sb1.name, "Gemeentehuis");
    assert_eq!(sb1.postcode, "6658 AG");
    assert_eq!(sb1.municipality_name, "West Maas en Waal");
    assert!(form
        .stations
        .iter()
        .all(|s| s.counting == CountingMethod::Dso));
    let names: Vec<&str> = form.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Kandidatenlijsten_TK2025_Nijmegen.eml.xml",
            "Verkiezingsdefinitie_TK2025.eml.xml",
            "Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml"
        ]
    );
    // The README of the data lists the first 16 hex digits of each file's SHA-256.
    assert!(
        form.sources[0].sha256.starts_with("cb49 f2d9 dd74 111e"),
        "{}",
        form.sources[0].sha256
    );
}

#[test]
fn gr2022_form_has_21_stations_and_no_contest() {
    let form = form_from_eml(&gr_inputs()).unwrap();
    assert_eq!(form.id, "gr2022-westmaasenwaal");
    assert_eq!(form.election.id, "GR2022_WestMaasenWaal");
    assert_eq!(form.election.category, ElectionCategory::GR);
    assert_eq!(form.election.contest, None);
    assert_eq!(form.stations.len(), 21);
    assert_eq!(form.lists[0].candidates[0].name, "Reuvers, R.A.N. (Rob)");
    assert_eq!(form.lists[0].candidates[0].locality, "Beneden-Leeuwen");
}

#[test]
fn the_id_can_be_given() {
    let form = meetel::eml::form_from_eml_with_id(&gr_inputs(), Some("wmw-2022")).unwrap();
    assert_eq!(form.id, "wmw-2022");
}

#[test]
fn the_embedded_forms_load_with_their_category_form() {
    for name in ["tk2025-nijmegen", "gr2022-westmaasenwaal"] {
        let form = Form::load(name).unwrap_or_else(|e| panic!("{e}"));
        assert!(!form.election.lists.is_empty(), "{name}");
    }
}

#[test]
fn files_of_two_elections_do_not_make_one_form() {
    let mut inputs = gr_inputs();
    inputs.push(fixture(
        "tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml",
    ));
    let e = form_from_eml(&inputs).unwrap_err();
    assert_eq!(e.kind, meetel::published::ErrorKind::Inconsistent);
    assert!(e.message.en.contains("TK2025"), "{e}");
}

#[test]
fn a_form_needs_candidate_lists() {
    let e = form_from_eml(&[fixture("tk2025/Verkiezingsdefinitie_TK2025.eml.xml")]).unwrap_err();
    assert!(e.message.en.contains("230b"), "{e}");
}

#[test]
fn the_command_prints_and_writes_exactly_the_committed_forms() {
    let committed = |name: &str| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("forms")
                .join(name),
        )
        .unwrap()
    };
    let out = assert_cmd::Command::cargo_bin("meetel")
        .unwrap()
        .args(["form", "from-eml"])
        .args(gr_inputs())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout == committed("gr2022-westmaasenwaal.ron"),
        "stdout differs from forms/gr2022-westmaasenwaal.ron"
    );

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("tk.ron");
    let status = assert_cmd::Command::cargo_bin("meetel")
        .unwrap()
        .args(["form", "from-eml"])
        .args(tk_inputs())
        .arg("--out")
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(std::fs::read(&target).unwrap() == committed("tk2025-nijmegen.ron"));
}

#[test]
fn the_command_fails_with_exit_code_2_naming_the_file() {
    let out = assert_cmd::Command::cargo_bin("meetel")
        .unwrap()
        .args(["form", "from-eml"])
        .arg(fixture("tk2025/Verkiezingsdefinitie_TK2025.eml.xml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Verkiezingsdefinitie_TK2025.eml.xml") && err.contains("230b"),
        "{err}"
    );
}
