//! Things happen in order: launches, reports and moves.

use crate::date::Date;
use crate::event::{Event, EventKind};
use crate::id::RecordId;
use crate::source::Citation;
use crate::validate::Checks;
use crate::validate::{Rule, Severity};

impl<'a> Checks<'a> {
    pub(super) fn date_order(&mut self) {
        self.after_launch();
        self.resumed_after_suspension();
        self.approved_after_pending();
        self.seen_before_reported();
    }

    /// What a source saw cannot postdate the article that reports it: an
    /// observation, a reported total, a relocation under way or carried
    /// out, or an event other than a plan or an announced meeting, dated after its article's
    /// publication is an error. Announced moves and planned events may lie
    /// ahead.
    fn seen_before_reported(&mut self) {
        let data = self.data;
        let mut dated: Vec<(&RecordId, Date, &Citation)> = Vec::new();
        dated.extend(
            data.deployments()
                .iter()
                .map(|d| (d.id(), d.as_of(), d.citation())),
        );
        dated.extend(
            data.mission_strengths()
                .map(|t| (t.id(), t.as_of(), t.citation())),
        );
        dated.extend(
            data.relocations()
                .iter()
                .filter(|r| r.status().has_moved())
                .map(|r| (r.id(), r.date(), r.citation())),
        );
        dated.extend(
            data.events()
                .iter()
                .filter(|e| !e.kind().may_lie_ahead())
                .map(|e| (e.id(), e.date(), e.citation())),
        );
        let checked = dated.len();
        let mut late = false;
        for (id, date, citation) in dated {
            let Some(source) = data.source(citation.source()) else {
                continue;
            };
            let published = source.published();
            if published.certainly_before(&date) {
                late = true;
                let msg = format!(
                    "{id}: dated {date}, after {} reporting it was published ({published}); what a source saw cannot postdate its report",
                    source.id()
                );
                let recs = vec![id.to_string(), source.id().to_string()];
                self.push(Rule::DateOrder, Severity::Error, recs, msg);
            }
        }
        if !late && checked > 0 {
            let msg = format!(
                "all {checked} observations, totals, moves made and events are dated on or before the articles that report them"
            );
            self.push(Rule::DateOrder, Severity::Note, Vec::new(), msg);
        }
    }

    /// Nothing about a mission is dated before its launch, and launch dates agree.
    fn after_launch(&mut self) {
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
    }

    /// A decision said to await a government's approval is not approved
    /// by that government certainly before: the approval follows the wait
    /// (the same day may hold both, in either order).
    fn approved_after_pending(&mut self) {
        let data = self.data;
        let approvals = [
            EventKind::HostConsent,
            EventKind::ResumptionApproved,
            EventKind::TransferApproved,
        ];
        for pending in data
            .events()
            .iter()
            .filter(|e| e.kind() == EventKind::ApprovalPending)
        {
            let Some(m) = pending.mission() else { continue };
            let approved = data.events().iter().filter(|e| {
                e.mission() == Some(m)
                    && approvals.contains(&e.kind())
                    && e.nation().is_some()
                    && e.nation() == pending.nation()
            });
            for a in approved {
                let early = a.date().certainly_before(&pending.date());
                let (severity, verdict) = if early {
                    (
                        Severity::Warning,
                        "approved before it was said to await approval — may conflict",
                    )
                } else {
                    (Severity::Note, "in order")
                };
                let msg = format!(
                    "{m}: awaiting approval {} ({}), approved {} ({}) — {verdict}",
                    pending.date(),
                    pending.id(),
                    a.date(),
                    a.id()
                );
                let recs = vec![pending.id().to_string(), a.id().to_string()];
                self.push(Rule::DateOrder, severity, recs, msg);
            }
        }
    }

    /// A resumption follows a suspension.
    fn resumed_after_suspension(&mut self) {
        let data = self.data;
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
}
