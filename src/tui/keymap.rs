//! The one keymap table. Key dispatch ([`lookup`]), the hint bar (`hints`) and the `?`
//! reference ([`reference()`]) all read `KEYMAP`, so the help can never drift from the
//! keys (the model is gitui's `CommandInfo` list).
//!
//! No binding uses Alt or Ctrl+Alt: macOS Option and Windows AltGr type characters with
//! them (`@`, `€`, `|`), so such a key press is always taken as a typed character.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;
use crate::i18n::Text;
use crate::words;

/// Where a binding applies. The app says which contexts are active, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// On every screen except while text is being typed.
    Global,
    /// While a text field is being typed into: letters are text, not commands.
    Text,
    Start,
    Count,
    Candidates,
    Tally,
    Events,
    Checklist,
    Seal,
    /// The comparison with the published results.
    Compare,
    /// The question which published files to compare with: paths, one or more a line.
    Paths,
    /// On the start screen, the question which EML files to make a form from: paths,
    /// one or more a line.
    FormPaths,
    /// The seal confirmation question.
    ConfirmSeal,
    Help,
}

impl Ctx {
    pub(crate) fn title(self) -> &'static Text {
        use crate::tui::i18n as s;
        match self {
            Ctx::Global => words!("Overal", "Everywhere"),
            Ctx::Text => words!("Tekst typen", "Typing text"),
            Ctx::Start => s::SCREEN_START,
            Ctx::Count => s::SCREEN_COUNT,
            Ctx::Candidates => s::SCREEN_CANDIDATES,
            Ctx::Tally => s::SCREEN_TALLY,
            Ctx::Events => s::SCREEN_EVENTS,
            Ctx::Checklist => s::SCREEN_CHECKLIST,
            Ctx::Seal => s::SCREEN_SEAL,
            Ctx::Compare => s::SCREEN_COMPARE,
            Ctx::Paths => s::PUBLISHED_FILES,
            Ctx::FormPaths => s::EML_FILES,
            Ctx::ConfirmSeal => words!("Verzegelen bevestigen", "Confirm seal"),
            Ctx::Help => s::SCREEN_HELP,
        }
    }
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    Char(char),
    Ctrl(char),
    F(u8),
    /// Any of 0–9 (a figure being typed).
    Digit,
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
}

impl Key {
    /// Whether a key press is this key.
    pub(crate) fn matches(self, ev: &KeyEvent) -> bool {
        let m = ev.modifiers;
        // Alt, Ctrl+Alt (AltGr) and Super never make a command: see the module docs.
        if m.intersects(KeyModifiers::ALT | KeyModifiers::SUPER | KeyModifiers::META) {
            return false;
        }
        let ctrl = m.contains(KeyModifiers::CONTROL);
        match (self, ev.code) {
            (Key::Char(c), KeyCode::Char(k)) => !ctrl && k == c,
            (Key::Ctrl(c), KeyCode::Char(k)) => ctrl && k.eq_ignore_ascii_case(&c),
            (Key::Digit, KeyCode::Char(k)) => !ctrl && k.is_ascii_digit(),
            (Key::F(n), KeyCode::F(k)) => n == k,
            (Key::Enter, KeyCode::Enter) => !ctrl,
            (Key::Esc, KeyCode::Esc) => true,
            (Key::Tab, KeyCode::Tab) => !m.contains(KeyModifiers::SHIFT),
            (Key::BackTab, KeyCode::BackTab) => true,
            (Key::BackTab, KeyCode::Tab) => m.contains(KeyModifiers::SHIFT),
            (Key::Up, KeyCode::Up) => true,
            (Key::Down, KeyCode::Down) => true,
            (Key::Left, KeyCode::Left) => true,
            (Key::Right, KeyCode::Right) => true,
            (Key::PageUp, KeyCode::PageUp) => true,
            (Key::PageDown, KeyCode::PageDown) => true,
            (Key::Home, KeyCode::Home) => true,
            (Key::End, KeyCode::End) => true,
            (Key::Backspace, KeyCode::Backspace) => true,
            (Key::Delete, KeyCode::Delete) => true,
            _ => false,
        }
    }

