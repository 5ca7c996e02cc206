#!/usr/bin/env bash
# Warm start of the build: `./build.sh --help` once the build is compiled, against the path NUKE takes,
# `dotnet run --project build/_build.csproj -- --help` (MSBuild up-to-date checks on every run).
#   benchmarks/warm-start.sh [runs]     runs of each (default 15); prints median, min and max, and the ratio
# Target: warm median <= 0.3 s on a 2-core machine.
set -euo pipefail

runs="${1:-15}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [runs]   (runs: a positive number, default 15)" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
unset SLIPWAY_NO_WARM_START

# Milliseconds of each of $runs runs of a command (output discarded; a failing run stops the benchmark).
time_runs() {
    local i start end
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        if ! "$@" >/dev/null 2>&1; then echo "benchmark: '$*' failed; run it by hand to see why" >&2; exit 1; fi
        end=$(date +%s%N)
        echo $(((end - start) / 1000000))
    done
}

# "median min max" in seconds, from milliseconds on stdin.
summarize() {
    sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.3f %.3f %.3f\n", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}

echo "warm-start benchmark: $runs runs each, in $root ($(nproc 2>/dev/null || echo '?') cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
# Warm-up: compile (if needed) and fill the file cache, for both paths.
"$root/build.sh" --help >/dev/null 2>&1 || { echo "benchmark: ./build.sh --help failed; run it to see why" >&2; exit 1; }
dotnet run --project "$root/build/_build.csproj" -- --help >/dev/null 2>&1 || { echo "benchmark: dotnet run failed" >&2; exit 1; }
if ! "$root/build.sh" --help 2>&1 >/dev/null | grep -q '\[bootstrap\] warm start'; then
    echo "benchmark: ./build.sh did not take the warm path after compiling (are files under build/ or src/Slipway.Common changing?)" >&2
    exit 1
fi

read -r warm_median warm_min warm_max < <(time_runs "$root/build.sh" --help | summarize)
read -r run_median run_min run_max < <(time_runs dotnet run --project "$root/build/_build.csproj" -- --help | summarize)

printf '%-52s %8s %8s %8s\n' "command" "median" "min" "max"
printf '%-52s %7.3fs %7.3fs %7.3fs\n' "./build.sh --help (warm)" "$warm_median" "$warm_min" "$warm_max"
printf '%-52s %7.3fs %7.3fs %7.3fs\n' "dotnet run --project build/_build.csproj -- --help" "$run_median" "$run_min" "$run_max"
awk -v w="$warm_median" -v r="$run_median" 'BEGIN {
    printf "warm start is %.1fx faster (median); target <= 0.300 s: %s\n", r / w, (w <= 0.3 ? "met" : "NOT met") }'
