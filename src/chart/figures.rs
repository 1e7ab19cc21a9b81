//! A subject's figures in one posture: the whole the chart is about (or
//! a mission's two wholes: its reported total and its contributions'
//! sum), and the parts it splits into (a nation by location, a host
//! country or the whole ledger by nation), each with the flags of the
//! figures behind it.

use crate::interval::Interval;
use crate::posture::{Entry, Flag, Posture};
use crate::timeline::Subject;

/// One figure of a chart on one day.
pub(super) struct Figure {
    pub bounds: Interval,
    pub flags: Vec<String>,
}

/// The subject's figures in a posture.
pub(super) struct Figures {
    /// One per whole series (see [`whole_labels`]); `None` where the
    /// posture has none (a nation not yet observed, a mission with no
    /// total).
    pub wholes: Vec<Option<Figure>>,
    /// The parts, by label.
    pub parts: Vec<(String, Figure)>,
}

/// The labels of the whole series of a subject.
pub(super) fn whole_labels(subject: &Subject) -> Vec<String> {
    match subject {
        Subject::Nation(code) => vec![format!("troops of {code}")],
        Subject::Location(code) => vec![format!("troops in {code}")],
        Subject::Mission(_) => vec![
            "reported total".to_owned(),
            "national contributions (sum)".to_owned(),
        ],
        _ => vec!["all troops recorded".to_owned()],
    }
}

/// What a part of the subject is: a location of a nation's troops, a
/// nation in a host country or in the whole ledger. A mission's chart
/// has no parts (its contributions' sum is a series of its own).
pub(super) fn part_word(subject: &Subject) -> Option<&'static str> {
    match subject {
        Subject::Nation(_) => Some("location"),
        Subject::Mission(_) => None,
        _ => Some("nation"),
    }
}

fn flags(entries: &[&Entry<'_>]) -> Vec<String> {
    let mut flags: Vec<Flag> = entries.iter().flat_map(|e| e.flags()).collect();
    flags.sort_unstable();
    flags.dedup();
    flags.iter().map(|f| f.as_str().to_owned()).collect()
}

/// The subject's figures in a posture: the wholes through the posture's
/// own views (each as tight as the evidence allows), the parts through
/// the views of the posture narrowed to the subject.
pub(super) fn figures(posture: &Posture<'_>, subject: &Subject) -> Figures {
    match subject {
        Subject::Nation(code) => {
            let whole = posture
                .by_nation()
                .into_iter()
                .find(|v| v.nation == Some(*code))
                .map(|v| Figure {
                    bounds: v.total,
                    flags: flags(&v.entries),
                });
            let own = posture.focus(Some(*code), None);
            let parts = own
                .by_location()
                .into_iter()
                .map(|v| {
                    let figure = Figure {
                        bounds: v.total,
                        flags: flags(&v.entries),
                    };
                    (format!("in {}", v.label), figure)
                })
                .collect();
            Figures {
                wholes: vec![whole],
                parts,
            }
        }
        Subject::Location(code) => {
            // Every figure that may be here, a joint destination's part
            // here (`Posture::total` of the narrowed posture).
            let there = posture.in_country(*code);
            let whole = (!there.entries().is_empty()).then(|| Figure {
                bounds: there.total(),
                flags: flags(&there.entries().iter().collect::<Vec<_>>()),
            });
            Figures {
                wholes: vec![whole],
                parts: by_nation(&there),
            }
        }
        Subject::Mission(id) => Figures {
            wholes: mission(posture, id),
            parts: Vec::new(),
        },
        _ => Figures {
            wholes: vec![Some(Figure {
                bounds: posture.total(),
                flags: flags(&posture.entries().iter().collect::<Vec<_>>()),
            })],
            parts: by_nation(posture),
        },
    }
}

fn by_nation(posture: &Posture<'_>) -> Vec<(String, Figure)> {
    posture
        .by_nation()
        .into_iter()
        .map(|v| {
            let label = v.nation.map_or("unnamed contributors".to_owned(), |n| {
                format!("troops of {n}")
            });
            let figure = Figure {
                bounds: v.total,
                flags: flags(&v.entries),
            };
            (label, figure)
        })
        .collect()
}

/// A mission's reported (or, projected, planned) total and the sum of its
/// contributions: the mission, or before its change of name the mission
/// it succeeded (MONUC's contributions on MONUSCO's chart).
fn mission(posture: &Posture<'_>, id: &crate::id::MissionId) -> Vec<Option<Figure>> {
    let lineage = posture.dataset().lineage(id);
    let views = posture.by_mission();
    let view = views
        .iter()
        .find(|v| v.mission == *id)
        .cloned()
        .or_else(|| {
            lineage.iter().skip(1).find_map(|m| {
                views
                    .iter()
                    .find(|v| v.mission == **m && !v.contributions.is_empty())
                    .cloned()
            })
        });
    let mission_flags = view
        .as_ref()
        .map(|v| flags(&v.contributions))
        .unwrap_or_default();
    let total = view.as_ref().and_then(|v| {
        v.planned
            .or_else(|| v.reported.map(|r| r.strength().bounds()))
    });
    let attributed = view
        .filter(|v| !v.contributions.is_empty())
        .map(|v| v.attributed);
    [total, attributed]
        .into_iter()
        .map(|bounds| {
            bounds.map(|bounds| Figure {
                bounds,
                flags: mission_flags.clone(),
            })
        })
        .collect()
}
