//! Every record of the bundled dataset is evidence: its quote is a verbatim
//! substring of its seed article, and the figure's words in that quote read
//! as the recorded strength by the documented rules.

use std::path::Path;

use troop_tracker::{Citation, Dataset, Strength};

fn seed_text(data: &Dataset, c: &Citation) -> String {
    let source = data.source(c.source()).expect("cited source exists");
    let file = source
        .file()
        .expect("every bundled source has its article on file");
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks the quote against the seed file on disk (not the loader's copy)
/// and the figure words against the recorded strength.
fn check(data: &Dataset, id: &str, c: &Citation, figure: Option<Strength>) {
    let text = seed_text(data, c);
    assert!(
        text.contains(c.quote()),
        "{id}: quote is not verbatim in {}: {:?}",
        c.source(),
        c.quote()
    );
    let Some(strength) = figure else { return };
    let words = c
        .words()
        .unwrap_or_else(|| panic!("{id}: a figure needs the words that state it"));
    assert!(
        c.quote().contains(words),
        "{id}: words {words:?} not in quote"
    );
    let read = Strength::from_phrase(words).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert!(
        read.same_notation(&strength),
        "{id}: words {words:?} read as {read}, but the record says {strength}"
    );
}

#[test]
fn every_quote_is_verbatim_and_every_figure_matches_its_words() {
    let data = Dataset::bundled().expect("bundled dataset loads");
    let mut checked = 0;
    for m in data.missions() {
        check(&data, m.id().as_str(), m.citation(), None);
        if let Some(c) = m.role_citation() {
            check(&data, m.id().as_str(), c, None);
        }
        checked += 1;
    }
    for t in data.mission_strengths() {
        check(&data, t.id().as_str(), t.citation(), Some(t.strength()));
        checked += 1;
    }
    for d in data.deployments() {
        match d.share() {
            // A figure stated only as a share: the words must be the share.
            Some(share) => {
                assert_eq!(d.strength().to_string(), "n/r", "{}", d.id());
                let words = d.citation().words().expect("share words");
                let expected = match words {
                    "half" => "1/2",
                    "a third" => "1/3",
                    "a quarter" => "1/4",
                    other => panic!("{}: unknown share words {other:?}", d.id()),
                };
                assert_eq!(share.to_string(), expected, "{}", d.id());
                check(&data, d.id().as_str(), d.citation(), None);
            }
            None => check(&data, d.id().as_str(), d.citation(), Some(d.strength())),
        }
        checked += 1;
    }
    for r in data.relocations() {
        check(&data, r.id().as_str(), r.citation(), Some(r.strength()));
        checked += 1;
    }
    for e in data.events() {
        check(
            &data,
            e.id().as_str(),
            e.citation(),
            e.count().map(|(s, _)| s),
        );
        checked += 1;
    }
    let expected = data.missions().len()
        + data.mission_strengths().count()
        + data.deployments().len()
        + data.relocations().len()
        + data.events().len();
    assert_eq!(checked, expected);
    assert!(
        checked >= 40,
        "the seeds hold at least 40 claims, found {checked}"
    );
}

#[test]
fn the_two_famous_figures_are_there_with_their_words() {
    let data = Dataset::bundled().expect("bundled dataset loads");
    let deu = data
        .relocations()
        .iter()
        .find(|r| r.nation().is_some_and(|n| n.as_str() == "DEU"))
        .expect("Germany's relocation");
    assert_eq!(deu.strength().to_string(), "30");
    let to: Vec<String> = deu.to().iter().map(ToString::to_string).collect();
    assert_eq!(to, ["JOR", "KWT"]);
    let nmi = data.mission(&"NMI".parse().expect("id")).expect("NMI");
    let totals: Vec<String> = nmi
        .totals()
        .iter()
        .map(|t| t.strength().to_string())
        .collect();
    assert_eq!(totals, ["500", "~500"]);
    assert_eq!(nmi.lead().map(|n| n.to_string()), Some("CAN".into()));
    assert_eq!(nmi.combat_role(), Some(false));
}

#[test]
fn every_seed_is_cited_and_every_source_has_its_article() {
    let data = Dataset::bundled().expect("bundled dataset loads");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<String> = std::fs::read_dir(&seeds)
        .expect("seeds/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    for f in &files {
        let source = data
            .sources()
            .iter()
            .find(|s| s.file() == Some(&format!("../seeds/{f}")))
            .unwrap_or_else(|| panic!("no source lists seeds/{f}"));
        assert!(source.text().is_some_and(|t| !t.is_empty()));
        let cited = data
            .deployments()
            .iter()
            .map(|d| d.citation())
            .chain(data.relocations().iter().map(|r| r.citation()))
            .chain(data.events().iter().map(|e| e.citation()))
            .chain(data.mission_strengths().map(|t| t.citation()))
            .any(|c| c.source() == source.id());
        assert!(cited, "{} is never cited", source.id());
    }
}

#[test]
fn nato_membership_counts_agree_with_the_accession_table() {
    let data = Dataset::bundled().expect("bundled dataset loads");
    let on = |d: &str| {
        let day = d.parse().expect("date");
        data.nations()
            .iter()
            .filter(|n| n.is_nato_member_on(day))
            .count()
    };
    // The seeds say 29 in February 2020; North Macedonia joined in March.
    assert_eq!(on("2020-02-13"), 29);
    assert_eq!(on("2020-03-27"), 30);
    assert_eq!(on("1949-08-24"), 12);
    let xkx = data.nation("XKX".parse().expect("code")).expect("Kosovo");
    assert_eq!(xkx.name(), "Kosovo");
    assert!(xkx.nato_joined().is_none());
    // A nation reads as its name and code.
    assert_eq!(xkx.to_string(), "Kosovo (XKX)");
}

/// `citation_of` finds every record by its id, whatever its kind — a
/// mission, a mission's total, a deployment, a relocation, an event or a
/// stated total — and gives that record's own citation; an id no record
/// has finds none.
#[test]
fn every_record_is_cited_by_its_id() {
    let data = Dataset::bundled().expect("bundled dataset loads");
    let mut cited: Vec<(String, &Citation)> = Vec::new();
    cited.extend(
        data.missions()
            .iter()
            .map(|m| (m.id().to_string(), m.citation())),
    );
    cited.extend(
        data.mission_strengths()
            .map(|t| (t.id().to_string(), t.citation())),
    );
    cited.extend(
        data.deployments()
            .iter()
            .map(|d| (d.id().to_string(), d.citation())),
    );
    cited.extend(
        data.relocations()
            .iter()
            .map(|r| (r.id().to_string(), r.citation())),
    );
    cited.extend(
        data.events()
            .iter()
            .map(|e| (e.id().to_string(), e.citation())),
    );
    cited.extend(
        data.totals()
            .iter()
            .map(|t| (t.id().to_string(), t.citation())),
    );
    let mut ids: Vec<&str> = cited.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), cited.len(), "ids are unique across kinds");
    for (id, citation) in &cited {
        assert_eq!(data.citation_of(id), Some(*citation), "{id}");
    }
    assert_eq!(data.citation_of("no-such-record"), None);
}
