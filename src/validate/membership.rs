//! The lead nation contributes, members are members on the day, and the
//! alliance has the size the sources say; a move said to add no troops
//! brings none from outside, and plans to strengthen the mission with
//! troops are set against it.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::date::Date;
use crate::deployment::Deployment;
use crate::event::{Event, EventKind, EventUnit};
use crate::id::MissionId;
use crate::interval::Interval;
use crate::nation::NationCode;
use crate::relocation::Relocation;
use crate::validate::{ids, Checks};
use crate::validate::{Rule, Severity};

impl<'a> Checks<'a> {
    pub(super) fn lead_contributes(&mut self) {
        let data = self.data;
        for m in data.missions() {
            let Some(lead) = m.lead() else { continue };
            let under: Vec<&Deployment> = self
                .deployments_of(m.id())
                .iter()
                .copied()
                .filter(|d| d.nation() == lead)
                .collect();
            let mut recs = vec![m.id().to_string()];
            recs.extend(ids(under.iter().map(|d| d.id())));
            let (severity, msg) = if under.is_empty() {
                (
                    Severity::Note,
                    format!(
                        "{}: lead nation {lead} has no recorded contribution to it; not checked",
                        m.id()
                    ),
                )
            } else if under
                .iter()
                .all(|d| d.strength().bounds() == Interval::exactly(0))
            {
                (
                    Severity::Error,
                    format!(
                        "{}: lead nation {lead} is recorded with 0 troops in it",
                        m.id()
                    ),
                )
            } else {
                let listed: Vec<String> = under
                    .iter()
                    .map(|d| format!("{} ({})", d.strength(), d.id()))
                    .collect();
                (
                    Severity::Note,
                    format!(
                        "{}: lead nation {lead} contributes {} — consistent",
                        m.id(),
                        listed.join(", ")
                    ),
                )
            };
            self.push(Rule::LeadContributes, severity, recs, msg);
        }
    }

