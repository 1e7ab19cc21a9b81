//! A whole a source states over many figures: one nation's troops across
//! the missions of an organisation, or every nation's.

use serde::Serialize;

use crate::date::Date;
use crate::id::RecordId;
use crate::nation::NationCode;
use crate::source::Citation;
use crate::strength::Strength;

/// A stated sum of contributions on a date: one nation's troops across
/// every mission of an organisation (the UN table's `all` row of a
/// country), or every contributor's (its grand total).
///
/// A total is not a figure of its own: it holds the figures of its
/// contributions to those missions, so it is never added beside them.
/// Validation checks the contributions against it (they add up to no
/// more; what is left is unattributed), and a posture reports it beside
/// their sum ([`Posture::stated_totals`](crate::Posture::stated_totals)).
///
/// ```
/// use troop_tracker::{Citation, Date, Strength, Total};
///
/// let total = Total::new(
///     "IPI-IND-all-2012-06-30".parse()?,
///     Some("IND".parse()?),
///     "United Nations",
///     Date::day("2012-06-30".parse()?),
///     Strength::exact(7018),
///     Citation::new("ipi-peacekeeping".parse()?, "2012-06-30,India,IND,all,…", Some("7018")),
/// )
/// .listing_every_part();
/// assert_eq!(total.nation().map(|n| n.to_string()).as_deref(), Some("IND"));
/// assert!(total.lists_every_part());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Serialize)]
pub struct Total {
    id: RecordId,
    nation: Option<NationCode>,
    organization: String,
    as_of: Date,
    strength: Strength,
    citation: Citation,
    complete: bool,
}

impl Total {
    /// A total of `nation`'s troops (every nation's, for `None`) across
    /// the missions run by `organization` (a mission's
    /// [`organization`](crate::Mission::organization), word for word).
    pub fn new(
        id: RecordId,
        nation: Option<NationCode>,
        organization: impl Into<String>,
        as_of: Date,
        strength: Strength,
        citation: Citation,
    ) -> Total {
        Total {
            id,
            nation,
            organization: organization.into(),
            as_of,
            strength,
            citation,
            complete: false,
        }
    }

    /// The same total from a source that lists every part of it as well
    /// (the UN's table lists every contribution beside its totals): a
    /// remainder the parts leave is then the source disagreeing with
    /// itself, a warning, not a contribution no one recorded.
    pub fn listing_every_part(mut self) -> Total {
        self.complete = true;
        self
    }

    /// Whether `other` records the same thing, field by field, with the
    /// strength and date compared by notation.
    pub fn same_record(&self, other: &Total) -> bool {
        self.id == other.id
            && self.nation == other.nation
            && self.organization == other.organization
            && self.as_of.same_notation(&other.as_of)
            && self.strength.same_notation(&other.strength)
            && self.citation == other.citation
            && self.complete == other.complete
    }

    /// The record's id.
    pub fn id(&self) -> &RecordId {
        &self.id
    }

    /// The nation whose contributions it adds up, or `None` for every
    /// contributor.
    pub fn nation(&self) -> Option<NationCode> {
        self.nation
    }

    /// The organisation whose missions it covers.
    pub fn organization(&self) -> &str {
        &self.organization
    }

    /// When.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The whole as stated.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// Where it is stated.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }

    /// Whether its source lists every part too ([`Total::listing_every_part`]).
    pub fn lists_every_part(&self) -> bool {
        self.complete
    }
}
