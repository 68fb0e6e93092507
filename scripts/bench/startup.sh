#!/usr/bin/env bash
# Startup benchmark: median wall time of 10 warm `./build.sh --help` runs (the compile step is skipped
# because nothing changed). Peer: NUKE pays `dotnet build` plus ~1.3 s of `dotnet run` on every call.
# Usage: scripts/bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
./build.sh --help >/dev/null   # warm-up: compiles if needed

# measure LABEL COMMAND...: prints min / median / max of $runs runs.
measure() {
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  local sorted median
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  median=$(printf '%s\n' "$sorted" | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}')
  printf '%-45s runs %s  min %.3f s  median %.3f s  max %.3f s\n' "$label" "$runs" "$(echo "$sorted" | head -n1)" "$median" "$(echo "$sorted" | tail -n1)"
}

measure "./build.sh --help (warm)" ./build.sh --help
# The peer: what NUKE's bootstrap does on every call once compiled (dotnet run of the build project).
dotnet build build/_build.csproj -v quiet -nologo >/dev/null
measure "dotnet run --no-build (NUKE-style)" dotnet run --no-build --project build/_build.csproj -- --help
printf 'machine: %s cores, %s, load average %s\n' "$(nproc)" "$(uname -sr)" "$(cut -d' ' -f1-3 /proc/loadavg)"
