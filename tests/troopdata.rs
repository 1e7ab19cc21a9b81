//! The troopdata importer on a hand-written excerpt (`tests/troopdata/`):
//! how each kind of row is read, what the checks find, and what a posture
//! says on real quarters.

use std::path::Path;

use proptest::prelude::*;
use troop_tracker::import::troopdata::{self, Import, Reading};
use troop_tracker::{Dataset, Ledger, Rule, Severity, SourceKind, StrengthKind};
use troop_tracker::{LoadError, ProblemKind};

fn excerpt() -> Import {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/troopdata");
    troopdata::read_dir(&dir).expect("the excerpt imports")
}

fn fixture_line(file: &str, n: usize) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/troopdata")
        .join(file);
    let text = std::fs::read_to_string(path).expect("fixture");
    text.lines().nth(n - 1).expect("line").to_owned()
}

fn deployment<'d>(data: &'d Dataset, id: &str) -> &'d troop_tracker::Deployment {
    data.deployments()
        .iter()
        .find(|d| d.id().as_str() == id)
        .unwrap_or_else(|| panic!("{id} imported"))
}

/// The posture's figure for US troops in `country` at the end of `day`.
fn us_in<'d>(
    ledger: &'d Ledger<'d>,
    day: &str,
    country: &str,
) -> troop_tracker::posture::Entry<'d> {
    let posture = ledger.posture(day.parse().expect("day"));
    posture
        .entries()
        .iter()
        .find(|e| e.key().to_string() == format!("USA in {country}"))
        .cloned()
        .unwrap_or_else(|| panic!("USA in {country} on {day}"))
}

#[test]
fn every_row_is_read_by_its_source_and_count() {
    let import = excerpt();
    let [quarterly, reports] = import.counts.as_slice() else {
        panic!("two tables");
    };
    assert_eq!((quarterly.rows, quarterly.imported), (21, 20));
    assert!(quarterly.file.ends_with(troopdata::QUARTERLY_FILE));
    assert!(reports.file.ends_with(troopdata::REPORTS_FILE));
    let readings: Vec<(&str, usize)> = quarterly
        .by_reading
        .iter()
        .map(|(r, n)| (r.as_str(), *n))
        .collect();
    // By the reading's name, in order.
    assert_eq!(
        readings,
        [
            (Reading::Estimate.as_str(), 1),
            (Reading::Imputed.as_str(), 1),
            (Reading::Kane.as_str(), 1),
            (Reading::NotReported.as_str(), 5),
            (Reading::Reported.as_str(), 12),
        ]
    );
    assert_eq!((reports.rows, reports.imported), (8, 8));
    let data = &import.dataset;
    let strength = |id: &str| deployment(data, id).strength().to_string();
    assert_eq!(strength("TDQ-DEU-2020-03"), "34674");
    assert_eq!(strength("TDQ-DEU-2023-03"), "n/r");
    assert_eq!(strength("TDQ-IRQ-2018-06"), "~5200");
    assert_eq!(strength("TDQ-USA-1951-06"), "~1414526");
    assert_eq!(strength("TDQ-DEU-1960-06"), "232256");
    // A 0 that a named report gives is a count of none.
    assert_eq!(strength("TDQ-IRQ-2021-09"), "0");
    assert_eq!(Reading::NotReported.as_str(), "not_reported");
    assert_eq!(Reading::Kane.to_string(), "kane");
    let names: Vec<&str> = [Reading::Reported, Reading::Estimate, Reading::Imputed]
        .iter()
        .map(|r| r.as_str())
        .collect();
    assert_eq!(names, ["reported", "estimate", "imputed"]);
    // One nation per code: the table's own USA row does not add a second.
    let usa: Vec<_> = data
        .nations()
        .iter()
        .filter(|n| n.code().as_str() == "USA")
        .collect();
    assert_eq!(usa.len(), 1);
    assert_eq!(usa[0].name(), "United States");
    let titles: Vec<&str> = data.sources().iter().map(|s| s.title()).collect();
    assert_eq!(
        titles,
        [
            "US military personnel by host country and quarter (troopdata)",
            "DMDC quarterly reports as scraped, one row per location (troopdata)"
        ]
    );
    assert!(deployment(data, "TDQ-IRQ-2018-06")
        .citation()
        .note()
        .is_some_and(|n| n.contains("without a named source")));
    assert!(deployment(data, "TDQ-DEU-1960-06")
        .citation()
        .note()
        .is_some_and(|n| n.contains("Kane 2006")));
}

