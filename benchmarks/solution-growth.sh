#!/usr/bin/env bash
# What a republish costs as the solution grows, measured on generated services of 1, 5 and 20 projects (the service
# and N-1 class libraries it references, added with the dotnet CLI; no Dockerfile edit):
#   - after a one-line code change in one library (the service itself for 1 project): the restore layer stays cached;
#   - after a new package reference in that project: the restore layer is rebuilt.
# For each: the wall time of ./build.sh Publish (restore, compile, test, lint, build, scan, push, sign), the time of
# its DockerBuild target, and the restore layer's state as DockerBuild reported it.
#   benchmarks/solution-growth.sh [sizes...]     default: 1 5 20
# Needs: tests/infra/container-env.sh up (started here when it is not) and the packages in artifacts/packages
# (./build.sh Pack first when they are missing; run it after changing src/ so the packages are current).
set -euo pipefail

# shellcheck source=benchmarks/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1 5 20)
stamp=$(date +%s)

# Runs ./build.sh Publish in a checkout; prints "wall_s dockerbuild_s restore-state"; the log is kept in $work/<name>.log.
publish() {
    local name=$1 dir=$2 start end build restore
    start=$(now_ms)
    if ! (cd "$dir" && ./build.sh Publish >"$work/$name.log" 2>&1); then
        echo "benchmark: ./build.sh Publish failed ($name); the log:" >&2
        tail -n 40 "$work/$name.log" >&2
        exit 1
    fi
    end=$(now_ms)
    # The summary row of DockerBuild: "DockerBuild  Succeeded  0:12.3  notes".
    build=$(grep -E 'DockerBuild +Succeeded +[0-9]+:[0-9]{2}' "$work/$name.log" | tail -n 1 | grep -oE '[0-9]+:[0-9]{2}\.[0-9]' | head -n 1 |
        awk -F: '{ printf "%.1f", $1 * 60 + $2 }')
    restore=$(grep -oE 'restore layer: [a-z ]+' "$work/$name.log" | tail -n 1 | sed 's/restore layer: //')
    printf '%.1f %s %s' "$(awk -v w="$((end - start))" 'BEGIN { print w / 1000 }')" "${build:-?}" "${restore// /-}"
}

library() { printf 'Acme.Orders.Lib%02d' "$1"; }

echo "solution growth benchmark in $work ($(nproc) cores); template $(basename "$template")"
printf '%-9s %-28s %9s %12s   %s\n' projects change "publish" "DockerBuild" "restore layer"
for size in "${sizes[@]}"; do
    service="$work/size-$size"
    dotnet new slipway -n Acme.Orders -o "$service" --ci none --registry "localhost:5000/bench-growth-$stamp-$size" \
        --debug:custom-hive "$work/hive" >/dev/null
    # A mark of this run in the restore inputs, so that no build cache of an earlier run (same template, same edits) applies.
    sed -i "s|<Project>|<Project>\n  <!-- solution-growth benchmark $stamp -->|" "$service/Directory.Build.props"
    changed="src/Acme.Orders/OrdersApp.cs"
    project="src/Acme.Orders"
    for ((i = 1; i < size; i++)); do
        lib=$(library "$i")
        (cd "$service" && dotnet new classlib -n "$lib" -o "src/$lib" >/dev/null && dotnet sln add "src/$lib" >/dev/null &&
            dotnet add src/Acme.Orders reference "src/$lib" >/dev/null)
        printf 'namespace %s;\n\npublic static class Greeting\n{\n    public static string Text => "v0";\n}\n' "$lib" >"$service/src/$lib/Class1.cs"
        changed="src/$(library 1)/Class1.cs"
        project="src/$(library 1)"
    done
    (cd "$service" && git_ init -q -b main && git_ add -A && git_ commit -qm "dotnet new slipway and $((size - 1)) libraries")
    publish "cold-$size" "$service" >/dev/null

    if [[ $changed == *OrdersApp.cs ]]; then
        sed -i 's|app.MapGet("/", |app.MapGet("/" /* v1 */, |' "$service/$changed"
    else
        sed -i 's/"v0"/"v1"/' "$service/$changed"
    fi
    (cd "$service" && git_ commit -qam "one line of $changed")
    read -r wall build restore <<<"$(publish "line-$size" "$service")"
    printf '%-9s %-28s %7s s %10s s   %s\n' "$size" "one line in $project" "$wall" "$build" "$restore"

    (cd "$service" && dotnet add "$project" package Humanizer.Core --version 3.0.10 >/dev/null && git_ commit -qam "a package in $project")
    read -r wall build restore <<<"$(publish "package-$size" "$service")"
    printf '%-9s %-28s %7s s %10s s   %s\n' "$size" "a package in $project" "$wall" "$build" "$restore"
done
