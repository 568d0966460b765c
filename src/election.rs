//! Elections, candidate lists and polling stations: the facts a sheet is about, as the
//! Kiesraad's EML_NL files name them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The kind of election (EML `ElectionCategory`). It decides which PV fields exist:
/// municipal elections (GR) have no voter cards (kiezerspassen, field C).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ElectionCategory {
    /// Tweede Kamer (House of Representatives)
    TK,
    /// Eerste Kamer (Senate; elected by the provinces, no polling stations)
    EK,
    /// Europees Parlement
    EP,
    /// Provinciale Staten
    PS,
    /// Algemeen bestuur van een waterschap
    AB,
    /// Gemeenteraad (municipal council)
    GR,
    /// Eilandsraad (Caribbean Netherlands)
    ER,
    /// Kiescollege (Caribbean Netherlands)
    NR,
}

impl ElectionCategory {
    pub const ALL: [ElectionCategory; 8] = [
        ElectionCategory::TK,
        ElectionCategory::EK,
        ElectionCategory::EP,
        ElectionCategory::PS,
        ElectionCategory::AB,
        ElectionCategory::GR,
        ElectionCategory::ER,
        ElectionCategory::NR,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ElectionCategory::TK => "TK",
            ElectionCategory::EK => "EK",
            ElectionCategory::EP => "EP",
            ElectionCategory::PS => "PS",
            ElectionCategory::AB => "AB",
            ElectionCategory::GR => "GR",
            ElectionCategory::ER => "ER",
            ElectionCategory::NR => "NR",
        }
    }

    /// Whether voter cards (kiezerspassen, field C) are accepted at this election.
    /// They are not at municipal-type elections, where you can only vote in your own
    /// municipality.
    pub fn has_voter_cards(self) -> bool {
        !matches!(self, ElectionCategory::GR | ElectionCategory::ER)
    }
}

impl fmt::Display for ElectionCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for ElectionCategory {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let up = s.trim().to_ascii_uppercase();
        ElectionCategory::ALL
            .into_iter()
            .find(|c| c.code() == up)
            .ok_or_else(|| format!("unknown election category `{s}` (expected one of TK, EK, EP, PS, AB, GR, ER, NR)"))
    }
}

/// One election, as the EML 110a defines it, narrowed to one contest (for the Tweede
/// Kamer: one kieskring, whose candidate lists differ from the others).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Election {
    /// The Kiesraad's election id, e.g. `TK2025` or `GR2022_WestMaasenWaal`.
    pub id: String,
    pub category: ElectionCategory,
    /// Full name, e.g. "Tweede Kamer der Staten-Generaal 2025".
    pub name: String,
    /// Election day, `YYYY-MM-DD`.
    pub date: String,
    /// The contest (kieskring) whose lists this form carries, if the election has more
    /// than one.
    #[serde(default)]
    pub contest: Option<Contest>,
}

/// A contest within an election; for the Tweede Kamer a kieskring (electoral district).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contest {
    /// `ContestIdentifier Id`, e.g. `6` for kieskring Nijmegen.
    pub id: String,
    pub name: String,
}

/// A candidate list (lijst, EML `Affiliation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyList {
    /// List number on the ballot (lijstnummer).
    pub number: u32,
    /// Registered name (aanduiding), may be empty for a list without one.
    pub name: String,
    #[serde(default)]
    pub candidates: Vec<Candidate>,
}

/// A candidate on a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Position on the list (kandidaatnummer).
    pub number: u32,
    /// Name as printed on the ballot: "Last, I. (First)" with prefix.
    pub name: String,
    /// Place of residence (woonplaats), as on the ballot.
    #[serde(default)]
    pub locality: String,
}

/// The Kiesraad's id of a polling station (stembureau): the municipality's CBS code
/// and the station number, written `0668::SB1` in EML `ReportingUnitIdentifier`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StationId {
    /// Municipality code (gemeentecode), four digits, e.g. `0668`.
    pub municipality: String,
    /// Station number (stembureaunummer).
    pub number: u32,
}

