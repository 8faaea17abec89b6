#!/usr/bin/env bash
# Starts the built app with the demo program on a fresh database, then runs the real-browser tests
# (Chromium, selenium, axe-core) and schemathesis against it. Argument: a label for the database in use.
# SQLite unless DATABASE_URL is set (scripts/with-postgres.sh sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:-sqlite}
port=${FPP_BROWSER_PORT:-8097}
work=$(mktemp -d /tmp/fpp-browser.XXXXXX)
if [ "$label" = sqlite ]; then unset DATABASE_URL; fi

# FPP_BINARY: the app to test (by default the debug build; a copy lets the tree be rebuilt while the tests run).
export FPP_BINARY=${FPP_BINARY:-$PWD/.build/debug/fpp}
(cd "$work" && exec "$FPP_BINARY" serve --demo --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1) &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# The demo loads before the server listens: a minute or so, several on a busy machine.
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "the server did not start:"; cat "$work/server.log"; exit 1; }

export FPP_BASE_URL="http://127.0.0.1:$port"
echo "== browser tests ($label)"
python3 -m pytest -q browser

echo "== OpenAPI document ($label)"
python3 browser/validate_openapi.py "$FPP_BASE_URL/api/v1/openapi.json"

# Every operation is exercised by a role allowed it: a family service worker for the family's records, then the
# manager for what only managers and directors do (teams, instruments, partners, trainings, draws, parents' requests,
# caseloads, absences and cover, supervision).
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
echo "== schemathesis as a family service worker ($label)"
token=$(python3 browser/api_token.py "$FPP_BASE_URL" monica@demo.fpp.test)
schemathesis run "$FPP_BASE_URL/api/v1/openapi.json" --header "Authorization: Bearer $token" \
  --checks "$checks" --max-examples 25 --seed 2026 --workers 1 --no-color
echo "== schemathesis as a manager ($label)"
token=$(python3 browser/api_token.py "$FPP_BASE_URL" manager@demo.fpp.test)
schemathesis run "$FPP_BASE_URL/api/v1/openapi.json" --header "Authorization: Bearer $token" \
  --include-operation-id-regex '^(addToTeam|removeFromTeam|importInstrument|createPartner|updatePartner|patchPartner|changePartnershipLevel|logPartnerMeeting|answerRecordRequest|exportFamilyRecord|recordTraining|listDraws|draw|getDraw|listAccessHistory|familyServicesReport|listCaseloads|proposeAssignments|assignFamilies|recordCaseloadException|markAbsence|proposeCover|applyCover|endAbsence|listSupervisionNotes|addSupervisionNote|reviewAgreementAsSupervisor)$' \
  --checks "$checks" --max-examples 25 --seed 2026 --workers 1 --no-color

# The log of the whole run, people's and schemathesis's requests alike, holds no family's personal data and no secret.
echo "== the server's log ($label)"
python3 browser/scan_log.py "$FPP_BASE_URL" "$work/server.log"