#[test]
fn a_figure_cites_its_table_line_and_row() {
    let import = excerpt();
    let data = &import.dataset;
    let d = deployment(data, "TDQ-DEU-2020-03");
    let c = d.citation();
    assert_eq!(c.line(), Some(9));
    assert_eq!(c.quote(), fixture_line(troopdata::QUARTERLY_FILE, 9));
    assert_eq!(c.words(), Some("34674"));
    assert!(c
        .note()
        .is_some_and(|n| n.contains("DMDC report March 2020")));
    let source = data.source(c.source()).expect("the table is a source");
    assert_eq!(source.kind(), SourceKind::Table);
    assert!(source.is_quoted_by(c));
    assert_eq!(source.published().to_string(), "2023-09");
    assert_eq!(d.nation().as_str(), "USA");
    assert_eq!(d.as_of().to_string(), "2020-03");
    let ledger = Ledger::new(data);
    let germany = us_in(&ledger, "2020-03-31", "DEU");
    assert_eq!(germany.strength().to_string(), "34674");
    assert!(germany
        .basis()
        .iter()
        .any(|r| r.as_str() == "TDQ-DEU-2020-03"));
}

#[test]
fn a_zero_without_a_report_is_not_reported_and_the_last_figure_stands() {
    let import = excerpt();
    let data = &import.dataset;
    assert_eq!(
        deployment(data, "TDQ-DEU-2023-03").strength().kind(),
        StrengthKind::NotReported
    );
    let ledger = Ledger::new(data);
    let germany = us_in(&ledger, "2023-03-31", "DEU");
    assert_eq!(germany.strength().to_string(), "35781", "not 0");
    assert_eq!(
        germany.last_observed().map(|d| d.to_string()).as_deref(),
        Some("2022-09-01")
    );
    assert_eq!(
        germany
            .not_reported_since()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2023-03-01")
    );
    // Observed 211 days before, but the table's next edition came on
    // 2022-12-01, 120 days before: a quarterly source with a gap of two
    // quarters is not stale after 180 days. By 2023-08-31 (273 days after
    // that edition, the June 2023 edition without a report between) it is.
    assert!(!germany.is_stale(), "the next edition was 120 days before");
    assert!(us_in(&ledger, "2023-08-31", "DEU").is_stale());
    let strict = ledger.posture_with(
        "2023-03-31".parse().expect("day"),
        troop_tracker::PostureOptions {
            stale_after_days: 119,
            ..troop_tracker::PostureOptions::default()
        },
    );
    assert!(strict
        .entries()
        .iter()
        .any(|e| e.key().to_string() == "USA in DEU" && e.is_stale()));
    // Before the unreported quarters, nothing says "not reported"; after
    // the next report, nothing does either.
    assert_eq!(
        us_in(&ledger, "2022-09-30", "DEU").not_reported_since(),
        None
    );
    let later = us_in(&ledger, "2023-09-30", "DEU");
    assert_eq!(
        (later.strength().to_string(), later.not_reported_since()),
        ("35188".to_owned(), None)
    );
    // Iraq: DMDC stopped publishing; the last figure is the inserted estimate.
    assert_eq!(
        deployment(data, "TDQ-IRQ-2019-09").strength().kind(),
        StrengthKind::NotReported
    );
    let iraq = us_in(&ledger, "2019-09-30", "IRQ");
    assert_eq!(iraq.strength().to_string(), "~5200");
    assert_eq!(
        iraq.not_reported_since().map(|d| d.to_string()).as_deref(),
        Some("2019-09-01")
    );
    // The total is what is known, not a sum of the table's zeros.
    let total = ledger.posture("2023-03-31".parse().expect("day")).total();
    // Germany's last report. Russia's 59 of 1992, the imputed USA row of
    // 1951 and (in this excerpt, whose 2022-09 edition lists Germany
    // only) Iraq's 0 of 2021-09 are figures later editions stopped
    // listing: left out, and said to be.
    let iraq = 0;
    assert_eq!(total.low(), 35781 + iraq);
    let p = ledger.posture("2023-03-31".parse().expect("day"));
    let (count, sum) = p.left_out();
    let imputed_low = 1_414_526 - 1_414_526u64.div_ceil(10);
    assert_eq!((count, sum.low()), (3, iraq + 59 + imputed_low));
    let (flagged, in_question) = p.flagged();
    assert!(flagged > 0, "the excerpt's 2023 has flagged figures");
    // The summary says so under its tables, and how much of the total
    // rests on flagged figures (the tables are the `tables` feature's).
    #[cfg(feature = "tables")]
    {
        let text = troop_tracker::summary::posture_tables(&p, 1000);
        assert!(
            text.contains(&format!(
                "\nLeft out of these totals: 3 figures their own tables stopped listing (together {sum} when last listed); --count-ended counts them.\n"
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "\nOf the total, {in_question} rests on {flagged} flagged figures (disputed,"
            )),
            "{text}"
        );
    }
    #[cfg(not(feature = "tables"))]
    let _ = in_question;
}

#[test]
fn a_row_without_a_country_code_is_named_not_dropped() {
    let import = excerpt();
    let [problem] = import
        .problems
        .iter()
        .filter(|p| p.leaves_out_rows())
        .collect::<Vec<_>>()[..]
    else {
        panic!("one row left out: {:?}", import.problems);
    };
    assert_eq!(problem.position().line_number(), Some(22));
    assert!(problem
        .position()
        .file_name()
        .ends_with(troopdata::QUARTERLY_FILE));
    assert_eq!(
        problem.kind(),
        &ProblemKind::NoCountryCode {
            place: "Yemen".into()
        }
    );
    assert_eq!(problem.severity(), Severity::Warning);
    assert_eq!(problem.code(), "no-country-code");
    assert!(problem.to_string().contains(
        "line 22: expected an ISO country code, found none for \"Yemen\"; the row is not imported"
    ));
}

