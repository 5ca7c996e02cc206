#!/usr/bin/env bash
# What supply-chain evidence costs, measured on a generated service published to a registry of its own:
#   1. a republish after a one-line change, signed with a key: the Sbom and Sign targets' seconds (SBOM, provenance,
#      signature and three attestations) against the whole Publish, and their share
#   2. Promote of that release to a second registry (cosign copy of the digest with its signature and attestations,
#      then the tags), against docker pull + tag + push of the same image
#   benchmarks/supply-chain.sh
# Needs: tests/infra/container-env.sh up (started here when it is not), cosign, docker-registry, and the packages in
# artifacts/packages (./build.sh Pack first when they are missing; run it after changing src/).
set -euo pipefail

# shellcheck source=benchmarks/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
registry() { # starts a registry on a free port with its storage under $work; prints its port
    local port dir
    port=$(free_port)
    dir="$work/registry-$port"
    mkdir -p "$dir"
    printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$dir/data" "$port" >"$dir/config.yml"
    /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
    echo $! >>"$work/registry.pids"
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
    echo "$port"
}
trap 'xargs -r kill <"$work/registry.pids" 2>/dev/null || true; rm -rf "$work"' EXIT
: >"$work/registry.pids"

# The duration of a target in a build log's summary table ("Sign  Succeeded  0:01.3"), in seconds.
target_s() { awk -v t="$2" '$1 == t && $2 == "Succeeded" { split($3, a, ":"); s = a[1] * 60 + a[2] } END { printf "%.1f", s }' "$1"; }
wall() { local start=$(now_ms); "$@"; awk -v ms="$(($(now_ms) - start))" 'BEGIN { printf "%.1f", ms / 1000 }'; }

source_port=$(registry)
target_port=$(registry)
echo "supply-chain benchmark in $work ($(nproc) cores); template $(basename "$template"); cosign $(cosign version 2>/dev/null | awk '/GitVersion/ { print $2 }')"
service="$work/Acme.Orders"
dotnet new slipway -n Acme.Orders -o "$service" --registry "127.0.0.1:$source_port/bench" --debug:custom-hive "$work/hive" >/dev/null
(cd "$service" && git_ init -q -b main && git_ add -A && git_ commit -qm "dotnet new slipway" && git_ tag v1.4.2)
(cd "$work" && COSIGN_PASSWORD=bench cosign generate-key-pair >/dev/null 2>&1)
signing=(--cosign-key "$work/cosign.key" --cosign-password bench)

publish() { # name, extra arguments...
    local name=$1
    shift
    if ! (cd "$service" && ./build.sh Publish "$@" >"$work/$name.log" 2>&1); then
        echo "benchmark: ./build.sh Publish $* failed ($name):" >&2
        tail -n 40 "$work/$name.log" >&2
        exit 1
    fi
}
publish first "${signing[@]}"

echo "// changed by the benchmark" >>"$service/src/Acme.Orders/Program.cs"
(cd "$service" && git_ commit -qam "A one-line change" && git_ tag v1.4.3)
republish_s=$(wall publish signed "${signing[@]}")
sbom_s=$(target_s "$work/signed.log" Sbom)
sign_s=$(target_s "$work/signed.log" Sign)
printf '%-46s %6s s\n' "republish after a one-line change, signed" "$republish_s"
printf '%-46s %6s s\n' "  Sbom (CycloneDX tool + the image's dpkg data)" "$sbom_s"
printf '%-46s %6s s\n' "  Sign (provenance, signature, 3 attestations)" "$sign_s"
printf '%-46s %6s s   %s %% of the republish\n' "  evidence in all" "$(awk -v a="$sbom_s" -v b="$sign_s" 'BEGIN { printf "%.1f", a + b }')" \
    "$(awk -v a="$sbom_s" -v b="$sign_s" -v w="$republish_s" 'BEGIN { printf "%.1f", 100 * (a + b) / w }')"

cp "$work/cosign.pub" "$service/cosign.pub"
promote_s=$(wall bash -c "cd '$service' && ./build.sh Promote --to 127.0.0.1:$target_port/production >'$work/promote.log' 2>&1")
promote_target=$(target_s "$work/promote.log" Promote)
reference=$(sed -nE 's/.*"reference": "([^"]+)".*/\1/p' "$service/artifacts/image.json")
manual_s=$(wall bash -c "docker pull -q '$reference' >/dev/null && docker tag '$reference' 127.0.0.1:$target_port/manual/acme-orders:1.4.3 && docker push -q 127.0.0.1:$target_port/manual/acme-orders:1.4.3 >/dev/null")
printf '%-46s %6s s   (the Promote target: %s s, with Verify before and after)\n' "Promote to a second registry (./build.sh)" "$promote_s" "$promote_target"
printf '%-46s %6s s   (no signature, no attestations, no read-back)\n' "docker pull + tag + push of the same image" "$manual_s"
