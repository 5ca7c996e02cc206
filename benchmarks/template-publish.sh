#!/usr/bin/env bash
# From `dotnet new slipway` to a pushed image, with the engine packed and the base images in the local registry:
#   1. cold: dotnet new, git init + tag v1.4.2, ./build.sh Publish (first compile of the build, empty build cache)
#   2. republish after a one-line change to Program.cs (new commit)
#   3. republish with no change (everything cached)
#   4. the chain DockerLint+DockerBuild+TrivyScan through the engine against the same docker and trivy commands by
#      hand, everything cached and after a one-line change (goal: ratio <= 1.05)
# For each: wall time, and the share spent in the engine itself (wall time minus the time its tools ran: dotnet,
# git, docker, trivy), as the build's closing line reports it, and the bootstrap's share (build.sh until the engine starts).
#   benchmarks/template-publish.sh [--keep-build-cache]
# Needs: tests/infra/container-env.sh up (it is started here when it is not), the packages in artifacts/packages
# (./build.sh Pack runs first when they are missing). Goals: cold <= 180 s, one-line change <= 40 s.
# Without --keep-build-cache the docker build cache is pruned first, so "cold" is cold (base images are kept).
set -euo pipefail

prune=1
case "${1:-}" in
    "") ;;
    --keep-build-cache) prune=0 ;;
    *) echo "usage: $0 [--keep-build-cache]" >&2; exit 2 ;;
esac

# shellcheck source=benchmarks/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
namespace="bench-$(date +%s)"
if ((prune)); then docker builder prune --all --force >/dev/null; fi

# A local run leaves the removal of its earlier build names to finish after it exits (a CI run waits for it). Before
# the next measured run starts, wait for it, so that no run pays for another's housekeeping; each wait is kept.
settle() {
    local start
    start=$(now_ms)
    while pgrep -f "docker image rm --no-prune acme-orders:build-" >/dev/null; do sleep 0.05; done
    echo "$(($(now_ms) - start))" >>"$work/settled"
}

# Runs ./build.sh Publish in the service; prints "wall_ms engine_s bootstrap_s" (stops on a failed publish).
publish() {
    local start end log="$work/publish-$1.log"
    start=$(now_ms)
    if ! (cd "$work/Acme.Orders" && ./build.sh Publish >"$log" 2>&1); then
        echo "benchmark: ./build.sh Publish failed ($1); the log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    end=$(now_ms)
    settle
    # "Build succeeded in 51.74 s (tools 51.12 s, engine 0.62 s)"
    local line build engine
    line=$(grep -E 'Build succeeded in [0-9.]+ s \(tools' "$log" | tail -n 1)
    build=$(sed -E 's/.*succeeded in ([0-9.]+) s.*/\1/' <<<"$line")
    engine=$(sed -E 's/.*engine ([0-9.-]+) s.*/\1/' <<<"$line")
    grep -E 'DockerBuild +Succeeded' "$log" | sed -E "s/^(INF )?/    ($1) /" >&2
    echo "$((end - start)) $engine $(awk -v w="$((end - start))" -v b="$build" 'BEGIN { printf "%.2f", w / 1000 - b }')"
}

echo "template publish benchmark in $work ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)); template $(basename "$template")"
echo "docker build cache: $([[ $prune == 1 ]] && echo pruned || echo kept)"

start=$(now_ms)
dotnet new slipway -n Acme.Orders -o "$work/Acme.Orders" --registry "localhost:5000/$namespace" --debug:custom-hive "$work/hive" >/dev/null
(cd "$work/Acme.Orders" && git_ init -q -b main && git_ add -A && git_ commit -qm "dotnet new slipway" && git_ tag v1.4.2)
generate_ms=$(($(now_ms) - start))
read -r cold_ms cold_engine cold_boot < <(publish cold)
cold_total=$((generate_ms + cold_ms))

echo "// one line" >>"$work/Acme.Orders/src/Acme.Orders/Program.cs"
(cd "$work/Acme.Orders" && git_ commit -qam "one-line change")
read -r change_ms change_engine change_boot < <(publish change)

read -r same_ms same_engine same_boot < <(publish same)