#[test]
fn a_june_double_is_a_spike_and_the_tables_disagree() {
    let import = excerpt();
    let report = import.dataset.validate();
    let spikes: Vec<&[String]> = report.by_rule(Rule::Spike).map(|f| f.records()).collect();
    let spiked: Vec<&str> = spikes
        .iter()
        .flat_map(|r| r.iter())
        .filter(|r| r.contains("-06"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        spiked,
        ["TDQ-DEU-2019-06", "TDQ-DEU-2020-06"],
        "only the doubled rows, not the reports"
    );
    let disagree: Vec<_> = report
        .by_rule(Rule::CompetingClaims)
        .filter(|f| f.severity() == Severity::Error)
        .collect();
    let pairs: Vec<&[String]> = disagree.iter().map(|f| f.records()).collect();
    assert_eq!(
        pairs,
        [
            &["TDQ-DEU-2019-06".to_owned(), "TDR-DEU-2019-06".to_owned()][..],
            &["TDQ-DEU-2020-06".to_owned(), "TDR-DEU-2020-06".to_owned()][..]
        ]
    );
    let message = disagree[1].message();
    assert!(
        message.contains(&fixture_line(troopdata::QUARTERLY_FILE, 10)),
        "{message}"
    );
    assert!(
        message.contains(&fixture_line(troopdata::REPORTS_FILE, 8)),
        "{message}"
    );
    assert!(message.contains("cannot both be true"));
    // Before the quotes, each figure names the source and line it comes
    // from and its record, so a reader finds the row without the quote.
    let head = message.split("; quoted:").next().unwrap_or_default();
    for (source, line, id) in [
        (troopdata::QUARTERLY_SOURCE, 10, "TDQ-DEU-2020-06"),
        (troopdata::REPORTS_SOURCE, 8, "TDR-DEU-2020-06"),
    ] {
        assert!(
            head.contains(&format!("({source} line {line}, {id})")),
            "{message}"
        );
    }
    // A posture takes the raw report.
    let ledger = Ledger::new(&import.dataset);
    assert_eq!(
        us_in(&ledger, "2020-06-30", "DEU").strength().to_string(),
        "34146"
    );
}

#[test]
fn a_duplicated_key_is_named_and_both_rows_compared() {
    let import = excerpt();
    let dup: Vec<_> = import
        .problems
        .iter()
        .filter(|p| !p.leaves_out_rows())
        .collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].position().line_number(), Some(3));
    assert_eq!(
        dup[0].kind(),
        &ProblemKind::DuplicateKey {
            first_line: 2,
            key: "RUS 1992-09".into()
        }
    );
    let data = &import.dataset;
    assert_eq!(
        deployment(data, "TDR-RUS-1992-09-L3")
            .strength()
            .to_string(),
        "59"
    );
    let report = data.validate();
    let named: Vec<(Severity, String)> =
        dup.iter().map(|p| (p.severity(), p.to_string())).collect();
    assert_eq!(named[0].0, Severity::Note);
    assert!(named[0].1.ends_with(
        "line 3: RUS 1992-09 is also given on line 2 of the same table; both are imported, as competing claims"
    ));
    assert!(report
        .by_rule(Rule::CompetingClaims)
        .any(|f| f.severity() == Severity::Note
            && f.records() == ["TDR-RUS-1992-09", "TDR-RUS-1992-09-L3"]));
}

fn texts(quarterly: &str) -> Result<Import, LoadError> {
    troopdata::from_texts(("q.csv".into(), quarterly.into()), None)
}

const HEADER: &str = "iso3c,countryname,year,month,source,troops_ad\n";

