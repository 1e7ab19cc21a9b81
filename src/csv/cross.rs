//! What no single row can check: ids unique across files, references
//! that resolve, quotes that are verbatim in their sources.

use std::collections::{HashMap, HashSet};

use crate::csv::error::{Position, Problem, ProblemKind};
use crate::csv::read::Problems;
use crate::deployment::Deployment;
use crate::event::Event;
use crate::fasthash::FastMap;
use crate::id::{MissionId, RecordId, SourceId};
use crate::mission::{Mission, MissionStrength};
use crate::nation::{Nation, NationCode};
use crate::relocation::Relocation;
use crate::source::{Citation, Source};

/// The parsed rows of every table, each with its line.
pub(crate) struct Parsed<'a> {
    pub(crate) labels: [String; 7],
    pub(crate) sources: &'a [(u64, Source)],
    pub(crate) nations: &'a [(u64, Nation)],
    pub(crate) missions: &'a [(u64, Mission)],
    pub(crate) totals: &'a [(u64, MissionStrength)],
    pub(crate) deployments: &'a [(u64, Deployment)],
    pub(crate) relocations: &'a [(u64, Relocation)],
    pub(crate) events: &'a [(u64, Event)],
}

/// A row of one of the tables: which table (in load order) and its line.
/// Kept instead of a full [`Position`] so that a million rows do not carry
/// a million copies of the file name.
#[derive(Clone, Copy)]
struct RowAt {
    table: usize,
    line: u64,
}

impl Parsed<'_> {
    fn at(&self, row: RowAt, column: &str) -> Position {
        let label = self.labels.get(row.table).map_or("", String::as_str);
        Position::cell(label, row.line, column)
    }

    fn row_label(&self, row: RowAt) -> String {
        let label = self.labels.get(row.table).map_or("", String::as_str);
        Position::line(label, row.line).to_string()
    }
}

/// Checks citations against their sources.
struct Cites<'a> {
    sources: HashMap<&'a SourceId, &'a Source>,
    /// Quotes repeat across rows; each distinct (source, quote) pair is
    /// searched for once.
    searched: FastMap<(&'a SourceId, &'a str), bool>,
}

impl<'a> Cites<'a> {
    fn check(
        &mut self,
        p: &mut Problems,
        d: &Parsed<'_>,
        pos: RowAt,
        c: &'a Citation,
        prefix: &str,
    ) {
        match self.sources.get(c.source()) {
            None => p.push(Problem::new(
                d.at(pos, &format!("{prefix}source")),
                ProblemKind::UnknownReference {
                    kind: "source",
                    found: c.source().to_string(),
                },
            )),
            Some(s) => {
                if let Some(text) = s.text() {
                    let inside = *self
                        .searched
                        .entry((c.source(), c.quote()))
                        .or_insert_with(|| text.contains(c.quote()));
                    if !inside {
                        p.push(Problem::new(
                            d.at(pos, &format!("{prefix}quote")),
                            ProblemKind::QuoteNotInSource {
                                source_id: c.source().to_string(),
                                quote: c.quote().to_owned(),
                            },
                        ));
                    }
                }
            }
        }
        if let Some(w) = c.words() {
            if !c.quote().contains(w) {
                p.push(Problem::new(
                    d.at(pos, "words"),
                    ProblemKind::WordsNotInQuote {
                        words: w.to_owned(),
                    },
                ));
            }
        }
    }
}

