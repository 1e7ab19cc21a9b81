//! The checks' thresholds, one by one, on series written by hand.

use super::*;
use crate::date::Date;
use crate::source::Citation;
use crate::strength::Strength;

mod interleave;

/// A deployment of USA in `place` from `source` on year-month `ym`.
fn row(source: &str, place: &str, ym: (i32, u32), n: u64) -> Deployment {
    let (y, m) = ym;
    let date = Date::month(y, m).expect("date");
    dated(source, place, date, &format!("{y}-{m:02}"), n)
}

/// The same on the day `day`, as precise as the checks can be told.
fn on(source: &str, place: &str, day: chrono::NaiveDate, n: u64) -> Deployment {
    let when = day.to_string();
    let date = Date::day(when.parse().expect("a day"));
    dated(source, place, date, &when, n)
}

/// A deployment of USA in `place` from `source` on `date`, its id ending
/// in `when`.
fn dated(source: &str, place: &str, date: Date, when: &str, n: u64) -> Deployment {
    let id = format!("{source}-{place}-{when}").parse().expect("id");
    let citation = Citation::new(source.parse().expect("source"), "row", None::<&str>);
    Deployment::new(
        id,
        "USA".parse().expect("code"),
        Location::country_wide(place.parse().expect("code")),
        date,
        Strength::exact(n),
        citation,
    )
}

/// How many Junes the checks dispute as interleaved.
fn disputed_junes(rows: &[Deployment]) -> usize {
    disputed_in(rows, 6)
}

/// How many figures of `month` the checks dispute as interleaved.
fn disputed_in(rows: &[Deployment], month: u32) -> usize {
    use chrono::Datelike;
    disputed(
        rows.iter()
            .filter(|d| d.as_of().earliest().month() == month),
    )
}

/// How many of `rows`, of any month, the checks dispute as interleaved.
fn disputed<'a>(rows: impl IntoIterator<Item = &'a Deployment>) -> usize {
    rows.into_iter()
        .filter(|d| {
            d.doubts()
                .iter()
                .any(|x| matches!(x, Doubt::Interleaved { .. }))
        })
        .count()
}

/// The same row stating `strength` instead.
fn stated(d: Deployment, strength: Strength) -> Deployment {
    Deployment::new(
        d.id().clone(),
        d.nation(),
        d.location().clone(),
        d.as_of(),
        strength,
        d.citation().clone(),
    )
}

/// Table `A` at `ratio` times table `B` in September, for each year with
/// B's figure.
fn overlaps(ratios: &[f64]) -> Vec<Deployment> {
    let mut out = Vec::new();
    for (k, r) in ratios.iter().enumerate() {
        let y = 1960 + i32::try_from(k).expect("few");
        out.push(row("A", "KOR", (y, 9), (1000.0 * r).round() as u64));
        out.push(row("B", "KOR", (y, 9), 1000));
    }
    out
}

fn learned(mut rows: Vec<Deployment>) -> Vec<std::sync::Arc<Pattern>> {
    read(&mut rows, Zeros::MayBeFiller).patterns
}

#[test]
fn a_ratio_is_learned_only_when_large_consistent_and_seen_enough() {
    assert_eq!(learned(overlaps(&[2.0, 2.0, 2.0])).len(), 1);
    assert_eq!(learned(overlaps(&[2.0, 2.0])).len(), 0, "MIN_OVERLAPS is 3");
    assert_eq!(
        learned(overlaps(&[1.5, 1.5, 1.5])).len(),
        1,
        "MIN_RATIO is 1.5"
    );
    assert_eq!(learned(overlaps(&[1.45, 1.45, 1.45])).len(), 0);
    // 4 of 5 agree (0.8): learned; 3 of 4 (0.75): not.
    assert_eq!(learned(overlaps(&[2.0, 2.0, 2.0, 2.0, 1.0])).len(), 1);
    // The median of six is the fourth: 2, which five agree with.
    let p = learned(overlaps(&[1.0, 2.0, 2.0, 2.0, 2.0, 2.0]));
    assert_eq!(p.len(), 1, "the median is no outlier");
    // A pattern's ratio is the median of those that agree.
    let p = learned(overlaps(&[1.96, 1.98, 2.0, 2.02, 2.04]));
    assert_eq!((p[0].ratio, p[0].largest), (2.0, 2.04));
    assert_eq!(learned(overlaps(&[2.0, 2.0, 2.0, 1.0])).len(), 0);
    // Within 3% of the median agrees; 4% away does not.
    let p = learned(overlaps(&[2.0, 2.05, 1.95]));
    assert_eq!((p[0].agreeing, p[0].largest), (3, 2.05));
    assert_eq!(learned(overlaps(&[2.0, 2.08, 1.92])).len(), 0);
    // "About 2,000" is a stated count, its middle the term of a ratio;
    // "1,800 to 2,200" is none, whatever its middle.
    let restated = |to: fn(u64) -> Strength| -> Vec<Deployment> {
        let rows = overlaps(&[2.0, 2.0, 2.0]).into_iter();
        rows.map(|d| match d.citation().source().as_str() {
            "A" => {
                let n = d.strength().bounds().low();
                stated(d, to(n))
            }
            _ => d,
        })
        .collect()
    };
    assert_eq!(learned(restated(Strength::approximately)).len(), 1);
    let range = |n: u64| Strength::range(n - 200, n + 200).expect("a range");
    assert_eq!(learned(restated(range)).len(), 0, "a range is no count");
    // A zero is no term of a ratio (it would make 0 and infinity, one
    // overlap of four that does not agree).
    let mut rows = overlaps(&[2.0, 2.0, 2.0, 0.0]);
    assert_eq!(read(&mut rows, Zeros::AreCounts).patterns.len(), 1);
    let mut rows = overlaps(&[2.0, 2.0, 2.0]);
    rows.push(row("A", "KOR", (1963, 9), 2000));
    rows.push(row("B", "KOR", (1963, 9), 0));
    assert_eq!(read(&mut rows, Zeros::AreCounts).patterns.len(), 1);
}