    /// How the key is written in the hint bar and the reference.
    pub(crate) fn name(self, lang: Lang) -> String {
        match self {
            Key::Char(' ') => words!("spatie", "space").get(lang).to_string(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::F(n) => format!("F{n}"),
            Key::Digit => "0-9".to_string(),
            Key::Enter => "Enter".to_string(),
            Key::Esc => "Esc".to_string(),
            Key::Tab => "Tab".to_string(),
            Key::BackTab => "Shift+Tab".to_string(),
            Key::Up => "↑".to_string(),
            Key::Down => "↓".to_string(),
            Key::Left => "←".to_string(),
            Key::Right => "→".to_string(),
            Key::PageUp => "PgUp".to_string(),
            Key::PageDown => "PgDn".to_string(),
            Key::Home => "Home".to_string(),
            Key::End => "End".to_string(),
            Key::Backspace => "Backspace".to_string(),
            Key::Delete => "Del".to_string(),
        }
    }
}

/// What a key does. The app's `update` carries each one out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    Undo,
    Redo,
    GoCount,
    GoCandidates,
    GoTally,
    GoEvents,
    GoChecklist,
    GoSeal,
    GoCompare,
    JumpList,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    /// Next field (Tab); in a form, the next input.
    Next,
    Prev,
    /// Enter: take what was typed and go on.
    Confirm,
    /// Esc: drop what was typed, or go back.
    Cancel,
    /// A digit typed into a count.
    Digit,
    /// Backspace: remove the last typed character.
    Erase,
    /// Delete: the field back to not observed.
    Clear,
    CycleNext,
    CyclePrev,
    PrevList,
    NextList,
    TallyAdd,
    TallySub,
    TallyClear,
    Stamp,
    EditTime,
    NewObjection,
    NewIncident,
    EditNotes,
    AnswerYes,
    AnswerNo,
    AnswerUnknown,
    Seal,
    ConfirmSeal,
    NextQrPart,
    PrevQrPart,
    ToggleQrCycle,
    /// On the start screen: make a form from the Kiesraad's EML files.
    FormFromEml,
}

/// One line of the table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Binding {
    pub(crate) ctx: Ctx,
    pub(crate) keys: &'static [Key],
    pub(crate) command: Command,
    pub(crate) label: &'static Text,
    /// Shown in the hint bar at the bottom (the reference shows every binding).
    pub(crate) bar: bool,
}

const fn b(
    ctx: Ctx,
    keys: &'static [Key],
    command: Command,
    label: &'static Text,
    bar: bool,
) -> Binding {
    Binding {
        ctx,
        keys,
        command,
        label,
        bar,
    }
}

use Command as C;
use Ctx as X;
use Key as K;

/// A binding shown in the hint bar.
const fn bar(ctx: Ctx, keys: &'static [Key], command: Command, label: &'static Text) -> Binding {
    b(ctx, keys, command, label, true)
}

/// A binding listed in the `?` reference only.
const fn more(ctx: Ctx, keys: &'static [Key], command: Command, label: &'static Text) -> Binding {
    b(ctx, keys, command, label, false)
}

// Words that several contexts share, so that one key reads the same everywhere.
const ALL_KEYS: &Text = &Text::fixed("alle toetsen", "all keys");
const UP: &Text = &Text::fixed("omhoog", "up");
const DOWN: &Text = &Text::fixed("omlaag", "down");
const PAGE_UP: &Text = &Text::fixed("pagina omhoog", "page up");
const PAGE_DOWN: &Text = &Text::fixed("pagina omlaag", "page down");
const NEXT_FIELD: &Text = &Text::fixed("volgend veld", "next field");
const PREV_FIELD: &Text = &Text::fixed("vorig veld", "previous field");
const NEXT_CHOICE: &Text = &Text::fixed("volgende keuze", "next choice");
const PREV_CHOICE: &Text = &Text::fixed("vorige keuze", "previous choice");
const BACK_TO_COUNT: &Text = &Text::fixed("terug naar telling", "back to the count");
const GO_TO_LIST: &Text = &Text::fixed("naar lijst", "go to list");
const QUIT: &Text = &Text::fixed("afsluiten", "quit");
const YES: &Text = &Text::fixed("ja", "yes");

