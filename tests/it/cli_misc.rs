//! The command line as a new user meets it, beyond the walkthrough and `compare`:
//! `--help` everywhere, the observer key in `MEETEL_HOME`, `meetel scan` on photos
//! whatever their file names, `meetel show` on a sheet read back from QR codes, and
//! `meetel ingest` on a folder of everything the Kiesraad publishes.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use meetel::testkit::GR2022_SB7_PAIRS;

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn meetel(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("meetel").unwrap();
    cmd.env("MEETEL_HOME", home);
    cmd
}

/// `meetel --lang en`: for the runs whose English words are asserted (Dutch is the
/// default; tests/it/cli_lang.rs checks both).
fn meetel_en(home: &Path) -> Command {
    let mut cmd = meetel(home);
    cmd.args(["--lang", "en"]);
    cmd
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}", text(&out));
    text(&out)
}

/// A sealed sheet with the published figures of GR2022 0668::SB7, and its PNG code.
fn sealed_sb7(dir: &Path, home: &Path) -> (PathBuf, PathBuf) {
    let sheet = dir.join("sb7.meetel");
    run_ok(
        meetel(home)
            .args([
                "new",
                "--form",
                "gr2022-westmaasenwaal",
                "--station",
                "0668::SB7",
            ])
            .args(["--observer", "anna", "--out"])
            .arg(&sheet),
    );
    run_ok(meetel(home).arg("set").arg(&sheet).args(GR2022_SB7_PAIRS));
    run_ok(meetel(home).arg("seal").arg(&sheet));
    let png = dir.join("sb7.png");
    let out = run_ok(meetel_en(home).arg("qr").arg(&sheet).arg("--png").arg(&png));
    assert!(out.contains("version"), "{out}");
    (sheet, png)
}

#[test]
fn every_subcommand_has_help() {
    let home = tempfile::tempdir().unwrap();
    for sub in [
        "tui", "new", "set", "show", "seal", "verify", "correct", "keys", "form", "qr", "scan",
        "compare", "ingest",
    ] {
        let out = run_ok(meetel(home.path()).args([sub, "--help"]));
        assert!(out.contains("Usage: meetel"), "{sub}: {out}");
    }
    let out = run_ok(meetel(home.path()).args(["form", "from-eml", "--help"]));
    assert!(out.contains("230b"), "{out}");
    let out = run_ok(meetel(home.path()).arg("--help"));
    assert!(out.contains("Exit codes: 0"), "{out}");
    assert!(out.contains("MEETEL_HOME"), "{out}");
    let bad = meetel(home.path()).arg("no-such-command").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_observer_key_lives_in_meetel_home_owner_only_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let first = run_ok(meetel_en(&home).arg("keys"));
    let key_file = home.join("observer.key");
    assert!(first.contains(&*key_file.display().to_string()), "{first}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "key file mode {mode:o}");
    }
    let public = |out: &str| -> String {
        out.lines()
            .find_map(|l| l.strip_prefix("Public key: "))
            .unwrap()
            .to_string()
    };
    let exported = dir.path().join("anna.pub");
    let second = run_ok(meetel_en(&home).arg("keys").arg("--export").arg(&exported));
    assert_eq!(public(&first), public(&second), "the key is kept");
    let file = std::fs::read_to_string(&exported).unwrap();
    assert!(file.contains(&public(&first)), "{file}");
    // Another home, another key.
    let other = run_ok(meetel_en(&dir.path().join("other")).arg("keys"));
    assert_ne!(public(&first), public(&other));
}

#[test]
fn scan_reads_photos_by_their_content_whatever_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_, png) = sealed_sb7(dir.path(), &home);
    // Phones and chat apps name photos `IMG_0001.JPG`, or leave the extension off.
    let renamed = dir.path().join("IMG_0001.JPG");
    let bare = dir.path().join("photo");
    std::fs::copy(&png, &renamed).unwrap();
    std::fs::copy(&png, &bare).unwrap();
    for image in [&renamed, &bare] {
        let out_dir = dir.path().join(format!(
            "out-{}",
            image.file_name().unwrap().to_string_lossy()
        ));
        let out = meetel_en(&home)
            .arg("scan")
            .arg(image)
            .arg("--out")
            .arg(&out_dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        assert!(text(&out).contains("verified: GR2022_WestMaasenWaal 0668::SB7"));
    }
    // A file that is no picture at all is named, with exit 2.
    let not_image = dir.path().join("notes.jpg");
    std::fs::write(&not_image, "not a picture").unwrap();
    let out = meetel_en(&home)
        .arg("scan")
        .arg(&not_image)
        .arg("--out")
        .arg(dir.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("notes.jpg: not a readable PNG or JPEG image"));
}

