"""Times, from Python, importing troopdata's tables and the UN's, combining
them, and taking a posture to a pandas frame: what a notebook user waits
for. The Rust-only time of the same work is `cargo run --release -p
troop-tracker-bench --example frames -- ../shared/external`.

    pip install './python[pandas]'
    python bench/python_frames.py ../shared/external [RUNS] [DAY]

Prints the median and the fastest of RUNS runs (default 7), each stage
apart.
"""

import pathlib
import statistics
import sys
import time

import troop_tracker as tt


def main() -> None:
    shared = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/external")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    day = sys.argv[3] if len(sys.argv) > 3 else "2012-06-30"
    stages = {"import both": [], "posture": [], "to_pandas": [], "end to end": []}
    rows = 0
    for _ in range(runs):
        start = time.perf_counter()
        data = tt.combine(tt.import_troopdata(shared / "troopdata"), tt.import_ipi(shared / "ipi-peacekeeping"))
        imported = time.perf_counter()
        frame = data.posture(day)
        postured = time.perf_counter()
        df = frame.to_pandas()
        done = time.perf_counter()
        rows = len(df)
        stages["import both"].append(imported - start)
        stages["posture"].append(postured - imported)
        stages["to_pandas"].append(done - postured)
        stages["end to end"].append(done - start)
    print(f"troopdata + IPI, posture {day} to pandas ({rows} rows), {runs} runs:")
    for name, times in stages.items():
        print(f"  {name:<12} median {statistics.median(times) * 1e3:8.1f} ms   fastest {min(times) * 1e3:8.1f} ms")


if __name__ == "__main__":
    main()
