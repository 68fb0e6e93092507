#!/usr/bin/env bash
# Summarize vs a jq | sort pipeline on the same >= 150 MB k6 --out json file, same run.
# Usage (from the repository root): scripts/bench/summarize-vs-jq.sh [target MB, default 160]
# Needs jq and GNU time (apt-get install -y jq time). Figures go to docs/benchmarks.md by hand.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MB=${1:-160}
WORK="$ROOT/.nuke/temp/bench-summarize-${MB}mb"
FIXTURE="$ROOT/tests/fixtures/k6/k6-run-B.ndjson"
mkdir -p "$WORK"
for tool in jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; apt-get install -y jq time" >&2; exit 1; }
done

# The built-in load engine is not on main yet, so the input is generated from the real k6 v0.47.0 fixture:
# every repetition shifts the timestamps by 5 s and scales each value by a random factor in [0.5, 1.5).
#   full:    the whole k6 output (13 metrics per request, as k6 writes it)
#   latency: only http_req_duration points (the worst case for Summarize's memory: every line is a latency)
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

FULL="$WORK/k6-full.ndjson"
LATENCY="$WORK/k6-latency.ndjson"
generate "$FULL" ""
generate "$LATENCY" "http_req_duration"

# jq peer: extract, sort numerically, then k6's percentile formula (i = p*(n-1), linear interpolation).
JQ_PIPELINE='jq -r '"'"'select(.type=="Point" and .metric=="http_req_duration") | .data.value'"'"' "$1" | sort -g | awk '"'"'{ v[NR-1] = $1 } END { n = NR; for (k = 1; k <= 3; k++) { p = (k == 1 ? 0.90 : k == 2 ? 0.95 : 0.99); i = p * (n - 1); f = int(i); c = (i > f ? f + 1 : f); printf "n=%d p(%g)=%.6f\n", n, p * 100, v[f] + (v[c] - v[f]) * (i - f) } }'"'"''

# Compile the build once so its compilation is not timed.
(cd "$ROOT" && ./build.sh --help >/dev/null)

# Wall time depends on what else runs on the machine (2 shared cores), so CPU time (user + sys of the
# process tree) is reported too; peak RSS is the largest single process of the tree.
measure() { # $1 = label, rest = command
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }
  read -r wall user sys rss < <(tail -n 1 "$WORK/time.txt")
  printf '| %-40s | %7.2f s | %7.2f s | %6d MB |\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024))
}

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); jq $(jq --version); dotnet $(dotnet --version)"
for file in "$FULL" "$LATENCY"; do
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
