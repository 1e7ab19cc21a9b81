//! Force summaries as aligned text tables, for terminals and reports.
//!
//! Tables are drawn by `comfy-table` (without its terminal feature, so no
//! extra system dependency) and fit the width given, 80 columns by
//! default; text columns wrap, numbers are never cut across lines. Every
//! figure points to numbered sources listed under the tables, so each
//! number in a summary can be traced to a quote.

mod stated;
mod whole;

use std::collections::BTreeMap;

use comfy_table::{presets, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use crate::dataset::Dataset;
use crate::id::RecordId;
use crate::posture::{Entry, Posture};
use crate::rows;
use crate::timeline::Changes;
use crate::validate::Severity;

/// The default width: a classic terminal.
pub const DEFAULT_WIDTH: u16 = 80;

/// Numbered source notes shared by the tables of one summary.
struct Notes<'d> {
    data: &'d Dataset,
    numbers: BTreeMap<String, usize>,
    order: Vec<String>,
}

impl<'d> Notes<'d> {
    fn new(data: &'d Dataset) -> Notes<'d> {
        Notes {
            data,
            numbers: BTreeMap::new(),
            order: Vec::new(),
        }
    }

    fn cite<T: ToString>(&mut self, ids: impl IntoIterator<Item = T>) -> String {
        let mut nums: Vec<usize> = ids
            .into_iter()
            .map(|id| {
                let id = id.to_string();
                let next = self.order.len() + 1;
                *self.numbers.entry(id.clone()).or_insert_with(|| {
                    self.order.push(id);
                    next
                })
            })
            .collect();
        nums.sort_unstable();
        nums.dedup();
        nums.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    fn render(&self, width: u16) -> String {
        let mut out = String::from("Sources:\n");
        for (i, id) in self.order.iter().enumerate() {
            let citation = self.data.citation_of(id);
            let text = match citation {
                Some(c) => format!("[{}] {id} {}: \"{}\"", i + 1, c.source(), c.quote()),
                None => format!("[{}] {id}", i + 1),
            };
            out.push_str(&wrap(&text, usize::from(width), 4));
        }
        out
    }
}

/// Wraps `text` at word boundaries to `width` columns, indenting
/// continuation lines by `indent` spaces, as the summaries' paragraphs
/// are; a word wider than the line stays whole on a line of its own.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    // Whether a word has been placed. Only the first line can be without
    // one (a continuation line is made for the word that did not fit),
    // and a line without one takes the next word whatever its width, so
    // no line is empty and a word wider than the line stands alone.
    let mut worded = false;
    for word in text.split_whitespace() {
        if worded {
            if line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line = " ".repeat(indent);
            } else {
                line.push(' ');
            }
        }
        line.push_str(word);
        worded = true;
    }
    if worded {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn table(width: u16, header: &[&str], right: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.to_vec());
    for &i in right {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    whole::wrap_sources_at_commas(&mut t);
    t
}

/// A posture's rows by figure.
type Figures<'r> = std::collections::HashMap<&'r str, &'r rows::PostureRow>;

/// The row of a view's figure (every figure of a posture has one).
fn figure<'r>(figures: &Figures<'r>, e: &Entry) -> Option<&'r rows::PostureRow> {
    figures.get(e.key().to_string().as_str()).copied()
}

fn place(e: &Entry) -> String {
    let label = e.key().places_label();
    if e.is_nested() {
        format!("└ {label}")
    } else {
        label
    }
}

fn mission(e: &Entry) -> String {
    e.mission()
        .map_or_else(|| "all".to_owned(), ToString::to_string)
}

fn nation(code: Option<crate::nation::NationCode>) -> String {
    code.map_or_else(|| "unnamed".to_owned(), |c| c.to_string())
}

