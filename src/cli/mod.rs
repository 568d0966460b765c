//! The command line: `meetel` with no arguments opens the TUI; subcommands give the same
//! core to scripts and to sheets transcribed from paper notes.
//!
//! Exit codes, the same for every subcommand so that scripts can rely on them:
//! - 0: done, and everything checked out;
//! - 1: the check, verification or comparison found a problem;
//! - 2: bad usage or unreadable input.

pub mod compare;
pub mod form;
pub mod qr;
pub mod sheet;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::i18n::Lang;

/// Exit code: done, and everything checked out.
pub const EXIT_OK: u8 = 0;
/// Exit code: the check, verification or comparison found a problem.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: bad usage or unreadable input.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "meetel",
    version,
    about = "Count along: an independent, sealed record of a Dutch polling-station count",
    long_about = "meetel (\"count along\") lets a citizen observer record what a Dutch polling \
station announces during the count, seal it (SHA-256, Ed25519), show it as a QR code, and \
compare it with the published results.\n\nWithout a subcommand it opens the terminal app.",
    after_help = "Exit codes: 0 = ok, 1 = a check, verification or comparison failed, \
2 = bad usage or unreadable input.\nMEETEL_HOME overrides the directory for the observer key \
and the list of recent sheets."
)]
pub struct Cli {
    /// Language of the terminal app and of messages: nl (default) or en.
    #[arg(long, global = true, value_parser = parse_lang, default_value = "nl")]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}`; expected nl or en"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the terminal app (the same as `meetel` with no arguments), optionally on a sheet.
    Tui(TuiArgs),
    /// Start a new sheet: one observer, one station, one election.
    New(NewArgs),
    /// Enter values into a sheet from the command line, through the same journal and checks.
    #[command(after_help = SET_KEYS_HELP)]
    Set(SetArgs),
    /// Show a sheet: what was observed, and the Kiesraad's checks on it.
    Show(ShowArgs),
    /// Seal a sheet with your key: it becomes read-only, and its fingerprint can be shared.
    Seal(SealArgs),
    /// Verify sealed sheets: journal chain, fingerprint and signature.
    Verify(VerifyArgs),
    /// Start a correction of a sealed sheet: a new sheet that names the seal it supersedes.
    Correct(CorrectArgs),
    /// Show (or export) your observer key's public half.
    Keys(KeysArgs),
    /// Election forms.
    #[command(subcommand)]
    Form(FormCommand),
    /// Export a sealed sheet as QR code(s): PNG, SVG, or text in the terminal.
    Qr(QrArgs),
    /// Read sealed sheets back from photos or images of their QR codes.
    Scan(ScanArgs),
    /// Compare sheets with the published results (EML_NL, osv4-3 CSV).
    Compare(CompareArgs),
    /// Read published count files (EML 510) into the comparison index and report the
    /// throughput: files, bytes, stations, time, peak memory.
    Ingest(IngestArgs),
}

const SET_KEYS_HELP: &str = "Keys:
  A … J             the PV totals (A stempassen … J minder getelde stembiljetten)
  E.12              votes on list 12 (E.n)
  E.12.3            votes for candidate 3 of list 12
  E.12.total        list 12's total on its candidate page
  X.NAME            an explanation count: taken-home, too-few-issued, too-many-issued,
                    no-postal, too-many-postal, lost, unexplained, other
  dh=equal|more|less|none|several       the box ticked in PV 2.3
  explained=yes|no|neither|both          difference fully explained?
  moment.NAME=HH:MM                      a moment of the count (see `meetel show`)
  check.NAME=yes|no|unknown              a checklist answer
  check.NAME.note=TEXT                   the note with a checklist answer
  note=TEXT                              free notes
An empty value (`A=`) clears a field back to not observed; 0 is a real zero.";

