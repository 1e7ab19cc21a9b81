//! The HTML report: one self-contained page (no script, nothing fetched)
//! whose tables are the rows the files hold, with every figure's
//! sources' quotes, the findings, the timeline up to the day and charts.
//! (`tests/browser/report.py` opens it in Chromium in `.ci/run`.)

use troop_tracker::report::{html, ReportOptions};
use troop_tracker::rows::{self, Row};
use troop_tracker::{Dataset, Ledger, Subject};

fn bundled() -> Dataset {
    Dataset::bundled().expect("the bundled data loads")
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The page's line that names its subject.
fn subject_line(page: &str) -> &str {
    page.lines()
        .find(|l| l.contains("Subject: "))
        .expect("a subject line")
}

/// What follows the page's first `open` tag, up to its `</section>`.
fn section<'p>(page: &'p str, open: &str) -> &'p str {
    page.split(open)
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("a section {open}"))
}

/// The text of each cell of a column, in the page's order.
fn cells<'p>(page: &'p str, column: &str) -> Vec<&'p str> {
    let open = format!("data-column=\"{column}\">");
    page.split(&open)
        .skip(1)
        .map(|rest| rest.split("</td>").next().expect("closed cell"))
        .collect()
}

#[test]
fn the_page_is_self_contained() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let posture = ledger.posture("2020-01-10".parse().expect("day"));
    let findings = rows::findings(&[], &data.validate());
    let page = html(&ledger, &posture, &findings, &ReportOptions::default());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ));
    assert!(page.contains("<meta name=\"viewport\""));
    for forbidden in [
        "<script", "<link", "<img", "<iframe", "src=", "url(", "@import",
    ] {
        assert!(!page.contains(forbidden), "the page has {forbidden}");
    }
    // Every link is to an anchor of the page itself, and each exists.
    for href in page.split("href=\"").skip(1) {
        let target = href.split('"').next().expect("closed");
        assert!(target.starts_with('#'), "a link out: {target}");
        assert!(
            page.contains(&format!("id=\"{}\"", &target[1..])),
            "no anchor {target}"
        );
    }
    // The only address is the SVG namespace.
    let http: Vec<&str> = page
        .match_indices("://")
        .map(|(i, _)| &page[i.saturating_sub(5)..])
        .map(|s| &s[..30.min(s.len())])
        .filter(|s| !s.contains("http://www.w3.org/2000/svg"))
        .collect();
    assert!(http.is_empty(), "{http:?}");
}

#[test]
fn the_tables_are_the_rows_with_their_sources_quotes() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    for (day, projected) in [("2020-01-09", false), ("2020-02-13", true)] {
        let options = if projected {
            troop_tracker::PostureOptions::projected()
        } else {
            troop_tracker::PostureOptions::default()
        };
        let posture = ledger.posture_with(day.parse().expect("day"), options);
        let findings = rows::findings(&[], &data.validate());
        let page = html(&ledger, &posture, &findings, &ReportOptions::default());
        assert_eq!(page.contains("(projected"), projected);
        let figures = rows::posture(&posture);
        let posture_part = section(&page, "<section id=\"posture\">");
        assert_eq!(
            cells(posture_part, "figure"),
            figures
                .iter()
                .map(|r| escaped(&r.figure))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            cells(posture_part, "strength"),
            figures
                .iter()
                .map(|r| escaped(&r.strength))
                .collect::<Vec<_>>()
        );
        // Each row's sources cell discloses its records, each linked to
        // its entry in the list of sources with its quote.
        // (The last cell of each body row: it has no column of its own.)
        let disclosed: Vec<&str> = posture_part
            .split("<tbody>")
            .nth(1)
            .expect("a body")
            .split("</tr>")
            .filter_map(|r| {
                r.rsplit_once("<td>")
                    .map(|(_, c)| c.trim_end_matches("</td>"))
            })
            .collect();
        assert_eq!(disclosed.len(), figures.len());
        for (row, cell) in figures.iter().zip(&disclosed) {
            let ids: Vec<&str> = row.sources.split(';').filter(|s| !s.is_empty()).collect();
            if ids.is_empty() {
                assert_eq!(*cell, "", "{}", row.figure);
                continue;
            }
            let plural = if ids.len() == 1 { "" } else { "s" };
            let mut expected = format!("<details><summary>{} source{plural}</summary>", ids.len());
            for id in &ids {
                let quote = data.citation_of(id).expect("cited").quote();
                expected.push_str(&format!(
                    "<div><a href=\"#rec-{id}\">{id}</a><blockquote>{}</blockquote></div>",
                    escaped(quote)
                ));
            }
            expected.push_str("</details>");
            assert_eq!(*cell, expected, "{}", row.figure);
        }
        assert!(
            disclosed.iter().any(|c| c.contains("2 sources")),
            "{disclosed:?}"
        );
        assert!(
            disclosed.iter().any(|c| c.contains("1 source<")),
            "{disclosed:?}"
        );
        // Every record a figure rests on is cited with its quote, in the
        // row and in the list of sources.
        for row in &figures {
            for id in row.sources.split(';').filter(|s| !s.is_empty()) {
                let quote = data.citation_of(id).expect("cited").quote();
                assert!(
                    page.matches(&format!("<blockquote>{}</blockquote>", escaped(quote)))
                        .count()
                        >= 2,
                    "{id}'s quote in its row and in the sources"
                );
                assert!(page.contains(&format!("<li id=\"rec-{id}\">")), "{id}");
            }
        }
        // The totals are the totals' rows.
        let totals = rows::totals(&posture);
        let scopes: Vec<String> = totals.iter().map(|t| escaped(&t.scope)).collect();
        assert_eq!(cells(&page, "scope"), scopes);
        // Above them, the three key totals as large figures, in order.
        let key = section(&page, "<section class=\"key\">\n");
        let expected: String = ["all", "abroad", "at_home"]
            .iter()
            .map(|scope| {
                let t = totals.iter().find(|t| t.scope == *scope).expect("a total");
                format!(
                    "<div title=\"{scope}\"><b>{}</b>{}</div>\n",
                    escaped(&t.strength),
                    escaped(&t.subject)
                )
            })
            .collect();
        assert_eq!(key, expected);
        // Each column is titled by its name, with its meaning on hover.
        for c in rows::PostureRow::COLUMNS
            .iter()
            .filter(|c| c.name == "strength")
        {
            assert!(page.contains(&format!("<th title=\"{}\">strength</th>", escaped(c.doc))));
        }
        // Counts are right-aligned numbers with separators, text is not.
        assert!(page.contains("<td class=\"n\" data-column=\"low\">"));
        assert!(!page.contains("<td class=\"n\" data-column=\"figure\">"));
        // Charts drawn inline.
        assert!(page.matches("<figure><svg").count() >= 1);
    }
}

