//! One row into one record. Each parser reads every cell before it gives
//! up, so a row with three bad cells reports three problems; the column
//! names come from the row's fields through `cell!`.

use std::sync::Arc;

use crate::csv::cell::{cell, Cells};
use crate::csv::schema::{
    DeploymentRow, EventRow, MissionRow, MissionStrengthRow, NationRow, RelocationRow, SourceRow,
};
use crate::csv::{FieldError, ProblemKind};
use crate::date::{parse_day, Date};
use crate::deployment::{Deployment, RelativeTo};
use crate::event::{Event, EventKind, EventUnit};
use crate::location::Location;
use crate::mission::{Mission, MissionSpec, MissionStrength};
use crate::nation::{Nation, NationCode};
use crate::relocation::{Posting, Relocation, RelocationStatus};
use crate::share::Share;
use crate::source::{Citation, Source};
use crate::strength::Strength;

/// Figures and moves are placed on the days they happened: an open-ended
/// date (`..2020-02-12`) is for events only.
fn closed(c: &mut Cells<'_>, column: &str, date: Option<Date>) -> Option<Date> {
    if let Some(d) = date.filter(Date::is_open) {
        let expected = "a date with both ends (an open date such as ..2020-02-12 is for events)";
        inconsistent(c, column, expected, &d.to_string());
        return None;
    }
    date
}

fn inconsistent(c: &mut Cells<'_>, column: &str, expected: &str, found: &str) {
    c.fail(
        column,
        ProblemKind::Inconsistent {
            expected: expected.into(),
            found: found.into(),
        },
    );
}

pub(crate) fn source(c: &mut Cells<'_>, r: &SourceRow<'_>) -> Option<Source> {
    let id = cell!(c.req(r.id));
    let file = cell!(c.opt_text(r.file));
    let title = cell!(c.text(r.title));
    let outlet = cell!(c.text(r.outlet));
    let published = cell!(c.req(r.published));
    let basis = cell!(c.text(r.date_basis));
    Some(Source::new(id?, file, title?, outlet?, published?, basis?))
}

pub(crate) fn nation(c: &mut Cells<'_>, r: &NationRow<'_>) -> Option<Nation> {
    let code = cell!(c.req(r.code));
    let name = cell!(c.text(r.name));
    let joined = c.opt_with("nato_joined", &r.nato_joined, parse_day);
    let reference = cell!(c.opt_text(r.reference));
    if matches!(joined, Some(Some(_))) && reference.is_none() {
        let expected = "an external reference for the accession date";
        inconsistent(c, "reference", expected, "an empty cell");
    }
    Some(Nation::new(code?, name?, joined?, reference))
}

fn nation_codes(text: &str) -> Result<Vec<NationCode>, FieldError> {
    text.split(';')
        .map(|part| part.trim().parse().map_err(FieldError::from))
        .collect()
}

fn locations(text: &str) -> Result<Vec<Location>, FieldError> {
    text.split(';')
        .map(|part| part.trim().parse().map_err(FieldError::from))
        .collect()
}

/// The `combat_role` cell with the `role_source` and `role_quote` that
/// support it: all three present or all three empty.
fn combat_role(c: &mut Cells<'_>, r: &MissionRow<'_>) -> Option<Option<(bool, Citation)>> {
    let role = cell!(c.yes_no(r.combat_role))?;
    let source = cell!(c.opt_source(r.role_source))?;
    let quote = cell!(c.opt_text(r.role_quote));
    match (role, source, quote) {
        (None, None, None) => Some(None),
        (Some(role), Some(source), Some(quote)) => {
            Some(Some((role, Citation::new(source, quote, None::<Arc<str>>))))
        }
        (role, source, _) => {
            let missing = if role.is_none() {
                "combat_role"
            } else if source.is_none() {
                "role_source"
            } else {
                "role_quote"
            };
            let expected = "combat_role, role_source and role_quote all filled or all empty";
            inconsistent(c, missing, expected, "an empty cell");
            None
        }
    }
}

pub(crate) fn mission(c: &mut Cells<'_>, r: &MissionRow<'_>) -> Option<Mission> {
    let id = cell!(c.req(r.id));
    let name = cell!(c.text(r.name));
    let organization = cell!(c.text(r.organization));
    let lead = cell!(c.opt(r.lead));
    let partners = c.opt_with("partners", &r.partners, nation_codes);
    let host = cell!(c.req(r.host));
    let launched = cell!(c.opt(r.launched));
    let role = combat_role(c, r);
    let citation = c.citation(&r.source, &r.quote, "", "");
    let spec = MissionSpec {
        id: id?,
        name: name?,
        organization: organization?,
        host: host?,
        citation: citation?,
    };
    Some(
        Mission::new(spec)
            .with_lead(lead?)
            .with_partners(partners?.unwrap_or_default())
            .with_launched(launched?)
            .with_combat_role(role?),
    )
}