#[test]
fn bad_input_is_named_by_file_line_and_column() {
    let e = texts("iso3c,countryname,year,month,source\nDEU,Germany,2020,June,June 2020\n")
        .expect_err("a missing column");
    let p = e.first().expect("a problem");
    assert_eq!(
        p.kind(),
        &ProblemKind::MissingColumn {
            column: "troops_ad".into()
        }
    );
    assert_eq!(
        (p.position().file_name(), p.position().line_number()),
        ("q.csv", Some(1))
    );
    let import = texts(&format!(
        "{HEADER}DEU,Germany,2020,Juno,June 2020,1\nDEU,Germany,2020,June,June 2020,-4\nDEU,Germany,2020,March,March 2020,7\nxx,Somewhere,2020,June,June 2020,1\n"
    ))
    .expect("imports the good row");
    let kinds: Vec<(Option<u64>, String)> = import
        .problems
        .iter()
        .map(|p| (p.position().line_number(), p.to_string()))
        .collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert!(kinds[0]
        .1
        .contains("q.csv line 2, column month: expected a month's English name"));
    assert!(kinds[1].1.contains(
        "line 3, column troops_ad: expected a whole number of troops or NA, found \"-4\""
    ));
    assert!(kinds[2].1.contains("line 5, column iso3c"));
    assert_eq!(import.dataset.deployments().len(), 1);
    let unreadable: Vec<(Severity, bool)> = import
        .problems
        .iter()
        .map(|p| (p.severity(), p.leaves_out_rows()))
        .collect();
    assert_eq!(unreadable, [(Severity::Warning, true); 3]);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/no-such-troopdata");
    match troopdata::read_dir(&dir) {
        Err(e) => {
            assert!(matches!(
                e.first().map(|p| p.kind()),
                Some(ProblemKind::Io { .. })
            ));
            assert!(e.to_string().contains("no-such-troopdata"), "{e}");
        }
        other => panic!("expected Io, found {other:?}"),
    }
    // Months by name or a prefix of three letters or more.
    let import = texts(&format!(
        "{HEADER}DEU,Germany,2020,Jun,x,1\nDEU,Germany,2020,SEPT,x,1\nDEU,Germany,2020,Ju,x,1\n"
    ))
    .expect("imports");
    let dates: Vec<String> = import
        .dataset
        .deployments()
        .iter()
        .map(|d| d.as_of().to_string())
        .collect();
    assert_eq!(dates, ["2020-06", "2020-09"]);
    assert_eq!(import.problems.len(), 1, "Ju is June or July");
    match texts(&format!("{HEADER}\"DEU,Germany,2020,June,June 2020,1\n")) {
        Err(e) => {
            assert!(matches!(
                e.first().map(|p| p.kind()),
                Some(ProblemKind::Csv { .. } | ProblemKind::NoDatedRow)
            ));
            assert!(e.to_string().contains("q.csv"));
        }
        other => panic!("expected an error, found {other:?}"),
    }
}

/// A table with no row to date it by (its header alone, or rows whose
/// month cannot be read) cannot be dated as a source: an error naming the
/// file, never a source dated by guess.
#[test]
fn a_table_with_no_dated_row_is_an_error_naming_it() {
    for text in [
        HEADER.to_owned(),
        format!("{HEADER}DEU,Germany,2020,Juno,June 2020,1\n"),
    ] {
        let e = texts(&text).expect_err("nothing to date the table by");
        let first = e.first().expect("a problem");
        assert!(matches!(first.kind(), ProblemKind::NoDatedRow), "{e}");
        assert_eq!(first.position().file_name(), "q.csv");
        assert!(
            e.to_string()
                .contains("expected at least one row with a year and a month, found none"),
            "{e}"
        );
    }
}

/// A quarterly table of one country: `figures` by quarter from 2000-03.
fn series(figures: &[u32]) -> String {
    let months = ["March", "June", "September", "December"];
    let mut text = HEADER.to_owned();
    for (i, n) in figures.iter().enumerate() {
        let month = months[i % 4];
        let year = 2000 + i / 4;
        text.push_str(&format!("DEU,Germany,{year},{month},{month} {year},{n}\n"));
    }
    text
}

fn spiked(figures: &[u32]) -> Vec<String> {
    let import = texts(&series(figures)).expect("imports");
    let report = import.dataset.validate();
    let records: Vec<String> = report
        .by_rule(Rule::Spike)
        .map(|f| f.records()[1].clone())
        .collect();
    records
}

proptest! {
    // 64 cases (each imports a table); `PROPTEST_CASES` overrides.
    #![proptest_config(ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() { ProptestConfig::default().cases } else { 64 },
        ..ProptestConfig::default()
    })]

    /// A series that drifts by at most 10% per quarter has no spike; the
    /// same series with one interior figure doubled has exactly that one.
    #[test]
    fn a_doubled_quarter_is_the_only_spike(
        start in 1_000u32..100_000,
        drift in prop::collection::vec(-10i32..=10, 3..24),
        at in any::<prop::sample::Index>(),
    ) {
        let mut figures = vec![start];
        for d in &drift {
            let last = i64::from(*figures.last().expect("one"));
            let next = last + last * i64::from(*d) / 100;
            figures.push(u32::try_from(next.max(1)).expect("fits"));
        }
        prop_assert!(spiked(&figures).is_empty(), "{figures:?}");
        let i = 1 + at.index(figures.len() - 2);
        figures[i] *= 2;
        let (year, month) = (2000 + i / 4, ["03", "06", "09", "12"][i % 4]);
        prop_assert_eq!(spiked(&figures), [format!("TDQ-DEU-{year}-{month}")], "{:?}", figures);
    }
}

