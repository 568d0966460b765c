//! EML 110a, the election definition: the election's id, name, category and date, and
//! its election tree, from which a kieskring's name is taken.

use std::collections::BTreeMap;

use eml_nl::documents::election_definition::ElectionDefinition as EmlDefinition;
use eml_nl::utils::RegionCategory;

use crate::election::Election;
use crate::published::document::{category, DocumentInfo, DocumentKind};
use crate::published::error::ImportError;
use crate::published::input::InputFile;

/// A 110a, narrowed to what a form needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionDefinition {
    pub info: DocumentInfo,
    /// The election, without a contest (the 110a defines all of them).
    pub election: Election,
    /// Kieskring number (as the 230b's and 510b's `ContestIdentifier Id`) → name,
    /// e.g. `6` → "Nijmegen". Empty for elections without kieskringen.
    pub electoral_districts: BTreeMap<String, String>,
}

pub(crate) fn convert(
    input: &InputFile,
    doc: &EmlDefinition,
) -> Result<ElectionDefinition, ImportError> {
    let ident = &doc.election_event.election.identifier;
    let election = Election {
        id: ident.id.raw().into_owned(),
        category: category(&input.name, &ident.category.raw())?,
        name: ident.name.to_string(),
        date: ident.election_date.raw().into_owned(),
        contest: None,
    };
    let electoral_districts = doc
        .election_event
        .election
        .election_tree
        .regions
        .iter()
        .filter(|r| {
            matches!(
                r.key.category,
                RegionCategory::ElectoralDistrict
                    | RegionCategory::ProvinceElectoralDistrict
                    | RegionCategory::WaterAuthorityElectoralDistrict
            )
        })
        .filter_map(|r| r.key.number.map(|n| (n.to_string(), r.name.to_string())))
        .collect();
    let authority = doc
        .managing_authority
        .as_ref()
        .map(|m| &m.authority_identifier);
    Ok(ElectionDefinition {
        info: DocumentInfo {
            source: input.source(),
            kind: DocumentKind::ElectionDefinition,
            election: election.clone(),
            authority_code: authority.map(|a| a.id.raw().into_owned()),
            authority_name: authority.and_then(|a| a.name.as_deref().map(str::to_string)),
        },
        election,
        electoral_districts,
    })
}
