//! EML 110b, the polling stations of a municipality, and the station facts (name,
//! postcode) that a 510b carries in its `ReportingUnitIdentifier` text.

use eml_nl::documents::polling_stations::PollingStations;

use super::document::{category, DocumentInfo, DocumentKind};
use super::error::{ErrorKind, ImportError};
use super::source::Input;
use crate::election::{CountingMethod, Election, PollingStation, StationId};

/// A 110b: the stations one municipality set up for an election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StationList {
    pub info: DocumentInfo,
    pub election: Election,
    /// Neither a 110b nor a 510b says whether a station counts centrally (CSO) or per
    /// candidate (DSO), so every station is [`CountingMethod::Dso`], the default and the
    /// usual case; a form can be edited where a municipality counts centrally.
    pub stations: Vec<PollingStation>,
}

pub(crate) fn convert(input: &Input, doc: &PollingStations) -> Result<StationList, ImportError> {
    let ident = &doc.election_event.election.identifier;
    let election = Election {
        id: ident.id.raw().into_owned(),
        category: category(&input.name, &ident.category.raw())?,
        name: ident.name.as_deref().unwrap_or_default().to_string(),
        date: ident.election_date.raw().into_owned(),
        contest: None,
    };
    let authority = &doc.managing_authority.authority_identifier;
    let code = authority.id.raw().into_owned();
    let municipality_name = authority.name.as_deref().unwrap_or_default().to_string();
    let mut stations: Vec<PollingStation> = Vec::new();
    for contest in &doc.election_event.election.contests {
        for place in &contest.polling_places {
            let loc = &place.physical_location;
            let number_raw = loc.polling_station.id.raw();
            let number: u32 = number_raw.trim().parse().map_err(|_| {
                ImportError::new(
                    &input.name,
                    ErrorKind::Schema,
                    format!("polling station number `{number_raw}` is not a number; expected e.g. PollingStation Id=\"1\""),
                )
            })?;
            let id = StationId::new(code.clone(), number);
            if stations.iter().any(|s| s.id == id) {
                return Err(ImportError::new(
                    &input.name,
                    ErrorKind::DuplicateStation,
                    format!("polling station {id} is listed twice; expected each station once"),
                ));
            }
            stations.push(PollingStation {
                id,
                municipality_name: municipality_name.clone(),
                name: loc.address.locality.locality_name.name.to_string(),
                postcode: loc
                    .address
                    .locality
                    .postal_code
                    .as_ref()
                    .map(|p| p.number.number.to_string())
                    .unwrap_or_default(),
                counting: CountingMethod::Dso,
            });
        }
    }
    Ok(StationList {
        info: DocumentInfo {
            source: input.source(),
            kind: DocumentKind::PollingStations,
            election: election.clone(),
            authority_code: Some(code),
            authority_name: Some(municipality_name),
        },
        election,
        stations,
    })
}

/// Splits a 510b's station text, e.g. `Stembureau Dorpshuis De Hucht (postcode: 6626 AC)`,
/// into name and postcode, the way the Kiesraad's own osv4-3 export does (`eml-nl`'s
/// `csv` module): the postcode from `(postcode: …)`, and a leading `Stembureau ` or
/// `Briefstembureau ` dropped (the software adds it to names that often have it already).
/// Done by hand because `eml-nl` keeps this logic private.
pub fn split_station_text(text: &str) -> (String, String) {
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
}
