//! The TUI's own words, in Dutch (the language of the PV and the room) and English.
//! Labels that come from the form (moments, questions, categories) carry their own
//! translations in the form files; only the program's words are here, in one place, so
//! that a translation is a matter of reading this file top to bottom.

use crate::i18n::Text;

// Frame and status line.
pub const APP_TITLE: &Text = &Text::fixed(
    "meetel — meetellen met de stemopneming",
    "meetel — count along",
);
pub const SAVED: &Text = &Text::fixed("opgeslagen", "saved");
pub const NOT_SAVED: &Text = &Text::fixed("NIET opgeslagen", "NOT saved");
pub const IN_MEMORY: &Text = &Text::fixed("alleen in geheugen", "in memory only");
pub const SEALED: &Text = &Text::fixed("verzegeld", "sealed");
pub const DEMO_LABEL: &Text = &Text::fixed(
    "DEMO — fictief stembureau",
    "DEMO — fictitious polling station",
);
pub const DEMO_NOTICE: &Text = &Text::fixed(
    "Oefenblad: een fictief stembureau, geen echte uitslag.",
    "Practice sheet: a fictitious polling station, not a real result.",
);
pub const READ_ONLY: &Text = &Text::fixed(
    "Dit blad is verzegeld en kan niet meer worden gewijzigd; een correctie is een nieuw blad.",
    "This sheet is sealed and cannot be changed; a correction is a new sheet.",
);
pub const TOO_SMALL: &Text = &Text::fixed(
    "Venster te klein: maak het minstens 60 × 16 tekens.",
    "Window too small: make it at least 60 × 16 characters.",
);

// Screens.
pub const SCREEN_START: &Text = &Text::fixed("Start", "Start");
pub const SCREEN_COUNT: &Text = &Text::fixed("Telling", "Count");
pub const SCREEN_CANDIDATES: &Text = &Text::fixed("Kandidaten", "Candidates");
pub const SCREEN_TALLY: &Text = &Text::fixed("Turven", "Tally");
pub const SCREEN_EVENTS: &Text = &Text::fixed("Momenten en gebeurtenissen", "Moments and events");
pub const SCREEN_CHECKLIST: &Text = &Text::fixed("Checklist", "Checklist");
pub const SCREEN_SEAL: &Text = &Text::fixed("Verzegelen", "Seal");
pub const SCREEN_HELP: &Text = &Text::fixed("Toetsen", "Keys");

// Count screen.
pub const SEC_ADMITTED: &Text = &Text::fixed("2.1 Toegelaten kiezers", "2.1 Admitted voters");
pub const SEC_VOTES: &Text = &Text::fixed("2.2 Uitgebrachte stemmen", "2.2 Votes cast");
pub const SEC_DIFFERENCE: &Text = &Text::fixed(
    "2.3 Verschil tussen D en H",
    "2.3 Difference between D and H",
);
pub const DH_TICK: &Text = &Text::fixed("Aangekruist", "Box ticked");
pub const EXPLAINED: &Text =
    &Text::fixed("Volledig verklaard (1.2.2)?", "Fully explained (1.2.2)?");
pub const NOT_OBSERVED: &Text = &Text::fixed("—", "—");
pub const TYPED: &Text = &Text::fixed("getypt", "typed");
pub const TALLIED: &Text = &Text::fixed("geturfd", "tallied");
pub const STANDS: &Text = &Text::fixed("geldt", "stands");
pub const LIST: &Text = &Text::fixed("Lijst", "List");
pub const LISTS: &Text = &Text::fixed("lijsten", "lists");
pub const LIST_PAGE_TOTAL: &Text = &Text::fixed(
    "Totaal lijst (op de kandidatenpagina)",
    "List total (on the candidate page)",
);
pub const SUM_OF_CANDIDATES: &Text = &Text::fixed("som kandidaten", "sum of candidates");
pub const NO_CANDIDATES: &Text = &Text::fixed(
    "Voor deze lijst zijn geen kandidaten bekend in het formulier.",
    "The form knows no candidates for this list.",
);
pub const CSO_NO_CANDIDATES: &Text = &Text::fixed(
    "Dit stembureau telt centraal (CSO, N 10-2): per kandidaat telt de gemeente de volgende dag.",
    "This station counts centrally (CSO, N 10-2): the municipality counts per candidate the next day.",
);
pub const EXPLANATIONS: &Text = &Text::fixed("Verklaringen", "Explanations");

