# One way to do each thing. The README and .ci/run call these targets.
SWIFT ?= swift
PORT ?= 8080

.PHONY: build run demo test test-sqlite test-postgres browser api-fuzz bench bench-quick bench-assignment

build:
	$(SWIFT) build

# The app on fpp.sqlite (or DATABASE_URL), empty until you create an administrator.
run:
	$(SWIFT) run fpp serve --port $(PORT)

# The app with the demo program loaded into an empty database; prints the sign-ins.
demo:
	$(SWIFT) run fpp serve --demo --port $(PORT)

# Everything: unit and app tests on SQLite and on PostgreSQL, then the browser and API-fuzz tests on both, then
# the benchmark in its quick form (a debug build, 300 generated families, 4 connections, a second a page) to keep it working.
test: test-sqlite test-postgres browser bench-quick

test-sqlite:
	FPP_TEST_DATABASE_URL= $(SWIFT) test

test-postgres:
	scripts/with-postgres.sh $(SWIFT) test

# Real Chromium (selenium + axe-core) and schemathesis against a running server, on SQLite then PostgreSQL.
browser: build
	scripts/browser-tests.sh sqlite
	scripts/with-postgres.sh scripts/browser-tests.sh postgres

# Load benchmark of the busiest pages on a release build with the demo data (needs wrk); not part of `test`.
bench:
	bench/run.sh

bench-quick:
	FPP_BENCH_BUILD=debug FPP_BENCH_FAMILIES=300 FPP_BENCH_SECONDS=1 FPP_BENCH_CONNECTIONS=4 bench/run.sh
	FPP_BENCH_BUILD=debug FPP_ASSIGN_RUNS=1 bench/assignment.sh

# The caseload solver at 5,000 families and 125 staff on a release build.
bench-assignment:
	bench/assignment.sh
