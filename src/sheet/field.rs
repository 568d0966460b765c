//! Which count a value belongs to: the letters of the PV (model N 10-1, section 2), the
//! list totals E.n, the candidates' votes, and the explanation counts of section 2.3.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::words;

/// A lettered total of the proces-verbaal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PvField {
    /// A — geldige stempassen (valid poll cards)
    A,
    /// B — geldige volmachtbewijzen (valid proxy certificates)
    B,
    /// C — geldige kiezerspassen (valid voter cards; not at GR elections)
    C,
    /// D — totaal toegelaten kiezers (admitted voters, A+B+C)
    D,
    /// E — stemmen op kandidaten (sum of the list totals)
    E,
    /// F — blanco stemmen (blank votes)
    F,
    /// G — ongeldige stemmen (invalid votes)
    G,
    /// H — totaal uitgebrachte stemmen (E+F+G)
    H,
    /// I — meer getelde stembiljetten (H−D when H>D)
    I,
    /// J — minder getelde stembiljetten (D−H when H<D)
    J,
}

impl PvField {
    pub const ALL: [PvField; 10] = [
        PvField::A,
        PvField::B,
        PvField::C,
        PvField::D,
        PvField::E,
        PvField::F,
        PvField::G,
        PvField::H,
        PvField::I,
        PvField::J,
    ];

    pub(crate) fn letter(self) -> char {
        match self {
            PvField::A => 'A',
            PvField::B => 'B',
            PvField::C => 'C',
            PvField::D => 'D',
            PvField::E => 'E',
            PvField::F => 'F',
            PvField::G => 'G',
            PvField::H => 'H',
            PvField::I => 'I',
            PvField::J => 'J',
        }
    }

    pub(crate) fn from_letter(c: char) -> Option<PvField> {
        PvField::ALL
            .into_iter()
            .find(|f| f.letter() == c.to_ascii_uppercase())
    }

    /// The name as printed on the PV (Dutch) and in English: "geldige stempassen".
    pub(crate) fn label(self) -> &'static Text {
        match self {
            PvField::A => words!("geldige stempassen", "valid poll cards"),
            PvField::B => words!("geldige volmachtbewijzen", "valid proxy certificates"),
            PvField::C => words!("geldige kiezerspassen", "valid voter cards"),
            PvField::D => words!("totaal toegelaten kiezers", "admitted voters"),
            PvField::E => words!("stemmen op kandidaten", "votes for candidates"),
            PvField::F => words!("blanco stemmen", "blank votes"),
            PvField::G => words!("ongeldige stemmen", "invalid votes"),
            PvField::H => words!("totaal uitgebrachte stemmen", "total votes cast"),
            PvField::I => words!("meer getelde stembiljetten", "more ballots counted"),
            PvField::J => words!("minder getelde stembiljetten", "fewer ballots counted"),
        }
    }

    /// The Dutch name as printed on the PV.
    pub(crate) fn dutch(self) -> &'static str {
        &self.label().nl
    }
}

/// The explanation counts of PV section 2.3 (since 2024), with the reason codes the
/// Kiesraad's EML 510 files use for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Explanation {
    /// meegenomen stembiljetten — voters took a ballot away
    TakenHome,
    /// te weinig uitgereikte stembiljetten — too few ballots handed out
    TooFewIssued,
    /// te veel uitgereikte stembiljetten — too many ballots handed out
    TooManyIssued,
    /// geen briefstembiljetten — postal ballots missing
    NoPostalBallots,
    /// te veel briefstembiljetten — too many postal ballots
    TooManyPostalBallots,
    /// kwijtgeraakte stembiljetten — ballots lost
    Lost,
    /// geen verklaring — no explanation
    Unexplained,
    /// andere verklaring — another explanation
    Other,
}

impl Explanation {
    pub const ALL: [Explanation; 8] = [
        Explanation::TakenHome,
        Explanation::TooFewIssued,
        Explanation::TooManyIssued,
        Explanation::NoPostalBallots,
        Explanation::TooManyPostalBallots,
        Explanation::Lost,
        Explanation::Unexplained,
        Explanation::Other,
    ];

