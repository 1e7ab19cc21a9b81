#!/usr/bin/env python3
"""Draw a per-folder sample of cargo-mutants' mutants and print a regex for `--re`.

The whole crate has about 4,100 mutants and each costs a build plus the
workspace's tests (about a minute here), so a full pass takes days. A
sample drawn from every folder gives each folder a score; a seeded draw
makes the sample reproducible.

    cargo mutants -p troop-tracker --list > /tmp/all.txt
    python3 tests/mutants/sample.py --seed 25 --per-folder 7 < /tmp/all.txt > /tmp/re.txt
    CARGO_PROFILE_TEST_DEBUG=0 cargo mutants -p troop-tracker --re "$(cat /tmp/re.txt)" \
        --test-tool nextest --test-workspace true --baseline skip --timeout 300 \
        --build-timeout 900 --gitignore true -o /tmp/sample
    python3 tests/mutants/score.py /tmp/sample/mutants.out/outcomes.json

A folder is the first directory under `src/` (`ledger/world/…` counts as
`ledger`); files directly in `src/` are the folder `src`. `--weight NAME=K`
draws K from a folder instead of `--per-folder`.

`--uniform N` draws N from the whole crate instead, every mutant as likely
as any other: the draw whose score estimates the crate's, since a
per-folder draw over-represents small folders.

    python3 tests/mutants/sample.py --seed 29 --uniform 150 < /tmp/all.txt > /tmp/re.txt
"""
import argparse
import random
import sys

# Characters with a meaning in Rust's regex syntax; every other character
# in a mutant's name (spaces, `<`, `&`, `'`, `-`, `:`) stands for itself.
META = set("\\.+*?()|[]{}^$#")


def folder(name):
    path = name.split(":", 1)[0]
    parts = path.split("/")
    return parts[1] if len(parts) > 2 else "src"


def escape(text):
    return "".join("\\" + c if c in META else c for c in text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--per-folder", type=int)
    group.add_argument("--uniform", type=int, metavar="N")
    ap.add_argument("--weight", action="append", default=[], metavar="FOLDER=K")
    ap.add_argument("--names", action="store_true", help="print the names, not the regex")
    args = ap.parse_args()
    weights = {}
    for w in args.weight:
        key, _, k = w.partition("=")
        weights[key] = int(k)
    by_folder = {}
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line:
            by_folder.setdefault(folder(line), []).append(line)
    rng = random.Random(args.seed)
    chosen = []
    if args.uniform is not None:
        every = sorted(n for names in by_folder.values() for n in names)
        chosen = sorted(rng.sample(every, min(args.uniform, len(every))))
        for key in sorted(by_folder):
            k = sum(1 for n in chosen if folder(n) == key)
            print(f"{key}: {k} of {len(by_folder[key])}", file=sys.stderr)
    for key in sorted(by_folder) if args.uniform is None else []:
        names = by_folder[key]
        k = min(len(names), weights.get(key, args.per_folder))
        chosen.extend(sorted(rng.sample(names, k)))
        print(f"{key}: {k} of {len(names)}", file=sys.stderr)
    if args.names:
        print("\n".join(chosen))
    else:
        print("^(" + "|".join(escape(n) for n in chosen) + ")$")


if __name__ == "__main__":
    main()