/// The posture as three tables (by nation, by mission, by location) with
/// grand total and numbered sources, fitted to `width` columns.
///
/// ```
/// use troop_tracker::{summary, Dataset, Ledger};
/// let data = Dataset::bundled()?;
/// let ledger = Ledger::new(&data);
/// let text = summary::posture_tables(&ledger.posture("2020-01-09".parse()?), summary::DEFAULT_WIDTH);
/// assert!(text.lines().all(|l| l.chars().count() <= 80));
/// assert!(text.contains("JOR+KWT"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn posture_tables(posture: &Posture<'_>, width: u16) -> String {
    let data = posture.dataset();
    let mut notes = Notes::new(data);
    let mut out = String::new();
    let when = if posture.options().moment == crate::posture::Moment::StartOfDay {
        "start of"
    } else {
        "end of"
    };
    let mut title = format!("Force posture, {when} {}", posture.day());
    if posture.is_projected() {
        title.push_str(" (projected: announced moves applied, marked planned)");
    }
    out.push_str(&wrap(&title, usize::from(width), 0));
    // Every figure's cells come from its row, as in posture.csv.
    let rows = rows::posture(posture);
    let figures: Figures = rows.iter().map(|r| (r.figure.as_str(), r)).collect();
    out.push_str("\nBy nation\n");
    out.push_str(&by_nation_table(posture, &figures, &mut notes, width));
    out.push_str("\n\nBy mission\n");
    out.push_str(&by_mission_table(posture, &mut notes, width));
    out.push_str("\n\nBy location\n");
    out.push_str(&by_location_table(posture, &figures, &mut notes, width));
    if let Some(stated) = stated::stated_totals_table(posture, &mut notes, width) {
        out.push_str(
            "\n\nStated totals (what a source gives as the whole of many contributions)\n",
        );
        out.push_str(&stated);
    }
    out.push_str("\n\n");
    out.push_str(&wrap(
        &format!(
            "All troops recorded: {} (an area or a single mission is not added to the country figure that holds it).",
            posture.total()
        ),
        usize::from(width),
        0,
    ));
    let (flagged, in_question) = posture.flagged();
    if flagged > 0 {
        out.push_str(&wrap(
            &format!(
                "Of the total, {in_question} rests on {flagged} flagged figures (disputed, suspect, contradicted, stale or not reported since: see their notes)."
            ),
            usize::from(width),
            0,
        ));
    }
    let (count, sum) = posture.left_out();
    if count > 0 {
        out.push_str(&wrap(
            &format!(
                "Left out of these totals: {count} figures their own tables stopped listing (together {sum} when last listed); --count-ended counts them."
            ),
            usize::from(width),
            0,
        ));
    }
    let home = posture.at_home();
    if home != crate::Interval::exactly(0) {
        // Troops in their own country are not deployed abroad: the
        // number to quote for "abroad" is given apart.
        out.push_str(&wrap(
            &format!(
                "Abroad: {}; in their own nation: {}.",
                posture.abroad(),
                home
            ),
            usize::from(width),
            0,
        ));
    }
    out.push('\n');
    out.push_str(&notes.render(width));
    out
}

/// Each nation's figures, nested ones under the figure that holds them, with the nation's total.
fn by_nation_table(
    posture: &Posture<'_>,
    figures: &Figures,
    notes: &mut Notes<'_>,
    width: u16,
) -> String {
    let mut t = table(
        width,
        &["Nation", "Where", "Mission", "Strength", "Notes", "Src"],
        &[3],
    );
    for view in posture.by_nation() {
        let mut first = true;
        for e in &view.entries {
            let who = if first {
                nation(view.nation)
            } else {
                String::new()
            };
            first = false;
            let row = figure(figures, e);
            t.add_row(vec![
                who,
                place(e),
                mission(e),
                row.map_or_else(String::new, |r| r.strength.clone()),
                row.map_or_else(String::new, |r| r.note.clone()),
                notes.cite(row.map(|r| r.sources.split(';')).into_iter().flatten()),
            ]);
        }
        let tops = view.entries.iter().filter(|e| !e.is_nested()).count();
        if tops > 1 {
            t.add_row(vec![
                String::new(),
                "total".into(),
                String::new(),
                view.total.to_string(),
                String::new(),
                String::new(),
            ]);
        }
    }
    whole::render(t)
}

/// Each mission's reported total, contributions and remainder.
fn by_mission_table(posture: &Posture<'_>, notes: &mut Notes<'_>, width: u16) -> String {
    let mut t = table(
        width,
        &[
            "Mission",
            "Reported",
            "Contributions",
            "Unattributed",
            "Src",
        ],
        &[1, 3],
    );
    for view in posture.by_mission() {
        let mut reported = view.reported.map_or_else(
            || "n/r".to_owned(),
            |r| format!("{} ({})", r.strength(), r.as_of()),
        );
        if let Some(p) = view.planned {
            reported.push_str(&format!("; planned {p}"));
        }
        let parts: Vec<String> = view
            .contributions
            .iter()
            .map(|e| format!("{} {}", nation(e.nation()), e.strength()))
            .collect();
        let mut ids: Vec<&RecordId> = view.reported.map(|r| r.id()).into_iter().collect();
        ids.extend(view.contributions.iter().flat_map(|e| e.basis()));
        t.add_row(vec![
            view.mission.to_string(),
            reported,
            if parts.is_empty() {
                "none recorded".into()
            } else {
                parts.join(", ")
            },
            view.unattributed
                .map_or_else(|| "?".to_owned(), |u| u.to_string()),
            notes.cite(ids),
        ]);
    }
    whole::render(t)
}

/// Each location's figures, with its total.
fn by_location_table(
    posture: &Posture<'_>,
    figures: &Figures,
    notes: &mut Notes<'_>,
    width: u16,
) -> String {
    let mut t = table(
        width,
        &["Location", "Nation", "Where", "Mission", "Strength", "Src"],
        &[4],
    );
    for view in posture.by_location() {
        let mut first = true;
        for e in &view.entries {
            let label = if first {
                view.label.clone()
            } else {
                String::new()
            };
            first = false;
            let row = figure(figures, e);
            t.add_row(vec![
                label,
                nation(e.nation()),
                place(e),
                mission(e),
                row.map_or_else(String::new, |r| r.strength.clone()),
                notes.cite(row.map(|r| r.sources.split(';')).into_iter().flatten()),
            ]);
        }
        let tops = view.entries.iter().filter(|e| !e.is_nested()).count();
        if tops > 1 {
            t.add_row(vec![
                String::new(),
                "total".into(),
                String::new(),
                String::new(),
                view.total.to_string(),
                String::new(),
            ]);
        }
    }
    whole::render(t)
}

