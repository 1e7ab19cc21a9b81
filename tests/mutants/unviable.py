#!/usr/bin/env python3
"""Which mutants do not compile, per folder, without running a test.

    git worktree add /tmp/wt HEAD
    cargo mutants -p troop-tracker --features parquet,png --list --json --diff > /tmp/all.json
    python3 tests/mutants/unviable.py /tmp/wt /tmp/all.json /tmp/unviable.jsonl

A full pass's runs record caught, missed and unviable per shard, not per
file; a shard's outcomes file is gone with its machine. The misses are
named in SHARDS.md, so a score per folder needs only each folder's
unviable count, and that needs no test: each mutant is applied in the
worktree (never this checkout) and `cargo check --lib --bins` run on it,
about 1.3 s a mutant. Only mutants that can fail to compile are checked:
a function's replaced value, and arithmetic or bitwise operators (types
may lack the replacement's trait). Comparisons, `&&`/`||`, deleted `!`
or `-`, match arms and guards always compile; `--all` checks them too.

Appends one JSON line per mutant to the output (so a stopped run goes on
where it left off), then prints mutants, unviable and viable per folder.
The worktree's file is restored after each mutant.
"""
import argparse
import collections
import json
import os
import re
import subprocess

ARITHMETIC = {"+", "-", "*", "/", "%", "+=", "-=", "*=", "/=", "%=",
              "<<", ">>", "^", "|", "&", "^=", "|=", "&="}


def may_fail_to_compile(m):
    if m["genre"] == "FnValue":
        return True
    if m["genre"] == "BinaryOperator":
        op = re.search(r"replace (\S+) with", m["name"])
        return op is not None and op.group(1) in ARITHMETIC
    return False


def folder(path):
    parts = path.split("/")
    return parts[1] if len(parts) > 2 else "src (root)"


def compiles(worktree, m):
    """Applies the mutant's diff, checks, restores; None if it won't apply."""
    path = os.path.join(worktree, m["file"])
    with open(path, encoding="utf-8") as f:
        original = f.read()
    lines = m["diff"].split("\n")
    # cargo-mutants names the mutant where `patch` wants the file.
    lines[1] = "+++ " + m["file"]
    try:
        applied = subprocess.run(
            ["patch", "-p0", "--quiet", "--no-backup-if-mismatch"],
            input="\n".join(lines) + "\n", text=True, cwd=worktree,
            capture_output=True).returncode == 0
        if not applied:
            return None
        env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(worktree, "target"))
        return subprocess.run(
            ["cargo", "check", "-q", "-p", "troop-tracker", "--lib", "--bins",
             "--features", "parquet,png"],
            cwd=worktree, env=env, capture_output=True).returncode == 0
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("worktree")
    ap.add_argument("mutants", help="cargo mutants --list --json --diff")
    ap.add_argument("out", help="JSON lines, appended")
    ap.add_argument("--all", action="store_true", help="check every mutant")
    args = ap.parse_args()
    with open(args.mutants, encoding="utf-8") as f:
        mutants = json.load(f)
    seen = {}
    if os.path.exists(args.out):
        with open(args.out, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                seen[r["name"]] = r["result"]
    with open(args.out, "a", encoding="utf-8") as out:
        for m in mutants:
            if m["name"] in seen or not (args.all or may_fail_to_compile(m)):
                continue
            ok = compiles(args.worktree, m)
            seen[m["name"]] = {None: "no-patch", True: "viable", False: "unviable"}[ok]
            out.write(json.dumps({"name": m["name"], "result": seen[m["name"]]}) + "\n")
            out.flush()
    counts = collections.defaultdict(collections.Counter)
    for m in mutants:
        counts[folder(m["file"])]["mutants"] += 1
        counts[folder(m["file"])][seen.get(m["name"], "viable")] += 1
    print(f"{'folder':12} {'mutants':>8} {'unviable':>8} {'viable':>8} {'no-patch':>8}")
    for name in sorted(counts, key=lambda k: -counts[k]["mutants"]):
        c = counts[name]
        print(f"{name:12} {c['mutants']:8} {c['unviable']:8} {c['viable']:8} {c['no-patch']:8}")


if __name__ == "__main__":
    main()
