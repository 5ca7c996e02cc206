#!/usr/bin/env pwsh
# Bootstraps and runs the build in build/: ./build.ps1 [targets] [--parameters] (./build.ps1 --help lists them).
#
# Warm start: when nothing the build is compiled from changed since the last successful compile, the compiled
# build in .nuke/temp/build-bin runs directly, without MSBuild. Otherwise it is compiled first with the .NET SDK
# that global.json asks for: the dotnet on PATH when it has a matching SDK, else one installed into
# .nuke/temp/dotnet with the official dotnet-install script.
#
#   --no-warm  or  SLIPWAY_NO_WARM_START=1   recompile even when nothing changed
#   SLIPWAY_NO_READY_TO_RUN=1                compile the build as plain IL, not ReadyToRun for this machine
#   SLIPWAY_DOTNET_INSTALL_URL               where to download the dotnet-install script from (default: the official one)
#   SLIPWAY_DOWNLOAD_TIMEOUT                 seconds the download of the dotnet-install script may take (default 60)
#
# Works from any current directory; the build runs in the current directory and finds the root by .nuke/.
# No param() block on purpose: every argument, including ones that look like PowerShell parameters, goes to the build.

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$TempDir = Join-Path $Root '.nuke/temp'
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildBin = Join-Path $TempDir 'build-bin'
$BuildDll = Join-Path $BuildBin '_build.dll'
$FingerprintFile = Join-Path $TempDir 'build.ps1.fingerprint'
$CompileLog = Join-Path $TempDir 'build-compile.log'
$LocalDotnetDir = Join-Path $TempDir 'dotnet'
$OnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
$LocalDotnet = Join-Path $LocalDotnetDir $(if ($OnWindows) { 'dotnet.exe' } else { 'dotnet' })
$InstallScriptName = $(if ($OnWindows) { 'dotnet-install.ps1' } else { 'dotnet-install.sh' })
$InstallUrl = $(if ($env:SLIPWAY_DOTNET_INSTALL_URL) { $env:SLIPWAY_DOTNET_INSTALL_URL } else { "https://dot.net/v1/$InstallScriptName" })

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Say([string] $Message) { [Console]::Error.WriteLine("[bootstrap] $Message") }
function Fail([string] $Message) { [Console]::Error.WriteLine("[bootstrap] error: $Message"); exit 1 }

# ---- arguments: --no-warm is ours, everything else goes to the build ------------------------------------------
$NoWarmReason = $(if ($env:SLIPWAY_NO_WARM_START -eq '1') { 'SLIPWAY_NO_WARM_START=1' } else { '' })
$BuildArguments = @()
foreach ($argument in $args) {
    if ("$argument" -eq '--no-warm') { $NoWarmReason = '--no-warm' } else { $BuildArguments += "$argument" }
}

# ---- fingerprint: paths, sizes and modification times of everything the build is compiled from ----------------
function Add-InputFiles([string] $Directory, [System.Collections.Generic.List[string]] $Lines) {
    foreach ($item in Get-ChildItem -LiteralPath $Directory -Force) {
        if ($item.PSIsContainer) {
            # bin/ obj/ are outputs; .nuke/temp is ours.
            if ($item.Name -in 'bin', 'obj' -or $item.FullName -eq [System.IO.Path]::GetFullPath($TempDir)) { continue }
            Add-InputFiles $item.FullName $Lines
        }
        elseif ($item.FullName -ne (Join-Path $Root '.nuke/build.schema.json')) {   # written by the build itself
            $Lines.Add("$($item.FullName) $($item.Length) $($item.LastWriteTimeUtc.Ticks)")
        }
    }
}

