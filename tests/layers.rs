//! The layers of `ARCHITECTURE.md`, checked against the code: every
//! `crate::` path in `src/` names a module of its own layer or one below,
//! modules of one layer do not name each other in a cycle, and no source
//! file grows past the size a reader can hold.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and its layer, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "value types",
        &[
            "date", "fasthash", "id", "interval", "location", "nation", "phrase", "severity",
            "share", "source", "strength",
        ],
    ),
    (
        "records",
        &[
            "deployment",
            "doubt",
            "event",
            "mission",
            "relocation",
            "total",
        ],
    ),
    ("dataset", &["dataset"]),
    ("CSV reading and writing", &["csv", "import"]),
    ("ledger", &["ledger"]),
    ("analyses", &["posture", "timeline", "validate"]),
    ("outputs", &["chart", "export", "report", "rows", "summary"]),
    // The `troop-tracker` tool is its own crate (`cli/`): Cargo itself
    // keeps the library from naming it.
];

/// The most lines one source file may hold.
const MAX_FILE_LINES: usize = 500;

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/csv/read.rs` -> `csv`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("inside src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_owned()
}

/// Every top-level module a file names through `crate::`, outside its
/// unit tests (which may use anything).
fn named_modules(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name.chars().all(|c| !c.is_ascii_uppercase()) {
                out.insert(name);
            }
            rest = after;
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let module = module_of(&src, &f);
        if module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("read");
        let named = named_modules(&text);
        g.entry(module.clone())
            .or_default()
            .extend(named.into_iter().filter(|m| *m != module));
    }
    g
}

#[test]
fn every_module_has_a_layer() {
    for module in graph().keys() {
        assert!(
            layer_of(module).is_some(),
            "src/{module} is in no layer: add it to LAYERS and ARCHITECTURE.md"
        );
    }
}

#[test]
fn imports_run_down_the_layers() {
    let mut wrong = Vec::new();
    for (module, named) in graph() {
        let Some(here) = layer_of(&module) else {
            continue;
        };
        for other in named {
            if let Some(there) = layer_of(&other) {
                if there > here {
                    wrong.push(format!(
                        "{module} ({}) names {other} ({})",
                        LAYERS[here].0, LAYERS[there].0
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports up the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_cycle() {
    let g = graph();
    // Depth-first search for a back edge.
    fn visit(
        g: &BTreeMap<String, BTreeSet<String>>,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in g.get(node).into_iter().flatten() {
            if let Some(c) = visit(g, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in g.keys() {
        if let Some(cycle) = visit(&g, node, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_checks_see_a_violation() {
    // The scanner finds paths in code and ignores comments, so the
    // checks above are not vacuous.
    let named = named_modules(
        "use crate::ledger::Key;\n// crate::export\nlet x = crate::posture::Moment::EndOfDay;",
    );
    assert_eq!(named.into_iter().collect::<Vec<_>>(), ["ledger", "posture"]);
    assert!(layer_of("export") > layer_of("ledger"));
}

#[test]
fn no_source_file_is_too_long() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("cli/src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).expect("read").lines().count();
            (n > MAX_FILE_LINES).then(|| format!("{} has {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
