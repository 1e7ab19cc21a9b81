"""The Python package against the library's own files: every frame has the
columns of the file the tool writes, with the same values; the frames'
types are the ones promised; errors carry their place; Parquet files read
back typed in pandas and polars."""

import csv
import datetime
import doctest
import io
import os
import pathlib
import shutil
import subprocess

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import troop_tracker as tt

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "external"


@pytest.fixture(scope="session")
def tool():
    """The command-line tool with Parquet: $TROOP_TRACKER_BIN, or built
    here (`cargo build -p troop-tracker-cli --features parquet`)."""
    given = os.environ.get("TROOP_TRACKER_BIN")
    if given:
        return given
    subprocess.run(
        ["cargo", "build", "--quiet", "-p", "troop-tracker-cli", "--features", "parquet"],
        cwd=REPO,
        check=True,
    )
    return str(REPO / "target" / "debug" / "troop-tracker")


def run(tool, *args):
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def exported(tool, tmp_path_factory):
    """The bundled data's files as of 2020-02-13, projected: CSV and
    Parquet."""
    out = tmp_path_factory.mktemp("export")
    for fmt in ["csv", "parquet"]:
        run(tool, "export", "--as-of", "2020-02-13", "--projected", "--format", fmt, "--out", str(out / fmt))
    return out


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


def as_cell(value, kind):
    """A frame's value as the CSV writes it."""
    if value is None:
        return ""
    if kind == "flag":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat()
    return str(value)


def restore(cell):
    """The CSV's formula guard taken off (a leading ' before = + - @)."""
    if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n"):
        return cell[1:]
    return cell


@pytest.mark.parametrize(
    "name,frame",
    [
        ("posture", lambda d: d.posture("2020-02-13", projected=True)),
        ("totals", lambda d: d.totals("2020-02-13", projected=True)),
        ("timeline", lambda d: d.timeline()),
        ("findings", lambda d: d.validate()),
    ],
)
def test_frames_hold_the_files_columns_and_values(exported, name, frame):
    header, rows = csv_rows(exported / "csv" / f"{name}.csv")
    f = frame(tt.bundled())
    assert f.columns == header
    assert len(f) == len(rows)
    for i, row in enumerate(f.rows()):
        for c, cell in zip(header, rows[i]):
            assert as_cell(row[c], f.types[c]) == restore(cell), (name, i, c)


def test_the_pivot_frame_holds_pivot_csv(exported):
    header, rows = csv_rows(exported / "csv" / "pivot.csv")
    cells = tt.bundled().pivot("2020-02-13", projected=True)
    spread = {(r["nation"], r["location"]): r["strength"] for r in cells.rows()}
    for row in rows:
        for location, cell in zip(header[1:], row[1:]):
            assert spread.get((row[0], location), "") == cell