// Checks panel.
pub const CHECKS: &Text = &Text::fixed("Controles", "Checks");
pub const CHECKS_NONE: &Text = &Text::fixed(
    "Geen fouten of waarschuwingen in wat tot nu toe is waargenomen.",
    "No errors or warnings in what has been observed so far.",
);

// Tally.
pub const TALLY_HELP: &Text = &Text::fixed(
    "Eén toets per stembiljet: spatie of + telt er één bij, - haalt er één af.",
    "One key per ballot: space or + adds one, - takes one back.",
);
pub const TALLY_TYPED_STANDS: &Text = &Text::fixed(
    "Het getypte getal geldt (wat is omgeroepen); de turf blijft bewaard.",
    "The typed figure stands (what was announced); the tally is kept.",
);
pub const TALLY_STANDS: &Text = &Text::fixed(
    "De turf geldt: er is geen getal getypt.",
    "The tally stands: no figure was typed.",
);

// Events.
pub const MOMENTS: &Text = &Text::fixed("Momenten", "Moments");
pub const EVENTS: &Text = &Text::fixed("Bezwaren en incidenten", "Objections and incidents");
pub const NOTES: &Text = &Text::fixed("Notities", "Notes");
pub const OBJECTION: &Text = &Text::fixed("Bezwaar", "Objection");
pub const INCIDENT: &Text = &Text::fixed("Incident", "Incident");
pub const NOT_STAMPED: &Text = &Text::fixed("nog niet", "not yet");
pub const MOMENTS_OPEN: &Text = &Text::fixed("nog te stempelen", "not yet stamped");
pub const NO_EVENTS: &Text = &Text::fixed(
    "Nog geen bezwaren of incidenten. o = bezwaar, i = incident.",
    "No objections or incidents yet. o = objection, i = incident.",
);
pub const CATEGORY: &Text = &Text::fixed("Categorie", "Category");
pub const TIME: &Text = &Text::fixed("Tijd", "Time");
pub const TEXT: &Text = &Text::fixed("Wat", "What");
pub const RESPONSE: &Text = &Text::fixed("Reactie stembureau", "Station's response");
pub const OBJECTION_REMINDER: &Text = &Text::fixed(
    "De voorzitter moet elk bezwaar in het proces-verbaal opnemen (1.2.1 of 1.3.2).",
    "The chair must record every objection in the PV (1.2.1 or 1.3.2).",
);
pub const HELP_NOTE: &Text = &Text::fixed(
    "Leeg = niet waargenomen; 0 is een echte nul. Elke wijziging staat op schijf vóór het volgende beeld: afsluiten kan altijd, er gaat niets verloren.",
    "Empty = not observed; 0 is a real zero. Every edit is on disk before the next frame: you can quit at any time, nothing is lost.",
);
pub const NOT_QUIT_UNSAVED: &Text = &Text::fixed(
    "Niet afgesloten: het getypte getal is nog niet opgeslagen. Probeer opnieuw (Enter), of Esc om het te laten vallen en dan af te sluiten.",
    "Not quit: the figure being typed is not saved yet. Try again (Enter), or Esc to drop it and then quit.",
);
pub const NOT_QUIT_TEXT: &Text = &Text::fixed(
    "Niet afgesloten: de getypte tekst is nog niet opgeslagen. Verbeter wat hierboven staat (Enter), of Esc om de tekst te laten vallen en dan af te sluiten.",
    "Not quit: the text being typed is not saved yet. Correct what is said above (Enter), or Esc to drop the text and then quit.",
);
pub const PASTE_NOTE: &Text = &Text::fixed(
    "Plakken voegt tekst in maar verstuurt het formulier nooit.",
    "Pasting inserts text but never submits the form.",
);

