//! The claim inventory (`data/inventory.csv`) accounts for every sentence
//! of every seed article that states a number, a quantity word, a date or
//! weekday, a part of a day, a season or an ordinal, a force movement, or
//! a change or comparison of a force: each such sentence has one entry, which
//! either names the records that capture it or gives a reason from a
//! closed list (documented in `data/README.md`). Adding an article shows
//! at once what is still unread; dropping a record or an entry fails.

use std::collections::{BTreeMap, HashMap};

use troop_tracker::{Citation, Dataset};

const REASONS: &[&str] = &[
    "dates-the-article",
    "caption-or-headline",
    "statement",
    "opinion",
    "not-about-forces",
    "no-figure-given",
    "open",
];

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "U.S", "Gen", "Mr", "Mrs", "Ms", "Dr", "St", "Lt", "Col", "Sgt", "No", "Jan", "Feb", "Mar",
    "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "U.N", "U.K", "a.m", "p.m", "Maj", "Capt",
    "Adm", "Rep", "Sen", "Gov", "Jr", "Sr", "Inc", "Ltd", "Co", "vs", "e.g", "i.e",
];

/// The sentences of an article: paragraphs split where a `.`, `?` or `!`
/// (and any closing quotes) is followed by a space and a capital, a digit
/// or an opening quote, unless the period ends an abbreviation or an
/// initial.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        let mut start = 0;
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if matches!(c, '.' | '?' | '!') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | ')' | ']') {
                    j += 1;
                }
                let spaced = j < chars.len() && chars[j].1.is_whitespace();
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next_starts = k < chars.len()
                    && (chars[k].1.is_uppercase()
                        || chars[k].1.is_ascii_digit()
                        || matches!(chars[k].1, '“' | '"' | '‘'));
                if spaced && next_starts {
                    let head = &para[start..at];
                    let token = head
                        .rsplit(char::is_whitespace)
                        .next()
                        .unwrap_or("")
                        .trim_start_matches(['(', '“', '"']);
                    let initial =
                        token.chars().count() == 1 && token.chars().all(char::is_uppercase);
                    if !(c == '.' && (ABBREVIATIONS.contains(&token) || initial)) {
                        let end = chars.get(j).map_or(para.len(), |x| x.0);
                        out.push(para[start..end].trim().to_owned());
                        start = chars[k].0;
                        i = k;
                        continue;
                    }
                }
            }
            i += 1;
        }
        if start < para.len() {
            out.push(para[start..].trim().to_owned());
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a sentence states a number, a quantity word, a date or
/// weekday, a part of a day, a season or an ordinal, a force movement, or
/// a change or comparison of a force (README's promise: every sentence a
/// reader could take a figure, a time or a movement from).
fn is_claim(s: &str) -> bool {
    const QUANTITY: &[&str] = &[
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "dozen",
        "dozens",
        "half",
        "couple",
        "several",
        "some",
        "most",
        "all",
        "no",
        "none",
        "few",
        "many",
        "portion",
        "handful",
        "both",
    ];
    const DATES: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "today",
        "yesterday",
        "tomorrow",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "weekend",
    ];
    const MOVES: &[&str] = &[
        "move",
        "moves",
        "moving",
        "moved",
        "withdraw",
        "withdrawal",
        "withdrawing",
        "withdrew",
        "deploy",
        "deployed",
        "deploying",
        "deployment",
        "send",
        "sending",
        "sent",
        "transfer",
        "transferred",
        "transfers",
        "transferring",
        "expel",
        "suspend",
        "suspended",
        "resume",
        "resumption",
        "leave",
        "leaving",
        "left",
        "repositioning",
        "relocate",
        "relocating",
        "return",
        "returned",
        "returning",
        "remain",
        "remains",
        "remained",
        "stay",
        "stays",
        "maintain",
        "disengage",
        "disengagement",
        "pull",
        "pulled",
        "arrive",
        "arrived",
        "station",
        "stationed",
        "evacuate",
        "evacuated",
    ];
    /// Change words and comparatives: a force growing, shrinking or
    /// staying as it is.
    const CHANGES: &[&str] = &[
        "more",
        "fewer",
        "less",
        "additional",
        "extra",
        "increase",
        "increased",
        "increasing",
        "reduce",
        "reduced",
        "reducing",
        "reduction",
        "cut",
        "cuts",
        "expand",
        "expanded",
        "expanding",
        "expansion",
        "strengthen",
        "strengthened",
        "strengthening",
        "bigger",
        "larger",
        "smaller",
        "greater",
        "replace",
        "reinforce",
        "reinforcement",
        "reinforcements",
        "boost",
        "scale",
        "double",
    ];
    /// Parts of days, seasons and ordinals: times a source gives.
    const TIMES: &[&str] = &[
        "morning",
        "afternoon",
        "evening",
        "night",
        "overnight",
        "tonight",
        "midnight",
        "noon",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "first",
        "second",
        "third",
        "fourth",
        "last",
        "next",
        "previous",
        "recent",
        "recently",
        "earlier",
        "later",
        "soon",
        "now",
        "currently",
        "still",
        "since",
        "until",
        "ago",
    ];
    if s.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    words(s).iter().any(|w| {
        let lower = w.to_lowercase();
        QUANTITY.contains(&lower.as_str())
            || DATES.contains(&w.as_str())
            || DATES.contains(&lower.as_str())
            || MOVES.contains(&lower.as_str())
            || CHANGES.contains(&lower.as_str())
            || TIMES.contains(&lower.as_str())
    })
}

