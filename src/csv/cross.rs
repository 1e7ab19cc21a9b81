//! What no single row can check: ids unique across files, references
//! that resolve, quotes that are verbatim in their sources.

use crate::csv::read::Problems;
use crate::csv::{Position, Problem, ProblemKind};
use crate::deployment::Deployment;
use crate::event::Event;
use crate::fasthash::{FastMap, FastSet};
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
    sources: FastMap<&'a SourceId, &'a Source>,
    /// Quotes repeat across rows; each distinct (source, quote) pair is
    /// searched for once.
    searched: FastMap<(&'a SourceId, &'a str), bool>,
    /// The answers of `searched` and of the words' check by where the
    /// texts are held: rows share their quotes' and ids' text (the
    /// loader's shared strings), so a million rows hash a few thousand
    /// long quotes, not a million.
    by_place: FastMap<Place, bool>,
    words_in: FastMap<Place, bool>,
}

/// Where two texts are held (start and length of each): equal places
/// hold equal texts, which is all a memo needs.
type Place = (usize, usize, usize, usize);

fn place(a: &str, b: &str) -> Place {
    (a.as_ptr() as usize, a.len(), b.as_ptr() as usize, b.len())
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
                    let searched = &mut self.searched;
                    let at = place(c.source().as_str(), c.quote());
                    let inside = *self.by_place.entry(at).or_insert_with(|| {
                        *searched
                            .entry((c.source(), c.quote()))
                            .or_insert_with(|| c.quote().is_empty() || text.contains(c.quote()))
                    });
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
            let at = place(c.quote(), w);
            if !*self
                .words_in
                .entry(at)
                .or_insert_with(|| c.quote().contains(w))
            {
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

/// Every citation of every record.
// Skipped by `cargo mutants`: it only feeds `searched`, the one pass over
// each article; a quote that pass did not answer is searched for by itself
// (`Cites::check`), with the same answer, so any change here changes only
// the time a load takes (BENCHMARKS.md, `quotes`: 2,000 quotes of one
// 16 MiB article took 77 s searched one by one, 0.20 s in one pass).
#[cfg_attr(test, mutants::skip)]
fn citations<'a>(d: &Parsed<'a>) -> impl Iterator<Item = &'a Citation> {
    let missions = d
        .missions
        .iter()
        .flat_map(|(_, m)| std::iter::once(m.citation()).chain(m.role_citation()));
    missions
        .chain(d.totals.iter().map(|(_, t)| t.citation()))
        .chain(d.deployments.iter().map(|(_, x)| x.citation()))
        .chain(d.relocations.iter().map(|(_, x)| x.citation()))
        .chain(d.events.iter().map(|(_, x)| x.citation()))
}

/// Whether each distinct quote is in its article, every article read
/// once for all its quotes (an Aho-Corasick automaton of them): checking
/// quote by quote would read a 16 MiB article once per quote.
fn searched<'a>(d: &Parsed<'a>) -> FastMap<(&'a SourceId, &'a str), bool> {
    let mut quotes: FastMap<&'a SourceId, Vec<&'a str>> = FastMap::default();
    let mut distinct: FastSet<(&'a SourceId, &'a str)> = FastSet::default();
    let mut places: FastSet<Place> = FastSet::default();
    for c in citations(d) {
        let new_place = places.insert(place(c.source().as_str(), c.quote()));
        if new_place && !c.quote().is_empty() && distinct.insert((c.source(), c.quote())) {
            quotes.entry(c.source()).or_default().push(c.quote());
        }
    }
    // Sources naming one article share its text: one pass over each
    // distinct text for the quotes of all of them.
    let mut by_text: FastMap<*const u8, (&'a str, Vec<&'a SourceId>)> = FastMap::default();
    for (_, source) in d.sources {
        if let (Some(text), true) = (source.text(), quotes.contains_key(source.id())) {
            by_text
                .entry(text.as_ptr())
                .or_insert((text, Vec::new()))
                .1
                .push(source.id());
        }
    }
    let mut found: FastMap<(&'a SourceId, &'a str), bool> = FastMap::default();
    for (text, ids) in by_text.into_values() {
        let mut list: Vec<&'a str> = ids
            .iter()
            .filter_map(|id| quotes.get(id))
            .flatten()
            .copied()
            .collect();
        list.sort_unstable();
        list.dedup();
        // A contiguous automaton: one per article, and most articles are
        // short with few quotes, where building a DFA costs more than the
        // search it speeds up (a sixth of the load of 400 synthetic ones).
        let automaton = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&list);
        let inside: Vec<bool> = match automaton {
            Ok(automaton) => {
                let mut seen = vec![false; list.len()];
                for m in automaton.find_overlapping_iter(text) {
                    if let Some(s) = seen.get_mut(m.pattern().as_usize()) {
                        *s = true;
                    }
                }
                seen
            }
            // Too many or too long to build: each found by itself.
            Err(_) => list.iter().map(|q| text.contains(q)).collect(),
        };
        let inside: FastMap<&str, bool> = list.into_iter().zip(inside).collect();
        for id in ids {
            for q in quotes.get(id).into_iter().flatten() {
                found.insert((id, q), inside.get(q).copied().unwrap_or(false));
            }
        }
    }
    found
}