#[test]
fn a_zero_of_a_patterns_source_is_no_suspect() {
    // Table A's 0 in the pattern's month and decade is no k-fold of
    // anything: it stays 0, undoubted.
    let mut rows = overlaps(&[2.0, 2.0, 2.0]);
    rows.push(row("A", "KOR", (1964, 9), 0));
    rows.push(row("A", "KOR", (1965, 9), 3000));
    assert_eq!(read(&mut rows, Zeros::AreCounts).patterns.len(), 1);
    let doubted = |id: &str| {
        rows.iter()
            .any(|d| d.id().as_str() == id && !d.doubts().is_empty())
    };
    assert!(!doubted("A-KOR-1964-09"));
    assert!(doubted("A-KOR-1965-09"));
}

#[test]
fn a_suspect_figure_is_widened_in_its_patterns_month_and_decade() {
    let mut rows = overlaps(&[2.0, 2.0, 2.0, 2.0, 2.0]);
    // 1962 without B's row; 1969 past the last overlap, in the decade;
    // 1958 in another decade.
    rows.retain(|d| d.id().as_str() != "B-KOR-1962-09");
    for y in [1958, 1969] {
        rows.push(row("A", "KOR", (y, 9), 4000));
    }
    rows.push(row("A", "KOR", (1962, 6), 4000));
    read(&mut rows, Zeros::MayBeFiller);
    let strength = |id: &str| {
        rows.iter()
            .find(|d| d.id().as_str() == id)
            .map(|d| d.strength().to_string())
            .expect("row")
    };
    assert_eq!(strength("A-KOR-1962-09"), "1000..2000");
    // Where B gives the date, the range meets B's figure in a posture.
    assert_eq!(strength("A-KOR-1963-09"), "1000..2000");
    assert_eq!(
        strength("A-KOR-1969-09"),
        "2000..4000",
        "the pattern speaks for its decade"
    );
    assert_eq!(strength("A-KOR-1958-09"), "4000", "another decade");
    assert_eq!(strength("A-KOR-1962-06"), "4000", "another month");
}

#[test]
fn zeros_need_substantial_figures_on_both_sides() {
    let mut rows = vec![
        row("A", "AFG", (2001, 6), 100),
        row("A", "AFG", (2002, 6), 0),
        row("A", "AFG", (2003, 6), 100),
        row("A", "IRQ", (2001, 6), 99),
        row("A", "IRQ", (2002, 6), 0),
        row("A", "IRQ", (2003, 6), 5000),
        row("A", "SYR", (2001, 3), 500),
        row("A", "SYR", (2001, 6), 0),
        row("A", "SYR", (2001, 9), 0),
        row("A", "SYR", (2001, 12), 0),
        row("A", "SYR", (2002, 3), 0),
        row("A", "SYR", (2002, 6), 500),
    ];
    read(&mut rows, Zeros::MayBeFiller);
    let zeros: Vec<&str> = rows
        .iter()
        .filter(|d| d.is_not_reported())
        .map(|d| d.id().as_str())
        .collect();
    assert_eq!(
        zeros,
        [
            "A-AFG-2002-06",
            "A-SYR-2001-06",
            "A-SYR-2001-09",
            "A-SYR-2001-12",
            "A-SYR-2002-03"
        ],
        "100 is substantial, 99 is not; a run of four is read, five would not be"
    );
}

#[test]
fn a_table_whose_zeros_are_counts_keeps_them() {
    let mut rows = vec![
        row("A", "AFG", (2001, 6), 100),
        row("A", "AFG", (2002, 6), 0),
        row("A", "AFG", (2003, 6), 100),
    ];
    read(&mut rows, Zeros::AreCounts);
    assert!(rows
        .iter()
        .all(|d| !d.is_not_reported() && d.doubts().is_empty()));
    assert_eq!(rows[1].strength().to_string(), "0");
}

