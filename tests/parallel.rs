//! Both cores give what one gives: validation (every finding, its
//! sentence, its fewest records) and postures (every figure and total,
//! actual and projected, at the end and the start of a day) are the same
//! when the library's parallel parts run on one thread and on several.
//!
//! The data is drawn so that the parallel parts have work in every order:
//! many nations (one component of the model each, or several), moves
//! between areas, missions and countries, temporary and announced moves,
//! moves of more than is there (contradictions, explained in parallel),
//! re-observations and every strength notation.

use std::fmt::Write as _;

use troop_tracker::posture::Moment;
use troop_tracker::{Dataset, Ledger, PostureOptions, Projection};

const QUOTE: &str = "Troops were counted and moved.";

/// SplitMix64, so that a seed always gives the same data.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}

const PLACES: [&str; 6] = [
    "IRQ",
    "IRQ/Baghdad",
    "IRQ/Erbil",
    "KWT",
    "JOR",
    "KWT/Camp Arifjan",
];
/// Where a move may go: a place, or two countries at once.
const DESTINATIONS: [&str; 7] = [
    "IRQ",
    "IRQ/Baghdad",
    "IRQ/Erbil",
    "KWT",
    "JOR",
    "JOR;KWT",
    "KWT/Camp Arifjan",
];
const MISSIONS: [&str; 3] = ["", "M1", "M2"];
const STRENGTHS: [&str; 11] = [
    "120",
    "~300",
    "40..90",
    ">=25",
    ">10",
    "<=60",
    "some<200",
    "?",
    "n/r",
    "0",
    "1000000000",
];

/// A nation's code: `NAA`, `NAB`, ...
fn code(n: usize) -> String {
    let letter = |i: usize| char::from(b'A' + (i % 26) as u8);
    format!("N{}{}", letter(n / 26), letter(n))
}

fn ledger_of(seed: u64, nations: usize, records: usize) -> Dataset {
    let files = tables_of(seed, nations, records);
    Dataset::from_texts(&files).expect("the drawn ledger loads")
}

/// The tables of a drawn ledger, by file name.
fn tables_of(seed: u64, nations: usize, records: usize) -> Vec<(&'static str, String)> {
    let mut rng = Rng(seed);
    let mut pick = |items: &[&'static str]| items[rng.below(items.len() as u64) as usize];
    let mut deployments = String::from(
        "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n",
    );
    let mut relocations = String::from(
        "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n",
    );
    let mut nation_rows =
        String::from("code,name,nato_joined,reference\nIRQ,Iraq,,\nKWT,Kuwait,,\nJOR,Jordan,,\n");
    for n in 0..nations {
        writeln!(nation_rows, "{},Nation {n},,", code(n)).expect("write");
    }
    let first = chrono::NaiveDate::from_ymd_opt(2001, 1, 1).expect("day");
    let mut rng = Rng(seed ^ 0xA5A5);
    for i in 0..records {
        let nation = code(rng.below(nations as u64) as usize);
        let day = first + chrono::Days::new(rng.below(400));
        // A month, now and then: dates as vague as a source's.
        let date = if rng.below(40) == 0 {
            day.format("%Y-%m").to_string()
        } else {
            day.to_string()
        };
        let (place, mission) = (pick(&PLACES), pick(&MISSIONS));
        if rng.below(3) == 0 {
            let (mut to, to_mission) = (pick(&DESTINATIONS), pick(&MISSIONS));
            if (to, to_mission) == (place, mission) {
                // A move goes somewhere else.
                to = if place == "JOR" { "KWT" } else { "JOR" };
            }
            let amount = match rng.below(4) {
                0 => "some",
                1 => "5..40",
                2 => "~50",
                _ => "30",
            };
            let temporary = if rng.below(5) == 0 { "yes" } else { "" };
            let status = ["carried_out", "under_way", "announced"][rng.below(3) as usize];
            writeln!(
                relocations,
                "R{i},{nation},{date},{amount},{place},{mission},{to},{to_mission},{temporary},{status},,,,s1,{QUOTE},"
            )
            .expect("write");
        } else {
            let strength = pick(&STRENGTHS);
            writeln!(
                deployments,
                "D{i},{nation},{place},{mission},{date},,{strength},,,s1,{QUOTE},"
            )
            .expect("write");
        }
    }
    let files: Vec<(&str, String)> = vec![
        ("sources.csv", "id,file,title,outlet,published,date_basis\ns1,article.txt,Counts,Test,2100-01-01,stated\n".into()),
        ("nations.csv", nation_rows),
        ("missions.csv", "id,name,organization,lead,partners,host,launched,combat_role,source,quote,role_source,role_quote\nM1,Mission one,Coalition,,,IRQ,2000,,s1,Troops were counted,,\nM2,Mission two,Coalition,,,KWT,2000,,s1,Troops were counted,,\n".into()),
        ("mission_strengths.csv", "id,mission,as_of,strength,words,source,quote,note\n".into()),
        ("events.csv", "id,date,reported,kind,organization,mission,nation,location,region,count,unit,same_as,condition,words,source,quote,note\n".into()),
        ("deployments.csv", deployments),
        ("relocations.csv", relocations),
        ("article.txt", QUOTE.into()),
    ];
    files
}

/// Everything the parallel parts compute, as text: the report, and
/// postures of both projections at the end and the start of a few days.
fn answers(data: &Dataset, days: &[&str]) -> String {
    let mut out = format!("{:?}\n", data.validate());
    let ledger = Ledger::new(data);
    for day in days {
        let day = day.parse().expect("day");
        for projection in [Projection::Actual, Projection::Projected] {
            for moment in [Moment::EndOfDay, Moment::StartOfDay] {
                let options = PostureOptions {
                    projection,
                    moment,
                    ..PostureOptions::default()
                };
                writeln!(out, "{:?}", ledger.posture_with(day, options)).expect("write");
            }
        }
    }
    out
}

fn on_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(f)
}