// Checklist.
pub const NOTE: &Text = &Text::fixed("Notitie", "Note");
pub const ANSWERED: &Text = &Text::fixed("beantwoord", "answered");

// Seal.
pub const SEAL_SUMMARY: &Text = &Text::fixed("Samenvatting", "Summary");
pub const SEAL_OPEN_ERRORS: &Text = &Text::fixed("Openstaande fouten", "Open errors");
pub const SEAL_WARNINGS: &Text = &Text::fixed("Waarschuwingen", "Warnings");
pub const SEAL_UNOBSERVED: &Text = &Text::fixed("Niet waargenomen", "Not observed");
pub const SEAL_MOMENTS_OPEN: &Text =
    &Text::fixed("Momenten nog niet gestempeld", "Moments not yet stamped");
pub const TALLY_CLEARED: &Text = &Text::fixed(
    "Turf gewist (u = ongedaan maken).",
    "Tally cleared (u = undo).",
);
pub const SEAL_CONFIRM: &Text = &Text::fixed(
    "Verzegelen kan niet ongedaan worden gemaakt. Verzegelen? j = ja, Esc = terug",
    "Sealing cannot be undone. Seal now? y = yes, Esc = back",
);
pub const SEAL_PRESS_ENTER: &Text = &Text::fixed(
    "Enter: verzegelen met uw sleutel. Open fouten blokkeren niet: u legt vast wat u zag.",
    "Enter: seal with your key. Open errors do not block: you record what you saw.",
);
pub const FINGERPRINT: &Text = &Text::fixed("Vingerafdruk (SHA-256)", "Fingerprint (SHA-256)");
pub const FINGERPRINT_SHARE: &Text = &Text::fixed(
    "Deel deze vingerafdruk nu (bericht, foto): dat bewijst dat uw blad er was vóór de officiële uitslag.",
    "Share this fingerprint now (message, photo): that proves your sheet existed before the official result.",
);
pub const ALL_OBSERVED: &Text = &Text::fixed("alles waargenomen", "everything observed");
pub const FIELDS_OBSERVED: &Text = &Text::fixed("Waargenomen", "Observed");

// Start screen.
pub const RECENT: &Text = &Text::fixed("Recente bladen", "Recent sheets");
pub const NO_RECENT: &Text = &Text::fixed("Nog geen bladen.", "No sheets yet.");
pub const NEW_SHEET: &Text = &Text::fixed("Nieuw blad", "New sheet");
pub const FORM: &Text = &Text::fixed("Formulier", "Form");
pub const STATION: &Text = &Text::fixed("Stembureau", "Polling station");
pub const STATION_SEARCH: &Text = &Text::fixed(
    "typ een naam, postcode of id (0668::SB1)",
    "type a name, postcode or id (0668::SB1)",
);
pub const OBSERVER: &Text = &Text::fixed("Waarnemer (alias)", "Observer (alias)");
pub const SESSION: &Text = &Text::fixed("Zitting", "Session");
pub const SESSION_STATION: &Text = &Text::fixed("Telling stembureau", "Station count");
pub const SESSION_GSB: &Text = &Text::fixed(
    "Zitting gemeentelijk stembureau",
    "Municipal committee session",
);
pub const BEGIN: &Text = &Text::fixed("[ Beginnen ]", "[ Begin ]");
pub const ALIAS_NEEDED: &Text = &Text::fixed(
    "Vul een alias in (geen echte naam nodig).",
    "Fill in an alias (no real name needed).",
);
pub const STATION_NEEDED: &Text = &Text::fixed(
    "Kies een stembureau uit de lijst of typ een id zoals 0668::SB1.",
    "Pick a station from the list or type an id such as 0668::SB1.",
);
pub const STATION_TYPED: &Text = &Text::fixed("getypt id", "typed id");
pub const NO_STATION_FOUND: &Text = &Text::fixed(
    "Geen stembureau gevonden. Typ een deel van de naam, de postcode, de gemeente of een id zoals 0668::SB1.",
    "No polling station found. Type part of its name, postcode, municipality or an id such as 0668::SB1.",
);
pub const LAST_EDIT: &Text = &Text::fixed("laatst", "last");
pub const STATE_OPEN: &Text = &Text::fixed("open", "open");

