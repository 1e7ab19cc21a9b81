//! Contributions within a mission's reported total, and shares of it.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::id::MissionId;
use crate::interval::Interval;
use crate::ledger::{contributions, Figure, Key, Replay, State};
use crate::mission::{Mission, MissionStrength};
use crate::strength::StrengthKind;
use crate::validate::{chain_ids, describe, ids, within, Checks};
use crate::validate::{Finding, Rule, Severity};

impl<'a> Checks<'a> {
    pub(super) fn mission_totals(&mut self) {
        let data = self.data;
        let ledger = Replay::new(data, false);
        // Replay once, stopping at each reported total in date order,
        // rather than replaying from scratch for every total.
        let mut order: Vec<(NaiveDate, usize, usize)> = Vec::new();
        for (mi, m) in data.missions().iter().enumerate() {
            for (ti, t) in m.totals().iter().enumerate() {
                order.push((t.as_of().latest(), mi, ti));
            }
        }
        order.sort_unstable();
        // Each mission's keys, found once.
        let mission_at: HashMap<&MissionId, usize> = data
            .missions()
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id(), i))
            .collect();
        let mut per_mission: Vec<Vec<usize>> = vec![Vec::new(); data.missions().len()];
        for id in 0..ledger.key_count() {
            let mission = ledger.key(id).and_then(|k| k.mission.as_ref());
            if let Some(list) = mission
                .and_then(|m| mission_at.get(m))
                .and_then(|&i| per_mission.get_mut(i))
            {
                list.push(id);
            }
        }
        let mut state = State::new();
        let mut last: Option<NaiveDate> = None;
        let mut found: BTreeMap<(usize, usize), Finding> = BTreeMap::new();
        for (day, mi, ti) in order {
            if last != Some(day) {
                ledger.replay(&mut state, last, day, false, &mut |_| {});
                last = Some(day);
            }
            let (Some(m), Some(t)) = (
                data.missions().get(mi),
                data.missions().get(mi).and_then(|m| m.totals().get(ti)),
            ) else {
                continue;
            };
            let parts = contributions(
                state
                    .iter()
                    .filter_map(|(id, f)| Some((ledger.key(id)?, f))),
                m.id(),
                m.host(),
            );
            found.insert((mi, ti), total_finding(m, t, &parts));
        }
        self.out.extend(found.into_values());
    }

    pub(super) fn shares(&mut self) {
        let data = self.data;
        for d in data.deployments() {
            let (Some(share), Some(mission)) = (d.share(), d.mission()) else {
                continue;
            };
            let Some(total) = data.mission_total_on(mission, d.as_of().latest()) else {
                let msg = format!(
                    "{}: stated as {share} of {mission}, but no total of {mission} is recorded on or before {}",
                    d.id(),
                    d.as_of()
                );
                self.push(Rule::Share, Severity::Warning, ids([d.id()]), msg);
                continue;
            };
            let derived = total.strength().bounds().share(share);
            let recs = ids([d.id(), total.id()]);
            if d.strength().kind() == StrengthKind::NotReported {
                let msg = format!(
                    "{}: {share} of {mission}'s {} ({}) = {derived}",
                    Key::of_deployment(d),
                    total.strength(),
                    total.id()
                );
                self.push(Rule::Share, Severity::Note, recs, msg);
                continue;
            }
            let agree = derived.overlaps(&d.strength().bounds());
            let msg = format!(
                "{}: {} stated, and {share} of {mission}'s {} ({}) = {derived} — {}",
                Key::of_deployment(d),
                d.strength(),
                total.strength(),
                total.id(),
                if agree { "consistent" } else { "contradiction" }
            );
            self.push(
                Rule::Share,
                if agree {
                    Severity::Note
                } else {
                    Severity::Error
                },
                recs,
                msg,
            );
        }
    }
}

/// The finding for one reported total against the contributions that
/// count toward it.
fn total_finding(m: &Mission, t: &MissionStrength, parts: &[(&Key, &Figure)]) -> Finding {
    let sum = Interval::sum(parts.iter().map(|(_, f)| &f.value));
    let total = t.strength().bounds();
    let (severity, verdict) = within(&sum, &total);
    // A mission with hundreds of contributors gets the first dozen
    // named (with their records) and a count of the rest.
    const LISTED: usize = 12;
    let mut recs = vec![t.id().to_string()];
    for (_, f) in parts.iter().take(LISTED) {
        recs.extend(chain_ids(&f.basis));
    }
    let mut listed: Vec<String> = parts
        .iter()
        .take(LISTED)
        .map(|(k, f)| {
            format!(
                "{} {}",
                k.nation.map_or("unnamed".into(), |n| n.to_string()),
                describe(f)
            )
        })
        .collect();
    if parts.len() > LISTED {
        listed.push(format!("{} more", parts.len() - LISTED));
    }
    let msg = if parts.is_empty() {
        format!(
            "{} on {}: reported {} ({}); no national contribution recorded, so all {} is unattributed",
            m.id(),
            t.as_of(),
            t.strength(),
            t.id(),
            total
        )
    } else {
        format!(
            "{} on {}: reported {} ({}); national contributions {} = {sum}; unattributed remainder {} — {verdict}",
            m.id(),
            t.as_of(),
            t.strength(),
            t.id(),
            listed.join(" + "),
            total.minus(&sum)
        )
    };
    Finding::new(Rule::MissionTotal, severity, recs, msg)
}
