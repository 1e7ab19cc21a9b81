//! Each consistency rule: a small dataset that breaks it (the rule id and
//! the figures appear in the finding) and one that satisfies it.

mod common;

use common::{load, with_edit, with_line};
use troop_tracker::{Finding, Report, Rule, Severity};

const DEP: &str = "deployments.csv";
const REL: &str = "relocations.csv";
const EVT: &str = "events.csv";
const TOT: &str = "mission_strengths.csv";
const Q: &str = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";

fn report(files: &[(String, String)]) -> Report {
    load(files).expect("dataset loads").validate()
}

fn findings(r: &Report, rule: Rule, severity: Severity) -> Vec<&Finding> {
    r.by_rule(rule)
        .filter(|f| f.severity() == severity)
        .collect()
}

/// The one finding of `rule` with `severity`, whose message must contain
/// every one of `parts`.
fn expect(r: &Report, rule: Rule, severity: Severity, parts: &[&str]) {
    let found = findings(r, rule, severity);
    assert!(
        found
            .iter()
            .any(|f| parts.iter().all(|p| f.message().contains(p))),
        "no {severity} [{rule}] containing {parts:?} in:\n{r}"
    );
}

/// A deployments.csv row from its first eight cells (`id` to `share`).
fn deployment(cells: &str) -> String {
    format!("{cells},,s1,{Q},")
}

/// `files` with one deployments.csv row added for each cell list.
fn with_deployments<S: AsRef<str>>(
    files: &[(String, String)],
    rows: &[S],
) -> Vec<(String, String)> {
    rows.iter().fold(files.to_vec(), |f, cells| {
        common::with_line_in(&f, DEP, &deployment(cells.as_ref()))
    })
}

#[test]
fn the_fixture_has_no_errors_or_warnings() {
    let r = report(&common::files());
    assert_eq!(r.count(Severity::Error), 0, "{r}");
    assert_eq!(r.count(Severity::Warning), 0, "{r}");
    assert!(r.count(Severity::Note) > 0);
}

#[test]
fn references_a_figure_placed_against_another_nations_relocation() {
    let f = with_line(DEP, &deployment("D2,CAN,IRQ,,2020-01-09,after:R1,5,"));
    let r = report(&f);
    expect(
        &r,
        Rule::References,
        Severity::Error,
        &["D2", "R1", "DEU", "a different nation"],
    );
    let ok = report(&common::files());
    assert!(findings(&ok, Rule::References, Severity::Error).is_empty());
}

#[test]
fn relocation_exceeding_its_origin_is_an_error() {
    let f = with_edit(REL, "R1,DEU,2020-01-09,30,", "R1,DEU,2020-01-09,150,");
    let r = report(&f);
    expect(
        &r,
        Rule::RelocationExceedsOrigin,
        Severity::Error,
        &["DEU in IRQ", "moves 150 of the 120", "contradiction"],
    );
    let ok = report(&common::files());
    expect(
        &ok,
        Rule::RelocationExceedsOrigin,
        Severity::Note,
        &["moves 30 of the 120", "consistent"],
    );
}

#[test]
fn a_vague_move_that_may_exceed_is_a_warning() {
    let f = with_edit(REL, "R1,DEU,2020-01-09,30,", "R1,DEU,2020-01-09,100..200,");
    expect(
        &report(&f),
        Rule::RelocationExceedsOrigin,
        Severity::Warning,
        &["moves 100..200 of the 120", "may conflict"],
    );
}

#[test]
fn some_of_its_total_must_match_the_origin() {
    let f = with_edit(REL, "R1,DEU,2020-01-09,30,", "R1,DEU,2020-01-09,some<500,");
    expect(
        &report(&f),
        Rule::RelocationExceedsOrigin,
        Severity::Error,
        &["(a total of 500)", "120", "contradiction"],
    );
    let f = with_edit(REL, "R1,DEU,2020-01-09,30,", "R1,DEU,2020-01-09,some<120,");
    expect(
        &report(&f),
        Rule::RelocationExceedsOrigin,
        Severity::Note,
        &["(a total of 120)", "consistent"],
    );
}

