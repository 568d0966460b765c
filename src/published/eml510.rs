//! EML 510a/b/c/d, the counts, read with the Kiesraad's `eml-nl` crate: one
//! [`PublishedStation`] per polling station (`ReportingUnitVotes`).
//!
//! This is the reference reader: a faster reader must give the same stations, in the
//! same order, with the same counts as [`read`] on every file.
//!
//! The traps (DESIGN.md §3): `Cast` is the number of *eligible voters*, not of votes,
//! and is not used; `TotalCounted` is E (votes on candidates), so H = E + F + G; a
//! `Candidate` selection belongs to the nearest preceding `AffiliationIdentifier`
//! selection; a reason code the file does not carry stays absent, never 0.

use std::collections::BTreeMap;

use eml_nl::documents::election_count::{
    ElectionCount, ElectionCountSelectionType, RejectedVotesReason, ReportingUnitVotes,
    UncountedVotesReason,
};
use eml_nl::documents::EML;
use eml_nl::utils::StringValue;

use super::counts::Counts;
use super::document::{category, parse, DocumentInfo, DocumentKind, Parsed};
use super::error::{ErrorKind, ImportError};
use super::file::PublishedFile;
use super::input::InputFile;
use super::station::{PublishedCount, PublishedStation};
use crate::election::{
    Contest, CountingMethod, Election, ElectionCategory, PollingStation, StationId,
};
use crate::sheet::{Explanation, FieldKey, PvField};
use crate::text;

/// Reads a 510a/b/c/d with `eml-nl` (strict): the reference reader.
pub fn read(input: &InputFile) -> Result<PublishedCount, ImportError> {
    from_parsed(input, &parse(input)?)
}

/// The count of a document `eml-nl` has already parsed (see [`super::document::parse`]).
pub(crate) fn from_parsed(
    input: &InputFile,
    parsed: &Parsed,
) -> Result<PublishedCount, ImportError> {
    match &parsed.doc {
        EML::ElectionCount(count) => convert(input, &parsed.text, count),
        other => {
            let (id, name) = (other.to_eml_id(), other.to_friendly_name());
            Err(ImportError::new(
                &input.name,
                ErrorKind::UnknownDocument,
                text!(
                    "dit is een EML {id} ({name}); verwacht een telling (510a, 510b, 510c of 510d)",
                    "this is an EML {id} ({name}); expected a count (510a, 510b, 510c or 510d)"
                ),
            ))
        }
    }
}

fn convert(
    input: &InputFile,
    text: &str,
    doc: &ElectionCount,
) -> Result<PublishedCount, ImportError> {
    let kind =
        DocumentKind::from_eml_id(doc.count_type.to_eml_id()).unwrap_or(DocumentKind::Count510b);
    let ident = &doc.count.election.identifier;
    let base = Election {
        id: ident.id.raw().into_owned(),
        category: category(&input.name, &ident.category.raw())?,
        name: ident.name.as_deref().unwrap_or_default().to_string(),
        date: ident.election_date.raw().into_owned(),
        contest: None,
    };
    let authority = &doc.managing_authority.authority_identifier;
    let authority_code = authority.id.raw().into_owned();
    let authority_name = authority.name.as_deref().unwrap_or_default().to_string();
    let source = input.source();
    let mut stations: Vec<PublishedStation> = Vec::new();
    let mut list_names = BTreeMap::new();
    let mut file_election = base.clone();
    for contest in &doc.count.election.contests {
        let cid = contest.identifier.id.raw().into_owned();
        let election = Election {
            contest: (cid != "geen" && cid != "alle").then(|| Contest {
                name: contest
                    .identifier
                    .name
                    .as_deref()
                    .unwrap_or_default()
                    .to_string(),
                id: cid,
            }),
            ..base.clone()
        };
        if doc.count.election.contests.len() == 1 {
            file_election = election.clone();
        }
        let totals = contest.total_votes.iter().flat_map(|t| &t.selections);
        let per_station = contest
            .reporting_unit_votes
            .iter()
            .flat_map(|r| &r.selections);
        for sel in totals.chain(per_station) {
            if let ElectionCountSelectionType::Affiliation(a) = &sel.selection_type {
                if let Ok(n) = a.id.raw().parse::<u32>() {
                    let name = a.name.trim();
                    if !name.is_empty() {
                        list_names.entry(n).or_insert_with(|| name.to_string());
                    }
                }
            }
        }
        for ru in &contest.reporting_unit_votes {
            let raw_id = ru.identifier.id.raw();
            let Ok(id) = raw_id.parse::<StationId>() else {
                continue;
            };
            if stations.iter().any(|s| s.station.id == id) {
                let e = ImportError::new(
                    &input.name,
                    ErrorKind::DuplicateStation,
                    text!(
                        "stembureau {id} heeft een tweede ReportingUnitVotes; verwacht één per stembureau",
                        "polling station {id} has a second ReportingUnitVotes; expected one per station"
                    ),
                );
                return Err(match nth_identifier_offset(text, &raw_id, 1) {
                    Some(o) => e.at_offset(text, o),
                    None => e,
                });
            }
            let (name, postcode) = split_station_text(&ru.identifier.name);
            let counts = station_counts(&input.name, base.category, &id, ru)?;
            stations.push(PublishedStation {
                election: election.clone(),
                station: PollingStation {
                    id,
                    municipality_name: authority_name.clone(),
                    name,
                    postcode,
                    counting: CountingMethod::Dso,
                },
                counts,
                source: source.clone(),
            });
        }
    }
    Ok(PublishedCount {
        file: PublishedFile {
            info: DocumentInfo {
                source,
                kind,
                election: file_election,
                authority_code: Some(authority_code),
                authority_name: Some(authority_name),
            },
            bytes: input.bytes.len() as u64,
            stations: stations.len(),
            list_names,
        },
        stations,
    })
}

