"""Writes the fuzz targets' seed inputs (fuzz/seeds/<target>/): a drawn
ledger of every record kind, ledgers of statements of every event kind, the load fixture with option bytes, the
importers' test excerpts. Run from the repository's root:

    python3 fuzz/seeds.py

Deterministic (a fixed seed), so that running it again changes nothing.
"""
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
QUOTE = "Troops were counted and moved; some stayed and about 500 left."
HEADERS = {
    "sources.csv": "id,file,title,outlet,published,date_basis",
    "nations.csv": "code,name,nato_joined,reference",
    "missions.csv": "id,name,organization,lead,partners,host,launched,combat_role,source,quote,role_source,role_quote",
    "mission_strengths.csv": "id,mission,as_of,strength,words,source,quote,note",
    "deployments.csv": "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note",
    "relocations.csv": "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note",
    "events.csv": "id,date,reported,kind,organization,mission,nation,location,region,count,unit,same_as,condition,words,source,quote,note",
}
PLACES = ["IRQ", "IRQ/Baghdad", "IRQ/Erbil", "KWT", "JOR", "KWT/Camp Arifjan"]
DESTINATIONS = PLACES + ["JOR;KWT"]
MISSIONS = ["", "M1", "M2"]
STRENGTHS = ["120", "~300", "40..90", ">=25", ">10", "<=60", "some<200", "?", "n/r", "~500", "0", "1000000000"]
AMOUNTS = ["some", "5..40", "~50", "30", "1000000000"]