    /// The key used in `meetel set` and in the sheet file.
    pub fn key(self) -> &'static str {
        match self {
            Explanation::TakenHome => "taken-home",
            Explanation::TooFewIssued => "too-few-issued",
            Explanation::TooManyIssued => "too-many-issued",
            Explanation::NoPostalBallots => "no-postal",
            Explanation::TooManyPostalBallots => "too-many-postal",
            Explanation::Lost => "lost",
            Explanation::Unexplained => "unexplained",
            Explanation::Other => "other",
        }
    }

    /// The `ReasonCode` of the EML 510 `UncountedVotes` element.
    pub(crate) fn eml_reason_code(self) -> &'static str {
        match self {
            Explanation::TakenHome => "meegenomen stembiljetten",
            Explanation::TooFewIssued => "te weinig uitgereikte stembiljetten",
            Explanation::TooManyIssued => "te veel uitgereikte stembiljetten",
            Explanation::NoPostalBallots => "geen briefstembiljetten",
            Explanation::TooManyPostalBallots => "te veel briefstembiljetten",
            Explanation::Lost => "kwijtgeraakte stembiljetten",
            Explanation::Unexplained => "geen verklaring",
            Explanation::Other => "andere verklaring",
        }
    }

    /// In Dutch the words of the PV and the EML reason code, in English a translation.
    pub(crate) fn label(self) -> &'static Text {
        match self {
            Explanation::TakenHome => words!("meegenomen stembiljetten", "ballots taken away"),
            Explanation::TooFewIssued => words!(
                "te weinig uitgereikte stembiljetten",
                "too few ballots handed out"
            ),
            Explanation::TooManyIssued => words!(
                "te veel uitgereikte stembiljetten",
                "too many ballots handed out"
            ),
            Explanation::NoPostalBallots => {
                words!("geen briefstembiljetten", "postal ballots missing")
            }
            Explanation::TooManyPostalBallots => {
                words!("te veel briefstembiljetten", "too many postal ballots")
            }
            Explanation::Lost => words!("kwijtgeraakte stembiljetten", "ballots lost"),
            Explanation::Unexplained => words!("geen verklaring", "no explanation"),
            Explanation::Other => words!("andere verklaring", "other explanation"),
        }
    }
}

/// Any count on the sheet. Written as in `meetel set`: `A` … `J`, `E.12` (the total of
/// list 12), `E.12.3` (candidate 3 of list 12), `E.12.total` (list 12's total on its
/// candidate page), `X.lost` (an explanation count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldKey {
    Pv(PvField),
    /// E.n — stemmen op lijst n (PV section 2.2)
    List(u32),
    /// The list's total on its own candidate page (PV section 2.4, "totaal lijst"),
    /// which the PV carries apart from E.n; checks F.401–F.403 compare the two.
    ListPage(u32),
    /// Votes for one candidate (PV section 2.4, only at DSO stations).
    Candidate {
        list: u32,
        candidate: u32,
    },
    /// An explanation count of PV section 2.3.
    Explanation(Explanation),
}

impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldKey::Pv(p) => write!(f, "{}", p.letter()),
            FieldKey::List(n) => write!(f, "E.{n}"),
            FieldKey::ListPage(n) => write!(f, "E.{n}.total"),
            FieldKey::Candidate { list, candidate } => write!(f, "E.{list}.{candidate}"),
            FieldKey::Explanation(x) => write!(f, "X.{}", x.key()),
        }
    }
}

impl FieldKey {
    /// What a person calls the count: the PV's words for a lettered total, "lijst 3",
    /// "lijst 3, kandidaat 7".
    pub(crate) fn label(self) -> Text {
        match self {
            FieldKey::Pv(p) => p.label().clone(),
            FieldKey::List(n) => crate::text!("lijst {n}", "list {n}"),
            FieldKey::ListPage(n) => crate::text!(
                "totaal lijst {n} (kandidatenpagina)",
                "list {n} total (candidate page)"
            ),
            FieldKey::Candidate { list, candidate } => crate::text!(
                "lijst {list}, kandidaat {candidate}",
                "list {list}, candidate {candidate}"
            ),
            FieldKey::Explanation(x) => x.label().clone(),
        }
    }
}