def test_frames_are_typed_in_arrow_pandas_and_polars():
    f = tt.bundled().posture("2020-02-13", projected=True)
    table = f.to_arrow()
    assert table.schema.field("low").type == pa.uint64()
    assert table.schema.field("as_of").type == pa.date32()
    assert table.schema.field("contradicted").type == pa.bool_()
    assert table.schema.field("figure").type == pa.string()
    assert b"doc" in table.schema.field("low").metadata
    df = f.to_pandas()
    assert list(df.columns) == f.columns
    assert str(df["low"].dtype) == "UInt64"
    assert str(df["stale"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(df["as_of"])
    # An open bound is a null, never a number: the coalition's unnamed
    # contributors, whose total no source states.
    top = df[df["part_of"].isna()]
    open_high = top[top["high_unbounded"]]
    assert len(open_high) > 0
    assert open_high["high"].isna().all()
    assert top[~top["high_unbounded"]]["high"].notna().all()
    pf = f.to_polars()
    assert pf.schema["low"] == pl.UInt64
    assert pf.schema["as_of"] == pl.Date
    assert pf.schema["stale"] == pl.Boolean
    assert pf.schema["figure"] == pl.String


def test_the_numbers_are_the_engines():
    data = tt.bundled()
    rows = {r["figure"]: r for r in data.posture("2020-01-10").rows()}
    germany = rows["DEU in IRQ"]
    assert (germany["strength"], germany["low"], germany["high"]) == ("90", 90, 90)
    assert germany["as_of"] == datetime.date(2020, 1, 10)
    kurdistan = [r for r in rows.values() if r["area"] == "Kurdistan region"][0]
    assert kurdistan["part_of"] == "DEU in IRQ"
    # "others will remain": a plural, at least two.
    assert kurdistan["low"] is None and kurdistan["part_low"] == 2
    totals = {r["scope"] + ":" + r["subject"]: r for r in data.totals("2020-01-10").rows()}
    assert totals["all:all troops recorded"]["low"] == 620
    assert totals["nation:DEU"]["high"] == 120
    # A day as a date, and narrowed to a nation.
    narrowed = data.posture(datetime.date(2020, 1, 10), nation="deu")
    assert {r["nation"] for r in narrowed.rows()} == {"DEU"}
    assert len(data.timeline(nation="DEU")) == 5
    assert len(data.timeline(mission="NMI")) > 0


def test_bad_arguments_are_value_errors():
    data = tt.bundled()
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        data.posture("2020-13-45")
    with pytest.raises(ValueError, match="nation"):
        data.posture("2020-01-10", nation="Germany!")
    with pytest.raises(ValueError, match="one subject"):
        data.timeline(nation="DEU", mission="NMI")


def test_a_bad_folder_raises_load_error_with_its_place(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    path = tmp_path / "data" / "deployments.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    first = next(csv.reader([lines[1]]))
    first[header.index("strength")] = "lots"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(first)
    lines[1] = buf.getvalue()
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(tt.LoadError) as caught:
        tt.load(tmp_path / "data", articles=[tmp_path / "seeds"])
    e = caught.value
    assert e.file.endswith("deployments.csv")
    assert e.line == 2
    assert e.column == "strength"
    assert e.problems[0]["severity"] == "error"
    assert e.problems[0]["code"] == "bad-field"
    # Without the articles folder allowed, the quotes are refused.
    with pytest.raises(tt.LoadError, match="article"):
        tt.load(tmp_path / "data")
    # The unbroken copy loads.
    shutil.copy(REPO / "data" / "deployments.csv", path)
    assert tt.load(tmp_path / "data", articles=[tmp_path / "seeds"]).counts()["deployments"] == 5


def test_a_missing_table_raises_load_error(tmp_path):
    with pytest.raises(tt.LoadError) as caught:
        tt.import_troopdata(tmp_path)
    assert caught.value.file is not None


UN_HEADER = "Date,Contributor,Contributor_ISO-3,Mission,Individual_Police_Male,Individual_Police_Female,Individual_Police_Total,Formed_Police_Units_Male,Formed_Police_Units_Female,Formed_Police_Units_Total,Experts_on_Mission_Male,Experts_on_Mission_Female,Experts_on_Mission_Total,Troops_Male,Troops_Female,Troops_Total,Total_Male,Total_Female,Total_Total"


def test_imports_combine_and_carry_their_problems(tmp_path):
    (tmp_path / "full_gender_data.csv").write_text(
        "\n".join(
            [
                UN_HEADER,
                "2010-06-30,India,IND,all,NA,NA,NA,NA,NA,NA,NA,NA,NA,880,20,900,880,20,900",
                "2010-06-30,India,IND,UNIFIL,NA,NA,NA,NA,NA,NA,NA,NA,NA,880,20,900,880,20,900",
                "2010-06-30,Nowhere,,UNIFIL,NA,NA,NA,NA,NA,NA,NA,NA,NA,5,0,5,5,0,5",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    un = tt.import_ipi(tmp_path)
    us = tt.import_troopdata(REPO / "tests" / "troopdata")
    both = us + un
    assert both.counts()["deployments"] == us.counts()["deployments"] + un.counts()["deployments"]
    findings = un.validate().to_pandas()
    left_out = findings[findings["rule"] == "bad-cell"]
    assert len(left_out) == 1
    assert left_out["line"].iloc[0] == 4
    assert left_out["file"].iloc[0].endswith("full_gender_data.csv")
    totals = un.totals("2010-06-30").to_pandas()
    stated = totals[totals["scope"] == "stated"]
    assert stated["low"].tolist() == [900]
    counts = both.import_counts().to_pandas()
    assert set(counts["reading"]) >= {"left_out", "troops"}
    # The bundled articles and an import, one dataset: nothing dropped.
    mixed = tt.bundled() + un
    assert mixed.counts()["relocations"] == tt.bundled().counts()["relocations"]
    assert mixed.counts()["deployments"] == 5 + un.counts()["deployments"]


def test_parquet_files_read_back_typed(exported):
    for name in ["posture", "totals", "pivot", "timeline", "findings"]:
        path = exported / "parquet" / f"{name}.parquet"
        header, rows = csv_rows(exported / "csv" / f"{name}.csv") if name != "pivot" else (None, None)
        df = pd.read_parquet(path, dtype_backend="numpy_nullable")
        pf = pl.read_parquet(path)
        if header is not None:
            assert list(df.columns) == header
            assert pf.columns == header
            assert len(df) == len(rows)
    posture = pl.read_parquet(exported / "parquet" / "posture.parquet")
    assert posture.schema["low"] == pl.UInt64
    assert posture.schema["as_of"] == pl.Date
    assert posture.schema["stale"] == pl.Boolean
    assert posture.schema["figure"] == pl.String
    frame = tt.bundled().posture("2020-02-13", projected=True).to_polars()
    assert posture.equals(frame)
    df = pd.read_parquet(exported / "parquet" / "posture.parquet", dtype_backend="numpy_nullable")
    assert str(df["low"].dtype) == "UInt64"
    assert str(df["contradicted"].dtype) == "boolean"
    schema = pq.read_schema(exported / "parquet" / "totals.parquet")
    assert schema.field("high").type == pa.uint64()
    assert schema.field("high").nullable
    assert not schema.field("low").nullable
    assert schema.field("as_of").type == pa.date32()


@pytest.mark.skipif(not SHARED.is_dir(), reason="the real tables are in ../shared/external")
def test_the_real_tables_through_python():
    us = tt.import_troopdata(SHARED / "troopdata")
    un = tt.import_ipi(SHARED / "ipi-peacekeeping")
    both = tt.combine(us, un)
    totals = both.totals("2012-06-30", nation=None).to_pandas()
    stated = totals[(totals["scope"] == "stated") & totals["subject"].str.contains("IPI-all-2012-06-30")]
    assert stated["low"].tolist() == [81443]
    un_only = un.totals("2012-06-30").to_pandas()
    assert un_only[un_only["scope"] == "all"]["low"].tolist() == [81424]
    germany = us.posture("2020-03-31", location="DEU").to_polars()
    assert germany.filter(pl.col("figure") == "USA in DEU")["low"].to_list() == [34674]


def test_the_module_docstring_runs():
    failures, tried = doctest.testmod(tt)
    assert tried > 0 and failures == 0