#[test]
fn conservation_compares_the_replay_with_what_was_recorded_after() {
    let wrong = with_line(DEP, &deployment("D2,DEU,IRQ,,2020-01-09,after:R1,80,"));
    expect(
        &report(&wrong),
        Rule::Conservation,
        Severity::Error,
        &[
            "DEU in IRQ: 120 before relocation R1, minus 30 moved = 90",
            "recorded afterwards: 80",
            "contradiction",
        ],
    );
    let right = with_line(DEP, &deployment("D2,DEU,IRQ,,2020-01-09,after:R1,90,"));
    expect(
        &report(&right),
        Rule::Conservation,
        Severity::Note,
        &[
            "120 before relocation R1, minus 30 moved = 90",
            "recorded afterwards: 90",
            "consistent",
        ],
    );
    // An area of the origin holds at most what is left.
    let area = with_line(
        DEP,
        &deployment("D2,DEU,IRQ/Kurdistan region,,2020-01-09,after:R1,100,"),
    );
    expect(
        &report(&area),
        Rule::Conservation,
        Severity::Error,
        &["100 in IRQ/Kurdistan region", "at most 90"],
    );
    // The destination gains what the origin lost.
    let dest = with_line(DEP, &deployment("D2,DEU,JOR,,2020-01-09,after:R1,30,"));
    expect(
        &report(&dest),
        Rule::Conservation,
        Severity::Note,
        &[
            "JOR gains 30",
            "recorded afterwards: 30 in JOR",
            "consistent",
        ],
    );
    let dest_wrong = with_line(DEP, &deployment("D2,DEU,JOR,,2020-01-09,after:R1,31,"));
    expect(
        &report(&dest_wrong),
        Rule::Conservation,
        Severity::Error,
        &["JOR gains 30", "31 in JOR", "contradiction"],
    );
}

#[test]
fn a_later_plain_observation_that_disagrees_with_the_replay_is_flagged() {
    let f = with_line(DEP, &deployment("D2,DEU,IRQ,,2020-03-01,,40,"));
    expect(
        &report(&f),
        Rule::Conservation,
        Severity::Warning,
        &["replayed figure 90", "then 40 observed"],
    );
    let f = with_line(DEP, &deployment("D2,DEU,IRQ,,2020-03-01,,~90,"));
    expect(
        &report(&f),
        Rule::Conservation,
        Severity::Note,
        &["replayed figure 90", "then ~90 observed", "consistent"],
    );
}

#[test]
fn contributions_above_the_mission_total_are_an_error() {
    let f = with_line(DEP, &deployment("D2,CAN,IRQ,NMI,2020-01-09,,600,"));
    expect(
        &report(&f),
        Rule::MissionTotal,
        Severity::Error,
        &[
            "NMI on 2020-01-09: reported 500",
            "CAN 600",
            "contradiction",
        ],
    );
    let f = with_line(DEP, &deployment("D2,CAN,IRQ/Baghdad,NMI,2020-01-09,,~250,"));
    expect(
        &report(&f),
        Rule::MissionTotal,
        Severity::Note,
        &[
            "national contributions CAN ~250",
            "= 225..275",
            "unattributed remainder 225..275",
            "consistent",
        ],
    );
}

/// A mission total with more than a dozen contributors names the first
/// twelve and counts the rest; with twelve, all are named and no "0 more".
#[test]
fn a_mission_total_names_a_dozen_contributors_and_counts_the_rest() {
    for n in [12u8, 13] {
        let codes: Vec<String> = (0..n)
            .map(|k| format!("N{}X", char::from(b'A' + k)))
            .collect();
        let mut f = common::files();
        for code in &codes {
            f = common::with_line_in(
                &f,
                "nations.csv",
                &format!("{code},{code},1949-04-04,NATO member countries"),
            );
        }
        let rows: Vec<String> = codes
            .iter()
            .zip(2..)
            .map(|(code, id)| format!("D{id},{code},IRQ,NMI,2020-01-09,,10,"))
            .collect();
        let f = with_deployments(&f, &rows);
        let r = report(&f);
        let m: Vec<&str> = r
            .by_rule(Rule::MissionTotal)
            .map(|x| x.message())
            .filter(|m| m.contains("national contributions"))
            .collect();
        assert_eq!(m.len(), 1, "{r}");
        assert_eq!(m[0].contains(" more"), n == 13, "{}", m[0]);
        assert_eq!(m[0].contains(" + 1 more = 130"), n == 13, "{}", m[0]);
    }
}