impl FromStr for FieldKey {
    type Err = Text;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let raw = raw.trim();
        // Shown back in messages: made visible, as everything typed or read is.
        let s = crate::display::visible(raw);
        let (expected_nl, expected_en) = (
            "verwacht een veld van het PV: A … J, E.12 (lijst 12), E.12.3 (kandidaat 3 van lijst 12), E.12.total (het totaal van lijst 12 op de kandidatenpagina) of X.<verklaring>",
            "expected a PV field: A … J, E.12 (list 12), E.12.3 (candidate 3 of list 12), E.12.total (list 12's total on its candidate page) or X.<explanation>",
        );
        let expected = || crate::text!("`{s}`: {expected_nl}", "`{s}`: {expected_en}");
        let number = |part: &str| -> Result<u32, Text> {
            match part.parse::<u32>() {
                Ok(n) if n > 0 => Ok(n),
                _ => {
                    let part = crate::display::visible(part);
                    Err(crate::text!(
                        "`{s}`: `{part}` is geen nummer van een lijst of kandidaat (1 of meer); {expected_nl}",
                        "`{s}`: `{part}` is not a list or candidate number (1 or more); {expected_en}"
                    ))
                }
            }
        };
        if let Some(rest) = raw.strip_prefix("X.").or_else(|| raw.strip_prefix("x.")) {
            return Explanation::ALL
                .into_iter()
                .find(|x| x.key() == rest)
                .map(FieldKey::Explanation)
                .ok_or_else(|| {
                    let keys: Vec<_> = Explanation::ALL.iter().map(|x| x.key()).collect();
                    let keys = keys.join(", ");
                    crate::text!(
                        "`{s}`: onbekende verklaring; verwacht X. gevolgd door een van {keys}",
                        "`{s}`: unknown explanation; expected X. followed by one of {keys}"
                    )
                });
        }
        let mut parts = raw.split('.');
        let head = parts.next().unwrap_or_default();
        let mut chars = head.chars();
        let (Some(letter), None) = (chars.next(), chars.next()) else {
            return Err(expected());
        };
        let field = PvField::from_letter(letter).ok_or_else(expected)?;
        match (field, parts.next(), parts.next(), parts.next()) {
            (_, None, _, _) => Ok(FieldKey::Pv(field)),
            (PvField::E, Some(list), None, _) => Ok(FieldKey::List(number(list)?)),
            (PvField::E, Some(list), Some("total"), None) => Ok(FieldKey::ListPage(number(list)?)),
            (PvField::E, Some(list), Some(cand), None) => Ok(FieldKey::Candidate {
                list: number(list)?,
                candidate: number(cand)?,
            }),
            _ => Err(expected()),
        }
    }
}

impl Serialize for FieldKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|e: Text| serde::de::Error::custom(e.en))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_documented_keys() {
        assert_eq!("A".parse::<FieldKey>().unwrap(), FieldKey::Pv(PvField::A));
        assert_eq!("j".parse::<FieldKey>().unwrap(), FieldKey::Pv(PvField::J));
        assert_eq!("E".parse::<FieldKey>().unwrap(), FieldKey::Pv(PvField::E));
        assert_eq!("E.12".parse::<FieldKey>().unwrap(), FieldKey::List(12));
        assert_eq!(
            "E.12.3".parse::<FieldKey>().unwrap(),
            FieldKey::Candidate {
                list: 12,
                candidate: 3
            }
        );
        assert_eq!(
            "E.12.total".parse::<FieldKey>().unwrap(),
            FieldKey::ListPage(12)
        );
        assert_eq!(
            "X.lost".parse::<FieldKey>().unwrap(),
            FieldKey::Explanation(Explanation::Lost)
        );
    }

    #[test]
    fn explanations_are_named_by_their_eml_reason_code_in_dutch() {
        for x in Explanation::ALL {
            assert_eq!(x.label().nl, x.eml_reason_code());
        }
        assert_eq!(PvField::D.dutch(), "totaal toegelaten kiezers");
        assert_eq!(
            FieldKey::Candidate {
                list: 3,
                candidate: 7
            }
            .label()
            .en,
            "list 3, candidate 7"
        );
    }

    #[test]
    fn rejects_keys_with_a_reason() {
        for bad in ["K", "A.1", "E.0", "E.x", "E.1.2.3", "", "AB", "X.nope"] {
            let err = bad.parse::<FieldKey>().unwrap_err();
            assert!(err.en.contains("expected"), "{bad}: {}", err.en);
        }
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(list in 1u32..100, cand in 1u32..100, letter in 0usize..10, x in 0usize..8) {
            for key in [
                FieldKey::Pv(PvField::ALL[letter]),
                FieldKey::List(list),
                FieldKey::ListPage(list),
                FieldKey::Candidate { list, candidate: cand },
                FieldKey::Explanation(Explanation::ALL[x]),
            ] {
                prop_assert_eq!(key.to_string().parse::<FieldKey>().unwrap(), key);
            }
        }
    }
}
