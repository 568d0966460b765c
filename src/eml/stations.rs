//! EML 110b, the polling stations of a municipality.

use eml_nl::documents::polling_stations::PollingStations;

use crate::election::{CountingMethod, Election, PollingStation, StationId};
use crate::published::document::{category, DocumentInfo, DocumentKind};
use crate::published::error::{ErrorKind, ImportError};
use crate::published::input::InputFile;
use crate::text;

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

pub(crate) fn convert(
    input: &InputFile,
    doc: &PollingStations,
) -> Result<StationList, ImportError> {
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
                    text!(
                        "stembureaunummer `{number_raw}` is geen getal; verwacht bijvoorbeeld PollingStation Id=\"1\"",
                        "polling station number `{number_raw}` is not a number; expected e.g. PollingStation Id=\"1\""
                    ),
                )
            })?;
            let id = StationId::new(code.clone(), number);
            if stations.iter().any(|s| s.id == id) {
                return Err(ImportError::new(
                    &input.name,
                    ErrorKind::DuplicateStation,
                    text!(
                        "stembureau {id} staat er twee keer in; verwacht elk stembureau één keer",
                        "polling station {id} is listed twice; expected each station once"
                    ),
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