#[test]
fn a_mission_or_area_figure_within_the_country_figure() {
    let base = with_line(DEP, &deployment("D2,CAN,IRQ,,2020-01-05,,100,"));
    let mut f = base.clone();
    let dep = f.iter_mut().find(|(n, _)| n == DEP).expect("file");
    dep.1
        .push_str(&deployment("D3,CAN,IRQ/Baghdad,NMI,2020-01-06,,150,"));
    dep.1.push('\n');
    expect(
        &report(&f),
        Rule::WithinCountry,
        Severity::Error,
        &[
            "CAN in IRQ/Baghdad under NMI: 150",
            "CAN in IRQ (all missions)",
            "100",
            "contradiction",
        ],
    );
    let mut f = base;
    let dep = f.iter_mut().find(|(n, _)| n == DEP).expect("file");
    dep.1
        .push_str(&deployment("D3,CAN,IRQ/Baghdad,NMI,2020-01-06,,80,"));
    dep.1.push('\n');
    expect(
        &report(&f),
        Rule::WithinCountry,
        Severity::Note,
        &["80", "consistent"],
    );
}

/// A part above its whole is a contradiction in itself; a part that could
/// fit its whole, where no world meets every record, is one "with the
/// records around it".
#[test]
fn within_country_says_whether_the_part_itself_cannot_fit() {
    let f = with_deployments(
        &common::files(),
        &[
            "D2,CAN,IRQ,,2020-01-05,,100,",
            "D3,CAN,IRQ/Baghdad,NMI,2020-01-06,,150,",
            "D4,CAN,IRQ/Basra,,2020-01-07,,80,",
        ],
    );
    let r = report(&f);
    let verdicts: Vec<(String, String)> = findings(&r, Rule::WithinCountry, Severity::Error)
        .iter()
        .map(|x| {
            let m = x.message();
            let verdict = m.rsplit(" — ").next().unwrap_or(m);
            (x.records()[0].clone(), verdict.to_owned())
        })
        .collect();
    let want = [
        ("D3", "contradiction; these cannot all be true: D3, D2"),
        (
            "D4",
            "contradiction (with the records around it); these cannot all be true: D2, D3",
        ),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(verdicts, want, "{r}");
}

/// A one-period jump between two figures that agree is a spike; a figure
/// with no upper bound ("at least 1000") is no jump the rule can measure,
/// and is left out of the series.
#[test]
fn spike_a_bounded_jump_is_one_and_an_open_figure_is_not() {
    let spiked = |middle: &str| -> Vec<Vec<String>> {
        let f = with_deployments(
            &common::files(),
            &[
                "D2,DEU,JOR,,2019-10-01,,100,".to_owned(),
                format!("D3,DEU,JOR,,2019-11-01,,{middle},"),
                "D4,DEU,JOR,,2019-12-01,,100,".to_owned(),
            ],
        );
        report(&f)
            .by_rule(Rule::Spike)
            .map(|x| x.records().to_vec())
            .collect()
    };
    assert_eq!(spiked("1000"), [["D2", "D3", "D4"]]);
    assert!(spiked(">=1000").is_empty());
}

/// A part that fits only by cutting its stated top is a warning; where the
/// whole it is held in rests on a temporary move, the warning says troops
/// may have come back since (so the whole reaches its figure before the
/// move), and says so only then.
#[test]
fn within_country_a_warning_names_a_temporary_move_behind_the_whole() {
    let temporary = with_edit(REL, "JOR,,,under_way", "JOR,,yes,under_way");
    let caveat = "R1 was temporary, so troops may have returned since";
    let within = |f: &[(String, String)], strength: &str| -> Vec<(Severity, String)> {
        let f = with_deployments(f, &[format!("D2,DEU,IRQ/Baghdad,,2020-01-10,,{strength},")]);
        report(&f)
            .by_rule(Rule::WithinCountry)
            .map(|x| (x.severity(), x.message().to_owned()))
            .collect()
    };
    let found = within(&temporary, "50..150");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning, "{found:?}");
    assert!(
        found[0]
            .1
            .contains("only 50..120 of the stated 50..150 fit"),
        "{found:?}"
    );
    assert!(found[0].1.ends_with(caveat), "{found:?}");
    // The same cut with a move not said to be temporary: no caveat.
    let found = within(&common::files(), "50..150");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning, "{found:?}");
    assert!(
        found[0].1.contains("only 50..90 of the stated 50..150 fit"),
        "{found:?}"
    );
    assert!(!found[0].1.contains("was temporary"), "{found:?}");
    // A part that fits whole: a note, and no caveat either.
    let found = within(&temporary, "50..80");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Note, "{found:?}");
    assert!(!found[0].1.contains("was temporary"), "{found:?}");
}