struct Entry {
    line: usize,
    source: String,
    sentence: String,
    records: Vec<String>,
    reason: String,
}

fn inventory() -> Vec<Entry> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/inventory.csv");
    let mut r = csv::Reader::from_path(path).expect("data/inventory.csv");
    let header = r.headers().expect("header").clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        ["source", "sentence", "records", "reason", "note"]
    );
    r.records()
        .enumerate()
        .map(|(i, row)| {
            let row = row.expect("a row");
            Entry {
                line: i + 2,
                source: row[0].to_owned(),
                sentence: row[1].to_owned(),
                records: row[2]
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                reason: row[3].to_owned(),
            }
        })
        .collect()
}

/// Each source's claim sentences.
fn claims(data: &Dataset) -> BTreeMap<String, Vec<String>> {
    data.sources()
        .iter()
        .filter_map(|s| {
            let text = s.text()?;
            let found = sentences(text)
                .into_iter()
                .filter(|x| is_claim(x))
                .collect();
            Some((s.id().to_string(), found))
        })
        .collect()
}

/// The claim sentences no entry accounts for.
fn uncovered(claims: &BTreeMap<String, Vec<String>>, entries: &[&Entry]) -> Vec<String> {
    let mut out = Vec::new();
    for (source, sentences) in claims {
        for s in sentences {
            let covered = entries
                .iter()
                .any(|e| &e.source == source && s.contains(e.sentence.as_str()));
            if !covered {
                out.push(format!("{source}: {s}"));
            }
        }
    }
    out
}

fn citations(data: &Dataset) -> HashMap<String, Vec<&Citation>> {
    let mut out: HashMap<String, Vec<&Citation>> = HashMap::new();
    for d in data.deployments() {
        out.entry(d.id().to_string())
            .or_default()
            .push(d.citation());
    }
    for r in data.relocations() {
        out.entry(r.id().to_string())
            .or_default()
            .push(r.citation());
    }
    for e in data.events() {
        out.entry(e.id().to_string())
            .or_default()
            .push(e.citation());
    }
    for t in data.mission_strengths() {
        out.entry(t.id().to_string())
            .or_default()
            .push(t.citation());
    }
    for m in data.missions() {
        let list = out.entry(m.id().to_string()).or_default();
        list.push(m.citation());
        list.extend(m.role_citation());
    }
    out
}