// Prompts and messages.
pub const JUMP_LIST: &Text = &Text::fixed("Naar lijst nummer", "Go to list number");
pub const NO_SUCH_LIST: &Text = &Text::fixed(
    "Die lijst bestaat niet bij deze verkiezing",
    "That list does not exist at this election",
);
pub const EDIT_TIME: &Text = &Text::fixed("Tijd (UU:MM)", "Time (HH:MM)");
pub const NOT_A_TIME: &Text = &Text::fixed(
    "geen tijd; typ bijvoorbeeld 21:05 of 2105",
    "not a time; type for example 21:05 or 2105",
);
pub const UNDONE: &Text = &Text::fixed("Ongedaan gemaakt", "Undone");
pub const REDONE: &Text = &Text::fixed("Opnieuw gedaan", "Redone");
pub const NOTHING_TO_UNDO: &Text = &Text::fixed("Niets om ongedaan te maken.", "Nothing to undo.");
pub const NOTHING_TO_REDO: &Text = &Text::fixed("Niets om opnieuw te doen.", "Nothing to redo.");
pub const STAMPED: &Text = &Text::fixed("Gestempeld", "Stamped");
pub const RECOVERED_TORN: &Text = &Text::fixed(
    "Hersteld: de laatste, onvolledige wijziging (nooit bevestigd) is weggelaten",
    "Recovered: the last, incomplete edit (never confirmed) was left out",
);
pub const READ_BACK: &Text = &Text::fixed("Teruggelezen", "Read back");
pub const READ_BACK_EMPTY: &Text = &Text::fixed("Het blad is nog leeg", "The sheet is still empty");
pub const N_FIGURES: &Text = &Text::fixed("getallen", "figures");
pub const N_MOMENTS: &Text = &Text::fixed("momenten", "moments");
pub const N_EVENTS: &Text = &Text::fixed("bezwaren/incidenten", "objections/incidents");
pub const N_ANSWERS: &Text = &Text::fixed("checklistantwoorden", "checklist answers");
pub const QUESTION: &Text = &Text::fixed("vraag", "question");
pub const RESUMED_AT: &Text = &Text::fixed("verder bij", "resumed at");
pub const CLOSE_HELP: &Text = &Text::fixed("Esc sluit", "Esc closes");
pub const KEYS_DIGITS: &Text = &Text::fixed("0-9", "0-9");

// Compare screen.
pub const SCREEN_COMPARE: &Text = &Text::fixed("Vergelijken", "Compare");
pub const PUBLISHED_FILES: &Text = &Text::fixed(
    "Gepubliceerde bestanden om mee te vergelijken",
    "Published files to compare with",
);
pub const PUBLISHED_HELP: &Text = &Text::fixed(
    "Een map, een zip of losse bestanden (EML 510, osv4-3 CSV, een PV-overname), gescheiden door spaties of één per regel (Tab: nieuwe regel). Een pad met spaties: tussen aanhalingstekens of alleen op een regel.",
    "A folder, a zip or files (EML 510, osv4-3 CSV, a PV transcription), separated by spaces or one per line (Tab: new line). A path with spaces: in quotes or alone on a line.",
);
pub const NO_PATHS: &Text = &Text::fixed(
    "Typ minstens één pad: een map, een zip of bestanden.",
    "Type at least one path: a folder, a zip or files.",
);
pub const UNBALANCED_QUOTE: &Text = &Text::fixed(
    "een aanhalingsteken staat niet in een paar",
    "a quote is not closed",
);
pub const READING: &Text = &Text::fixed("bezig met inlezen…", "reading…");
pub const READING_STOPPED: &Text = &Text::fixed(
    "het inlezen is onverwacht gestopt",
    "reading stopped unexpectedly",
);
pub const SECONDS: &Text = &Text::fixed("s", "s");

