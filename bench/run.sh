#!/usr/bin/env bash
# Load benchmark (make bench): a release build serving a program on a fresh SQLite file (or on DATABASE_URL),
# then wrk against the pages staff open most, beside the sign-in page (which touches no database: the
# framework's ceiling on this machine). Prints requests per second, p99 latency and page size per page, and
# the server's peak memory.
#   FPP_BENCH_FAMILIES=N   generate a program of N families (fpp generate) instead of loading the demo
#   FPP_BENCH_DATABASE=F   serve a copy of the SQLite file F made earlier by fpp generate (generating 100,000
#                          families takes a while; keep the file and point here)
#   FPP_BENCH_SECONDS=S    seconds per page (default 10)
#   FPP_BENCH_CONNECTIONS=C  concurrent connections (default 32)
#   FPP_BENCH_BUILD=debug  use the debug build (CI's quick run that keeps this script working; its figures mean little)
# Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FPP_BENCH_SECONDS:-10}
connections=${FPP_BENCH_CONNECTIONS:-32}
port=${FPP_BENCH_PORT:-8098}
families=${FPP_BENCH_FAMILIES:-}
config=${FPP_BENCH_BUILD:-release}
swift build -c "$config" --product fpp >/dev/null
bin="$(swift build -c "$config" --show-bin-path)/fpp"
work=$(mktemp -d /tmp/fpp-bench.XXXXXX)
server=
cleanup() { [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT

generated=${FPP_BENCH_DATABASE:-}
if [ -n "$families" ] && [ -z "$generated" ]; then
  start=$(date +%s.%N)
  (cd "$work" && "$bin" generate --families "$families" --seed 2026 | tail -n 1)
  echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s"
  generated=$work/fpp.sqlite
elif [ -n "$generated" ]; then
  cp "$generated" "$work/fpp.sqlite"
fi
started=$(date +%s.%N)
if [ -n "$generated" ]; then
  (cd "$work" && exec "$bin" serve --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1) &
  server=$!
  worker=family-service-worker1@generated.fpp.test director=director@generated.fpp.test password=generated-password-2026
else
  (cd "$work" && exec "$bin" serve --demo --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1) &
  server=$!
  worker=monica@demo.fpp.test director=director@demo.fpp.test password=demo-password-2026
fi
for _ in $(seq 1 2400); do curl -fs "http://127.0.0.1:$port/sign-in" >/dev/null 2>&1 && break; sleep 0.05; done
echo "start-up until the sign-in page answers: $(echo "$(date +%s.%N) - $started" | bc) s"
base="http://127.0.0.1:$port"

measure() { # name path [cookie]
  local out size
  size=$(curl -s -o /dev/null -w '%{size_download}' ${3:+-H "$3"} "$base$2")
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency ${3:+-H "$3"} "$base$2")
  printf '%-28s %10s %10s %9s B %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '/ 99%/ {print $2}' <<<"$out")" "$size" "$(awk '/Non-2xx/ {print "(" $5 " non-2xx!)"}' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then failed=1; fi
}
failed=0

printf '%-28s %10s %10s %11s\n' page "req/s" "p99" "size"
measure "sign-in (no database)" /sign-in
for who in "$worker worker" "$director director"; do
  set -- $who
  mapfile -t lines < <(python3 bench/pages.py "$base" "$1" "$2" "$password")
  for entry in "${lines[@]:1}"; do measure "$2: ${entry%% *}" "${entry#* }" "${lines[0]}"; done
  if [ "$2" = director ]; then director_cookie=${lines[0]}; fi
done

# Each report, one request at a time (median of five), beside the same figures from hand-written SQL on the
# same file (bench/reports.py; SQLite only).
if [ -z "${DATABASE_URL:-}" ]; then
  echo "report: app, one request (median of 5) | hand-written SQL on the same file"
  while read -r name hand rows; do
    path=/reports/family-services; [ "$name" = visit_hours_report ] && path=/visit-hours
    app=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' -H "$director_cookie" "$base$path"; done | sort -n | sed -n 3p)
    printf '%-28s %8.1f ms | %8.1f ms (%s rows)\n' "$name" "$(echo "$app * 1000" | bc)" "$hand" "$rows"
  done < <(python3 bench/reports.py "$work/fpp.sqlite" "$(date +%F)")
fi
echo "server peak memory: $(awk '/VmHWM/ {print int($2 / 1024) " MB"}' "/proc/$server/status")"
exit "$failed"