/// Checks ids, references and quotes across all tables.
pub(crate) fn cross_check(p: &mut Problems, d: &Parsed<'_>) {
    unique_ids(p, d);
    let mut x = Cross {
        d,
        nations: d.nations.iter().map(|(_, n)| n.code()).collect(),
        missions: d.missions.iter().map(|(_, m)| m.id()).collect(),
        relocations: d.relocations.iter().map(|(_, r)| r.id()).collect(),
        events: d.events.iter().map(|(_, e)| e.id()).collect(),
        cites: Cites {
            sources: d.sources.iter().map(|(_, s)| (s.id(), s)).collect(),
            searched: searched(d),
            by_place: FastMap::default(),
            words_in: FastMap::default(),
        },
    };
    x.missions(p);
    x.totals(p);
    x.deployments(p);
    x.relocations(p);
    x.events(p);
}

/// Reports ids seen before; `seen` maps each id to its first row.
fn unique<'k>(
    p: &mut Problems,
    d: &Parsed<'_>,
    seen: &mut FastMap<&'k str, RowAt>,
    (table, column): (usize, &str),
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

/// Source ids, nation codes and mission ids are unique in their files;
/// record ids are unique across the four record files.
fn unique_ids(p: &mut Problems, d: &Parsed<'_>) {
    let sources = d.sources.iter().map(|(l, s)| (*l, s.id().as_str()));
    unique(p, d, &mut FastMap::default(), (0, "id"), sources);
    let codes: Vec<(u64, String)> = d
        .nations
        .iter()
        .map(|(l, n)| (*l, n.code().to_string()))
        .collect();
    let codes = codes.iter().map(|(l, c)| (*l, c.as_str()));
    unique(p, d, &mut FastMap::default(), (1, "code"), codes);
    let missions = d.missions.iter().map(|(l, m)| (*l, m.id().as_str()));
    unique(p, d, &mut FastMap::default(), (2, "id"), missions);
    let mut records = FastMap::with_capacity_and_hasher(
        d.totals.len() + d.deployments.len() + d.relocations.len() + d.events.len(),
        Default::default(),
    );
    let totals = d.totals.iter().map(|(l, x)| (*l, x.id().as_str()));
    unique(p, d, &mut records, (3, "id"), totals);
    let deployments = d.deployments.iter().map(|(l, x)| (*l, x.id().as_str()));
    unique(p, d, &mut records, (4, "id"), deployments);
    let relocations = d.relocations.iter().map(|(l, x)| (*l, x.id().as_str()));
    unique(p, d, &mut records, (5, "id"), relocations);
    let events = d.events.iter().map(|(l, x)| (*l, x.id().as_str()));
    unique(p, d, &mut records, (6, "id"), events);
}

/// What the records may refer to, and the quote checker.
struct Cross<'a, 'p> {
    d: &'p Parsed<'a>,
    nations: FastSet<NationCode>,
    missions: FastSet<&'a MissionId>,
    relocations: FastSet<&'a RecordId>,
    events: FastSet<&'a RecordId>,
    cites: Cites<'a>,
}