#[test]
fn the_threshold_is_the_stated_one() {
    assert_eq!(troop_tracker::validate::SPIKE_RATIO, 1.8);
    // 1.8 times the higher neighbour is a spike; just under is not; nor a
    // step that does not come back, nor a small count.
    assert_eq!(spiked(&[1000, 1800, 1000]).len(), 1);
    assert!(spiked(&[1000, 1799, 1000]).is_empty());
    assert!(spiked(&[1000, 2000, 2000]).is_empty());
    assert!(
        spiked(&[1000, 2000, 700]).is_empty(),
        "neighbours 30% apart"
    );
    assert!(
        spiked(&[20, 60, 20]).is_empty(),
        "an excess under 50 troops"
    );
}

/// A 0 read as not reported is no figure of the series: the figures
/// around it are each other's neighbours, so a spike right after it is
/// still found against the last reported figure.
#[test]
fn a_zero_read_as_not_reported_is_no_neighbour() {
    let import = texts(&series(&[1000, 1000, 0, 2000, 1000, 1000])).expect("imports");
    let zero = deployment(&import.dataset, "TDQ-DEU-2000-09");
    assert!(zero.is_not_reported(), "{:?}", zero.strength());
    assert_eq!(
        spiked(&[1000, 1000, 0, 2000, 1000, 1000]),
        ["TDQ-DEU-2000-12"]
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_its_line() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("troopdata-latin1");
    std::fs::create_dir_all(&dir).expect("folder");
    let mut quarterly = HEADER.as_bytes().to_vec();
    quarterly.extend_from_slice(
        b"DEU,Germany,2020,June,June 2020,1\nCIV,C\xf4te d'Ivoire,2020,June,June 2020,1\n",
    );
    std::fs::write(dir.join(troopdata::QUARTERLY_FILE), quarterly).expect("write");
    std::fs::write(dir.join(troopdata::REPORTS_FILE), HEADER).expect("write");
    match troopdata::read_dir(&dir) {
        Err(e) => {
            let p = e.first().expect("a problem");
            assert!(p
                .position()
                .file_name()
                .ends_with(troopdata::QUARTERLY_FILE));
            assert_eq!(p.position().line_number(), Some(3));
            assert!(e.to_string().contains("not UTF-8"), "{e}");
        }
        other => panic!("expected NotUtf8, found {other:?}"),
    }
}

#[test]
#[cfg(feature = "chart")]
fn timelines_and_charts_say_where_no_report_was_published() {
    use troop_tracker::chart::{chart, render_svg, DEFAULT_SIZE};
    use troop_tracker::Subject;
    let import = excerpt();
    let data = &import.dataset;
    let germany = Subject::Location("DEU".parse().expect("code"));
    let items = data.timeline(&germany);
    let line = |id: &str| {
        items
            .iter()
            .find(|i| i.record == id)
            .unwrap_or_else(|| panic!("{id} in the timeline"))
    };
    let unreported = line("TDQ-DEU-2023-03");
    assert!(unreported.is_not_reported());
    assert_eq!(
        unreported.step.change,
        "not reported (the last reported figure stands)"
    );
    assert_eq!(
        unreported.strength_after.map(|s| s.to_string()).as_deref(),
        Some("35781")
    );
    assert!(!line("TDQ-DEU-2022-09").is_not_reported());
    assert_eq!(line("TDQ-DEU-2022-09").step.change, "observed 35781");
    let c = chart(&Ledger::new(data), &germany);
    let flags: Vec<(String, bool)> = c.series[0]
        .points
        .iter()
        .filter(|p| p.day.to_string().starts_with("202"))
        .map(|p| (p.day.to_string(), p.not_reported))
        .collect();
    let unreported_days: Vec<&str> = flags.iter().filter(|f| f.1).map(|f| f.0.as_str()).collect();
    assert_eq!(unreported_days, ["2022-12-31", "2023-03-31", "2023-06-30"]);
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    assert_eq!(
        svg.matches("class=\"point\"").count() + svg.matches("class=\"point flagged\"").count(),
        c.series.iter().map(|s| s.points.len()).sum::<usize>(),
        "a mark per point"
    );
    assert_eq!(
        svg.matches("fill=\"white\" stroke=\"rgb(").count(),
        3,
        "hollow points"
    );
    // The legend says what a hollow point is.
    assert!(svg.contains(">not reported: the last reported figure stands<"));
    assert_eq!(
        svg.matches("(not reported: the last reported figure stands)")
            .count(),
        3
    );
}

#[test]
fn a_nul_byte_in_a_table_is_refused_with_its_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/troopdata");
    let text = std::fs::read_to_string(dir.join(troopdata::QUARTERLY_FILE)).expect("the excerpt");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[2].insert(5, '\0');
    let broken = lines.join("\n") + "\n";
    let err = troopdata::from_texts(("q.csv".to_owned(), broken), None).expect_err("a NUL byte");
    let p = err.first().expect("a problem");
    assert_eq!(p.kind(), &ProblemKind::NulByte { byte: 6 });
    assert_eq!(p.position().line_number(), Some(3));
    assert_eq!(
        err.to_string(),
        "q.csv line 3: expected text, found a NUL byte at byte 6 of the line"
    );
}