/// The byte offset of the `n`th (0-based) `ReportingUnitIdentifier` whose `Id` is `id`.
fn nth_identifier_offset(text: &str, id: &str, n: usize) -> Option<usize> {
    let needle_dq = format!("Id=\"{id}\"");
    let needle_sq = format!("Id='{id}'");
    let mut found = Vec::new();
    for needle in [&needle_dq, &needle_sq] {
        found.extend(
            text.match_indices(needle.as_str())
                .map(|(i, _)| i)
                .filter(|&i| {
                    let start = i.saturating_sub(64);
                    text.get(start..i)
                        .is_some_and(|before| before.contains("ReportingUnitIdentifier"))
                }),
        );
    }
    found.sort_unstable();
    found.get(n).map(|&i| text[..i].rfind('<').unwrap_or(i))
}

fn count(
    file: &str,
    station: &StationId,
    what: &str,
    value: &StringValue<u64>,
) -> Result<u32, ImportError> {
    let v = value.copied_value().map_err(|e| {
        ImportError::new(
            file,
            ErrorKind::Count,
            {
                let raw = value.raw();
                text!(
                    "{what} van stembureau {station} is `{raw}`: verwacht een geheel getal, 0 of meer ({e})",
                    "{what} of station {station} is `{raw}`: expected a whole number, 0 or more ({e})"
                )
            },
        )
    })?;
    u32::try_from(v).map_err(|_| {
        ImportError::new(
            file,
            ErrorKind::Count,
            text!(
                "{what} van stembureau {station} is {v}: te groot voor een stembureau (meer dan 4.294.967.295)",
                "{what} of station {station} is {v}: too large for a polling station (more than 4,294,967,295)"
            ),
        )
    })
}

fn station_counts(
    file: &str,
    category: ElectionCategory,
    id: &StationId,
    ru: &ReportingUnitVotes,
) -> Result<Counts, ImportError> {
    let mut counts = BTreeMap::new();
    let mut list: Option<u32> = None;
    for sel in &ru.selections {
        let votes = count(file, id, "ValidVotes", &sel.valid_votes)?;
        match &sel.selection_type {
            ElectionCountSelectionType::Affiliation(a) => {
                let n = number(file, id, "AffiliationIdentifier Id", &a.id.raw())?;
                list = Some(n);
                counts.insert(FieldKey::List(n), votes);
            }
            ElectionCountSelectionType::Candidate(c) => {
                let Some(l) = list else {
                    return Err(ImportError::new(
                        file,
                        ErrorKind::Schema,
                        text!(
                            "stembureau {id}: een Candidate-selectie staat voor elke AffiliationIdentifier-selectie; verwacht elke kandidaat na zijn lijst",
                            "station {id}: a Candidate selection comes before any AffiliationIdentifier selection; expected each candidate after its list"
                        ),
                    ));
                };
                let m = number(file, id, "CandidateIdentifier Id", &c.identifier.id.raw())?;
                counts.insert(
                    FieldKey::Candidate {
                        list: l,
                        candidate: m,
                    },
                    votes,
                );
            }
            ElectionCountSelectionType::ReferendumOption(_) => {
                return Err(ImportError::new(
                    file,
                    ErrorKind::UnknownDocument,
                    text!(
                    "stembureau {id}: een referendumkeuze; verwacht de telling van een verkiezing",
                    "station {id}: a referendum option; expected the count of an election"
                ),
                ))
            }
        }
    }
    let e = count(file, id, "TotalCounted", &ru.candidate_votes_count)?;
    counts.insert(FieldKey::Pv(PvField::E), e);
    let mut f_g = [None, None];
    for (reason, value) in &ru.rejected_votes {
        let (slot, field) = match reason {
            RejectedVotesReason::Blank => (0, PvField::F),
            RejectedVotesReason::Invalid => (1, PvField::G),
        };
        let v = count(file, id, reason.to_eml_value(), value)?;
        f_g[slot] = Some(v);
        counts.insert(FieldKey::Pv(field), v);
    }
    if let [Some(f), Some(g)] = f_g {
        let h = e
            .checked_add(f)
            .and_then(|x| x.checked_add(g))
            .ok_or_else(|| {
                ImportError::new(
                    file,
                    ErrorKind::Count,
                    text!(
                        "stembureau {id}: E + F + G is te groot",
                        "station {id}: E + F + G is too large"
                    ),
                )
            })?;
        counts.insert(FieldKey::Pv(PvField::H), h);
    }
    for (reason, value) in &ru.uncounted_votes {
        let v = count(file, id, reason.to_eml_value(), value)?;
        let key = match reason {
            UncountedVotesReason::ValidPollCards => FieldKey::Pv(PvField::A),
            UncountedVotesReason::ValidProxyCertificates => FieldKey::Pv(PvField::B),
            UncountedVotesReason::ValidVoterCards => {
                // A municipal election's PV has no field C; its files still carry a 0
                // there, which is the software's filler, not a count. A non-zero value
                // is kept, so that the anomaly shows.
                if !category.has_voter_cards() && v == 0 {
                    continue;
                }
                FieldKey::Pv(PvField::C)
            }
            UncountedVotesReason::AdmittedVoters => FieldKey::Pv(PvField::D),
            UncountedVotesReason::MoreBallotsCounted => FieldKey::Pv(PvField::I),
            UncountedVotesReason::FewerBallotsCounted => FieldKey::Pv(PvField::J),
            other => match explanation_for(other.to_eml_value()) {
                Some(x) => FieldKey::Explanation(x),
                None => continue,
            },
        };
        counts.insert(key, v);
    }
    Ok(Counts::from(counts))
}

