using System.Collections.Immutable;
using System.Globalization;

namespace Slipway.Components.Scanning;

/// <summary>
/// Trivy's command line (<c>trivy image …</c>; through Docker, what follows the Trivy image), edited in
/// <see cref="ITrivyScan.ConfigureTrivy(TrivySettings)"/>. Slipway reads the JSON report it writes and judges the
/// findings itself, so the format, report file, image and ignore file can be read here but not changed.
/// </summary>
/// <example><c>TrivySettings ITrivyScan.ConfigureTrivy(TrivySettings s) => s with { Timeout = TimeSpan.FromMinutes(30) };</c></example>
public sealed record TrivySettings : ToolSettings
{
    internal TrivySettings(string target) => Target = target;

    /// <summary>The image scanned: its id or reference, or (with <see cref="Input"/>) the platform's digest.</summary>
    public string Target { get; }

    /// <summary>The report file (<c>--output</c>), as Trivy sees it; Slipway reads it.</summary>
    public string? Output { get; internal init; }

    /// <summary>The severities Trivy reports (<c>--severity</c>); all of them by default, as the gate picks by its own threshold.</summary>
    public ImmutableArray<string> Severities { get; init; } = [.. SeverityNames.AllForFlag.Split(',')];

    /// <summary>The scanners (<c>--scanners</c>); <c>vuln</c> by default.</summary>
    public ImmutableArray<string> Scanners { get; init; } = ["vuln"];

    /// <summary>How long Trivy may take (<c>--timeout</c>); 15 minutes by default.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Skips Trivy's check for a newer release (<c>--skip-version-check</c>); true by default.</summary>
    public bool SkipVersionCheck { get; init; } = true;

    /// <summary>Where the vulnerability database is kept (<c>--cache-dir</c>), as Trivy sees it; null for Trivy's default.</summary>
    public string? CacheDirectory { get; internal init; }

    /// <summary>Hides Trivy's progress output (<c>--quiet</c>); true by default.</summary>
    public bool Quiet { get; init; } = true;

    /// <summary>Leaves out vulnerabilities without a fixed version (<c>--ignore-unfixed</c>); the component's <c>IgnoreUnfixed</c> parameter.</summary>
    public bool IgnoreUnfixed { get; init; }

    /// <summary>Where the image is read from (<c>--image-src</c>); null for Trivy's default, <c>remote</c> for a rescan of a published image.</summary>
    public string? ImageSource { get; internal init; }

    /// <summary>The <c>.trivyignore</c> file (<c>--ignorefile</c>), as Trivy sees it; null when there is none.</summary>
    public string? IgnoreFile { get; internal init; }

    /// <summary>One platform's OCI layout (<c>--input</c>), which replaces <see cref="Target"/> for a multi-platform scan.</summary>
    public string? Input { get; internal init; }

    private protected override IEnumerable<string> RenderArguments()
    {
        yield return "image";
        yield return "--format";
        yield return "json";
        if (Output is not null) { yield return "--output"; yield return Output; }
        yield return "--severity";
        yield return string.Join(',', Severities);
        yield return "--scanners";
        yield return string.Join(',', Scanners);
        yield return "--timeout";
        yield return Timeout.TotalSeconds % 60 == 0
            ? ((long)Timeout.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m"
            : ((long)Math.Ceiling(Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
        if (SkipVersionCheck) yield return "--skip-version-check";
        if (CacheDirectory is not null) { yield return "--cache-dir"; yield return CacheDirectory; }
        if (Quiet) yield return "--quiet";
        if (IgnoreUnfixed) yield return "--ignore-unfixed";
        if (ImageSource is not null) { yield return "--image-src"; yield return ImageSource; }
        if (IgnoreFile is not null) { yield return "--ignorefile"; yield return IgnoreFile; }
        if (Input is not null) { yield return "--input"; yield return Input; }
        else yield return Target;
    }
}
