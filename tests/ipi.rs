//! The UN's monthly contributions (IPI's table) on excerpts written here:
//! how each row is read, what the checks of parts and wholes find, and a
//! renamed mission's continuity. CI imports the full file where it is.

use troop_tracker::import::{ipi, Import};
use troop_tracker::ProblemKind;
use troop_tracker::{Ledger, Rule, Severity};

const HEADER: &str = "Date,Contributor,Contributor_ISO-3,Mission,Individual_Police_Male,Individual_Police_Female,Individual_Police_Total,Formed_Police_Units_Male,Formed_Police_Units_Female,Formed_Police_Units_Total,Experts_on_Mission_Male,Experts_on_Mission_Female,Experts_on_Mission_Total,Troops_Male,Troops_Female,Troops_Total,Total_Male,Total_Female,Total_Total";

/// A row: police (m, f, t), troops (m, f, t) and their total; `NA` for a
/// `None`.
fn row(
    date: &str,
    who: &str,
    iso: &str,
    mission: &str,
    police: Option<(u64, u64, u64)>,
    troops: Option<(u64, u64, u64)>,
) -> String {
    let cells = |c: Option<(u64, u64, u64)>| match c {
        Some((m, f, t)) => format!("{m},{f},{t}"),
        None => "NA,NA,NA".to_owned(),
    };
    let total = match (police, troops) {
        (None, None) => None,
        (p, t) => {
            let (pm, pf, pt) = p.unwrap_or((0, 0, 0));
            let (tm, tf, tt) = t.unwrap_or((0, 0, 0));
            Some((pm + tm, pf + tf, pt + tt))
        }
    };
    format!(
        "{date},{who},{iso},{mission},{},NA,NA,NA,NA,NA,NA,{},{}",
        cells(police),
        cells(troops),
        cells(total)
    )
}

/// Two months: June 2010 (MONUC) and July 2010 (MONUSCO), Ghana and
/// India, with their totals and the grand total.
fn clean() -> Vec<String> {
    let mut rows = vec![HEADER.to_owned()];
    for (date, mission) in [("2010-06-30", "MONUC"), ("2010-07-31", "MONUSCO")] {
        rows.push(row(
            date,
            "all",
            "all",
            "all",
            Some((10, 2, 12)),
            Some((1400, 60, 1460)),
        ));
        rows.push(row(date, "Ghana", "GHA", "all", None, Some((450, 10, 460))));
        rows.push(row(
            date,
            "Ghana",
            "GHA",
            mission,
            None,
            Some((450, 10, 460)),
        ));
        rows.push(row(
            date,
            "India",
            "IND",
            "all",
            Some((10, 2, 12)),
            Some((950, 50, 1000)),
        ));
        rows.push(row(
            date,
            "India",
            "IND",
            mission,
            None,
            Some((750, 50, 800)),
        ));
        rows.push(row(
            date,
            "India",
            "IND",
            "UNIFIL",
            None,
            Some((200, 0, 200)),
        ));
        rows.push(row(date, "India", "IND", "UNMIL", Some((10, 2, 12)), None));
    }
    rows
}

fn import(rows: &[String], eol: &str) -> Import {
    let text = rows.join(eol) + eol;
    ipi::from_text(("full_gender_data.csv".into(), text)).expect("imports")
}

fn troops_of(import: &Import, day: &str, key: &str) -> Option<String> {
    let ledger = Ledger::new(&import.dataset);
    let p = ledger.posture(day.parse().expect("day"));
    p.entries()
        .iter()
        .find(|e| e.key().to_string() == key)
        .map(|e| e.strength().to_string())
}

#[test]
fn troops_are_read_by_nation_and_mission_in_the_host_country() {
    let import = import(&clean(), "\n");
    let counts = &import.counts[0];
    assert_eq!((counts.rows, counts.imported), (14, 14));
    let by: Vec<(&str, usize)> = counts
        .by_reading
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(by, [("not_troops", 2), ("total", 6), ("troops", 6)]);
    assert_eq!(
        troops_of(&import, "2010-06-30", "IND in COD under MONUC").as_deref(),
        Some("800")
    );
    assert_eq!(
        troops_of(&import, "2010-06-30", "IND in LBN under UNIFIL").as_deref(),
        Some("200")
    );
    // Police are not troops: India's 12 police in UNMIL make no figure.
    assert_eq!(
        troops_of(&import, "2010-06-30", "IND in LBR under UNMIL"),
        None
    );
    let d = import
        .dataset
        .deployments()
        .iter()
        .find(|d| d.id().as_str() == "IPI-IND-UNIFIL-2010-06-30")
        .expect("the row");
    assert_eq!(d.citation().line(), Some(7));
    assert!(d
        .citation()
        .note()
        .is_some_and(|n| n.contains("not counted as troops")));
    // The total is the troops' sum, 1,460 = the grand total's troops.
    let ledger = Ledger::new(&import.dataset);
    let total = ledger.posture("2010-06-30".parse().expect("day")).total();
    assert_eq!(total.to_string(), "1460");
    // A clean table: no problem, no stated total off.
    assert!(import.problems.is_empty(), "{:?}", import.problems);
}