#[test]
fn one_thread_and_several_give_the_same_findings_and_postures() {
    // Small ledgers (on one thread below the library's threshold of work)
    // and a large one (past it: programs on several threads).
    let days = ["2001-01-01", "2001-03-15", "2001-08-31", "2002-02-05"];
    for (seed, nations, records, days) in [
        (0, 12, 240, &days[..]),
        (1, 12, 240, &days[..]),
        (2, 48, 4_800, &days[2..3]),
    ] {
        let data = ledger_of(seed, nations, records);
        let one = on_threads(1, || answers(&data, days));
        let several = on_threads(4, || answers(&data, days));
        assert!(
            one.contains("Error"),
            "seed {seed}: the drawn ledger has contradictions to explain"
        );
        assert_eq!(one, several, "seed {seed}");
    }
}

#[test]
fn a_large_table_reads_the_same_in_one_piece_and_in_several() {
    // Past the size from which a table is read in pieces (4 MiB), with
    // notes holding quoted line breaks, commas and quotes.
    let mut files = tables_of(3, 20, 36_000);
    let (_, deployments) = files
        .iter_mut()
        .find(|(name, _)| *name == "deployments.csv")
        .expect("a deployments table");
    *deployments = deployments.replace(
        &format!("{QUOTE},\n"),
        &format!(
            "{QUOTE},\"a note, over\ntwo lines \"\"quoted\"\" {}\"\n",
            "x".repeat(90)
        ),
    );
    assert!(deployments.len() > 4 << 20, "{} bytes", deployments.len());
    // The records in file order (a dataset's own Debug shows its hash
    // maps, in no set order), or the problems.
    let loaded = |files: &[(&str, String)]| match Dataset::from_texts(files) {
        Ok(d) => format!(
            "Ok({:?} {:?} {:?})",
            d.nations(),
            d.deployments(),
            d.relocations()
        ),
        Err(e) => format!("Err({e:?})"),
    };
    let one = on_threads(1, || loaded(&files));
    assert!(one.starts_with("Ok("), "{}", &one[..200]);
    assert!(one == on_threads(4, || loaded(&files)));
    // Bad cells here and there: the same problems, in the same order.
    let (_, deployments) = files
        .iter_mut()
        .find(|(name, _)| *name == "deployments.csv")
        .expect("a deployments table");
    *deployments = deployments.replacen(",2001-02-", ",2001-13-", 40);
    let one = on_threads(1, || loaded(&files));
    assert!(
        one.starts_with("Err(") && one.contains("2001-13-"),
        "{}",
        &one[..200]
    );
    assert!(one == on_threads(4, || loaded(&files)));
}
