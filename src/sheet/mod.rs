//! The observation sheet: what one observer saw at one station for one election.
//!
//! A sheet is never edited in place. Every change is an [`Op`] appended to the sheet's
//! journal (see [`journal`]); the [`Sheet`] is what replaying those ops gives. That is
//! why [`Sheet::apply`] is total: any op applies to any sheet, so a journal always
//! replays. Whether an op makes sense for the form (a list that exists, no field C at a
//! GR election) is decided before it is written, by [`crate::form::Form::validate_op`].
//!
//! The TUI, the CLI and the tests all edit and seal through one [`Editor`]
//! (`editor.rs`): validate against the form, append (synced) to the journal, apply to
//! the one copy of the sheet the journal holds; and seal. The [`seal`] module is the
//! canonical encoding, the fingerprint and the signature, with no journal in it;
//! [`verify`] checks a sealed sheet file end to end.

pub(crate) mod editor;
pub(crate) mod field;
pub mod journal;
pub mod seal;
pub mod verify;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::display::visible;
use crate::election::{Election, PollingStation};
use crate::i18n::Text;
use crate::{text, words};
pub use editor::{EditError, Editor};
pub use field::{Explanation, FieldKey, PvField};

/// Version of the sheet model and journal format.
pub const FORMAT_VERSION: u32 = 1;

/// What kind of record this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SheetKind {
    /// What the observer saw and heard in the room.
    #[default]
    Observation,
    /// A transcription of the station's published PV (for when only its PDF is out),
    /// entered with the same screens and compared the same way.
    PvTranscription,
}

impl SheetKind {
    pub(crate) fn label(self) -> &'static Text {
        match self {
            SheetKind::Observation => words!("waarneming", "observation"),
            SheetKind::PvTranscription => words!(
                "overname van het gepubliceerde PV",
                "transcription of the published PV"
            ),
        }
    }
}

/// Which public session was observed (DESIGN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ObservedSession {
    /// The polling station's own count on election night (stemopneming).
    #[default]
    StationCount,
    /// The municipal committee's public session the next day (zitting van het
    /// gemeentelijk stembureau, GSB), which checks the PVs and recounts.
    MunicipalReview,
}

impl ObservedSession {
    pub(crate) fn key(self) -> &'static str {
        match self {
            ObservedSession::StationCount => "station-count",
            ObservedSession::MunicipalReview => "municipal-review",
        }
    }

    pub(crate) fn label(self) -> &'static Text {
        match self {
            ObservedSession::StationCount => {
                words!("telling van het stembureau", "the station's count")
            }
            ObservedSession::MunicipalReview => words!(
                "zitting van het gemeentelijk stembureau",
                "the municipal committee's session"
            ),
        }
    }
}

impl FromStr for ObservedSession {
    type Err = Text;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "station-count" | "station" => Ok(ObservedSession::StationCount),
            "municipal-review" | "gsb" => Ok(ObservedSession::MunicipalReview),
            _ => {
                let s = visible(s);
                Err(text!(
                    "onbekende zitting `{s}` (verwacht station-count of municipal-review)",
                    "unknown session `{s}` (expected station-count or municipal-review)"
                ))
            }
        }
    }
}

/// The observer: an alias (never a real name is required) and the public half of the
/// Ed25519 key that signs the seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observer {
    pub alias: String,
    /// Ed25519 public key, 64 lowercase hex characters.
    pub public_key: String,
}

/// What a sheet is about. Written once, in the journal's first entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetHeader {
    pub format: u32,
    pub kind: SheetKind,
    /// Name of the form the sheet was made with, e.g. `tk2025-nijmegen`.
    pub form_id: String,
    /// SHA-256 (lowercase hex) of that form, resolved, so a sheet says exactly which
    /// lists and questions it was made against.
    pub form_sha256: String,
    pub election: Election,
    pub station: PollingStation,
    pub session: ObservedSession,
    pub observer: Observer,
    /// Fingerprint (lowercase hex) of the sealed sheet this one corrects, if any.
    #[serde(default)]
    pub supersedes: Option<String>,
}

