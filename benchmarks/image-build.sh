#!/usr/bin/env bash
# The layer-cache-aware image build of the sample service (tests/infra/sample-service), with the same command line
# DockerBuild runs (buildx, registry cache with mode=max):
#   1. cold build (docker build cache pruned)
#   2. rebuild after a one-line change to Program.cs
#   3. rebuild on a pruned builder from the registry cache only (seconds, and the ratio to cold)
#   4. image size: the final image against its runtime base image (the app's own layers)
#   5. build context bytes with and without .dockerignore, in a copy holding .git, bin/, obj/, .env and a log
# The engine's overhead over the same docker and trivy commands run by hand is in benchmarks/template-publish.sh.
#   benchmarks/image-build.sh
# Needs the container environment (started here when it is not up). Prunes the docker build cache (not images).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
env_file=$(bash "$root/tests/infra/container-env.sh" --env)
if [[ ! -f "$env_file" ]] || ! (set -a; . "$env_file"; docker version >/dev/null 2>&1); then
    bash "$root/tests/infra/container-env.sh" >/dev/null
fi
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a

work=$(mktemp -d /tmp/slipway-image-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -a "$root/tests/infra/sample-service" "$work/service"
repository="$REGISTRY/bench-$(date +%s)/sample-service"
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Builds the service as DockerBuild does; prints the milliseconds it took.
build() {
    local start end
    start=$(now_ms)
    docker buildx build --progress=plain --provenance=false --load --tag bench-sample:build \
        --build-arg "SDK_IMAGE=$SDK_IMAGE" --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE" \
        --cache-from "type=registry,ref=$repository:buildcache-main" \
        --cache-to "type=registry,ref=$repository:buildcache-main,mode=max,ignore-error=true" \
        "$work/service" >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; exit 1; }
    end=$(now_ms)
    echo $((end - start))
}
restore_cached() { grep -E 'RUN dotnet restore' -A1 "$work/build.log" | grep -q CACHED && echo cached || echo rebuilt; }

echo "image build benchmark: sample service, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); cache $repository:buildcache-main"
docker builder prune --all --force >/dev/null
cold=$(build); cold_restore=$(restore_cached)
echo "// one line" >>"$work/service/Program.cs"
change=$(build); change_restore=$(restore_cached)
docker builder prune --all --force >/dev/null
docker image rm bench-sample:build >/dev/null
from_cache=$(build); from_cache_restore=$(restore_cached)

# Uncompressed layer bytes from the image history (the containerd store's .Size counts shared content oddly).
layer_bytes() { docker history --human=false --format '{{.Size}}' "$1" | awk '{ s += $1 } END { print s + 0 }'; }
docker image inspect "$RUNTIME_IMAGE" >/dev/null 2>&1 || docker pull -q "$RUNTIME_IMAGE" >/dev/null
image_size=$(layer_bytes bench-sample:build)
base_size=$(layer_bytes "$RUNTIME_IMAGE")

# Context bytes: what COPY . sees in a throw-away build, with the repository's .dockerignore and without it.
context_bytes() {
    printf 'FROM %s\nCOPY . /ctx\nRUN du -sb /ctx\n' "$BASE_IMAGE" |
        docker buildx build --progress=plain --no-cache -f - "$work/context" 2>&1 | sed -nE 's/^#[0-9]+ [0-9.]+ ([0-9]+)[[:space:]]+\/ctx$/\1/p' | tail -n 1
}
cp -a "$root/tests/infra/sample-service" "$work/context"
(cd "$work/context" && git init -q && git -c user.name=b -c user.email=b@b.invalid add -A && git -c user.name=b -c user.email=b@b.invalid commit -qm x
 dotnet build -v q -nologo SampleService.csproj >/dev/null 2>&1 || true
 printf 'API_KEY=not-a-real-key\n' >.env && seq 1 20000 >build.log)
with_ignore=$(context_bytes)
mv "$work/context/.dockerignore" "$work/dockerignore.off"
without_ignore=$(context_bytes)
mv "$work/dockerignore.off" "$work/context/.dockerignore"
docker image rm bench-sample:build >/dev/null

echo
awk -v c="$cold" -v ch="$change" -v fc="$from_cache" -v cr="$cold_restore" -v chr="$change_restore" -v fcr="$from_cache_restore" \
    -v img="$image_size" -v base="$base_size" -v wi="$with_ignore" -v wo="$without_ignore" 'BEGIN {
    printf "  cold build (build cache pruned)           %6.1f s   restore layer %s\n", c / 1000, cr
    printf "  rebuild after a one-line change           %6.1f s   restore layer %s   (%.2f x cold)\n", ch / 1000, chr, ch / c
    printf "  pruned builder, from the registry cache   %6.1f s   restore layer %s   (%.2f x cold)\n", fc / 1000, fcr, fc / c
    printf "  final image %.1f MB, runtime base %.1f MB: the app adds %.0f kB\n", img / 1e6, base / 1e6, (img - base) / 1e3
    printf "  build context with .dockerignore %.1f kB, without %.1f MB (%.0f x smaller)\n", wi / 1e3, wo / 1e6, wo / wi
}'