#[test]
fn a_stated_share_agrees_with_its_total() {
    let f = with_line(DEP, &deployment("D2,CAN,IRQ,NMI,2020-01-10,,300,1/2"));
    expect(
        &report(&f),
        Rule::Share,
        Severity::Error,
        &["300 stated", "1/2 of NMI's 500", "= 250", "contradiction"],
    );
    let f = with_line(DEP, &deployment("D2,CAN,IRQ,NMI,2020-01-10,,250,1/2"));
    expect(
        &report(&f),
        Rule::Share,
        Severity::Note,
        &["250 stated", "= 250", "consistent"],
    );
}

#[test]
fn nothing_before_launch_and_suspension_before_resumption() {
    let f = with_line(DEP, &deployment("D2,CAN,IRQ,NMI,2017-06-01,,10,"));
    expect(
        &report(&f),
        Rule::DateOrder,
        Severity::Error,
        &["D2: dated 2017-06-01, before NMI was launched (2018)"],
    );
    let ok = report(&common::files());
    expect(
        &ok,
        Rule::DateOrder,
        Severity::Note,
        &["NMI: launched 2018"],
    );

    let line = |id: &str, date: &str, kind: &str| {
        format!("{id},{date},,{kind},NATO,NMI,,IRQ,,,,,,,s1,was launched in 2018,")
    };
    let mut f = with_line(EVT, &line("E2", "2020-02-13", "resumption_approved"));
    let e = f.iter_mut().find(|(n, _)| n == EVT).expect("file");
    e.1.push_str(&line("E3", "2020-03-01", "training_suspended"));
    e.1.push('\n');
    expect(
        &report(&f),
        Rule::DateOrder,
        Severity::Error,
        &[
            "suspended by 2020-03-01",
            "resumption approved 2020-02-13",
            "resumption before any suspension",
        ],
    );
    let mut f = with_line(EVT, &line("E2", "2020-02-13", "resumption_approved"));
    let e = f.iter_mut().find(|(n, _)| n == EVT).expect("file");
    e.1.push_str(&line("E3", "2020-01-09", "training_suspended"));
    e.1.push('\n');
    expect(
        &report(&f),
        Rule::DateOrder,
        Severity::Note,
        &["suspended by 2020-01-09", "in order"],
    );
}

#[test]
fn the_lead_nation_contributes() {
    let f = with_line(DEP, &deployment("D2,CAN,IRQ,NMI,2020-01-10,,0,"));
    expect(
        &report(&f),
        Rule::LeadContributes,
        Severity::Error,
        &["NMI: lead nation CAN is recorded with 0 troops"],
    );
    let f = with_line(DEP, &deployment("D2,CAN,IRQ,NMI,2020-01-10,,~250,"));
    expect(
        &report(&f),
        Rule::LeadContributes,
        Severity::Note,
        &["lead nation CAN contributes ~250 (D2)", "consistent"],
    );
}

#[test]
fn contributors_to_a_nato_mission_are_members_or_partners() {
    let f = with_line(DEP, &deployment("D2,JOR,IRQ,NMI,2020-01-10,,10,"));
    expect(
        &report(&f),
        Rule::Membership,
        Severity::Error,
        &[
            "D2: JOR contributes to NATO mission NMI on 2020-01-10",
            "neither a NATO member",
        ],
    );
    let mut f = with_edit("missions.csv", "NATO,CAN,,IRQ", "NATO,CAN,JOR,IRQ");
    let dep = f.iter_mut().find(|(n, _)| n == DEP).expect("file");
    dep.1
        .push_str(&deployment("D2,JOR,IRQ,NMI,2020-01-10,,10,"));
    dep.1.push('\n');
    let r = report(&f);
    assert!(
        findings(&r, Rule::Membership, Severity::Error).is_empty(),
        "{r}"
    );
    expect(&r, Rule::Membership, Severity::Note, &["JOR"]);
    // Germany before it joined in 1955, the mission launched in 1949.
    let in_year = |year: &str| -> Vec<(String, String)> {
        with_line(DEP, &deployment(&format!("D2,DEU,IRQ,NMI,{year},,10,")))
            .into_iter()
            .map(|(n, t)| match n.as_str() {
                "missions.csv" => (n, t.replace(",2018,", ",1949,")),
                _ => (n, t),
            })
            .collect()
    };
    expect(
        &report(&in_year("1950")),
        Rule::Membership,
        Severity::Error,
        &["DEU contributes to NATO mission NMI on 1950"],
    );
    // In 1955, the year Germany joined (6 May): a member for part of the
    // span only, a warning.
    let r = report(&in_year("1955"));
    expect(
        &r,
        Rule::Membership,
        Severity::Warning,
        &["D2: DEU contributes to NMI on 1955, but joined NATO only during that span"],
    );
    assert!(
        findings(&r, Rule::Membership, Severity::Error).is_empty(),
        "{r}"
    );
}