/// The keys of a screen where figures are typed into a column of fields (the count and
/// a list's candidates): the same keys do the same there.
const fn figure_entry(
    ctx: Ctx,
    prev: &'static Text,
    next: &'static Text,
    first: &'static Text,
    last: &'static Text,
    cancel: &'static Text,
) -> [Binding; 11] {
    [
        bar(
            ctx,
            &[K::Digit],
            C::Digit,
            words!("getal typen", "type a figure"),
        ),
        bar(
            ctx,
            &[K::Enter],
            C::Confirm,
            words!("vastleggen, volgende", "record, next"),
        ),
        bar(
            ctx,
            &[K::Delete],
            C::Clear,
            words!("leeg = niet waargenomen", "empty = not observed"),
        ),
        more(ctx, &[K::Up, K::BackTab], C::Up, prev),
        more(ctx, &[K::Down, K::Tab], C::Down, next),
        more(ctx, &[K::PageUp], C::PageUp, PAGE_UP),
        more(ctx, &[K::PageDown], C::PageDown, PAGE_DOWN),
        more(ctx, &[K::Home], C::First, first),
        more(ctx, &[K::End], C::Last, last),
        more(
            ctx,
            &[K::Backspace],
            C::Erase,
            words!("cijfer wissen", "delete a digit"),
        ),
        more(ctx, &[K::Esc], C::Cancel, cancel),
    ]
}

/// The keys of a form of text fields and choices (the start screen, a prompt, the
/// objection editor): only keys that type nothing, so letters are always text.
const fn form_keys(ctx: Ctx) -> [Binding; 7] {
    [
        bar(ctx, &[K::F(1)], C::Help, ALL_KEYS),
        bar(ctx, &[K::Tab], C::Next, NEXT_FIELD),
        more(ctx, &[K::BackTab], C::Prev, PREV_FIELD),
        bar(ctx, &[K::Right], C::CycleNext, NEXT_CHOICE),
        more(ctx, &[K::Left], C::CyclePrev, PREV_CHOICE),
        more(
            ctx,
            &[K::Backspace],
            C::Erase,
            words!("teken wissen", "delete a character"),
        ),
        more(ctx, &[K::Ctrl('c'), K::Ctrl('q')], C::Quit, QUIT),
    ]
}

const HELP: &[Binding] = &[
    bar(
        X::Help,
        &[K::Esc, K::Char('?'), K::F(1), K::Char('q')],
        C::Cancel,
        words!("sluiten", "close"),
    ),
    bar(X::Help, &[K::Up], C::Up, UP),
    bar(X::Help, &[K::Down], C::Down, DOWN),
    more(X::Help, &[K::PageUp], C::PageUp, PAGE_UP),
    more(X::Help, &[K::PageDown], C::PageDown, PAGE_DOWN),
];

const CONFIRM_SEAL: &[Binding] = &[
    bar(
        X::ConfirmSeal,
        &[K::Char('j'), K::Char('y')],
        C::ConfirmSeal,
        words!("ja, verzegelen", "yes, seal"),
    ),
    bar(
        X::ConfirmSeal,
        &[K::Esc, K::Char('n')],
        C::Cancel,
        words!("terug", "back"),
    ),
];

const PATHS: &[Binding] = &[
    bar(
        X::Paths,
        &[K::Enter],
        C::Confirm,
        words!("inlezen en vergelijken", "read and compare"),
    ),
    bar(
        X::Paths,
        &[K::Tab, K::Down],
        C::Next,
        words!("nieuwe regel", "new line"),
    ),
    bar(
        X::Paths,
        &[K::Esc],
        C::Cancel,
        words!("annuleren", "cancel"),
    ),
    more(
        X::Paths,
        &[K::Backspace],
        C::Erase,
        words!("teken wissen", "delete a character"),
    ),
    more(X::Paths, &[K::F(1)], C::Help, ALL_KEYS),
    more(X::Paths, &[K::Ctrl('c'), K::Ctrl('q')], C::Quit, QUIT),
];

