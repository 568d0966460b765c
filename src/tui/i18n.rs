//! The TUI's words that more than one file reads, in Dutch (the language of the PV and
//! the room) and English: the frame around the screens, the screens' titles, the
//! messages of the model (`app.rs`: undo, resume, recovery), and how the screens show a
//! figure (not observed, typed, tallied); the domain's values name themselves
//! (`DhTick::label`, `Answer::label`, `Op::describe`, …). A word that one screen or
//! pop-up alone shows is at the top of that screen's file (`screens/seal.rs` holds what
//! the seal screen says).
//! Labels that come from the form (moments, questions, categories) carry their own
//! translations in the form files.

use crate::i18n::Text;

// Frame and status line.
pub(crate) const APP_TITLE: &Text = &Text::fixed(
    "meetel — meetellen met de stemopneming",
    "meetel — count along",
);
pub(crate) const SAVED: &Text = &Text::fixed("opgeslagen", "saved");
pub(crate) const NOT_SAVED: &Text = &Text::fixed("NIET opgeslagen", "NOT saved");
pub(crate) const IN_MEMORY: &Text = &Text::fixed("alleen in geheugen", "in memory only");
pub(crate) const SEALED: &Text = &Text::fixed("verzegeld", "sealed");
pub(crate) const DEMO_LABEL: &Text = &Text::fixed(
    "DEMO — fictief stembureau",
    "DEMO — fictitious polling station",
);
pub(crate) const DEMO_NOTICE: &Text = &Text::fixed(
    "Oefenblad: een fictief stembureau, geen echte uitslag.",
    "Practice sheet: a fictitious polling station, not a real result.",
);
pub(crate) const READ_ONLY: &Text = &Text::fixed(
    "Dit blad is verzegeld en kan niet meer worden gewijzigd; een correctie is een nieuw blad.",
    "This sheet is sealed and cannot be changed; a correction is a new sheet.",
);
pub(crate) const TOO_SMALL: &Text = &Text::fixed(
    "Venster te klein: maak het minstens 60 × 16 tekens.",
    "Window too small: make it at least 60 × 16 characters.",
);

// Screens.
pub(crate) const SCREEN_START: &Text = &Text::fixed("Start", "Start");
pub(crate) const SCREEN_COUNT: &Text = &Text::fixed("Telling", "Count");
pub(crate) const SCREEN_CANDIDATES: &Text = &Text::fixed("Kandidaten", "Candidates");
pub(crate) const SCREEN_TALLY: &Text = &Text::fixed("Turven", "Tally");
pub(crate) const SCREEN_EVENTS: &Text =
    &Text::fixed("Momenten en gebeurtenissen", "Moments and events");
pub(crate) const SCREEN_CHECKLIST: &Text = &Text::fixed("Checklist", "Checklist");
pub(crate) const SCREEN_SEAL: &Text = &Text::fixed("Verzegelen", "Seal");
pub(crate) const SCREEN_HELP: &Text = &Text::fixed("Toetsen", "Keys");

// Count screen.
pub(crate) const DH_TICK: &Text = &Text::fixed("Aangekruist", "Box ticked");
pub(crate) const EXPLAINED: &Text =
    &Text::fixed("Volledig verklaard (1.2.2)?", "Fully explained (1.2.2)?");
pub(crate) const NOT_OBSERVED: &Text = &Text::fixed("—", "—");
pub(crate) const TYPED: &Text = &Text::fixed("getypt", "typed");
pub(crate) const TALLIED: &Text = &Text::fixed("geturfd", "tallied");
pub(crate) const LIST: &Text = &Text::fixed("Lijst", "List");
pub(crate) const LIST_PAGE_TOTAL: &Text = &Text::fixed(
    "Totaal lijst (op de kandidatenpagina)",
    "List total (on the candidate page)",
);

// Checks panel.
pub(crate) const CHECKS: &Text = &Text::fixed("Controles", "Checks");
pub(crate) const CHECKS_NONE: &Text = &Text::fixed(
    "Geen fouten of waarschuwingen in wat tot nu toe is waargenomen.",
    "No errors or warnings in what has been observed so far.",
);

// Events.
pub(crate) const NOTES: &Text = &Text::fixed("Notities", "Notes");
pub(crate) const OBJECTION: &Text = &Text::fixed("Bezwaar", "Objection");
pub(crate) const INCIDENT: &Text = &Text::fixed("Incident", "Incident");
pub(crate) const MOMENTS_OPEN: &Text = &Text::fixed("nog te stempelen", "not yet stamped");

// Quitting with something still typed.
pub(crate) const NOT_QUIT_UNSAVED: &Text = &Text::fixed(
    "Niet afgesloten: het getypte getal is nog niet opgeslagen. Probeer opnieuw (Enter), of Esc om het te laten vallen en dan af te sluiten.",
    "Not quit: the figure being typed is not saved yet. Try again (Enter), or Esc to drop it and then quit.",
);
pub(crate) const NOT_QUIT_TEXT: &Text = &Text::fixed(
    "Niet afgesloten: de getypte tekst is nog niet opgeslagen. Verbeter wat hierboven staat (Enter), of Esc om de tekst te laten vallen en dan af te sluiten.",
    "Not quit: the text being typed is not saved yet. Correct what is said above (Enter), or Esc to drop the text and then quit.",
);

