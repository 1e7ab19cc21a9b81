//! What an import learned about a figure from the rest of its table: why
//! it is read otherwise than its row prints it, or why another figure
//! disputes it. A doubt travels with its deployment
//! ([`Deployment::doubts`](crate::Deployment::doubts)) into every posture,
//! timeline line and chart point that rests on it.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::id::{RecordId, SourceId};

/// One source consistently k times another for one figure, in one
/// pattern of dates (a month of the year within a decade), learned from
/// the days both report.
///
/// troopdata's quarterly table gives US troops in South Korea in the
/// September rows of the 1960s as exactly twice the DMDC reports of the
/// same quarters: `ratio` 2.0 on 10 of 10 overlaps.
#[derive(Clone, Debug, Serialize)]
pub struct Pattern {
    /// The figure: `USA in KOR`, `DEU in IRQ under NMI`.
    pub figure: String,
    /// The source whose figures are `ratio` times the other's.
    pub source: SourceId,
    /// The source it was compared with.
    pub other: SourceId,
    /// The month of the year of the pattern's dates (1–12).
    pub month: u32,
    /// The first year of the pattern's decade (1960 for the 1960s).
    pub decade: i32,
    /// The first day of the earliest overlap. The pattern speaks for
    /// every figure of its month and decade, before and after its
    /// overlaps too: widening a figure keeps the truth in its bounds
    /// whichever reading is right, and not widening a doubled one would
    /// not (troopdata's Vietnam rows of 1966–1969 have no report with a
    /// country code to overlap, and are twice the reports' figures).
    pub first: chrono::NaiveDate,
    /// The first day of the latest overlap.
    pub last: chrono::NaiveDate,
    /// The typical ratio: the median of the agreeing overlaps.
    pub ratio: f64,
    /// The largest ratio among the agreeing overlaps: a suspect figure X
    /// is read as X / `largest` to X, so every agreeing reading is covered.
    pub largest: f64,
    /// Overlaps whose ratio agrees with `ratio` (within
    /// `import::RATIO_TOLERANCE`).
    pub agreeing: usize,
    /// Every overlap of the pattern.
    pub overlaps: usize,
}

impl Pattern {
    /// `September figures of the 1960s`.
    pub fn describe_dates(&self) -> String {
        format!("{} figures of the {}s", month_name(self.month), self.decade)
    }
}

/// `June` for 6; `?` for a number that is no month.
pub(crate) fn month_name(month: u32) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("?")
}

impl Pattern {
    /// The reading the overlaps favour for a figure printed as `stated`:
    /// `stated` divided by the pattern's ratio, rounded.
    pub fn probably(&self, stated: u64) -> u64 {
        (stated as f64 / self.ratio).round() as u64
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "for {}, in {} of {} dates where both exist ({} to {}), the {} in {} are {:.2}x those in {}",
            self.figure,
            self.agreeing,
            self.overlaps,
            self.first.format("%Y-%m"),
            self.last.format("%Y-%m"),
            self.describe_dates(),
            self.source,
            self.ratio,
            self.other
        )
    }
}

/// Why a figure is doubted.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Doubt {
    /// Its source's figures of its pattern are consistently `ratio` times
    /// another source's. The figure X is read as `X / largest ..= X`,
    /// covering both readings (`stated` keeps X); where the other source
    /// gives the same date, the two readings meet at its figure, which
    /// decides.
    Systematic {
        /// What was learned.
        pattern: Arc<Pattern>,
        /// The figure as printed.
        stated: u64,
        /// Whether the figure was read as a range (false only for a
        /// figure of 0, which no ratio changes).
        widened: bool,
    },
    /// Another series of the same figure (another source, or other months
    /// of its source) alternates with it beyond their uncertainty, over
    /// several years in a row: the series disagree, and these neighbouring
    /// figures of the other series are the other side.
    Interleaved {
        /// The neighbouring figures of the other series.
        by: Vec<RecordId>,
    },
    /// A 0 between substantial figures of its own source's series, read
    /// as not reported (a compilation's filler, not troops that left and
    /// came back).
    ZeroBetween {
        /// The figure before the zeros.
        before: RecordId,
        /// The figure after them.
        after: RecordId,
    },
}

impl fmt::Display for Doubt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Doubt::Systematic {
                pattern,
                stated,
                widened,
            } => {
                let probably = pattern.probably(*stated);
                if *widened {
                    write!(f, "printed {stated}, read as a range: probably {probably}, since {pattern}")
                } else {
                    write!(f, "printed {stated} (probably {probably}): {pattern}")
                }
            }
            Doubt::Interleaved { by } => {
                let by: Vec<String> = by.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "alternates with another series of the same figure, beyond their uncertainty, year after year ({})",
                    by.join(", ")
                )
            }
            Doubt::ZeroBetween { before, after } => write!(
                f,
                "a 0 between substantial figures of its own series ({before}, {after}): read as not reported"
            ),
        }
    }
}