/// A time of day as announced or seen in the room, to the minute. The laptop clock
/// proves nothing, so this is what the observer notes, editable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay {
    pub minutes: u16,
}

impl TimeOfDay {
    pub fn new(hour: u16, minute: u16) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then_some(TimeOfDay {
            minutes: hour * 60 + minute,
        })
    }
    pub(crate) fn hour(self) -> u16 {
        self.minutes / 60
    }
    pub(crate) fn minute(self) -> u16 {
        self.minutes % 60
    }
    /// The current local time, for one-keystroke stamping.
    pub(crate) fn now() -> TimeOfDay {
        use chrono::Timelike;
        let now = chrono::Local::now();
        TimeOfDay::new(now.hour() as u16, now.minute() as u16).expect("clock gives a valid time")
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl FromStr for TimeOfDay {
    type Err = Text;
    /// `HH:MM` (also `H:MM` and `HH.MM`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            let s = visible(s);
            text!(
                "`{s}` is geen tijd; verwacht UU:MM, bijvoorbeeld 21:05",
                "`{s}` is not a time; expected HH:MM, e.g. 21:05"
            )
        };
        let (h, m) = s.trim().split_once([':', '.']).ok_or_else(bad)?;
        if m.len() != 2 || h.is_empty() || h.len() > 2 {
            return Err(bad());
        }
        let h: u16 = h.parse().map_err(|_| bad())?;
        let m: u16 = m.parse().map_err(|_| bad())?;
        TimeOfDay::new(h, m).ok_or_else(bad)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(|e: Text| serde::de::Error::custom(e.en))
    }
}

/// Which box of PV section 2.3 the station ticked for the comparison of D and H.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DhTick {
    /// "D en H zijn gelijk"
    Equal,
    /// "H is groter dan D" (more ballots counted than voters admitted)
    More,
    /// "H is kleiner dan D" (fewer ballots counted than voters admitted)
    Less,
    /// No box ticked.
    NoneTicked,
    /// More than one box ticked.
    Several,
}

impl DhTick {
    pub const ALL: [DhTick; 5] = [
        DhTick::Equal,
        DhTick::More,
        DhTick::Less,
        DhTick::NoneTicked,
        DhTick::Several,
    ];
    pub fn key(self) -> &'static str {
        match self {
            DhTick::Equal => "equal",
            DhTick::More => "more",
            DhTick::Less => "less",
            DhTick::NoneTicked => "none",
            DhTick::Several => "several",
        }
    }

    /// The box as a person names it: "D = H", "geen vakje".
    pub(crate) fn label(self) -> &'static Text {
        match self {
            DhTick::Equal => words!("D = H", "D = H"),
            DhTick::More => words!("H > D", "H > D"),
            DhTick::Less => words!("H < D", "H < D"),
            DhTick::NoneTicked => words!("geen vakje", "no box"),
            DhTick::Several => words!("meer vakjes", "several boxes"),
        }
    }
}

impl FromStr for DhTick {
    type Err = Text;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DhTick::ALL
            .into_iter()
            .find(|t| t.key() == s.trim())
            .ok_or_else(|| {
                let s = visible(s);
                text!(
                    "`{s}`: verwacht equal, more, less, none of several",
                    "`{s}`: expected equal, more, less, none or several"
                )
            })
    }
}

/// The answer to "is the difference fully explained by what 1.2.2 records?" (PV 2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Explained {
    Yes,
    No,
    /// Neither box ticked.
    Neither,
    /// Both boxes ticked.
    Both,
}

impl Explained {
    pub const ALL: [Explained; 4] = [
        Explained::Yes,
        Explained::No,
        Explained::Neither,
        Explained::Both,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Explained::Yes => "yes",
            Explained::No => "no",
            Explained::Neither => "neither",
            Explained::Both => "both",
        }
    }

    pub(crate) fn label(self) -> &'static Text {
        match self {
            Explained::Yes => words!("ja", "yes"),
            Explained::No => words!("nee", "no"),
            Explained::Neither => words!("geen van beide", "neither"),
            Explained::Both => words!("allebei", "both"),
        }
    }
}

