//! Two reports of one thing: competing figures and competing events.

use crate::fasthash::FastMap as HashMap;

use chrono::NaiveDate;

use crate::deployment::Deployment;
use crate::event::{Event, EventKind};
use crate::id::MissionId;
use crate::ledger::Key;
use crate::nation::NationCode;
use crate::validate::{from, ids, words, Checks};
use crate::validate::{Rule, Severity, TOTAL_STABLE_DAYS};

impl<'a> Checks<'a> {
    pub(super) fn competing_claims(&mut self) {
        self.same_move_reports();
        self.same_event_reports();
        self.same_day_observations();
        self.successive_totals();
    }

    /// Two reports of one relocation (`same_as`) allow a common count.
    fn same_move_reports(&mut self) {
        let data = self.data;
        for r in data.relocations() {
            let Some(t) = r.same_as().and_then(|t| self.relocation(t)) else {
                continue;
            };
            let (a, b) = (t.strength().bounds(), r.strength().bounds());
            let recs = ids([t.id(), r.id()]);
            let msg = match a.intersect(&b) {
                Some(both) => format!(
                    "{} and {} report the same move: {} and {} agree; both allow {both}",
                    t.id(),
                    r.id(),
                    words(t.citation()),
                    words(r.citation())
                ),
                None => format!(
                    "{} and {} report the same move but {} and {} cannot both be true",
                    t.id(),
                    r.id(),
                    words(t.citation()),
                    words(r.citation())
                ),
            };
            let severity = if a.overlaps(&b) {
                Severity::Note
            } else {
                Severity::Error
            };
            self.push(Rule::CompetingClaims, severity, recs, msg);
        }
    }

    /// Two reports of one event (`same_as`) agree.
    fn same_event_reports(&mut self) {
        let data = self.data;
        for e in data.events() {
            let Some(t) = e.same_as().and_then(|t| self.event(t)) else {
                continue;
            };
            self.competing_events(t, e);
        }
    }

