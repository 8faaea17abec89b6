#!/usr/bin/env bash
# Times the families import: 10,000 rows (FPP_IMPORT_ROWS) into a new SQLite program, checked and then written in
# one transaction, through `fpp import-families` on a release build (FPP_BENCH_BUILD=debug for a quick check).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${FPP_IMPORT_ROWS:-10000}
build=${FPP_BENCH_BUILD:-release}
swift build -c "$build" --product fpp >/dev/null
fpp="$(swift build -c "$build" --show-bin-path)/fpp"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FPP_SQLITE_PATH="$work/fpp.sqlite"
"$fpp" generate --families 1 >/dev/null
python3 bench/families_csv.py "$rows" 5 "Center 1" > "$work/families.csv"
echo "== $rows rows, dry run"
"$fpp" import-families "$work/families.csv" --staff director@generated.fpp.test --dry-run | tail -n 1
echo "== $rows rows, imported"
"$fpp" import-families "$work/families.csv" --staff director@generated.fpp.test | tail -n 1
