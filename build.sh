#!/usr/bin/env bash
# Bootstraps and runs the build in build/: ./build.sh [targets] [--parameters] (./build.sh --help lists them).
#
# Warm start: when nothing the build is compiled from changed since the last successful compile, the compiled
# build in .nuke/temp/build-bin runs directly, without MSBuild. Otherwise it is compiled first with the .NET SDK
# that global.json asks for: the dotnet on PATH when it has a matching SDK, else one installed into
# .nuke/temp/dotnet with the official dotnet-install script.
#
#   --no-warm  or  SLIPWAY_NO_WARM_START=1   recompile even when nothing changed
#   SLIPWAY_NO_READY_TO_RUN=1                compile the build as plain IL, not ReadyToRun for this machine
#   SLIPWAY_DOTNET_INSTALL_URL               where to download dotnet-install.sh from (default: the official one)
#   SLIPWAY_DOWNLOAD_TIMEOUT                 seconds the download of dotnet-install.sh may take (default 60)
#
# Works from any current directory; the build runs in the current directory and finds the root by .nuke/.
set -euo pipefail

script_dir="${BASH_SOURCE[0]%/*}"
[[ "$script_dir" == "${BASH_SOURCE[0]}" ]] && script_dir=.
root="$(cd "$script_dir" && pwd)"
temp_dir="$root/.nuke/temp"
build_project="$root/build/_build.csproj"
build_bin="$temp_dir/build-bin"
build_dll="$build_bin/_build.dll"
fingerprint_file="$temp_dir/build.fingerprint"
compile_log="$temp_dir/build-compile.log"
local_dotnet_dir="$temp_dir/dotnet"
install_url="${SLIPWAY_DOTNET_INSTALL_URL:-https://dot.net/v1/dotnet-install.sh}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "[bootstrap] $*" >&2; }
fail() { echo "[bootstrap] error: $*" >&2; exit 1; }

# ---- arguments: --no-warm is ours, everything else goes to the build ------------------------------------------
no_warm_reason=""
[[ "${SLIPWAY_NO_WARM_START:-}" == "1" ]] && no_warm_reason="SLIPWAY_NO_WARM_START=1"
build_args=()
for arg in "$@"; do
    if [[ "$arg" == "--no-warm" ]]; then no_warm_reason="--no-warm"; else build_args+=("$arg"); fi
done

# ---- fingerprint: paths, sizes and modification times of everything the build is compiled from ----------------
# The folders of the projects $1 references, transitively (local ProjectReferences: the build's own libraries).
referenced_project_dirs() {
    local project="$1" dir line include pattern='<ProjectReference[^>]*Include="([^"]+)"'
    dir="$(cd "${project%/*}" && pwd)"
    while IFS= read -r line || [[ -n "$line" ]]; do
        [[ "$line" =~ $pattern ]] || continue
        include="${BASH_REMATCH[1]//\\//}"
        include="${include//\$(MSBuildThisFileDirectory)/$dir/}"
        include="${include//\$(MSBuildProjectDirectory)/$dir}"
        [[ "$include" == *'$('* ]] && continue
        [[ "$include" == /* ]] || include="$dir/$include"
        [[ -f "$include" ]] || continue
        include="$(cd "${include%/*}" && pwd)/${include##*/}"
        [[ " ${seen_projects[*]-} " == *" $include "* ]] && continue
        seen_projects+=("$include")
        echo "${include%/*}"
        referenced_project_dirs "$include"
    done <"$project"
    return 0
}

# The start points of the fingerprint, into $starts: this script, build/, the engine, the projects the build
# references ($@), .nuke/ and the root's SDK and MSBuild files.
start_points() {
    local candidate
    starts=()
    for candidate in "$root/${BASH_SOURCE[0]##*/}" "$root/build" "$root/src/Slipway.Common" "$@" "$root/.nuke" "$root"/global.json \
        "$root"/Directory.*.props "$root"/Directory.*.targets "$root"/[Nn]u[Gg]et.[Cc]onfig; do
        if [[ -e "$candidate" && " ${starts[*]-} " != *" $candidate "* ]]; then starts+=("$candidate"); fi
    done
}

# One line per input file under $starts: path, size, modification time. bin/ obj/ are outputs, .nuke/temp is
# ours, .nuke/build.schema.json is written by the build itself. One process: this is most of the warm start's cost.
input_listing() {
    local skip=(-type d \( -name bin -o -name obj -o -path "$temp_dir" \) -prune -o -path "$root/.nuke/build.schema.json" -prune -o -type f)
    case "$OSTYPE" in
        linux-gnu* | msys* | cygwin*) find "${starts[@]}" "${skip[@]}" -printf '%p %s %T@\n' ;;
        darwin* | *bsd*) find "${starts[@]}" "${skip[@]}" -exec stat -f '%N %z %Fm' {} + ;;
        *) find "${starts[@]}" "${skip[@]}" -exec stat -c '%n %s %Y' {} + ;;
    esac
}

