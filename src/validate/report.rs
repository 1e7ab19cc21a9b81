//! Findings of the consistency checks, and the report that holds them.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::severity::Severity;

/// The consistency rules. Each has a stable id used in reports and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rule {
    /// Links between records make sense: a figure placed before or after a
    /// relocation is of the same nation, day and place; `same_as` links
    /// join records of the same kind and nation.
    References,
    /// A relocation moves no more troops than the nation has at its origin.
    RelocationExceedsOrigin,
    /// The origin loses what the destinations gain, and later observations
    /// agree with the replayed figures.
    Conservation,
    /// National contributions add up to no more than the mission's reported
    /// total; the rest is an unattributed remainder.
    MissionTotal,
    /// A nation's contributions to an organisation's missions (or every
    /// nation's) add up to no more than the total a source states over
    /// them (the UN table's `all` rows); the rest is unattributed, and
    /// where the source lists every part itself, a remainder is the
    /// source disagreeing with itself.
    ContributionTotal,
    /// A nation's strength under one mission, or in one area, is at most its
    /// strength in the whole country.
    WithinCountry,
    /// A figure stated as a share agrees with the total it is a share of.
    Share,
    /// Nothing happens before its mission's launch; suspension comes before
    /// resumption.
    DateOrder,
    /// The lead nation contributes to its mission.
    LeadContributes,
    /// Contributors to a NATO mission are members or named partners then.
    Membership,
    /// Two observations of the same thing can both be true.
    CompetingClaims,
    /// A stated alliance size agrees with the accession table.
    AllianceSize,
    /// A statement that a move adds no troops ("not expected to involve
    /// the deployment of more troops") agrees with the moves into the
    /// mission: they come from inside its host country.
    ForceSize,
    /// A figure that jumps to at least [`SPIKE_RATIO`](crate::validate::SPIKE_RATIO)
    /// times the observations before and after it, which agree with each
    /// other: a doubling for one period and back is more often a table's
    /// error (troopdata's June rows) than troops that came and went.
    Spike,
    /// One source of an imported table is consistently k times another
    /// for one figure in one pattern of dates: its figures of the pattern
    /// are suspect, and where no other source gives their date, read as
    /// a range covering both readings.
    Systematic,
    /// Two series of one figure (a source's figures of one month of the
    /// year against the others') alternate beyond their uncertainty year
    /// after year: each figure is disputed by its neighbours.
    Interleaved,
    /// A run of zeros between substantial figures of one source's series,
    /// read as not reported.
    UnreportedZero,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: &'static [Rule] = &[
        Rule::References,
        Rule::RelocationExceedsOrigin,
        Rule::Conservation,
        Rule::MissionTotal,
        Rule::ContributionTotal,
        Rule::WithinCountry,
        Rule::Share,
        Rule::DateOrder,
        Rule::LeadContributes,
        Rule::Membership,
        Rule::CompetingClaims,
        Rule::AllianceSize,
        Rule::ForceSize,
        Rule::Spike,
        Rule::Systematic,
        Rule::Interleaved,
        Rule::UnreportedZero,
    ];

    /// The stable id: `conservation`, `mission-total`, ...
    pub fn id(&self) -> &'static str {
        match self {
            Rule::References => "references",
            Rule::RelocationExceedsOrigin => "relocation-exceeds-origin",
            Rule::Conservation => "conservation",
            Rule::MissionTotal => "mission-total",
            Rule::ContributionTotal => "contribution-total",
            Rule::WithinCountry => "within-country",
            Rule::Share => "share",
            Rule::DateOrder => "date-order",
            Rule::LeadContributes => "lead-contributes",
            Rule::Membership => "membership",
            Rule::CompetingClaims => "competing-claims",
            Rule::AllianceSize => "alliance-size",
            Rule::ForceSize => "force-size",
            Rule::Spike => "spike",
            Rule::Systematic => "systematic",
            Rule::Interleaved => "interleaved",
            Rule::UnreportedZero => "unreported-zero",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One result of a check: which rule, how bad, which records, and one plain
/// sentence with the arithmetic.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    rule: Rule,
    severity: Severity,
    records: Vec<String>,
    message: String,
    /// For an error: the fewest of its records that cannot all be true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contradiction: Option<Vec<String>>,
}

impl Finding {
    /// A finding.
    pub fn new(
        rule: Rule,
        severity: Severity,
        records: Vec<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            records,
            message: message.into(),
            contradiction: None,
        }
    }

    /// The same finding as a warning: its figures seemed not to fit, but
    /// some world meets every record (the model says so; the message says
    /// why it may still be worth a look).
    pub(crate) fn possible(mut self, why: &str) -> Finding {
        if self.severity == Severity::Error {
            self.severity = Severity::Warning;
            self.message = self.message.replace("— contradiction", "— may conflict");
            self.message.push_str(&format!("; {why}"));
        }
        self
    }

    /// The same finding naming these records too (the others of a part
    /// of the history that no world meets).
    pub(crate) fn naming(mut self, more: &[String]) -> Finding {
        for r in more {
            if !self.records.contains(r) {
                self.records.push(r.clone());
            }
        }
        self
    }

    /// The same finding naming the fewest of its records that cannot all
    /// be true, also said at the end of its message.
    pub(crate) fn with_contradiction(mut self, records: Vec<String>) -> Finding {
        self.message.push_str(&format!(
            "; these cannot all be true: {}",
            records.join(", ")
        ));
        self.contradiction = Some(records);
        self
    }

    /// The rule.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// How bad it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The ids of the records involved (records, missions or nations).
    pub fn records(&self) -> &[String] {
        &self.records
    }

    /// The sentence, with the arithmetic.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For an error, a minimal set of its records that cannot all be true:
    /// the records alone still give the error, and without any one of them
    /// it goes away. `None` for warnings and notes, and for an error that
    /// needs more of the dataset than its own records to arise.
    pub fn contradiction(&self) -> Option<&[String]> {
        self.contradiction.as_deref()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<7} [{}] {}", self.severity, self.rule, self.message)
    }
}

/// The findings of [`Dataset::validate`](crate::Dataset::validate), errors
/// first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    findings: Vec<Finding>,
}

impl Report {
    pub(crate) fn new(mut findings: Vec<Finding>) -> Report {
        // Stable: within a severity, findings keep rule order, then the
        // order the checks produced them.
        findings.sort_by_key(|f| (f.severity, f.rule));
        Report { findings }
    }

    /// The findings at least as severe as `least` (errors are the most
    /// severe), in the same order: `at_least(Severity::Warning)` leaves
    /// out the notes.
    pub fn at_least(&self, least: Severity) -> Report {
        Report {
            findings: self
                .findings
                .iter()
                .filter(|f| f.severity <= least)
                .cloned()
                .collect(),
        }
    }

    /// Every finding, errors first.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any figures cannot all be true.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// The findings of one rule.
    pub fn by_rule(&self, rule: Rule) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        write!(
            f,
            "{} errors, {} warnings, {} notes",
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Note)
        )
    }
}