#[test]
fn competing_reports_of_one_move_must_overlap() {
    let line = |id: &str, strength: &str| {
        format!("{id},DEU,2020-01-09,{strength},IRQ,,JOR,,,under_way,R1,,,s1,{Q},")
    };
    let f = with_line(REL, &line("R2", "40"));
    expect(
        &report(&f),
        Rule::CompetingClaims,
        Severity::Error,
        &["R1 and R2 report the same move", "cannot both be true"],
    );
    let f = with_line(REL, &line("R2", "20..40"));
    expect(
        &report(&f),
        Rule::CompetingClaims,
        Severity::Note,
        &["R1 and R2 report the same move", "both allow 30"],
    );
}

#[test]
fn competing_mission_totals_and_event_counts() {
    let f = with_line(
        TOT,
        "T2,NMI,2020-02-13,~50,,s1,The 500-strong NATO mission,",
    );
    expect(
        &report(&f),
        Rule::CompetingClaims,
        Severity::Error,
        &[
            "NMI:",
            "\"500-strong\" on 2020-01-09",
            "cannot both describe the same force",
            "35 days apart",
        ],
    );
    let f = with_line(
        TOT,
        "T2,NMI,2020-02-13,~500,,s1,The 500-strong NATO mission,",
    );
    expect(
        &report(&f),
        Rule::CompetingClaims,
        Severity::Note,
        &["agree: both allow 500"],
    );
    let f = with_line(
        TOT,
        "T2,NMI,2020-09-13,~50,,s1,The 500-strong NATO mission,",
    );
    expect(
        &report(&f),
        Rule::CompetingClaims,
        Severity::Warning,
        &["the force may have changed"],
    );

    let line = |id: &str, count: &str, same: &str| {
        format!(
            "{id},2020-01-08,,attack_on_bases,,,,IRQ,,{count},bases,{same},,,s1,was launched in 2018,"
        )
    };
    let mut f = with_line(EVT, &line("E2", "2", ""));
    let e = f.iter_mut().find(|(n, _)| n == EVT).expect("file");
    e.1.push_str(&line("E3", "1", "E2"));
    e.1.push('\n');
    expect(
        &report(&f),
        Rule::CompetingClaims,
        Severity::Warning,
        &["E2 and E3", "different counts", "(2 bases)", "(1 bases)"],
    );
}

#[test]
fn alliance_size_agrees_with_accessions() {
    // The fixture's table has two members on 2020-01-09.
    let line = |count: &str| {
        format!("E2,2020-01-09,,member_count,NATO,,,,,{count},members,,,,s1,was launched in 2018,")
    };
    expect(
        &report(&with_line(EVT, &line("3"))),
        Rule::AllianceSize,
        Severity::Error,
        &["says 3 members", "table gives 2", "contradiction"],
    );
    expect(
        &report(&with_line(EVT, &line("2"))),
        Rule::AllianceSize,
        Severity::Note,
        &["says 2 members", "table gives 2", "consistent"],
    );
}

#[test]
fn the_bundled_dataset_has_no_errors_and_explains_its_warnings() {
    let data = troop_tracker::Dataset::bundled().expect("bundled");
    let r = data.validate();
    assert!(!r.has_errors(), "{r}");
    // The seeds disagree on the strike: the report quotes both.
    expect(
        &r,
        Rule::CompetingClaims,
        Severity::Warning,
        &["\"two\"", "\"a U.S. base\""],
    );
    expect(
        &r,
        Rule::Conservation,
        Severity::Note,
        &[
            "DEU in IRQ: 120 before relocation R-DEU-2020-01-09, minus 30 moved = 90",
            "Kurdistan region",
        ],
    );
    expect(
        &r,
        Rule::MissionTotal,
        Severity::Note,
        &[
            "NMI on 2020-02-13",
            "CAN ~250",
            "unattributed remainder 175..325",
        ],
    );
    expect(
        &r,
        Rule::CompetingClaims,
        Severity::Note,
        &[
            "\"hundreds of\"",
            "\"a couple of hundred\"",
            "both allow 200..300",
        ],
    );
    expect(
        &r,
        Rule::CompetingClaims,
        Severity::Note,
        &["\"500-strong\"", "\"about 500\"", "agree"],
    );
    expect(
        &r,
        Rule::AllianceSize,
        Severity::Note,
        &["29 members", "table gives 29"],
    );
    expect(
        &r,
        Rule::Share,
        Severity::Note,
        &["1/2 of RSM's 16000", "= 8000"],
    );
    let text = r.to_string();
    assert!(text.ends_with(&format!(
        "0 errors, {} warnings, {} notes",
        r.count(Severity::Warning),
        r.count(Severity::Note)
    )));
}

