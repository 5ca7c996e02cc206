#!/usr/bin/env bash
# Installs PowerShell 7 (the `PowerShell` .NET global tool, from NuGet) for the build.ps1 tests.
# Idempotent: does nothing when the pinned version is already there. Prints the path of pwsh on its last line.
#   tests/infra/install-pwsh.sh                 -> <repo>/.nuke/temp/tools/pwsh
#   SLIPWAY_TOOLS_DIR=/opt/tools tests/infra/install-pwsh.sh
set -euo pipefail

version="7.6.9"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tool_path="${SLIPWAY_TOOLS_DIR:-$repo_root/.nuke/temp/tools}"
pwsh="$tool_path/pwsh"

if [[ -x "$pwsh" ]] && "$pwsh" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null | grep -qx "$version"; then
    echo "$pwsh"
    exit 0
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$tool_path"
if [[ -e "$pwsh" ]]; then
    echo "install-pwsh: replacing the PowerShell in $tool_path with $version" >&2
    dotnet tool uninstall PowerShell --tool-path "$tool_path" >&2 || true
fi
echo "install-pwsh: installing PowerShell $version into $tool_path" >&2
if ! dotnet tool install PowerShell --version "$version" --tool-path "$tool_path" >&2; then
    echo "install-pwsh: 'dotnet tool install PowerShell --version $version' failed; is the NuGet source reachable?" >&2
    exit 1
fi
"$pwsh" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' >&2
echo "$pwsh"
