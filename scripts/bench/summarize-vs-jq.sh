#!/usr/bin/env bash
# Summarize vs a jq | sort pipeline on the same >= 150 MB k6 --out json files, same run.
# Usage (from the repository root): scripts/bench/summarize-vs-jq.sh [target MB, default 160]
# Needs jq, GNU time and nginx (apt-get install -y jq time nginx). Figures go to docs/benchmarks.md by hand.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MB=${1:-160}
WORK="$ROOT/.nuke/temp/bench-summarize-${MB}mb"
FIXTURE="$ROOT/tests/fixtures/k6/k6-run-B.ndjson"
mkdir -p "$WORK"
for tool in jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; apt-get install -y jq time" >&2; exit 1; }
done

# Compile the build once so its compilation is not timed.
(cd "$ROOT" && ./build.sh --help >/dev/null)

# Three inputs of about $MB MB each:
#   builtin: written by RunP95's built-in engine (k6's NDJSON layout, 4 metrics per request), driving a static
#            nginx on loopback with the chat / sync-jobs mix, 16 connections, as many requests as the size needs
#   full:    the real k6 v0.47.0 output (tests/fixtures/k6/k6-run-B.ndjson, 13 metrics per request) repeated
#            with timestamps shifted by 5 s and every trend value scaled by a random factor in [0.5, 1.5)
#   latency: the same with only http_req_duration points (every line a latency: Summarize's memory worst case)
generate_builtin() { # $1 = output
  local out=$1
  [ -s "$out" ] && return
  . "$ROOT/scripts/bench/nginx-on-loopback.sh"
  trap stop_nginx EXIT INT TERM
  start_nginx "$WORK"
  run_engine() { # $1 = requests; prints the NDJSON file it wrote
    cat > "$WORK/bench.scenario.json" <<JSON
{"name":"bench","model":"closed","requests":$1,"concurrency":16,"requestTimeout":"10s",
 "endpoints":[{"name":"chat","method":"POST","path":"/api/v1/chat","share":0.8},
              {"name":"sync-jobs","method":"POST","path":"/api/v1/sync-jobs","share":0.2}]}
JSON
    rm -rf "$WORK/engine-root" && mkdir -p "$WORK/engine-root"
    (cd "$ROOT" && ./build.sh RunP95 --root "$WORK/engine-root" --engine builtin --base-url "http://127.0.0.1:$NGINX_PORT" \
       --scenario "$WORK/bench.scenario.json" > "$WORK/engine.log" 2>&1) || { cat "$WORK/engine.log" >&2; exit 1; }
    find "$WORK/engine-root/reports" -maxdepth 1 -name 'p95_k6_*.json' ! -name '*.summary.json' | head -n 1
  }
  # A small run gives the bytes per request, then one run of the size wanted.
  local sample bytes requests
  sample=$(run_engine 2000)
  bytes=$(( $(stat -c %s "$sample") / 2000 ))
  requests=$(( MB * 1024 * 1024 / bytes + 1000 ))
  echo "generating $out with the built-in engine ($requests requests, ~$bytes bytes per request)..."
  mv "$(run_engine "$requests")" "$out"
  stop_nginx
}

