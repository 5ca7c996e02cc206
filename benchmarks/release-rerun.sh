#!/usr/bin/env bash
# What a tag holds on re-runs, measured on a generated service:
#   1. ./build.sh Publish of v1.4.2 (the first publish), then the same job re-run on the same commit: wall time, the
#      engine's share (the closing line's "engine N s") and what was pushed (nothing: "already published")
#   2. the digests of two cold builds of that commit (build cache pruned before each, two checkouts whose file times
#      differ), side by side with the published digest; the same for the sample service (shared/container-env/sample)
#      built the way DockerBuild builds (SOURCE_DATE_EPOCH, timestamps rewritten in the exported tarball)
#   benchmarks/release-rerun.sh
# Needs: tests/infra/container-env.sh up (started here when it is not) and the packages in artifacts/packages
# (./build.sh Pack first when they are missing; run it after changing src/ so the packages are current).
# The docker build cache is pruned (base images are kept).
set -euo pipefail


# shellcheck source=benchmarks/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
namespace="bench-rerun-$(date +%s)"
docker builder prune --all --force >/dev/null


# Runs ./build.sh with arguments in a checkout; prints "wall_s engine_s"; the log is kept in $work/<name>.log.
run() {
    local name=$1 dir=$2 start end line
    shift 2
    start=$(now_ms)
    if ! (cd "$dir" && ./build.sh "$@" >"$work/$name.log" 2>&1); then
        echo "benchmark: ./build.sh $* failed ($name); the log:" >&2
        tail -n 40 "$work/$name.log" >&2
        exit 1
    fi
    end=$(now_ms)
    line=$(grep -E 'Build succeeded in [0-9.]+ s \(tools' "$work/$name.log" | tail -n 1)
    awk -v w="$((end - start))" -v e="$(sed -E 's/.*engine ([0-9.-]+) s.*/\1/' <<<"$line")" 'BEGIN { printf "%.1f %s", w / 1000, e }'
}

image_id() { sed -nE 's/.*"imageId": "([^"]+)".*/\1/p' "$1/artifacts/image.json"; }

echo "release re-run benchmark in $work ($(nproc) cores); template $(basename "$template")"
service="$work/Acme.Orders"
dotnet new slipway -n Acme.Orders -o "$service" --registry "localhost:5000/$namespace" --debug:custom-hive "$work/hive" >/dev/null
(cd "$service" && git_ init -q -b main && git_ add -A && git_ commit -qm "dotnet new slipway" && git_ tag v1.4.2)

read -r first_wall first_engine <<<"$(run first "$service" Publish)"
published=$(sed -nE 's/.*"digest": "([^"]+)".*/\1/p' "$service/artifacts/image.json")
read -r rerun_wall rerun_engine <<<"$(run rerun "$service" Publish)"
pushed=$(grep -c 'Pushed ' "$work/rerun.log" || true)
already=$(grep -c 'already published' "$work/rerun.log" || true)
printf '%-34s %7s s   engine %5s s (%s %%)\n' "first publish of v1.4.2" "$first_wall" "$first_engine" \
    "$(awk -v w="$first_wall" -v e="$first_engine" 'BEGIN { printf "%.1f", 100 * e / w }')"
printf '%-34s %7s s   engine %5s s (%s %%)   pushes: %s, "already published": %s line(s)\n' "re-run on the published commit" "$rerun_wall" "$rerun_engine" \
    "$(awk -v w="$rerun_wall" -v e="$rerun_engine" 'BEGIN { printf "%.1f", 100 * e / w }')" "$pushed" "$already"

# Two cold builds of the same commit in two checkouts (the second one's files are younger).
cp -a "$service" "$work/cold-1"
sleep 1.1
git_ clone -q "$service" "$work/cold-2"
for checkout in cold-1 cold-2; do
    docker builder prune --all --force >/dev/null
    read -r wall _ <<<"$(run "$checkout" "$work/$checkout" DockerBuild --no-build-cache)"
    printf '%-34s %7s s   %s\n' "cold build, $checkout" "$wall" "$(image_id "$work/$checkout")"
done
printf '%-34s %9s   %s\n' "published 1.4.2" "" "$published"

# The sample service, built as DockerBuild builds it, from two copies whose file times differ.
epoch=$(git -C "$service" show -s --format=%ct HEAD)
for copy in sample-1 sample-2; do
    cp -r "$root/../shared/container-env/sample" "$work/$copy"
    docker builder prune --all --force >/dev/null
    (cd "$work/$copy" && docker buildx build --progress=quiet --provenance=false \
        --build-arg "SDK_IMAGE=$SDK_IMAGE" --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE" --build-arg "SOURCE_DATE_EPOCH=$epoch" \
        --metadata-file "$work/$copy.json" --output "type=docker,name=sample:$copy,dest=$work/$copy.tar,rewrite-timestamp=true" . >/dev/null)
    printf '%-34s %9s   %s\n' "sample service, cold, $copy" "" "$(sed -nE 's/.*"containerimage.digest": "([^"]+)".*/\1/p' "$work/$copy.json")"
    sleep 1.1
done
