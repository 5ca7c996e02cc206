#!/usr/bin/env bash
# What several images in one repository cost (issue 24): an API and a worker sharing a classlib, made with the dotnet
# CLI, with Visual Studio's Dockerfile in each service's folder and `dotnet new slipway-build`, against the same
# repository with only the API's Dockerfile (one image). For each: a cold Publish on a tag, then a Publish after a
# one-line change in one image (the worker of two; the API of one), committed and tagged with a new version.
# Prints the wall time of the whole Publish and the time of each DockerBuild and Push row, and the ratio
# "change in one of two images / one-image republish" (goal: <= 1.3), twice: with Visual Studio's Dockerfiles as they
# are (each one's context is the solution folder, so the worker's change reaches the API's `COPY . .` and its build
# stage runs again, though its image comes out the same and its push sends no layer), and with each Dockerfile given
# its own ignore file (src/<project>/Dockerfile.dockerignore: the root .dockerignore plus the other service's folder),
# which BuildKit reads instead of the root one, so the API's build stays cached.
#   benchmarks/multi-image.sh [--per-image]
# Both images are published by one `./build.sh Publish` when the build can (tried first: a build that publishes one
# image per run refuses before any target); otherwise, or with --per-image, by one `Publish --images <name>` run each,
# and the times are their sums. Assumes a quiet machine. Needs what benchmarks/common.sh needs.
set -euo pipefail

# shellcheck source=benchmarks/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
per_image=false
[[ "${1:-}" == "--per-image" ]] && per_image=true
stamp=$(date +%s)
# Visual Studio's Dockerfiles build for the machine's platform: the one-platform runtime of the environment.
runtime=$(grep '^RUNTIME_IMAGE=' "$env_file" | cut -d= -f2-)

# Visual Studio's "Add > Docker Support" for src/$2 (context: the solution folder), base images pinned by digest.
vs_dockerfile() {
    local dir=$1 project=$2
    cat >"$dir/src/$project/Dockerfile" <<DOCKERFILE
FROM $runtime AS base
USER \$APP_UID
WORKDIR /app

FROM $SDK_IMAGE AS build
ARG BUILD_CONFIGURATION=Release
WORKDIR /src
COPY ["Directory.Build.props", "."]
COPY ["src/$project/$project.csproj", "src/$project/"]
COPY ["src/Contoso.Shared/Contoso.Shared.csproj", "src/Contoso.Shared/"]
RUN dotnet restore "./src/$project/$project.csproj"
COPY . .
WORKDIR "/src/src/$project"
RUN dotnet build "./$project.csproj" -c \$BUILD_CONFIGURATION -o /app/build

FROM build AS publish
ARG BUILD_CONFIGURATION=Release
RUN dotnet publish "./$project.csproj" -c \$BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false

FROM base AS final
WORKDIR /app
COPY --from=publish /app/publish .
ENTRYPOINT ["dotnet", "$project.dll"]
DOCKERFILE
}

# Gives each service's Dockerfile of $1 its own ignore file: the root .dockerignore's lines, and the other service's folder.
own_ignore_files() {
    local dir=$1
    for pair in "Contoso.Api Contoso.Worker" "Contoso.Worker Contoso.Api"; do
        set -- $pair
        { cat "$dir/.dockerignore"; printf '\n# What %s does not build from\nsrc/%s/\n' "$1" "$2"; } >"$dir/src/$1/Dockerfile.dockerignore"
    done
    (cd "$dir" && git_ add -A && git_ commit -qm "Each Dockerfile its own ignore file" && git_ tag -f v1.0.0 >/dev/null)
}

# The repository with the Dockerfiles of the projects given; prints its path.
repository() {
    local dir="$work/$1"
    shift
    mkdir -p "$dir"
    (
        cd "$dir"
        git_ init -q -b main
        dotnet new sln -n Contoso >/dev/null
        dotnet new webapi -n Contoso.Api -o src/Contoso.Api >/dev/null
        dotnet new worker -n Contoso.Worker -o src/Contoso.Worker >/dev/null
        dotnet new classlib -n Contoso.Shared -o src/Contoso.Shared >/dev/null
        dotnet new xunit -n Contoso.Tests -o src/Contoso.Tests >/dev/null
        for p in Contoso.Api Contoso.Worker Contoso.Tests; do dotnet add "src/$p" reference src/Contoso.Shared >/dev/null; done
        dotnet sln add src/Contoso.Api src/Contoso.Worker src/Contoso.Shared src/Contoso.Tests >/dev/null
        # A mark of this run in the restore inputs, so that no build cache of an earlier run applies.
        printf '<Project>\n  <!-- multi-image benchmark %s -->\n</Project>\n' "$stamp" >Directory.Build.props
        printf 'bin/\nobj/\n' >.gitignore
    )
    for project in "$@"; do vs_dockerfile "$dir" "$project"; done
    (cd "$dir" && dotnet new slipway-build --ci none --debug:custom-hive "$work/hive" >/dev/null &&
        git_ add -A && git_ commit -qm "Contoso with Slipway" && git_ tag v1.0.0)
    echo "$dir"
}