# The folders of the projects $Project references, transitively (local ProjectReferences: the build's own libraries).
function Get-ReferencedProjectDirectories([string] $Project, [System.Collections.Generic.HashSet[string]] $Seen) {
    $directory = [System.IO.Path]::GetDirectoryName($Project)
    $pattern = '<ProjectReference[^>]*Include="([^"]+)"'
    foreach ($match in [regex]::Matches([System.IO.File]::ReadAllText($Project), $pattern)) {
        $include = $match.Groups[1].Value.Replace('$(MSBuildThisFileDirectory)', "$directory/").Replace('$(MSBuildProjectDirectory)', $directory)
        if ($include.Contains('$(')) { continue }
        $include = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($directory, $include.Replace('\', '/')))
        if (-not (Test-Path -LiteralPath $include -PathType Leaf) -or -not $Seen.Add($include)) { continue }
        [System.IO.Path]::GetDirectoryName($include)
        Get-ReferencedProjectDirectories $include $Seen
    }
}

function Get-Fingerprint {
    $lines = New-Object System.Collections.Generic.List[string]
    $directories = New-Object System.Collections.Generic.List[string]
    foreach ($directory in 'build', 'src/Slipway.Common', '.nuke') { $directories.Add([System.IO.Path]::GetFullPath((Join-Path $Root $directory))) }
    if (Test-Path -LiteralPath $BuildProject -PathType Leaf) {
        $seen = New-Object 'System.Collections.Generic.HashSet[string]'
        foreach ($directory in @(Get-ReferencedProjectDirectories $BuildProject $seen)) { $directories.Add($directory) }
    }
    foreach ($path in @($directories | Select-Object -Unique)) {
        if (Test-Path -LiteralPath $path -PathType Container) { Add-InputFiles $path $lines }
    }
    $files = @(Get-ChildItem -LiteralPath $Root -File -Force | Where-Object {
        $_.Name -in 'global.json', 'nuget.config', 'build.ps1' -or $_.Name -like 'Directory.*.props' -or $_.Name -like 'Directory.*.targets'
    })
    foreach ($item in $files) { $lines.Add("$($item.FullName) $($item.Length) $($item.LastWriteTimeUtc.Ticks)") }
    $sorted = $lines.ToArray()
    [Array]::Sort($sorted, [StringComparer]::Ordinal)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { $hash = $sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes(($sorted -join "`n"))) } finally { $sha.Dispose() }
    return ([BitConverter]::ToString($hash) -replace '-', '').ToLowerInvariant()
}

function Invoke-Build([string] $Dotnet) {
    if ($Dotnet -eq $LocalDotnet) {
        $env:DOTNET_ROOT = $LocalDotnetDir
        $env:PATH = $LocalDotnetDir + [System.IO.Path]::PathSeparator + $env:PATH
    }
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        & $Dotnet $BuildDll @BuildArguments
        exit $LASTEXITCODE
    }
    # Started directly, so PowerShell neither expands wildcards (Unix) nor re-quotes the arguments on the way;
    # the build inherits the console streams.
    $start = New-Object System.Diagnostics.ProcessStartInfo $Dotnet
    $start.UseShellExecute = $false
    $start.ArgumentList.Add($BuildDll)
    foreach ($argument in $BuildArguments) { $start.ArgumentList.Add($argument) }
    $process = [System.Diagnostics.Process]::Start($start)
    $process.WaitForExit()
    exit $process.ExitCode
}

$CurrentFingerprint = Get-Fingerprint

# ---- warm start ----------------------------------------------------------------------------------------------
$Reason = $NoWarmReason
if (-not $Reason) {
    if (-not (Test-Path -LiteralPath $FingerprintFile -PathType Leaf)) { $Reason = 'first run' }
    elseif (-not (Test-Path -LiteralPath $BuildDll -PathType Leaf)) { $Reason = 'compiled build missing' }
    else {
        $recorded = @(Get-Content -LiteralPath $FingerprintFile) + @('', '')
        if ($recorded[0] -ne $CurrentFingerprint) { $Reason = 'build inputs changed' }
        elseif (-not $recorded[1] -or -not (Test-Path -LiteralPath $recorded[1] -PathType Leaf)) { $Reason = "dotnet $($recorded[1]) is gone" }
        else {
            Say 'warm start'
            Invoke-Build $recorded[1]
        }
    }
}

