//! A posture's figures: one row each.

use crate::date::Day;
use crate::ledger::Key;
use crate::posture::{Entry, Posture};
use crate::rows::{joined, note::note, row};

row! {
    /// One figure of a posture: whose troops, where, under which mission,
    /// how many, on which records, and what the checks found about it.
    pub struct PostureRow {
        /// The day of the posture.
        pub as_of: Day,
        /// The figure's name, unique within the posture: `DEU in IRQ`,
        /// `IND in LBN under UNIFIL`. `part_of` names figures by it.
        pub figure: String,
        /// The nation's ISO 3166-1 alpha-3 code; empty for contributors
        /// no source names.
        pub nation: Option<String>,
        /// The nation's name (`contributors not named` when none is).
        pub nation_name: String,
        /// The mission's code; empty for troops under no mission named.
        pub mission: Option<String>,
        /// The host country's code, or `JOR+KWT` for a figure several
        /// places hold together (its split not known).
        pub location: String,
        /// The area inside the country (`Kurdistan region`), if any.
        pub area: Option<String>,
        /// The strength in the source's notation: `120`, `~500`, `>=1`,
        /// `200..300`, `n/r`.
        pub strength: String,
        /// What the row adds to the totals, at least (empty for a row
        /// `part_of` another, whose troops its parent counts): sum `low`
        /// and `high` for outer bounds, totals.csv for exact ones.
        pub low: Option<u64>,
        /// What the row adds to the totals, at most; empty when nothing
        /// bounds it (`high_unbounded`) or the row is `part_of` another.
        pub high: Option<u64>,
        /// Whether `high` is empty because nothing bounds it (a
        /// spreadsheet sums an empty cell as nothing); empty for a row
        /// `part_of` another.
        pub high_unbounded: Option<bool>,
        /// The kind of figure: `exact`, `approximate`, `range`,
        /// `at_least`, `at_most`, `part_of`, `unknown`, `not_reported`.
        pub kind: String,
        /// `present`, or `planned` (a projected posture's announced move).
        pub status: String,
        /// The records the figure rests on, joined by `;`.
        pub sources: String,
        /// The figure (by `figure`) that holds this one: an area's
        /// country, one mission's all-missions figure. Its troops are
        /// counted there, not again here.
        pub part_of: Option<String>,
        /// For a row `part_of` another: its troops, at least.
        pub part_low: Option<u64>,
        /// For a row `part_of` another: its troops, at most (empty when
        /// unbounded).
        pub part_high: Option<u64>,
        /// How the figure was reached: `observed`, `replayed` (an
        /// observation moved by relocations since), `competing`,
        /// `arrivals_only`, `unobserved`, `share`.
        pub origin: String,
        /// The day it was last observed.
        pub last_observed: Option<Day>,
        /// Whether its last observation is older than the posture allows.
        pub stale: bool,
        /// The day its source first said "not reported" after its last
        /// report, if it did.
        pub not_reported_since: Option<Day>,
        /// Whether the records around it cannot all be true.
        pub contradicted: bool,
        /// What the checks found, joined by `;`: `disputed`, `suspect`,
        /// `contradicted`, `stale`, `not_reported`, `ended`.
        pub flags: String,
        /// Same-day observations that disagree with it, joined by `;`.
        pub disputed_by: String,
        /// The first edition of its own tables that no longer listed it;
        /// such a figure is left out of the totals unless counted.
        pub ended: Option<Day>,
        /// For a suspect figure, what it probably is (the figure divided
        /// by its source's systematic factor).
        pub probably: Option<u64>,
        /// The flags in words, as the summary's Notes column shows them.
        pub note: String,
    }
}

/// The place columns: one country and its area, or several places'
/// label and no area.
pub(crate) fn place(key: &Key) -> (String, Option<String>) {
    match key.places.as_slice() {
        [one] => (one.country().to_string(), one.area().map(str::to_owned)),
        _ => (key.places_label(), None),
    }
}

/// The posture's figures, one row each, in the order of
/// [`Posture::entries`].
pub fn posture(posture: &Posture<'_>) -> Vec<PostureRow> {
    let data = posture.dataset();
    let entries = posture.entries();
    entries
        .iter()
        .map(|e| {
            let (location, area) = place(e.key());
            let nation_name = match e.nation() {
                Some(n) => data
                    .nation(n)
                    .map_or(String::new(), |x| x.name().to_owned()),
                None => "contributors not named".to_owned(),
            };
            let parent: Option<&Entry> = e.nested_in().and_then(|i| entries.get(i));
            let b = e.bounds();
            let top = parent.is_none();
            PostureRow {
                as_of: posture.day(),
                figure: e.key().to_string(),
                nation: e.nation().map(|n| n.to_string()),
                nation_name,
                mission: e.mission().map(ToString::to_string),
                location,
                area,
                strength: e.strength().to_string(),
                low: top.then_some(b.low()),
                high: if top { b.high() } else { None },
                high_unbounded: top.then_some(b.high().is_none()),
                kind: e.strength().kind().to_string(),
                status: e.status().to_string(),
                sources: joined(e.basis()),
                part_of: parent.map(|p| p.key().to_string()),
                part_low: (!top).then_some(b.low()),
                part_high: if top { None } else { b.high() },
                origin: e.origin().to_string(),
                last_observed: e.last_observed(),
                stale: e.is_stale(),
                not_reported_since: e.not_reported_since(),
                contradicted: e.is_contradicted(),
                flags: joined(e.flags()),
                disputed_by: joined(e.disputed_by()),
                ended: e.ended(),
                probably: e.probably().map(|(n, _)| n),
                note: note(e),
            }
        })
        .collect()
}
