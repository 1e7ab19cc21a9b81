//! The UN missions the table names, located in their host countries: a
//! curated reference table (`data/un_missions.csv`, embedded), each row
//! naming the Security Council resolution that set the mission up, and
//! the mission it succeeded under a new name (MONUC → MONUSCO).

use std::collections::HashMap;

use crate::csv::read::{read_rows, Problems};
use crate::date::Date;
use crate::id::{MissionId, SourceId};
use crate::mission::{Mission, MissionSpec};
use crate::nation::{Nation, NationCode};
use crate::source::{Citation, Source};

/// The organisation every mission of the table belongs to, as its
/// missions and totals name it.
pub(super) const ORGANIZATION: &str = "United Nations";

/// The reference table, as shipped in `data/un_missions.csv`.
pub const MISSIONS_TABLE: &str = include_str!("../../../data/un_missions.csv");

/// The source id of the reference table.
pub const MISSIONS_SOURCE: &str = "un-missions";

/// One mission of the reference table.
#[derive(Clone, Debug)]
pub(super) struct UnMission {
    pub(super) mission: Mission,
    pub(super) host_name: String,
}

/// The reference table read: missions by id, and the table as a source.
pub(super) struct Missions {
    pub(super) by_id: HashMap<String, UnMission>,
    pub(super) source: Source,
}

/// Reads the embedded reference table. Its rows are the project's own
/// (checked by the tests), so a row that cannot be read is a bug: it is
/// left out, and `tests/ipi.rs` fails on it.
pub(super) fn missions() -> Missions {
    let id: SourceId = MISSIONS_SOURCE.parse().expect("a well-formed source id");
    let source = Source::table(
        id.clone(),
        "data/un_missions.csv".to_owned(),
        "UN peacekeeping missions and their hosts (curated)",
        "troop-tracker, from the UN Security Council resolutions named",
        Date::year(2014).expect("a year"),
        MISSIONS_TABLE.to_owned(),
    );
    let mut by_id = HashMap::new();
    let columns = [
        "id",
        "name",
        "host",
        "host_name",
        "host_note",
        "successor_of",
        "reference",
    ];
    read_rows(
        Box::new(MISSIONS_TABLE.as_bytes()),
        "data/un_missions.csv",
        &mut Problems::new(),
        |header, _| header.iter().eq(columns.iter().copied()),
        |line, _, record, _| {
            let cell = |i: usize| record.get(i).unwrap_or_default();
            let (Ok(mid), Ok(host)) = (MissionId::new(cell(0)), NationCode::new(cell(2))) else {
                return;
            };
            let line = usize::try_from(line).unwrap_or(usize::MAX);
            let quote = source.line(line).unwrap_or_default();
            let citation = Citation::new(id.clone(), quote, Some(cell(6)))
                .with_note((!cell(4).is_empty()).then(|| cell(4).to_owned()))
                .at_line(line);
            let predecessor = MissionId::new(cell(5)).ok();
            let mission = Mission::new(MissionSpec {
                id: mid,
                name: cell(1).to_owned(),
                organization: ORGANIZATION.to_owned(),
                host,
                citation,
            })
            .with_predecessor(predecessor);
            by_id.insert(
                cell(0).to_owned(),
                UnMission {
                    mission,
                    host_name: cell(3).to_owned(),
                },
            );
        },
    );
    Missions { by_id, source }
}

impl Missions {
    /// The host nations of the missions named, as nations.
    pub(super) fn hosts<'m>(&self, named: impl Iterator<Item = &'m str>) -> Vec<Nation> {
        let mut out: Vec<Nation> = Vec::new();
        for m in named.filter_map(|id| self.by_id.get(id)) {
            let host = m.mission.host();
            if !out.iter().any(|n| n.code() == host) {
                out.push(Nation::new(host, m.host_name.clone(), None, None));
            }
        }
        out
    }
}
