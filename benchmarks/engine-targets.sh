#!/usr/bin/env bash
# Engine overhead: plan and run N no-op targets with dependencies (default 500), in a fresh process each
# time, and print the engine's own time (from Execute to exit code, JIT included) over several runs.
# Goal (issue "Slipway.Common"): <= 50 ms for 500 targets.
#   benchmarks/engine-targets.sh [targets] [runs]
set -euo pipefail
targets=${1:-500}
runs=${2:-9}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/slipway-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/.nuke" "$work/build"
cp "$repo/global.json" "$work/"

cat > "$work/build/_build.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/Slipway.Common/Slipway.Common.csproj" />
  </ItemGroup>
</Project>
XML
cp "$repo/Directory.Packages.props" "$work/"
sed -i 's#<Project>#<Project>\n  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>#' "$work/Directory.Packages.props"

# Target i depends on i-1 and i-7 (when they exist): a long chain with cross edges.
{
  echo 'using System.Diagnostics; using Slipway;'
  echo 'sealed class Build : SlipwayBuild {'
  echo '  static int counter;'
  # Two runs in one process: the first pays for JIT (the figure a user sees), the second is the engine's own work.
  echo "  public static int Main() { var code = 0; foreach (var pass in new[] { \"cold\", \"warm\" }) { counter = 0; var sw = Stopwatch.StartNew(); code |= Execute<Build>(x => x.T$((targets - 1))); Console.Error.WriteLine(\$\"engine-ms {pass} {sw.Elapsed.TotalMilliseconds:0.0} ran {counter}\"); } return code; }"
  for ((i = 0; i < targets; i++)); do
    deps=""
    (( i >= 1 )) && deps="T$((i - 1))"
    (( i >= 7 )) && deps="$deps, T$((i - 7))"
    if [[ -n $deps ]]; then
      echo "  Target T$i => _ => _.DependsOn($deps).Executes(() => counter++);"
    else
      echo "  Target T$i => _ => _.Executes(() => counter++);"
    fi
  done
  echo '}'
} > "$work/build/Build.cs"

echo "building a build with $targets targets..."
dotnet build "$work/build/_build.csproj" -c Release -o "$work/bin" --nologo -v q > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

cold=(); warm=()
for ((r = 0; r < runs; r++)); do
  lines=$(cd "$work" && dotnet "$work/bin/_build.dll" --verbosity quiet 2>&1 >/dev/null | grep engine-ms)
  [[ $(grep -c "ran $targets\$" <<<"$lines") == 2 ]] || { echo "unexpected: $lines"; exit 1; }
  cold+=("$(awk '$2=="cold"{print $3}' <<<"$lines")")
  warm+=("$(awk '$2=="warm"{print $3}' <<<"$lines")")
done
stats() { local sorted; sorted=$(printf '%s\n' "$@" | sort -n)
  printf 'median %7s ms   min %7s ms   max %7s ms' "$(sed -n "$(( ($# + 1) / 2 ))p" <<<"$sorted")" "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")"; }
printf 'plan + run + summary of %d no-op targets with dependencies, %d processes (load average: %s)\n' "$targets" "$runs" "$(cut -d' ' -f1 /proc/loadavg)"
printf '  engine work (second run in the process):      %s   goal <= 50 ms\n' "$(stats "${warm[@]}")"
printf '  first run in a fresh process (JIT included):  %s\n' "$(stats "${cold[@]}")"
