//! EML 230b, the candidate lists: per contest (for the Tweede Kamer per kieskring, whose
//! lists and candidates differ from the others) the lists and their candidates, with
//! names as the Kiesraad prints them.

use eml_nl::documents::candidate_lists::{
    CandidateLists as EmlCandidateLists, CandidateListsCandidate, QualifyingAddress,
};

use crate::election::{Candidate, Contest, Election, PartyList};
use crate::published::document::{category, DocumentInfo, DocumentKind};
use crate::published::error::{ErrorKind, ImportError};
use crate::published::input::InputFile;
use crate::text;

/// The lists of one contest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContestLists {
    /// `None` where the election has a single contest (`ContestIdentifier Id="geen"`).
    pub contest: Option<Contest>,
    pub lists: Vec<PartyList>,
}

/// A 230b.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateLists {
    pub info: DocumentInfo,
    /// The election, with the contest set when the file holds exactly one real contest.
    pub election: Election,
    /// The election domain (for a municipal election the municipality: code, name).
    pub domain: Option<(String, String)>,
    pub contests: Vec<ContestLists>,
}

pub(crate) fn convert(
    input: &InputFile,
    doc: &EmlCandidateLists,
) -> Result<CandidateLists, ImportError> {
    let ident = &doc.candidate_list.election.identifier;
    let mut contests = Vec::new();
    for c in &doc.candidate_list.election.contests {
        let id = c.identifier.id.raw().into_owned();
        let contest = if id == "geen" || id == "alle" {
            None
        } else {
            Some(Contest {
                name: c.identifier.name.as_deref().unwrap_or_default().to_string(),
                id,
            })
        };
        let mut lists: Vec<PartyList> = Vec::new();
        for a in &c.affiliations {
            let raw = a.identifier.id.raw();
            let number: u32 = raw.parse().map_err(|_| {
                ImportError::new(
                    &input.name,
                    ErrorKind::Schema,
                    text!(
                        "lijstnummer `{raw}` is geen getal; verwacht AffiliationIdentifier Id=\"1\" of iets dergelijks",
                        "list number `{raw}` is not a number; expected AffiliationIdentifier Id=\"1\" or similar"
                    ),
                )
            })?;
            let mut candidates = Vec::new();
            for cand in &a.candidates {
                let raw = cand.identifier.id.raw();
                let cnum: u32 = raw.parse().map_err(|_| {
                    ImportError::new(
                        &input.name,
                        ErrorKind::Schema,
                        text!(
                            "kandidaatnummer `{raw}` op lijst {number} is geen getal",
                            "candidate number `{raw}` on list {number} is not a number"
                        ),
                    )
                })?;
                candidates.push(Candidate {
                    number: cnum,
                    name: ballot_name(cand),
                    locality: locality(cand),
                });
            }
            lists.push(PartyList {
                number,
                name: a
                    .identifier
                    .registered_name
                    .as_deref()
                    .unwrap_or_default()
                    .to_string(),
                candidates,
            });
        }
        contests.push(ContestLists { contest, lists });
    }
    let single_contest = match contests.as_slice() {
        [one] => one.contest.clone(),
        _ => None,
    };
    let election = Election {
        id: ident.id.raw().into_owned(),
        category: category(&input.name, &ident.category.raw())?,
        name: ident.name.as_deref().unwrap_or_default().to_string(),
        date: ident.election_date.raw().into_owned(),
        contest: single_contest,
    };
    let domain = ident.domain.as_ref().map(|d| {
        (
            d.id.as_ref()
                .map(|i| i.raw().into_owned())
                .unwrap_or_default(),
            d.name.to_string(),
        )
    });
    let authority = &doc.managing_authority.authority_identifier;
    Ok(CandidateLists {
        info: DocumentInfo {
            source: input.source(),
            kind: DocumentKind::CandidateLists,
            election: election.clone(),
            authority_code: Some(authority.id.raw().into_owned()),
            authority_name: authority.name.as_deref().map(str::to_string),
        },
        election,
        domain,
        contests,
    })
}

/// The candidate's name as the Kiesraad writes it: `de Jong, J. (Jan)`: prefix, last
/// name, initials, and the first name in brackets when there is one.
///
/// The prefix goes in front, lower case, as in the Kiesraad's own outputs: its osv4-3
/// CSV prints `van Dijck, A.P.C.` and its result software Abacus builds
/// `{prefix} {last name}, {initials} ({first name})`. Using the same form means a name
/// typed from a PV or looked up in the CSV matches the form's exactly.
pub(crate) fn ballot_name(cand: &CandidateListsCandidate) -> String {
    let p = &cand.full_name.person_name;
    format_name(
        p.name_prefix.as_ref().map(|n| n.value.as_ref()),
        &p.last_name.value,
        p.name_line_initials.as_ref().map(|n| n.value.as_ref()),
        p.first_name.as_ref().map(|n| n.value.as_ref()),
    )
}

/// See [`ballot_name`].
pub(crate) fn format_name(
    prefix: Option<&str>,
    last: &str,
    initials: Option<&str>,
    first: Option<&str>,
) -> String {
    let mut out = String::new();
    if let Some(p) = prefix.map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str(p);
        out.push(' ');
    }
    out.push_str(last.trim());
    if let Some(i) = initials.map(str::trim).filter(|i| !i.is_empty()) {
        out.push_str(", ");
        out.push_str(i);
    }
    if let Some(f) = first.map(str::trim).filter(|f| !f.is_empty()) {
        out.push_str(" (");
        out.push_str(f);
        out.push(')');
    }
    out
}

/// The place of residence as the Kiesraad prints it on the list: the locality, with the
/// country code in brackets for a candidate living abroad (`Overijse (BE)`).
fn locality(cand: &CandidateListsCandidate) -> String {
    match &cand.qualifying_address {
        Some(QualifyingAddress::Locality(l)) => l.locality_name.name.to_string(),
        Some(QualifyingAddress::Country(c)) => match &c.country_name_code {
            Some(code) => format!("{} ({})", c.locality.locality_name.name, code.value),
            None => c.locality.locality_name.name.to_string(),
        },
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_put_the_prefix_in_front_and_the_first_name_in_brackets() {
        assert_eq!(
            format_name(Some("de"), "Jong", Some("J."), Some("Jan")),
            "de Jong, J. (Jan)"
        );
        assert_eq!(
            format_name(None, "Wilders", Some("G."), Some("Geert")),
            "Wilders, G. (Geert)"
        );
        assert_eq!(format_name(None, "Kan", Some("D."), None), "Kan, D.");
    }
}
