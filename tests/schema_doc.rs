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
