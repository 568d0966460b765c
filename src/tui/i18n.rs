//! The TUI's own words, in Dutch (the language of the PV and the room) and English.
//! Labels that come from the form (moments, questions, categories) carry their own
//! translations in the form files; only the program's words are here, in one place, so
//! that a translation is a matter of reading this file top to bottom.

use crate::i18n::Lang;

/// A piece of UI text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.0,
            Lang::En => self.1,
        }
    }
}

// Frame and status line.
pub const APP_TITLE: T = T(
    "meetel — meetellen met de stemopneming",
    "meetel — count along",
);
pub const SAVED: T = T("opgeslagen", "saved");
pub const NOT_SAVED: T = T("NIET opgeslagen", "NOT saved");
pub const IN_MEMORY: T = T("alleen in geheugen", "in memory only");
pub const SEALED: T = T("verzegeld", "sealed");
pub const DEMO_LABEL: T = T(
    "DEMO — fictief stembureau",
    "DEMO — fictitious polling station",
);
pub const DEMO_NOTICE: T = T(
    "Oefenblad: een fictief stembureau, geen echte uitslag.",
    "Practice sheet: a fictitious polling station, not a real result.",
);
pub const READ_ONLY: T = T(
    "Dit blad is verzegeld en kan niet meer worden gewijzigd; een correctie is een nieuw blad.",
    "This sheet is sealed and cannot be changed; a correction is a new sheet.",
);
pub const TOO_SMALL: T = T(
    "Venster te klein: maak het minstens 60 × 16 tekens.",
    "Window too small: make it at least 60 × 16 characters.",
);

// Screens.
pub const SCREEN_START: T = T("Start", "Start");
pub const SCREEN_COUNT: T = T("Telling", "Count");
pub const SCREEN_CANDIDATES: T = T("Kandidaten", "Candidates");
pub const SCREEN_TALLY: T = T("Turven", "Tally");
pub const SCREEN_EVENTS: T = T("Momenten en gebeurtenissen", "Moments and events");
pub const SCREEN_CHECKLIST: T = T("Checklist", "Checklist");
pub const SCREEN_SEAL: T = T("Verzegelen", "Seal");
pub const SCREEN_HELP: T = T("Toetsen", "Keys");

// Count screen.
pub const SEC_ADMITTED: T = T("2.1 Toegelaten kiezers", "2.1 Admitted voters");
pub const SEC_VOTES: T = T("2.2 Uitgebrachte stemmen", "2.2 Votes cast");
pub const SEC_DIFFERENCE: T = T(
    "2.3 Verschil tussen D en H",
    "2.3 Difference between D and H",
);
pub const DH_TICK: T = T("Aangekruist", "Box ticked");
pub const EXPLAINED: T = T("Volledig verklaard (1.2.2)?", "Fully explained (1.2.2)?");
pub const TICK_EQUAL: T = T("D = H", "D = H");
pub const TICK_MORE: T = T("H > D", "H > D");
pub const TICK_LESS: T = T("H < D", "H < D");
pub const TICK_NONE: T = T("geen vakje", "no box");
pub const TICK_SEVERAL: T = T("meer vakjes", "several boxes");
pub const YES: T = T("ja", "yes");
pub const NO: T = T("nee", "no");
pub const UNKNOWN: T = T("onbekend", "unknown");
pub const NEITHER: T = T("geen van beide", "neither");
pub const BOTH: T = T("allebei", "both");
pub const NOT_OBSERVED: T = T("—", "—");
pub const TYPED: T = T("getypt", "typed");
pub const TALLIED: T = T("geturfd", "tallied");
pub const STANDS: T = T("geldt", "stands");
pub const LIST: T = T("Lijst", "List");
pub const LISTS: T = T("lijsten", "lists");
pub const LIST_PAGE_TOTAL: T = T(
    "Totaal lijst (op de kandidatenpagina)",
    "List total (on the candidate page)",
);
pub const SUM_OF_CANDIDATES: T = T("som kandidaten", "sum of candidates");
pub const NO_CANDIDATES: T = T(
    "Voor deze lijst zijn geen kandidaten bekend in het formulier.",
    "The form knows no candidates for this list.",
);
pub const CSO_NO_CANDIDATES: T = T(
    "Dit stembureau telt centraal (CSO, N 10-2): per kandidaat telt de gemeente de volgende dag.",
    "This station counts centrally (CSO, N 10-2): the municipality counts per candidate the next day.",
);
pub const EXPLANATIONS: T = T("Verklaringen", "Explanations");