impl FromStr for Explained {
    type Err = Text;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Explained::ALL
            .into_iter()
            .find(|t| t.key() == s.trim())
            .ok_or_else(|| {
                let s = visible(s);
                text!(
                    "`{s}`: verwacht yes, no, neither of both",
                    "`{s}`: expected yes, no, neither or both"
                )
            })
    }
}

/// An answer to a checklist question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Yes,
    No,
    Unknown,
}

impl Answer {
    pub(crate) fn key(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unknown => "unknown",
        }
    }

    pub(crate) fn label(self) -> &'static Text {
        match self {
            Answer::Yes => words!("ja", "yes"),
            Answer::No => words!("nee", "no"),
            Answer::Unknown => words!("onbekend", "unknown"),
        }
    }
}

impl FromStr for Answer {
    type Err = Text;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "ja" | "y" | "j" => Ok(Answer::Yes),
            "no" | "nee" | "n" => Ok(Answer::No),
            "unknown" | "onbekend" | "?" => Ok(Answer::Unknown),
            _ => {
                let s = visible(s);
                Err(text!(
                    "`{s}`: verwacht ja, nee of onbekend (yes, no, unknown)",
                    "`{s}`: expected yes, no or unknown"
                ))
            }
        }
    }
}

/// A checklist answer with the observer's note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistAnswer {
    pub answer: Option<Answer>,
    #[serde(default)]
    pub note: String,
}

/// Whether a recorded event is an objection (bezwaar, which the chair must record in
/// the PV) or an incident the observer noted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Objection,
    Incident,
}

impl EventKind {
    pub(crate) fn label(self) -> &'static Text {
        match self {
            EventKind::Objection => words!("bezwaar", "objection"),
            EventKind::Incident => words!("incident", "incident"),
        }
    }
}

/// An objection or incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Stable number within the sheet, from 1.
    pub id: u32,
    pub kind: EventKind,
    /// Category id from the form.
    pub category: String,
    pub time: Option<TimeOfDay>,
    pub text: String,
    /// For an objection: the station's response, as announced.
    #[serde(default)]
    pub response: String,
}

/// One change to a sheet: the unit of the journal.
// `Create` (the header) is much larger than the other ops, but it occurs once per journal
// and boxing it would only add an allocation to every reader; the size is not a concern.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// The first entry of every journal.
    Create(SheetHeader),
    /// A typed count; `None` clears it back to not observed.
    SetCount {
        field: FieldKey,
        value: Option<u32>,
    },
    /// One ballot added (+1) or taken back (−1) in tally mode.
    Tally {
        field: FieldKey,
        delta: i32,
    },
    /// Clears a tally back to not observed.
    ClearTally {
        field: FieldKey,
    },
    SetDhTick(Option<DhTick>),
    SetExplained(Option<Explained>),
    SetCheck {
        id: String,
        answer: Option<Answer>,
        note: String,
    },
    SetMoment {
        id: String,
        time: Option<TimeOfDay>,
    },
    /// Adds an event, or replaces the one with the same id.
    PutEvent(Event),
    RemoveEvent {
        id: u32,
    },
    SetNotes(String),
}

