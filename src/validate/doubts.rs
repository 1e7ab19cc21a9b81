//! What the import learned from its tables, as findings: the systematic
//! errors and the figures they make suspect, series that disagree, zeros
//! read as not reported (see `import::doubts`). The figures carry the
//! same doubts into postures; these findings say them once each.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;

use crate::deployment::Deployment;
use crate::doubt::{Doubt, Pattern};
use crate::validate::{ids, Checks, Rule, Severity};

/// The longest gap, in days, between two disputed figures of one series
/// that are one run (one finding): two years.
const RUN_GAP_DAYS: i64 = 731;

impl Checks<'_> {
    /// One finding per learned pattern, per run of a disagreeing series
    /// and per run of zeros read as not reported.
    pub(super) fn doubts(&mut self) {
        let data = self.data;
        // Patterns by identity, in the order first met.
        let mut patterns: Vec<(Arc<Pattern>, Vec<&Deployment>)> = Vec::new();
        let mut series: BTreeMap<(String, String, u32), Vec<&Deployment>> = BTreeMap::new();
        let mut zeros: BTreeMap<(String, String), Vec<&Deployment>> = BTreeMap::new();
        for d in data.deployments() {
            for doubt in d.doubts() {
                match doubt {
                    Doubt::Systematic { pattern, .. } => {
                        match patterns.iter_mut().find(|(p, _)| Arc::ptr_eq(p, pattern)) {
                            Some((_, list)) => list.push(d),
                            None => patterns.push((Arc::clone(pattern), vec![d])),
                        }
                    }
                    Doubt::Interleaved { .. } => {
                        let figure = format!("{} in {}", d.nation(), d.location());
                        let source = d.citation().source().to_string();
                        let month = d.as_of().earliest().month();
                        series.entry((figure, source, month)).or_default().push(d);
                    }
                    Doubt::ZeroBetween { before, after } => {
                        zeros
                            .entry((before.to_string(), after.to_string()))
                            .or_default()
                            .push(d);
                    }
                }
            }
        }
        for (pattern, figures) in patterns {
            self.systematic(&pattern, &figures);
        }
        for ((figure, source, _), figures) in series {
            // One finding per run: figures of the series no more than two
            // years apart.
            for run in figures.chunk_by(|a, b| {
                (b.as_of().earliest() - a.as_of().earliest()).num_days() <= RUN_GAP_DAYS
            }) {
                self.disagreeing(&figure, &source, run);
            }
        }
        for ((before, after), figures) in zeros {
            let days: Vec<String> = figures.iter().map(|d| d.as_of().to_string()).collect();
            let msg = format!(
                "{} in {}: the 0 of {} on {} lies between substantial figures of the same source ({before} before, {after} after): read as not reported, so the last figure stands, marked, instead of a fall to 0 and back",
                figures.first().map_or(String::new(), |d| d.nation().to_string()),
                figures.first().map_or(String::new(), |d| d.location().to_string()),
                figures.first().map_or(String::new(), |d| d.citation().source().to_string()),
                days.join(", "),
            );
            let recs = ids(std::iter::once(before.as_str())
                .chain(figures.iter().map(|d| d.id().as_str()))
                .chain([after.as_str()]));
            self.push(Rule::UnreportedZero, Severity::Note, recs, msg);
        }
    }

    fn systematic(&mut self, pattern: &Pattern, figures: &[&Deployment]) {
        let widened = figures
            .iter()
            .filter(|d| {
                d.doubts()
                    .iter()
                    .any(|x| matches!(x, Doubt::Systematic { pattern: p, widened: true, .. } if std::ptr::eq(&**p, pattern)))
            })
            .count();
        let msg = format!(
            "{}{}: the ratio learned is {:.2} (up to {:.2}). {} of its figures have a {} figure of their date, which decides; {widened} have none and are read as their figure / {:.2} to their figure, suspect",
            pattern.to_string().get(..1).map_or(String::new(), str::to_uppercase),
            pattern.to_string().get(1..).unwrap_or_default(),
            pattern.ratio,
            pattern.largest,
            figures.len() - widened,
            pattern.other,
            pattern.largest,
        );
        self.push(
            Rule::Systematic,
            Severity::Warning,
            ids(figures.iter().map(|d| d.id())),
            msg,
        );
    }

    fn disagreeing(&mut self, figure: &str, source: &str, figures: &[&Deployment]) {
        let (Some(first), Some(last)) = (figures.first(), figures.last()) else {
            return;
        };
        let values: Vec<String> = figures.iter().map(|d| d.strength().to_string()).collect();
        let msg = format!(
            "{figure}: {} of {source} from {} to {} ({}) stand{} apart from the other months' figures around them, the same way year after year: two series of one figure that disagree beyond their uncertainty. Each is disputed by its neighbours; neither series is taken as the truth",
            match figures.len() {
                1 => "1 figure".to_owned(),
                n => format!("{n} figures"),
            },
            first.as_of(),
            last.as_of(),
            values.join(", "),
            if figures.len() == 1 { "s" } else { "" },
        );
        self.push(
            Rule::Interleaved,
            Severity::Warning,
            ids(figures.iter().map(|d| d.id())),
            msg,
        );
    }
}