run_build() { # $1 = dotnet executable
    if [[ "$1" == "$local_dotnet_dir/dotnet" ]]; then
        export DOTNET_ROOT="$local_dotnet_dir" PATH="$local_dotnet_dir:$PATH"
    fi
    exec "$1" "$build_dll" "${build_args[@]+"${build_args[@]}"}"
}

# ---- warm start ----------------------------------------------------------------------------------------------
# The record of the last successful compile: the dotnet used, the referenced project folders (tab-separated; a
# changed reference changes a .csproj, so the listing), then the listing of the inputs as they were compiled.
reason="$no_warm_reason"
if [[ -z "$reason" ]]; then
    if [[ ! -f "$fingerprint_file" ]]; then reason="first run"
    elif [[ ! -f "$build_dll" ]]; then reason="compiled build missing"
    else
        recorded_dotnet="" recorded_projects="" recorded_listing="" referenced=()
        { IFS= read -r recorded_dotnet; IFS= read -r recorded_projects; IFS= read -r -d '' recorded_listing; } <"$fingerprint_file" || true
        [[ -n "$recorded_projects" ]] && IFS=$'\t' read -r -a referenced <<<"$recorded_projects"
        start_points "${referenced[@]+"${referenced[@]}"}"
        if [[ "$(input_listing 2>/dev/null)" != "$recorded_listing" ]]; then reason="build inputs changed"
        elif [[ ! -x "$recorded_dotnet" ]]; then reason="dotnet ${recorded_dotnet:-?} is gone"
        else
            say "warm start"
            run_build "$recorded_dotnet"
        fi
    fi
fi

# ---- the .NET SDK global.json asks for -----------------------------------------------------------------------
[[ -f "$root/global.json" ]] || fail "no global.json in $root: it pins the .NET SDK the build compiles with. Restore it from git."