/// A report's row whose own label says it holds no figure ("(not
/// available)", "(See Deployment Section)") is not reported, whatever its
/// count cell says: the posture keeps the figure before it.
#[test]
fn a_row_labelled_without_a_figure_is_not_reported() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/troopdata");
    // The quarterly table copies the report's 0 for 2004-09, without the
    // report's label.
    let quarterly = std::fs::read_to_string(dir.join(troopdata::QUARTERLY_FILE))
        .expect("the excerpt")
        + "700,AFG,Afghanistan,2004,June,2,Kane 2006,16000\n\
               700,AFG,Afghanistan,2004,September,3,September 2004,0\n";
    let reports = "ccode,countryname,year,month,source,Location,iso3c,troops_ad\n\
        700,Afghanistan,2004,September,September 2004,Afghanistan (not available),AFG,0\n\
        645,Iraq,2005,September,September 2005,Iraq (See Deployment Section),IRQ,0\n\
        645,Iraq,2005,June,June 2005,Iraq,IRQ,0\n";
    let import = troopdata::from_texts(
        ("q.csv".to_owned(), quarterly),
        Some(("r.csv".to_owned(), reports.to_owned())),
    )
    .expect("imports");
    let data = &import.dataset;
    for id in ["TDR-AFG-2004-09", "TDQ-AFG-2004-09"] {
        let afg = deployment(data, id);
        assert_eq!(afg.strength().kind(), StrengthKind::NotReported, "{id}");
        let note = afg.citation().note().unwrap_or_default();
        assert!(note.contains("(not available)"), "{id}: {note}");
    }
    assert_eq!(
        import.counts[0]
            .by_reading
            .get(Reading::NotCovered.as_str()),
        Some(&1)
    );
    assert_eq!(
        deployment(data, "TDR-IRQ-2005-09").strength().kind(),
        StrengthKind::NotReported
    );
    // A row whose label says nothing of the kind keeps its 0.
    assert_eq!(
        deployment(data, "TDR-IRQ-2005-06").strength().to_string(),
        "0"
    );
    let reports = &import.counts[1];
    assert_eq!(
        reports.by_reading.get(Reading::NotCovered.as_str()),
        Some(&2)
    );
    let ledger = Ledger::new(data);
    let kabul = us_in(&ledger, "2004-12-31", "AFG");
    assert_eq!(kabul.bounds().to_string(), "16000");
    assert_eq!(
        kabul.not_reported_since().map(|d| d.to_string()),
        Some("2004-09-01".to_owned())
    );
}

/// The day the USA's figure in `country` ended, as known at the end of
/// `day`, if it did.
fn ended_in(ledger: &Ledger<'_>, day: &str, country: &str) -> Option<String> {
    us_in(ledger, day, country).ended().map(|d| d.to_string())
}

/// A figure its own table stopped listing (no row at all in a later
/// edition, not even "not reported") has ended: shown, flagged, left out
/// of totals by default, counted on request.
#[test]
fn figures_a_table_stopped_listing_leave_the_totals() {
    let quarterly = "ccode,iso3c,countryname,year,month,quarter,source,troops_ad\n\
        260,DEU,Germany,2020,March,1,March 2020,100\n\
        365,MHL,Marshall Islands,2020,March,1,March 2020,7\n\
        732,KOR,Korea,2020,March,1,March 2020,50\n\
        260,DEU,Germany,2020,June,2,June 2020,110\n\
        732,KOR,Korea,2020,June,2,NA,0\n";
    let import =
        troopdata::from_texts(("q.csv".to_owned(), quarterly.to_owned()), None).expect("imports");
    let ledger = Ledger::new(&import.dataset);
    // Before the June edition, all three are current.
    let march = ledger.posture("2020-05-31".parse().expect("day"));
    assert_eq!(march.total().to_string(), "157");
    assert_eq!(march.left_out().0, 0);
    // The June edition lists Germany and Korea (not reported: a row, so
    // its figure stands), not the Marshall Islands.
    let june = ledger.posture("2020-06-30".parse().expect("day"));
    assert_eq!(
        ended_in(&ledger, "2020-06-30", "MHL"),
        Some("2020-06-01".to_owned())
    );
    assert_eq!(ended_in(&ledger, "2020-06-30", "KOR"), None);
    assert_eq!(ended_in(&ledger, "2020-06-30", "DEU"), None);
    assert_eq!(june.total().to_string(), "160");
    assert_eq!(june.abroad().to_string(), "160");
    let (count, sum) = june.left_out();
    assert_eq!((count, sum.to_string()), (1, "7".to_owned()));
    let by_location: Vec<String> = june
        .by_location()
        .iter()
        .map(|v| format!("{} {}", v.label, v.total))
        .collect();
    // The Marshall Islands' view keeps its last listed figure, flagged;
    // the posture's totals leave it out.
    assert!(by_location.contains(&"MHL 7".to_owned()), "{by_location:?}");
    // Counted on request.
    let counted = ledger.posture_with(
        "2020-06-30".parse().expect("day"),
        troop_tracker::PostureOptions {
            count_ended: true,
            ..Default::default()
        },
    );
    assert_eq!(counted.total().to_string(), "167");
    assert_eq!(counted.left_out().0, 0);
    let mut csv = Vec::new();
    troop_tracker::export::write_totals(&mut csv, &june, Default::default()).expect("writes");
    let csv = String::from_utf8(csv).expect("UTF-8");
    assert!(
        csv.contains(
            ",left_out,figures their own tables stopped listing (not in the totals above),7,7,7,false,1,"
        ),
        "{csv}"
    );
}