// Checks panel.
pub const CHECKS: T = T("Controles", "Checks");
pub const CHECKS_NONE: T = T(
    "Geen fouten of waarschuwingen in wat tot nu toe is waargenomen.",
    "No errors or warnings in what has been observed so far.",
);

// Tally.
pub const TALLY_HELP: T = T(
    "Eén toets per stembiljet: spatie of + telt er één bij, - haalt er één af.",
    "One key per ballot: space or + adds one, - takes one back.",
);
pub const TALLY_TYPED_STANDS: T = T(
    "Het getypte getal geldt (wat is omgeroepen); de turf blijft bewaard.",
    "The typed figure stands (what was announced); the tally is kept.",
);
pub const TALLY_STANDS: T = T(
    "De turf geldt: er is geen getal getypt.",
    "The tally stands: no figure was typed.",
);

// Events.
pub const MOMENTS: T = T("Momenten", "Moments");
pub const EVENTS: T = T("Bezwaren en incidenten", "Objections and incidents");
pub const NOTES: T = T("Notities", "Notes");
pub const OBJECTION: T = T("Bezwaar", "Objection");
pub const INCIDENT: T = T("Incident", "Incident");
pub const NOT_STAMPED: T = T("nog niet", "not yet");
pub const MOMENTS_OPEN: T = T("nog te stempelen", "not yet stamped");
pub const NO_EVENTS: T = T(
    "Nog geen bezwaren of incidenten. o = bezwaar, i = incident.",
    "No objections or incidents yet. o = objection, i = incident.",
);
pub const CATEGORY: T = T("Categorie", "Category");
pub const TIME: T = T("Tijd", "Time");
pub const TEXT: T = T("Wat", "What");
pub const RESPONSE: T = T("Reactie stembureau", "Station's response");
pub const OBJECTION_REMINDER: T = T(
    "De voorzitter moet elk bezwaar in het proces-verbaal opnemen (1.2.1 of 1.3.2).",
    "The chair must record every objection in the PV (1.2.1 or 1.3.2).",
);
pub const HELP_NOTE: T = T(
    "Leeg = niet waargenomen; 0 is een echte nul. Elke wijziging staat op schijf vóór het volgende beeld: afsluiten kan altijd, er gaat niets verloren.",
    "Empty = not observed; 0 is a real zero. Every edit is on disk before the next frame: you can quit at any time, nothing is lost.",
);
pub const NOT_QUIT_UNSAVED: T = T(
    "Niet afgesloten: het getypte getal is nog niet opgeslagen. Probeer opnieuw (Enter), of Esc om het te laten vallen en dan af te sluiten.",
    "Not quit: the figure being typed is not saved yet. Try again (Enter), or Esc to drop it and then quit.",
);
pub const NOT_QUIT_TEXT: T = T(
    "Niet afgesloten: de getypte tekst is nog niet opgeslagen. Verbeter wat hierboven staat (Enter), of Esc om de tekst te laten vallen en dan af te sluiten.",
    "Not quit: the text being typed is not saved yet. Correct what is said above (Enter), or Esc to drop the text and then quit.",
);
pub const PASTE_NOTE: T = T(
    "Plakken voegt tekst in maar verstuurt het formulier nooit.",
    "Pasting inserts text but never submits the form.",
);

// Checklist.
pub const NOTE: T = T("Notitie", "Note");
pub const ANSWERED: T = T("beantwoord", "answered");

// Seal.
pub const SEAL_SUMMARY: T = T("Samenvatting", "Summary");
pub const SEAL_OPEN_ERRORS: T = T("Openstaande fouten", "Open errors");
pub const SEAL_WARNINGS: T = T("Waarschuwingen", "Warnings");
pub const SEAL_UNOBSERVED: T = T("Niet waargenomen", "Not observed");
pub const SEAL_MOMENTS_OPEN: T = T("Momenten nog niet gestempeld", "Moments not yet stamped");
pub const TALLY_CLEARED: T = T(
    "Turf gewist (u = ongedaan maken).",
    "Tally cleared (u = undo).",
);
pub const SEAL_CONFIRM: T = T(
    "Verzegelen kan niet ongedaan worden gemaakt. Verzegelen? j = ja, Esc = terug",
    "Sealing cannot be undone. Seal now? y = yes, Esc = back",
);
pub const SEAL_PRESS_ENTER: T = T(
    "Enter: verzegelen met uw sleutel. Open fouten blokkeren niet: u legt vast wat u zag.",
    "Enter: seal with your key. Open errors do not block: you record what you saw.",
);
pub const FINGERPRINT: T = T("Vingerafdruk (SHA-256)", "Fingerprint (SHA-256)");
pub const FINGERPRINT_SHARE: T = T(
    "Deel deze vingerafdruk nu (bericht, foto): dat bewijst dat uw blad er was vóór de officiële uitslag.",
    "Share this fingerprint now (message, photo): that proves your sheet existed before the official result.",
);
pub const ALL_OBSERVED: T = T("alles waargenomen", "everything observed");
pub const FIELDS_OBSERVED: T = T("Waargenomen", "Observed");