# Sums the summary rows of a target ("DockerBuild  Succeeded  0:12.3 ...") in a log, in seconds, each row joined by '+'.
rows() {
    grep -E "^ *$1 +Succeeded +[0-9]+:[0-9]{2}" "$2" | grep -oE '[0-9]+:[0-9]{2}\.[0-9]' |
        awk -F: '{ printf "%s%.1f", (NR > 1 ? "+" : ""), $1 * 60 + $2 }' || true
}

# Runs ./build.sh Publish with these arguments; prints "wall_s dockerbuild_s push_s"; the log is $work/<name>.log.
publish() {
    local name=$1 dir=$2 start end
    shift 2
    start=$(now_ms)
    if ! (cd "$dir" && ./build.sh Publish --registry "localhost:5000/bench-multi-$stamp-$name" "$@" >"$work/$name.log" 2>&1); then
        return 1
    fi
    end=$(now_ms)
    printf '%.1f %s %s' "$(awk -v w="$((end - start))" 'BEGIN { print w / 1000 }')" "$(rows DockerBuild "$work/$name.log")" "$(rows Push "$work/$name.log")"
}

# Publishes both images: one run, or one run per image (their times summed, rows joined); prints as publish does.
publish_both() {
    local name=$1 dir=$2 wall=0 builds="" pushes="" w b p
    if ! $per_image; then
        if publish "$name" "$dir"; then return; fi
        if ! grep -q -- '--images' "$work/$name.log"; then fail_log "$name"; fi
        echo "benchmark: this build publishes one image per run; timing one 'Publish --images <name>' run each" >&2
        per_image=true
    fi
    for image in contoso-api contoso-worker; do
        read -r w b p <<<"$(publish "$name-$image" "$dir" --images "$image" || fail_log "$name-$image")"
        wall=$(awk -v a="$wall" -v b="$w" 'BEGIN { print a + b }')
        builds+="${builds:++}$b"
        pushes+="${pushes:++}$p"
    done
    printf '%.1f %s %s' "$wall" "$builds" "$pushes"
}

fail_log() {
    echo "benchmark: ./build.sh Publish failed ($1); the log:" >&2
    tail -n 40 "$work/$1.log" >&2
    exit 1
}

# A one-line change in a project, committed and tagged with the next version.
change() {
    local dir=$1 file=$2 tag=$3
    printf '\n// one line changed by the multi-image benchmark %s\n' "$stamp" >>"$dir/$file"
    (cd "$dir" && git_ commit -qam "one line of $file" && git_ tag "$tag")
}

echo "multi-image benchmark in $work ($(nproc) cores); template $(basename "$template")"
one=$(repository one Contoso.Api)
two=$(repository two Contoso.Api Contoso.Worker)

printf '%-34s %9s   %-16s %s\n' run publish "DockerBuild (s)" "Push (s)"
report() { printf '%-34s %7s s   %-16s %s\n' "$1" "$2" "${3:-?}" "${4:-?}"; }
read -r wall build push <<<"$(publish one-cold "$one" || fail_log one-cold)"
report "one image, cold" "$wall" "$build" "$push"
read -r wall build push <<<"$(publish_both two-cold "$two")"
report "two images, cold" "$wall" "$build" "$push"
# publish_both runs in a subshell: what it found out about the build is read back from the logs it left.
[[ -f "$work/two-cold-contoso-api.log" ]] && per_image=true

change "$one" src/Contoso.Api/Program.cs v1.0.1
read -r one_wall build push <<<"$(publish one-line "$one" || fail_log one-line)"
report "one image, one line changed" "$one_wall" "$build" "$push"
change "$two" src/Contoso.Worker/Worker.cs v1.0.1
read -r two_wall build push <<<"$(publish_both two-line "$two")"
report "two images, one line in the worker" "$two_wall" "$build" "$push"
mode=$($per_image && echo "one run per image" || echo "one Publish")
awk -v a="$two_wall" -v b="$one_wall" -v m="$mode" \
    'BEGIN { printf "change in one of two images / one-image republish: %.2fx (goal <= 1.3x; two images by %s; Visual Studio'"'"'s Dockerfiles as they are)\n", a / b, m }'

own=$(repository own Contoso.Api Contoso.Worker)
own_ignore_files "$own"
read -r wall build push <<<"$(publish_both own-cold "$own")"
report "two images, own ignore files, cold" "$wall" "$build" "$push"
change "$own" src/Contoso.Worker/Worker.cs v1.0.1
read -r own_wall build push <<<"$(publish_both own-line "$own")"
report "  the same, one line in the worker" "$own_wall" "$build" "$push"
awk -v a="$own_wall" -v b="$one_wall" -v m="$mode" \
    'BEGIN { printf "change in one of two images / one-image republish: %.2fx (goal <= 1.3x; two images by %s; each Dockerfile with its own ignore file)\n", a / b, m }'
