#!/usr/bin/env bash
# Secret scanning benchmark: the built-in scanner (src/Pipeline.Secrets) against secretlint 13 with its
# recommended preset, on the same generated corpus (>= 50 MiB of source, config and log files with planted
# fake secrets and decoys), in the same run. Measures wall time, throughput, recall on the planted secrets
# and false positives (reported lines that hold no planted secret).
#
# Usage: scripts/bench/scan-vs-secretlint.sh [--mib 55] [--work DIR] [--threads N]
# Needs: dotnet, python3, node + npm (secretlint is installed into the work folder, never into the repo).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MIB=55
WORK=${TMPDIR:-/tmp}/pipeline-scan-bench
THREADS=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --mib) MIB=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    *) echo "unknown option $1 (use --mib, --work, --threads)" >&2; exit 2 ;;
  esac
done
for tool in dotnet python3 node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 1; }
done
mkdir -p "$WORK"

echo "== corpus ($MIB MiB) in $WORK"
if [ ! -f "$WORK/truth.jsonl" ] || [ "$(cat "$WORK/mib" 2>/dev/null)" != "$MIB" ]; then
  rm -rf "$WORK/corpus" && python3 "$REPO/scripts/bench/generate-secrets-corpus.py" "$WORK" --mib "$MIB" && echo "$MIB" > "$WORK/mib"
fi
BYTES=$(find "$WORK/corpus" -type f -printf '%s\n' | awk '{ total += $1 } END { print total }')

echo "== secretlint 13 (npm, into $WORK/secretlint)"
if [ ! -x "$WORK/secretlint/node_modules/.bin/secretlint" ]; then
  mkdir -p "$WORK/secretlint" && (cd "$WORK/secretlint" && npm init -y >/dev/null &&
    npm i --no-audit --no-fund --loglevel=error secretlint@13 @secretlint/secretlint-rule-preset-recommend@13)
fi
echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$WORK/secretlint/.secretlintrc.json"
SECRETLINT_VERSION=$("$WORK/secretlint/node_modules/.bin/secretlint" --version)

echo "== built-in scanner (Release, ReadyToRun like the build that runs ScanSecrets)"
dotnet publish -c Release "$REPO/scripts/bench/secret-scan-bench/SecretScanBench.csproj" -o "$WORK/bench-bin" --nologo -v quiet >/dev/null

now() { date +%s.%N; }
# CPU seconds (user + sys) of a command's process tree, from /proc of this shell's children.
cpu_of() { local t0 t1; t0=$(awk '{ print $16 + $17 }' /proc/$$/stat); "$@"; t1=$(awk '{ print $16 + $17 }' /proc/$$/stat);
           echo "scale=3; ($t1 - $t0) / $(getconf CLK_TCK)" | bc -l > "$WORK/cpu.last"; }
# Warm the OS file cache so both tools read from memory.
cat $(find "$WORK/corpus" -type f) > /dev/null

echo "== run: built-in"
START=$(now)
cpu_of dotnet "$WORK/bench-bin/SecretScanBench.dll" "$WORK/corpus" --threads "$THREADS" > "$WORK/builtin.jsonl"
BUILTIN_WALL=$(echo "$(now) - $START" | bc -l)
BUILTIN_CPU=$(cat "$WORK/cpu.last")
# Not timed: the same scan twice in one process, for the cold vs warm in-process figures.
dotnet "$WORK/bench-bin/SecretScanBench.dll" "$WORK/corpus" --threads "$THREADS" --runs 2 | tail -n 1 > "$WORK/builtin-warm.json"

echo "== run: secretlint $SECRETLINT_VERSION"
run_secretlint() {
  (cd "$WORK" && ./secretlint/node_modules/.bin/secretlint --secretlintrc secretlint/.secretlintrc.json \
     --format json --output "$WORK/secretlint.json" "corpus/**/*") || true   # exits 1 when it finds secrets
}
START=$(now)
cpu_of run_secretlint
SECRETLINT_WALL=$(echo "$(now) - $START" | bc -l)
SECRETLINT_CPU=$(cat "$WORK/cpu.last")

