//! How a troopdata row's figure is read: by its `source` cell and its
//! count.

use crate::strength::Strength;

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
        }
    }

    /// The reading from a row's `source` cell and its count (`None` when
    /// the count is NA), with the strength it gives.
    pub fn of(source: &str, count: Option<u32>) -> (Reading, Strength) {
        let source = source.trim();
        let unsourced = source == "NA" || source.is_empty();
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

    pub(super) fn note(self, source: &str) -> String {
        match self {
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

impl std::fmt::Display for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