const FORM_PATHS: &[Binding] = &[
    bar(
        X::FormPaths,
        &[K::Enter],
        C::Confirm,
        words!("inlezen, formulier maken", "read, make the form"),
    ),
    bar(
        X::FormPaths,
        &[K::Tab, K::Down],
        C::Next,
        words!("nieuwe regel", "new line"),
    ),
    bar(
        X::FormPaths,
        &[K::Esc],
        C::Cancel,
        words!("annuleren", "cancel"),
    ),
    more(
        X::FormPaths,
        &[K::Backspace],
        C::Erase,
        words!("teken wissen", "delete a character"),
    ),
    more(X::FormPaths, &[K::F(1)], C::Help, ALL_KEYS),
    more(X::FormPaths, &[K::Ctrl('c'), K::Ctrl('q')], C::Quit, QUIT),
];

const TEXT: &[Binding] = &[
    bar(
        X::Text,
        &[K::Enter],
        C::Confirm,
        words!("klaar / volgende", "done / next"),
    ),
    bar(X::Text, &[K::Esc], C::Cancel, words!("annuleren", "cancel")),
    more(
        X::Text,
        &[K::Up],
        C::Up,
        words!("vorige in lijst", "previous in list"),
    ),
    more(
        X::Text,
        &[K::Down],
        C::Down,
        words!("volgende in lijst", "next in list"),
    ),
];
const TEXT_FORM: [Binding; 7] = form_keys(X::Text);

const START: &[Binding] = &[
    bar(
        X::Start,
        &[K::Enter],
        C::Confirm,
        words!("openen / beginnen", "open / begin"),
    ),
    bar(X::Start, &[K::Esc], C::Quit, QUIT),
    bar(
        X::Start,
        &[K::F(9), K::Ctrl('e')],
        C::FormFromEml,
        words!("formulier uit EML", "form from EML"),
    ),
    more(X::Start, &[K::Up], C::Up, UP),
    more(X::Start, &[K::Down], C::Down, DOWN),
];
const START_FORM: [Binding; 7] = form_keys(X::Start);

const COUNT_FIGURES: [Binding; 11] = figure_entry(
    X::Count,
    PREV_FIELD,
    NEXT_FIELD,
    words!("eerste veld", "first field"),
    words!("laatste veld", "last field"),
    words!("typen annuleren", "cancel typing"),
);
const COUNT: &[Binding] = &[
    bar(X::Count, &[K::Char('l')], C::JumpList, GO_TO_LIST),
    more(
        X::Count,
        &[K::Char('k')],
        C::GoCandidates,
        words!("kandidaten van deze lijst", "this list's candidates"),
    ),
    more(
        X::Count,
        &[K::Char('t')],
        C::GoTally,
        words!("deze stapel turven", "tally this pile"),
    ),
    more(
        X::Count,
        &[K::Char(' '), K::Right],
        C::CycleNext,
        words!("vakje kiezen (2.3)", "choose a box (2.3)"),
    ),
    more(
        X::Count,
        &[K::Left],
        C::CyclePrev,
        words!("vorige keuze (2.3)", "previous choice (2.3)"),
    ),
];

const CANDIDATE_FIGURES: [Binding; 11] = figure_entry(
    X::Candidates,
    words!("vorige kandidaat", "previous candidate"),
    words!("volgende kandidaat", "next candidate"),
    words!("eerste", "first"),
    words!("totaal lijst", "list total"),
    words!("typen annuleren / terug", "cancel typing / back"),
);
const CANDIDATES: &[Binding] = &[
    bar(
        X::Candidates,
        &[K::Left, K::Char('[')],
        C::PrevList,
        words!("vorige lijst", "previous list"),
    ),
    bar(
        X::Candidates,
        &[K::Right, K::Char(']')],
        C::NextList,
        words!("volgende lijst", "next list"),
    ),
    bar(X::Candidates, &[K::Char('l')], C::JumpList, GO_TO_LIST),
];

const TALLY: &[Binding] = &[
    bar(
        X::Tally,
        &[K::Char(' '), K::Char('+')],
        C::TallyAdd,
        words!("één stembiljet erbij", "add one ballot"),
    ),
    bar(
        X::Tally,
        &[K::Char('-'), K::Backspace],
        C::TallySub,
        words!("één terug", "take one back"),
    ),
    bar(
        X::Tally,
        &[K::Up, K::Left],
        C::Up,
        words!("vorige stapel", "previous pile"),
    ),
    bar(
        X::Tally,
        &[K::Down, K::Right, K::Tab],
        C::Down,
        words!("volgende stapel", "next pile"),
    ),
    more(
        X::Tally,
        &[K::Char('x')],
        C::TallyClear,
        words!("turf wissen", "clear the tally"),
    ),
    more(X::Tally, &[K::Char('l')], C::JumpList, GO_TO_LIST),
    more(X::Tally, &[K::Esc], C::GoCount, BACK_TO_COUNT),
];