# ---- the .NET SDK global.json asks for -----------------------------------------------------------------------
$GlobalJsonPath = Join-Path $Root 'global.json'
if (-not (Test-Path -LiteralPath $GlobalJsonPath -PathType Leaf)) {
    Fail "no global.json in ${Root}: it pins the .NET SDK the build compiles with. Restore it from git."
}
$sdk = $null
try { $sdk = (Get-Content -LiteralPath $GlobalJsonPath -Raw | ConvertFrom-Json).PSObject.Properties['sdk'] }
catch { Fail "global.json is not valid JSON: $($_.Exception.Message). Fix the file." }
function Get-SdkSetting([string] $Name) {
    if ($null -eq $sdk -or $null -eq $sdk.Value.PSObject.Properties[$Name]) { return $null }
    return $sdk.Value.PSObject.Properties[$Name].Value
}
$RequiredVersion = "$(Get-SdkSetting 'version')"
$RollForward = "$(Get-SdkSetting 'rollForward')"
if (-not $RollForward) { $RollForward = 'patch' }
$AllowPrerelease = (Get-SdkSetting 'allowPrerelease') -ne $false
$VersionPattern = '^(\d+)\.(\d+)\.(\d+)(?:-(.+))?$'

function ConvertTo-SdkVersion([string] $Text) {
    if ($Text -notmatch $VersionPattern) { return $null }
    $number = [int]$Matches[3]
    $label = "$($Matches[4])"
    return [pscustomobject]@{ Major = [int]$Matches[1]; Minor = [int]$Matches[2]; Band = [Math]::Floor($number / 100); Patch = $number % 100; Label = $label }
}

# Does SDK version $Candidate satisfy global.json's version and rollForward policy? Versions are major.minor.BPP[-label],
# where B is the feature band and PP the patch (10.0.401 = band 4, patch 1).
function Test-SdkSatisfies([string] $Candidate) {
    if (-not $RequiredVersion) { return $true }
    $have = ConvertTo-SdkVersion $Candidate
    if ($null -eq $have) { return $false }
    $want = ConvertTo-SdkVersion $RequiredVersion
    if ($null -eq $want) { Fail "global.json: '$RequiredVersion' is not an SDK version like 10.0.401." }
    if ($have.Label -and -not $AllowPrerelease -and -not $want.Label) { return $false }
    switch -CaseSensitive ($RollForward) {
        'disable' { return $Candidate -eq $RequiredVersion }
        { $_ -in 'patch', 'latestPatch' } { if ($have.Major -ne $want.Major -or $have.Minor -ne $want.Minor -or $have.Band -ne $want.Band) { return $false } }
        { $_ -in 'feature', 'latestFeature' } { if ($have.Major -ne $want.Major -or $have.Minor -ne $want.Minor) { return $false } }
        { $_ -in 'minor', 'latestMinor' } { if ($have.Major -ne $want.Major) { return $false } }
        { $_ -in 'major', 'latestMajor' } { }
        default { Fail "global.json: rollForward '$RollForward' is not one of patch, feature, minor, major, latestPatch, latestFeature, latestMinor, latestMajor, disable." }
    }
    foreach ($part in 'Major', 'Minor', 'Band', 'Patch') {
        if ($have.$part -gt $want.$part) { return $true }
        if ($have.$part -lt $want.$part) { return $false }
    }
    # Same numbers: a release beats a prerelease; two prereleases compare by label.
    if (-not $have.Label) { return $true }
    return $want.Label -and ([string]::CompareOrdinal($have.Label, $want.Label) -ge 0)
}

function Test-HasMatchingSdk([string] $Dotnet) {
    foreach ($line in @(& $Dotnet --list-sdks 2>$null)) {
        if (Test-SdkSatisfies ("$line" -split ' ')[0]) { return $true }
    }
    return $false
}