/// A figure both tables list has ended only once each has published an
/// edition without it after its last row there: on the later of those
/// days. Either table may be the one that stops first.
#[test]
fn a_figure_two_tables_list_ends_when_both_have_stopped() {
    // One table's rows of 2020, `(month, quarter, country)`, 100 troops
    // each, in the quarterly (`q`) or the reports' (`r`) columns.
    let table = |kind: &str, rows: &[(&str, u32, &str)]| -> String {
        let mut text = if kind == "q" {
            "ccode,iso3c,countryname,year,month,quarter,source,troops_ad\n".to_owned()
        } else {
            "ccode,countryname,year,month,source,Location,iso3c,troops_ad\n".to_owned()
        };
        for (month, quarter, iso) in rows {
            text.push_str(&if kind == "q" {
                format!("1,{iso},X,2020,{month},{quarter},{month} 2020,100\n")
            } else {
                format!("1,X,2020,{month},{month} 2020,X,{iso},100\n")
            });
        }
        text
    };
    // One lists Germany in March only, the other from March to
    // September; each then has an edition without it.
    let early: &[(&str, u32, &str)] = &[("March", 1, "DEU"), ("June", 2, "KOR")];
    let late: &[(&str, u32, &str)] = &[
        ("March", 1, "DEU"),
        ("June", 2, "DEU"),
        ("September", 3, "DEU"),
        ("December", 4, "KOR"),
    ];
    for (reports, quarterly) in [(early, late), (late, early)] {
        let import = troopdata::from_texts(
            ("q.csv".to_owned(), table("q", quarterly)),
            Some(("r.csv".to_owned(), table("r", reports))),
        )
        .expect("imports");
        let ledger = Ledger::new(&import.dataset);
        let ended = |day: &str| ended_in(&ledger, day, "DEU");
        assert_eq!(ended("2020-09-30"), None, "one table lists it still");
        assert_eq!(ended("2020-12-31"), Some("2020-12-01".to_owned()));
    }
}

/// A figure another observation of its day disagrees with is flagged in
/// every output, naming the other side.
#[test]
fn a_disputed_figure_is_flagged_with_its_other_side() {
    let import = excerpt();
    let ledger = Ledger::new(&import.dataset);
    let p = ledger.posture("2020-06-30".parse().expect("day"));
    let germany = p
        .entries()
        .iter()
        .find(|e| e.key().to_string() == "USA in DEU")
        .expect("Germany");
    let others: Vec<&str> = germany.disputed_by().iter().map(|r| r.as_str()).collect();
    assert_eq!(others, ["TDQ-DEU-2020-06"]);
    assert!(germany
        .flags()
        .contains(&troop_tracker::posture::Flag::Disputed));
    let mut csv = Vec::new();
    troop_tracker::export::write_posture(&mut csv, &p, Default::default()).expect("writes");
    let csv = String::from_utf8(csv).expect("UTF-8");
    let row = csv
        .lines()
        .find(|l| l.contains(",DEU,"))
        .expect("Germany's row");
    assert!(row.contains(",TDQ-DEU-2020-06,"), "{row}");
    assert!(row.contains("disputed"), "{row}");
    let json = serde_json::to_value(troop_tracker::rows::posture(&p)).expect("JSON");
    let entry = json
        .as_array()
        .expect("rows")
        .iter()
        .find(|e| e["disputed_by"] == "TDQ-DEU-2020-06")
        .expect("flagged in JSON");
    assert!(entry["flags"]
        .as_str()
        .expect("flags")
        .split(';')
        .any(|f| f == "disputed"));
    // The totals say how much rests on flagged figures.
    let (flagged, sum) = p.flagged();
    assert!(flagged >= 1 && sum.low() >= 34146, "{flagged} {sum}");
    let mut totals = Vec::new();
    troop_tracker::export::write_totals(&mut totals, &p, Default::default()).expect("writes");
    let totals = String::from_utf8(totals).expect("UTF-8");
    assert!(totals.contains(",flagged,"), "{totals}");
    // A quarter where the two agree (March 2020: 34,674 in both) is not
    // disputed.
    let earlier = ledger.posture("2020-03-31".parse().expect("day"));
    assert!(earlier.entries().iter().all(|e| e.disputed_by().is_empty()));
}