const EVENTS: &[Binding] = &[
    bar(
        X::Events,
        &[K::Tab],
        C::Next,
        words!("ander vak", "other panel"),
    ),
    more(
        X::Events,
        &[K::BackTab],
        C::Prev,
        words!("ander vak", "other panel"),
    ),
    more(X::Events, &[K::Up], C::Up, UP),
    more(X::Events, &[K::Down], C::Down, DOWN),
    bar(
        X::Events,
        &[K::Char(' '), K::Char('s')],
        C::Stamp,
        words!("moment stempelen (nu)", "stamp moment (now)"),
    ),
    bar(
        X::Events,
        &[K::Enter],
        C::Confirm,
        words!("bewerken", "edit"),
    ),
    more(
        X::Events,
        &[K::Char('e')],
        C::EditTime,
        words!("tijd aanpassen", "edit time"),
    ),
    more(X::Events, &[K::Delete], C::Clear, words!("wissen", "clear")),
    bar(
        X::Events,
        &[K::Char('o')],
        C::NewObjection,
        words!("bezwaar", "objection"),
    ),
    bar(
        X::Events,
        &[K::Char('i')],
        C::NewIncident,
        words!("incident", "incident"),
    ),
    bar(
        X::Events,
        &[K::Char('n')],
        C::EditNotes,
        words!("notities", "notes"),
    ),
    more(X::Events, &[K::Esc], C::GoCount, BACK_TO_COUNT),
];

const CHECKLIST: &[Binding] = &[
    bar(
        X::Checklist,
        &[K::Char('j'), K::Char('y')],
        C::AnswerYes,
        YES,
    ),
    bar(
        X::Checklist,
        &[K::Char('n')],
        C::AnswerNo,
        words!("nee", "no"),
    ),
    bar(
        X::Checklist,
        &[K::Char('o')],
        C::AnswerUnknown,
        words!("onbekend", "unknown"),
    ),
    bar(
        X::Checklist,
        &[K::Enter],
        C::Confirm,
        words!("notitie", "note"),
    ),
    more(
        X::Checklist,
        &[K::Up],
        C::Up,
        words!("vorige vraag", "previous question"),
    ),
    more(
        X::Checklist,
        &[K::Down, K::Tab],
        C::Down,
        words!("volgende vraag", "next question"),
    ),
    more(
        X::Checklist,
        &[K::Char(' ')],
        C::CycleNext,
        words!("antwoord wisselen", "cycle the answer"),
    ),
    more(
        X::Checklist,
        &[K::Delete],
        C::Clear,
        words!("antwoord wissen", "clear the answer"),
    ),
    more(X::Checklist, &[K::Esc], C::GoCount, BACK_TO_COUNT),
];

const SEAL: &[Binding] = &[
    bar(X::Seal, &[K::Enter], C::Seal, words!("verzegelen", "seal")),
    bar(
        X::Seal,
        &[K::Char(' '), K::Char('p'), K::Right],
        C::NextQrPart,
        words!("volgende QR-code", "next QR code"),
    ),
    more(
        X::Seal,
        &[K::Left],
        C::PrevQrPart,
        words!("vorige QR-code", "previous QR code"),
    ),
    bar(
        X::Seal,
        &[K::Char('a')],
        C::ToggleQrCycle,
        words!(
            "QR-codes vanzelf wisselen aan/uit",
            "QR codes cycle by themselves on/off",
        ),
    ),
    more(X::Seal, &[K::Up], C::Up, UP),
    more(X::Seal, &[K::Down], C::Down, DOWN),
    more(X::Seal, &[K::Esc], C::GoCount, BACK_TO_COUNT),
];

