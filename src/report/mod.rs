//! One self-contained HTML file to hand over (the `chart` feature): the
//! posture on a day with its totals, charts drawn inline, the figures
//! with their sources' quotes at hand, what the checks found (each
//! finding with the fewest records that cannot all be true) and the
//! timeline. No script, no external style, font, picture or request:
//! the page states a content security policy that forbids them, so it
//! opens the same offline, from an e-mail or an archive, and prints.
//!
//! Every table is drawn from the rows the files and the tool write
//! ([`crate::rows`]), so a figure in the report is the figure in
//! `posture.csv`.

mod page;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::chart::{chart_with, render_svg, ChartOptions, DEFAULT_SIZE};
use crate::dataset::Dataset;
use crate::ledger::Ledger;
use crate::posture::Posture;
use crate::rows::{self, FindingRow, PostureRow, TimelineRow, TotalRow};
use crate::timeline::Subject;

use page::{anchor, escape, table, STYLE};

/// What a report shows beside its posture.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// Whose timeline and charts: a nation, a mission, a host country,
    /// or [`Subject::All`] (the whole data: its chart by nation, and the
    /// largest nations' charts by location).
    pub subject: Subject,
    /// What the data is, in words: `the bundled dataset`, `troopdata
    /// (../shared/external/troopdata)`.
    pub data: String,
    /// The most timeline lines and findings listed (the latest lines up
    /// to the day, the most severe findings first); the report says how
    /// many more the files hold.
    pub most_lines: usize,
}

impl Default for ReportOptions {
    fn default() -> ReportOptions {
        ReportOptions {
            subject: Subject::All,
            data: "the data".to_owned(),
            most_lines: 500,
        }
    }
}

/// The most nations of a whole-data report drawn on charts of their own.
const MOST_NATION_CHARTS: usize = 3;

/// The report of a posture as one HTML document: its totals, charts of
/// the subject up to the posture's day, its figures (each with its
/// sources' quotes in an expandable row), the `findings` (see
/// [`rows::findings`]), the subject's timeline up to the day, and every
/// record cited, with its quote.
///
/// ```
/// use troop_tracker::report::{html, ReportOptions};
/// use troop_tracker::{rows, Dataset, Ledger};
/// let data = Dataset::bundled()?;
/// let ledger = Ledger::new(&data);
/// let posture = ledger.posture("2020-01-10".parse()?);
/// let findings = rows::findings(&[], &data.validate());
/// let page = html(&ledger, &posture, &findings, &ReportOptions::default());
/// assert!(page.starts_with("<!DOCTYPE html>") && page.contains("DEU in IRQ"));
/// assert!(!page.contains("<script") && !page.contains("src="));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn html(
    ledger: &Ledger<'_>,
    posture: &Posture<'_>,
    findings: &[FindingRow],
    options: &ReportOptions,
) -> String {
    let data = ledger.dataset();
    let day = posture.day();
    let projected = if posture.is_projected() {
        " (projected: announced relocations counted as done)"
    } else {
        ""
    };
    let title = format!("Troops as of {day}{projected}");
    let figures = rows::posture(posture);
    let totals = rows::totals(posture);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
<meta name=\"generator\" content=\"troop-tracker {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    let _ = writeln!(out, "<header><h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">Data: {}. Subject: {}. Made by troop-tracker {}: every figure is as tight as the evidence allows, \
with its sources; a range is what the evidence allows, not a guess.</p></header>",
        escape(&options.data),
        escape(&subject_name(data, &options.subject)),
        env!("CARGO_PKG_VERSION")
    );
    key_figures(&mut out, &totals);
    out.push_str("<h2 id=\"totals\">Totals</h2>\n");
    table(
        &mut out,
        &totals,
        &[
            "scope", "subject", "strength", "low", "high", "figures", "dated",
        ],
        None,
    );
    charts(&mut out, ledger, posture, options);
    posture_section(&mut out, data, &figures);
    findings_section(&mut out, findings, options.most_lines);
    timeline_section(&mut out, data, day, options);
    sources_section(&mut out, data, &figures);
    out.push_str("</body>\n</html>\n");
    out
}