// Checklist and its note.
pub(crate) const NOTE: &Text = &Text::fixed("Notitie", "Note");

// Seal (the screen, and the message when sealing is done).
pub(crate) const FINGERPRINT_SHARE: &Text = &Text::fixed(
    "Deel deze vingerafdruk nu (bericht, foto): dat bewijst dat uw blad er was vóór de officiële uitslag.",
    "Share this fingerprint now (message, photo): that proves your sheet existed before the official result.",
);

// Start screen (also on the seal summary), and beginning a sheet.
pub(crate) const OBSERVER: &Text = &Text::fixed("Waarnemer (alias)", "Observer (alias)");
pub(crate) const SESSION_STATION: &Text = &Text::fixed("Telling stembureau", "Station count");
pub(crate) const SESSION_GSB: &Text = &Text::fixed(
    "Zitting gemeentelijk stembureau",
    "Municipal committee session",
);
pub(crate) const ALIAS_NEEDED: &Text = &Text::fixed(
    "Vul een alias in (geen echte naam nodig).",
    "Fill in an alias (no real name needed).",
);
pub(crate) const STATION_NEEDED: &Text = &Text::fixed(
    "Kies een stembureau uit de lijst of typ een id zoals 0668::SB1.",
    "Pick a station from the list or type an id such as 0668::SB1.",
);

// Undo, and what a reopened sheet holds.
pub(crate) const UNDONE: &Text = &Text::fixed("Ongedaan gemaakt", "Undone");
pub(crate) const REDONE: &Text = &Text::fixed("Opnieuw gedaan", "Redone");
pub(crate) const NOTHING_TO_UNDO: &Text =
    &Text::fixed("Niets om ongedaan te maken.", "Nothing to undo.");
pub(crate) const NOTHING_TO_REDO: &Text =
    &Text::fixed("Niets om opnieuw te doen.", "Nothing to redo.");
pub(crate) const RECOVERED_TORN: &Text = &Text::fixed(
    "Hersteld: de laatste, onvolledige wijziging (nooit bevestigd) is weggelaten",
    "Recovered: the last, incomplete edit (never confirmed) was left out",
);
pub(crate) const READ_BACK: &Text = &Text::fixed("Teruggelezen", "Read back");
pub(crate) const READ_BACK_EMPTY: &Text =
    &Text::fixed("Het blad is nog leeg", "The sheet is still empty");
pub(crate) const N_FIGURES: &Text = &Text::fixed("getallen", "figures");
pub(crate) const N_MOMENTS: &Text = &Text::fixed("momenten", "moments");
pub(crate) const N_EVENTS: &Text = &Text::fixed("bezwaren/incidenten", "objections/incidents");
pub(crate) const N_ANSWERS: &Text = &Text::fixed("checklistantwoorden", "checklist answers");
pub(crate) const QUESTION: &Text = &Text::fixed("vraag", "question");
pub(crate) const RESUMED_AT: &Text = &Text::fixed("verder bij", "resumed at");

// Compare screen.
pub(crate) const SCREEN_COMPARE: &Text = &Text::fixed("Vergelijken", "Compare");
pub(crate) const PUBLISHED_FILES: &Text = &Text::fixed(
    "Gepubliceerde bestanden om mee te vergelijken",
    "Published files to compare with",
);

// PV transcription.
pub(crate) const KIND_TRANSCRIPTION: &Text = &Text::fixed(
    "Overname van het gepubliceerde PV",
    "Transcription of the published PV",
);
pub(crate) const TRANSCRIPTION_BADGE: &Text = &Text::fixed("OVERNAME PV", "PV TRANSCRIPTION");
pub(crate) const TRANSCRIPTION_NOTICE: &Text = &Text::fixed(
    "Overname van het PV: typ de getallen over zoals ze op het gepubliceerde proces-verbaal staan.",
    "PV transcription: type the figures over as they stand on the published PV.",
);

pub(crate) const TRANSCRIPTION_SEALED: &Text = &Text::fixed(
    "Overname van het PV, verzegeld: geef dit blad als gepubliceerde invoer bij het vergelijken (F8 op een waarnemingsblad, of meetel compare --published).",
    "PV transcription, sealed: give this sheet as published input when comparing (F8 on an observation sheet, or meetel compare --published).",
);

// Crash resume.
pub(crate) const PANICKED_LAST_TIME: &Text = &Text::fixed(
    "meetel is de vorige keer op een fout gestopt. Uw blad is veilig opgeslagen: kies het hieronder (Enter) om verder te gaan.",
    "meetel stopped on an error last time. Your sheet is safely saved: choose it below (Enter) to go on.",
);
pub(crate) const UNCLEAN_EXIT: &Text = &Text::fixed(
    "meetel is de vorige keer niet afgesloten (vastgelopen of gestopt); het blad is weer geopend",
    "meetel did not quit last time (it crashed or was stopped); the sheet is open again",
);

// Making a form from the Kiesraad's EML files on the start screen.
pub(crate) const EML_FILES: &Text =
    &Text::fixed("Formulier uit EML-bestanden", "Form from EML files");