    pub(super) fn membership(&mut self) {
        let data = self.data;
        for m in data
            .missions()
            .iter()
            .filter(|m| m.organization() == "NATO")
        {
            let mut contributors: Vec<(NationCode, &str, Date)> = self
                .deployments_of(m.id())
                .iter()
                .map(|d| (d.nation(), d.id().as_str(), d.as_of()))
                .collect();
            contributors.extend(
                data.relocations()
                    .iter()
                    .filter(|r| r.to_mission() == Some(m.id()))
                    .filter_map(|r| r.nation().map(|n| (n, r.id().as_str(), r.date()))),
            );
            let mut fine = BTreeSet::new();
            for (nation, id, date) in contributors {
                let record = data.nation(nation);
                let first = record.is_some_and(|n| n.is_nato_member_on(date.earliest()));
                let last = record.is_some_and(|n| n.is_nato_member_on(date.latest()));
                let partner = m.partners().contains(&nation);
                if first || partner {
                    fine.insert(nation);
                    continue;
                }
                let recs = vec![id.to_owned(), m.id().to_string(), nation.to_string()];
                if last {
                    let msg = format!("{id}: {nation} contributes to {} on {date}, but joined NATO only during that span", m.id());
                    self.push(Rule::Membership, Severity::Warning, recs, msg);
                } else {
                    let msg = format!(
                        "{id}: {nation} contributes to NATO mission {} on {date} but is neither a NATO member then nor a named partner",
                        m.id()
                    );
                    self.push(Rule::Membership, Severity::Error, recs, msg);
                }
            }
            if !fine.is_empty() {
                let msg = format!(
                    "{}: contributors {} are NATO members or named partners on their dates",
                    m.id(),
                    fine.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                self.push(
                    Rule::Membership,
                    Severity::Note,
                    vec![m.id().to_string()],
                    msg,
                );
            }
        }
    }

    pub(super) fn alliance_size(&mut self) {
        let data = self.data;
        for e in data.events() {
            if e.kind() != EventKind::MemberCount || e.organization() != Some("NATO") {
                continue;
            }
            let Some((count, _)) = e.count() else {
                continue;
            };
            let members_on = |day: NaiveDate| {
                data.nations()
                    .iter()
                    .filter(|n| n.is_nato_member_on(day))
                    .count() as u64
            };
            // Membership only grows in the table, so the counts over the
            // span run from the first day's to the last day's.
            let table = Interval::bounded(
                members_on(e.date().earliest()),
                members_on(e.date().latest()),
            );
            let agree = count.bounds().overlaps(&table);
            let msg = format!(
                "NATO on {}: {} says {} members; the accession table gives {table} — {}",
                e.date(),
                e.id(),
                count,
                if agree { "consistent" } else { "contradiction" }
            );
            let severity = if agree {
                Severity::Note
            } else {
                Severity::Error
            };
            self.push(Rule::AllianceSize, severity, ids([e.id()]), msg);
        }
    }

    /// A statement that a move adds no troops to a mission holds if every
    /// move into the mission reported from that day on comes from another
    /// mission in the same host country: troops change roles, none arrive.
    pub(super) fn force_size(&mut self) {
        let data = self.data;
        for e in data.events() {
            if e.kind() != EventKind::NoAdditionalTroops {
                continue;
            }
            let Some(m) = e.mission().and_then(|id| data.mission(id)) else {
                continue;
            };
            let moves: Vec<&Relocation> = data
                .relocations()
                .iter()
                .filter(|r| r.to_mission() == Some(m.id()) && r.from_mission() != Some(m.id()))
                .filter(|r| r.date().latest() >= e.date().earliest())
                .collect();
            let outside: Vec<&&Relocation> = moves
                .iter()
                .filter(|r| r.from().country() != m.host() || r.from_mission().is_none())
                .collect();
            let mut recs = vec![e.id().to_string()];
            recs.extend(moves.iter().map(|r| r.id().to_string()));
            if outside.is_empty() {
                let msg = format!(
                    "{}: {} says the moves add no troops, and the {} move(s) into {} from then on ({}) come from another mission in {} — consistent",
                    m.id(),
                    e.id(),
                    moves.len(),
                    m.id(),
                    ids(moves.iter().map(|r| r.id())).join(", "),
                    m.host()
                );
                self.push(Rule::ForceSize, Severity::Note, recs, msg);
            } else {
                let msg = format!(
                    "{}: {} says the moves add no troops, but {} bring(s) troops from outside {} or from no named mission — may conflict",
                    m.id(),
                    e.id(),
                    ids(outside.iter().map(|r| r.id())).join(", "),
                    m.host()
                );
                self.push(Rule::ForceSize, Severity::Warning, recs, msg);
            }
            self.strengthened_without_troops(e, m.id());
        }
    }

    /// A statement that no troops are added, against plans to expand or
    /// strengthen the same mission from its date on: a plan that names
    /// troops may conflict with it (unless they are the troops that change
    /// missions); one that names none holds if the strengthening is in
    /// tasks or comes from moves between missions.
    fn strengthened_without_troops(&mut self, none_added: &Event, mission: &MissionId) {
        let plans = self.data.events().iter().filter(|x| {
            matches!(
                x.kind(),
                EventKind::ExpansionPlanned | EventKind::ExpansionDecided
            ) && x.mission() == Some(mission)
                && x.date().latest() >= none_added.date().earliest()
        });
        for plan in plans {
            let recs = ids([none_added.id(), plan.id()]);
            let troops = plan
                .count()
                .filter(|(_, unit)| *unit == EventUnit::Troops)
                .map(|(n, _)| n.to_string());
            let (severity, what) = match troops {
                Some(n) => (
                    Severity::Warning,
                    format!("strengthens it by {n} troops — may conflict, unless those are the troops that change missions"),
                ),
                None => (
                    Severity::Note,
                    "expands or strengthens it with no troops named — consistent if the strengthening is in tasks or comes from moves between missions".to_owned(),
                ),
            };
            let msg = format!(
                "{mission}: {} says no more troops are deployed, while {} {what}",
                none_added.id(),
                plan.id()
            );
            self.push(Rule::ForceSize, severity, recs, msg);
        }
    }
}