/// A timeline's rows ([`rows::timeline`]) as a table with numbered
/// sources: one line per record (a move's row at its destination is told
/// by the line of its origin), the date as the source gives it, and the
/// figure after the line.
///
/// ```
/// use troop_tracker::{rows, summary, Dataset, Subject};
/// let data = Dataset::bundled()?;
/// let lines = rows::timeline(&data, &Subject::Nation("DEU".parse()?));
/// let text = summary::timeline_table(&data, &lines, summary::DEFAULT_WIDTH);
/// assert!(text.contains("2020-01-09"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn timeline_table(data: &Dataset, lines: &[rows::TimelineRow], width: u16) -> String {
    let mut notes = Notes::new(data);
    let mut t = table(width, &["Date", "What", "Detail", "After", "Src"], &[3]);
    let most = |w: u16| ColumnConstraint::UpperBoundary(Width::Fixed(w));
    t.set_constraints(vec![most(14), most(21), most(57), most(11), most(7)]);
    let mut previous: Option<&rows::TimelineRow> = None;
    for line in lines {
        let same_record =
            previous.is_some_and(|p| p.record == line.record && p.date_text == line.date_text);
        previous = Some(line);
        if same_record {
            continue;
        }
        let src = match RecordId::new(&line.record) {
            Ok(id) => notes.cite([id]),
            Err(_) => String::new(),
        };
        t.add_row(vec![
            line.date_text.clone(),
            line.what.clone(),
            line.detail.clone(),
            line.strength_after.clone().unwrap_or_default(),
            src,
        ]);
    }
    format!("{}\n\n{}", whole::render(t), notes.render(width))
}

/// The changes between two days as a table with numbered sources.
pub fn changes_table(data: &Dataset, changes: &Changes<'_>, width: u16) -> String {
    let mut notes = Notes::new(data);
    let mut out = format!(
        "Changes from the end of {} to the end of {}\n",
        changes.from, changes.to
    );
    let mut t = table(width, &["Figure", "Before", "After", "Src"], &[1, 2]);
    for c in &changes.figures {
        t.add_row(vec![
            c.key.to_string(),
            c.before.map_or_else(|| "-".into(), |s| s.to_string()),
            c.after.map_or_else(|| "-".into(), |s| s.to_string()),
            notes.cite(&c.basis),
        ]);
    }
    out.push_str(&whole::render(t));
    out.push('\n');
    if !changes.moves.is_empty() {
        out.push_str("\nMoves:\n");
        for r in &changes.moves {
            out.push_str(&wrap(&format!("- {r}"), usize::from(width), 2));
        }
    }
    out.push('\n');
    out.push_str(&notes.render(width));
    out
}

/// A validation report wrapped to `width` columns, one finding per
/// paragraph, with the counts last.
pub fn report_text(report: &crate::validate::Report, width: u16) -> String {
    report_text_at_least(report, Severity::Note, width)
}

/// [`report_text`] showing only the findings at least as severe as
/// `least` (errors are the most severe); the counts line still counts
/// every finding and says how many are not shown.
pub fn report_text_at_least(
    report: &crate::validate::Report,
    least: Severity,
    width: u16,
) -> String {
    checks_text(&[], report, least, width)
}

/// What an import found in its tables (`problems`: rows left out, wholes
/// that do not fit their parts, rows read with a caveat), then the
/// report's findings, each at least as severe as `least`, one per
/// paragraph; the counts line counts both and says how many are not
/// shown.
pub fn checks_text(
    problems: &[crate::Problem],
    report: &crate::validate::Report,
    least: Severity,
    width: u16,
) -> String {
    let mut out = String::new();
    for p in problems.iter().filter(|p| p.severity() <= least) {
        let line = format!("{:<7} [{}] {p}", p.severity(), p.code());
        out.push_str(&wrap(&line, usize::from(width), 8));
    }
    for f in report.at_least(least).findings() {
        out.push_str(&wrap(&f.to_string(), usize::from(width), 8));
    }
    let counts = [Severity::Error, Severity::Warning, Severity::Note]
        .map(|s| report.count(s) + problems.iter().filter(|p| p.severity() == s).count());
    let mut last = format!(
        "{} errors, {} warnings, {} notes",
        counts[0], counts[1], counts[2]
    );
    let hidden: Vec<String> = [(Severity::Warning, "warnings"), (Severity::Note, "notes")]
        .into_iter()
        .zip(&counts[1..])
        .filter(|((s, _), n)| *s > least && **n > 0)
        .map(|((_, name), n)| format!("{n} {name}"))
        .collect();
    if !hidden.is_empty() {
        last.push_str(&format!(" ({} not shown)", hidden.join(" and ")));
    }
    out.push_str(&wrap(&last, usize::from(width), 0));
    out
}