/// A nation's, mission's or country's name, or `all the data`.
fn subject_name(data: &Dataset, subject: &Subject) -> String {
    match subject {
        Subject::Nation(c) => format!(
            "troops of {}",
            data.nation(*c).map_or(c.to_string(), |n| n.to_string())
        ),
        Subject::Location(c) => format!(
            "troops in {}",
            data.nation(*c).map_or(c.to_string(), |n| n.to_string())
        ),
        Subject::Mission(m) => data.mission(m).map_or(m.to_string(), |x| x.to_string()),
        _ => "all the data".to_owned(),
    }
}

/// The totals of all troops, abroad and at home, as large figures.
fn key_figures(out: &mut String, totals: &[TotalRow]) {
    out.push_str("<section class=\"key\">\n");
    let key = ["all", "abroad", "at_home"];
    for t in totals.iter().filter(|t| key.contains(&t.scope.as_str())) {
        let _ = writeln!(
            out,
            "<div title=\"{}\"><b>{}</b>{}</div>",
            escape(&t.scope),
            escape(&t.strength),
            escape(&t.subject)
        );
    }
    out.push_str("</section>\n");
}

/// The charts: the subject's, and for the whole data the largest
/// nations' by location; each up to the posture's day.
fn charts(out: &mut String, ledger: &Ledger<'_>, posture: &Posture<'_>, options: &ReportOptions) {
    out.push_str("<h2 id=\"charts\">Over time</h2>\n");
    let mut subjects = vec![options.subject.clone()];
    if matches!(options.subject, Subject::All) {
        let largest = posture.largest(MOST_NATION_CHARTS);
        if largest.len() > 1 {
            subjects.extend(largest.iter().filter_map(|v| v.nation.map(Subject::Nation)));
        }
    }
    let chart_options = ChartOptions {
        from: None,
        to: Some(posture.day()),
    };
    for subject in subjects {
        let c = chart_with(ledger, &subject, chart_options);
        match render_svg(&c, DEFAULT_SIZE) {
            Ok(svg) => {
                // The SVG's own `<title>` stays (it names the chart for a
                // screen reader); its XML header, if any, goes.
                let svg = svg.trim_start_matches(|c| c != '<');
                // (The caption is the chart's own, drawn under its title.)
                let _ = writeln!(out, "<figure>{svg}</figure>");
            }
            Err(e) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&e.to_string()));
            }
        }
    }
}

/// The posture's figures, each with its sources' quotes behind a
/// disclosure (and linked to the list of sources at the end).
fn posture_section(out: &mut String, data: &Dataset, figures: &[PostureRow]) {
    let _ = writeln!(
        out,
        "<section id=\"posture\"><h2>Figures ({})</h2>\n<p class=\"note\">Each figure's strength as its records state it (low and high: the tightest bounds), \
what the checks flag about it, and its sources: open a row's sources for their quotes.</p>",
        figures.len()
    );
    let quotes = |row: &PostureRow| sources_cell(data, &row.sources);
    table(
        out,
        figures,
        &[
            "figure",
            "nation_name",
            "mission",
            "location",
            "area",
            "strength",
            "low",
            "high",
            "status",
            "flags",
            "note",
        ],
        Some(("sources", &quotes)),
    );
    out.push_str("</section>\n");
}

/// A figure's sources: a disclosure listing each record with its quote.
fn sources_cell(data: &Dataset, sources: &str) -> String {
    let ids: Vec<&str> = sources.split(';').filter(|s| !s.is_empty()).collect();
    if ids.is_empty() {
        return String::new();
    }
    let mut cell = format!(
        "<details><summary>{} source{}</summary>",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    );
    for id in ids {
        let quote = data
            .citation_of(id)
            .map(|c| c.quote().to_owned())
            .unwrap_or_default();
        let _ = write!(
            cell,
            "<div><a href=\"#{}\">{}</a><blockquote>{}</blockquote></div>",
            anchor(id),
            escape(id),
            escape(&quote)
        );
    }
    cell.push_str("</details>");
    cell
}