/// The explanation count with this EML reason code.
fn explanation_for(reason_code: &str) -> Option<Explanation> {
    Explanation::ALL
        .into_iter()
        .find(|x| x.eml_reason_code() == reason_code)
}

fn number(file: &str, id: &StationId, what: &str, raw: &str) -> Result<u32, ImportError> {
    raw.parse().map_err(|_| {
        ImportError::new(
            file,
            ErrorKind::Schema,
            text!(
                "stembureau {id}: {what} `{raw}` is geen getal; verwacht een lijst- of kandidaatnummer",
                "station {id}: {what} `{raw}` is not a number; expected a list or candidate number"
            ),
        )
    })
}

/// Splits a 510b's station text, e.g. `Stembureau Dorpshuis De Hucht (postcode: 6626 AC)`,
/// into name and postcode, the way the Kiesraad's own osv4-3 export does (`eml-nl`'s
/// `csv` module): the postcode from `(postcode: …)`, and a leading `Stembureau ` or
/// `Briefstembureau ` dropped (the software adds it to names that often have it already).
/// Done by hand because `eml-nl` keeps this logic private.
fn split_station_text(text: &str) -> (String, String) {
    let mut name = text.to_string();
    let mut postcode = String::new();
    if let Some(start) = text.find("(postcode:") {
        if let Some(len) = text[start..].find(')') {
            postcode = text[start + "(postcode:".len()..start + len]
                .trim()
                .to_string();
            name = format!("{}{}", &text[..start], &text[start + len + 1..]);
        }
    }
    let name = name.trim();
    let name = name
        .strip_prefix("Stembureau ")
        .or_else(|| name.strip_prefix("Briefstembureau "))
        .unwrap_or(name)
        .trim()
        .to_string();
    (name, postcode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn station_text_splits_like_the_kiesraad_export() {
        assert_eq!(
            split_station_text("Stembureau Dorpshuis De Hucht (postcode: 6626 AC)"),
            ("Dorpshuis De Hucht".to_string(), "6626 AC".to_string())
        );
        assert_eq!(
            split_station_text("Stembureau Gemeentehuis (maandag) (postcode: 6658 AG)"),
            ("Gemeentehuis (maandag)".to_string(), "6658 AG".to_string())
        );
        assert_eq!(
            split_station_text("Stadhuis"),
            ("Stadhuis".to_string(), String::new())
        );
    }

    #[test]
    fn every_eml_explanation_code_maps_to_one_explanation() {
        for reason in [
            UncountedVotesReason::BallotsTaken,
            UncountedVotesReason::TooFewBallotsIssued,
            UncountedVotesReason::TooManyBallotsIssued,
            UncountedVotesReason::NoPostalBallots,
            UncountedVotesReason::TooManyPostalBallots,
            UncountedVotesReason::LostBallots,
            UncountedVotesReason::NoExplanation,
            UncountedVotesReason::OtherExplanation,
        ] {
            assert!(
                explanation_for(reason.to_eml_value()).is_some(),
                "{reason:?}"
            );
        }
        assert_eq!(explanation_for("geldige stempassen"), None);
    }
}