impl Op {
    /// What the op does, as a phrase for messages: "zet A op 121" / "sets A = 121".
    /// Ids and categories come from files and are shown through [`visible`].
    pub(crate) fn describe(&self) -> Text {
        match self {
            Op::Create(h) => {
                let (election, station, form) =
                    (visible(&h.election.id), &h.station.id, visible(&h.form_id));
                text!(
                    "maakt het blad aan ({election} bij {station}, formulier {form})",
                    "creates the sheet ({election} at {station}, form {form})"
                )
            }
            Op::SetCount {
                field,
                value: Some(v),
            } => text!("zet {field} op {v}", "sets {field} = {v}"),
            Op::SetCount { field, value: None } => text!(
                "wist {field} (niet waargenomen)",
                "clears {field} (not observed)"
            ),
            Op::Tally { field, delta } => {
                text!(
                    "turft {delta:+} bij {field}",
                    "tallies {delta:+} on {field}"
                )
            }
            Op::ClearTally { field } => {
                text!("wist de turf van {field}", "clears the tally of {field}")
            }
            Op::SetDhTick(Some(t)) => {
                let (nl, key) = (&t.label().nl, t.key());
                text!("kruist bij D en H `{nl}` aan", "ticks the D/H box `{key}`")
            }
            Op::SetDhTick(None) => Text::fixed("wist het vakje bij D en H", "clears the D/H box"),
            Op::SetExplained(Some(e)) => {
                let (nl, key) = (&e.label().nl, e.key());
                text!(
                    "zet 'verschil verklaard' op `{nl}`",
                    "sets 'difference explained' to `{key}`"
                )
            }
            Op::SetExplained(None) => {
                Text::fixed("wist 'verschil verklaard'", "clears 'difference explained'")
            }
            Op::SetCheck { id, answer, note } => {
                let id = visible(id);
                let (answer_nl, answer_en) = match answer {
                    Some(a) => (&*a.label().nl, a.key()),
                    None => ("geen antwoord", "no answer"),
                };
                let (note_nl, note_en) = if note.is_empty() {
                    ("", "")
                } else {
                    (" met een notitie", " with a note")
                };
                text!(
                    "beantwoordt controlevraag `{id}`: {answer_nl}{note_nl}",
                    "answers check `{id}`: {answer_en}{note_en}"
                )
            }
            Op::SetMoment { id, time: Some(t) } => {
                let id = visible(id);
                text!("zet moment `{id}` op {t}", "sets moment `{id}` to {t}")
            }
            Op::SetMoment { id, time: None } => {
                let id = visible(id);
                text!("wist moment `{id}`", "clears moment `{id}`")
            }
            Op::PutEvent(e) => {
                let (kind_nl, kind_en) = (&e.kind.label().nl, &e.kind.label().en);
                let (n, category) = (e.id, visible(&e.category));
                text!(
                    "legt {kind_nl} {n} vast ({category})",
                    "records {kind_en} {n} ({category})"
                )
            }
            Op::RemoveEvent { id } => {
                text!("verwijdert gebeurtenis {id}", "removes event {id}")
            }
            Op::SetNotes(_) => Text::fixed("wijzigt de notities", "changes the notes"),
        }
    }
}

/// The state of a sheet: its header and everything observed so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub header: SheetHeader,
    /// Typed counts. A key that is absent was not observed; 0 is a real 0.
    pub counts: BTreeMap<FieldKey, u32>,
    /// Tallies kept with one key per ballot. Kept apart from typed counts so that both
    /// can stand side by side honestly; see [`Sheet::value`].
    pub tallies: BTreeMap<FieldKey, u32>,
    pub dh_tick: Option<DhTick>,
    pub explained: Option<Explained>,
    pub checklist: BTreeMap<String, ChecklistAnswer>,
    pub moments: BTreeMap<String, TimeOfDay>,
    pub events: Vec<Event>,
    pub notes: String,
}

/// Where the value of a count comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Typed: the figure announced or seen.
    Typed,
    /// Tallied ballot by ballot (no typed figure).
    Tally,
}

impl Sheet {
    pub fn new(header: SheetHeader) -> Sheet {
        Sheet {
            header,
            counts: BTreeMap::new(),
            tallies: BTreeMap::new(),
            dh_tick: None,
            explained: None,
            checklist: BTreeMap::new(),
            moments: BTreeMap::new(),
            events: Vec::new(),
            notes: String::new(),
        }
    }

    /// The value that stands for a count: the typed figure if there is one (it is what
    /// was announced), else the tally, else `None` (not observed).
    pub fn value(&self, field: FieldKey) -> Option<u32> {
        self.value_with_source(field).map(|(v, _)| v)
    }

