//! What the ledger replay shows: a relocation moving more than was there,
//! conservation through each move, later observations against the
//! replayed figure, and areas within their country.

use crate::fasthash::FastMap as HashMap;

use chrono::NaiveDate;

use crate::deployment::{Deployment, RelativeTo};
use crate::id::MissionId;
use crate::interval::{Interval, Truth};
use crate::ledger::{interval, Figure, Key, Origin, RecordRef, Replay, State, Term, Trace};
use crate::location::Location;
use crate::relocation::Relocation;
use crate::validate::{
    chain_ids, chain_text, describe, stated_and_bounds, stated_total, within, Checks,
};
use crate::validate::{Rule, Severity};

impl<'a> Checks<'a> {
    /// The rules that need the replayed ledger: relocations against their
    /// origin, conservation, and parts within wholes.
    pub(super) fn replayed(&mut self) {
        let data = self.data;
        let end = NaiveDate::MAX;
        // Announced moves are checked against the origin as it would be.
        let projected = Replay::new(data, true);
        let key = |l: &Replay<'_>, id: usize| {
            l.key(id)
                .cloned()
                .expect("a trace names only keys its replay numbered")
        };
        projected.replay(&mut State::new(), None, end, false, &mut |t| {
            if let Trace::Moved {
                relocation,
                moved,
                origin,
                before,
                ..
            } = t
            {
                self.exceeds_origin(relocation, moved, &key(&projected, origin), before.as_ref());
            }
        });