#[test]
fn references_a_loop_of_same_as_reports_is_an_error_and_counts_once() {
    // R1 same as R2 and R2 same as R1: no first report. Before, the move
    // vanished from the posture with no error.
    let f = with_edit(REL, ",under_way,,,30,", ",under_way,R2,,30,");
    let f = common::with_line_in(
        &f,
        REL,
        &format!("R2,DEU,2020-01-09,30,IRQ,,JOR,,,under_way,R1,,30,s1,{Q},"),
    );
    let data = load(&f).expect("loads");
    let r = data.validate();
    expect(
        &r,
        Rule::References,
        Severity::Error,
        &["R1 -> R2", "in a loop", "counted once, as R1"],
    );
    let ledger = troop_tracker::Ledger::new(&data);
    let p = ledger.posture("2020-01-10".parse().expect("day"));
    let show: Vec<String> = p
        .entries()
        .iter()
        .map(|e| format!("{} {}", e.key(), e.strength()))
        .collect();
    assert!(show.contains(&"DEU in IRQ 90".to_owned()), "{show:?}");
    assert!(show.contains(&"DEU in JOR 30".to_owned()), "{show:?}");
}

/// A report of the same move names the same nation, origin and
/// destination: a difference in any one of the three is an error.
#[test]
fn references_a_report_of_the_same_move_differing_in_one_part_is_an_error() {
    for (part, cells) in [
        ("nation", "CAN,2020-01-09,30,IRQ,,JOR"),
        ("origin", "DEU,2020-01-09,30,CAN,,JOR"),
        ("destination", "DEU,2020-01-09,30,IRQ,,CAN"),
    ] {
        let f = with_line(REL, &format!("R2,{cells},,,under_way,R1,,30,s1,{Q},"));
        let r = report(&f);
        let found: Vec<&Finding> = findings(&r, Rule::References, Severity::Error)
            .into_iter()
            .filter(|f| {
                f.message()
                    .contains("R2 is marked the same as R1 but moves a different nation")
            })
            .collect();
        assert_eq!(found.len(), 1, "{part}: {r}");
        assert_eq!(found[0].records(), ["R2", "R1"], "{part}");
    }
    let f = with_line(
        REL,
        &format!("R2,DEU,2020-01-09,30,IRQ,,JOR,,,under_way,R1,,30,s1,{Q},"),
    );
    let r = report(&f);
    assert!(
        findings(&r, Rule::References, Severity::Error).is_empty(),
        "{r}"
    );
}

/// A loop longer than twenty links is named by its first ten and last ten,
/// with how many are left out between them.
#[test]
fn references_a_long_loop_is_named_by_its_ends() {
    let mut f = with_edit(REL, ",under_way,,,30,", ",under_way,R2,,30,");
    for k in 2..=25 {
        let next = if k == 25 { 1 } else { k + 1 };
        f = common::with_line_in(
            &f,
            REL,
            &format!("R{k},DEU,2020-01-09,30,IRQ,,JOR,,,under_way,R{next},,30,s1,{Q},"),
        );
    }
    let r = report(&f);
    let found = findings(&r, Rule::References, Severity::Error);
    assert_eq!(found.len(), 1, "{r}");
    let m = found[0].message();
    let head: Vec<String> = (1..=10).map(|k| format!("R{k}")).collect();
    let tail: Vec<String> = (16..=25).map(|k| format!("R{k}")).collect();
    let shown = format!(
        "{} -> … 5 more … -> {}",
        head.join(" -> "),
        tail.join(" -> ")
    );
    assert!(m.contains(&shown), "{m}");
    let named: Vec<String> = head.iter().chain(&tail).cloned().collect();
    assert_eq!(found[0].records(), named.as_slice());
}

#[test]
fn date_order_an_observation_after_its_article_is_an_error() {
    // The article is published 2020-01-09; a figure seen on 9999-12-31
    // cannot come from it.
    let f = with_line(DEP, &deployment("D2,DEU,JOR,,9999-12-31,,30,"));
    let r = report(&f);
    expect(
        &r,
        Rule::DateOrder,
        Severity::Error,
        &["D2", "9999-12-31", "s1", "2020-01-09", "cannot postdate"],
    );
    // An announced move may lie ahead of its article.
    let f = with_line(
        REL,
        &format!("R2,DEU,2021-06,5,JOR,,IRQ,,,announced,,,,s1,{Q},"),
    );
    let r = report(&f);
    assert!(
        findings(&r, Rule::DateOrder, Severity::Error).is_empty(),
        "{r}"
    );
}