// PV transcription.
pub const SHEET_KIND: &Text = &Text::fixed("Soort blad", "Kind of sheet");
pub const KIND_OBSERVATION: &Text = &Text::fixed(
    "Waarneming (wat ik zag en hoorde)",
    "Observation (what I saw and heard)",
);
pub const KIND_TRANSCRIPTION: &Text = &Text::fixed(
    "Overname van het gepubliceerde PV",
    "Transcription of the published PV",
);
pub const TRANSCRIPTION_BADGE: &Text = &Text::fixed("OVERNAME PV", "PV TRANSCRIPTION");
pub const TRANSCRIPTION_NOTICE: &Text = &Text::fixed(
    "Overname van het PV: typ de getallen over zoals ze op het gepubliceerde proces-verbaal staan.",
    "PV transcription: type the figures over as they stand on the published PV.",
);
pub const TRANSCRIPTION_NOTE: &Text = &Text::fixed(
    "Dit blad is een overname van het gepubliceerde proces-verbaal (de PDF), geen waarneming in het stembureau.",
    "This sheet is a transcription of the published PV (the PDF), not an observation in the polling station.",
);

pub const TRANSCRIPTION_SEALED: &Text = &Text::fixed(
    "Overname van het PV, verzegeld: geef dit blad als gepubliceerde invoer bij het vergelijken (F8 op een waarnemingsblad, of meetel compare --published).",
    "PV transcription, sealed: give this sheet as published input when comparing (F8 on an observation sheet, or meetel compare --published).",
);

// Crash resume.
pub const PANICKED_LAST_TIME: &Text = &Text::fixed(
    "meetel is de vorige keer op een fout gestopt. Uw blad is veilig opgeslagen: kies het hieronder (Enter) om verder te gaan.",
    "meetel stopped on an error last time. Your sheet is safely saved: choose it below (Enter) to go on.",
);
pub const UNCLEAN_EXIT: &Text = &Text::fixed(
    "meetel is de vorige keer niet afgesloten (vastgelopen of gestopt); het blad is weer geopend",
    "meetel did not quit last time (it crashed or was stopped); the sheet is open again",
);

// Making a form from the Kiesraad's EML files on the start screen.
pub const EML_FILES: &Text = &Text::fixed("Formulier uit EML-bestanden", "Form from EML files");
pub const EML_HELP: &Text = &Text::fixed(
    "De kandidatenlijsten (EML 230b, Kandidatenlijsten_…), en zo u wilt de verkiezingsdefinitie (110a) en de stembureaus (110b, of een telling 510b), gescheiden door spaties of één per regel (Tab: nieuwe regel). Ook een map of een zip.",
    "The candidate lists (EML 230b, Kandidatenlijsten_…), and if you like the election definition (110a) and the polling stations (110b, or a count 510b), separated by spaces or one per line (Tab: new line). A folder or a zip also works.",
);
pub const EML_FAILED: &Text = &Text::fixed("Geen formulier gemaakt", "No form made");
pub const EML_WRITE_FAILED: &Text = &Text::fixed(
    "Het formulier is gemaakt maar kon niet worden bewaard",
    "The form was made but could not be saved",
);
pub const EML_NO_HOME: &Text = &Text::fixed(
    "Er is geen meetel-map om het formulier in te bewaren",
    "There is no meetel directory to keep the form in",
);
pub const EML_MADE: &Text = &Text::fixed("Formulier gemaakt en gekozen", "Form made and chosen");