$Wanted = "SDK $(if ($RequiredVersion) { $RequiredVersion } else { '(any)' }) (rollForward $RollForward)"
$PathDotnet = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if ($PathDotnet -and (Test-HasMatchingSdk $PathDotnet.Source)) {
    $Dotnet = $PathDotnet.Source
}
elseif ((Test-Path -LiteralPath $LocalDotnet -PathType Leaf) -and (Test-HasMatchingSdk $LocalDotnet)) {
    $Dotnet = $LocalDotnet
}
else {
    if (-not $RequiredVersion) {
        Fail 'no dotnet on PATH and global.json names no SDK version to install. Install the .NET SDK or add sdk.version to global.json.'
    }
    Say "no dotnet with .NET $Wanted on PATH: installing $RequiredVersion into .nuke/temp/dotnet"
    New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
    $installScript = Join-Path $TempDir $InstallScriptName
    $timeout = $(if ($env:SLIPWAY_DOWNLOAD_TIMEOUT) { [int]$env:SLIPWAY_DOWNLOAD_TIMEOUT } else { 60 })
    try {
        $ProgressPreference = 'SilentlyContinue'
        Invoke-WebRequest -Uri $InstallUrl -OutFile $installScript -TimeoutSec $timeout -UseBasicParsing
    }
    catch {
        Fail ("could not download the dotnet install script from $InstallUrl (timeout ${timeout}s): $($_.Exception.Message)`n" +
            "  Fix: install the .NET $Wanted yourself and put dotnet on PATH (https://dotnet.microsoft.com/download),`n" +
            "  or allow access to $InstallUrl (or set SLIPWAY_DOTNET_INSTALL_URL to a mirror of it).")
    }
    if ($OnWindows) {
        & powershell -NoProfile -ExecutionPolicy Bypass -File $installScript -Version $RequiredVersion -InstallDir $LocalDotnetDir -NoPath
    }
    else {
        & bash $installScript --version $RequiredVersion --install-dir $LocalDotnetDir --no-path
    }
    if ($LASTEXITCODE -ne 0) {
        Fail ("dotnet-install (from $InstallUrl) could not install SDK $RequiredVersion into $LocalDotnetDir (see its output above).`n" +
            "  Fix: install the .NET $Wanted yourself and put dotnet on PATH (https://dotnet.microsoft.com/download).")
    }
    $Dotnet = $LocalDotnet
    if (-not (Test-HasMatchingSdk $Dotnet)) { Fail "$Dotnet has no SDK matching global.json after the install. Delete $LocalDotnetDir and retry." }
}

# ---- compile -------------------------------------------------------------------------------------------------
if (-not (Test-Path -LiteralPath $BuildProject -PathType Leaf)) { Fail "no build project at $BuildProject. Restore build/ from git." }
Say "compiling build ($Reason)"
# build-bin is about to change under both scripts.
Remove-Item -LiteralPath $FingerprintFile, (Join-Path $TempDir 'build.fingerprint') -Force -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
# MSBuild writes its messages to the log file, so no pipe is held open by build servers. The SDK is chosen by
# global.json in the current directory: compile from the root.
# ReadyToRun: the build and its libraries precompiled for this machine, so each run JIT-compiles far less. It needs
# the runtime and Crossgen2 packs from NuGet once; where they cannot be restored, or with SLIPWAY_NO_READY_TO_RUN=1,
# the build is compiled as plain IL.
Push-Location -LiteralPath $Root
try {
    $compileExitCode = 1
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    if ($env:SLIPWAY_NO_READY_TO_RUN -ne '1' -and $rid) {
        & $Dotnet publish $BuildProject -c Debug -r $rid --self-contained false -p:PublishReadyToRun=true -o $BuildBin --nologo -v q -noConsoleLogger "-fileLoggerParameters:LogFile=$CompileLog;Verbosity=minimal"
        $compileExitCode = $LASTEXITCODE
        if ($compileExitCode -ne 0) { Say "the ReadyToRun compile for $rid failed (.nuke/temp/build-compile.log); compiling without ReadyToRun" }
    }
    if ($compileExitCode -ne 0) {
        & $Dotnet build $BuildProject -c Debug -o $BuildBin --nologo -v q -noConsoleLogger "-fileLoggerParameters:LogFile=$CompileLog;Verbosity=minimal"
        $compileExitCode = $LASTEXITCODE
    }
}
finally { Pop-Location }
if ($compileExitCode -ne 0) {
    if (Test-Path -LiteralPath $CompileLog) { [Console]::Error.WriteLine((Get-Content -LiteralPath $CompileLog -Raw)) }
    Fail "compiling $BuildProject failed (output above, also in .nuke/temp/build-compile.log)."
}
Set-Content -LiteralPath $FingerprintFile -Value @($CurrentFingerprint, $Dotnet) -Encoding utf8
Invoke-Build $Dotnet