/// The force-size findings naming both events, with their severities.
fn between(r: &Report, a: &str, b: &str) -> Vec<Severity> {
    r.by_rule(Rule::ForceSize)
        .filter(|f| f.records().iter().any(|x| x == a) && f.records().iter().any(|x| x == b))
        .map(|f| f.severity())
        .collect()
}

#[test]
fn force_size_a_plan_to_strengthen_a_mission_meets_no_more_troops() {
    let none_added =
        "E2,2020-02-13,,no_additional_troops,NATO,NMI,,IRQ,,,,,,,s1,was launched in 2018,";
    let plan = |id: &str, date: &str, mission: &str, count: &str| {
        let (count, unit, words) = if count.is_empty() {
            ("", "", "")
        } else {
            (count, "troops", count)
        };
        format!(
            "{id},{date},,expansion_planned,NATO,{mission},,IRQ,,{count},{unit},,,{words},s1,{Q},"
        )
    };
    let f = with_line(EVT, none_added);
    let f = common::with_line_in(&f, EVT, &plan("E3", "2020-02-14", "NMI", "30"));
    let f = common::with_line_in(&f, EVT, &plan("E4", "2020-02-13", "NMI", ""));
    // Before the statement: not set against it.
    let f = common::with_line_in(&f, EVT, &plan("E5", "2020-02-12", "NMI", "30"));
    let r = report(&f);
    expect(
        &r,
        Rule::ForceSize,
        Severity::Warning,
        &["NMI: E2 says no more troops are deployed, while E3 strengthens it by 30 troops — may conflict"],
    );
    assert_eq!(between(&r, "E2", "E3"), [Severity::Warning]);
    assert_eq!(between(&r, "E2", "E4"), [Severity::Note]);
    assert!(between(&r, "E2", "E5").is_empty(), "{r}");
}

#[test]
fn date_order_an_approval_follows_the_wait_for_it() {
    let pending = "E2,2020-02-12,,approval_pending,NATO,NMI,IRQ,IRQ,,,,,,,s1,was launched in 2018,";
    let consent = |id: &str, date: &str, nation: &str| {
        format!("{id},{date},,host_consent,,NMI,{nation},IRQ,,,,,,,s1,was launched in 2018,")
    };
    let f = with_line(EVT, pending);
    let f = common::with_line_in(&f, EVT, &consent("E3", "2020-02-11", "IRQ"));
    let f = common::with_line_in(&f, EVT, &consent("E4", "2020-02-12", "IRQ"));
    // Another government's consent is not the awaited one.
    let f = common::with_line_in(&f, EVT, &consent("E5", "2020-02-11", "JOR"));
    let r = report(&f);
    let about = |id: &str| -> Vec<Severity> {
        r.by_rule(Rule::DateOrder)
            .filter(|f| f.records() == ["E2", id])
            .map(|f| f.severity())
            .collect()
    };
    assert_eq!(about("E3"), [Severity::Warning], "{r}");
    assert_eq!(about("E4"), [Severity::Note], "{r}");
    assert!(about("E5").is_empty(), "{r}");
    expect(
        &r,
        Rule::DateOrder,
        Severity::Warning,
        &["NMI: awaiting approval 2020-02-12 (E2), approved 2020-02-11 (E3)"],
    );
}

#[test]
fn force_size_a_move_said_to_add_no_troops_brings_none_from_outside() {
    let f = with_line(
        EVT,
        "E2,2020-02-13,,no_additional_troops,NATO,NMI,,IRQ,,,,,,,s1,was launched in 2018,",
    );
    let f = common::with_line_in(
        &f,
        REL,
        &format!("R2,DEU,2020-02-14,5,JOR,,IRQ,NMI,,announced,,,,s1,{Q},"),
    );
    expect(
        &report(&f),
        Rule::ForceSize,
        Severity::Warning,
        &["E2 says the moves add no troops", "R2", "from outside IRQ"],
    );
    // The bundled data's transfer is from the coalition, inside Iraq.
    let bundled = troop_tracker::Dataset::bundled()
        .expect("bundled")
        .validate();
    expect(
        &bundled,
        Rule::ForceSize,
        Severity::Note,
        &["R-GCDI-NMI-2020-02-13", "consistent"],
    );
    // "Strengthened by troops from the alliance's member states" against
    // "not expected to involve the deployment of more troops": in tension
    // unless those troops are the ones changing missions; "expected to be
    // strengthened rapidly" names no troops.
    expect(
        &bundled,
        Rule::ForceSize,
        Severity::Warning,
        &[
            "E-NMI-2020-02-13-no-more-troops says no more troops are deployed, while E-NMI-2020-02-strengthened-by-troops strengthens it by >=2 troops",
            "may conflict",
        ],
    );
    expect(
        &bundled,
        Rule::ForceSize,
        Severity::Note,
        &["E-NMI-2020-02-strengthening-expected expands or strengthens it with no troops named"],
    );
}

