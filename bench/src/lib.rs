//! A deterministic synthetic ledger for benchmarks and load tests: any
//! number of deployments in the project's own schema, valid by
//! construction, so that timing measures the real path and not an error
//! path.
//!
//! The shape follows real ledgers: about 60 contributing nations, 40
//! missions in 20 host countries of 5 areas each (100 locations), dates
//! from 1990 to 2025, every kind of strength, relocations (one per ten
//! deployments) that never move more than is there, reported mission
//! totals, events, and a few hundred source articles whose quotes (tens of
//! bytes, some with commas and double quotes) the records cite verbatim.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};

/// A file of the synthetic dataset that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct WriteError {
    /// The file or folder.
    pub path: PathBuf,
    /// Why.
    pub source: io::Error,
}

/// What [`write_dataset`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Each file and its data rows (articles count one).
    pub files: Vec<(PathBuf, usize)>,
    /// Total bytes written.
    pub bytes: u64,
}

/// SplitMix64: small, fast and the same on every platform, so a seed always
/// gives the same dataset.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const NATIONS: usize = 60;
const HOSTS: usize = 20;
const AREAS: usize = 5;
const MISSIONS: usize = 40;
const SOURCES: usize = 400;
const QUOTES_PER_SOURCE: usize = 40;
const FIRST_DAY: (i32, u32, u32) = (1990, 1, 1);
const DAYS: u64 = 36 * 365;

fn code(prefix: char, i: usize) -> String {
    let a = char::from(b'A' + u8::try_from(i / 26 % 26).unwrap_or(0));
    let b = char::from(b'A' + u8::try_from(i % 26).unwrap_or(0));
    format!("{prefix}{a}{b}")
}

fn nation(i: usize) -> String {
    code('N', i)
}

fn host(i: usize) -> String {
    code('H', i)
}

fn area(host_index: usize, a: usize) -> String {
    format!("{}/Area {}", host(host_index), a + 1)
}

fn mission_id(m: usize) -> String {
    format!("M{:02}", m + 1)
}

fn host_of(m: usize) -> usize {
    m % HOSTS
}

fn quote(rng: &mut Rng, s: usize, q: usize) -> String {
    let n = rng.below(2000);
    match rng.below(4) {
        0 => format!("Officials said {n} troops, \"roughly\", remain at site {s}-{q}."),
        1 => format!("The contingent of about {n} was confirmed on day {q} (report {s})."),
        2 => format!("A spokesman put the number at {n}, without further detail, in {s}/{q}."),
        _ => format!("Report {s}.{q}: some {n} personnel rotated; \"no change\" was expected."),
    }
}

/// A strength of any kind, bounded so that a relocation can move it.
fn strength(rng: &mut Rng) -> String {
    let n = rng.below(1000) + 1;
    match rng.below(20) {
        0..=7 => n.to_string(),
        8..=11 => format!("~{n}"),
        12 | 13 => format!("{}..{}", n, n + rng.below(200)),
        14 => format!(">={n}"),
        15 => format!(">{n}"),
        16 => format!("<={n}"),
        17 => format!("some<{}", n + 1),
        18 => "?".to_owned(),
        _ => "n/r".to_owned(),
    }
}

/// The lowest count a strength notation allows, as the ledger reads it.
fn low_of(notation: &str) -> u64 {
    notation
        .parse::<troop_tracker::Strength>()
        .map(|s| s.bounds().low())
        .unwrap_or(0)
}

struct Sheet {
    w: csv::Writer<io::BufWriter<std::fs::File>>,
    rows: usize,
    path: PathBuf,
}

impl Sheet {
    fn create(dir: &Path, name: &str) -> Result<Sheet, WriteError> {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).map_err(|source| WriteError {
            path: path.clone(),
            source,
        })?;
        let (_, columns) = troop_tracker::schema()
            .into_iter()
            .find(|(n, _)| *n == name)
            .unwrap_or(("", &[]));
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(io::BufWriter::with_capacity(1 << 20, file));
        w.write_record(columns).map_err(|e| WriteError {
            path: path.clone(),
            source: e.into(),
        })?;
        Ok(Sheet { w, rows: 0, path })
    }

    fn row(&mut self, cells: &[&str]) -> Result<(), WriteError> {
        self.w.write_record(cells).map_err(|e| WriteError {
            path: self.path.clone(),
            source: e.into(),
        })?;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self, out: &mut Written) -> Result<(), WriteError> {
        self.w.flush().map_err(|source| WriteError {
            path: self.path.clone(),
            source,
        })?;
        let bytes = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        out.bytes += bytes;
        out.files.push((self.path, self.rows));
        Ok(())
    }
}