    /// Two observations of one key on one day (or for one month, one
    /// year: the same span of days) allow a common count.
    fn same_day_observations(&mut self) {
        let data = self.data;
        // Two observations of one key for one span of days.
        type Observation<'d> = (
            NationCode,
            &'d crate::location::Location,
            Option<&'d MissionId>,
            (NaiveDate, NaiveDate),
        );
        // Sorted by key, and within a key in file order (a stable sort):
        // one vector, not a map of a vector per observation.
        let mut observations: Vec<(Observation<'_>, &Deployment)> = data
            .deployments()
            .iter()
            // An open date ("on or before") is no span to compare.
            .filter(|d| d.as_of().first_day().is_some() && d.as_of().last_day().is_some())
            .map(|d| {
                let span = (d.as_of().earliest(), d.as_of().latest());
                ((d.nation(), d.location(), d.mission(), span), d)
            })
            .collect();
        observations.sort_by(|a, b| a.0.cmp(&b.0));
        let groups = observations
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|group| group.len() > 1)
            .filter_map(|group| {
                let (key, _) = group.first()?;
                Some((*key, group.iter().map(|(_, d)| *d).collect::<Vec<_>>()))
            });
        for ((nation, location, mission, _), ds) in groups {
            let key = Key {
                nation: Some(nation),
                places: vec![location.clone()],
                mission: mission.cloned(),
            };
            for pair in ds.windows(2) {
                let [a, b] = pair else { continue };
                if a.relative_to() != b.relative_to() {
                    continue;
                }
                let agree = a.strength().bounds().overlaps(&b.strength().bounds());
                // The two figures and where each comes from first; the
                // quoted rows after, for whoever checks them.
                let msg = format!(
                    "{key} on {}: {} ({}, {}) and {} ({}, {}) {}; quoted: {} and {}",
                    a.as_of(),
                    a.strength(),
                    from(a.citation()),
                    a.id(),
                    b.strength(),
                    from(b.citation()),
                    b.id(),
                    if agree {
                        "agree"
                    } else {
                        "cannot both be true"
                    },
                    words(a.citation()),
                    words(b.citation()),
                );
                let severity = if agree {
                    Severity::Note
                } else {
                    Severity::Error
                };
                self.push(Rule::CompetingClaims, severity, ids([a.id(), b.id()]), msg);
            }
        }
    }

    /// Successive totals of a mission agree unless troops moved or time passed.
    fn successive_totals(&mut self) {
        let data = self.data;
        // The moves into or out of each mission, by date: a pair of
        // totals looks only at its own mission's.
        let mut moves: HashMap<&MissionId, Vec<&crate::relocation::Relocation>> =
            HashMap::default();
        for r in data.relocations().iter().filter(|r| r.status().has_moved()) {
            for m in [r.from_mission(), r.to_mission()].into_iter().flatten() {
                let list = moves.entry(m).or_default();
                if !list.last().is_some_and(|last| std::ptr::eq(*last, r)) {
                    list.push(r);
                }
            }
        }
        for m in data.missions() {
            let moves_of = moves.get(m.id()).map(Vec::as_slice).unwrap_or_default();
            let mut totals: Vec<_> = m.totals().iter().collect();
            totals.sort_by_key(|t| t.as_of().earliest());
            for pair in totals.windows(2) {
                let [a, b] = pair else { continue };
                let gap = (b.as_of().earliest() - a.as_of().latest()).num_days();
                let moved_between = moves_of.iter().any(|r| {
                    r.date().earliest() >= a.as_of().earliest()
                        && r.date().latest() <= b.as_of().latest()
                });
                let agree = a.strength().bounds().overlaps(&b.strength().bounds());
                let stable = gap <= TOTAL_STABLE_DAYS && !moved_between;
                let severity = match (agree, stable) {
                    (true, _) => Severity::Note,
                    (false, true) => Severity::Error,
                    (false, false) => Severity::Warning,
                };
                let msg = format!(
                    "{}: {} on {} ({}) and {} on {} ({}) {}{}",
                    m.id(),
                    words(a.citation()),
                    a.as_of(),
                    a.id(),
                    words(b.citation()),
                    b.as_of(),
                    b.id(),
                    if agree {
                        "agree: both allow "
                    } else {
                        "cannot both describe the same force"
                    },
                    match a.strength().bounds().intersect(&b.strength().bounds()) {
                        Some(both) => both.to_string(),
                        None if stable => format!(
                            " ({gap} days apart, no relocation into or out of {} recorded between)",
                            m.id()
                        ),
                        None => format!(" ({gap} days apart: the force may have changed)"),
                    }
                );
                self.push(Rule::CompetingClaims, severity, ids([a.id(), b.id()]), msg);
            }
        }
    }

    pub(super) fn competing_events(&mut self, first: &Event, second: &Event) {
        let recs = ids([first.id(), second.id()]);
        let is_state = matches!(
            first.kind(),
            EventKind::TrainingSuspended | EventKind::OperationsSuspended
        );
        let dates_agree = first.date().earliest() <= second.date().latest()
            && second.date().earliest() <= first.date().latest();
        if !is_state && !dates_agree {
            let msg = format!(
                "{} ({}) and {} ({}) report the same {} on different dates",
                first.id(),
                first.date(),
                second.id(),
                second.date(),
                first.kind()
            );
            self.push(Rule::CompetingClaims, Severity::Warning, recs.clone(), msg);
        }
        match (first.count(), second.count()) {
            (Some((a, unit_a)), Some((b, unit_b))) => {
                if a.bounds().overlaps(&b.bounds()) && unit_a == unit_b {
                    let msg = format!(
                        "{} and {} report the same {}: {} and {} agree",
                        first.id(),
                        second.id(),
                        first.kind(),
                        words(first.citation()),
                        words(second.citation())
                    );
                    self.push(Rule::CompetingClaims, Severity::Note, recs, msg);
                } else {
                    // An event counted differently by two sources is most
                    // often one source naming only part of it; the analyst
                    // must decide, so it is a warning with both words and
                    // the curator's reading.
                    let reading = second
                        .citation()
                        .note()
                        .or(first.citation().note())
                        .map(|n| format!("; curator's reading: {n}"))
                        .unwrap_or_default();
                    let msg = format!(
                        "{} and {} report the same {} with different counts: {} ({a} {unit_a}) and {} ({b} {unit_b}); they cannot both be the full count, so the smaller may name only part of the event{reading}",
                        first.id(),
                        second.id(),
                        first.kind(),
                        words(first.citation()),
                        words(second.citation())
                    );
                    self.push(Rule::CompetingClaims, Severity::Warning, recs, msg);
                }
            }
            _ => {
                if is_state || dates_agree {
                    let msg = format!(
                        "{} ({}) and {} ({}) report the same {} — consistent",
                        first.id(),
                        first.date(),
                        second.id(),
                        second.date(),
                        first.kind()
                    );
                    self.push(Rule::CompetingClaims, Severity::Note, recs, msg);
                }
            }
        }
    }
}