#[test]
fn every_claim_sentence_of_every_seed_is_accounted_for() {
    let data = Dataset::bundled().expect("bundled");
    let entries = inventory();
    let all: Vec<&Entry> = entries.iter().collect();
    let missing = uncovered(&claims(&data), &all);
    assert!(
        missing.is_empty(),
        "{} claim sentences the inventory does not account for:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// What is wrong with the entries: one outside a claim sentence, a record
/// that does not exist or does not quote its sentence, a reason not in
/// the list, or records and a reason both or neither.
fn entry_problems(
    entries: &[Entry],
    cites: &HashMap<String, Vec<&Citation>>,
    claims: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for e in entries {
        let at = format!("data/inventory.csv line {}", e.line);
        let in_a_claim = claims
            .get(&e.source)
            .is_some_and(|list| list.iter().any(|s| s.contains(e.sentence.as_str())));
        if !in_a_claim {
            out.push(format!("{at}: not within a claim sentence of {}", e.source));
        }
        match (e.records.is_empty(), e.reason.is_empty()) {
            (false, true) => {
                for id in &e.records {
                    let Some(found) = cites.get(id) else {
                        out.push(format!("{at}: no record {id}"));
                        continue;
                    };
                    let quoted = found.iter().any(|c| {
                        c.source().as_str() == e.source
                            && (c.quote().contains(e.sentence.as_str())
                                || e.sentence.contains(c.quote()))
                    });
                    if !quoted {
                        out.push(format!("{at}: {id} does not quote this sentence"));
                    }
                }
            }
            (true, false) => {
                if !REASONS.contains(&e.reason.as_str()) {
                    out.push(format!("{at}: unknown reason {:?}", e.reason));
                }
            }
            _ => out.push(format!(
                "{at}: expected records or a reason, not both or neither"
            )),
        }
    }
    out
}

#[test]
fn every_entry_is_a_sentence_with_its_records_or_a_reason() {
    let data = Dataset::bundled().expect("bundled");
    let problems = entry_problems(&inventory(), &citations(&data), &claims(&data));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn dropping_any_entry_or_record_is_caught() {
    let data = Dataset::bundled().expect("bundled");
    let claims = claims(&data);
    let entries = inventory();
    // Each entry is the only one for its sentence: without it the sentence
    // is unaccounted for.
    for (i, e) in entries.iter().enumerate() {
        let rest: Vec<&Entry> = entries
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, x)| x)
            .collect();
        assert!(
            !uncovered(&claims, &rest).is_empty(),
            "data/inventory.csv line {}: dropping it goes unnoticed",
            e.line
        );
    }
    // Each record the inventory names is needed: with its data row gone,
    // the entry names nothing.
    let cites = citations(&data);
    let named: std::collections::BTreeSet<&String> =
        entries.iter().flat_map(|e| &e.records).collect();
    assert!(!named.is_empty());
    for id in named {
        let mut without = cites.clone();
        without.remove(id.as_str());
        assert!(
            !entry_problems(&entries, &without, &claims).is_empty(),
            "removing {id} from the data goes unnoticed"
        );
    }
}

#[test]
fn the_readme_counts_come_from_the_inventory() {
    let entries = inventory();
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &entries {
        let key = if e.reason.is_empty() {
            "records"
        } else {
            e.reason.as_str()
        };
        *by_reason.entry(key).or_default() += 1;
    }
    let records: std::collections::BTreeSet<&String> =
        entries.iter().flat_map(|e| &e.records).collect();
    let line = format!(
        "The inventory accounts for {} claim sentences: {} captured by {} records, {} open (the schema cannot say them yet), {} excluded ({}).",
        entries.len(),
        by_reason.get("records").copied().unwrap_or(0),
        records.len(),
        by_reason.get("open").copied().unwrap_or(0),
        entries.len()
            - by_reason.get("records").copied().unwrap_or(0)
            - by_reason.get("open").copied().unwrap_or(0),
        by_reason
            .iter()
            .filter(|(k, _)| **k != "records" && **k != "open")
            .map(|(k, v)| format!("{v} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/README.md"),
    )
    .expect("data/README.md");
    assert!(readme.contains(&line), "data/README.md should say:\n{line}");
}

#[test]
fn the_splitter_keeps_abbreviations_and_quotes_together() {
    let s = sentences("U.S. forces left. Gen. Qassem Soleimani was killed. “We are here.” Then 3 more.\nNew paragraph");
    assert_eq!(
        s,
        [
            "U.S. forces left.",
            "Gen. Qassem Soleimani was killed.",
            "“We are here.”",
            "Then 3 more.",
            "New paragraph"
        ]
    );
    assert!(is_claim("Germany is sending 30 of its 120 soldiers"));
    assert!(is_claim("some personnel moved"));
    assert!(!is_claim("Stoltenberg was circumspect about it"));
    // Change words, comparatives, parts of days, seasons, ordinals.
    for claim in [
        "allies pledged to do more",
        "the mission is expected to be strengthened rapidly",
        "the US troops will remain in Iraq",
        "told on Thursday night",
        "possibly during the summer",
        "a second step",
        "Washington intends to disengage",
        "out of the question to increase participation",
    ] {
        assert!(is_claim(claim), "{claim}");
    }
}