/// One planned record, placed in date order before writing.
enum Planned {
    Deployment { key: usize, strength: String },
}

/// Writes a synthetic dataset of `deployments` deployments (and one
/// relocation per ten) into `dir`, creating it. The same `seed` always
/// gives the same bytes.
///
/// The generator reports each key afresh, whatever moves brought there:
/// where a key first reported holds more than the moves recorded before
/// it brought to a place that held none, no world of the model meets the
/// records, and validation says so.
///
/// ```no_run
/// let written = troop_tracker_bench::write_dataset("target/synthetic".as_ref(), 10_000, 7)?;
/// let data = troop_tracker::Dataset::from_dir("target/synthetic")?;
/// let report = data.validate();
/// assert!(report.findings().len() > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`WriteError`] when a file cannot be written.
pub fn write_dataset(dir: &Path, deployments: usize, seed: u64) -> Result<Written, WriteError> {
    write_shaped(dir, deployments, seed, Shape::Coupled)
}

/// How the figures of a synthetic dataset depend on each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One relocation per ten deployments: moves couple the figures of a
    /// nation, so that a figure's tight bounds come from a program over
    /// its nation's history (what [`write_dataset`] writes).
    Coupled,
    /// No relocations, and no `n/r` (which says nothing and leaves the
    /// figure before it standing): every figure is its own latest report,
    /// so the tightest bounds of a posture equal the sums of the latest
    /// reports' intervals — what a dataframe library computes with a
    /// group-by, and so the same answer to time against
    /// (`bench/polars_compare.py`). Everything else is drawn as in
    /// `Coupled`, from the same seed.
    Uncoupled,
}