global_json="$(tr -d '\r\n' <"$root/global.json")"
sdk_section=""
[[ "$global_json" =~ \"sdk\"[[:space:]]*:[[:space:]]*\{([^}]*)\} ]] && sdk_section="${BASH_REMATCH[1]}"
json_string() { [[ "$sdk_section" =~ \"$1\"[[:space:]]*:[[:space:]]*\"([^\"]*)\" ]] && echo "${BASH_REMATCH[1]}" || true; }
required_version="$(json_string version)"
roll_forward="$(json_string rollForward)"
roll_forward="${roll_forward:-patch}"
allow_prerelease=true
[[ "$sdk_section" =~ \"allowPrerelease\"[[:space:]]*:[[:space:]]*false ]] && allow_prerelease=false

# Does SDK version $1 satisfy global.json's version and rollForward policy? Versions are major.minor.BPP[-label],
# where B is the feature band and PP the patch (10.0.401 = band 4, patch 1).
sdk_satisfies() {
    local version_pattern='^([0-9]+)\.([0-9]+)\.([0-9]+)(-(.+))?$'
    [[ -z "$required_version" ]] && return 0
    [[ "$1" =~ $version_pattern ]] || return 1
    local major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} band=$((10#${BASH_REMATCH[3]} / 100)) patch=$((10#${BASH_REMATCH[3]} % 100)) label=${BASH_REMATCH[5]}
    [[ "$required_version" =~ $version_pattern ]] || fail "global.json: '$required_version' is not an SDK version like 10.0.401."
    local r_major=${BASH_REMATCH[1]} r_minor=${BASH_REMATCH[2]} r_band=$((10#${BASH_REMATCH[3]} / 100)) r_patch=$((10#${BASH_REMATCH[3]} % 100)) r_label=${BASH_REMATCH[5]}
    [[ -n "$label" && "$allow_prerelease" == false && -z "$r_label" ]] && return 1
    local have=$(( ((major * 1000 + minor) * 100 + band) * 100 + patch ))
    local want=$(( ((r_major * 1000 + r_minor) * 100 + r_band) * 100 + r_patch ))
    case "$roll_forward" in
        disable) [[ "$1" == "$required_version" ]]; return ;;
        patch|latestPatch) ((major == r_major && minor == r_minor && band == r_band)) || return 1 ;;
        feature|latestFeature) ((major == r_major && minor == r_minor)) || return 1 ;;
        minor|latestMinor) ((major == r_major)) || return 1 ;;
        major|latestMajor) ;;
        *) fail "global.json: rollForward '$roll_forward' is not one of patch, feature, minor, major, latestPatch, latestFeature, latestMinor, latestMajor, disable." ;;
    esac
    ((have > want)) && return 0
    ((have < want)) && return 1
    # Same numbers: a release beats a prerelease; two prereleases compare by label.
    [[ -z "$label" ]] && return 0
    [[ -n "$r_label" ]] && [[ "$(printf '%s\n%s\n' "$r_label" "$label" | sort -V | head -n1)" == "$r_label" ]]
}

has_matching_sdk() { # $1 = dotnet executable
    local line
    while IFS= read -r line; do
        sdk_satisfies "${line%% *}" && return 0
    done < <("$1" --list-sdks 2>/dev/null)
    return 1
}

wanted="SDK ${required_version:-(any)} (rollForward $roll_forward)"
dotnet=""
if path_dotnet="$(command -v dotnet 2>/dev/null)" && has_matching_sdk "$path_dotnet"; then
    dotnet="$path_dotnet"
elif [[ -x "$local_dotnet_dir/dotnet" ]] && has_matching_sdk "$local_dotnet_dir/dotnet"; then
    dotnet="$local_dotnet_dir/dotnet"
else
    [[ -n "$required_version" ]] || fail "no dotnet on PATH and global.json names no SDK version to install. Install the .NET SDK or add sdk.version to global.json."
    say "no dotnet with .NET $wanted on PATH: installing $required_version into ${local_dotnet_dir#"$root"/}"
    mkdir -p "$temp_dir"
    install_script="$temp_dir/dotnet-install.sh"
    timeout="${SLIPWAY_DOWNLOAD_TIMEOUT:-60}"
    downloaded=false
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL --retry 2 --connect-timeout "$timeout" --max-time "$timeout" -o "$install_script" "$install_url" && downloaded=true
    elif command -v wget >/dev/null 2>&1; then
        wget -q --tries=2 --timeout="$timeout" -O "$install_script" "$install_url" && downloaded=true
    fi
    $downloaded || fail "could not download the dotnet install script from $install_url (timeout ${timeout}s).
  Fix: install the .NET $wanted yourself and put dotnet on PATH (https://dotnet.microsoft.com/download),
  or allow access to $install_url (or set SLIPWAY_DOTNET_INSTALL_URL to a mirror of it)."
    if ! bash "$install_script" --version "$required_version" --install-dir "$local_dotnet_dir" --no-path >&2; then
        fail "dotnet-install (from $install_url) could not install SDK $required_version into $local_dotnet_dir (see its output above).
  Fix: install the .NET $wanted yourself and put dotnet on PATH (https://dotnet.microsoft.com/download)."
    fi
    dotnet="$local_dotnet_dir/dotnet"
    has_matching_sdk "$dotnet" || fail "$dotnet has no SDK matching global.json after the install. Delete $local_dotnet_dir and retry."
fi

# ---- compile -------------------------------------------------------------------------------------------------
[[ -f "$build_project" ]] || fail "no build project at $build_project. Restore build/ from git."
say "compiling build (${reason})"
rm -f "$fingerprint_file" "$temp_dir/build.ps1.fingerprint"   # build-bin is about to change under both scripts
mkdir -p "$temp_dir"
referenced=()
while IFS= read -r project_dir; do referenced+=("$project_dir"); done < <(seen_projects=(); referenced_project_dirs "$build_project")
start_points "${referenced[@]+"${referenced[@]}"}"
listing="$(input_listing)"   # the inputs as they are compiled
# The runtime identifier of this machine, for ReadyToRun; nothing where there is none to name.
host_rid() {
    local os arch
    case "$(uname -s)" in
        Linux) os=linux; [[ -f /etc/alpine-release ]] && os=linux-musl ;;
        Darwin) os=osx ;;
        *) return 1 ;;
    esac
    case "$(uname -m)" in
        x86_64 | amd64) arch=x64 ;;
        aarch64 | arm64) arch=arm64 ;;
        *) return 1 ;;
    esac
    echo "$os-$arch"
}
# ReadyToRun: the build and its libraries precompiled for this machine, so each run JIT-compiles far less (a warm
# start's engine time drops by about a third). It needs the runtime and Crossgen2 packs from NuGet once; where they
# cannot be restored, or with SLIPWAY_NO_READY_TO_RUN=1, the build is compiled as plain IL.
# The SDK is chosen by global.json in the current directory: compile from the root, in a subshell.
compiled=false
if [[ "${SLIPWAY_NO_READY_TO_RUN:-}" != "1" ]] && rid="$(host_rid)"; then
    if (cd "$root" && "$dotnet" publish "$build_project" -c Debug -r "$rid" --self-contained false -p:PublishReadyToRun=true \
            -o "$build_bin" --nologo -v q) >"$compile_log" 2>&1; then
        compiled=true
    else
        say "the ReadyToRun compile for $rid failed (${compile_log#"$root"/}); compiling without ReadyToRun"
    fi
fi
if ! $compiled && ! (cd "$root" && "$dotnet" build "$build_project" -c Debug -o "$build_bin" --nologo -v q) >"$compile_log" 2>&1; then
    cat "$compile_log" >&2
    fail "compiling $build_project failed (output above, also in ${compile_log#"$root"/})."
fi
{ printf '%s\n' "$dotnet"; (IFS=$'\t'; printf '%s\n' "${referenced[*]-}"); printf '%s' "$listing"; } >"$fingerprint_file"
run_build "$dotnet"
