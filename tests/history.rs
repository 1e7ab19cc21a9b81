//! A long history stays linear: one nation moving between two countries
//! thousands of times. Each figure shares the records of the one before
//! instead of copying them, and a finding names a long chain by its start
//! and its latest records, so neither memory nor the report grows with
//! the square of the history. (Timings are in BENCHMARKS.md, from
//! `bench/examples/moves.rs`, not here.)

use std::fmt::Write as _;

use troop_tracker::{Dataset, Ledger};

const QUOTE: &str = "Germany moved troops between Iraq and Kuwait.";

fn moves(n: usize) -> Dataset {
    history(n, |_| String::new())
}

/// `n` moves of 10 between Iraq and Kuwait; `same_as(i)` is the `same_as`
/// cell of move `i`.
fn history(n: usize, same_as: impl Fn(usize) -> String) -> Dataset {
    let mut relocations = String::from(
        "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n",
    );
    let first = chrono::NaiveDate::from_ymd_opt(1900, 1, 2).expect("day");
    for i in 0..n {
        let day = first + chrono::Days::new(i as u64);
        let (from, to) = if i % 2 == 0 {
            ("IRQ", "KWT")
        } else {
            ("KWT", "IRQ")
        };
        writeln!(
            relocations,
            "R{i},DEU,{day},10,{from},,{to},,,carried_out,{},,,s1,{QUOTE},",
            same_as(i)
        )
        .expect("write");
    }
    let deployments = format!(
        "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\nD0,DEU,IRQ,,1900-01-01,,1000,,,s1,{QUOTE},\n"
    );
    let files: Vec<(&str, String)> = vec![
        ("sources.csv", "id,file,title,outlet,published,date_basis\ns1,article.txt,Moves,Test,2100-01-01,stated\n".into()),
        ("nations.csv", "code,name,nato_joined,reference\nDEU,Germany,,\nIRQ,Iraq,,\nKWT,Kuwait,,\n".into()),
        ("missions.csv", "id,name,organization,lead,partners,host,launched,combat_role,source,quote,role_source,role_quote\n".into()),
        ("mission_strengths.csv", "id,mission,as_of,strength,words,source,quote,note\n".into()),
        ("events.csv", "id,date,reported,kind,organization,mission,nation,location,region,count,unit,same_as,condition,words,source,quote,note\n".into()),
        ("deployments.csv", deployments),
        ("relocations.csv", relocations),
        ("article.txt", QUOTE.into()),
    ];
    Dataset::from_texts(&files).expect("the generated history loads")
}

#[test]
fn twenty_thousand_moves_keep_the_report_and_the_basis_linear() {
    let n = 20_000;
    let data = moves(n);
    let ledger = Ledger::new(&data);
    let p = ledger.posture("2100-01-01".parse().expect("day"));
    assert_eq!(p.total().to_string(), "1000");
    let iraq = p
        .entries()
        .iter()
        .find(|e| e.key().to_string() == "DEU in IRQ")
        .expect("Germany in Iraq");
    // 20,000 moves of 10, alternating: Iraq is back to 1000.
    assert_eq!(iraq.strength().to_string(), "1000");
    assert_eq!(iraq.basis().len(), n + 1);
    assert_eq!(iraq.basis().first().map(|r| r.as_str()), Some("D0"));
    let report = data.validate();
    assert!(!report.has_errors(), "{report}");
    let longest = report.findings().iter().map(|f| f.message().len()).max();
    assert!(
        longest.is_some_and(|l| l < 1_000),
        "a finding of {longest:?} bytes"
    );
    let most = report.findings().iter().map(|f| f.records().len()).max();
    assert!(
        most.is_some_and(|m| m <= 14),
        "a finding naming {most:?} records"
    );
    // The cut is said, not hidden.
    assert!(report
        .findings()
        .iter()
        .any(|f| f.message().contains("more …")));
}

/// A loop of 20,000 `same_as` links is one error, named by its ends: the
/// finding stays short, and the loop is found in one pass (it took 65 s
/// and a 214,000-line finding at 100k before; timings in BENCHMARKS.md).
#[test]
fn a_long_same_as_loop_is_one_short_error() {
    let n = 20_000;
    let data = history(n, |i| format!("R{}", (i + 1) % n));
    let report = data.validate();
    let loops: Vec<_> = report
        .findings()
        .iter()
        .filter(|f| f.message().contains("in a loop"))
        .collect();
    assert_eq!(loops.len(), 1, "one loop, one error");
    let f = loops[0];
    assert!(f.message().len() < 1_000, "{} bytes", f.message().len());
    assert!(f.message().contains("R0 -> R1 -> "), "{}", f.message());
    assert!(
        f.message().contains(&format!("… {} more …", n - 20)),
        "{}",
        f.message()
    );
    assert!(f.records().len() <= 20);
    assert!(f.message().contains("counted once, as R0"));
}

#[test]
fn a_finding_names_a_short_chain_whole_and_cuts_a_long_one_in_the_middle() {
    let report = moves(13).validate();
    let says = |m: &str| report.findings().iter().any(|f| f.message() == m);
    let moved = |r: usize, of: &str| {
        format!(
            "DEU in IRQ: relocation R{r} moves 10 of the 1000 ({of}) there on 1900-01-{:02} — consistent",
            r + 2
        )
    };
    // Three records, and eleven (the first and the latest ten): whole.
    assert!(says(&moved(2, "D0, R0, R1")), "{report}");
    assert!(says(&moved(
        10,
        "D0, R0, R1, R2, R3, R4, R5, R6, R7, R8, R9"
    )));
    // Thirteen: the first, the two in the middle counted, the latest ten.
    assert!(says(&moved(
        12,
        "D0, … 2 more …, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11"
    )));
}
