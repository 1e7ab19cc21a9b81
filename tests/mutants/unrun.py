#!/usr/bin/env python3
"""The mutants on lines no test runs: certain survivors, found in minutes.

    python3 tests/mutants/unrun.py lcov.info < all.txt

`all.txt` is `cargo mutants -p troop-tracker --features parquet,png
--list`; `lcov.info` is the line coverage of the same tests cargo-mutants
runs (`cargo llvm-cov nextest --workspace --features ... --lcov`). A
mutant whose line no test executed cannot be caught (unless it does not
build), so where a sampled run needs an hour per sixty mutants, this names
every one of them crate-wide at the cost of one instrumented test run.
Lines the coverage does not list (declarations, attributes) count as run.

Prints each such mutant, then a count per file on standard error.
"""
import collections
import sys


def coverage(path):
    """Each file's executed count per line, the highest of its records."""
    lines = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("SF:"):
                current = lines.setdefault(line[3:], {})
            elif line.startswith("DA:") and current is not None:
                number, count = line[3:].split(",")[:2]
                n = int(number)
                current[n] = max(current.get(n, 0), int(count))
    return lines


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    lines = coverage(sys.argv[1])

    def of(name):
        # lcov names files by absolute path; cargo-mutants, from the root.
        for path, counts in lines.items():
            if path == name or path.endswith("/" + name):
                return counts
        return None

    per_file = collections.Counter()
    for mutant in sys.stdin:
        mutant = mutant.strip()
        parts = mutant.split(":")
        if len(parts) < 3 or not parts[1].isdigit():
            continue
        counts = of(parts[0])
        if counts is not None and counts.get(int(parts[1]), 1) == 0:
            print(mutant)
            per_file[parts[0]] += 1
    for name, n in per_file.most_common():
        print(f"{n:4} {name}", file=sys.stderr)
    print(f"{sum(per_file.values()):4} in all", file=sys.stderr)


if __name__ == "__main__":
    main()