/// The findings, the most severe first, each with its records.
fn findings_section(out: &mut String, findings: &[FindingRow], most: usize) {
    let mut shown: Vec<&FindingRow> = findings.iter().filter(|f| f.severity != "note").collect();
    // Errors, then warnings (the only others once notes are out), each
    // in the checks' order.
    shown.sort_by_key(|f| f.severity != "error");
    let notes = findings.len() - shown.len();
    let more = shown.len().saturating_sub(most);
    shown.truncate(most);
    let _ = writeln!(
        out,
        "<h2 id=\"findings\">What the checks found</h2>\n<p class=\"note\">{} errors and warnings ({} notes, passed checks and caveats, not listed); \
each names the fewest records that cannot all be true.{}</p>",
        shown.len() + more,
        notes,
        if more > 0 {
            format!(" The first {most} are listed; `troop-tracker validate` or `export` gives all.")
        } else {
            String::new()
        }
    );
    let rows: Vec<FindingRow> = shown.into_iter().cloned().collect();
    table(
        out,
        &rows,
        &[
            "severity",
            "rule",
            "records",
            "contradiction",
            "message",
            "file",
            "line",
        ],
        None,
    );
}

/// The subject's timeline up to the day: its latest lines.
fn timeline_section(
    out: &mut String,
    data: &Dataset,
    day: crate::date::Day,
    options: &ReportOptions,
) {
    let lines: Vec<TimelineRow> = rows::timeline(data, &options.subject)
        .into_iter()
        .filter(|l| l.date <= day)
        .collect();
    let skip = lines.len().saturating_sub(options.most_lines);
    let _ = writeln!(
        out,
        "<h2 id=\"timeline\">Timeline</h2>\n<p class=\"note\">{} lines up to {day}{}.</p>",
        lines.len(),
        if skip > 0 {
            format!(
                "; the latest {} are listed (`troop-tracker timeline` gives all)",
                options.most_lines
            )
        } else {
            String::new()
        }
    );
    let quote = |l: &TimelineRow| {
        format!(
            "<details><summary>{}</summary><blockquote>{}</blockquote></details>",
            escape(&l.source),
            escape(&l.quote)
        )
    };
    table(
        out,
        &lines[skip..],
        &[
            "date_text",
            "figure",
            "event_kind",
            "what",
            "detail",
            "record",
            "flags",
        ],
        Some(("source", &quote)),
    );
}

/// Every record the figures rest on, with its source and quote.
fn sources_section(out: &mut String, data: &Dataset, figures: &[PostureRow]) {
    let mut cited: BTreeMap<&str, ()> = BTreeMap::new();
    for row in figures {
        for id in row.sources.split(';').filter(|s| !s.is_empty()) {
            cited.insert(id, ());
        }
    }
    let _ = writeln!(
        out,
        "<h2 id=\"sources\">Sources ({} records)</h2>\n<ol class=\"sources\">",
        cited.len()
    );
    for id in cited.keys() {
        let Some(citation) = data.citation_of(id) else {
            continue;
        };
        let source = data.source(citation.source());
        let what = source.map_or(citation.source().to_string(), |s| {
            format!(
                "{} ({}, {}, {})",
                s.title(),
                s.outlet(),
                s.published(),
                s.id()
            )
        });
        let line = citation
            .line()
            .map(|n| format!(", line {n}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<li id=\"{}\"><b>{}</b>: {}{line}<blockquote>{}</blockquote></li>",
            anchor(id),
            escape(id),
            escape(&what),
            escape(citation.quote())
        );
    }
    out.push_str("</ol>\n");
}
