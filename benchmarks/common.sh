# Sourced by the benchmarks that drive a generated service: the container environment (started when it is not up),
# the packed template from artifacts/packages (./build.sh Pack first when missing), a scratch directory removed on
# exit ($work) with the template installed into a hive of its own, and two helpers (git_, now_ms).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

env_file=$(bash "$root/tests/infra/container-env.sh" --env 2>/dev/null || true)
if [[ -z "$env_file" || ! -f "$env_file" ]] || ! DOCKER_HOST=unix:///run/container-env/docker.sock docker version >/dev/null 2>&1; then
    bash "$root/tests/infra/container-env.sh" >/dev/null
    env_file=$(bash "$root/tests/infra/container-env.sh" --env)
fi
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
# The generated build reads its registry from .nuke/parameters.json (or the CI's variables), not from the env file's REGISTRY.
unset REGISTRY
# The template builds linux/amd64 and linux/arm64: its runtime base is the environment's two-platform index.
export RUNTIME_IMAGE="${MULTI_RUNTIME_IMAGE:-$RUNTIME_IMAGE}"
export PATH="$root/tests/infra/trivy:$PATH"

packages="$root/artifacts/packages"
if ! compgen -G "$packages/Slipway.Templates.*.nupkg" >/dev/null; then
    echo "packing first (./build.sh Pack) ..."
    "$root/build.sh" Pack >/dev/null
fi
template=$(ls -t "$packages"/Slipway.Templates.*.nupkg | head -n 1)
export RestoreAdditionalProjectSources="$packages"

work=$(mktemp -d /tmp/slipway-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet new install "$template" --debug:custom-hive "$work/hive" >/dev/null

git_() { git -c user.name=Bench -c user.email=bench@slipway.invalid -c commit.gpgsign=false "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