# The chain DockerLint + DockerBuild + TrivyScan through the engine, against the same docker and trivy commands run
# by hand (taken from the engine's own echo: the build, the load of what it built, the scans): medians of 5 alternating
# runs each, once with everything cached and once after a one-line change before each run (a real build of the code
# layer; the restore layer stays cached). By hand, the build exports under a name of its own (so the engine's image in
# the engine stays its own), and with --platforms the load is the whole OCI layout piped into docker load, as a person
# would write it; the engine streams only the blobs the engine lacks. The engine's own time in its runs (its closing line)
# and the bootstrap (build.sh until the engine starts) are printed beside it.
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
chain() { # chain cached|changed -> "engine_ms hand_ms own_ms bootstrap_ms"
    local chain_log="$work/chain.log" engine_runs=() hand_runs=() own_runs=() boot_runs=() start wall line by_hand
    for i in 1 2 3 4 5; do
        [[ $1 == changed ]] && echo "// chain $i engine" >>"$work/Acme.Orders/src/Acme.Orders/Program.cs"
        start=$(now_ms)
        (cd "$work/Acme.Orders" && ./build.sh DockerLint DockerBuild TrivyScan --skip >"$chain_log" 2>&1) || { tail -n 30 "$chain_log" >&2; exit 1; }
        wall=$(($(now_ms) - start))
        settle
        engine_runs+=("$wall")
        line=$(grep -E 'Build succeeded in [0-9.]+ s \(tools' "$chain_log" | tail -n 1)
        own_runs+=("$(awk -v e="$(sed -E 's/.*engine ([0-9.]+) s.*/\1/' <<<"$line")" 'BEGIN { printf "%d", e * 1000 }')")
        boot_runs+=("$(awk -v w="$wall" -v b="$(sed -E 's/.*succeeded in ([0-9.]+) s.*/\1/' <<<"$line")" 'BEGIN { printf "%d", w - b * 1000 }')")
        mapfile -t by_hand < <(sed -nE 's/^(INF )?> (docker buildx build .*|docker load .*|.*\/trivy image .*)$/\2/p' "$chain_log")
        [[ ${#by_hand[@]} -ge 3 ]] || { echo "benchmark: expected the docker build, docker load and trivy commands in the engine's log" >&2; exit 1; }
        by_hand[0]=$(sed -E 's/name=([^:, ]+):build-[0-9a-f]+/name=\1:by-hand/' <<<"${by_hand[0]}")
        if [[ ${by_hand[0]} == *"type=oci,tar=false,"* ]]; then
            layout=$(sed -E 's/.*tar=false,[^ ]*dest=([^ ,]+).*/\1/' <<<"${by_hand[0]}")
            for j in "${!by_hand[@]}"; do
                [[ ${by_hand[$j]} == "docker load --quiet" ]] && by_hand[$j]="tar -C '$layout' -c oci-layout index.json blobs | docker load --quiet"
            done
        fi
        [[ $1 == changed ]] && echo "// chain $i by hand" >>"$work/Acme.Orders/src/Acme.Orders/Program.cs"
        start=$(now_ms)
        (cd "$work/Acme.Orders" && for command in "${by_hand[@]}"; do eval "$command" >/dev/null 2>&1; done)
        hand_runs+=($(($(now_ms) - start)))
    done
    echo "$(median "${engine_runs[@]}") $(median "${hand_runs[@]}") $(median "${own_runs[@]}") $(median "${boot_runs[@]}")"
}
read -r cached_engine cached_hand cached_own cached_boot < <(chain cached)
read -r changed_engine changed_hand changed_own changed_boot < <(chain changed)

row() { awk -v n="$1" -v w="$2" -v e="$3" -v b="$4" -v goal="$5" 'BEGIN {
    printf "  %-34s %7.1f s   engine %5.2f s (%4.1f%%)   bootstrap %5.2f s   %s\n", n, w / 1000, e, 100 * e / (w / 1000), b, goal }'; }
echo
echo "figures (wall time; engine = the build's own work outside tools; bootstrap = build.sh until the engine starts)"
row "cold: dotnet new -> pushed image" "$cold_total" "$cold_engine" "$cold_boot" "goal <= 180 s (dotnet new + git: $((generate_ms)) ms)"
row "republish after a one-line change" "$change_ms" "$change_engine" "$change_boot" "goal <= 40 s"
row "republish, nothing changed" "$same_ms" "$same_engine" "$same_boot" ""
chain_row() { awk -v n="$1" -v e="$2" -v h="$3" -v o="$4" -v b="$5" 'BEGIN {
    printf "  DockerLint+DockerBuild+TrivyScan, %-19s ./build.sh %5.2f s (engine %.2f s, bootstrap %.2f s), the same docker + trivy by hand %5.2f s: ratio %.2f (goal <= 1.05)\n", n ":", e / 1000, o / 1000, b / 1000, h / 1000, e / h }'; }
chain_row "everything cached" "$cached_engine" "$cached_hand" "$cached_own" "$cached_boot"
chain_row "one-line change" "$changed_engine" "$changed_hand" "$changed_own" "$changed_boot"
awk '{ n++; t += $1; if ($1 > m) m = $1 } END { printf "  after its exit, a local run removed its earlier build names for at most %.2f s (%.1f s over %d runs; not in the figures above)\n", m / 1000, t / 1000, n }' "$work/settled"