#[test]
fn a_damaged_whole_sheet_code_is_reported_with_its_picture() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (_, good) = sealed_sb7(dir.path(), &home);
    let damaged = dir.path().join("damaged.png");
    let code = meetel::qr::render::symbol("MT1:XYZ0123", 20).unwrap();
    std::fs::write(&damaged, meetel::qr::render::to_png(&code)).unwrap();
    let out = meetel_en(&home)
        .arg("scan")
        .arg(&good)
        .arg(&damaged)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let report = text(&out);
    let line = report
        .lines()
        .find(|l| l.contains("damaged sheet payload"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(line.contains("damaged.png"), "which picture? {line}");
    assert!(report.contains("verified: GR2022_WestMaasenWaal 0668::SB7"));
}

#[test]
fn show_reads_a_sheet_read_back_from_qr_codes() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (sheet, png) = sealed_sb7(dir.path(), &home);
    let out_dir = dir.path().join("scanned");
    run_ok(
        meetel(&home)
            .arg("scan")
            .arg(&png)
            .arg("--out")
            .arg(&out_dir),
    );
    let scanned = std::fs::read_dir(&out_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let shown = run_ok(meetel(&home).args(["--lang", "en", "show"]).arg(&scanned));
    assert!(shown.contains("0668::SB7"), "{shown}");
    assert!(
        shown.contains("H  total votes cast                    869"),
        "{shown}"
    );
    assert!(shown.contains("fingerprint and signature hold"), "{shown}");
    // The same figures as the sheet file itself.
    let json = |file: &Path| -> serde_json::Value {
        serde_json::from_str(&run_ok(meetel(&home).args(["show", "--json"]).arg(file))).unwrap()
    };
    let (a, b) = (json(&sheet), json(&scanned));
    assert_eq!(a["sheet"], b["sheet"]);
    assert_eq!(a["seal"], b["seal"]);

    // A changed figure in the scanned file: the seal no longer holds, exit 1.
    let changed = dir.path().join("changed.json");
    let t = std::fs::read_to_string(&scanned).unwrap();
    assert!(t.contains("\"H\": 869"), "{t}");
    std::fs::write(&changed, t.replacen("\"H\": 869", "\"H\": 870", 1)).unwrap();
    let out = meetel(&home)
        .args(["--lang", "en", "show"])
        .arg(&changed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("WARNING: the seal does not verify"));
}

#[test]
fn ingest_takes_a_folder_of_everything_published_and_names_what_it_skips() {
    let home = tempfile::tempdir().unwrap();
    let out = meetel(home.path())
        .args(["--lang", "en", "ingest"])
        .args([
            "tests/fixtures/tk2025",
            "tests/fixtures/gr2022-westmaasenwaal",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let report = text(&out);
    assert!(report.contains("2 files"), "{report}");
    assert!(report.contains("32 stations"), "{report}");
    assert!(
        report.contains("skipped 5 file(s) that are not EML 510 counts"),
        "{report}"
    );
    assert!(report.contains("osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv"));

    // Named on the command line, a CSV is an error that says what it is.
    let out = meetel(home.path())
        .args(["--lang", "en", "ingest"])
        .arg("tests/fixtures/tk2025/osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let report = text(&out);
    assert!(
        report.contains(
            "osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv: byte 3: not an XML document"
        ),
        "{report}"
    );
    assert!(!report.contains("truncated"), "{report}");
}

#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // `meetel show x | head -1`: once the reader has gone, the next write must end the
    // program the way other command-line tools end, not with a panic message. The read
    // end is closed before meetel starts, so its first write meets a broken pipe.
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let (sheet, _) = sealed_sb7(dir.path(), &home);
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("meetel"))
        .args(["--lang", "en", "show"])
        .arg(&sheet)
        .env("MEETEL_HOME", &home)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}
