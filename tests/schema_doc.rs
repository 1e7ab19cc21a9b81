//! `data/README.md` documents each file's columns in a table; the code
//! names them once, in the row structs behind `troop_tracker::schema()`.
//! The two must agree, column for column and in order.

/// For each `### NAME.csv` section, the backticked names in the first
/// cell of each row of its column table, in order.
fn documented() -> Vec<(String, Vec<String>)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/README.md");
    let text = std::fs::read_to_string(path).expect("data/README.md");
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            let name = heading.split_whitespace().next().unwrap_or_default();
            open = name.ends_with(".csv");
            if open {
                out.push((name.to_owned(), Vec::new()));
            }
            continue;
        }
        // A section of another level ends the file's table.
        if line.starts_with("## ") || line.starts_with("# ") {
            open = false;
            continue;
        }
        let Some((_, columns)) = out.last_mut().filter(|_| open) else {
            continue;
        };
        let Some(row) = line.strip_prefix('|') else {
            continue;
        };
        let first = row.split('|').next().unwrap_or_default();
        let mut rest = first;
        while let Some(start) = rest.find('`') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('`') else { break };
            columns.push(after[..end].to_owned());
            rest = &after[end + 1..];
        }
    }
    out
}

#[test]
fn data_readme_documents_exactly_the_schema() {
    let docs = documented();
    let schema = troop_tracker::schema();
    let names: Vec<&str> = docs.iter().map(|(n, _)| n.as_str()).collect();
    let expected: Vec<&str> = schema.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, expected, "the files data/README.md documents");
    for ((file, documented), (_, columns)) in docs.iter().zip(schema) {
        assert_eq!(
            documented, columns,
            "{file}: data/README.md against the row struct"
        );
    }
}

#[test]
fn the_reader_sees_a_missing_column() {
    // The parser above reads what a table holds, so a dropped row would
    // show: a section with one column fewer than its table differs.
    let docs = documented();
    let (_, deployments) = docs
        .iter()
        .find(|(n, _)| n == "deployments.csv")
        .expect("documented");
    assert_eq!(deployments.first().map(String::as_str), Some("id"));
    assert_eq!(deployments.len(), 12);
}

fn data_readme() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/README.md");
    std::fs::read_to_string(path).expect("data/README.md")
}

/// The cells of a Markdown table row, with `\|` kept inside its cell.
fn cells(row: &str) -> Vec<String> {
    let row = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = vec![String::new()];
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                out.last_mut().expect("a cell").push('|');
            }
            '|' => out.push(String::new()),
            _ => out.last_mut().expect("a cell").push(c),
        }
    }
    out.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// The backticked words of a text, in order.
fn ticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn data_readme_lists_every_event_kind_and_unit() {
    use troop_tracker::{EventKind, EventUnit};
    let text = data_readme();
    let row = |column: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("| `{column}` ")) && l.contains("| word"))
            .unwrap_or_else(|| panic!("no row for {column}"));
        ticked(cells(line).last().expect("a meaning"))
            .into_iter()
            .filter(|w| w != "count")
            .collect()
    };
    let kinds: Vec<String> = EventKind::ALL
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    let units: Vec<String> = EventUnit::ALL
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    assert_eq!(row("kind"), kinds, "events.csv's kind row");
    assert_eq!(row("unit"), units, "events.csv's unit row");
    // The table of what each kind records, one row per kind, in order.
    let table: Vec<String> = text
        .lines()
        .skip_while(|l| !l.starts_with("| kind | what the row records |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| ticked(&cells(l)[0]).concat())
        .collect();
    assert_eq!(table, kinds, "the table of event kinds");
}

#[test]
fn data_readme_lists_every_date_form() {
    use troop_tracker::{Date, Precision};
    let text = data_readme();
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip_while(|l| !l.starts_with("| notation ") || !l.contains("| precision"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .collect();
    assert!(rows.len() >= Precision::ALL.len());
    let mut seen = Vec::new();
    for row in &rows {
        let notation = ticked(&row[0]).concat();
        let date: Date = notation
            .parse()
            .unwrap_or_else(|e| panic!("{notation}: {e}"));
        assert_eq!(date.to_string(), notation, "written as read");
        let precision = row[1].replace(' ', "_");
        assert_eq!(date.precision().as_str(), precision, "{notation}");
        seen.push(date.precision());
    }
    for p in Precision::ALL {
        assert!(
            seen.contains(p),
            "data/README.md has no date of precision {p}"
        );
    }
}

/// The README's list of rule ids ("Rules (ids): …") names every rule
/// once, by the id it prints as, and nothing else.
#[test]
fn readme_lists_every_rule_by_its_id() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = std::fs::read_to_string(path).expect("README.md");
    let from = text.find("Rules (ids): ").expect("the list of rules");
    let to = from + text[from..].find("What an import finds").expect("its end");
    let mut listed = ticked(&text[from..to]);
    listed.sort();
    let mut ids: Vec<String> = troop_tracker::Rule::ALL
        .iter()
        .map(|r| {
            assert_eq!(r.to_string(), r.id());
            r.id().to_owned()
        })
        .collect();
    ids.sort();
    assert_eq!(listed, ids);
}
