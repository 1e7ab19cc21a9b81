#!/usr/bin/env bash
# Snapshots of what the tool writes: every subcommand and format on the
# bundled data, the real tables (troopdata, IPI) and a synthetic ledger,
# each output's SHA-256 compared with tests/snapshots/outputs.sha256.
#
#   bash tests/snapshots/outputs.sh TOOL [OUT]            compare
#   UPDATE_SNAPSHOTS=1 bash tests/snapshots/outputs.sh TOOL [OUT]   rewrite the digests
#
# TOOL is a built `troop-tracker`; OUT (default: a temporary folder) keeps
# the outputs, so that a mismatch can be diffed against a run of the
# commit before. Why digests and not the files: the real tables' outputs
# are tens of megabytes. Why a script: the real tables are read from
# ../shared/external, where CI has them, and the synthetic ledger comes
# from the bench crate's generator.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tt="$(realpath "$1")"
generate="${GENERATE:+$(realpath "$GENERATE")}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
out="$(realpath "$out")"
expected="$here/outputs.sha256"
rm -rf "${out:?}"/*
# The tool runs from the repository's root and is given the real tables
# by the same relative path CI uses: an imported figure's citation names
# its file by that path, so the outputs do not depend on where the
# repository is checked out.
cd "$root"

# name, then the tool's arguments; stdout is the output (an exit status
# of 1 is a validation that found contradictions: kept, and recorded).
run() {
  local name="$1"; shift
  set +e
  "$tt" "$@" > "$out/$name" 2> "$out/$name.stderr"
  local status=$?
  set -e
  if [ "$status" -gt 1 ]; then
    echo "$name: exit $status: $(head -3 "$out/$name.stderr")" >&2
    exit 1
  fi
  echo "$status" > "$out/$name.status"
  rm -f "$out/$name.stderr"
}

# What the tool writes to --out (a report, or an export folder's every
# file): the arguments, then --out NAME.
written() {
  local name="$1"; shift
  "$tt" "$@" --out "$out/$name" > /dev/null
}

# The bundled data: every subcommand and format.
run bundled-summary.txt summary
run bundled-summary-2020-01-09.csv summary --as-of 2020-01-09 --format csv
run bundled-summary-2020-01-10.csv summary --as-of 2020-01-10 --format csv --findings
run bundled-summary-projected.csv summary --as-of 2020-02-13 --projected --format csv
run bundled-summary-nmi.txt summary --as-of 2020-02-13 --projected --mission NMI --findings
run bundled-summary.json summary --format json
run bundled-summary-largest.txt summary --as-of 2020-01-10 --largest 3
run bundled-validate.txt validate --min-severity note
run bundled-validate.csv validate --min-severity note --format csv
run bundled-validate.json validate --min-severity note --format json
run bundled-timeline.csv timeline --format csv
run bundled-timeline.json timeline --format json
run bundled-timeline-nmi.txt timeline --mission NMI
run bundled-timeline-irq.csv timeline --location IRQ --format csv
run bundled-chart-deu.svg chart --nation DEU
run bundled-chart-deu.csv chart --nation DEU --format csv
run bundled-chart-all.json chart --format json
run bundled-chart-nmi.json chart --mission NMI --format json
written bundled-report.html report --as-of 2020-01-10
for format in csv json jsonl; do
  written "bundled-export-$format" export --as-of 2020-01-10 --projected --format "$format"
done

# The real tables, imported in place.
td="../shared/external/troopdata"
ipi="../shared/external/ipi-peacekeeping"
for dir in "$td" "$ipi"; do
  [ -d "$dir" ] || { echo "$dir is missing: the snapshots of the real tables need it" >&2; exit 1; }
done
run td-import.txt --troopdata "$td" import
run td-validate.csv --troopdata "$td" validate --min-severity note --format csv
run td-summary-2023-03-31.csv --troopdata "$td" summary --as-of 2023-03-31 --format csv
run td-summary-1968-12-31.csv --troopdata "$td" summary --as-of 1968-12-31 --format csv --count-ended
run td-timeline-deu.csv --troopdata "$td" timeline --location DEU --format csv
run td-chart-jpn.csv --troopdata "$td" chart --location JPN --format csv
run ipi-import.txt --ipi "$ipi" import
run ipi-validate.csv --ipi "$ipi" validate --min-severity note --format csv
run ipi-summary-2012-06-30.csv --ipi "$ipi" summary --as-of 2012-06-30 --format csv
run ipi-timeline-monusco.csv --ipi "$ipi" timeline --mission MONUSCO --format csv
written ipi-export --ipi "$ipi" export --as-of 2012-06-30
run both-summary.txt --troopdata "$td" --ipi "$ipi" summary --as-of 2012-06-30

# A synthetic ledger of every record kind (the bench crate's generator,
# seed 7), coupled by its moves.
syn="$out/synthetic"
# GENERATE names a built generator; by default cargo builds one.
if [ -n "$generate" ]; then
  "$generate" --rows 2000 --out "$syn" > /dev/null
else
  cargo run --quiet -p troop-tracker-bench --example generate -- --rows 2000 --out "$syn" > /dev/null
fi
run syn-validate.csv --data "$syn" validate --min-severity note --format csv
run syn-summary-2010-06-30.csv --data "$syn" summary --as-of 2010-06-30 --format csv
run syn-summary-projected.csv --data "$syn" summary --as-of 2020-01-01 --projected --format csv
run syn-timeline-naa.csv --data "$syn" timeline --nation NAA --format csv
written syn-export --data "$syn" export --as-of 2015-01-01
rm -rf "$syn"

cd "$out"
find . -type f ! -name '*.status' -print0 | sort -z | xargs -0 sha256sum > actual.sha256
cat ./*.status | sha256sum | sed 's/-$/exit-statuses/' >> actual.sha256
sed -i '/ \.\/actual\.sha256$/d' actual.sha256
if [ -n "${UPDATE_SNAPSHOTS:-}" ]; then
  cp actual.sha256 "$expected"
  echo "wrote $(wc -l < "$expected") digests to $expected"
  exit 0
fi
if ! diff "$expected" actual.sha256; then
  echo "the outputs above differ from tests/snapshots/outputs.sha256 (outputs kept in $out)" >&2
  exit 1
fi
echo "$(wc -l < "$expected") outputs unchanged"
