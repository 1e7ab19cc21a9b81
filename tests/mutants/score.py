#!/usr/bin/env python3
"""Tabulate cargo-mutants' outcomes per folder: caught / viable, and the misses.

    python3 tests/mutants/score.py mutants.out/outcomes.json [more.json ...]

Viable means the mutant built: caught + missed + timed out. A timeout
counts as caught (the mutant changed behaviour enough to hang the tests),
as cargo-mutants counts it; the table shows timeouts apart all the same.
When several runs are given, a mutant's last outcome stands (a re-run after
a new test replaces a miss).
"""
import json
import sys

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
    last = {}
    for path in sys.argv[1:]:
        for o in json.load(open(path))["outcomes"]:
            scenario = o["scenario"]
            if not isinstance(scenario, dict) or "Mutant" not in scenario:
                continue  # the baseline
            m = scenario["Mutant"]
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
    misses = sorted(n for n, (_, kind) in last.items() if kind == "missed")
    if misses:
        print("\nMissed:")
        for n in misses:
            print(f"- {n}")


def line(key, row):
    viable = row["caught"] + row["missed"] + row["timeout"]
    score = f"{row['caught'] + row['timeout']}/{viable}"
    if viable:
        score += f" ({100 * (row['caught'] + row['timeout']) / viable:.0f}%)"
    return f"| {key} | {row['caught']} | {row['missed']} | {row['timeout']} | {row['unviable']} | {score} |"


if __name__ == "__main__":
    main()
