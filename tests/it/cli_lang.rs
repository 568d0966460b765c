//! Every sheet command speaks Dutch by default (the language of the PV and the room) and
//! English with `--lang en`: `new`, `set` and its errors, `show`, `seal`, `verify`,
//! `correct`, `keys`, `form`, `qr` and `scan`, run through the real binary.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `meetel` in `home`, in the default language (`None`) or the one given.
fn meetel(home: &Path, lang: Option<&str>) -> Command {
    let mut cmd = Command::cargo_bin("meetel").unwrap();
    cmd.env("MEETEL_HOME", home);
    if let Some(lang) = lang {
        cmd.args(["--lang", lang]);
    }
    cmd
}

fn run(cmd: &mut Command) -> (Option<i32>, String) {
    let out = cmd.output().unwrap();
    (out.status.code(), text(&out))
}

fn run_ok(cmd: &mut Command) -> String {
    let (code, out) = run(cmd);
    assert_eq!(code, Some(0), "{cmd:?}: {out}");
    out
}

/// Dutch `nl` without `en`, and English `en` without `nl`: each run speaks one language.
#[track_caller]
fn speaks(dutch: &str, english: &str, nl: &str, en: &str) {
    assert!(dutch.contains(nl), "Dutch by default: `{nl}` in\n{dutch}");
    assert!(
        !dutch.contains(en),
        "no English by default: `{en}` in\n{dutch}"
    );
    assert!(english.contains(en), "--lang en: `{en}` in\n{english}");
    assert!(
        !english.contains(nl),
        "no Dutch with --lang en: `{nl}` in\n{english}"
    );
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn meetel(&self, lang: Option<&str>) -> Command {
        meetel(&self.home(), lang)
    }

    /// `meetel new` for GR2022 0668::SB7 into `name`, in `lang`; returns what it said.
    fn new_sheet(&self, name: &str, lang: Option<&str>) -> String {
        run_ok(
            self.meetel(lang)
                .args(["new", "--form", "gr2022-westmaasenwaal", "--station"])
                .args(["0668::SB7", "--observer", "anna", "--out"])
                .arg(self.path(name)),
        )
    }

    /// A sealed sheet with A and B typed.
    fn sealed_sheet(&self, name: &str) -> PathBuf {
        self.new_sheet(name, None);
        let sheet = self.path(name);
        run_ok(
            self.meetel(None)
                .arg("set")
                .arg(&sheet)
                .args(["A=760", "B=108"]),
        );
        run_ok(self.meetel(None).arg("seal").arg(&sheet));
        sheet
    }
}

#[test]
fn new_set_and_show_speak_dutch_unless_asked_for_english() {
    let env = Env::new();
    let (nl, en) = (
        env.new_sheet("nl.meetel", None),
        env.new_sheet("en.meetel", Some("en")),
    );
    speaks(&nl, &en, "gemaakt", "Created");
    speaks(&nl, &en, "waarnemer anna", "observer anna");

    let set =
        |name: &str, lang| run_ok(env.meetel(lang).arg("set").arg(env.path(name)).arg("A=760"));
    speaks(
        &set("nl.meetel", None),
        &set("en.meetel", Some("en")),
        "Controles: niets gevonden.",
        "Checks: nothing found.",
    );

    let show = |lang| run_ok(env.meetel(lang).arg("show").arg(env.path("nl.meetel")));
    let (nl, en) = (show(None), show(Some("en")));
    speaks(&nl, &en, "Nog niet verzegeld.", "Not sealed yet.");
    speaks(&nl, &en, "geldige stempassen", "valid poll cards");
    speaks(&nl, &en, "Waarnemer: anna", "Observer: anna");
}

#[test]
fn set_refuses_in_the_language_asked() {
    let env = Env::new();
    env.new_sheet("s.meetel", None);
    let refused = |lang, pairs: &[&str]| {
        let (code, out) = run(env
            .meetel(lang)
            .arg("set")
            .arg(env.path("s.meetel"))
            .args(pairs));
        assert_eq!(code, Some(2), "{out}");
        out
    };
    for (pairs, nl, en) in [
        (&["A=abc"][..], "is geen aantal", "is not a count"),
        (
            &["K=1"],
            "verwacht een veld van het PV",
            "expected a PV field",
        ),
        (&["A"], "verwacht SLEUTEL=WAARDE", "expected KEY=VALUE"),
        (&["moment.close=25:00"], "is geen tijd", "is not a time"),
        (&["dh=maybe"], "verwacht equal", "expected equal"),
        // Field C does not exist at a municipal election: refused by the form.
        (&["A=1", "C=3"], "bestaat niet", "does not exist"),
    ] {
        speaks(&refused(None, pairs), &refused(Some("en"), pairs), nl, en);
    }

    let sealed = env.sealed_sheet("sealed.meetel");
    let refused = |lang| {
        let (code, out) = run(env.meetel(lang).arg("set").arg(&sealed).arg("A=1"));
        assert_eq!(code, Some(2), "{out}");
        out
    };
    speaks(
        &refused(None),
        &refused(Some("en")),
        "is verzegeld",
        "is sealed",
    );
}