// Start screen.
pub const RECENT: T = T("Recente bladen", "Recent sheets");
pub const NO_RECENT: T = T("Nog geen bladen.", "No sheets yet.");
pub const NEW_SHEET: T = T("Nieuw blad", "New sheet");
pub const FORM: T = T("Formulier", "Form");
pub const STATION: T = T("Stembureau", "Polling station");
pub const STATION_SEARCH: T = T(
    "typ een naam, postcode of id (0668::SB1)",
    "type a name, postcode or id (0668::SB1)",
);
pub const OBSERVER: T = T("Waarnemer (alias)", "Observer (alias)");
pub const SESSION: T = T("Zitting", "Session");
pub const SESSION_STATION: T = T("Telling stembureau", "Station count");
pub const SESSION_GSB: T = T(
    "Zitting gemeentelijk stembureau",
    "Municipal committee session",
);
pub const BEGIN: T = T("[ Beginnen ]", "[ Begin ]");
pub const ALIAS_NEEDED: T = T(
    "Vul een alias in (geen echte naam nodig).",
    "Fill in an alias (no real name needed).",
);
pub const STATION_NEEDED: T = T(
    "Kies een stembureau uit de lijst of typ een id zoals 0668::SB1.",
    "Pick a station from the list or type an id such as 0668::SB1.",
);
pub const STATION_TYPED: T = T("getypt id", "typed id");
pub const NO_STATION_FOUND: T = T(
    "Geen stembureau gevonden. Typ een deel van de naam, de postcode, de gemeente of een id zoals 0668::SB1.",
    "No polling station found. Type part of its name, postcode, municipality or an id such as 0668::SB1.",
);
pub const LAST_EDIT: T = T("laatst", "last");
pub const STATE_OPEN: T = T("open", "open");

// Prompts and messages.
pub const JUMP_LIST: T = T("Naar lijst nummer", "Go to list number");
pub const NO_SUCH_LIST: T = T(
    "Die lijst bestaat niet bij deze verkiezing",
    "That list does not exist at this election",
);
pub const EDIT_TIME: T = T("Tijd (UU:MM)", "Time (HH:MM)");
pub const NOT_A_TIME: T = T(
    "geen tijd; typ bijvoorbeeld 21:05 of 2105",
    "not a time; type for example 21:05 or 2105",
);
pub const UNDONE: T = T("Ongedaan gemaakt", "Undone");
pub const REDONE: T = T("Opnieuw gedaan", "Redone");
pub const NOTHING_TO_UNDO: T = T("Niets om ongedaan te maken.", "Nothing to undo.");
pub const NOTHING_TO_REDO: T = T("Niets om opnieuw te doen.", "Nothing to redo.");
pub const STAMPED: T = T("Gestempeld", "Stamped");
pub const RECOVERED_TORN: T = T(
    "Hersteld: de laatste, onvolledige wijziging (nooit bevestigd) is weggelaten",
    "Recovered: the last, incomplete edit (never confirmed) was left out",
);
pub const READ_BACK: T = T("Teruggelezen", "Read back");
pub const READ_BACK_EMPTY: T = T("Het blad is nog leeg", "The sheet is still empty");
pub const N_FIGURES: T = T("getallen", "figures");
pub const N_MOMENTS: T = T("momenten", "moments");
pub const N_EVENTS: T = T("bezwaren/incidenten", "objections/incidents");
pub const N_ANSWERS: T = T("checklistantwoorden", "checklist answers");
pub const QUESTION: T = T("vraag", "question");
pub const RESUMED_AT: T = T("verder bij", "resumed at");
pub const CLOSE_HELP: T = T("Esc sluit", "Esc closes");
pub const KEYS_DIGITS: T = T("0-9", "0-9");