generate() { # $1 = output, $2 = awk filter on the metric ("" = all)
  local out=$1 only=$2 bytes reps
  [ -s "$out" ] && return
  if [ -n "$only" ]; then bytes=$(grep -c "\"metric\":\"$only\",\"type\":\"Point\"" "$FIXTURE"); bytes=$((bytes * 250)); else bytes=$(stat -c %s "$FIXTURE"); fi
  reps=$(( MB * 1024 * 1024 / bytes + 1 ))
  echo "generating $out ($reps repetitions of the fixture${only:+, $only only})..."
  awk -v reps="$reps" -v only="$only" '
    BEGIN { srand(42) }
    /"type":"Metric"/ { print; next }
    { if (only != "" && index($0, "\"metric\":\"" only "\"") == 0) next; lines[n++] = $0 }
    END {
      for (r = 0; r < reps; r++) for (i = 0; i < n; i++) {
        line = lines[i]
        # time: shift HH:MM:SS by 5 s per repetition
        p = index(line, "\"time\":\"") + 8
        hh = substr(line, p + 11, 2) + 0; mm = substr(line, p + 14, 2) + 0; ss = substr(line, p + 17, 2) + 0
        t = hh * 3600 + mm * 60 + ss + r * 5
        stamp = sprintf("%02d:%02d:%02d", int(t / 3600) % 24, int(t / 60) % 60, t % 60)
        line = substr(line, 1, p + 10) stamp substr(line, p + 19)
        # value: scale trends and keep counters/rates (value 0/1 or byte counts) as they are
        if (index(line, "\"metric\":\"http_req_") || index(line, "\"metric\":\"iteration_duration\"")) {
          q = index(line, "\"value\":") + 8
          rest = substr(line, q); e = match(rest, /[,}]/)
          v = substr(rest, 1, e - 1) + 0
          if (index(line, "\"metric\":\"http_req_failed\"") == 0) v = v * (0.5 + rand())
          line = substr(line, 1, q - 1) sprintf("%.6f", v) substr(rest, e)
        }
        print line
      }
    }' "$FIXTURE" > "$out"
}

BUILTIN="$WORK/builtin-engine.ndjson"
FULL="$WORK/k6-full.ndjson"
LATENCY="$WORK/k6-latency.ndjson"
generate_builtin "$BUILTIN"
generate "$FULL" ""
generate "$LATENCY" "http_req_duration"

# jq peer: extract, sort numerically, then k6's percentile formula (i = p*(n-1), linear interpolation).
JQ_PIPELINE='jq -r '"'"'select(.type=="Point" and .metric=="http_req_duration") | .data.value'"'"' "$1" | sort -g | awk '"'"'{ v[NR-1] = $1 } END { n = NR; for (k = 1; k <= 3; k++) { p = (k == 1 ? 0.90 : k == 2 ? 0.95 : 0.99); i = p * (n - 1); f = int(i); c = (i > f ? f + 1 : f); printf "n=%d p(%g)=%.6f\n", n, p * 100, v[f] + (v[c] - v[f]) * (i - f) } }'"'"''

# Wall time depends on what else runs on the machine (2 shared cores), so CPU time (user + sys of the
# process tree) is reported too; peak RSS is the largest single process of the tree.
measure() { # $1 = label, rest = command
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }
  read -r wall user sys rss < <(tail -n 1 "$WORK/time.txt")
  printf '| %-40s | %7.2f s | %7.2f s | %6d MB |\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024))
}

# One untimed Summarize on the small fixture first, as the compile above is untimed: the first run after
# the build was published, or after its files left the OS cache, reads ~30 MB of precompiled code from disk.
rm -rf "$WORK/root" && mkdir -p "$WORK/root" && "$ROOT/build.sh" Summarize --root "$WORK/root" --results "$FIXTURE" >/dev/null

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); jq $(jq --version); dotnet $(dotnet --version)"
for file in "$BUILTIN" "$FULL" "$LATENCY"; do
  size=$(( $(stat -c %s "$file") / 1024 / 1024 ))
  points=$(grep -c '"metric":"http_req_duration","type":"Point"' "$file")
  echo
  echo "### $(basename "$file"): $size MB, $points http_req_duration points"
  echo "| command | wall | CPU | peak RSS |"
  echo "|---|---:|---:|---:|"
  for round in 1 2; do
    measure "jq \| sort -g \| awk (round $round)" bash -c "$JQ_PIPELINE" _ "$file"
    jq_p95=$(sed -n 's/.*p(95)=//p' "$WORK/out.txt")
    # --root keeps the benchmark's evidence out of the repository's reports/ and docs/screenshots/.
    rm -rf "$WORK/root"; mkdir -p "$WORK/root"
    measure "./build.sh Summarize --results FILE (round $round)" "$ROOT/build.sh" Summarize --root "$WORK/root" --results "$file"
    read_line=$(grep -o 'lines in [0-9.]* s' "$WORK/out.txt" || true)
    summarize_p95=$(jq -r '.overall.p95' "$WORK"/root/reports/metrics-p95-*.json)
  done
  echo
  echo "overall P95: jq pipeline $jq_p95 ms, Summarize $summarize_p95 ms; Summarize's own read phase: $read_line"
done
