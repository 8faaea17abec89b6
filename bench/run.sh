#!/usr/bin/env bash
# Load benchmark (make bench): a release build serving the demo program on a fresh SQLite file (or on
# DATABASE_URL), then wrk against the pages a family service worker opens most, signed in as Monica Reyes.
# Prints requests per second and latency per page, and the server's memory (RSS) before and after.
# Needs wrk (apt-get install wrk). Set FPP_BENCH_SECONDS to run longer than 10 s per page.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FPP_BENCH_SECONDS:-10}
port=${FPP_BENCH_PORT:-8098}
swift build -c release --product fpp >/dev/null
bin="$(swift build -c release --show-bin-path)/fpp"
work=$(mktemp -d /tmp/fpp-bench.XXXXXX)
(cd "$work" && exec "$bin" serve --demo --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1) &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/sign-in" >/dev/null 2>&1 && break; sleep 0.5; done

base="http://127.0.0.1:$port"
mapfile -t lines < <(python3 bench/pages.py "$base")
cookie=${lines[0]}
rss() { echo "$(( $(ps -o rss= -p "$server") / 1024 )) MB"; }
echo "server memory after start: $(rss)"
printf '%-34s %10s %10s %10s\n' page "req/s" "avg ms" "p99 ms"
for entry in "${lines[@]:1}"; do
  name=${entry%% *}
  path=${entry#* }
  out=$(wrk -t2 -c8 -d"${seconds}s" --latency -H "$cookie" "$base$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  avg=$(awk '/^    Latency/ {print $2}' <<<"$out")
  p99=$(awk '/ 99%/ {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-34s %10s %10s %10s %s\n' "$name" "$rps" "$avg" "$p99" "${non2xx:+($non2xx non-2xx!)}"
done
echo "server memory after the run: $(rss)"
