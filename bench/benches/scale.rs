//! Criterion benchmarks of the main path at 10k and 100k deployments, next
//! to the floor of reading the same files with `csv::ByteRecord`.
//!
//! `cargo bench` runs them; the synthetic datasets are written once to the
//! system's temporary folder. Larger sizes (1M, 10M) are whole-process runs
//! of `examples/scale.rs`; see BENCHMARKS.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use troop_tracker::export::{self, ExportOptions};
use troop_tracker::Dataset;

fn dataset_dir(rows: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("troop-tracker-bench-{rows}-7"));
    if !dir.join("events.csv").exists() {
        troop_tracker_bench::write_dataset(&dir, rows, 7).expect("write synthetic dataset");
    }
    dir
}

fn floor(dir: &Path) -> u64 {
    let mut n = 0;
    for (name, _) in troop_tracker::schema() {
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(dir.join(name))
            .expect("open");
        let mut rec = csv::ByteRecord::new();
        while r.read_byte_record(&mut rec).expect("read") {
            n += 1;
        }
    }
    n
}

fn stages(c: &mut Criterion) {
    for rows in [10_000usize, 100_000] {
        let dir = dataset_dir(rows);
        let records = floor(&dir);
        let mut group = c.benchmark_group(format!("{rows} deployments"));
        group.sample_size(10);
        group.throughput(Throughput::Elements(records));
        group.bench_function(BenchmarkId::new("floor: csv ByteRecord", rows), |b| {
            b.iter(|| black_box(floor(&dir)))
        });
        group.bench_function(BenchmarkId::new("load", rows), |b| {
            b.iter(|| black_box(Dataset::from_dir(&dir).expect("loads")))
        });
        let data = Dataset::from_dir(&dir).expect("loads");
        let ledger = troop_tracker::Ledger::new(&data);
        group.bench_function(BenchmarkId::new("validate", rows), |b| {
            b.iter(|| black_box(data.validate()))
        });
        // The first posture builds the index; these are postures after it.
        let _ = ledger.posture("2000-01-01".parse().expect("day"));
        let mut day = 0u64;
        let start: chrono::NaiveDate = "1995-01-01".parse().expect("day");
        group.bench_function(BenchmarkId::new("posture on a new date", rows), |b| {
            b.iter(|| {
                day = (day + 37) % 10_000;
                let on = start + chrono::Days::new(day);
                black_box(ledger.posture(on).entries().len())
            })
        });
        let p = ledger.posture("2020-01-09".parse().expect("day"));
        group.bench_function(BenchmarkId::new("export posture", rows), |b| {
            b.iter(|| {
                let mut sink = std::io::sink();
                black_box(
                    export::write_posture(&mut sink, &p, ExportOptions::default()).expect("export"),
                )
            })
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