impl StationId {
    pub fn new(municipality: impl Into<String>, number: u32) -> StationId {
        StationId {
            municipality: municipality.into(),
            number,
        }
    }
}

impl fmt::Display for StationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}::SB{}", self.municipality, self.number)
    }
}

impl FromStr for StationId {
    type Err = String;
    /// Accepts `0668::SB1` (the Kiesraad's form), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!("`{s}` is not a polling-station id; expected the Kiesraad's form `GGGG::SBn`, e.g. `0668::SB1` (municipality code, station number)")
        };
        let (muni, rest) = s.trim().split_once("::").ok_or_else(bad)?;
        let rest = rest.trim();
        let num = rest
            .strip_prefix("SB")
            .or_else(|| rest.strip_prefix("sb"))
            .ok_or_else(bad)?;
        if muni.is_empty() || !muni.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(bad());
        }
        let number: u32 = num.parse().map_err(|_| bad())?;
        Ok(StationId::new(muni, number))
    }
}

impl TryFrom<String> for StationId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<StationId> for String {
    fn from(id: StationId) -> String {
        id.to_string()
    }
}

/// How a station counts (DESIGN.md §4): decentral counting per candidate (DSO, model
/// N 10-1) or central counting where the station stops at list totals (CSO, N 10-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CountingMethod {
    /// Decentrale stemopneming: per candidate, PV model N 10-1.
    #[default]
    Dso,
    /// Centrale stemopneming: list totals only, PV model N 10-2.
    Cso,
}

impl CountingMethod {
    pub fn code(self) -> &'static str {
        match self {
            CountingMethod::Dso => "DSO",
            CountingMethod::Cso => "CSO",
        }
    }
    /// The PV model the station fills in.
    pub fn pv_model(self) -> &'static str {
        match self {
            CountingMethod::Dso => "N 10-1",
            CountingMethod::Cso => "N 10-2",
        }
    }
}

impl FromStr for CountingMethod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "DSO" => Ok(CountingMethod::Dso),
            "CSO" => Ok(CountingMethod::Cso),
            _ => Err(format!(
                "unknown counting method `{s}` (expected DSO or CSO)"
            )),
        }
    }
}

/// A polling station (stembureau).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollingStation {
    pub id: StationId,
    /// Municipality name (gemeente), e.g. "West Maas en Waal".
    #[serde(default)]
    pub municipality_name: String,
    /// Station name as published, e.g. "Dorpshuis De Schalm".
    #[serde(default)]
    pub name: String,
    /// Postcode as published (e.g. "6659 BA"), may be empty.
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub counting: CountingMethod,
}

impl PollingStation {
    /// A station known only by its id.
    pub fn bare(id: StationId) -> PollingStation {
        PollingStation {
            id,
            municipality_name: String::new(),
            name: String::new(),
            postcode: String::new(),
            counting: CountingMethod::Dso,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn station_id_round_trips_the_kiesraad_form() {
        let id: StationId = "0668::SB1".parse().unwrap();
        assert_eq!(id.municipality, "0668");
        assert_eq!(id.number, 1);
        assert_eq!(id.to_string(), "0668::SB1");
        assert_eq!("0668::sb12".parse::<StationId>().unwrap().number, 12);
    }

    #[test]
    fn station_id_rejects_other_forms_with_the_expected_form() {
        for bad in ["SB1", "0668:SB1", "0668::1", "::SB1", "0668::SBx"] {
            let err = bad.parse::<StationId>().unwrap_err();
            assert!(err.contains("0668::SB1"), "{bad}: {err}");
        }
    }

    #[test]
    fn only_municipal_elections_lack_voter_cards() {
        assert!(ElectionCategory::TK.has_voter_cards());
        assert!(!ElectionCategory::GR.has_voter_cards());
        assert_eq!(
            "gr".parse::<ElectionCategory>().unwrap(),
            ElectionCategory::GR
        );
    }
}