#[test]
fn findings_and_timeline_are_listed_up_to_the_limit() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let posture = ledger.posture("2020-02-15".parse().expect("day"));
    let findings = rows::findings(&[], &data.validate());
    let listed: Vec<&rows::FindingRow> = findings.iter().filter(|f| f.severity != "note").collect();
    assert!(
        !listed.is_empty(),
        "the bundled data has warnings or errors"
    );
    let page = html(&ledger, &posture, &findings, &ReportOptions::default());
    let rules = cells(&page, "rule");
    assert_eq!(rules.len(), listed.len());
    // The most severe first.
    let severities = cells(&page, "severity");
    let rank = |s: &str| ["error", "warning"].iter().position(|x| *x == s);
    assert!(severities.windows(2).all(|w| rank(w[0]) <= rank(w[1])));
    for f in &listed {
        assert!(page.contains(&escaped(&f.message)), "{}", f.message);
    }
    let day = posture.day();
    let timeline: Vec<rows::TimelineRow> = rows::timeline(&data, &Subject::All)
        .into_iter()
        .filter(|l| l.date <= day)
        .collect();
    assert!(
        timeline.len() < rows::timeline(&data, &Subject::All).len(),
        "a line after the day is left out"
    );
    let lines = cells(&page, "date_text");
    assert_eq!(lines.len(), timeline.len());
    // With a limit, the latest lines and the most severe findings, and
    // the page says how many there are.
    let few = ReportOptions {
        most_lines: 3,
        ..ReportOptions::default()
    };
    let page = html(&ledger, &posture, &findings, &few);
    assert_eq!(cells(&page, "date_text").len(), 3);
    assert_eq!(
        cells(&page, "record"),
        timeline[timeline.len() - 3..]
            .iter()
            .map(|l| escaped(&l.record))
            .collect::<Vec<_>>()
    );
    assert!(page.contains(&format!(
        "{} lines up to 2020-02-15; the latest 3 are listed",
        timeline.len()
    )));
    assert_eq!(cells(&page, "rule").len(), 3.min(listed.len()));
    // Fewer findings listed than there are: the page says so.
    let one = ReportOptions {
        most_lines: 1,
        ..ReportOptions::default()
    };
    let page = html(&ledger, &posture, &findings, &one);
    assert_eq!(cells(&page, "rule").len(), 1);
    assert!(
        page.contains(&format!("{} errors and warnings (", listed.len()))
            && page.contains(
                " The first 1 are listed; `troop-tracker validate` or `export` gives all."
            ),
        "{}",
        listed.len()
    );
}

