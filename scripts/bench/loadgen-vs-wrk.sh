#!/usr/bin/env bash
# Load generator vs wrk: requests/s of RunP95's built-in engine (every latency recorded, k6 NDJSON written)
# against wrk, both driving the same nginx on loopback (static 200), 16 connections, same duration, one
# after the other in the same run. Figures go to docs/benchmarks.md (section "Load generator vs wrk").
#
#   scripts/bench/loadgen-vs-wrk.sh [seconds=10] [rounds=3]
#
# Needs wrk and nginx (Debian: apt-get install -y wrk nginx; installed automatically when run as root).
set -euo pipefail

SECONDS_PER_RUN=${1:-10}
ROUNDS=${2:-3}
CONNECTIONS=16
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/loadgen-vs-wrk.XXXXXX)

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else echo "error: wrk is needed: sudo apt-get install -y wrk" >&2; exit 1; fi
fi

. "$ROOT/scripts/bench/nginx-on-loopback.sh"
cleanup() {
  stop_nginx
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
start_nginx "$WORK"
PORT=$NGINX_PORT

cat > "$WORK/bench.scenario.json" <<JSON
{"name":"bench","duration":"${SECONDS_PER_RUN}s","concurrency":$CONNECTIONS,"requestTimeout":"10s",
 "endpoints":[{"name":"static","method":"GET","path":"/"}]}
JSON

# Compile the build once so the engine's runs do not include compilation.
(cd "$ROOT" && ./build.sh --help >/dev/null)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///'), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2), $CONNECTIONS connections, ${SECONDS_PER_RUN} s per run"
printf '%-6s %12s %14s %8s %12s\n' round "wrk req/s" "builtin req/s" ratio "NDJSON MB"
for round in $(seq 1 "$ROUNDS"); do
  WRK=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "http://127.0.0.1:$PORT/" | awk '/Requests\/sec/ {print $2}')
  touch "$WORK/marker"
  (cd "$ROOT" && ./build.sh RunP95 --engine builtin --base-url "http://127.0.0.1:$PORT" --scenario "$WORK/bench.scenario.json" >"$WORK/run.log" 2>&1) \
    || { cat "$WORK/run.log" >&2; exit 1; }
  SUMMARY=$(find "$ROOT/reports" -maxdepth 1 -name 'p95_k6_*.summary.json' -newer "$WORK/marker" | head -n1)
  NDJSON=${SUMMARY%.summary.json}.json
  BUILTIN=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["metrics"]["http_reqs"]["rate"]))' "$SUMMARY")
  MB=$(du -m "$NDJSON" | cut -f1)
  # Benchmark output is not evidence: remove what the run wrote.
  rm -f "$SUMMARY" "$NDJSON"
  printf '%-6s %12.0f %14s %8.2f %12s\n' "$round" "$WRK" "$BUILTIN" "$(python3 -c "print($BUILTIN/$WRK)")" "$MB"
done
