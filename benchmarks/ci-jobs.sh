#!/usr/bin/env bash
# Two consecutive CI jobs of a generated service, each on a fresh runner, the second with the first one's CI caches:
#   1. main's first job: a fresh clone, an empty docker engine (a second dockerd with its own data root, started for the
#      job and deleted after it), an empty HOME (so an empty NuGet folder, NUGET_PACKAGES=~/.nuget/packages), an empty
#      Trivy cache (TRIVY_CACHE_DIR=.nuke/temp/trivy-cache), ./build.sh Publish with CI=true
#   2. the next commit's job (a one-line change to Program.cs), likewise fresh, but with the caches the generated
#      publish.yml keeps restored first: the NuGet folder under nuget-<os>-<arch>-<hash of Directory.Packages.props,
#      *.csproj, global.json> (restore key nuget-<os>-<arch>-), the Trivy cache under trivy-db-<date> (restore key
#      trivy-db-); the BuildKit layer cache is in the registry, as the build writes it (buildcache-main-...)
# A cache is saved after a job only when its key was not restored exactly, as actions/cache does.
# For each job: wall time of ./build.sh Publish (of which the bootstrap, and the main targets from its summary), the load
# average (2 cores shared with other work make times vary), and what it downloaded:
#   NuGet   package folders (id/version) and bytes that appeared in NUGET_PACKAGES during the job; the build's own
#           packages (Slipway.*) come from the local feed in artifacts/packages, the rest from nuget.org. The image's own
#           restore (inside the image build) is in its restore layer, reported by DockerBuild's summary.
#   Trivy   bytes the job added to the Trivy cache directory. With the stand-in scanner (tests/infra/trivy, on PATH
#           unless a real trivy comes first) nothing is downloaded: the stand-in has no database, and says so here.
#   layers  blobs in the job's engine content store afterwards that the registry already held when the job started
#           (pulled: base images, build-cache layers; a layer rebuilt byte for byte would count too), and the rest
#           (made by the job: its own layers, configs, manifests).
#   benchmarks/ci-jobs.sh
# Needs: root (a second dockerd), tests/infra/container-env.sh up (started here when it is not), artifacts/packages.
set -euo pipefail

# shellcheck source=benchmarks/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ $(id -u) == 0 ]] || { echo "benchmark: needs root to start a second dockerd" >&2; exit 1; }

registry_image="localhost:5000/bench-jobs-$(date +%s)"
registry_blobs=/var/lib/container-env/registry/docker/registry/v2/blobs/sha256
engine=/run/slipway-bench-$$                       # the job's engine: data root, exec root, pid file, socket (short: socket paths are limited)
caches="$work/ci-caches"                           # the CI's cache storage: one directory per key
mkdir -p "$caches"