    pub(crate) fn value_with_source(&self, field: FieldKey) -> Option<(u32, Source)> {
        if let Some(&v) = self.counts.get(&field) {
            Some((v, Source::Typed))
        } else {
            self.tallies.get(&field).map(|&v| (v, Source::Tally))
        }
    }

    /// Shorthand for a lettered PV total.
    pub fn pv(&self, field: PvField) -> Option<u32> {
        self.value(FieldKey::Pv(field))
    }

    /// Every count that has a value (typed or tallied), in key order.
    pub(crate) fn observed_fields(&self) -> Vec<FieldKey> {
        let mut keys: Vec<FieldKey> = self
            .counts
            .keys()
            .chain(self.tallies.keys())
            .copied()
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// The next free event id.
    pub(crate) fn next_event_id(&self) -> u32 {
        self.events.iter().map(|e| e.id).max().unwrap_or(0) + 1
    }

    /// Applies one op. Total by design (see the module docs): a `Create` after the first
    /// entry is ignored here and refused by the journal.
    pub fn apply(&mut self, op: &Op) {
        match op {
            Op::Create(_) => {}
            Op::SetCount { field, value } => match value {
                Some(v) => {
                    self.counts.insert(*field, *v);
                }
                None => {
                    self.counts.remove(field);
                }
            },
            Op::Tally { field, delta } => {
                let now = self.tallies.get(field).copied().unwrap_or(0) as i64;
                let next = (now + *delta as i64).clamp(0, u32::MAX as i64) as u32;
                self.tallies.insert(*field, next);
            }
            Op::ClearTally { field } => {
                self.tallies.remove(field);
            }
            Op::SetDhTick(t) => self.dh_tick = *t,
            Op::SetExplained(e) => self.explained = *e,
            Op::SetCheck { id, answer, note } => {
                if answer.is_none() && note.is_empty() {
                    self.checklist.remove(id);
                } else {
                    self.checklist.insert(
                        id.clone(),
                        ChecklistAnswer {
                            answer: *answer,
                            note: note.clone(),
                        },
                    );
                }
            }
            Op::SetMoment { id, time } => match time {
                Some(t) => {
                    self.moments.insert(id.clone(), *t);
                }
                None => {
                    self.moments.remove(id);
                }
            },
            Op::PutEvent(e) => match self.events.iter_mut().find(|x| x.id == e.id) {
                Some(slot) => *slot = e.clone(),
                None => self.events.push(e.clone()),
            },
            Op::RemoveEvent { id } => self.events.retain(|e| e.id != *id),
            Op::SetNotes(n) => self.notes = n.clone(),
        }
    }

    /// The op that undoes `op` on the current sheet (before `op` is applied). Undo is a
    /// new journal entry, never a removal: the journal is append-only.
    pub(crate) fn inverse_of(&self, op: &Op) -> Option<Op> {
        Some(match op {
            Op::Create(_) => return None,
            Op::SetCount { field, .. } => Op::SetCount {
                field: *field,
                value: self.counts.get(field).copied(),
            },
            Op::Tally { field, delta } => match self.tallies.get(field) {
                None => Op::ClearTally { field: *field },
                Some(_) => Op::Tally {
                    field: *field,
                    delta: -*delta,
                },
            },
            Op::ClearTally { field } => match self.tallies.get(field) {
                None => return None,
                Some(&v) => Op::Tally {
                    field: *field,
                    delta: v.min(i32::MAX as u32) as i32,
                },
            },
            Op::SetDhTick(_) => Op::SetDhTick(self.dh_tick),
            Op::SetExplained(_) => Op::SetExplained(self.explained),
            Op::SetCheck { id, .. } => {
                let old = self.checklist.get(id);
                Op::SetCheck {
                    id: id.clone(),
                    answer: old.and_then(|a| a.answer),
                    note: old.map(|a| a.note.clone()).unwrap_or_default(),
                }
            }
            Op::SetMoment { id, .. } => Op::SetMoment {
                id: id.clone(),
                time: self.moments.get(id).copied(),
            },
            Op::PutEvent(e) => match self.events.iter().find(|x| x.id == e.id) {
                Some(old) => Op::PutEvent(old.clone()),
                None => Op::RemoveEvent { id: e.id },
            },
            Op::RemoveEvent { id } => {
                Op::PutEvent(self.events.iter().find(|x| x.id == *id)?.clone())
            }
            Op::SetNotes(_) => Op::SetNotes(self.notes.clone()),
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn header() -> SheetHeader {
        crate::testkit::named_header("test")
    }

    #[test]
    fn not_observed_is_not_zero() {
        let mut s = Sheet::new(header());
        assert_eq!(s.pv(PvField::A), None);
        s.apply(&Op::SetCount {
            field: FieldKey::Pv(PvField::A),
            value: Some(0),
        });
        assert_eq!(s.pv(PvField::A), Some(0));
        s.apply(&Op::SetCount {
            field: FieldKey::Pv(PvField::A),
            value: None,
        });
        assert_eq!(s.pv(PvField::A), None);
    }

    #[test]
    fn typed_figure_stands_over_tally_and_both_are_kept() {
        let mut s = Sheet::new(header());
        let e1 = FieldKey::List(1);
        for _ in 0..3 {
            s.apply(&Op::Tally {
                field: e1,
                delta: 1,
            });
        }
        assert_eq!(s.value_with_source(e1), Some((3, Source::Tally)));
        s.apply(&Op::SetCount {
            field: e1,
            value: Some(4),
        });
        assert_eq!(s.value_with_source(e1), Some((4, Source::Typed)));
        assert_eq!(s.tallies[&e1], 3);
        s.apply(&Op::Tally {
            field: e1,
            delta: -1,
        });
        assert_eq!(s.tallies[&e1], 2);
    }

    #[test]
    fn every_op_has_an_inverse_that_restores_the_sheet() {
        let mut s = Sheet::new(header());
        s.apply(&Op::SetCount {
            field: FieldKey::Pv(PvField::A),
            value: Some(10),
        });
        s.apply(&Op::SetMoment {
            id: "close".into(),
            time: TimeOfDay::new(21, 0),
        });
        let ev = Event {
            id: 1,
            kind: EventKind::Objection,
            category: "validity".into(),
            time: TimeOfDay::new(22, 10),
            text: "ballot with two marks".into(),
            response: String::new(),
        };
        let ops = vec![
            Op::SetCount {
                field: FieldKey::Pv(PvField::A),
                value: Some(11),
            },
            Op::SetCount {
                field: FieldKey::Pv(PvField::B),
                value: Some(1),
            },
            Op::Tally {
                field: FieldKey::List(2),
                delta: 1,
            },
            Op::SetDhTick(Some(DhTick::Equal)),
            Op::SetExplained(Some(Explained::No)),
            Op::SetCheck {
                id: "q1".into(),
                answer: Some(Answer::Yes),
                note: "ok".into(),
            },
            Op::SetMoment {
                id: "close".into(),
                time: TimeOfDay::new(21, 1),
            },
            Op::PutEvent(ev.clone()),
            Op::SetNotes("note".into()),
        ];
        for op in ops {
            let before = s.clone();
            let inv = s.inverse_of(&op).unwrap();
            s.apply(&op);
            s.apply(&inv);
            assert_eq!(s, before, "{op:?}");
            s.apply(&op);
        }
        let before = s.clone();
        let rm = Op::RemoveEvent { id: 1 };
        let inv = s.inverse_of(&rm).unwrap();
        s.apply(&rm);
        s.apply(&inv);
        assert_eq!(s, before);
    }

    #[test]
    fn time_of_day_parses_and_rejects() {
        assert_eq!("21:05".parse::<TimeOfDay>().unwrap().to_string(), "21:05");
        assert_eq!("9.30".parse::<TimeOfDay>().unwrap().to_string(), "09:30");
        for bad in ["24:00", "21:60", "2105", "21:5", ""] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
    }
}