/// The compare screen scrolls like the key reference; Enter asks for other files.
const COMPARE: &[Binding] = &[
    bar(X::Compare, &[K::Esc], C::Cancel, words!("terug", "back")),
    bar(
        X::Compare,
        &[K::Down],
        C::Down,
        words!("regel omlaag", "line down"),
    ),
    more(
        X::Compare,
        &[K::Up],
        C::Up,
        words!("regel omhoog", "line up"),
    ),
    bar(X::Compare, &[K::PageDown], C::PageDown, PAGE_DOWN),
    more(X::Compare, &[K::PageUp], C::PageUp, PAGE_UP),
    more(X::Compare, &[K::Home], C::First, words!("begin", "top")),
    more(X::Compare, &[K::End], C::Last, words!("einde", "bottom")),
    bar(
        X::Compare,
        &[K::Enter],
        C::Confirm,
        words!(
            "andere bestanden, opnieuw inlezen",
            "other files, read again",
        ),
    ),
];

/// Everywhere except while text is typed. The screens are also in the tab line with
/// their F-key, so the bar leaves them out.
const GLOBAL: &[Binding] = &[
    bar(X::Global, &[K::Char('?'), K::F(1)], C::Help, ALL_KEYS),
    bar(
        X::Global,
        &[K::Char('u'), K::Ctrl('z')],
        C::Undo,
        words!("ongedaan maken", "undo"),
    ),
    more(
        X::Global,
        &[K::Char('r'), K::Ctrl('y')],
        C::Redo,
        words!("opnieuw", "redo"),
    ),
    bar(
        X::Global,
        &[K::Char('q'), K::Ctrl('q'), K::Ctrl('c')],
        C::Quit,
        QUIT,
    ),
    more(
        X::Global,
        &[K::F(2)],
        C::GoCount,
        words!("telling", "count"),
    ),
    more(
        X::Global,
        &[K::F(3)],
        C::GoCandidates,
        words!("kandidaten", "candidates"),
    ),
    more(X::Global, &[K::F(4)], C::GoTally, words!("turven", "tally")),
    more(
        X::Global,
        &[K::F(5), K::Char('m')],
        C::GoEvents,
        words!("momenten, bezwaren", "moments, objections"),
    ),
    more(
        X::Global,
        &[K::F(6), K::Char('c')],
        C::GoChecklist,
        words!("checklist", "checklist"),
    ),
    more(
        X::Global,
        &[K::F(7), K::Char('v')],
        C::GoSeal,
        words!("verzegelen", "seal"),
    ),
    more(
        X::Global,
        &[K::F(8), K::Char('g')],
        C::GoCompare,
        words!(
            "vergelijken met de gepubliceerde uitslag",
            "compare with the published result",
        ),
    ),
];

/// Every key binding of the program, by context; earlier lines win within a context.
pub(crate) const KEYMAP: &[&[Binding]] = &[
    HELP,
    CONFIRM_SEAL,
    PATHS,
    FORM_PATHS,
    TEXT,
    &TEXT_FORM,
    START,
    &START_FORM,
    &COUNT_FIGURES,
    COUNT,
    &CANDIDATE_FIGURES,
    CANDIDATES,
    TALLY,
    EVENTS,
    CHECKLIST,
    SEAL,
    COMPARE,
    GLOBAL,
];

/// Every binding, in table order.
pub(crate) fn bindings() -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().flat_map(|part| part.iter())
}

/// The command a key press means in the active contexts (most specific first).
pub fn lookup(contexts: &[Ctx], ev: &KeyEvent) -> Option<Command> {
    contexts.iter().find_map(|ctx| {
        bindings()
            .filter(|b| b.ctx == *ctx)
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.command)
    })
}

/// The bindings of the hint bar for the active contexts, as (keys, label), leaving out
/// the commands that do nothing at the moment (sealing a sealed sheet, cycling QR codes
/// before there are any), so the bar never offers a dead key.
pub(crate) fn hints(
    contexts: &[Ctx],
    lang: Lang,
    available: impl Fn(Command) -> bool,
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut seen: Vec<Command> = Vec::new();
    // The way to all the other keys comes first, so it shows at any width.
    if let Some(help) =
        bindings().find(|b| b.bar && b.command == Command::Help && contexts.contains(&b.ctx))
    {
        seen.push(Command::Help);
        out.push((keys_text(help, lang), help.label.get(lang)));
    }
    for ctx in contexts {
        for b in bindings().filter(|b| b.ctx == *ctx && b.bar) {
            if seen.contains(&b.command) || !available(b.command) {
                continue;
            }
            seen.push(b.command);
            // The bar names the first key only (the reference names them all), so
            // that at 80 columns it still has room for undo and quit.
            out.push((b.keys[0].name(lang), b.label.get(lang)));
        }
    }
    out
}