/// A CRLF copy of the tables (what Excel and Python write) is read through
/// the loader's guard: every figure cites the same line and row as on the
/// LF original, and the first cites line 2, not the header. (Before, the
/// csv crate's line count put each citation one line early, and the
/// citation check passed because the quote came from the same wrong line.)
#[test]
fn a_crlf_copy_cites_the_same_lines() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/troopdata");
    let read = |name: &str, crlf: bool| {
        let text = std::fs::read_to_string(dir.join(name)).expect("fixture");
        let text = if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        (name.to_owned(), text)
    };
    let import = |crlf: bool| {
        troopdata::from_texts(
            read(troopdata::QUARTERLY_FILE, crlf),
            Some(read(troopdata::REPORTS_FILE, crlf)),
        )
        .expect("imports")
    };
    let (lf, crlf) = (import(false), import(true));
    let cites = |i: &Import| -> Vec<(String, Option<usize>, String)> {
        i.dataset
            .deployments()
            .iter()
            .map(|d| {
                let c = d.citation();
                (d.id().to_string(), c.line(), c.quote().to_owned())
            })
            .collect()
    };
    assert_eq!(cites(&lf), cites(&crlf));
    let first = &cites(&crlf)[0];
    assert_eq!(first.1, Some(2), "{first:?}");
    assert_eq!(first.2, fixture_line(troopdata::QUARTERLY_FILE, 2));
    // And the citations check: every quote is its line.
    let report = crlf.dataset.validate();
    assert_eq!(report.by_rule(Rule::References).count(), 0);
    // A row problem names the same line too.
    let lines = |i: &Import| {
        i.problems
            .iter()
            .map(|p| p.position().line_number())
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&lf), lines(&crlf));
    assert!(!lines(&crlf).is_empty());
}

#[test]
fn a_first_quarter_not_reported_keeps_no_earlier_figure() {
    // Germany's first row is a quarter without a report: nothing stands
    // before it, so its line says what was observed, not that a last
    // reported figure stands; the next quarter's does keep one.
    let import = texts(&format!(
        "{HEADER}DEU,Germany,2020,March,NA,0\nDEU,Germany,2020,June,June 2020,1000\nDEU,Germany,2020,September,NA,0\n"
    ))
    .expect("imports");
    let germany = troop_tracker::Subject::Location("DEU".parse().expect("code"));
    let items = import.dataset.timeline(&germany);
    let change = |id: &str| {
        let item = items
            .iter()
            .find(|i| i.record == id)
            .unwrap_or_else(|| panic!("{id} in the timeline"));
        (item.is_not_reported(), item.step.change.clone())
    };
    assert_eq!(change("TDQ-DEU-2020-03"), (true, "observed n/r".to_owned()));
    assert_eq!(
        change("TDQ-DEU-2020-06"),
        (false, "observed 1000".to_owned())
    );
    assert_eq!(
        change("TDQ-DEU-2020-09"),
        (
            true,
            "not reported (the last reported figure stands)".to_owned()
        )
    );
}

/// What the tool prints after an import: the import's problems, then the
/// findings, each at least as severe as asked, one paragraph each; then
/// the counts of both, saying how many are not shown.
#[test]
#[cfg(feature = "tables")]
fn the_checks_text_lists_problems_then_findings_then_counts_them() {
    let import = excerpt();
    let report = import.dataset.validate();
    let problems = &import.problems;
    let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let count =
        |s: Severity| report.count(s) + problems.iter().filter(|p| p.severity() == s).count();
    let counts = format!(
        "{} errors, {} warnings, {} notes",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    );
    // The excerpt has something of each severity, so each cut hides some.
    for s in [Severity::Error, Severity::Warning, Severity::Note] {
        assert!(count(s) > 0, "{s:?}");
    }
    assert!(problems.iter().any(|p| p.severity() == Severity::Note));
    assert!(problems.iter().any(|p| p.severity() < Severity::Note));
    for (least, hidden) in [
        (
            Severity::Error,
            format!(
                " ({} warnings and {} notes not shown)",
                count(Severity::Warning),
                count(Severity::Note)
            ),
        ),
        (
            Severity::Warning,
            format!(" ({} notes not shown)", count(Severity::Note)),
        ),
        (Severity::Note, String::new()),
    ] {
        let text = troop_tracker::summary::checks_text(problems, &report, least, 4000);
        let mut expected: Vec<String> = problems
            .iter()
            .filter(|p| p.severity() <= least)
            .map(|p| one_line(format!("{} [{}] {p}", p.severity(), p.code())))
            .collect();
        expected.extend(
            report
                .findings()
                .iter()
                .filter(|f| f.severity() <= least)
                .map(|f| one_line(f.to_string())),
        );
        expected.push(format!("{counts}{hidden}"));
        assert_eq!(text.lines().collect::<Vec<_>>(), expected, "{least:?}");
    }
    // With no notes at all, none are said to be hidden.
    let warnings = report.at_least(Severity::Warning);
    let text = troop_tracker::summary::checks_text(&[], &warnings, Severity::Error, 4000);
    assert!(
        text.ends_with(&format!(
            "\n{} errors, {n} warnings, 0 notes ({n} warnings not shown)\n",
            report.count(Severity::Error),
            n = report.count(Severity::Warning)
        )),
        "{text}"
    );
}
