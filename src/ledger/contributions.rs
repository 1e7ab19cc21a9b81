//! Which figures count toward a mission's total.

use std::collections::BTreeMap;

use crate::id::MissionId;
use crate::ledger::key::{Figure, Key};
use crate::nation::NationCode;

/// The figures that count toward a mission: for each nation, its
/// country-wide figures under the mission where there are any, else its
/// area figures (an area's figure is part of the country's, so the two are
/// never added).
pub(crate) fn contributions<'s>(
    figures: impl Iterator<Item = (&'s Key, &'s Figure)>,
    mission: &MissionId,
    host: NationCode,
) -> Vec<(&'s Key, &'s Figure)> {
    let mut by_nation: BTreeMap<Option<NationCode>, Vec<(&Key, &Figure)>> = BTreeMap::new();
    for (k, f) in figures {
        if k.mission.as_ref() == Some(mission) && k.country() == Some(host) {
            by_nation.entry(k.nation).or_default().push((k, f));
        }
    }
    let mut out = Vec::new();
    for (_, entries) in by_nation {
        let country_wide = entries.iter().any(|(k, _)| k.is_country_level());
        out.extend(
            entries
                .into_iter()
                .filter(|(k, _)| !country_wide || k.is_country_level()),
        );
    }
    out
}