pub(crate) fn mission_strength(
    c: &mut Cells<'_>,
    r: &MissionStrengthRow<'_>,
) -> Option<MissionStrength> {
    let id = cell!(c.req(r.id));
    let mission = cell!(c.mission(r.mission));
    let as_of = cell!(c.req(r.as_of));
    let as_of = closed(c, "as_of", as_of);
    let strength = cell!(c.req(r.strength));
    let citation = c.citation(&r.source, &r.quote, &r.words, &r.note);
    Some(MissionStrength::new(
        id?, mission?, as_of?, strength?, citation?,
    ))
}

pub(crate) fn deployment(c: &mut Cells<'_>, r: &DeploymentRow<'_>) -> Option<Deployment> {
    let id = cell!(c.req(r.id));
    let nation = cell!(c.req(r.nation));
    let location = cell!(c.location(r.location));
    let mission = cell!(c.opt_mission(r.mission));
    let as_of = cell!(c.req(r.as_of));
    let as_of = closed(c, "as_of", as_of);
    let relative: Option<Option<RelativeTo>> = cell!(c.opt(r.relative_to));
    let strength = cell!(c.req(r.strength));
    let share: Option<Option<Share>> = cell!(c.opt(r.share));
    let citation = c.citation(&r.source, &r.quote, &r.words, &r.note);
    if matches!(share, Some(Some(_))) && matches!(mission, Some(None)) {
        let expected = "a mission whose total the share is of";
        inconsistent(c, "share", expected, "a share with an empty mission cell");
    }
    Some(
        Deployment::new(id?, nation?, location?, as_of?, strength?, citation?)
            .with_mission(mission?)
            .with_relative_to(relative?)
            .with_share(share?),
    )
}

pub(crate) fn relocation(c: &mut Cells<'_>, r: &RelocationRow<'_>) -> Option<Relocation> {
    let id = cell!(c.req(r.id));
    let nation = cell!(c.opt(r.nation));
    let date = cell!(c.req(r.date));
    let date = closed(c, "date", date);
    let strength = cell!(c.req(r.strength));
    let from = cell!(c.location(r.from));
    let from_mission = cell!(c.opt_mission(r.from_mission));
    let to = c.opt_with("to", &r.to, locations);
    let to_mission = cell!(c.opt_mission(r.to_mission));
    let temporary = cell!(c.yes_no(r.temporary));
    let status: Option<RelocationStatus> = cell!(c.req(r.status));
    let same_as = cell!(c.opt(r.same_as));
    let condition = cell!(c.opt_text(r.condition));
    let citation = c.citation(&r.source, &r.quote, &r.words, &r.note);
    let from = Posting {
        locations: vec![from?],
        mission: from_mission?,
    };
    let to = Posting {
        locations: to?.unwrap_or_default(),
        mission: to_mission?,
    };
    match Relocation::new(id?, date?, strength?, from, to, status?, citation?) {
        Ok(reloc) => Some(
            reloc
                .with_nation(nation?)
                .with_temporary(temporary?)
                .with_same_as(same_as?)
                .with_condition(condition),
        ),
        Err(e) => {
            c.fail("to", ProblemKind::Relocation(e));
            None
        }
    }
}

pub(crate) fn event(c: &mut Cells<'_>, r: &EventRow<'_>) -> Option<Event> {
    let id = cell!(c.req(r.id));
    let date: Option<Date> = cell!(c.req(r.date));
    let reported: Option<Option<Date>> = cell!(c.opt(r.reported));
    let kind: Option<EventKind> = cell!(c.req(r.kind));
    let organization = cell!(c.opt_text(r.organization));
    let mission = cell!(c.opt_mission(r.mission));
    let nation = cell!(c.opt(r.nation));
    let location = cell!(c.opt_location(r.location));
    let region = cell!(c.opt_text(r.region));
    let count: Option<Option<Strength>> = cell!(c.opt(r.count));
    let unit: Option<Option<EventUnit>> = cell!(c.opt(r.unit));
    let same_as = cell!(c.opt(r.same_as));
    let condition = cell!(c.opt_text(r.condition));
    let citation = c.citation(&r.source, &r.quote, &r.words, &r.note);
    let count = match (count?, unit?) {
        (Some(n), Some(u)) => Some((n, u)),
        (None, None) => None,
        (Some(_), None) => {
            inconsistent(c, "unit", "a unit for the count", "an empty cell");
            return None;
        }
        (None, Some(_)) => {
            inconsistent(c, "count", "a count for the unit", "an empty cell");
            return None;
        }
    };
    Some(
        Event::new(id?, date?, kind?, citation?)
            .with_organization(organization)
            .with_mission(mission?)
            .with_nation(nation?)
            .with_location(location?)
            .with_count(count)
            .with_same_as(same_as?)
            .with_condition(condition)
            .with_reported(reported?)
            .with_region(region),
    )
}