#[derive(Debug, Args)]
pub struct TuiArgs {
    /// A sheet file to open.
    pub file: Option<PathBuf>,
    /// The form for a new sheet (name of a built-in form, or a path).
    #[arg(long)]
    pub form: Option<String>,
    /// Start a practice sheet on the fictitious demo station at once.
    #[arg(long, conflicts_with = "file")]
    pub demo: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Form: a built-in name such as `tk2025-nijmegen`, `gr2022-westmaasenwaal` or a
    /// category (`tk`, `gr`, …), or the path of a RON form file.
    #[arg(long)]
    pub form: String,
    /// The station, as the Kiesraad writes it: `0668::SB1`.
    #[arg(long)]
    pub station: String,
    /// Your alias as observer (no real name needed).
    #[arg(long)]
    pub observer: String,
    /// The sheet file to create (it must not exist yet).
    #[arg(long)]
    pub out: PathBuf,
    /// How the station counts: DSO (per candidate, N 10-1) or CSO (list totals, N 10-2).
    /// Default: what the form knows of the station, else DSO.
    #[arg(long)]
    pub counting: Option<String>,
    /// Which session you observe: station-count (election night) or municipal-review
    /// (the municipal committee's public session the next day).
    #[arg(long, default_value = "station-count")]
    pub session: String,
    /// The sheet transcribes a published PV (from its PDF) rather than an observation.
    #[arg(long)]
    pub transcription: bool,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The sheet file.
    pub file: PathBuf,
    /// KEY=VALUE pairs (see below). All are checked before any is written.
    #[arg(required = true)]
    pub pairs: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The sheet file.
    pub file: PathBuf,
    /// Print JSON (the sheet, its checks and its seal) instead of a summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SealArgs {
    /// The sheet file.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Sealed sheet files (journals, or sheets read back from QR codes).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Accept only sheets sealed by one of these observers: public-key files as
    /// `meetel keys --export` writes them. Without it, a seal shows only that the sheet
    /// is unchanged since the holder of the key in its own header sealed it.
    #[arg(long = "key", value_name = "PUBLIC_KEY_FILE")]
    pub keys: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// The sealed sheet to correct (it is not changed).
    pub sealed: PathBuf,
    /// The new sheet file.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct KeysArgs {
    /// Also write the public key to this file.
    #[arg(long)]
    pub export: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum FormCommand {
    /// Generate an election form from the Kiesraad's EML files: a 230b (candidate lists),
    /// plus the 110a (election definition) and 110b or 510b files (stations) where given.
    FromEml {
        /// EML files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the RON form here instead of to standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The form's name (default: derived from the election and contest).
        #[arg(long)]
        id: Option<String>,
    },
    /// List the built-in forms.
    List,
}

#[derive(Debug, Args)]
pub struct QrArgs {
    /// A sealed sheet file.
    pub file: PathBuf,
    /// Write PNG file(s): OUT, or OUT-1.png, OUT-2.png … when the sheet needs several codes.
    #[arg(long, group = "qr_out")]
    pub png: Option<PathBuf>,
    /// Write SVG file(s), named like --png.
    #[arg(long, group = "qr_out")]
    pub svg: Option<PathBuf>,
    /// Print the code(s) in the terminal.
    #[arg(long, group = "qr_out")]
    pub text: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// PNG or JPEG images or photos of meetel QR codes, in any order.
    #[arg(required = true)]
    pub images: Vec<PathBuf>,
    /// Directory to write the verified sheets to.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Sheet files.
    #[arg(required = true)]
    pub sheets: Vec<PathBuf>,
    /// Published files: EML (110a, 110b, 230b, 510x), osv4-3 CSV, directories or zips.
    #[arg(long, required = true, num_args = 1..)]
    pub published: Vec<PathBuf>,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (columns in docs/compare.md).
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// EML 510 files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Runs the command line; the binary's `main` is this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    let result = match cli.command {
        None => sheet::tui(lang, None, None, false),
        Some(Command::Tui(a)) => sheet::tui(lang, a.file, a.form, a.demo),
        Some(Command::New(a)) => sheet::new(&a, lang),
        Some(Command::Set(a)) => sheet::set(&a, lang),
        Some(Command::Show(a)) => sheet::show(&a, lang),
        Some(Command::Seal(a)) => sheet::seal(&a, lang),
        Some(Command::Verify(a)) => sheet::verify(&a, lang),
        Some(Command::Correct(a)) => sheet::correct(&a, lang),
        Some(Command::Keys(a)) => sheet::keys(&a, lang),
        Some(Command::Form(f)) => form_command(f, lang),
        Some(Command::Qr(a)) => qr::qr(&a.file, a.png.as_deref(), a.svg.as_deref(), a.text, lang),
        Some(Command::Scan(a)) => qr::scan(&a.images, &a.out, lang),
        Some(Command::Compare(a)) => compare::compare(&a, lang),
        Some(Command::Ingest(a)) => compare::ingest(&a.paths, lang),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("meetel: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// What a subcommand returns: an exit code, or a message for exit code 2.
pub type Outcome = Result<u8, String>;

fn form_command(f: FormCommand, lang: Lang) -> Outcome {
    match f {
        FormCommand::FromEml { files, out, id } => {
            form::from_eml(&files, out.as_deref(), id.as_deref(), lang).map(|()| EXIT_OK)
        }
        FormCommand::List => {
            for name in crate::form::Form::embedded_names() {
                println!("{name}");
            }
            Ok(EXIT_OK)
        }
    }
}