        let actual = Replay::new(data, false);
        // Observations placed after a relocation, by relocation id.
        let mut after: HashMap<&str, Vec<&Deployment>> = HashMap::default();
        for d in data.deployments() {
            if let Some(RelativeTo::After(r)) = d.relative_to() {
                after.entry(r.as_str()).or_default().push(d);
            }
        }
        // Keep a copy of the figures as they stand at each step, to compare
        // each observation with the figures it lies within at that moment.
        let mut running = State::new();
        actual.replay(&mut State::new(), None, end, false, &mut |t| match t {
            Trace::Moved {
                relocation,
                moved,
                origin,
                before,
                after: left,
                destination,
                arrived,
                ..
            } => {
                let later = after
                    .get(relocation.id().as_str())
                    .cloned()
                    .unwrap_or_default();
                self.conservation(
                    relocation,
                    moved,
                    &key(&actual, origin),
                    before.as_ref(),
                    left,
                    &key(&actual, destination),
                    arrived,
                    &later,
                );
                running.insert(origin, left.clone());
                running.insert(destination, arrived.clone());
            }
            Trace::Observed {
                deployment,
                key: id,
                previous,
                now,
                ..
            } => {
                self.later_observation(deployment, previous.as_ref(), now);
                self.within_country(deployment, &key(&actual, id), &running, &actual);
                running.insert(id, now.clone());
            }
        });
    }

    pub(super) fn exceeds_origin(
        &mut self,
        r: &Relocation,
        moved: Interval,
        origin: &Key,
        before: Option<&Figure>,
    ) {
        let mut recs = vec![r.id().to_string()];
        let Some(before) = before else {
            let msg = format!(
                "{origin}: relocation {} moves {} but no figure for the origin is recorded before it; not checked",
                r.id(),
                r.strength()
            );
            self.push(Rule::RelocationExceedsOrigin, Severity::Note, recs, msg);
            return;
        };
        recs.extend(chain_ids(&before.basis));
        let (severity, verdict) = within(&moved, &before.value);
        let msg = format!(
            "{origin}: relocation {} moves {} of the {} there on {} — {verdict}",
            r.id(),
            stated_and_bounds(r.strength(), moved),
            describe(before),
            r.date()
        );
        self.push(Rule::RelocationExceedsOrigin, severity, recs.clone(), msg);
        // "Some of its 500" also states the total at the origin.
        if let Some(total) = stated_total(r) {
            let agree = before.value.overlaps(&Interval::exactly(total));
            let msg = format!(
                "{origin}: relocation {} says \"{}\" (a total of {total}), and {} is recorded there — {}",
                r.id(),
                r.citation().words().unwrap_or(r.citation().quote()),
                describe(before),
                if agree { "consistent" } else { "contradiction" }
            );
            let severity = if agree {
                Severity::Note
            } else {
                Severity::Error
            };
            self.push(Rule::RelocationExceedsOrigin, severity, recs, msg);
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn conservation(
        &mut self,
        r: &Relocation,
        moved: Interval,
        origin: &Key,
        before: Option<&Figure>,
        left: &Figure,
        destination: &Key,
        arrived: &Figure,
        later: &[&Deployment],
    ) {
        let gained = match arrived.origin {
            Origin::ArrivalsOnly => format!(
                "{} gains {moved} (no earlier figure there)",
                destination.places_label()
            ),
            _ => format!("{} now {}", destination.places_label(), arrived.value),
        };
        let how = if r.temporary() == Some(true) {
            " temporarily (they may return)"
        } else {
            ""
        };
        let head = match before {
            Some(b) => format!(
                "{origin}: {} before relocation {}, minus {moved} moved{how} = {}; {gained}",
                b.strength(),
                r.id(),
                left.value
            ),
            None => format!(
                "{origin}: no figure before relocation {}; {moved} moved; {gained}",
                r.id()
            ),
        };
        let recs = chain_ids(&left.basis);
        if later.is_empty() {
            self.push(
                Rule::Conservation,
                Severity::Note,
                recs,
                format!("{head}; no later observation to compare"),
            );
            return;
        }
        for d in later {
            let mut recs = recs.clone();
            recs.push(d.id().to_string());
            let observed = d.strength().bounds();
            // A report after the move compares with the origin's or the
            // destination's figure only where it is that figure or a part
            // of it (an area, one mission of all); anything else, a whole
            // holding it or another place, only the model compares.
            let part_of = |places: &[Location], mission: Option<&MissionId>| {
                places.iter().any(|p| p.contains(d.location()))
                    && (mission.is_none() || d.mission() == mission)
            };
            let same = |places: &[Location], mission: Option<&MissionId>| {
                places == std::slice::from_ref(d.location()) && d.mission() == mission
            };
            let from = std::slice::from_ref(r.from());
            let at_destination = part_of(r.to(), r.to_mission());
            let (whole, whole_label, same_place) = if part_of(from, r.from_mission()) {
                (
                    left.value,
                    r.from().to_string(),
                    same(from, r.from_mission()),
                )
            } else if at_destination && (r.to().len() == 1 || same(r.to(), r.to_mission())) {
                (
                    arrived.value,
                    destination.places_label(),
                    same(r.to(), r.to_mission()),
                )
            } else {
                // One place of a joint destination holds an unknown share
                // of the move and its own troops, which the joint figure
                // does not count.
                let why = if at_destination {
                    "one place of a joint destination"
                } else {
                    "neither the origin nor the destination nor a part of them"
                };
                let msg = format!(
                    "{head}; recorded afterwards: {} in {} ({}), {why} — not compared here (the model compares every record)",
                    d.strength(),
                    d.location(),
                    d.id()
                );
                self.push(Rule::Conservation, Severity::Note, recs, msg);
                continue;
            };
            let (severity, verdict) = if same_place {
                match observed.equals(&whole) {
                    Truth::CertainlyNot => (Severity::Error, "contradiction"),
                    _ => (Severity::Note, "consistent"),
                }
            } else {
                within(&observed, &whole)
            };
            let relation = if same_place {
                String::new()
            } else {
                format!(", part of {whole_label}, at most {whole}")
            };
            let msg = format!(
                "{head}; recorded afterwards: {} in {} ({}){relation} — {verdict}",
                d.strength(),
                d.location(),
                d.id()
            );
            self.push(Rule::Conservation, severity, recs, msg);
        }
    }

    /// A plain observation that replaces a figure derived by relocations
    /// must agree with it, unless the force changed in between.
    pub(super) fn later_observation(
        &mut self,
        d: &Deployment,
        previous: Option<&Figure>,
        now: &Figure,
    ) {
        let Some(prev) = previous else { return };
        if prev.origin != Origin::Replayed || d.relative_to().is_some() {
            return;
        }
        let agree = prev.value.overlaps(&now.value);
        let mut recs = chain_ids(&prev.basis);
        recs.push(d.id().to_string());
        let msg = format!(
            "{}: replayed figure {} ({}), then {} observed on {} ({}) — {}",
            Key::of_deployment(d),
            prev.value,
            chain_text(&prev.basis),
            d.strength(),
            d.as_of(),
            d.id(),
            if agree {
                "consistent"
            } else {
                "changed since, or the sources conflict"
            }
        );
        self.push(
            Rule::Conservation,
            if agree {
                Severity::Note
            } else {
                Severity::Warning
            },
            recs,
            msg,
        );
    }

    pub(super) fn within_country(
        &mut self,
        d: &Deployment,
        key: &Key,
        state: &State,
        ledger: &Replay<'_>,
    ) {
        let Some(nation) = key.nation else { return };
        let country = d.location().to_country();
        let mut wholes = Vec::new();
        if d.mission().is_some() {
            wholes.push((
                Key {
                    nation: Some(nation),
                    places: vec![country.clone()],
                    mission: None,
                },
                "all missions",
            ));
        }
        if d.location().area().is_some() {
            wholes.push((
                Key {
                    nation: Some(nation),
                    places: vec![country.clone()],
                    mission: d.mission().cloned(),
                },
                "the whole country",
            ));
        }
        for (whole_key, what) in wholes {
            if &whole_key == key {
                continue;
            }
            let Some(whole) = ledger.id_of(&whole_key).and_then(|id| state.get(id)) else {
                continue;
            };
            // How much of the part fits, right after its report, given
            // every record: asked only where there is a whole to fit in
            // (the first such report asks for every report at once).
            let fits = self.fits(d);
            let (severity, verdict) = nested(d.strength().bounds(), &whole.value, fits);
            let mut recs = vec![d.id().to_string()];
            recs.extend(chain_ids(&whole.basis));
            // A temporary move may have been reversed without a record.
            let temporary: Vec<String> = whole
                .basis
                .iter()
                .filter_map(|id| self.relocation(id))
                .filter(|r| r.temporary() == Some(true))
                .map(|r| r.id().to_string())
                .collect();
            let caveat = if severity == Severity::Warning && !temporary.is_empty() {
                format!(
                    "; {} was temporary, so troops may have returned since",
                    temporary.join(", ")
                )
            } else {
                String::new()
            };
            let msg = format!(
                "{key}: {} on {} ({}) against {whole_key} ({what}) then: {} — {verdict}{caveat}",
                d.strength(),
                d.as_of(),
                d.id(),
                describe(whole)
            );
            self.push(Rule::WithinCountry, severity, recs, msg);
        }
    }

    /// A report's figure right after it, over every world that meets every
    /// record; `None` where none does. Every area and mission report is
    /// asked at once, on first use.
    fn fits(&self, d: &Deployment) -> Option<Interval> {
        let i = *self.deployments.get(d.id().as_str())?;
        let fits = self.fits.get_or_init(|| {
            let world = self.world(false);
            let asked: Vec<usize> = self
                .data
                .deployments()
                .iter()
                .enumerate()
                .filter(|(_, d)| d.mission().is_some() || d.location().area().is_some())
                .map(|(i, _)| i)
                .collect();
            let asks: Vec<(RecordRef, Vec<(Term, f64)>)> = asked
                .iter()
                .filter_map(|&i| {
                    let d = self.data.deployments().get(i)?;
                    let cells = world
                        .cells(&Key::of_deployment(d))?
                        .iter()
                        .map(|&c| (Term::Cell(c), 1.0))
                        .collect();
                    Some((RecordRef::Deployment(u32::try_from(i).ok()?), cells))
                })
                .collect();
            asks.iter()
                .zip(world.ranges_after(&asks))
                .filter_map(|((r, _), range)| match r {
                    RecordRef::Deployment(i) => Some((*i as usize, range.ok().map(interval))),
                    RecordRef::Relocation(_) => None,
                })
                .collect()
        });
        fits.get(&i).copied().flatten()
    }
}

/// Whether a reported figure lies within the figure that holds it: an
/// error where no world meets the records (the part cannot fit), a warning
/// where it fits only by cutting its stated upper bound, a note otherwise.
fn nested(own: Interval, whole: &Interval, fits: Option<Interval>) -> (Severity, String) {
    let Some(fits) = fits else {
        // No world: the part may not fit, or something else around it
        // fails; the deletion filter tells which.
        let verdict = match own.at_most(whole) {
            Truth::CertainlyNot => "contradiction",
            _ => "contradiction (with the records around it)",
        };
        return (Severity::Error, verdict.into());
    };
    let cut = matches!((own.high(), fits.high()), (Some(o), Some(f)) if f < o);
    if cut {
        (
            Severity::Warning,
            format!("may conflict: only {fits} of the stated {own} fit"),
        )
    } else if own.high().is_none() {
        (
            Severity::Note,
            format!("consistent (open-ended; so {fits})"),
        )
    } else {
        (Severity::Note, "consistent".into())
    }
}