python3 - "$WORK" "$BYTES" "$BUILTIN_WALL" "$SECRETLINT_WALL" "$SECRETLINT_VERSION" "$THREADS" "$BUILTIN_CPU" "$SECRETLINT_CPU" <<'PY'
import json, os, sys, collections
work, total, builtin_wall, secretlint_wall, sl_version, threads = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
builtin_cpu, secretlint_cpu = float(sys.argv[7]), float(sys.argv[8])
truth = {(d["file"], d["line"]) for d in map(json.loads, open(os.path.join(work, "truth.jsonl")))}
kinds = {}
for rel, line in truth:
    with open(os.path.join(work, "corpus", rel)) as f:
        text = f.read().split("\n")[line - 1]
    kinds[(rel, line)] = ("aws-key-id" if "AKIA" in text else "aws-secret" if "aws_secret" in text else
                          "github" if "ghp_" in text else "openai" if "T3BlbkFJ" in text else
                          "supabase-pat" if "sbp_" in text else "supabase-secret" if "sb_secret_" in text else
                          "supabase-service-role" if "SERVICE_ROLE" in text else "postgres-uri" if "postgresql://" in text else
                          "slack" if "xoxb-" in text else "stripe" if "sk_live_" in text else
                          "pem (escaped)" if '"private_key"' in text else "pem" if "BEGIN RSA" in text else "generic password")

builtin, summary = set(), {}
for line in open(os.path.join(work, "builtin.jsonl")):
    d = json.loads(line)
    if d.get("summary"): summary = d
    else: builtin.add((d["file"], d["line"]))
secretlint = set()
for result in json.load(open(os.path.join(work, "secretlint.json"))):
    rel = os.path.relpath(result["filePath"], os.path.join(work, "corpus"))
    for m in result.get("messages", []):
        secretlint.add((rel, m["loc"]["start"]["line"]))

def score(found):
    hit = truth & found
    return len(hit), len(found - truth), collections.Counter(kinds[t] for t in truth - found)

mib = total / 1048576
load = open("/proc/loadavg").read().split()[0]
print(f"\ncorpus: {mib:.1f} MiB, {summary.get('files')} files, {len(truth)} planted secrets; {os.cpu_count()} cores, load average {load}; built-in threads {threads}\n")
print("| Scanner | Wall time | CPU time (user+sys) | Throughput (wall) | Throughput (per CPU-second) | Recall (planted found) | False positives | Missed by family |")
print("|---|---|---|---|---|---|---|---|")
for name, found, wall, cpu in [("built-in (Pipeline.Secrets), whole process", builtin, builtin_wall, builtin_cpu),
                               (f"secretlint {sl_version} + preset-recommend", secretlint, secretlint_wall, secretlint_cpu)]:
    hit, fp, missed = score(found)
    missed_text = ", ".join(f"{k} {v}" for k, v in missed.most_common()) or "none"
    print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {mib / wall:.1f} MiB/s | {mib / cpu:.1f} MiB/s | {hit}/{len(truth)} = {100 * hit / len(truth):.1f} % | {fp} | {missed_text} |")
warm = json.load(open(os.path.join(work, "builtin-warm.json")))
print(f"\nbuilt-in in-process scan time: cold {warm['seconds'][0]} s = {warm['mib_per_second'][0]} MiB/s (includes registering all {len(truth)} found secrets with the redactor), "
      f"warm second scan {warm['seconds'][1]} s = {warm['mib_per_second'][1]} MiB/s")
print(f"speed-up vs secretlint: wall {secretlint_wall / builtin_wall:.1f}x, CPU {secretlint_cpu / builtin_cpu:.1f}x")
PY
