//! The consistency checks: figures that cannot all be true are errors,
//! figures that may conflict given their uncertainty are warnings, and
//! every check that passes leaves a note with its arithmetic.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::dataset::Dataset;
use crate::date::Date;
use crate::deployment::{Deployment, Relative};
use crate::event::{Event, EventKind};
use crate::id::MissionId;
use crate::interval::{Interval, Truth};
use crate::ledger::{Figure, Key, Ledger, Origin, State, Trace};
use crate::nation::NationCode;
use crate::relocation::Relocation;
use crate::report::{Finding, Report, Rule, Severity};
use crate::source::Citation;
use crate::strength::StrengthKind;

/// How long a mission's reported total is taken to describe the same force
/// when no relocation into or out of the mission is recorded in between.
pub const TOTAL_STABLE_DAYS: i64 = 60;

impl Dataset {
    /// Checks the dataset for figures that cannot all be true.
    ///
    /// Every [`Rule`] runs; each finding names its rule, severity, records
    /// and the arithmetic. The bundled dataset has no errors:
    ///
    /// ```
    /// use troop_tracker::{Dataset, Rule, Severity};
    /// let report = Dataset::bundled()?.validate();
    /// assert!(!report.has_errors());
    /// let germany = report
    ///     .by_rule(Rule::Conservation)
    ///     .find(|f| f.message().starts_with("DEU in IRQ"))
    ///     .expect("Germany's relocation is checked");
    /// assert!(germany.message().contains("120 before relocation R-DEU-2020-01-09, minus 30 moved = 90"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Report {
        let c = Checks {
            data: self,
            out: std::cell::RefCell::new(Vec::new()),
            relocations: self
                .relocations()
                .iter()
                .map(|r| (r.id().as_str(), r))
                .collect(),
            events: self.events().iter().map(|e| (e.id().as_str(), e)).collect(),
            by_mission: {
                let mut map: HashMap<&MissionId, Vec<&Deployment>> = HashMap::new();
                for d in self.deployments() {
                    if let Some(m) = d.mission() {
                        map.entry(m).or_default().push(d);
                    }
                }
                map
            },
        };
        c.references();
        c.replayed();
        c.mission_totals();
        c.shares();
        c.date_order();
        c.lead_contributes();
        c.membership();
        c.competing_claims();
        c.alliance_size();
        Report::new(c.out.into_inner())
    }
}

struct Checks<'a> {
    data: &'a Dataset,
    out: std::cell::RefCell<Vec<Finding>>,
    relocations: HashMap<&'a str, &'a Relocation>,
    events: HashMap<&'a str, &'a Event>,
    by_mission: HashMap<&'a MissionId, Vec<&'a Deployment>>,
}

fn ids<I: IntoIterator<Item = S>, S: ToString>(items: I) -> Vec<String> {
    items.into_iter().map(|s| s.to_string()).collect()
}

/// `source: "words"` or `source: "quote"` for messages that set two
/// sources' words side by side.
fn words(c: &Citation) -> String {
    format!("{} \"{}\"", c.source(), c.words().unwrap_or(c.quote()))
}

/// The severity of "`part` is at most `whole`": impossible is an error; a
/// possible excess is a warning only when `part` claims an upper bound
/// ("at least one" claims none, so it cannot contradict a total).
fn within(part: &Interval, whole: &Interval) -> (Severity, &'static str) {
    match part.at_most(whole) {
        Truth::Certainly => (Severity::Note, "consistent"),
        Truth::Possibly if part.high().is_none() => (Severity::Note, "consistent (open-ended)"),
        Truth::Possibly => (Severity::Warning, "may conflict"),
        Truth::CertainlyNot => (Severity::Error, "contradiction"),
    }
}

fn describe(f: &Figure) -> String {
    format!("{} ({})", f.strength(), ids(&f.basis).join(", "))
}

impl<'a> Checks<'a> {
    fn push(&self, rule: Rule, severity: Severity, records: Vec<String>, message: String) {
        self.out
            .borrow_mut()
            .push(Finding::new(rule, severity, records, message));
    }