stop_engine() {
    [[ -d $engine ]] || return 0
    if [[ -s $engine/dockerd.pid ]]; then
        local pid
        pid=$(cat "$engine/dockerd.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    # Mounts containerd left behind (snapshots, shm), deepest first, then the whole engine.
    awk -v root="$engine" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n 1 umount -l 2>/dev/null || true
    rm -rf "$engine"
}
trap 'stop_engine; rm -rf "$work"' EXIT

# A fresh engine as a hosted runner has one: the containerd image store, 127.0.0.1:5000 insecure. It shares the running
# engine's docker0 bridge from a range of its own and leaves iptables alone (that engine's NAT rules serve the bridge),
# so the two engines never fight over the bridge or the firewall.
start_engine() {
    mkdir -p "$engine"
    cat >"$engine/daemon.json" <<EOF
{
  "data-root": "$engine/data",
  "exec-root": "$engine/x",
  "pidfile": "$engine/dockerd.pid",
  "hosts": ["unix://$engine/docker.sock"],
  "features": { "containerd-snapshotter": true },
  "insecure-registries": ["localhost:5000", "127.0.0.1:5000"],
  "bridge": "docker0",
  "fixed-cidr": "172.17.250.0/24",
  "iptables": false
}
EOF
    setsid /usr/sbin/dockerd --config-file "$engine/daemon.json" >"$work/dockerd-$1.log" 2>&1 </dev/null &
    for _ in $(seq 1 120); do DOCKER_HOST="unix://$engine/docker.sock" docker version >/dev/null 2>&1 && return 0; sleep 0.5; done
    echo "benchmark: the job's dockerd did not start; its log:" >&2
    tail -n 30 "$work/dockerd-$1.log" >&2
    exit 1
}

# hashFiles('**/Directory.Packages.props', '**/*.csproj', 'global.json'): the SHA-256 of the files' SHA-256s, in path order.
nuget_key() {
    (cd "$1" && git ls-files | grep -E '(^|/)Directory\.Packages\.props$|\.csproj$|^global\.json$' | sort \
        | xargs sha256sum | awk '{ print $1 }' | tr -d '\n' | sha256sum | cut -c1-64 | sed "s/^/nuget-$(uname -s)-$(uname -m)-/")
}

# actions/cache's restore: the exact key, else the newest cache whose key starts with the restore key. Prints what it restored.
restore() { # $1 key, $2 restore-key prefix, $3 path
    local hit=""
    if [[ -d $caches/$1 ]]; then hit=$1; else hit=$(ls -t "$caches" | grep -F -- "$2" | head -n 1 || true); fi
    if [[ -n $hit ]]; then mkdir -p "$3" && cp -a "$caches/$hit/." "$3/" && echo "$hit"; fi
}
save() { # $1 key, $2 path: kept only when that key is new
    [[ -d $caches/$1 || ! -d $2 ]] || { mkdir -p "$caches/$1" && cp -a "$2/." "$caches/$1/"; }
}

packages_in() { [[ -d $1 ]] && find "$1" -mindepth 2 -maxdepth 2 -type d | sed "s|^$1/||" | sort || true; }
bytes_of() { [[ -d $1 ]] && du -sb "$1" | cut -f1 || echo 0; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
registry_digests() { find "$registry_blobs" -mindepth 2 -maxdepth 2 -type d -printf '%f\n' | sort; }

standin=false
trivy --version 2>/dev/null | grep -q 'stand-in' && standin=true

echo "CI jobs benchmark in $work ($(nproc) cores); template $(basename "$template"); pushing to $registry_image"
dotnet new slipway -n Acme.Orders -o "$work/Acme.Orders" --ci github --debug:custom-hive "$work/hive" >/dev/null
(cd "$work/Acme.Orders" && git_ init -q -b main && git_ add -A && git_ commit -qm "dotnet new slipway")
git_ clone -q --bare "$work/Acme.Orders" "$work/origin.git"

job() { # $1 name, $2 label
    local name=$1 dir="$work/$1" home="$work/$1-home" start end load_start load_end nuget_key_ trivy_key restored_nuget restored_trivy
    local nuget="$home/.nuget/packages" trivy_cache="$dir/.nuke/temp/trivy-cache"
    git_ clone -q "$work/origin.git" "$dir"
    mkdir -p "$home"
    nuget_key_=$(nuget_key "$dir")
    trivy_key="trivy-db-$(date -u +%Y-%m-%d)"
    restored_nuget=$(restore "$nuget_key_" "nuget-$(uname -s)-$(uname -m)-" "$nuget")
    restored_trivy=$(restore "$trivy_key" "trivy-db-" "$trivy_cache")
    packages_in "$nuget" >"$work/$name.nuget-before"
    local nuget_before trivy_before
    nuget_before=$(bytes_of "$nuget")
    trivy_before=$(bytes_of "$trivy_cache")
    registry_digests >"$work/$name.registry-before"
    start_engine "$name"

    load_start=$(cut -d' ' -f1 /proc/loadavg)
    start=$(now_ms)
    if ! (cd "$dir" && env HOME="$home" NUGET_PACKAGES="$nuget" DOCKER_CONFIG="$home/.docker" DOCKER_HOST="unix://$engine/docker.sock" \
        CI=true TRIVY_CACHE_DIR=.nuke/temp/trivy-cache ./build.sh Publish --registry "$registry_image" >"$work/$name.log" 2>&1); then
        echo "benchmark: the $name job failed; the log:" >&2
        tail -n 40 "$work/$name.log" >&2
        exit 1
    fi
    end=$(now_ms)
    load_end=$(cut -d' ' -f1 /proc/loadavg)

    # What the engine holds now, split into what the registry already had (pulled) and what the job made.
    local content="$engine/data/containerd/daemon/io.containerd.content.v1.content/blobs/sha256"
    local pulled=0 pulled_bytes=0 made=0 made_bytes=0 digest size
    while read -r digest; do
        size=$(stat -c %s "$content/$digest")
        if grep -qxF "$digest" "$work/$name.registry-before"; then pulled=$((pulled + 1)); pulled_bytes=$((pulled_bytes + size))
        else made=$((made + 1)); made_bytes=$((made_bytes + size)); fi
    done < <(ls "$content")
    stop_engine
    save "$nuget_key_" "$nuget"
    save "$trivy_key" "$trivy_cache"

    local new_packages
    new_packages=$(comm -13 "$work/$name.nuget-before" <(packages_in "$nuget") | wc -l)
    printf '%s\n' "$2"
    printf '  wall time (./build.sh Publish)  %6.1f s\n' "$(awk -v ms="$((end - start))" 'BEGIN { print ms / 1000 }')"
    local engine_s
    engine_s=$(sed -nE 's/.*Build succeeded in ([0-9.]+) s.*/\1/p' "$work/$name.log")
    printf '    of which              bootstrap (restore and compile build/) %.1f s; %s\n' \
        "$(awk -v ms="$((end - start))" -v e="$engine_s" 'BEGIN { print ms / 1000 - e }')" \
        "$(grep -E '^(Restore|Compile|Test|DockerBuild|TrivyScan|Push) +Succeeded +[0-9:.]+' "$work/$name.log" \
            | awk '{ printf "%s%s %s", sep, $1, $3; sep = ", " }')"
    printf '    load average          %s at the start, %s at the end (times vary with it)\n' "$load_start" "$load_end"
    printf '  caches restored                 NuGet: %s; Trivy: %s\n' "${restored_nuget:-none}" "${restored_trivy:-none}"
    printf '  NuGet downloaded                %d packages, %s (folder now %d packages, of them %d Slipway.* from the local feed)\n' \
        "$new_packages" "$(mib $(($(bytes_of "$nuget") - nuget_before)))" "$(packages_in "$nuget" | wc -l)" "$(packages_in "$nuget" | grep -ci '^slipway\.' || true)"
    if $standin; then
        printf '  Trivy database                  not measured: the stand-in scanner downloads no database (cache dir grew by %s)\n' \
            "$(mib $(($(bytes_of "$trivy_cache") - trivy_before)))"
    else
        printf '  Trivy database downloaded       %s\n' "$(mib $(($(bytes_of "$trivy_cache") - trivy_before)))"
    fi
    printf '  layers pulled                   %d blobs, %s (made by the job: %d blobs, %s)\n' "$pulled" "$(mib "$pulled_bytes")" "$made" "$(mib "$made_bytes")"
    printf '  DockerBuild                     %s\n' "$(grep -E 'DockerBuild +Succeeded' "$work/$name.log" | sed -E 's/.*Succeeded +[0-9:.]+ +//')"
}

job first "job 1: main, fresh runner, no CI caches"
(cd "$work/Acme.Orders" && echo "// the next commit" >>src/Acme.Orders/Program.cs && git_ commit -qam "One-line change" && git_ push -q "$work/origin.git" main)
job second "job 2: next commit, fresh runner, job 1's CI caches restored"