// Compare screen.
pub const SCREEN_COMPARE: T = T("Vergelijken", "Compare");
pub const PUBLISHED_FILES: T = T(
    "Gepubliceerde bestanden om mee te vergelijken",
    "Published files to compare with",
);
pub const PUBLISHED_HELP: T = T(
    "Een map, een zip of losse bestanden (EML 510, osv4-3 CSV, een PV-overname), gescheiden door spaties of één per regel (Tab: nieuwe regel). Een pad met spaties: tussen aanhalingstekens of alleen op een regel.",
    "A folder, a zip or files (EML 510, osv4-3 CSV, a PV transcription), separated by spaces or one per line (Tab: new line). A path with spaces: in quotes or alone on a line.",
);
pub const NO_PATHS: T = T(
    "Typ minstens één pad: een map, een zip of bestanden.",
    "Type at least one path: a folder, a zip or files.",
);
pub const UNBALANCED_QUOTE: T = T(
    "een aanhalingsteken staat niet in een paar",
    "a quote is not closed",
);
pub const READING: T = T("bezig met inlezen…", "reading…");
pub const READING_STOPPED: T = T(
    "het inlezen is onverwacht gestopt",
    "reading stopped unexpectedly",
);
pub const SECONDS: T = T("s", "s");

// PV transcription.
pub const SHEET_KIND: T = T("Soort blad", "Kind of sheet");
pub const KIND_OBSERVATION: T = T(
    "Waarneming (wat ik zag en hoorde)",
    "Observation (what I saw and heard)",
);
pub const KIND_TRANSCRIPTION: T = T(
    "Overname van het gepubliceerde PV",
    "Transcription of the published PV",
);
pub const TRANSCRIPTION_BADGE: T = T("OVERNAME PV", "PV TRANSCRIPTION");
pub const TRANSCRIPTION_NOTICE: T = T(
    "Overname van het PV: typ de getallen over zoals ze op het gepubliceerde proces-verbaal staan.",
    "PV transcription: type the figures over as they stand on the published PV.",
);
pub const TRANSCRIPTION_NOTE: T = T(
    "Dit blad is een overname van het gepubliceerde proces-verbaal (de PDF), geen waarneming in het stembureau.",
    "This sheet is a transcription of the published PV (the PDF), not an observation in the polling station.",
);

pub const TRANSCRIPTION_SEALED: T = T(
    "Overname van het PV, verzegeld: geef dit blad als gepubliceerde invoer bij het vergelijken (F8 op een waarnemingsblad, of meetel compare --published).",
    "PV transcription, sealed: give this sheet as published input when comparing (F8 on an observation sheet, or meetel compare --published).",
);

// Crash resume.
pub const PANICKED_LAST_TIME: T = T(
    "meetel is de vorige keer op een fout gestopt. Uw blad is veilig opgeslagen: kies het hieronder (Enter) om verder te gaan.",
    "meetel stopped on an error last time. Your sheet is safely saved: choose it below (Enter) to go on.",
);
pub const UNCLEAN_EXIT: T = T(
    "meetel is de vorige keer niet afgesloten (vastgelopen of gestopt); het blad is weer geopend",
    "meetel did not quit last time (it crashed or was stopped); the sheet is open again",
);

// Making a form from the Kiesraad's EML files on the start screen.
pub const EML_FILES: T = T("Formulier uit EML-bestanden", "Form from EML files");
pub const EML_HELP: T = T(
    "De kandidatenlijsten (EML 230b, Kandidatenlijsten_…), en zo u wilt de verkiezingsdefinitie (110a) en de stembureaus (110b, of een telling 510b), gescheiden door spaties of één per regel (Tab: nieuwe regel). Ook een map of een zip.",
    "The candidate lists (EML 230b, Kandidatenlijsten_…), and if you like the election definition (110a) and the polling stations (110b, or a count 510b), separated by spaces or one per line (Tab: new line). A folder or a zip also works.",
);
pub const EML_FAILED: T = T("Geen formulier gemaakt", "No form made");
pub const EML_WRITE_FAILED: T = T(
    "Het formulier is gemaakt maar kon niet worden bewaard",
    "The form was made but could not be saved",
);
pub const EML_NO_HOME: T = T(
    "Er is geen meetel-map om het formulier in te bewaren",
    "There is no meetel directory to keep the form in",
);
pub const EML_MADE: T = T("Formulier gemaakt en gekozen", "Form made and chosen");