def drawn(seed, nations, records):
    """The tables of a ledger drawn with every record kind, in the order
    `harness::files_of` splits them, joined by 0xFF."""
    rng = random.Random(seed)
    codes = [f"N{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(nations)]
    tables = {name: [header] for name, header in HEADERS.items()}
    tables["sources.csv"].append("s1,article.txt,Counts,Test,2100-01-01,stated")
    tables["nations.csv"] += ["IRQ,Iraq,,", "KWT,Kuwait,,", "JOR,Jordan,,"]
    tables["nations.csv"] += [f"{c},Nation {c},2004-03-29,accession table" for c in codes]
    for m, host in [("M1", "IRQ"), ("M2", "KWT")]:
        tables["missions.csv"].append(f"{m},Mission {m},NATO,,,{host},2000,,s1,Troops were counted,,")
        tables["mission_strengths.csv"].append(f"T{m},{m},2001-02,~500,about 500,s1,about 500 left,")
    for i in range(records):
        nation = rng.choice(codes)
        day = f"2001-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        date = rng.choice([day, day, day, day[:7], day[:4], f"{day}..2001-12-31"])
        place, mission = rng.choice(PLACES), rng.choice(MISSIONS)
        kind = rng.randrange(6)
        if kind < 2:
            to = rng.choice(DESTINATIONS)
            if to == place:
                to = "KWT" if place == "JOR" else "JOR"
            temporary = rng.choice(["", "", "yes"])
            status = rng.choice(["carried_out", "under_way", "announced"])
            tables["relocations.csv"].append(
                f"R{i},{nation},{day},{rng.choice(AMOUNTS)},{place},{mission},{to},{rng.choice(MISSIONS)},{temporary},{status},,,,s1,{QUOTE},"
            )
        elif kind < 5:
            note = rng.choice(["", '"a note, over\ntwo lines"', "=1+1"])
            tables["deployments.csv"].append(
                f"D{i},{nation},{place},{mission},{date},,{rng.choice(STRENGTHS)},,,s1,{QUOTE},{note}"
            )
        else:
            tables["events.csv"].append(
                f"E{i},{date},,{rng.choice(['launched', 'training_suspended', 'resumption_approved', 'personnel_moved_out', 'reinforcement', 'no_additional_troops'])},NATO,{rng.choice(MISSIONS)},{nation},{place},,{rng.randint(1, 40)},troops,,,,s1,{QUOTE},"
            )
    texts = ["\n".join(rows) + "\n" for rows in tables.values()] + [QUOTE]
    return b"\xff".join(t.encode() for t in texts)


def word_enum(name):
    """The words of one of `src/event.rs`'s `word_enum!` lists, so that a
    kind or unit added there is drawn here without a second list."""
    text = (ROOT / "src" / "event.rs").read_text()
    body = text.split(f"    {name}, ", 1)[1].split("\n    }\n", 1)[0]
    return re.findall(r'=> "([a-z_]+)"', body)


KINDS = word_enum("EventKind")
UNITS = word_enum("EventUnit")
CONDITIONS = ["", "", "", "as long as we are welcome", "with the consent of local governments"]
# The statements' own quote (a region and conditions must be words of it),
# appended to the article after `drawn`'s.
SAID = "Forces worldwide stay as long as we are welcome, with the consent of local governments."


def statements(seed, nations, records):
    """A ledger of statements: events of every kind (each at least once)
    and unit, with counts,
    conditions, reports, regions and links between them, among a few
    deployments and moves. `drawn` draws six kinds only (its ledgers are
    benchmark inputs and stay as they are); this one reaches the checks of
    statements against each other (force size, approvals after the wait,
    membership, competing claims) from the seed, not only by mutation."""
    rng = random.Random(seed)
    codes = [f"N{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(nations)]
    base = drawn(seed, nations, records // 4).split(b"\xff")
    events = [HEADERS["events.csv"]]
    for i in range(records):
        day = f"2001-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        date = rng.choice([day, day, day[:7], f"..{day}", f"{day}..", f"{day}..2001-12-31", f"{day[:7]}|2002-01"])
        reported = rng.choice(["", "", f"2001-12-{rng.randint(1, 31):02d}"])
        count, unit = "", ""
        if rng.random() < 0.6:
            count, unit = rng.choice(STRENGTHS + AMOUNTS), rng.choice(UNITS)
        same_as = f"X{rng.randrange(i)}" if i and rng.random() < 0.1 else ""
        events.append(
            ",".join([
                f"X{i}", date, reported, KINDS[i] if i < len(KINDS) else rng.choice(KINDS), rng.choice(["NATO", "", "UN"]),
                rng.choice(MISSIONS), rng.choice(codes + [""]), rng.choice(PLACES + [""]),
                rng.choice(["", "", "worldwide"]), count, unit, same_as, rng.choice(CONDITIONS),
                "", "s1", f"\"{SAID}\"", "",
            ])
        )
    events_at = list(HEADERS).index("events.csv")
    base[events_at] = ("\n".join(events) + "\n").encode()
    base[-1] += b" " + SAID.encode()
    return b"\xff".join(base)


def write(target, name, data):
    (SEEDS / target).mkdir(parents=True, exist_ok=True)
    (SEEDS / target / name).write_bytes(data)


fixture = (SEEDS / "load" / "fixture").read_bytes()
for seed, (nations, records) in enumerate([(4, 60), (12, 400), (30, 2000)]):
    write("load", f"drawn{seed}", drawn(seed, nations, records))
# Small ledgers for the questions: a projected posture at the end of a
# drawn ledger of 60 records (load's drawn0) takes 9 s in a release build
# (programs over its announced moves), too slow for a fuzzer's execution.
for seed, (nations, records) in enumerate([(2, 16), (3, 24), (3, 30)]):
    write("answers", f"drawn{seed}", bytes([seed * 7, seed, seed]) + drawn(10 + seed, nations, records))
write("answers", "fixture", b"\x00\x01\x00" + fixture)
write("answers", "fixture-ended", b"\x03\x00\x01" + fixture)
for odd in [0x00, 0x81, 0x82, 0x84, 0x88, 0x90, 0xC0]:
    write("folder", f"fixture-{odd:02x}", bytes([odd]) + fixture)
write("folder", "drawn1", b"\x00" + drawn(1, 12, 400))
# Statements of every kind: a ledger to load and validate, a small one to
# ask questions of.
write("load", "statements", statements(3, 3, 160))
write("answers", "statements", b"\x05\x01\x02" + statements(4, 2, 40))
troopdata = ROOT / "tests" / "troopdata"
quarterly = (troopdata / "troopdata-rebuild-country-year-quarter-format.csv").read_bytes()
reports = (troopdata / "troopdata-rebuild-reports.csv").read_bytes()
write("import", "troopdata-quarterly", b"\x00" + quarterly)
write("import", "troopdata-both", b"\x01" + quarterly + b"\xff" + reports)
ipi_header = "Date,Contributor,Contributor_ISO-3,Mission,Individual_Police_Male,Individual_Police_Female,Individual_Police_Total,Formed_Police_Units_Male,Formed_Police_Units_Female,Formed_Police_Units_Total,Experts_on_Mission_Male,Experts_on_Mission_Female,Experts_on_Mission_Total,Troops_Male,Troops_Female,Troops_Total,Total_Male,Total_Female,Total_Total"
rows = [ipi_header]
for month in range(1, 13):
    for iso, name in [("IND", "India"), ("PAK", "Pakistan"), ("all", "all")]:
        for mission in ["MONUC", "UNMIL"]:
            troops = 0 if (month == 6 and iso == "PAK") else 1000 + month * 10
            rows.append(f"2009-{month:02d}-30,{name},{iso},{mission},0,0,0,0,0,0,5,1,6,{troops - 50},50,{troops},{troops - 44},51,{troops + 6}")
write("import", "ipi", b"\x02" + ("\r\n".join(rows) + "\r\n").encode())

# The command line: arguments separated by NUL, run in a folder holding
# `d` (the fixture), `t` (troopdata's excerpts) and `u` (the UN's table).
# Every command, with its options, over each kind of data.
invocations = [
    ["summary"],
    ["summary", "--as-of", "2020-01-10", "--projected", "--count-ended"],
    ["--data", "d", "summary", "--nation", "DEU", "--format", "csv", "--findings"],
    ["--data", "d", "summary", "--location", "IRQ", "--format", "json", "--largest", "3"],
    ["summary", "--mission", "NMI", "--format", "jsonl", "--width", "40"],
    ["--troopdata", "t", "summary", "--as-of", "2020-12-31"],
    ["--ipi", "u", "summary", "--format", "csv"],
    ["--troopdata", "t", "--ipi", "u", "summary", "--largest", "5"],
    ["validate"],
    ["--data", "d", "validate", "--min-severity", "note", "--format", "json"],
    ["validate", "--format", "jsonl", "--min-severity", "warning"],
    ["timeline", "--nation", "Germany"],
    ["--data", "d", "timeline", "--location", "IRQ", "--format", "csv"],
    ["timeline", "--mission", "NMI", "--format", "json"],
    ["export", "--out", "out", "--create-dirs"],
    ["--create-dirs", "--data", "d", "export", "--out", "e", "--format", "json", "--bom", "--crlf"],
    ["export", "--out", "x", "--format", "jsonl", "--as-of", "2020-02-13", "--projected"],
    ["export", "--out", "p", "--format", "parquet"],
    ["--data", "d", "export", "--out", "d", "--force"],
    ["chart", "--location", "IRQ", "-o", "c.svg"],
    ["chart", "--nation", "DEU", "--format", "png", "-o", "c.png", "--size", "320x200"],
    ["--troopdata", "t", "chart", "--location", "DEU", "--format", "csv", "--from", "2000-01-01", "--to", "2010-12-31"],
    ["chart", "--mission", "NMI", "--format", "table"],
    ["report", "-o", "r.html"],
    ["--data", "d", "report", "--as-of", "2020-01-10", "--most-lines", "3", "-o", "-"],
    ["--troopdata", "t", "import"],
    ["--ipi", "u", "import", "--format", "json"],
    ["completions", "bash"],
    ["man"],
    ["man", "--out", "m", "--create-dirs"],
    ["--help"],
    ["summary", "--help"],
    ["--version"],
    ["summary", "--as-of", "2020-02-30"],
    ["--data", "nowhere", "validate"],
    ["chart", "--size", "0x0", "-o", "z.svg"],
]
for i, args in enumerate(invocations):
    write("cli", f"args{i:02d}", "\0".join(args).encode())