#[test]
fn a_renamed_mission_is_linked_and_its_old_figures_end() {
    let import = import(&clean(), "\n");
    let monusco = import
        .dataset
        .mission(&"MONUSCO".parse().expect("id"))
        .expect("MONUSCO");
    assert_eq!(monusco.predecessor().map(|m| m.as_str()), Some("MONUC"));
    assert_eq!(monusco.host().as_str(), "COD");
    assert!(import
        .dataset
        .mission(&"MONUC".parse().expect("id"))
        .is_some());
    // So does its chart: MONUC's contributions, then MONUSCO's (charts
    // are the `chart` feature's).
    #[cfg(feature = "chart")]
    {
        assert_eq!(
            monusco_sums(&import),
            [
                ("2010-06-30".to_owned(), "1260".to_owned()),
                ("2010-07-31".to_owned(), "1260".to_owned())
            ]
        );
    }
    // In July, MONUC's figures are no longer listed: they leave the totals.
    let ledger = Ledger::new(&import.dataset);
    let july = ledger.posture("2010-07-31".parse().expect("day"));
    assert_eq!(july.total().to_string(), "1460");
    let (ended, _) = july.left_out();
    assert_eq!(ended, 2, "Ghana's and India's MONUC figures ended");
}

/// MONUSCO's chart's sum of national contributions, day by day.
#[cfg(feature = "chart")]
fn monusco_sums(import: &Import) -> Vec<(String, String)> {
    let chart = troop_tracker::chart::chart(
        &Ledger::new(&import.dataset),
        &troop_tracker::Subject::Mission("MONUSCO".parse().expect("id")),
    );
    chart.series[1]
        .points
        .iter()
        .map(|p| (p.day.to_string(), p.bounds.to_string()))
        .collect()
}

/// Before its first figure, a renamed mission's chart draws its
/// predecessor's contributions, not the first mission's that has some:
/// here India's 200 are in MINUSTAH (which sorts before MONUC), and
/// MONUSCO's June sum is still MONUC's 1,260.
#[cfg(feature = "chart")]
#[test]
fn a_renamed_missions_chart_takes_its_predecessors_contributions_only() {
    let rows: Vec<String> = clean()
        .iter()
        .map(|r| r.replace(",UNIFIL,", ",MINUSTAH,"))
        .collect();
    let import = import(&rows, "\n");
    assert!(troops_of(&import, "2010-06-30", "IND in HTI under MINUSTAH").is_some());
    assert_eq!(
        monusco_sums(&import),
        [
            ("2010-06-30".to_owned(), "1260".to_owned()),
            ("2010-07-31".to_owned(), "1260".to_owned())
        ]
    );
}

