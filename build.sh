#!/usr/bin/env bash
# Pipeline bootstrap (NUKE-style): find or install the .NET SDK, compile the build project when its
# sources changed, then run it with all arguments. Usage: ./build.sh [targets] [--parameter value ...]
set -eo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_PROJECT="$SCRIPT_DIR/build/_build.csproj"
TEMP_DIR="$SCRIPT_DIR/.nuke/temp"
BUILD_OUTPUT="$SCRIPT_DIR/build/bin/publish"
BUILD_DLL="$BUILD_OUTPUT/_build.dll"
STAMP="$TEMP_DIR/build.stamp"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_ROLL_FORWARD=Major

# 1. dotnet: on PATH with an SDK that global.json accepts, else a local install under .nuke/temp.
#    Only needed to compile: the stamp of the last good compile records which dotnet made it, so a run with
#    nothing to compile skips this check (it costs as much as starting a short target).
find_sdk() {
  SDK_VERSION=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$SCRIPT_DIR/global.json" | head -n 1)
  if command -v dotnet >/dev/null 2>&1 && (cd "$SCRIPT_DIR" && dotnet --version >/dev/null 2>&1); then
    DOTNET_EXE=$(command -v dotnet)
  elif [ -x "$TEMP_DIR/dotnet-unix/dotnet" ]; then
    DOTNET_EXE="$TEMP_DIR/dotnet-unix/dotnet"
  else
    echo "No .NET SDK matching global.json ($SDK_VERSION, roll forward to the latest feature band) was found."
    echo "Installing it into $TEMP_DIR/dotnet-unix with the official dotnet-install script..."
    mkdir -p "$TEMP_DIR"
    if ! curl -fsSL --retry 2 -o "$TEMP_DIR/dotnet-install.sh" https://dot.net/v1/dotnet-install.sh 2>/dev/null; then
      echo "error: could not download dotnet-install.sh (offline?). Install the .NET SDK $SDK_VERSION yourself" >&2
      echo "       (https://dotnet.microsoft.com/download or your package manager) and run this script again." >&2
      exit 1
    fi
    chmod +x "$TEMP_DIR/dotnet-install.sh"
    if ! "$TEMP_DIR/dotnet-install.sh" --install-dir "$TEMP_DIR/dotnet-unix" --version "$SDK_VERSION" --no-path; then
      echo "error: dotnet-install.sh failed; install the .NET SDK $SDK_VERSION yourself and run this script again." >&2
      exit 1
    fi
    DOTNET_EXE="$TEMP_DIR/dotnet-unix/dotnet"
  fi
}

# 2. Compile the build only when something it is made of changed since the last good compile.
#    It is published ReadyToRun (precompiled for this machine): JIT is otherwise most of a short target's
#    time. That needs the runtime pack and crossgen from NuGet; when they cannot be had (offline), the plain
#    build is the fallback, said so. A first compile takes most of a minute, so it says what it is doing:
#    a line per phase (restore, compile, ReadyToRun) with its seconds, dots while a phase runs on a terminal.
needs_build() {
  [ -f "$BUILD_DLL" ] && [ -f "$STAMP" ] || return 0
  [ -n "$(find "$SCRIPT_DIR/build" "$SCRIPT_DIR/src" "$SCRIPT_DIR/global.json" "$SCRIPT_DIR"/Directory.*.props \
            \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$STAMP" -print -quit 2>/dev/null)" ]
}
PHASE="" PHASE_START=0 TICKER=""
phase_begin() {
  PHASE=$1 PHASE_START=$SECONDS
  if [ -t 2 ]; then
    printf 'build.sh: %s ' "$PHASE" >&2
    ( while sleep 1; do printf '.' >&2; done ) &
    TICKER=$!
  fi
}
phase_end() {
  if [ -n "$TICKER" ]; then kill "$TICKER" 2>/dev/null; wait "$TICKER" 2>/dev/null || true; TICKER=""; printf ' %s s%s\n' "$((SECONDS - PHASE_START))" "${1:+ ($1)}" >&2
  else echo "build.sh: $PHASE: $((SECONDS - PHASE_START)) s${1:+ ($1)}" >&2; fi
}
trap '[ -z "$TICKER" ] || kill "$TICKER" 2>/dev/null' EXIT
compile() {
  local log="$TEMP_DIR/compile.log" start=$SECONDS projects=0 line code=1
  echo "build.sh: compiling the build (first run, or its sources changed); later runs start at once." >&2
  phase_begin restore
  if "$DOTNET_EXE" restore "$BUILD_PROJECT" -p:PipelineReadyToRun=true --nologo -v quiet >"$log" 2>&1; then
    phase_end
    # One publish: "X -> X.dll" as each project is compiled; the build's own dll ends the compile, ReadyToRun follows.
    phase_begin compile
    while IFS= read -r line; do
      echo "$line" >>"$log"
      case "$line" in
        "exit code "*) code=${line#exit code } ;;
        *" -> "*/publish/) ;;
        *" -> "*.dll) projects=$((projects + 1))
                      case "$line" in *"_build -> "*) phase_end "$projects projects"; phase_begin ReadyToRun ;; esac ;;
      esac
    done < <("$DOTNET_EXE" publish "$BUILD_PROJECT" -c Release -p:PipelineReadyToRun=true --no-restore --nologo -v minimal \
               -clp:NoSummary -o "$BUILD_OUTPUT" 2>&1; echo "exit code $?")
    phase_end
    if [ "$code" = 0 ]; then
      echo "build.sh: ready after $((SECONDS - start)) s." >&2
      return 0
    fi
  else
    phase_end "failed"
  fi
  local ready_to_run_error
  ready_to_run_error=$(grep -m 1 -i 'error' "$log" || true)
  [ -n "$ready_to_run_error" ] || ready_to_run_error=$(head -n 1 "$log")
  phase_begin "compile without ReadyToRun"
  if "$DOTNET_EXE" build "$BUILD_PROJECT" -c Release --nologo -v quiet -clp:ErrorsOnly -o "$BUILD_OUTPUT" >"$log" 2>&1; then
    phase_end
    echo "note: the ReadyToRun compile failed ($ready_to_run_error); the build runs without it (slower start)." >&2
    return 0
  fi
  phase_end "failed"
  cat "$log" >&2
  echo "error: the build project did not compile (see above)." >&2
  return 1
}
DOTNET_EXE=""
if needs_build; then
  find_sdk
  mkdir -p "$TEMP_DIR"
  compile || exit 1
  echo "$DOTNET_EXE" > "$STAMP"
else
  DOTNET_EXE=$(head -n 1 "$STAMP")
  [ -n "$DOTNET_EXE" ] && [ -x "$DOTNET_EXE" ] || find_sdk # a stamp without it, or that dotnet is gone
fi
export DOTNET_ROOT=$(dirname "$(readlink -f "$DOTNET_EXE")")

# 3. Run it.
exec "$DOTNET_EXE" "$BUILD_DLL" "$@"
