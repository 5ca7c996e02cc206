#!/usr/bin/env bash
# Two GitLab CI jobs of a generated service with no registry configured, as GitLab's runner lays them out (a fresh
# clone from origin, the commit checked out detached, the CI_* variables, CI_REGISTRY_IMAGE on the local registry) and
# as Docker-in-Docker runs them (every job starts with an empty build cache: it is pruned before each):
#   1. the first job of main: a cold build that pushes to CI_REGISTRY_IMAGE and writes its build cache there
#   2. the next commit's job (a one-line change to Program.cs): its restore layer comes from that registry cache
# For each: wall time, and what DockerBuild's summary says (restore layer cached or rebuilt, steps from the cache).
#   benchmarks/ci-cache.sh
# Needs: tests/infra/container-env.sh up (started here when it is not) and the packages in artifacts/packages.
set -euo pipefail

# shellcheck source=benchmarks/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
registry_image="localhost:5000/bench-ci-$(date +%s)/orders"

echo "CI cache benchmark in $work ($(nproc) cores); template $(basename "$template"); CI_REGISTRY_IMAGE=$registry_image"
dotnet new slipway -n Acme.Orders -o "$work/Acme.Orders" --ci gitlab --debug:custom-hive "$work/hive" >/dev/null
(cd "$work/Acme.Orders" && git_ init -q -b main && git_ add -A && git_ commit -qm "dotnet new slipway")
git_ clone -q --bare "$work/Acme.Orders" "$work/origin.git"

# One GitLab job: clone, detached checkout of main's head, ./build.sh Publish with the runner's variables.
job() {
    local name=$1 dir="$work/$1" start end sha
    git_ clone -q "$work/origin.git" "$dir"
    sha=$(git -C "$dir" rev-parse HEAD)
    git -C "$dir" checkout -q --detach "$sha"
    git -C "$dir" branch -q -D main
    docker builder prune --all --force >/dev/null
    start=$(now_ms)
    if ! (cd "$dir" && env GITLAB_CI=true CI=true CI_PIPELINE_SOURCE=push CI_COMMIT_SHA="$sha" CI_COMMIT_SHORT_SHA="${sha:0:8}" \
        CI_COMMIT_REF_NAME=main CI_COMMIT_BRANCH=main CI_DEFAULT_BRANCH=main CI_REGISTRY=localhost:5000 \
        CI_REGISTRY_IMAGE="$registry_image" CI_REGISTRY_USER=gitlab-ci-token CI_REGISTRY_PASSWORD=job-token \
        ./build.sh Publish >"$work/$name.log" 2>&1); then
        echo "benchmark: the $name job failed; the log:" >&2
        tail -n 40 "$work/$name.log" >&2
        exit 1
    fi
    end=$(now_ms)
    printf '%-44s %6.1f s   %s\n' "$2" "$(awk -v ms="$((end - start))" 'BEGIN { print ms / 1000 }')" \
        "$(grep -E 'DockerBuild +Succeeded' "$work/$name.log" | sed -E 's/.*Succeeded +[0-9:.]+ +//')"
}

job first "job 1: main, empty builder, empty registry"
(cd "$work/Acme.Orders" && echo "// the next commit" >>src/Acme.Orders/Program.cs && git_ commit -qam "One-line change" && git_ push -q "$work/origin.git" main)
job second "job 2: next commit, empty builder"
echo "registry cache: $(curl -fsS "http://localhost:5000/v2/${registry_image#localhost:5000/}/tags/list" | tr -d '\n')"