impl<'a> Cross<'a, '_> {
    /// Reports `found` in `column` unless `ok`.
    fn reference(
        &self,
        p: &mut Problems,
        at: (RowAt, &str),
        kind: &'static str,
        found: &dyn std::fmt::Display,
        ok: bool,
    ) {
        if !ok {
            p.push(Problem::new(
                self.d.at(at.0, at.1),
                ProblemKind::UnknownReference {
                    kind,
                    found: found.to_string(),
                },
            ));
        }
    }

    fn nation(&self, p: &mut Problems, at: (RowAt, &str), n: NationCode) {
        self.reference(p, at, "nation", &n, self.nations.contains(&n));
    }

    fn mission(&self, p: &mut Problems, at: (RowAt, &str), m: Option<&MissionId>) {
        if let Some(m) = m {
            self.reference(p, at, "mission", &m, self.missions.contains(m));
        }
    }

    /// A stated condition is the source's own words: inside the quote.
    fn condition(&self, p: &mut Problems, row: RowAt, condition: Option<&str>, c: &Citation) {
        if let Some(words) = condition.filter(|w| !c.quote().contains(w)) {
            p.push(Problem::new(
                self.d.at(row, "condition"),
                ProblemKind::WordsNotInQuote {
                    words: words.to_owned(),
                },
            ));
        }
    }

    fn cite(&mut self, p: &mut Problems, row: RowAt, c: &'a Citation, prefix: &str) {
        self.cites.check(p, self.d, row, c, prefix);
    }

    fn missions(&mut self, p: &mut Problems) {
        for (line, m) in self.d.missions {
            let row = RowAt {
                table: 2,
                line: *line,
            };
            if let Some(lead) = m.lead() {
                self.nation(p, (row, "lead"), lead);
            }
            for partner in m.partners() {
                self.nation(p, (row, "partners"), *partner);
            }
            self.nation(p, (row, "host"), m.host());
            self.cite(p, row, m.citation(), "");
            if let Some(c) = m.role_citation() {
                self.cite(p, row, c, "role_");
            }
        }
    }

    fn totals(&mut self, p: &mut Problems) {
        for (line, t) in self.d.totals {
            let row = RowAt {
                table: 3,
                line: *line,
            };
            self.mission(p, (row, "mission"), Some(t.mission()));
            self.cite(p, row, t.citation(), "");
        }
    }

    fn deployments(&mut self, p: &mut Problems) {
        for (line, x) in self.d.deployments {
            let row = RowAt {
                table: 4,
                line: *line,
            };
            self.nation(p, (row, "nation"), x.nation());
            self.nation(p, (row, "location"), x.location().country());
            self.mission(p, (row, "mission"), x.mission());
            if let Some(rel) = x.relative_to() {
                let r = rel.relocation();
                let ok = self.relocations.contains(r);
                self.reference(p, (row, "relative_to"), "relocation", &r, ok);
            }
            self.cite(p, row, x.citation(), "");
        }
    }

    fn relocations(&mut self, p: &mut Problems) {
        for (line, x) in self.d.relocations {
            let row = RowAt {
                table: 5,
                line: *line,
            };
            if let Some(n) = x.nation() {
                self.nation(p, (row, "nation"), n);
            }
            self.nation(p, (row, "from"), x.from().country());
            for to in x.to() {
                self.nation(p, (row, "to"), to.country());
            }
            self.mission(p, (row, "from_mission"), x.from_mission());
            self.mission(p, (row, "to_mission"), x.to_mission());
            if let Some(s) = x.same_as() {
                let ok = s != x.id() && self.relocations.contains(s);
                self.reference(p, (row, "same_as"), "other relocation", &s, ok);
            }
            self.condition(p, row, x.condition(), x.citation());
            self.cite(p, row, x.citation(), "");
        }
    }

    fn events(&mut self, p: &mut Problems) {
        for (line, x) in self.d.events {
            let row = RowAt {
                table: 6,
                line: *line,
            };
            if let Some(n) = x.nation() {
                self.nation(p, (row, "nation"), n);
            }
            if let Some(l) = x.location() {
                self.nation(p, (row, "location"), l.country());
            }
            self.mission(p, (row, "mission"), x.mission());
            if let Some(s) = x.same_as() {
                let ok = s != x.id() && self.events.contains(s);
                self.reference(p, (row, "same_as"), "other event", &s, ok);
            }
            self.condition(p, row, x.condition(), x.citation());
            if let Some(words) = x.region().filter(|w| !x.citation().quote().contains(w)) {
                p.push(Problem::new(
                    self.d.at(row, "region"),
                    ProblemKind::WordsNotInQuote {
                        words: words.to_owned(),
                    },
                ));
            }
            self.cite(p, row, x.citation(), "");
        }
    }
}