#[test]
fn seal_verify_and_correct_speak_dutch_unless_asked_for_english() {
    let env = Env::new();
    for name in ["nl.meetel", "en.meetel"] {
        env.new_sheet(name, None);
        run_ok(env.meetel(None).arg("set").arg(env.path(name)).arg("A=760"));
    }
    let nl = run_ok(env.meetel(None).arg("seal").arg(env.path("nl.meetel")));
    let en = run_ok(
        env.meetel(Some("en"))
            .arg("seal")
            .arg(env.path("en.meetel")),
    );
    speaks(&nl, &en, "Vingerafdruk: ", "Fingerprint: ");
    speaks(
        &nl,
        &en,
        "Deel deze vingerafdruk nu",
        "Share this fingerprint now",
    );

    let sheet = env.path("nl.meetel");
    let verify = |lang| run_ok(env.meetel(lang).arg("verify").arg(&sheet));
    let (nl, en) = (verify(None), verify(Some("en")));
    speaks(
        &nl,
        &en,
        "GOED: verzegeld, en sindsdien niet veranderd",
        "OK: sealed, and unchanged since",
    );
    speaks(&nl, &en, "waarnemer", "observer");
    assert_eq!(verify(Some("nl")), nl, "--lang nl is the default");

    // A sheet that is not sealed fails, and says so in the language asked.
    env.new_sheet("open.meetel", None);
    let failed = |lang| {
        let (code, out) = run(env.meetel(lang).arg("verify").arg(env.path("open.meetel")));
        assert_eq!(code, Some(1), "{out}");
        out
    };
    let (nl, en) = (failed(None), failed(Some("en")));
    speaks(&nl, &en, "AFGEKEURD", "FAILED");
    speaks(
        &nl,
        &en,
        "het blad is niet verzegeld",
        "the sheet is not sealed",
    );

    let correct = |lang, out: &str| {
        run_ok(
            env.meetel(lang)
                .arg("correct")
                .arg(&sheet)
                .arg("--out")
                .arg(env.path(out)),
        )
    };
    speaks(
        &correct(None, "fix-nl.meetel"),
        &correct(Some("en"), "fix-en.meetel"),
        "een correctie van het blad",
        "a correction of the sheet",
    );
}

#[test]
fn keys_and_form_speak_dutch_unless_asked_for_english() {
    let env = Env::new();
    let keys = |lang| run_ok(env.meetel(lang).arg("keys"));
    speaks(
        &keys(None),
        &keys(Some("en")),
        "Publieke sleutel: ",
        "Public key: ",
    );

    // A form written into a directory that does not exist: the error says so.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let form = |lang| {
        let (code, out) = run(env
            .meetel(lang)
            .args(["form", "from-eml"])
            .arg(
                fixtures
                    .join("gr2022-westmaasenwaal/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml"),
            )
            .arg(fixtures.join("gr2022-westmaasenwaal/Telling_GR2022_WestMaasenWaal.eml.xml"))
            .arg("--out")
            .arg(env.path("no-such-dir/gr.ron")));
        assert_eq!(code, Some(2), "{out}");
        out
    };
    speaks(
        &form(None),
        &form(Some("en")),
        "de map bestaat niet",
        "the directory does not exist",
    );
}

#[test]
fn qr_and_scan_speak_dutch_unless_asked_for_english() {
    let env = Env::new();
    let sheet = env.sealed_sheet("s.meetel");
    let qr = |lang| run_ok(env.meetel(lang).arg("qr").arg(&sheet).arg("--text"));
    let (nl, en) = (qr(None), qr(Some("en")));
    speaks(&nl, &en, "Vingerafdruk: ", "Fingerprint: ");
    speaks(&nl, &en, "Code met de vingerafdruk", "Fingerprint code");

    env.new_sheet("open.meetel", None);
    let unsealed = |lang| {
        let (code, out) = run(env.meetel(lang).arg("qr").arg(env.path("open.meetel")));
        assert_eq!(code, Some(2), "{out}");
        out
    };
    speaks(
        &unsealed(None),
        &unsealed(Some("en")),
        "het blad is niet verzegeld",
        "the sheet is not sealed",
    );

    let png = env.path("s.png");
    run_ok(
        env.meetel(None)
            .arg("qr")
            .arg(&sheet)
            .arg("--png")
            .arg(&png),
    );
    let not_image = env.path("notes.jpg");
    std::fs::write(&not_image, "not a picture").unwrap();
    let scan = |lang, out: &str| {
        run(env
            .meetel(lang)
            .arg("scan")
            .arg(&png)
            .arg(&not_image)
            .arg("--out")
            .arg(env.path(out)))
        .1
    };
    let (nl, en) = (scan(None, "nl"), scan(Some("en"), "en"));
    speaks(&nl, &en, "gecontroleerd: GR2022", "verified: GR2022");
    speaks(&nl, &en, "onleesbare afbeelding", "unreadable image");
}