#[test]
fn of_several_patterns_the_largest_k_reads_the_figure() {
    // a = 4T and a second source is 2T, a third T: a is 2x one and 4x the
    // other; a's lone 1965 figure of 6000 (truth 1500) must reach down to
    // 1500, whichever pattern is learned first (patterns are learned in
    // the order of the sources' names: the 2-fold first, then the 4-fold
    // first).
    for (twice, once) in [("B", "C"), ("C", "B")] {
        let mut rows = Vec::new();
        for (y, t) in [(1961, 1000u64), (1962, 1100), (1963, 1200)] {
            rows.push(row("A", "KOR", (y, 9), 4 * t));
            rows.push(row(twice, "KOR", (y, 9), 2 * t));
            rows.push(row(once, "KOR", (y, 9), t));
        }
        rows.push(row("A", "KOR", (1965, 9), 6000));
        read(&mut rows, Zeros::MayBeFiller);
        let lone = rows
            .iter()
            .find(|d| d.id().as_str() == "A-KOR-1965-09")
            .expect("row");
        assert_eq!(lone.strength().to_string(), "1500..6000", "{twice} twice");
        assert_eq!(lone.doubts().len(), 2);
    }
}

#[test]
fn zeros_years_apart_are_an_absence() {
    let mut rows = vec![
        row("A", "LBY", (1960, 9), 5000),
        row("A", "LBY", (1961, 9), 0),
        row("A", "LBY", (1975, 9), 0),
        row("A", "LBY", (1999, 9), 300),
    ];
    read(&mut rows, Zeros::MayBeFiller);
    assert!(
        rows.iter().all(|d| d.doubts().is_empty()),
        "MOST_ZERO_SPAN_DAYS"
    );
}

#[test]
fn only_an_exact_zero_is_filler() {
    // "Up to 300" starts at 0 but is no zero: it stays what it says.
    let up_to = stated(row("A", "MLI", (2002, 6), 0), Strength::up_to(300));
    let mut rows = vec![
        row("A", "MLI", (2001, 6), 500),
        up_to,
        row("A", "MLI", (2003, 6), 500),
    ];
    read(&mut rows, Zeros::MayBeFiller);
    assert_eq!(rows[1].strength().to_string(), "<=300");
    assert!(rows[1].doubts().is_empty());
}

/// A figure stated just before or after a move, or as a share of another,
/// is of no series: its 0 between substantial figures is not read as
/// filler, whichever of the two it is.
#[test]
fn a_figure_placed_at_a_move_or_stated_as_a_share_is_of_no_series() {
    use crate::deployment::RelativeTo;
    use crate::share::Share;
    let placed = row("A", "AFG", (2002, 6), 0)
        .with_relative_to(Some(RelativeTo::After("R1".parse().expect("id"))));
    let shared = row("A", "IRQ", (2002, 6), 0).with_share(Some(Share::new(1, 2).expect("share")));
    let mut rows = vec![
        row("A", "AFG", (2001, 6), 100),
        placed,
        row("A", "AFG", (2003, 6), 100),
        row("A", "IRQ", (2001, 6), 100),
        shared,
        row("A", "IRQ", (2003, 6), 100),
    ];
    read(&mut rows, Zeros::MayBeFiller);
    let read_as_filler: Vec<&str> = rows
        .iter()
        .filter(|d| d.is_not_reported())
        .map(|d| d.id().as_str())
        .collect();
    assert_eq!(read_as_filler, Vec::<&str>::new());
    // The same zeros in their series are filler.
    let mut plain = vec![
        row("A", "AFG", (2001, 6), 100),
        row("A", "AFG", (2002, 6), 0),
        row("A", "AFG", (2003, 6), 100),
    ];
    read(&mut plain, Zeros::MayBeFiller);
    assert!(plain[1].is_not_reported());
}

/// A row the source gave no count in ("n/r", "at least 50") is no figure
/// of its series: the zero after it is still framed by the counts around
/// it, and read as filler.
#[test]
fn a_row_without_a_count_does_not_break_a_zeros_frame() {
    for uncounted in [Strength::not_reported(), Strength::at_least(50)] {
        let gap = stated(row("A", "AFG", (2001, 12), 0), uncounted);
        let mut rows = vec![
            row("A", "AFG", (2001, 6), 100),
            gap,
            row("A", "AFG", (2002, 6), 0),
            row("A", "AFG", (2003, 6), 100),
        ];
        read(&mut rows, Zeros::MayBeFiller);
        assert!(
            rows[2].is_not_reported(),
            "the 0 after {uncounted} is filler"
        );
        assert_eq!(
            rows[1].strength().to_string(),
            uncounted.to_string(),
            "the row without a count stays"
        );
    }
}
