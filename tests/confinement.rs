//! Nothing is read from outside the folders the user pointed at: tables,
//! articles and imported tables alike are opened once and checked as
//! opened (a regular file, one name, inside the folder once links are
//! resolved), and an error about a refused file never shows its contents.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};

use troop_tracker::import::troopdata;
use troop_tracker::{Dataset, LoadOptions};

/// A scratch folder: `ROOT/data` with the fixture, `ROOT/outside.txt` a
/// copy of its article, `ROOT/outside.csv` a copy of its events table.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!(
            "troop-tracker-confine-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        let data = root.join("data");
        std::fs::create_dir_all(&data).expect("mkdir");
        for (file, text) in common::FIXTURE {
            std::fs::write(data.join(file), text).expect("write");
        }
        std::fs::write(root.join("outside.txt"), common::FIXTURE[7].1).expect("write");
        let events = common::FIXTURE
            .iter()
            .find(|(n, _)| *n == "events.csv")
            .expect("events")
            .1;
        std::fs::write(root.join("outside.csv"), events).expect("write");
        Scratch(root)
    }

    fn data(&self) -> PathBuf {
        self.0.join("data")
    }

    fn load(&self) -> Result<Dataset, String> {
        Dataset::from_dir_with(self.data(), &LoadOptions::new()).map_err(|e| e.to_string())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn replace_with_link(target: &Path, link: &Path) {
    let _ = std::fs::remove_file(link);
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
}

#[test]
fn the_fixture_loads_from_its_folder() {
    let s = Scratch::new("plain");
    assert!(s.load().is_ok(), "{:?}", s.load().err());
}

#[test]
fn a_table_linked_outside_is_refused_without_its_contents() {
    let s = Scratch::new("table-links");
    let events = s.data().join("events.csv");
    // A copy outside that would load: refused all the same.
    replace_with_link(&s.0.join("outside.csv"), &events);
    let err = s.load().expect_err("a table outside the folder");
    assert!(
        err.contains("events.csv: cannot read the file: it lies outside"),
        "{err}"
    );
    // System files: named, never shown.
    for target in ["/etc/passwd", "/proc/self/environ"] {
        replace_with_link(Path::new(target), &events);
        let err = s.load().expect_err(target);
        assert!(err.contains("it lies outside"), "{target}: {err}");
        assert!(
            !err.contains("root:") && !err.contains("PATH=") && !err.contains("HOME="),
            "{target}: the error shows the file: {err}"
        );
    }
}

#[test]
fn a_table_that_is_a_pipe_device_or_folder_is_refused_at_once() {
    let s = Scratch::new("table-kinds");
    let events = s.data().join("events.csv");
    mkfifo(&events);
    // Opened without blocking, then refused (a blocking open would hang
    // this test forever).
    let err = s.load().expect_err("a pipe");
    assert!(err.contains("expected a regular file"), "{err}");
    replace_with_link(Path::new("/dev/zero"), &events);
    let err = s.load().expect_err("a device");
    assert!(err.contains("expected a regular file"), "{err}");
    let _ = std::fs::remove_file(&events);
    std::fs::create_dir(&events).expect("mkdir");
    let err = s.load().expect_err("a folder");
    assert!(err.contains("expected a regular file"), "{err}");
}

#[test]
fn hard_links_are_refused_for_tables_and_articles() {
    let s = Scratch::new("hard-links");
    let events = s.data().join("events.csv");
    std::fs::remove_file(&events).expect("rm");
    std::fs::hard_link(s.0.join("outside.csv"), &events).expect("hard link");
    let err = s.load().expect_err("a hard-linked table");
    assert!(
        err.contains("events.csv: cannot read the file: it has 2 hard links"),
        "{err}"
    );
    std::fs::remove_file(&events).expect("rm");
    std::fs::copy(s.0.join("outside.csv"), &events).expect("copy");
    assert!(s.load().is_ok());
    let article = s.data().join("article.txt");
    std::fs::remove_file(&article).expect("rm");
    std::fs::hard_link(s.0.join("outside.txt"), &article).expect("hard link");
    let err = s.load().expect_err("a hard-linked article");
    assert!(
        err.contains("column file") && err.contains("2 hard links"),
        "{err}"
    );
}

#[test]
fn a_link_loop_is_an_error_not_a_hang() {
    let s = Scratch::new("loop");
    let a = s.data().join("events.csv");
    let b = s.data().join("other.csv");
    replace_with_link(&b, &a);
    replace_with_link(&a, &b);
    let err = s.load().expect_err("a loop");
    assert!(err.contains("events.csv: cannot read the file:"), "{err}");
}

/// The article is swapped between a plain file inside and a link to a
/// file outside while loads run: no load may ever read the outside file.
/// The outside copy differs by one word, so that a quote checked against
/// it fails in a way that names it.
#[test]
fn swapping_an_article_for_a_link_never_reads_outside() {
    let s = Scratch::new("race");
    let article = s.data().join("article.txt");
    let inside = std::fs::read_to_string(&article).expect("article");
    let outside = s.0.join("outside.txt");
    let marker = "OUTSIDE-MARKER-7f3a";
    std::fs::write(&outside, format!("{inside}\n{marker}\n")).expect("write");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (article, outside, inside, stop) = (
            article.clone(),
            outside.clone(),
            inside.clone(),
            stop.clone(),
        );
        std::thread::spawn(move || {
            let tmp = article.with_extension("tmp");
            let mut flips = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // Atomic swaps by rename: a link, then a plain file.
                let _ = std::fs::remove_file(&tmp);
                let _ = std::os::unix::fs::symlink(&outside, &tmp);
                let _ = std::fs::rename(&tmp, &article);
                let _ = std::fs::write(&tmp, &inside);
                let _ = std::fs::rename(&tmp, &article);
                flips += 1;
            }
            flips
        })
    };
    let started = std::time::Instant::now();
    let (mut loaded, mut refused) = (0, 0);
    while started.elapsed() < std::time::Duration::from_millis(1500) {
        match Dataset::from_dir(s.data()) {
            Ok(d) => {
                let text = d.sources()[0].text().unwrap_or_default();
                assert!(!text.contains(marker), "read the outside file");
                loaded += 1;
            }
            Err(e) => {
                let e = e.to_string();
                assert!(!e.contains(marker), "showed the outside file: {e}");
                refused += 1;
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let flips = swapper.join().expect("swapper");
    assert!(
        flips > 10 && loaded + refused > 10,
        "{flips} flips, {loaded} + {refused} loads"
    );
}

#[test]
fn troopdata_tables_are_confined_and_bounded() {
    let s = Scratch::new("troopdata");
    let dir = s.0.join("td");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let quarterly = dir.join(troopdata::QUARTERLY_FILE);
    let reports = dir.join(troopdata::REPORTS_FILE);
    std::fs::write(&reports, "x\n").expect("write");
    // A device would be read without end; a pipe would block forever.
    replace_with_link(Path::new("/dev/zero"), &quarterly);
    let err = troopdata::read_dir(&dir).expect_err("a device").to_string();
    assert!(err.contains("refused: expected a regular file"), "{err}");
    mkfifo(&quarterly);
    let err = troopdata::read_dir(&dir).expect_err("a pipe").to_string();
    assert!(err.contains("refused: expected a regular file"), "{err}");
    replace_with_link(Path::new("/etc/passwd"), &quarterly);
    let err = troopdata::read_dir(&dir).expect_err("outside").to_string();
    assert!(err.contains("refused: it lies outside"), "{err}");
    assert!(!err.contains("root:"), "{err}");
}

/// A refusal names the folders the file had to be in, as resolved: the
/// data folder for a table; for an article, the data folder or each folder
/// the caller allowed, all of them.
#[test]
fn a_refusal_names_the_folders_allowed() {
    let s = Scratch::new("named");
    let data = s.data().canonicalize().expect("resolved");
    let events = s.data().join("events.csv");
    replace_with_link(&s.0.join("outside.csv"), &events);
    let err = s.load().expect_err("a table outside the folder");
    let expected = format!("it lies outside {} once links are resolved", data.display());
    assert!(err.contains(&expected), "{err}");
    std::fs::remove_file(&events).expect("rm");
    std::fs::copy(s.0.join("outside.csv"), &events).expect("copy");
    // The article a link to a file outside both allowed folders.
    let elsewhere = s.0.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    let article = s.data().join("article.txt");
    replace_with_link(&s.0.join("outside.txt"), &article);
    let options = LoadOptions::new().allow_articles_in(&elsewhere);
    let err = Dataset::from_dir_with(s.data(), &options)
        .expect_err("an article outside")
        .to_string();
    let both = format!(
        "{} or {}",
        data.display(),
        elsewhere.canonicalize().expect("resolved").display()
    );
    assert!(err.contains(&both), "{err}");
}
