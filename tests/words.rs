//! What each record, option and line kind prints in words (its `Display`
//! form), as a user sees it in messages and logs: the bundled data's own
//! records, each kind of line of a timeline, each moment of a posture;
//! and how a summary's paragraph wraps its words.

use std::collections::BTreeSet;

use troop_tracker::posture::Moment;
use troop_tracker::{Dataset, Subject};

fn bundled() -> Dataset {
    Dataset::bundled().expect("the bundled data loads")
}

/// A source: its id, title in quotes, outlet and publication date.
#[test]
fn a_source_prints_its_id_title_outlet_and_date() {
    let data = bundled();
    let source = data
        .sources()
        .iter()
        .find(|s| s.id().as_str() == "nw-2020-01-09")
        .expect("the NATO article");
    assert_eq!(
        source.to_string(),
        "nw-2020-01-09: \"NATO agrees to do more in 'fight against international terrorism' \
         after Trump phone call\", not stated, 2020-01-09"
    );
}

/// A deployment: whose troops, how many, where, under which mission and
/// as what share of it, as of when, and its id; every one of them.
#[test]
fn a_deployment_prints_whose_how_many_where_when_and_its_id() {
    let data = bundled();
    let printed = |id: &str| {
        data.deployments()
            .iter()
            .find(|d| d.id().as_str() == id)
            .unwrap_or_else(|| panic!("{id}"))
            .to_string()
    };
    assert_eq!(
        printed("D-DEU-KRD-2020-01-09"),
        "DEU >=2 in IRQ/Kurdistan region as of 2020-01-09 [D-DEU-KRD-2020-01-09]"
    );
    assert_eq!(
        printed("D-CAN-NMI-2020-02-12"),
        "CAN ~250 in IRQ under NMI as of 2020-02-12 [D-CAN-NMI-2020-02-12]"
    );
    assert_eq!(
        printed("D-USA-AFG-2020-02-15"),
        "USA n/r in AFG under RSM (1/2 of the mission) as of 2020-02-15 [D-USA-AFG-2020-02-15]"
    );
    for d in data.deployments() {
        let text = d.to_string();
        let head = format!("{} {} in {}", d.nation(), d.strength(), d.location());
        let tail = format!(" as of {} [{}]", d.as_of(), d.id());
        assert!(text.starts_with(&head) && text.ends_with(&tail), "{text}");
    }
}

/// An event: when, what, under which mission, by whom, where, how many
/// of what, and its id.
#[test]
fn an_event_prints_when_what_who_where_and_its_id() {
    let data = bundled();
    let printed = |id: &str| {
        data.events()
            .iter()
            .find(|e| e.id().as_str() == id)
            .unwrap_or_else(|| panic!("{id}"))
            .to_string()
    };
    assert_eq!(
        printed("E-IRN-2020-01-08-attack"),
        "2020-01-07|2020-01-08 attack_on_bases by IRN in IRQ: 2 bases [E-IRN-2020-01-08-attack]"
    );
    assert_eq!(
        printed("E-NMI-2020-01-07-moved-out"),
        "2020-01-06..2020-01-08 personnel_moved_out NMI in IRQ: >=2 troops \
         [E-NMI-2020-01-07-moved-out]"
    );
    assert_eq!(
        printed("E-NATO-2020-02-13-members"),
        "2020-02-13 member_count: 29 members [E-NATO-2020-02-13-members]"
    );
    for e in data.events() {
        let text = e.to_string();
        assert!(
            text.starts_with(&format!("{} {}", e.date(), e.kind())),
            "{text}"
        );
        assert!(text.ends_with(&format!(" [{}]", e.id())), "{text}");
    }
}

/// Each kind of timeline line prints as its word, the word `as_str`
/// gives; the bundled data has a line of every kind.
#[test]
fn each_kind_of_timeline_line_prints_its_word() {
    let data = bundled();
    let mut words = BTreeSet::new();
    for item in data.timeline(&Subject::All) {
        assert_eq!(item.kind.to_string(), item.kind.as_str());
        words.insert(item.kind.as_str());
    }
    assert_eq!(
        words,
        BTreeSet::from(["event", "launch", "mission_total", "observed", "relocation"])
    );
}

/// A timeline line's figure prints as whose troops, where and under which
/// mission; an event that names no place, without one.
#[test]
fn a_lines_figure_prints_whose_where_and_under_what() {
    let data = bundled();
    let items = data.timeline(&Subject::All);
    let figure = |record: &str| {
        items
            .iter()
            .find(|i| i.record == record)
            .unwrap_or_else(|| panic!("{record}"))
            .step
            .key
            .to_string()
    };
    assert_eq!(figure("E-USA-2020-01-strike-d"), "USA");
    assert_eq!(figure("E-USA-2020-01-strike-b"), "USA in IRQ/Baghdad");
    assert_eq!(
        figure("E-NMI-2018-launched"),
        "unnamed contributors in IRQ under NMI"
    );
    for i in &items {
        let text = i.step.key.to_string();
        assert!(!text.ends_with(' ') && !text.contains("in  "), "{text}");
    }
}