#[test]
fn only_a_mission_s_own_moves_are_dated_against_its_launch() {
    // R2 moves troops out of or into NMI (launched 2018) in 2017: before
    // the launch, an error naming the move and the mission.
    let row = |id: &str, from_mission: &str, to_mission: &str| {
        format!(
            "{id},DEU,2017-06-01,30,IRQ,{from_mission},JOR,{to_mission},,carried_out,,,30,s1,{Q},"
        )
    };
    let early = |id: &str| format!("{id}: dated 2017-06-01, before NMI was launched (2018)");
    for (from, to) in [("NMI", ""), ("", "NMI")] {
        let r = report(&with_line(REL, &row("R2", from, to)));
        expect(&r, Rule::DateOrder, Severity::Error, &[&early("R2")]);
        let f = findings(&r, Rule::DateOrder, Severity::Error)
            .into_iter()
            .find(|f| f.message().contains(&early("R2")))
            .expect("found");
        assert_eq!(f.records(), ["R2", "NMI"]);
    }
    // A move under no mission, that year, is not about NMI's launch.
    let r = report(&with_line(REL, &row("R2", "", "")));
    let launch: Vec<&Finding> = r
        .by_rule(Rule::DateOrder)
        .filter(|f| f.message().contains("launched"))
        .collect();
    assert!(
        launch
            .iter()
            .all(|f| !f.message().contains("R2") && f.severity() == Severity::Note),
        "{r}"
    );
    assert!(!launch.is_empty(), "{r}");
}

#[test]
fn only_a_move_between_two_totals_explains_their_difference() {
    // T1 (500 on 2020-01-09) and T2 (about 50, 35 days later) disagree: an
    // error, unless troops moved into or out of NMI between them.
    let totals = with_line(
        TOT,
        "T2,NMI,2020-02-13,~50,,s1,The 500-strong NATO mission,",
    );
    let severity_with_move = |date: &str| {
        let f = common::with_line_in(
            &totals,
            REL,
            &format!("R2,DEU,{date},30,IRQ,,JOR,NMI,,carried_out,,,30,s1,{Q},"),
        );
        let r = report(&f);
        let found: Vec<Severity> = r
            .by_rule(Rule::CompetingClaims)
            .filter(|f| f.records() == ["T1", "T2"])
            .map(Finding::severity)
            .collect();
        assert_eq!(found.len(), 1, "{r}");
        found[0]
    };
    assert_eq!(severity_with_move("2020-01-20"), Severity::Warning);
    assert_eq!(severity_with_move("2020-01-09"), Severity::Warning);
    // Before the first total or after the second: not between them.
    assert_eq!(severity_with_move("2019-12-01"), Severity::Error);
    assert_eq!(severity_with_move("2020-03-01"), Severity::Error);
}

/// `Report::at_least` keeps the findings at least as severe as asked, in
/// the report's order: errors alone, errors and warnings, or everything.
#[test]
fn at_least_keeps_the_findings_as_severe_as_asked_in_order() {
    let r = report(&with_edit(
        REL,
        "R1,DEU,2020-01-09,30,",
        "R1,DEU,2020-01-09,150,",
    ));
    assert!(
        r.count(Severity::Error) > 0 && r.count(Severity::Note) > 0,
        "{r}"
    );
    let messages = |r: &Report| -> Vec<String> {
        r.findings()
            .iter()
            .map(|f| f.message().to_owned())
            .collect()
    };
    for (least, kept) in [
        (Severity::Error, vec![Severity::Error]),
        (Severity::Warning, vec![Severity::Error, Severity::Warning]),
        (
            Severity::Note,
            vec![Severity::Error, Severity::Warning, Severity::Note],
        ),
    ] {
        let expected: Vec<String> = r
            .findings()
            .iter()
            .filter(|f| kept.contains(&f.severity()))
            .map(|f| f.message().to_owned())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(messages(&r.at_least(least)), expected, "{least}");
    }
}
