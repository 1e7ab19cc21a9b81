#!/usr/bin/env python3
"""The posture totals of a generated folder computed with polars, checked
against troop-tracker's, then both timed end to end.

    pip install polars
    cargo build --release -p troop-tracker-bench --example posture_totals --example generate
    target/release/examples/generate --rows 1000000 --out /tmp/unc1m --uncoupled
    python3 bench/polars_compare.py /tmp/unc1m 2010-06-30 [--runs 3]

What polars computes is the sum of intervals a dataframe gives: each
(nation, location, mission) takes its latest observation on or before the
day, then adds or subtracts every relocation carried out (or under way)
after that observation and up to the day; a temporary move widens rather
than shifts (the origin keeps its old upper bound, the destination its old
lower bound). Strength notations become [low, high] intervals by the rules
of data/README.md ("about N" is N +- ceil(N/10)).

troop-tracker's posture is the tightest the evidence allows (data/README.md,
"The model"): where moves couple figures, or a first report reveals what
was there before it, its bounds are narrower than those sums, and no
group-by computes them. On data generated with `--uncoupled` (no moves, no
`n/r`) every figure is its own latest report, the two answers must be
identical, and the script checks that before timing anything: that is the
comparison of speed. On coupled data (the generator's default) the answers
differ; the script says so and times both anyway, each for its own answer:
troop-tracker's is the full tight answer, polars' the interval sums.
"""

import os
import statistics
import subprocess
import sys
import time

import polars as pl

INF = None


def bounds(col: str) -> list:
    """low and high expressions for a strength notation column."""
    s = pl.col(col)
    num = s.str.extract(r"(\d+)$", 1).cast(pl.Int64)
    first = s.str.extract(r"^~?(\d+)", 1).cast(pl.Int64)
    rng_lo = s.str.extract(r"^(\d+)(?:\.\.|-)\d+$", 1).cast(pl.Int64)
    rng_hi = s.str.extract(r"^\d+(?:\.\.|-)(\d+)$", 1).cast(pl.Int64)
    margin = (num + 9) // 10
    low = (
        pl.when(s.str.contains(r"^\d+$")).then(num)
        .when(s.str.starts_with("~")).then(num - margin)
        .when(s.str.contains(r"^\d+(\.\.|-)\d+$")).then(rng_lo)
        .when(s.str.starts_with(">=")).then(num)
        .when(s.str.starts_with(">")).then(num + 1)
        .when(s.str.starts_with("<=")).then(0)
        .when(s.str.starts_with("some")).then(1)
        .otherwise(0)
    )
    high = (
        pl.when(s.str.contains(r"^\d+$")).then(num)
        .when(s.str.starts_with("~")).then(num + margin)
        .when(s.str.contains(r"^\d+(\.\.|-)\d+$")).then(rng_hi)
        .when(s.str.starts_with("<=")).then(num)
        .when(s.str.starts_with("some<")).then(num - 1)
        .otherwise(None)
    )
    return [low.alias("low"), high.alias("high")]


def polars_totals(folder: str, day: str) -> dict:
    d = pl.read_csv(f"{folder}/deployments.csv", infer_schema_length=0)
    r = pl.read_csv(f"{folder}/relocations.csv", infer_schema_length=0)
    the_day = pl.lit(day).str.to_date()
    key = ["nation", "location", "mission"]
    obs = (
        d.with_columns(pl.col("as_of").str.to_date().alias("date"))
        .filter(pl.col("date") <= the_day)
        .with_columns(bounds("strength"))
        .sort("date")
        .group_by(key, maintain_order=True)
        .last()
        .select(key + ["date", "low", "high"])
    )
    moves = (
        r.filter(pl.col("status").is_in(["carried_out", "under_way"]))
        .with_columns(pl.col("date").str.to_date(), (pl.col("temporary") == "yes").fill_null(False).alias("temp"))
        .filter(pl.col("date") <= the_day)
        .with_columns(bounds("strength"))
    )
    out_ = moves.select(
        pl.col("nation"), pl.col("from").alias("location"), pl.col("from_mission").alias("mission"), "date",
        (-pl.col("high")).alias("d_low"),
        pl.when(pl.col("temp")).then(0).otherwise(-pl.col("low")).alias("d_high"),
    )
    in_ = moves.select(
        pl.col("nation"), pl.col("to").alias("location"), pl.col("to_mission").alias("mission"), "date",
        pl.when(pl.col("temp")).then(0).otherwise(pl.col("low")).alias("d_low"),
        pl.col("high").alias("d_high"),
    )
    deltas = pl.concat([out_, in_])
    # Moves count after the key's latest observation (a same-day observation
    # comes after that day's moves), or all of them when it has none.
    joined = deltas.join(obs.select(key + [pl.col("date").alias("obs_date")]), on=key, how="left").filter(
        pl.col("obs_date").is_null() | (pl.col("date") > pl.col("obs_date"))
    )
    moved = joined.group_by(key).agg(pl.col("d_low").sum(), pl.col("d_high").sum(), pl.col("d_high").is_null().any().alias("inf"))
    figures = obs.join(moved, on=key, how="full", coalesce=True).with_columns(
        (pl.col("low").fill_null(0) + pl.col("d_low").fill_null(0)).alias("low"),
        pl.when(pl.col("inf").fill_null(False) | (pl.col("high").is_null() & pl.col("date").is_not_null()))
        .then(None)
        .otherwise(pl.col("high").fill_null(0) + pl.col("d_high").fill_null(0))
        .alias("high"),
    )
    low = figures["low"].sum()
    unbounded = figures["high"].is_null().sum()
    bounded = figures["high"].drop_nulls().sum()
    return {
        "entries": figures.height,
        "low": int(low),
        "high": "inf" if unbounded else str(int(bounded)),
        "bounded_high_sum": int(bounded),
        "unbounded": int(unbounded),
    }


def rust_totals(folder: str, day: str) -> dict:
    # The built example is run directly so that cargo's own start-up is not
    # timed; build it first with `cargo build --release --example posture_totals`.
    binary = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "examples", "posture_totals")
    out = subprocess.run(
        [binary, "--dir", folder, "--as-of", day],
        check=True, capture_output=True, text=True,
    ).stdout
    fields = dict(part.split("=") for part in out.split())
    seconds = float(fields.pop("seconds"))
    return {k: (v if k == "high" else int(v)) for k, v in fields.items()}, seconds


def main() -> int:
    folder, day = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    ours, _ = rust_totals(folder, day)
    theirs = polars_totals(folder, day)
    print("troop-tracker:", ours)
    print("polars:       ", theirs)
    same = ours == theirs
    if same:
        print("totals identical: the same answer, timed")
    else:
        print("MISMATCH: polars' interval sums are not troop-tracker's tight bounds (coupled data?);"
              " both are timed, each for its own answer")
    polars_times, rust_times = [], []
    for _ in range(runs):
        t = time.perf_counter()
        polars_totals(folder, day)
        polars_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        _, inner = rust_totals(folder, day)
        rust_times.append(time.perf_counter() - t)
    p, r = statistics.median(polars_times), statistics.median(rust_times)
    print(f"polars (read + compute the interval sums), median of {runs}: {p:.3f}s")
    what = "the same totals" if same else "the tight totals"
    print(f"troop-tracker (whole process: load + posture, {what}), median of {runs}: {r:.3f}s")
    print(f"troop-tracker / polars: {r / p:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