/// A posture's moment prints as its word, the one the tool's summary
/// writes as each moment's `moment`.
#[test]
fn each_moment_prints_its_word() {
    assert_eq!(Moment::EndOfDay.to_string(), "end_of_day");
    assert_eq!(Moment::StartOfDay.to_string(), "start_of_day");
    assert_eq!(Moment::default().to_string(), Moment::EndOfDay.as_str());
}

/// A doubt added to a record is kept, in words, with the reading it
/// explains; the doubt itself is no part of the record's content.
#[test]
fn a_doubt_added_to_a_record_is_kept_with_its_reading() {
    let data = bundled();
    let d = data.deployments()[0].clone();
    let id = |s: &str| s.parse::<troop_tracker::RecordId>().expect("an id");
    let doubt = troop_tracker::Doubt::ZeroBetween {
        before: id("TDQ-DEU-1990-06"),
        after: id("TDQ-DEU-1991-06"),
    };
    assert!(d
        .clone()
        .with_doubt(doubt.clone(), d.strength())
        .same_record(&d));
    let doubted = d
        .clone()
        .with_doubt(doubt, troop_tracker::Strength::not_reported());
    let words: Vec<String> = doubted.doubts().iter().map(|x| x.to_string()).collect();
    assert_eq!(
        words,
        [
            "a 0 between substantial figures of its own series (TDQ-DEU-1990-06, \
          TDQ-DEU-1991-06): read as not reported"
        ]
    );
    assert_eq!(doubted.strength().to_string(), "n/r");
    assert!(d.doubts().is_empty());
}

/// A summary's paragraphs: the text tables are the `tables` feature's.
#[cfg(feature = "tables")]
mod paragraph {
    use proptest::prelude::*;
    use troop_tracker::summary::wrap;

    #[test]
    fn a_paragraph_wraps_at_the_width_and_indents_what_follows() {
        assert_eq!(wrap("aaa bbb ccc ddd", 7, 0), "aaa bbb\nccc ddd\n");
        // A line exactly as wide as the width is full, not over.
        assert_eq!(wrap("aaa bbb", 7, 4), "aaa bbb\n");
        assert_eq!(wrap("aaa bbb", 6, 4), "aaa\n    bbb\n");
        assert_eq!(wrap("aaa bbb ccc ddd", 8, 2), "aaa bbb\n  ccc\n  ddd\n");
        // A first word no wider than the indent still ends its line when the
        // next does not fit.
        assert_eq!(wrap("abc defgh", 5, 3), "abc\n   defgh\n");
        // A word wider than the line stays whole, on a line of its own.
        assert_eq!(wrap("a verylongword b", 6, 1), "a\n verylongword\n b\n");
        // Runs of spaces and line breaks in the text are one space; nothing
        // to print prints nothing.
        assert_eq!(wrap("  aaa \n\t bbb  ", 80, 4), "aaa bbb\n");
        assert_eq!(wrap(" \n ", 80, 4), "");
        // Widths count characters, not bytes.
        assert_eq!(wrap("éé éé", 5, 0), "éé éé\n");
    }

    proptest! {
        /// Every word kept in order; each line as full as the width allows
        /// (the next line's first word would not have fitted on it), over the
        /// width only when it holds one word; what follows the first line
        /// indented.
        #[test]
        fn a_wrapped_paragraph_keeps_its_words_and_fills_its_lines(
            words in prop::collection::vec("[a-zé]{1,12}", 0..30),
            width in 1usize..40,
            indent in 0usize..6,
        ) {
            let text = words.join(" ");
            let out = wrap(&text, width, indent);
            prop_assert_eq!(out.split_whitespace().collect::<Vec<_>>(), words.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert_eq!(out.is_empty(), words.is_empty());
            prop_assert!(out.is_empty() || out.ends_with('\n'));
            let lines: Vec<&str> = out.lines().collect();
            let width_of = |l: &str| l.chars().count();
            for (i, line) in lines.iter().enumerate() {
                let margin = if i == 0 { 0 } else { indent };
                prop_assert_eq!(line.len() - line.trim_start().len(), margin, "{:?}", line);
                prop_assert!(!line.ends_with(' '), "{:?}", line);
                prop_assert!(
                    width_of(line) <= width || line.split_whitespace().count() == 1,
                    "{:?} is over {} wide", line, width
                );
                if let Some(next) = lines.get(i + 1) {
                    let first = next.split_whitespace().next().expect("a word");
                    prop_assert!(
                        width_of(line) + 1 + width_of(first) > width,
                        "{:?} fitted on {:?}", first, line
                    );
                }
            }
        }
    }
}
