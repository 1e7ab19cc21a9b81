#!/usr/bin/env python3
"""Tabulate cargo-mutants' outcomes per folder: caught / viable, and the misses.

    python3 tests/mutants/score.py mutants.out/outcomes.json [more.json ...]

Viable means the mutant built: caught + missed + timed out. A timeout
counts as caught (the mutant changed behaviour enough to hang the tests),
as cargo-mutants counts it; the table shows timeouts apart all the same.
When several runs are given, a mutant's last outcome stands (a re-run after
a new test replaces a miss).

`--drawn FILE` counts only the mutants named in FILE (one per line, as
`sample.py --names` prints them): cargo-mutants adds every field-deletion
mutant to a filtered run, and those were not drawn, so they would bias a
uniform sample's estimate. The last line gives a 95% interval for the
share caught (Wilson's), so that a sample's score is read with its error.
"""
import argparse
import json
import math

KINDS = {
    "CaughtMutant": "caught",
    "MissedMutant": "missed",
    "Timeout": "timeout",
    "Unviable": "unviable",
}


def folder(path):
    parts = path.split("/")
    return parts[1] if len(parts) > 2 else "src"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outcomes", nargs="+")
    ap.add_argument("--drawn", metavar="FILE")
    args = ap.parse_args()
    drawn = None
    if args.drawn:
        drawn = {n.strip() for n in open(args.drawn) if n.strip()}
    last = {}
    for path in args.outcomes:
        for o in json.load(open(path))["outcomes"]:
            scenario = o["scenario"]
            if not isinstance(scenario, dict) or "Mutant" not in scenario:
                continue  # the baseline
            m = scenario["Mutant"]
            if drawn is not None and m["name"] not in drawn:
                continue
            last[m["name"]] = (folder(m["file"]), KINDS.get(o["summary"], o["summary"]))
    table = {}
    for name, (key, kind) in last.items():
        table.setdefault(key, {k: 0 for k in KINDS.values()})[kind] += 1
    print("| folder | caught | missed | timeout | unviable | caught / viable |")
    print("|---|---:|---:|---:|---:|---:|")
    total = {k: 0 for k in KINDS.values()}
    for key in sorted(table):
        row = table[key]
        for k in row:
            total[k] += row[k]
        print(line(key, row))
    print(line("**all**", total))
    viable = total["caught"] + total["missed"] + total["timeout"]
    if viable:
        low, high = wilson(total["caught"] + total["timeout"], viable)
        print(f"\n95% interval for the share caught: {100 * low:.1f}% to {100 * high:.1f}%")
    misses = sorted(n for n, (_, kind) in last.items() if kind == "missed")
    if misses:
        print("\nMissed:")
        for n in misses:
            print(f"- {n}")


def wilson(k, n, z=1.96):
    """Wilson's score interval for k successes in n trials."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def line(key, row):
    viable = row["caught"] + row["missed"] + row["timeout"]
    score = f"{row['caught'] + row['timeout']}/{viable}"
    if viable:
        score += f" ({100 * (row['caught'] + row['timeout']) / viable:.0f}%)"
    return f"| {key} | {row['caught']} | {row['missed']} | {row['timeout']} | {row['unviable']} | {score} |"


if __name__ == "__main__":
    main()
