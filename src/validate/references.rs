//! Same-day figures placed before or after a relocation agree with it.

use crate::deployment::RelativeTo;
use crate::ledger::Reports;
use crate::relocation::Relocation;
use crate::source::SourceKind;
use crate::validate::{ids, Checks};
use crate::validate::{Rule, Severity};

/// How many links of a long `same_as` loop a finding names at each end.
const LOOP_SHOWN: usize = 10;

impl<'a> Checks<'a> {
    pub(super) fn references(&mut self) {
        self.placed_figures();
        self.report_links();
        self.table_rows();
    }

    /// A figure citing a table row quotes exactly that line of the table:
    /// one lookup per record (the loader checks article quotes when it
    /// reads them; an import's citations are checked here).
    fn table_rows(&mut self) {
        let data = self.data;
        for d in data.deployments() {
            let c = d.citation();
            let Some(source) = data.source(c.source()) else {
                continue;
            };
            if source.kind() != SourceKind::Table || source.is_quoted_by(c) {
                continue;
            }
            let line = c
                .line()
                .map_or("no line".to_owned(), |n| format!("line {n}"));
            let msg = format!(
                "{}: cites {} {line}, which is not the quoted row {:?}",
                d.id(),
                c.source(),
                c.quote()
            );
            self.push(Rule::References, Severity::Error, ids([d.id()]), msg);
        }
    }

    /// A figure placed before or after a relocation has its nation, day and place.
    fn placed_figures(&mut self) {
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
                RelativeTo::Before(_) => inside_origin,
                RelativeTo::After(_) => inside_origin || inside_destination,
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
    }

    /// `same_as` links join reports of the same kind of thing, and lead
    /// back to a first report: a loop of them is an error (the move is
    /// counted once, for the loop's first row).
    fn report_links(&mut self) {
        let data = self.data;
        let same = Reports::of(data.relocations());
        for members in same.loops() {
            let rows: Vec<&Relocation> = members
                .iter()
                .filter_map(|&i| data.relocations().get(i))
                .collect();
            // A long loop is named by its first and last links: the
            // finding stays short however long the loop.
            let all: Vec<String> = rows.iter().map(|r| r.id().to_string()).collect();
            let (names, shown) = if all.len() > 2 * LOOP_SHOWN {
                let head = all.get(..LOOP_SHOWN).unwrap_or_default();
                let tail = all.get(all.len() - LOOP_SHOWN..).unwrap_or_default();
                let names: Vec<String> = head.iter().chain(tail).cloned().collect();
                let shown = format!(
                    "{} -> … {} more … -> {}",
                    head.join(" -> "),
                    all.len() - 2 * LOOP_SHOWN,
                    tail.join(" -> ")
                );
                (names, shown)
            } else {
                let shown = all.join(" -> ");
                (all, shown)
            };
            let counted = members
                .iter()
                .copied()
                .min()
                .and_then(|i| data.relocations().get(i))
                .map(|r| r.id().to_string())
                .unwrap_or_default();
            let msg = format!(
                "{shown} are each marked the same as the next, in a loop, so none is the first report; the move is counted once, as {counted}; point the others at one of them",
            );
            self.push(Rule::References, Severity::Error, names, msg);
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
}
