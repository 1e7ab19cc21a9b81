//! Breaking any single figure of the bundled data that a rule covers, in a
//! copy of `data/`, makes validation fail with that rule and the figures.

use std::path::{Path, PathBuf};

use troop_tracker::{Dataset, LoadOptions, Severity};

struct Copy(PathBuf);

impl Copy {
    fn new(name: &str) -> Copy {
        let root = std::env::temp_dir().join(format!(
            "troop-tracker-broken-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["data", "seeds"] {
            std::fs::create_dir_all(root.join(dir)).expect("mkdir");
            for entry in std::fs::read_dir(here.join(dir)).expect("read dir") {
                let entry = entry.expect("entry");
                std::fs::copy(entry.path(), root.join(dir).join(entry.file_name())).expect("copy");
            }
        }
        Copy(root)
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.0.join("data").join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} must occur once in {file}"
        );
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }

    /// Loads the copy's `data/`, whose articles are in the `seeds/` beside it.
    fn load(&self) -> Result<Dataset, troop_tracker::LoadError> {
        let options = LoadOptions::new().allow_articles_in(self.0.join("seeds"));
        Dataset::from_dir_with(self.0.join("data"), &options)
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn an_unbroken_copy_validates_clean() {
    let c = Copy::new("clean");
    let r = c.load().expect("loads").validate();
    assert!(!r.has_errors(), "{r}");
}

#[test]
fn every_covered_figure_when_broken_gives_an_error() {
    let cases: &[(&str, &str, &str, &str, &[&str])] = &[
        (
            "deployments.csv",
            "before:R-DEU-2020-01-09,120,",
            "before:R-DEU-2020-01-09,20,",
            "relocation-exceeds-origin",
            &["moves 30 of the 20"],
        ),
        (
            "relocations.csv",
            "2020-01-09,30,IRQ",
            "2020-01-09,130,IRQ",
            "relocation-exceeds-origin",
            &["moves 130 of the 120"],
        ),
        (
            "deployments.csv",
            "after:R-DEU-2020-01-09,>=2,",
            "after:R-DEU-2020-01-09,>=100,",
            "conservation",
            &["minus 30 moved = 90", ">=100"],
        ),
        (
            "deployments.csv",
            ",~250,,",
            ",~700,,",
            "mission-total",
            &["CAN ~700", "~500", "contradiction"],
        ),
        (
            "mission_strengths.csv",
            "2020-01-09,500,",
            "2020-01-09,50,",
            "competing-claims",
            &["\"500-strong\"", "\"about 500\""],
        ),
        (
            "events.csv",
            ",29,members,",
            ",28,members,",
            "alliance-size",
            &["says 28 members", "table gives 29"],
        ),
        (
            "relocations.csv",
            ",2..499,",
            ",600..700,",
            "relocation-exceeds-origin",
            &["moves 600..700 of the 500"],
        ),
        (
            "deployments.csv",
            "before:R-CAN-2020-01-09,500,",
            "before:R-CAN-2020-01-09,50,",
            "within-country",
            &[
                "CAN in IRQ under NMI: ~250",
                "then: 0..50 (D-CAN-IRQ-2020-01-09",
            ],
        ),
        (
            "missions.csv",
            ",IRQ,2018,no,",
            ",IRQ,2021,no,",
            "date-order",
            &["before NMI was launched (2021)"],
        ),
        (
            "relocations.csv",
            ",200..300,",
            ",100..150,",
            "competing-claims",
            &[
                "\"hundreds of\"",
                "\"a couple of hundred\"",
                "cannot both be true",
            ],
        ),
    ];
    for (i, (file, from, to, rule, parts)) in cases.iter().enumerate() {
        let c = Copy::new(&format!("case{i}"));
        c.edit(file, from, to);
        let data = c.load().expect("still loads");
        let r = data.validate();
        let hit = r.findings().iter().find(|f| {
            f.severity() == Severity::Error
                && f.rule().id() == *rule
                && parts.iter().all(|p| f.message().contains(p))
        });
        let Some(hit) = hit else {
            panic!("case {i}: {file} {from:?} -> {to:?}: no error [{rule}] with {parts:?} in\n{r}");
        };
        // The error names the fewest records that cannot all be true, each
        // one of its own records, and says so.
        let set = hit
            .contradiction()
            .unwrap_or_else(|| panic!("case {i}: no minimal set in {hit}"));
        assert!(!set.is_empty(), "case {i}");
        assert!(
            set.iter().all(|id| hit.records().contains(id)),
            "case {i}: {hit}"
        );
        assert!(
            hit.message().contains("cannot all be true: "),
            "case {i}: {hit}"
        );
        // Those records alone still give the error, and leaving out any
        // one of them takes it away: the set is the fewest, as it says.
        let errs = |ids: &[&str]| {
            data.subset(ids)
                .validate()
                .findings()
                .iter()
                .any(|f| f.severity() == Severity::Error && f.rule().id() == *rule)
        };
        let ids: Vec<&str> = set.iter().map(String::as_str).collect();
        assert!(errs(&ids), "case {i}: {ids:?} alone give no [{rule}] error");
        for k in 0..ids.len() {
            let mut fewer = ids.clone();
            let left_out = fewer.remove(k);
            assert!(
                !errs(&fewer),
                "case {i}: {fewer:?} without {left_out} still give a [{rule}] error, so {ids:?} is not the fewest"
            );
        }
    }
}