#[test]
fn a_crlf_copy_cites_the_same_lines() {
    let (lf, crlf) = (import(&clean(), "\n"), import(&clean(), "\r\n"));
    let cites = |i: &Import| {
        i.dataset
            .deployments()
            .iter()
            .map(|d| {
                (
                    d.id().to_string(),
                    d.citation().line(),
                    d.citation().quote().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(cites(&lf), cites(&crlf));
    assert_eq!(crlf.dataset.validate().by_rule(Rule::References).count(), 0);
}

#[test]
fn every_kind_of_problem_is_named_by_line() {
    let mut rows = clean();
    // Line 16: male + female off; line 17: an exact repeat of line 16;
    // line 18: the same key with other figures; line 19: an unknown
    // mission; line 20: a bad code; line 21: a bad number; line 22: a
    // stray apostrophe (read without it).
    rows.push(
        "2010-08-31,Nepal,NPL,UNIFIL,NA,NA,NA,NA,NA,NA,NA,NA,NA,800,20,830,800,20,830".to_owned(),
    );
    rows.push(
        "2010-08-31,Nepal,NPL,UNIFIL,NA,NA,NA,NA,NA,NA,NA,NA,NA,800,20,830,800,20,830".to_owned(),
    );
    rows.push(row(
        "2010-08-31",
        "Nepal",
        "NPL",
        "UNIFIL",
        None,
        Some((700, 20, 720)),
    ));
    rows.push(row(
        "2010-08-31",
        "Nepal",
        "NPL",
        "UNXYZ",
        None,
        Some((1, 0, 1)),
    ));
    rows.push(row(
        "2010-08-31",
        "Nowhere",
        "N0P",
        "UNIFIL",
        None,
        Some((1, 0, 1)),
    ));
    rows.push("2010-08-31,Nepal,NPL,UNMIL,NA,NA,NA,NA,NA,NA,NA,NA,NA,ten,0,10,10,0,10".to_owned());
    rows.push(row(
        "2010-08-31",
        "Ghana'",
        "GHA'",
        "UNIFIL'",
        None,
        Some((5, 0, 5)),
    ));
    // Nepal's total says 2,000 troops; its missions say otherwise.
    rows.push(row(
        "2010-08-31",
        "Nepal",
        "NPL",
        "all",
        None,
        Some((1980, 20, 2000)),
    ));
    // Line 24: a country's all row with a bad code: left out, no total.
    rows.push(row(
        "2010-08-31",
        "Nowhere",
        "N0P",
        "all",
        None,
        Some((1, 0, 1)),
    ));
    let import = import(&rows, "\n");
    let found: Vec<(u64, String)> = import
        .problems
        .iter()
        .map(|p| {
            let kind = match p.kind() {
                ProblemKind::PartsAndWhole { .. } => "parts",
                ProblemKind::Repeated { .. } => "repeated",
                ProblemKind::DuplicateKey { .. } => "duplicate",
                ProblemKind::UnknownMission { .. } => "unknown-mission",
                ProblemKind::BadCell { .. } => "bad-cell",
                ProblemKind::StrayCharacter { .. } => "stray",
                _ => "other",
            };
            (
                p.position().line_number().unwrap_or_default(),
                kind.to_owned(),
            )
        })
        .collect();
    let has = |line: u64, kind: &str| found.contains(&(line, kind.to_owned()));
    assert!(has(16, "parts"), "{found:?}");
    assert!(has(17, "repeated"), "{found:?}");
    assert!(has(18, "duplicate"), "{found:?}");
    assert!(has(19, "unknown-mission"), "{found:?}");
    assert!(has(20, "bad-cell"), "{found:?}");
    assert!(has(21, "bad-cell"), "{found:?}");
    assert!(has(22, "stray"), "{found:?}");
    // Nepal's missions (830 and 720 as competing rows, each counted in
    // the sum of parts) against its all row.
    assert!(has(23, "parts"), "{found:?}");
    assert!(has(24, "bad-cell"), "{found:?}");
    let bad = import
        .problems
        .iter()
        .find(|p| p.position().line_number() == Some(24))
        .expect("line 24");
    assert!(bad.to_string().contains("Contributor_ISO-3"), "{bad}");
    assert!(import
        .dataset
        .totals()
        .iter()
        .all(|t| !t.id().as_str().contains("N0P")));
    // Read once: the repeat is no second figure; the differing row is a
    // competing claim, and validation says the two cannot both be true.
    let nepal: Vec<&str> = import
        .dataset
        .deployments()
        .iter()
        .filter(|d| d.nation().as_str() == "NPL")
        .map(|d| d.id().as_str())
        .collect();
    assert_eq!(
        nepal,
        ["IPI-NPL-UNIFIL-2010-08-31", "IPI-NPL-UNIFIL-2010-08-31-L18"]
    );
    let report = import.dataset.validate();
    assert!(report
        .by_rule(Rule::CompetingClaims)
        .any(|f| f.severity() == Severity::Error));
    let of_code = |code: &str| -> Vec<(Severity, Option<&str>)> {
        import
            .problems
            .iter()
            .filter(|p| p.code() == code)
            .map(|p| (p.severity(), p.position().column()))
            .collect()
    };
    assert!(of_code("parts-and-whole").len() >= 2);
    assert!(of_code("parts-and-whole")
        .iter()
        .all(|(s, _)| *s == Severity::Warning));
    assert_eq!(
        of_code("stray-character"),
        [
            (Severity::Note, Some("Contributor")),
            (Severity::Note, Some("Contributor_ISO-3")),
            (Severity::Note, Some("Mission"))
        ],
        "one per column"
    );
    assert_eq!(
        of_code("unknown-mission"),
        [(Severity::Warning, Some("Mission"))]
    );
    // Ghana's row with the apostrophes is Ghana's.
    assert!(import
        .dataset
        .deployments()
        .iter()
        .any(|d| d.id().as_str() == "IPI-GHA-UNIFIL-2010-08-31"));
}

#[test]
fn a_code_not_three_capitals_is_refused_before_anything_else_is_read() {
    // Lower case, or four letters: the row is refused for its code, at its
    // line and column, before its mission (unknown here) is looked up.
    for code in ["gha", "GHAN"] {
        let mut rows = clean();
        rows.push(row(
            "2010-08-31",
            "Ghana",
            code,
            "UNXYZ",
            None,
            Some((5, 0, 5)),
        ));
        let import = import(&rows, "\n");
        let named: Vec<(Option<u64>, Option<&str>, &ProblemKind)> = import
            .problems
            .iter()
            .map(|p| (p.position().line_number(), p.position().column(), p.kind()))
            .collect();
        assert_eq!(
            named,
            [(
                Some(16),
                Some("Contributor_ISO-3"),
                &ProblemKind::BadCell {
                    expected: "an ISO 3166-1 alpha-3 code or all",
                    found: code.to_owned(),
                }
            )],
            "{code}"
        );
    }
}

#[test]
fn a_missing_column_or_broken_csv_is_an_error_with_its_place() {
    let text = "Date,Contributor,Mission\n2010-06-30,Ghana,UNIFIL\n".to_owned();
    let e = ipi::from_text(("t.csv".into(), text)).expect_err("a missing column");
    assert_eq!(
        e.first().map(|p| p.kind()),
        Some(&ProblemKind::MissingColumn {
            column: "Contributor_ISO-3".into()
        })
    );
    let mut rows = clean();
    rows.push("2010-08-31,\"Ghana,GHA".to_owned());
    let e = ipi::from_text(("t.csv".into(), rows.join("\r\n"))).expect_err("an open quote");
    let p = e.first().expect("a problem");
    assert_eq!(
        (p.position().file_name(), p.position().line_number()),
        ("t.csv", Some(16))
    );
    assert_eq!(p.severity(), Severity::Error);
    // A header alone dates nothing: the table cannot be a source.
    let e = ipi::from_text(("t.csv".into(), format!("{HEADER}\n"))).expect_err("no row");
    let p = e.first().expect("a problem");
    assert_eq!(p.kind(), &ProblemKind::NoDatedRow);
    assert_eq!(p.position().file_name(), "t.csv");
}

#[test]
fn the_reference_table_holds_every_mission_with_its_host_and_reference() {
    let lines: Vec<&str> = ipi::MISSIONS_TABLE.lines().skip(1).collect();
    assert_eq!(lines.len(), 26);
    // Every mission of the table, imported from a row naming each.
    let mut rows = vec![HEADER.to_owned()];
    for l in &lines {
        let id = l.split(',').next().expect("an id");
        rows.push(row("2012-06-30", "Ghana", "GHA", id, None, Some((1, 0, 1))));
    }
    let import = import(&rows, "\n");
    assert_eq!(import.dataset.missions().len(), 26);
    // Each host country is a nation of the data, named as the table
    // names it (no row of the excerpt names one as a contributor).
    for l in &lines {
        let cells: Vec<&str> = l.split(',').collect();
        let host = import
            .dataset
            .nation(cells[2].parse().expect("a code"))
            .unwrap_or_else(|| panic!("{} hosts {}", cells[0], cells[2]));
        assert_eq!(host.name(), cells[3], "{}", cells[0]);
        // A note on the host (the Golan, Abyei, Kosovo) is the mission
        // citation's note, word for word; no note, none.
        let m = import
            .dataset
            .mission(&cells[0].parse().expect("an id"))
            .expect("imported");
        match m.citation().note() {
            Some(note) => assert!(!note.is_empty() && l.contains(note), "{}", cells[0]),
            None => assert_eq!(cells[4], "", "{}", cells[0]),
        }
    }
    for m in import.dataset.missions() {
        // A mission reads as its name, code and organization.
        assert_eq!(
            m.to_string(),
            format!("{} ({}, {})", m.name(), m.id(), m.organization())
        );
        assert!(
            m.to_string().starts_with(m.name()) && m.to_string().ends_with(", United Nations)")
        );
        assert!(
            m.citation()
                .words()
                .is_some_and(|w| w.contains("resolution")),
            "{}",
            m.id()
        );
        if let Some(p) = m.predecessor() {
            assert!(
                import.dataset.mission(p).is_some(),
                "{} succeeds {p}",
                m.id()
            );
        }
    }
    assert!(import.problems.is_empty(), "{:?}", import.problems);
}

#[test]
fn the_largest_contributors_come_first() {
    let import = import(&clean(), "\n");
    let ledger = Ledger::new(&import.dataset);
    let p = ledger.posture("2010-06-30".parse().expect("day"));
    let top: Vec<(String, String)> = p
        .largest(2)
        .iter()
        .map(|v| {
            (
                v.nation.map(|c| c.to_string()).unwrap_or_default(),
                v.total.to_string(),
            )
        })
        .collect();
    assert_eq!(
        top,
        [("IND".into(), "1000".into()), ("GHA".into(), "460".into())]
    );
    assert_eq!(p.largest(1).len(), 1);
}

#[test]
fn all_rows_are_totals_that_hold_their_contributions() {
    let import = import(&clean(), "\n");
    let data = &import.dataset;
    // Each month: the grand total, Ghana's and India's.
    assert_eq!(data.totals().len(), 6);
    let total = |id: &str| {
        data.totals()
            .iter()
            .find(|t| t.id().as_str() == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let grand = total("IPI-all-2010-06-30");
    assert_eq!(grand.nation(), None);
    assert_eq!(grand.strength().to_string(), "1460");
    assert_eq!(grand.citation().line(), Some(2));
    assert!(grand.lists_every_part());
    assert_eq!(grand.organization(), "United Nations");
    let india = total("IPI-IND-all-2010-06-30");
    assert_eq!(
        india.nation().map(|n| n.to_string()).as_deref(),
        Some("IND")
    );
    assert_eq!(india.strength().to_string(), "1000");
    assert_eq!(india.citation().line(), Some(5));
    assert_eq!(india.citation().words(), Some("1000"));
    // Each total is cited by its id, as every record is.
    for t in data.totals() {
        assert_eq!(data.citation_of(t.id().as_str()), Some(t.citation()));
    }
    // A total is no figure of its own: nothing is counted twice.
    let ledger = Ledger::new(data);
    let p = ledger.posture("2010-06-30".parse().expect("day"));
    assert_eq!(p.total().to_string(), "1460");
    let views = p.stated_totals();
    let seen: Vec<(String, String, usize, String)> = views
        .iter()
        .map(|v| {
            (
                v.total.id().to_string(),
                v.attributed.to_string(),
                v.contributions.len(),
                v.unattributed.to_string(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("IPI-all-2010-06-30".into(), "1460".into(), 3, "0".into()),
            ("IPI-GHA-all-2010-06-30".into(), "460".into(), 1, "0".into()),
            (
                "IPI-IND-all-2010-06-30".into(),
                "1000".into(),
                2,
                "0".into()
            ),
        ]
    );
    // Every total fits: a note each, nothing worse.
    let report = data.validate();
    let found: Vec<Severity> = report
        .by_rule(Rule::ContributionTotal)
        .map(|f| f.severity())
        .collect();
    assert_eq!(found, [Severity::Note; 6]);
    // Narrowed to a nation, its totals; to a mission or a country, none
    // (their entries are only part of any total).
    let ind = "IND".parse().expect("code");
    let only: Vec<String> = p
        .focus(Some(ind), None)
        .stated_totals()
        .iter()
        .map(|v| v.total.id().to_string())
        .collect();
    assert_eq!(only, ["IPI-IND-all-2010-06-30"]);
    let unifil = "UNIFIL".parse().expect("id");
    assert!(p.focus(None, Some(&unifil)).stated_totals().is_empty());
    assert!(p
        .in_country("LBN".parse().expect("code"))
        .stated_totals()
        .is_empty());
    // After the next edition, its totals stand, not the first month's.
    let later = ledger.posture("2010-08-15".parse().expect("day"));
    let days: Vec<String> = later
        .stated_totals()
        .iter()
        .map(|v| v.total.as_of().to_string())
        .collect();
    assert_eq!(days, ["2010-07-31"; 3]);
    // And the totals table says so, row by row.
    let mut csv = Vec::new();
    troop_tracker::export::write_totals(&mut csv, &p, Default::default()).expect("write");
    let csv = String::from_utf8(csv).expect("utf-8");
    assert!(
        csv.contains(
            "2010-06-30,stated_contributions,IND across United Nations missions (IPI-IND-all-2010-06-30),1000,1000,1000,false,2,IND in COD under MONUC;IND in LBN under UNIFIL,,\n"
        ),
        "{csv}"
    );
}

#[test]
fn totals_their_contributions_do_not_fit_are_named() {
    let mut rows = clean();
    // Ghana's all row of June: 400, below its 460 in MONUC; India's:
    // 1100, above its missions' 1000.
    rows[2] = row(
        "2010-06-30",
        "Ghana",
        "GHA",
        "all",
        None,
        Some((390, 10, 400)),
    );
    rows[4] = row(
        "2010-06-30",
        "India",
        "IND",
        "all",
        Some((10, 2, 12)),
        Some((1050, 50, 1100)),
    );
    for eol in ["\n", "\r\n"] {
        let import = import(&rows, eol);
        let report = import.dataset.validate();
        let found: Vec<(Severity, &str)> = report
            .by_rule(Rule::ContributionTotal)
            .filter(|f| f.severity() != Severity::Note)
            .map(|f| (f.severity(), f.records()[0].as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Severity::Error, "IPI-GHA-all-2010-06-30"),
                (Severity::Warning, "IPI-IND-all-2010-06-30"),
            ],
            "{eol:?}"
        );
        let error = report
            .by_rule(Rule::ContributionTotal)
            .find(|f| f.severity() == Severity::Error)
            .expect("an error");
        assert!(
            error.message().contains("stated 400")
                && error.message().contains("GHA in MONUC 460")
                && error
                    .records()
                    .contains(&"IPI-GHA-MONUC-2010-06-30".to_owned()),
            "{}",
            error.message()
        );
        // The whole a posture reports: India's at least its 1000 and as
        // stated, 1100, with 100 unattributed.
        let ledger = Ledger::new(&import.dataset);
        let p = ledger.posture("2010-06-30".parse().expect("day"));
        let india = p
            .stated_totals()
            .into_iter()
            .find(|v| v.total.id().as_str() == "IPI-IND-all-2010-06-30")
            .expect("India's total");
        assert_eq!(india.unattributed.to_string(), "100");
        assert_eq!(india.whole.to_string(), "1100");
    }
}

/// A table of these rows (after the header), LF.
fn table(rows: &[String]) -> Import {
    let mut all = vec![HEADER.to_owned()];
    all.extend_from_slice(rows);
    import(&all, "\n")
}

fn ghana(date: &str, mission: &str, troops: u64) -> String {
    row(
        date,
        "Ghana",
        "GHA",
        mission,
        None,
        Some((troops, 0, troops)),
    )
}

#[test]
fn a_later_month_ends_what_it_does_not_list_totals_and_troops_alike() {
    // May: Ghana in UNIFIL, with its total. June: India only, and Ghana
    // listed for police alone.
    let import = table(&[
        ghana("2012-05-31", "UNIFIL", 870),
        ghana("2012-05-31", "all", 870),
        row(
            "2012-06-30",
            "India",
            "IND",
            "UNIFIL",
            None,
            Some((100, 0, 100)),
        ),
        row("2012-06-30", "Ghana", "GHA", "UNMIL", Some((5, 0, 5)), None),
    ]);
    let ledger = Ledger::new(&import.dataset);
    let june = ledger.posture("2012-06-30".parse().expect("day"));
    assert!(june.stated_totals().is_empty(), "May's total has ended");
    assert_eq!(
        june.total().to_string(),
        "100",
        "Ghana's May troops have ended"
    );
    // A month of police rows only is an edition too.
    let import = table(&[
        ghana("2012-05-31", "UNIFIL", 870),
        row(
            "2012-06-30",
            "Ghana",
            "GHA",
            "UNIFIL",
            Some((5, 0, 5)),
            None,
        ),
    ]);
    let ledger = Ledger::new(&import.dataset);
    let june = ledger.posture("2012-06-30".parse().expect("day"));
    assert_eq!(june.total().to_string(), "0");
}

#[test]
fn competing_rows_are_read_once_each_and_the_verdict_does_not_hang_on_their_order() {
    let verdicts: Vec<(Severity, usize)> = [[870, 900], [900, 870]]
        .iter()
        .map(|pair| {
            let import = table(&[
                ghana("2012-06-30", "UNIFIL", pair[0]),
                ghana("2012-06-30", "UNIFIL", pair[1]),
                // A repeat of the second row: read once, not a third claim.
                ghana("2012-06-30", "UNIFIL", pair[1]),
                ghana("2012-06-30", "all", 870),
            ]);
            let report = import.dataset.validate();
            let f = report
                .by_rule(Rule::ContributionTotal)
                .next()
                .expect("a finding");
            let repeated: Vec<String> = import
                .problems
                .iter()
                .filter(|p| p.code() == "repeated-row")
                .map(|p| p.kind().to_string())
                .collect();
            assert_eq!(repeated.len(), 1, "{repeated:?}");
            assert!(repeated[0].contains("repeats line 3"), "{repeated:?}");
            // Personnel: 870 or 900, and the total's 870 is one of them.
            assert!(!import
                .problems
                .iter()
                .any(|p| p.code() == "parts-and-whole"));
            (f.severity(), import.dataset.deployments().len())
        })
        .collect();
    assert_eq!(verdicts, [(Severity::Warning, 2), (Severity::Warning, 2)]);
}

#[test]
fn what_the_table_does_not_give_checks_nothing_and_a_grand_total_checks_the_rows() {
    let na = |date: &str, iso: &str| {
        format!("{date},Somewhere,{iso},all,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA")
    };
    let import = table(&[
        ghana("2012-06-30", "UNIFIL", 870),
        na("2012-06-30", "GHA"),
        // A grand total and no country totals: against the rows.
        row("2012-06-30", "all", "all", "all", None, Some((970, 0, 970))),
    ]);
    let parts: Vec<String> = import
        .problems
        .iter()
        .filter(|p| p.code() == "parts-and-whole")
        .map(ToString::to_string)
        .collect();
    assert_eq!(parts.len(), 1, "{parts:?}");
    assert!(
        parts[0].contains("line 4: all contributors on 2012-06-30: the personnel of every mission row add up to 870, but the table states 970"),
        "{parts:?}"
    );
    // A second all row of a country is checked too.
    let import = table(&[
        ghana("2012-06-30", "UNIFIL", 870),
        ghana("2012-06-30", "all", 870),
        ghana("2012-06-30", "all", 920),
    ]);
    let lines: Vec<Option<u64>> = import
        .problems
        .iter()
        .filter(|p| p.code() == "parts-and-whole")
        .map(|p| p.position().line_number())
        .collect();
    assert_eq!(lines, [Some(4)]);
}

#[test]
fn rows_of_the_wrong_shape_or_counts_out_of_range_are_left_out_and_named() {
    let import = table(&[
        ghana("2012-06-30", "UNIFIL", 870),
        "2012-06-30,India,IND,UNIFIL".to_owned(),
        ghana("2012-06-30", "UNMIL", 5) + ",extra",
        ghana("2012-06-30", "UNMISS", 5).replace(",5,0,5,", ",+5,0,5,"),
        ghana("2012-06-30", "MINUSTAH", 0).replace(",0,0,0,", ",1000000000000001,0,0,"),
    ]);
    let found: Vec<(Option<u64>, &str, bool)> = import
        .problems
        .iter()
        .map(|p| (p.position().line_number(), p.code(), p.leaves_out_rows()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(3), "column-count", true),
            (Some(4), "column-count", true),
            (Some(5), "bad-cell", true),
            (Some(6), "bad-cell", true),
        ]
    );
    assert_eq!(import.dataset.deployments().len(), 1);
    assert_eq!(import.counts[0].rows, 5);
    assert_eq!(import.counts[0].imported, 1);
    // A needed column named twice cannot be read.
    let text = format!("{HEADER},Troops_Total\n");
    let e = ipi::from_text(("t.csv".into(), text)).expect_err("a column twice");
    assert_eq!(e.first().map(|p| p.code()), Some("duplicate-column"));
}

#[test]
fn a_total_of_many_contributions_names_a_dozen_and_counts_the_rest() {
    let codes = [
        "GHA", "IND", "NPL", "URY", "FRA", "ITA", "ESP", "IDN", "MYS", "KOR", "CHN", "BGD", "PAK",
    ];
    for n in [12, 13] {
        let mut rows: Vec<String> = codes[..n]
            .iter()
            .map(|c| row("2012-06-30", c, c, "UNIFIL", None, Some((10, 0, 10))))
            .collect();
        let sum = 10 * n as u64;
        rows.push(row(
            "2012-06-30",
            "all",
            "all",
            "all",
            None,
            Some((sum, 0, sum)),
        ));
        let import = table(&rows);
        let report = import.dataset.validate();
        let f = report
            .by_rule(Rule::ContributionTotal)
            .next()
            .expect("the grand total's finding");
        assert_eq!(f.severity(), Severity::Note);
        // Twelve are all named, with no "0 more"; of thirteen, one is
        // counted.
        assert_eq!(f.message().contains(" more"), n == 13, "{}", f.message());
        assert_eq!(
            f.message().contains(" + 1 more = "),
            n == 13,
            "{}",
            f.message()
        );
        assert_eq!(f.message().matches(" in UNIFIL 10").count(), 12);
        // The total's record and those of the dozen named.
        assert_eq!(f.records().len(), 13);
    }
}

#[test]
fn a_whole_below_or_above_its_parts_says_by_how_much() {
    let messages = |rows: &[String]| -> Vec<String> {
        table(rows)
            .problems
            .iter()
            .filter(|p| p.code() == "parts-and-whole")
            .map(|p| p.kind().to_string())
            .collect()
    };
    // Below a single part.
    assert_eq!(
        messages(&[ghana("2012-06-30", "UNIFIL", 460), ghana("2012-06-30", "all", 400)]),
        ["GHA on 2012-06-30: the personnel of its missions add up to 460, but the table states 400; imported as stated"]
    );
    // Below and above competing rows: the nearer end of their range.
    let competing = |whole: u64| {
        messages(&[
            ghana("2012-06-30", "UNIFIL", 870),
            ghana("2012-06-30", "UNIFIL", 900),
            ghana("2012-06-30", "all", whole),
        ])
    };
    assert_eq!(
        competing(800),
        ["GHA on 2012-06-30: the personnel of its missions (competing rows: 870 to 900) add up to 870, but the table states 800; imported as stated"]
    );
    assert_eq!(
        competing(950),
        ["GHA on 2012-06-30: the personnel of its missions (competing rows: 870 to 900) add up to 900, but the table states 950; imported as stated"]
    );
    assert!(competing(880).is_empty(), "either row may be the part");
    // Male + female against a total, with the sum (the row's troops are
    // all its personnel, so both totals are named).
    let sexes = row(
        "2012-06-30",
        "Ghana",
        "GHA",
        "UNIFIL",
        None,
        Some((850, 20, 900)),
    );
    assert_eq!(
        messages(&[sexes]),
        [
            "Troops: male 850 + female 20 add up to 870, but the table states 900; imported as stated",
            "Total: male 850 + female 20 add up to 870, but the table states 900; imported as stated"
        ]
    );
}

/// Imports merged as one, as the tool joins the curated data and the
/// tables it is given: each source, nation (by its code, with the first
/// name given) and mission (by its id) once, in order; every record,
/// problem and count of each.
#[test]
fn merged_imports_keep_each_source_nation_and_mission_once() {
    let bundled = troop_tracker::Dataset::bundled().expect("the bundled data loads");
    let table = import(&clean(), "\n");
    let parts = [Import::from(bundled), table.clone(), table];
    let merged = troop_tracker::import::merge(parts.to_vec());
    let once = |each: &dyn Fn(&Import) -> Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for part in &parts {
            for id in each(part) {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        out
    };
    let missions = |i: &Import| -> Vec<String> {
        i.dataset
            .missions()
            .iter()
            .map(|m| m.id().to_string())
            .collect()
    };
    let nations = |i: &Import| -> Vec<String> {
        i.dataset
            .nations()
            .iter()
            .map(|n| format!("{} {}", n.code(), n.name()))
            .collect()
    };
    let sources = |i: &Import| -> Vec<String> {
        i.dataset
            .sources()
            .iter()
            .map(|s| s.id().to_string())
            .collect()
    };
    assert_eq!(missions(&merged), once(&missions));
    assert!(missions(&merged).len() > parts[0].dataset.missions().len());
    assert_eq!(nations(&merged), once(&nations));
    assert_eq!(sources(&merged), once(&sources));
    let sum = |f: &dyn Fn(&Import) -> usize| parts.iter().map(f).sum::<usize>();
    assert_eq!(
        merged.dataset.deployments().len(),
        sum(&|i| i.dataset.deployments().len())
    );
    assert_eq!(
        merged.dataset.relocations().len(),
        sum(&|i| i.dataset.relocations().len())
    );
    assert_eq!(
        merged.dataset.events().len(),
        sum(&|i| i.dataset.events().len())
    );
    assert_eq!(merged.counts.len(), sum(&|i| i.counts.len()));
    assert_eq!(merged.problems.len(), sum(&|i| i.problems.len()));
}

/// Two different copies of the table merged: the source is kept once (the
/// first copy), so a figure of the second whose line reads otherwise in
/// the first no longer quotes its line, and validation names it, rather
/// than let it cite a row that says something else.
#[test]
fn a_figure_citing_a_line_its_merged_source_reads_otherwise_is_named() {
    let first = import(&clean(), "\n");
    let mut rows = clean();
    // Line 4: Ghana in MONUC, 460 in the first copy, 470 in the second.
    rows[3] = row(
        "2010-06-30",
        "Ghana",
        "GHA",
        "MONUC",
        None,
        Some((460, 10, 470)),
    );
    let second = import(&rows, "\n");
    let alone = second.dataset.validate();
    assert_eq!(alone.by_rule(Rule::References).count(), 0, "{alone}");
    let merged = troop_tracker::import::merge(vec![first, second]);
    let report = merged.dataset.validate();
    let named: Vec<String> = report
        .by_rule(Rule::References)
        .filter(|f| f.severity() == Severity::Error)
        .map(|f| f.message().to_owned())
        .collect();
    assert_eq!(named.len(), 1, "{report}");
    assert!(
        named[0].starts_with("IPI-GHA-MONUC-2010-06-30")
            && named[0].contains("line 4, which is not the quoted row")
            && named[0].contains("470"),
        "{named:?}"
    );
}

/// `--ipi DIR` reads the folder's `full_gender_data.csv` as the text would
/// be read, naming the file by its path in the folder; a folder without
/// it is an error naming that path.
#[test]
fn a_folder_is_read_as_its_table_is() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let text = clean().join("\n") + "\n";
    let path = dir.path().join(ipi::FILE);
    let missing = ipi::read_dir(dir.path()).expect_err("no table yet");
    let p = missing.first().expect("a problem");
    assert_eq!(p.position().file_name(), path.display().to_string());
    std::fs::write(&path, &text).expect("written");
    let from_folder = ipi::read_dir(dir.path()).expect("the folder imports");
    let from_text = ipi::from_text((path.display().to_string(), text)).expect("the text imports");
    let ids = |import: &Import| -> Vec<String> {
        let data = &import.dataset;
        data.deployments()
            .iter()
            .map(|d| format!("{} {} {}", d.id(), d.strength(), d.citation().source()))
            .collect()
    };
    assert!(!ids(&from_folder).is_empty());
    assert_eq!(ids(&from_folder), ids(&from_text));
    let files: Vec<Option<&str>> = from_folder
        .dataset
        .sources()
        .iter()
        .map(|s| s.file())
        .collect();
    assert!(
        files.contains(&Some(path.display().to_string().as_str())),
        "{files:?}"
    );
    assert_eq!(
        from_folder.problems.len(),
        from_text.problems.len(),
        "the same findings"
    );
}