/// [`write_dataset`] with the figures coupled or not (see [`Shape`]).
///
/// # Errors
///
/// [`WriteError`] when a file cannot be written.
pub fn write_shaped(
    dir: &Path,
    deployments: usize,
    seed: u64,
    shape: Shape,
) -> Result<Written, WriteError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    };
    let articles = dir.join("sources");
    std::fs::create_dir_all(&articles).map_err(io_err(&articles))?;
    let mut rng = Rng(seed);
    let mut out = Written::default();
    let first = NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).unwrap_or_default();
    let day = |d: u64| {
        first
            .checked_add_days(Days::new(d))
            .unwrap_or(first)
            .to_string()
    };

    // Sources: articles made of quotes, so every quote is verbatim.
    let mut quotes: Vec<Vec<String>> = Vec::with_capacity(SOURCES);
    let mut sheet = Sheet::create(dir, "sources.csv")?;
    for s in 0..SOURCES {
        let qs: Vec<String> = (0..QUOTES_PER_SOURCE)
            .map(|q| quote(&mut rng, s, q))
            .collect();
        let path = articles.join(format!("S{s:04}.txt"));
        std::fs::write(&path, qs.join("\n")).map_err(io_err(&path))?;
        out.bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let file = format!("sources/S{s:04}.txt");
        let id = format!("S{s:04}");
        let title = format!("Synthetic report {s}, \"troop levels\"");
        // Every article is published after the last day anything is dated,
        // since what a source saw cannot postdate its report. The draw is
        // kept so that the rest of the data is the same for a seed as
        // before this rule existed.
        let _ = rng.below(DAYS);
        sheet.row(&[
            &id,
            &file,
            &title,
            "Synthetic Wire",
            &day(DAYS),
            "stated: synthetic",
        ])?;
        quotes.push(qs);
    }
    sheet.finish(&mut out)?;
    let cite = |rng: &mut Rng| -> (String, String) {
        let s = rng.below(SOURCES as u64) as usize;
        let q = rng.below(QUOTES_PER_SOURCE as u64) as usize;
        let text = quotes
            .get(s)
            .and_then(|v| v.get(q))
            .cloned()
            .unwrap_or_default();
        (format!("S{s:04}"), text)
    };

    // Nations: contributors in NATO since 1949 (so that every mission's
    // contributors are members), hosts outside it.
    let mut sheet = Sheet::create(dir, "nations.csv")?;
    for n in 0..NATIONS {
        sheet.row(&[
            &nation(n),
            &format!("Nation {n}"),
            "1949-08-24",
            "synthetic: all contributors founding members",
        ])?;
    }
    for h in 0..HOSTS {
        sheet.row(&[&host(h), &format!("Host {h}"), "", ""])?;
    }
    sheet.finish(&mut out)?;

    // Missions, launched before any record.
    let mut sheet = Sheet::create(dir, "missions.csv")?;
    let leads: Vec<Option<usize>> = (0..MISSIONS)
        .map(|m| (m % 3 == 0).then_some(m % NATIONS))
        .collect();
    for m in 0..MISSIONS {
        let (source, text) = cite(&mut rng);
        let lead = leads
            .get(m)
            .copied()
            .flatten()
            .map(nation)
            .unwrap_or_default();
        let org = if m % 2 == 0 { "NATO" } else { "Coalition" };
        let role = if m % 2 == 0 { "no" } else { "yes" };
        sheet.row(&[
            &mission_id(m),
            &format!("Mission {m}"),
            org,
            &lead,
            "",
            &host(host_of(m)),
            "1985",
            role,
            &source,
            &text,
            &source,
            &text,
        ])?;
    }
    sheet.finish(&mut out)?;

    // Mission totals: large and steady, so contributions never exceed them
    // and consecutive reports agree.
    let mut sheet = Sheet::create(dir, "mission_strengths.csv")?;
    for m in 0..MISSIONS {
        for year in 0..36u64 {
            let (source, text) = cite(&mut rng);
            let id = format!("T{m:02}-{year:02}");
            sheet.row(&[
                &id,
                &mission_id(m),
                &day(year * 365 + 180),
                "~100000000",
                "",
                &source,
                &text,
                "",
            ])?;
        }
    }
    sheet.finish(&mut out)?;

    // Keys: (nation, area of the mission's host, mission). Only area-level
    // mission figures exist, so no figure is ever checked against a
    // country-wide one it might exceed.
    let key_count = NATIONS * MISSIONS * AREAS;
    let key_parts = |k: usize| {
        let n = k % NATIONS;
        let m = k / NATIONS % MISSIONS;
        let a = k / (NATIONS * MISSIONS) % AREAS;
        (n, m, a)
    };
    // Plan deployments on distinct (key, day) pairs, then relocations in
    // date order against a running ledger of low bounds.
    let mut by_day: HashMap<u64, Vec<Planned>> = HashMap::new();
    let mut taken: HashSet<(usize, u64)> = HashSet::with_capacity(deployments);
    for _ in 0..deployments {
        let mut k = rng.below(key_count as u64) as usize;
        let mut d = rng.below(DAYS);
        while !taken.insert((k, d)) {
            k = (k + 1) % key_count;
            d = (d + 1) % DAYS;
        }
        let (n, m, _) = key_parts(k);
        let mut s = strength(&mut rng);
        if shape == Shape::Uncoupled && s == "n/r" {
            s = "?".to_owned();
        }
        // The lead nation is never recorded with no troops in its mission.
        if rng.chance(1) && leads.get(m).copied().flatten() != Some(n) {
            s = "0".to_owned();
        }
        by_day.entry(d).or_default().push(Planned::Deployment {
            key: k,
            strength: s,
        });
    }
    let mut days: Vec<u64> = by_day.keys().copied().collect();
    days.sort_unstable();
    let relocations = match shape {
        Shape::Coupled => deployments / 10,
        Shape::Uncoupled => 0,
    };
    let mut move_days: Vec<u64> = (0..relocations).map(|_| rng.below(DAYS)).collect();
    move_days.sort_unstable();

    let mut low: Vec<u64> = vec![0; key_count];
    let mut seen: Vec<bool> = vec![false; key_count];
    // A key an announced move leaves from is not moved from again: the
    // projected replay takes "some" from it, which no count can cover.
    let mut frozen: Vec<bool> = vec![false; key_count];
    let mut deps = Sheet::create(dir, "deployments.csv")?;
    let mut rels = Sheet::create(dir, "relocations.csv")?;
    let mut next_move = move_days.iter().peekable();
    let mut dep_id = 0usize;
    let mut rel_id = 0usize;
    let mut filled: Vec<usize> = Vec::new();
    // Moves of a day come before that day's observations, as in the ledger.
    // A fresh observation replaces the figure, announced moves or not.
    let mut all_days: Vec<u64> = days.iter().chain(move_days.iter()).copied().collect();
    all_days.sort_unstable();
    all_days.dedup();
    for d in all_days {
        while next_move.peek().is_some_and(|&&md| md == d) {
            next_move.next();
            if filled.is_empty() {
                continue;
            }
            // Move only from a place known to hold someone.
            let pick = (0..8).find_map(|_| {
                let k = filled
                    .get(rng.below(filled.len() as u64) as usize)
                    .copied()?;
                let ok =
                    low.get(k).is_some_and(|&l| l > 0) && !frozen.get(k).copied().unwrap_or(true);
                ok.then_some(k)
            });
            let Some(from) = pick else { continue };
            let (n, m, a) = key_parts(from);
            let have = low.get(from).copied().unwrap_or(0);
            let (m2, a2) = if rng.chance(50) {
                (m, (a + 1 + rng.below(AREAS as u64 - 1) as usize) % AREAS)
            } else {
                (
                    (m + 1 + rng.below(MISSIONS as u64 - 1) as usize) % MISSIONS,
                    a,
                )
            };
            let to = m2 * NATIONS + n + a2 * NATIONS * MISSIONS;
            let (amount, moved_low, moved_high) = match (have, rng.below(3)) {
                (h, 0) => {
                    let lo = rng.below(h) + 1;
                    let hi = lo + rng.below(h - lo + 1);
                    (format!("{lo}..{hi}"), lo, hi)
                }
                (h, _) => {
                    let x = rng.below(h) + 1;
                    (x.to_string(), x, x)
                }
            };
            let temporary = rng.chance(10);
            let status = match rng.below(10) {
                0 => "announced",
                1..=3 => "under_way",
                _ => "carried_out",
            };
            // Announced moves are applied only in projected replays, where
            // they could leave the origin short; they move only "some".
            let amount = if status == "announced" {
                if let Some(f) = frozen.get_mut(from) {
                    *f = true;
                }
                "some".to_owned()
            } else {
                amount
            };
            if status != "announced" {
                if let Some(l) = low.get_mut(from) {
                    *l = l.saturating_sub(moved_high);
                }
                if !temporary {
                    if let Some(l) = low.get_mut(to) {
                        *l += moved_low;
                    }
                }
                if let Some(s) = seen.get_mut(to) {
                    if !*s {
                        *s = true;
                        filled.push(to);
                    }
                }
            }
            let (source, text) = cite(&mut rng);
            let id = format!("R{rel_id}");
            rel_id += 1;
            let (host_index, area_index) = (host_of(m), a);
            rels.row(&[
                &id,
                &nation(n),
                &day(d),
                &amount,
                &area(host_index, area_index),
                &mission_id(m),
                &area(host_of(m2), a2),
                &mission_id(m2),
                if temporary { "yes" } else { "" },
                status,
                "",
                "",
                "",
                &source,
                &text,
                "",
            ])?;
        }
        for planned in by_day.remove(&d).unwrap_or_default() {
            let Planned::Deployment { key, strength } = planned;
            let (n, m, a) = key_parts(key);
            if let Some(l) = low.get_mut(key) {
                *l = low_of(&strength);
            }
            if let Some(f) = frozen.get_mut(key) {
                *f = false;
            }
            if let Some(s) = seen.get_mut(key) {
                if !*s {
                    *s = true;
                    filled.push(key);
                }
            }
            let (source, text) = cite(&mut rng);
            let id = format!("D{dep_id}");
            dep_id += 1;
            deps.row(&[
                &id,
                &nation(n),
                &area(host_of(m), a),
                &mission_id(m),
                &day(d),
                "",
                &strength,
                "",
                "",
                &source,
                &text,
                "",
            ])?;
        }
    }
    deps.finish(&mut out)?;
    rels.finish(&mut out)?;

    // Events that no rule can find wrong: attacks with counts, zero
    // casualties, planning milestones, and the alliance's size.
    let mut sheet = Sheet::create(dir, "events.csv")?;
    for e in 0..(deployments / 20).max(1) {
        let (source, text) = cite(&mut rng);
        let m = rng.below(MISSIONS as u64) as usize;
        let d = day(rng.below(DAYS));
        let id = format!("E{e}");
        let place = area(host_of(m), rng.below(AREAS as u64) as usize);
        let count_bases = (rng.below(5) + 1).to_string();
        let members = NATIONS.to_string();
        let (kind, org, count, unit) = match rng.below(4) {
            0 => ("attack_on_bases", "", count_bases.as_str(), "bases"),
            1 => ("casualties", "", "0", "people"),
            2 => ("member_count", "NATO", members.as_str(), "members"),
            _ => ("expansion_planned", "", "", ""),
        };
        let mission = if kind == "member_count" {
            String::new()
        } else {
            mission_id(m)
        };
        let place = if kind == "member_count" {
            String::new()
        } else {
            place
        };
        sheet.row(&[
            &id, &d, "", kind, org, &mission, "", &place, "", count, unit, "", "", "", &source,
            &text, "",
        ])?;
    }
    sheet.finish(&mut out)?;
    let _ = io::stdout().flush();
    Ok(out)
}
