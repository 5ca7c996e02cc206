#!/usr/bin/env bash
# Two platforms against one: `./build.sh Publish` of a generated service for linux/amd64,linux/arm64 (the template's
# default, cross-built: the build stage runs once on the build platform, the final stages only COPY) against the same
# service for linux/amd64 alone, each to a namespace of its own:
#   1. cold: empty build cache (docker builder prune), first publish of v1.4.2
#   2. after a one-line change to Program.cs (new commit)
# Prints wall times and the ratio two/one (goal: <= 1.3 without emulation). Then what emulation would cost instead:
# the same service's startup (`dotnet Acme.Orders.dll --healthcheck` against no server, i.e. runtime start + JIT + exit)
# in the arm64 image under QEMU against the amd64 image natively. A whole emulated build needs an arm64 SDK image,
# which this offline environment does not have, so the startup factor stands for the per-step cost of a RUN under QEMU.
#   benchmarks/multi-platform.sh
set -euo pipefail

# shellcheck source=benchmarks/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
stamp=$(date +%s)

# publish NAME PLATFORMS: ./build.sh Publish in $work/NAME for PLATFORMS; prints the wall time in ms.
publish() {
    local name=$1 platforms=$2 start end log="$work/$1-$(date +%s%N).log"
    start=$(now_ms)
    if ! (cd "$work/$name" && ./build.sh Publish --platforms "$platforms" >"$log" 2>&1); then
        echo "benchmark: ./build.sh Publish failed ($name, $platforms); the log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    end=$(now_ms)
    grep -E '(DockerBuild|TrivyScan|Push) +Succeeded' "$log" | sed -E "s/^(INF )?/    ($name) /" >&2
    echo $((end - start))
}

generate() {
    dotnet new slipway -n Acme.Orders -o "$work/$1" --registry "localhost:5000/bench-$stamp-$1" --debug:custom-hive "$work/hive" >/dev/null
    (cd "$work/$1" && git_ init -q -b main && git_ add -A && git_ commit -qm "dotnet new slipway" && git_ tag v1.4.2)
}

change() {
    echo "// one line $(date +%s%N)" >>"$work/$1/src/Acme.Orders/Program.cs"
    (cd "$work/$1" && git_ commit -qam "one-line change")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
secs() { awk -v a="$1" 'BEGIN { printf "%.1f", a / 1000 }'; }

echo "multi-platform benchmark in $work ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)); template $(basename "$template")"
generate one
generate two

docker builder prune --all --force >/dev/null
one_cold=$(publish one linux/amd64)
docker builder prune --all --force >/dev/null
two_cold=$(publish two linux/amd64,linux/arm64)
change one
one_change=$(publish one linux/amd64)
change two
two_change=$(publish two linux/amd64,linux/arm64)

printf '%-34s %10s %10s %8s\n' "Publish" "1 platform" "2 platforms" "ratio"
printf '%-34s %9ss %10ss %8s\n' "cold (empty build cache)" "$(secs "$one_cold")" "$(secs "$two_cold")" "$(ratio "$two_cold" "$one_cold")"
printf '%-34s %9ss %10ss %8s\n' "after a one-line change" "$(secs "$one_change")" "$(secs "$two_change")" "$(ratio "$two_change" "$one_change")"

# Emulation: the service's own startup, native amd64 against arm64 under QEMU (best of 3 each).
image="localhost:5000/bench-$stamp-two/acme-orders:1.4.2"
startup() {
    local best=999999 i t0 t1
    for i in 1 2 3; do
        t0=$(now_ms)
        docker run --rm --platform "$1" --network none --entrypoint dotnet "$image" Acme.Orders.dll --healthcheck >/dev/null 2>&1 || true
        t1=$(now_ms)
        (( t1 - t0 < best )) && best=$((t1 - t0))
    done
    echo "$best"
}
if [[ ${ARM64_EMULATION:-0} == 1 ]]; then
    native=$(startup linux/amd64)
    emulated=$(startup linux/arm64)
    printf '%-34s %9ss %10ss %8s\n' "service startup (docker run)" "$(secs "$native")" "$(secs "$emulated")" "$(ratio "$emulated" "$native")"
    echo "  (amd64 native | arm64 under QEMU: the factor a RUN step of the final stage would pay per emulated platform)"
else
    echo "arm64 emulation is not set up here (${ARM64_EMULATION_REASON:-no reason given}): no QEMU comparison"
fi
