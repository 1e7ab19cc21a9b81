//! How a troopdata row's figure is read: by its `source` cell and its
//! count.

use super::row::{read_row, Columns};
use crate::csv::read::{read_rows, Problems};
use crate::date::Day;
use crate::nation::NationCode;
use crate::strength::Strength;
use std::collections::HashMap;

/// How a row's figure was read, from its `source` and count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reading {
    /// A count from a named DMDC report: exact.
    Reported,
    /// `source` NA with a 0 (or no count): no report was published for the
    /// quarter, and the 0 is not a count.
    NotReported,
    /// `source` NA with a count: an estimate inserted from an outside
    /// source the table does not name (Iraq's 5,200), read as "about N".
    Estimate,
    /// The package's stepwise imputation: a modelled figure, "about N".
    Imputed,
    /// From Tim Kane's 2006 compilation of earlier DMDC reports: exact.
    Kane,
    /// A report's row whose own label says it has no figure ("Afghanistan
    /// (not available)", "Iraq (See Deployment Section)"): its 0 means the
    /// report did not cover the place, and is read as not reported.
    NotCovered,
}

/// Words in a row's label that say the row holds no figure of its own.
const NO_FIGURE: [&str; 2] = ["(not available)", "(see deployment section)"];

/// Whether a row's label says it holds no figure.
fn says_no_figure(label: &str) -> bool {
    let label = label.to_lowercase();
    NO_FIGURE.iter().any(|w| label.contains(w))
}

impl Reading {
    /// `reported`, `not_reported`, `estimate`, `imputed` or `kane`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::Reported => "reported",
            Reading::NotReported => "not_reported",
            Reading::Estimate => "estimate",
            Reading::Imputed => "imputed",
            Reading::Kane => "kane",
            Reading::NotCovered => "not_covered",
        }
    }

    /// The reading from a row's `source` cell, its count (`None` when
    /// the count is NA) and its own label (the reports' `Location`, or
    /// empty), with the strength it gives.
    pub fn of(source: &str, count: Option<u32>, label: &str) -> (Reading, Strength) {
        let source = source.trim();
        let unsourced = source == "NA" || source.is_empty();
        if says_no_figure(label) && count.is_none_or(|n| n == 0) {
            return (Reading::NotCovered, Strength::not_reported());
        }
        match count {
            None => (Reading::NotReported, Strength::not_reported()),
            Some(0) if unsourced => (Reading::NotReported, Strength::not_reported()),
            Some(n) if unsourced => (Reading::Estimate, Strength::approximately(n.into())),
            Some(n) if source.contains("Imputation") => {
                (Reading::Imputed, Strength::approximately(n.into()))
            }
            Some(n) if source.contains("Kane") => (Reading::Kane, Strength::exact(n.into())),
            Some(n) => (Reading::Reported, Strength::exact(n.into())),
        }
    }

    pub(super) fn note(self, source: &str, label: &str) -> String {
        match self {
            Reading::NotCovered => format!(
                "DMDC report {source} labels the row \"{label}\": no figure, its 0 read as not reported"
            ),
            Reading::Reported => format!("DMDC report {source}"),
            Reading::NotReported => format!(
                "no DMDC report for the quarter (source {source}): the table's 0 is read as not reported"
            ),
            Reading::Estimate => {
                "an estimate inserted without a named source (source NA): read as about N".to_owned()
            }
            Reading::Imputed => "imputed by troopdata (Stepwise Imputation): read as about N".to_owned(),
            Reading::Kane => format!("from {source}, a compilation of earlier DMDC reports"),
        }
    }
}

/// The reports' rows whose own label says they hold no figure, by
/// country and month. Rows it cannot read are left to the import proper,
/// which names them.
pub(super) fn uncovered(text: &str) -> HashMap<(NationCode, Day), String> {
    let mut out = HashMap::default();
    // Through the one reading path; its problems are the main reading's
    // to report (this pass only looks for labels).
    let columns: std::cell::OnceCell<Option<Columns>> = std::cell::OnceCell::new();
    read_rows(
        Box::new(text.as_bytes()),
        "",
        &mut Problems::new(),
        |header, _| {
            columns
                .get_or_init(|| Columns::of(header, "").ok())
                .is_some()
        },
        |_, _, record, _| {
            let Some(Some(columns)) = columns.get() else {
                return;
            };
            if let Ok(row) = read_row(record, columns) {
                if says_no_figure(row.label) {
                    out.insert((row.code, row.date.earliest()), row.label.to_owned());
                }
            }
        },
    );
    out
}

impl std::fmt::Display for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