    fn relocation(&self, id: &crate::id::RecordId) -> Option<&'a Relocation> {
        self.relocations.get(id.as_str()).copied()
    }

    fn deployments_of(&self, mission: &MissionId) -> &[&'a Deployment] {
        self.by_mission
            .get(mission)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    fn event(&self, id: &crate::id::RecordId) -> Option<&'a Event> {
        self.events.get(id.as_str()).copied()
    }

    fn references(&self) {
        let data = self.data;
        for d in data.deployments() {
            let Some(rel) = d.relative_to() else { continue };
            let Some(r) = self.relocation(rel.relocation()) else {
                continue;
            };
            let recs = ids([d.id(), r.id()]);
            if r.nation() != Some(d.nation()) {
                let msg = format!(
                    "{}: placed {} relocation {} of {}, a different nation",
                    d.id(),
                    rel,
                    r.id(),
                    r.nation()
                        .map_or("unnamed contributors".into(), |n| n.to_string())
                );
                self.push(Rule::References, Severity::Error, recs.clone(), msg);
            }
            if !d.as_of().covers(r.date().earliest()) && !r.date().covers(d.as_of().earliest()) {
                let msg = format!(
                    "{}: dated {} but placed {} relocation {} dated {}",
                    d.id(),
                    d.as_of(),
                    rel,
                    r.id(),
                    r.date()
                );
                self.push(Rule::References, Severity::Error, recs.clone(), msg);
            }
            let inside_origin = r.from().contains(d.location());
            let inside_destination = r.to().iter().any(|t| t.contains(d.location()));
            let ok = match rel {
                Relative::Before(_) => inside_origin,
                Relative::After(_) => inside_origin || inside_destination,
            };
            if !ok {
                let msg = format!(
                    "{}: in {} but placed {} relocation {} from {}",
                    d.id(),
                    d.location(),
                    rel,
                    r.id(),
                    r.from()
                );
                self.push(Rule::References, Severity::Error, recs, msg);
            }
        }
        for r in data.relocations() {
            let Some(target) = r.same_as().and_then(|t| self.relocation(t)) else {
                continue;
            };
            let recs = ids([r.id(), target.id()]);
            if target.same_as().is_some() {
                let msg = format!(
                    "{} is the same as {}, which is itself a report of another relocation; point both at the first",
                    r.id(),
                    target.id()
                );
                self.push(Rule::References, Severity::Warning, recs.clone(), msg);
            }
            if r.nation() != target.nation() || r.from() != target.from() || r.to() != target.to() {
                let msg = format!(
                    "{} is marked the same as {} but moves a different nation or between different places",
                    r.id(),
                    target.id()
                );
                self.push(Rule::References, Severity::Error, recs, msg);
            }
        }
        for e in data.events() {
            let Some(target) = e.same_as().and_then(|t| self.event(t)) else {
                continue;
            };
            if e.kind() != target.kind() {
                let msg = format!(
                    "{} ({}) is marked the same as {} ({}), an event of another kind",
                    e.id(),
                    e.kind(),
                    target.id(),
                    target.kind()
                );
                self.push(
                    Rule::References,
                    Severity::Error,
                    ids([e.id(), target.id()]),
                    msg,
                );
            }
        }
    }

    /// The rules that need the replayed ledger: relocations against their
    /// origin, conservation, and parts within wholes.
    fn replayed(&self) {
        let data = self.data;
        let end = NaiveDate::MAX;
        // Announced moves are checked against the origin as it would be.
        let projected = Ledger::new(data, true);
        let key = |l: &Ledger<'_>, id: usize| l.key(id).cloned().unwrap_or_default();
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

        let actual = Ledger::new(data, false);
        // Observations placed after a relocation, by relocation id.
        let mut after: HashMap<&str, Vec<&Deployment>> = HashMap::new();
        for d in data.deployments() {
            if let Some(Relative::After(r)) = d.relative_to() {
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
            } => {
                self.later_observation(deployment, previous.as_ref(), now);
                self.within_country(deployment, &key(&actual, id), now, &running, &actual);
                running.insert(id, now.clone());
            }
        });
    }

    fn exceeds_origin(
        &self,
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
        recs.extend(ids(&before.basis));
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
    fn conservation(
        &self,
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
        let mut recs = ids(&left.basis);
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
            recs.push(d.id().to_string());
            let observed = d.strength().bounds();
            let at_origin = r.from().contains(d.location()) && d.mission() == r.from_mission();
            let (whole, whole_label) = if at_origin {
                (left.value, r.from().to_string())
            } else {
                (arrived.value, destination.places_label())
            };
            let same_place = at_origin && d.location() == r.from()
                || !at_origin
                    && destination.places.len() == 1
                    && destination.places.first() == Some(d.location());
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
            self.push(Rule::Conservation, severity, recs.clone(), msg);
        }
    }

    /// A plain observation that replaces a figure derived by relocations
    /// must agree with it, unless the force changed in between.
    fn later_observation(&self, d: &Deployment, previous: Option<&Figure>, now: &Figure) {
        let Some(prev) = previous else { return };
        if prev.origin != Origin::Replayed || d.relative_to().is_some() {
            return;
        }
        let agree = prev.value.overlaps(&now.value);
        let mut recs = ids(&prev.basis);
        recs.push(d.id().to_string());
        let msg = format!(
            "{}: replayed figure {} ({}), then {} observed on {} ({}) — {}",
            Key::of_deployment(d),
            prev.value,
            ids(&prev.basis).join(", "),
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

    fn within_country(
        &self,
        d: &Deployment,
        key: &Key,
        now: &Figure,
        state: &State,
        ledger: &Ledger<'_>,
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
            let (severity, verdict) = within(&now.value, &whole.value);
            let mut recs = vec![d.id().to_string()];
            recs.extend(ids(&whole.basis));
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

    fn mission_totals(&self) {
        let data = self.data;
        let ledger = Ledger::new(data, false);
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
            let sum = Interval::sum(parts.iter().map(|(_, f)| &f.value));
            let total = t.strength().bounds();
            let (severity, verdict) = within(&sum, &total);
            // A mission with hundreds of contributors gets the first dozen
            // named (with their records) and a count of the rest.
            const LISTED: usize = 12;
            let mut recs = vec![t.id().to_string()];
            for (_, f) in parts.iter().take(LISTED) {
                recs.extend(ids(&f.basis));
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
            found.insert(
                (mi, ti),
                Finding::new(Rule::MissionTotal, severity, recs, msg),
            );
        }
        self.out.borrow_mut().extend(found.into_values());
    }

    fn shares(&self) {
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

    fn date_order(&self) {
        let data = self.data;
        for m in data.missions() {
            let Some(launch) = m.launched() else { continue };
            let mut dated: Vec<(&str, Date)> = Vec::new();
            dated.extend(m.totals().iter().map(|t| (t.id().as_str(), t.as_of())));
            dated.extend(
                self.deployments_of(m.id())
                    .iter()
                    .map(|d| (d.id().as_str(), d.as_of())),
            );
            dated.extend(
                data.relocations()
                    .iter()
                    .filter(|r| r.from_mission() == Some(m.id()) || r.to_mission() == Some(m.id()))
                    .map(|r| (r.id().as_str(), r.date())),
            );
            dated.extend(
                data.events()
                    .iter()
                    .filter(|e| e.mission() == Some(m.id()) && e.kind() != EventKind::Launched)
                    .map(|e| (e.id().as_str(), e.date())),
            );
            let early: Vec<&(&str, Date)> = dated
                .iter()
                .filter(|(_, d)| d.certainly_before(&launch))
                .collect();
            for (id, d) in &early {
                let msg = format!("{id}: dated {d}, before {} was launched ({launch})", m.id());
                self.push(
                    Rule::DateOrder,
                    Severity::Error,
                    vec![(*id).to_owned(), m.id().to_string()],
                    msg,
                );
            }
            if early.is_empty() && !dated.is_empty() {
                let msg = format!(
                    "{}: launched {launch}; all {} records about it are dated on or after that",
                    m.id(),
                    dated.len()
                );
                self.push(
                    Rule::DateOrder,
                    Severity::Note,
                    vec![m.id().to_string()],
                    msg,
                );
            }
            for e in data
                .events()
                .iter()
                .filter(|e| e.mission() == Some(m.id()) && e.kind() == EventKind::Launched)
            {
                let agree = e.date().earliest() <= launch.latest()
                    && launch.earliest() <= e.date().latest();
                let msg = format!(
                    "{}: launched {} per {}, and {launch} per missions.csv — {}",
                    m.id(),
                    e.date(),
                    e.id(),
                    if agree { "consistent" } else { "contradiction" }
                );
                let severity = if agree {
                    Severity::Note
                } else {
                    Severity::Error
                };
                self.push(
                    Rule::DateOrder,
                    severity,
                    vec![e.id().to_string(), m.id().to_string()],
                    msg,
                );
            }
        }
        for m in data.missions() {
            let of = |kinds: &[EventKind]| -> Vec<&Event> {
                data.events()
                    .iter()
                    .filter(|e| e.mission() == Some(m.id()) && kinds.contains(&e.kind()))
                    .collect()
            };
            let suspensions = of(&[EventKind::TrainingSuspended, EventKind::OperationsSuspended]);
            for resume in of(&[EventKind::ResumptionApproved]) {
                let first = suspensions.iter().min_by_key(|s| s.date().earliest());
                let msg;
                let severity;
                let mut recs = vec![resume.id().to_string()];
                match first {
                    None => {
                        severity = Severity::Warning;
                        msg = format!(
                            "{}: resumption approved {} ({}) but no suspension is recorded",
                            m.id(),
                            resume.date(),
                            resume.id()
                        );
                    }
                    Some(s) => {
                        recs.push(s.id().to_string());
                        let ok = s.date().may_be_on_or_before(&resume.date());
                        severity = if ok { Severity::Note } else { Severity::Error };
                        msg = format!(
                            "{}: suspended by {} ({}), resumption approved {} ({}) — {}",
                            m.id(),
                            s.date(),
                            s.id(),
                            resume.date(),
                            resume.id(),
                            if ok {
                                "in order"
                            } else {
                                "resumption before any suspension"
                            }
                        );
                    }
                }
                self.push(Rule::DateOrder, severity, recs, msg);
            }
        }
    }

    fn lead_contributes(&self) {
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

    fn membership(&self) {
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

    fn competing_claims(&self) {
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
        for e in data.events() {
            let Some(t) = e.same_as().and_then(|t| self.event(t)) else {
                continue;
            };
            self.competing_events(t, e);
        }
        // Two observations of one key on one day.
        type Observation<'d> = (
            NationCode,
            &'d crate::location::Location,
            Option<&'d MissionId>,
            NaiveDate,
        );
        let mut by_key: crate::fasthash::FastMap<Observation<'_>, Vec<&Deployment>> =
            Default::default();
        for d in data.deployments() {
            if d.as_of().earliest() == d.as_of().latest() {
                by_key
                    .entry((d.nation(), d.location(), d.mission(), d.as_of().earliest()))
                    .or_default()
                    .push(d);
            }
        }
        let mut groups: Vec<_> = by_key.into_iter().filter(|(_, ds)| ds.len() > 1).collect();
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        for ((nation, location, mission, day), ds) in groups {
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
                let msg = format!(
                    "{key} on {day}: {} ({}) and {} ({}) {}",
                    words(a.citation()),
                    a.id(),
                    words(b.citation()),
                    b.id(),
                    if agree {
                        "agree"
                    } else {
                        "cannot both be true"
                    }
                );
                let severity = if agree {
                    Severity::Note
                } else {
                    Severity::Error
                };
                self.push(Rule::CompetingClaims, severity, ids([a.id(), b.id()]), msg);
            }
        }
        for m in data.missions() {
            let mut totals: Vec<_> = m.totals().iter().collect();
            totals.sort_by_key(|t| t.as_of().earliest());
            for pair in totals.windows(2) {
                let [a, b] = pair else { continue };
                let gap = (b.as_of().earliest() - a.as_of().latest()).num_days();
                let moved_between = data.relocations().iter().any(|r| {
                    r.status().has_moved()
                        && (r.from_mission() == Some(m.id()) || r.to_mission() == Some(m.id()))
                        && r.date().earliest() >= a.as_of().earliest()
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

    fn competing_events(&self, first: &Event, second: &Event) {
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

    fn alliance_size(&self) {
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
}

/// `30`, or `some<500 (1..499)` where the notation hides the interval.
fn stated_and_bounds(stated: crate::strength::Strength, bounds: Interval) -> String {
    if stated.to_string() == bounds.to_string() {
        bounds.to_string()
    } else {
        format!("{stated} ({bounds})")
    }
}

/// "Some of its 500" states the total at the origin as well as the count
/// moved.
fn stated_total(r: &Relocation) -> Option<u64> {
    let s = r.strength();
    if s.kind() != StrengthKind::Some {
        return None;
    }
    s.bounds().high().map(|h| h + 1)
}

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