#[test]
fn errors_come_before_warnings_and_notes_are_counted_not_listed() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let posture = ledger.posture("2020-01-10".parse().expect("day"));
    let model = rows::findings(&[], &data.validate())
        .into_iter()
        .next()
        .expect("the bundled data has a finding");
    // Six findings as the checks could give them: errors after warnings,
    // notes among them.
    let findings: Vec<rows::FindingRow> = ["warning", "note", "error", "warning", "note", "note"]
        .iter()
        .enumerate()
        .map(|(i, severity)| {
            let mut f = model.clone();
            f.severity = (*severity).to_owned();
            f.message = format!("finding number {i}");
            f
        })
        .collect();
    let page = html(&ledger, &posture, &findings, &ReportOptions::default());
    assert_eq!(cells(&page, "severity"), ["error", "warning", "warning"]);
    assert_eq!(
        cells(&page, "message"),
        ["finding number 2", "finding number 0", "finding number 3"]
    );
    assert!(
        page.contains("3 errors and warnings (3 notes, passed checks and caveats, not listed)"),
        "{page}"
    );
    assert!(!page.contains("The first "), "all three are listed");
}

#[test]
fn a_subjects_report_has_its_timeline_and_chart_only() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let deu = "DEU".parse().expect("code");
    let posture = ledger
        .posture("2020-01-10".parse().expect("day"))
        .focus(Some(deu), None);
    let options = ReportOptions {
        subject: Subject::Nation(deu),
        data: "the bundled <data>".to_owned(),
        ..ReportOptions::default()
    };
    let page = html(&ledger, &posture, &[], &options);
    assert!(page.contains("Data: the bundled &lt;data&gt;."));
    assert!(page.contains("Subject: troops of Germany"));
    assert_eq!(page.matches("<figure><svg").count(), 1);
    assert!(page.contains("<title>Troops of Germany (DEU)</title>"));
    // Up to the posture's day: Germany's refusal "on or before 15
    // February" is not listed on 10 January.
    let timeline = rows::timeline(&data, &Subject::Nation(deu));
    let up_to: Vec<_> = timeline
        .iter()
        .filter(|l| l.date <= "2020-01-10".parse().expect("day"))
        .collect();
    assert!(up_to.len() < timeline.len());
    assert_eq!(cells(&page, "date_text").len(), up_to.len());
    assert!(cells(&page, "figure")
        .iter()
        .all(|f| f.starts_with("DEU in")));
    // A mission's report is named by the mission.
    let nmi = Subject::Mission("NMI".parse().expect("id"));
    let page = html(
        &ledger,
        &posture,
        &[],
        &ReportOptions {
            subject: nmi,
            ..ReportOptions::default()
        },
    );
    let subject = subject_line(&page);
    assert!(
        subject.contains("Subject: NATO Mission Iraq (NMI, NATO)."),
        "{subject}"
    );
    // Nothing to chart is said, not drawn.
    let spain = Subject::Location("ESP".parse().expect("code"));
    let page = html(
        &ledger,
        &posture,
        &[],
        &ReportOptions {
            subject: spain,
            ..ReportOptions::default()
        },
    );
    assert!(page.contains(
        "nothing to draw: Troops in Spain (ESP) has no figure in the data to 2020-01-10"
    ));
    // A country's report is named by the country.
    let subject = subject_line(&page);
    assert!(
        subject.contains("Subject: troops in Spain (ESP). Made by"),
        "{subject}"
    );
}

/// The whole data's report adds a chart for each of its largest nations
/// (up to three) when there are several; with one nation, its chart would
/// repeat the whole's, so there is one.
#[test]
fn the_whole_datas_report_charts_its_largest_nations_when_there_are_several() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let posture = ledger.posture("2020-01-10".parse().expect("day"));
    let largest = posture.largest(3);
    assert!(largest.len() >= 2, "{}", largest.len());
    let page = html(&ledger, &posture, &[], &ReportOptions::default());
    assert_eq!(page.matches("<figure><svg").count(), 1 + largest.len());
    for view in &largest {
        let code = view.nation.expect("a nation");
        assert!(page.contains(&format!("({code})</title>")), "{code}");
    }
    // One nation: troopdata's excerpt, the United States only.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/troopdata");
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).expect("the excerpt");
        (name.to_owned(), text)
    };
    let us = troop_tracker::import::troopdata::from_texts(
        read("troopdata-rebuild-country-year-quarter-format.csv"),
        None,
    )
    .expect("imports")
    .dataset;
    let ledger = Ledger::new(&us);
    let posture = ledger.posture("2020-12-31".parse().expect("day"));
    assert_eq!(posture.largest(3).len(), 1);
    let page = html(&ledger, &posture, &[], &ReportOptions::default());
    assert_eq!(page.matches("<figure><svg").count(), 1);
}