/// The keys of a binding, joined: `q/Ctrl+Q/Ctrl+C`.
pub(crate) fn keys_text(b: &Binding, lang: Lang) -> String {
    b.keys
        .iter()
        .map(|k| k.name(lang))
        .collect::<Vec<_>>()
        .join("/")
}

/// The full reference: per context, every binding, in table order.
pub fn reference(lang: Lang) -> Vec<(Ctx, Vec<(String, &'static str)>)> {
    let order = [
        Ctx::Global,
        Ctx::Start,
        Ctx::Count,
        Ctx::Candidates,
        Ctx::Tally,
        Ctx::Events,
        Ctx::Checklist,
        Ctx::Seal,
        Ctx::Compare,
        Ctx::ConfirmSeal,
        Ctx::Text,
        Ctx::Paths,
        Ctx::FormPaths,
        Ctx::Help,
    ];
    order
        .into_iter()
        .map(|ctx| {
            let lines = bindings()
                .filter(|b| b.ctx == ctx)
                .map(|b| (keys_text(b, lang), b.label.get(lang)))
                .collect();
            (ctx, lines)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn no_binding_uses_alt() {
        // The table has no Alt key at all; an Alt/AltGr press never matches a command.
        let altgr = key(
            KeyCode::Char('q'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        let alt = key(KeyCode::Char('u'), KeyModifiers::ALT);
        for ctx in [Ctx::Global, Ctx::Count, Ctx::Text] {
            assert_eq!(lookup(&[ctx], &altgr), None);
            assert_eq!(lookup(&[ctx], &alt), None);
        }
    }

    #[test]
    fn letters_are_text_while_typing() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Ctx::Text], &q), None);
        assert_eq!(lookup(&[Ctx::Count, Ctx::Global], &q), Some(Command::Quit));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[Ctx::Text], &ctrl_c), Some(Command::Quit));
    }

    #[test]
    fn the_specific_context_wins_over_global() {
        let enter = key(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            lookup(&[Ctx::Seal, Ctx::Global], &enter),
            Some(Command::Seal)
        );
        let seven = key(KeyCode::Char('7'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&[Ctx::Count, Ctx::Global], &seven),
            Some(Command::Digit)
        );
        assert_eq!(lookup(&[Ctx::Events, Ctx::Global], &seven), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context_pair() {
        // A key that two lines of the same context claim would make the later line dead
        // and its help text a lie.
        for ctx in [
            Ctx::Global,
            Ctx::Text,
            Ctx::Start,
            Ctx::Count,
            Ctx::Candidates,
            Ctx::Tally,
            Ctx::Events,
            Ctx::Checklist,
            Ctx::Seal,
            Ctx::Compare,
            Ctx::Paths,
            Ctx::FormPaths,
            Ctx::ConfirmSeal,
            Ctx::Help,
        ] {
            let lines: Vec<&Binding> = bindings().filter(|b| b.ctx == ctx).collect();
            let mut claimed: Vec<Key> = Vec::new();
            for b in lines {
                for k in b.keys {
                    let named = match k {
                        K::Digit => continue,
                        other => *other,
                    };
                    assert!(!claimed.contains(&named), "{ctx:?}: {named:?} bound twice");
                    claimed.push(named);
                }
            }
        }
    }

    #[test]
    fn the_reference_lists_every_binding() {
        let total: usize = reference(Lang::En).iter().map(|(_, l)| l.len()).sum();
        assert_eq!(total, bindings().count());
        let bar = hints(&[Ctx::Count, Ctx::Global], Lang::Nl, |_| true);
        assert!(bar.iter().any(|(k, l)| k == "?/F1" && *l == "alle toetsen"));
    }
}