/// Checks ids, references and quotes across all tables.
pub(crate) fn cross_check<'a>(p: &mut Problems, d: &Parsed<'a>) {
    /// Reports ids seen before; `seen` maps each id to its first row.
    fn unique<'k>(
        p: &mut Problems,
        d: &Parsed<'_>,
        seen: &mut FastMap<&'k str, RowAt>,
        column: &str,
        table: usize,
        items: impl Iterator<Item = (u64, &'k str)>,
    ) {
        for (line, id) in items {
            let here = RowAt { table, line };
            if let Some(first) = seen.get(id) {
                p.push(Problem::new(
                    d.at(here, column),
                    ProblemKind::DuplicateId {
                        id: id.to_owned(),
                        first: d.row_label(*first),
                    },
                ));
            } else {
                seen.insert(id, here);
            }
        }
    }
    let mut seen = FastMap::default();
    unique(
        p,
        d,
        &mut seen,
        "id",
        0,
        d.sources.iter().map(|(l, s)| (*l, s.id().as_str())),
    );
    let codes: Vec<(u64, String)> = d
        .nations
        .iter()
        .map(|(l, n)| (*l, n.code().to_string()))
        .collect();
    let mut seen = FastMap::default();
    unique(
        p,
        d,
        &mut seen,
        "code",
        1,
        codes.iter().map(|(l, c)| (*l, c.as_str())),
    );
    let mut seen = FastMap::default();
    unique(
        p,
        d,
        &mut seen,
        "id",
        2,
        d.missions.iter().map(|(l, m)| (*l, m.id().as_str())),
    );
    let mut records = FastMap::with_capacity_and_hasher(
        d.totals.len() + d.deployments.len() + d.relocations.len() + d.events.len(),
        Default::default(),
    );
    unique(
        p,
        d,
        &mut records,
        "id",
        3,
        d.totals.iter().map(|(l, x)| (*l, x.id().as_str())),
    );
    unique(
        p,
        d,
        &mut records,
        "id",
        4,
        d.deployments.iter().map(|(l, x)| (*l, x.id().as_str())),
    );
    unique(
        p,
        d,
        &mut records,
        "id",
        5,
        d.relocations.iter().map(|(l, x)| (*l, x.id().as_str())),
    );
    unique(
        p,
        d,
        &mut records,
        "id",
        6,
        d.events.iter().map(|(l, x)| (*l, x.id().as_str())),
    );

    let nations: HashSet<NationCode> = d.nations.iter().map(|(_, n)| n.code()).collect();
    let missions: HashSet<&MissionId> = d.missions.iter().map(|(_, m)| m.id()).collect();
    let sources: HashMap<&SourceId, &Source> = d.sources.iter().map(|(_, s)| (s.id(), s)).collect();
    let relocations: HashSet<&RecordId> = d.relocations.iter().map(|(_, r)| r.id()).collect();
    let events: HashSet<&RecordId> = d.events.iter().map(|(_, e)| e.id()).collect();

    let reference = |p: &mut Problems,
                     pos: RowAt,
                     column: &str,
                     kind: &'static str,
                     found: &dyn std::fmt::Display,
                     ok: bool| {
        if !ok {
            p.push(Problem::new(
                d.at(pos, column),
                ProblemKind::UnknownReference {
                    kind,
                    found: found.to_string(),
                },
            ));
        }
    };
    let nation = |n: NationCode| nations.contains(&n);
    let mut cites = Cites {
        sources,
        searched: FastMap::default(),
    };
    let mut cite = |p: &mut Problems, pos: RowAt, c: &'a Citation, prefix: &str| {
        cites.check(p, d, pos, c, prefix)
    };

    for (line, m) in d.missions {
        let pos = RowAt {
            table: 2,
            line: *line,
        };
        if let Some(lead) = m.lead() {
            reference(p, pos, "lead", "nation", &lead, nation(lead));
        }
        for partner in m.partners() {
            let ok = nation(*partner);
            reference(p, pos, "partners", "nation", &partner, ok);
        }
        reference(p, pos, "host", "nation", &m.host(), nation(m.host()));
        cite(p, pos, m.citation(), "");
        if let Some(c) = m.role_citation() {
            cite(p, pos, c, "role_");
        }
    }
    for (line, t) in d.totals {
        let pos = RowAt {
            table: 3,
            line: *line,
        };
        let ok = missions.contains(t.mission());
        reference(p, pos, "mission", "mission", &t.mission(), ok);
        cite(p, pos, t.citation(), "");
    }
    for (line, x) in d.deployments {
        let pos = RowAt {
            table: 4,
            line: *line,
        };
        reference(p, pos, "nation", "nation", &x.nation(), nation(x.nation()));
        let country = x.location().country();
        reference(p, pos, "location", "nation", &country, nation(country));
        if let Some(m) = x.mission() {
            reference(p, pos, "mission", "mission", &m, missions.contains(m));
        }
        if let Some(rel) = x.relative_to() {
            let r = rel.relocation();
            let ok = relocations.contains(r);
            reference(p, pos, "relative_to", "relocation", &r, ok);
        }
        cite(p, pos, x.citation(), "");
    }
    for (line, x) in d.relocations {
        let pos = RowAt {
            table: 5,
            line: *line,
        };
        if let Some(n) = x.nation() {
            reference(p, pos, "nation", "nation", &n, nation(n));
        }
        let from = x.from().country();
        reference(p, pos, "from", "nation", &from, nation(from));
        for to in x.to() {
            let c = to.country();
            reference(p, pos, "to", "nation", &c, nation(c));
        }
        for (column, m) in [
            ("from_mission", x.from_mission()),
            ("to_mission", x.to_mission()),
        ] {
            if let Some(m) = m {
                reference(p, pos, column, "mission", &m, missions.contains(m));
            }
        }
        if let Some(s) = x.same_as() {
            let ok = s != x.id() && relocations.contains(s);
            reference(p, pos, "same_as", "other relocation", &s, ok);
        }
        cite(p, pos, x.citation(), "");
    }
    for (line, x) in d.events {
        let pos = RowAt {
            table: 6,
            line: *line,
        };
        if let Some(n) = x.nation() {
            reference(p, pos, "nation", "nation", &n, nation(n));
        }
        if let Some(l) = x.location() {
            let c = l.country();
            reference(p, pos, "location", "nation", &c, nation(c));
        }
        if let Some(m) = x.mission() {
            reference(p, pos, "mission", "mission", &m, missions.contains(m));
        }
        if let Some(s) = x.same_as() {
            let ok = s != x.id() && events.contains(s);
            reference(p, pos, "same_as", "other event", &s, ok);
        }
        cite(p, pos, x.citation(), "");
    }
}
