#!/usr/bin/env bash
# Caseload solver benchmark (make bench-assignment): a release build times CaseloadAssignment.propose on a
# generated program at start-up — 5,000 families to place among 125 workers of 40 places each — and checks that
# no limit is broken (fpp assignment-benchmark exits 1 if one is).
#   FPP_BENCH_BUILD=debug   use the debug build (CI's quick run that keeps this script working)
#   FPP_ASSIGN_FAMILIES / FPP_ASSIGN_STAFF / FPP_ASSIGN_RUNS   the problem's size and how often to solve it
set -euo pipefail
cd "$(dirname "$0")/.."
config=${FPP_BENCH_BUILD:-release}
swift build -c "$config" --product fpp >/dev/null
bin="$(swift build -c "$config" --show-bin-path)/fpp"
work=$(mktemp -d /tmp/fpp-assign.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The command starts the app like any other (an empty SQLite file in the work folder); only the solver is timed.
cd "$work" && "$bin" assignment-benchmark --families "${FPP_ASSIGN_FAMILIES:-5000}" --staff "${FPP_ASSIGN_STAFF:-125}" \
  --runs "${FPP_ASSIGN_RUNS:-5}" 2>&1 | grep -v Migrator
