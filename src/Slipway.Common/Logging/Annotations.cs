using Serilog;

namespace Slipway.Logging;

/// <summary>
/// Warnings and errors about a place in a file: logged through <see cref="At(string, int?)"/>, they become the CI's annotations of that
/// file and line (GitHub Actions' <c>::error file=…,line=…::</c>; the file and line in the log elsewhere).
/// </summary>
/// <example><c>Annotations.At("Dockerfile", 12).Warning("{Rule}: {Message}", "SW1042", "no USER");</c></example>
public static class Annotations
{
    /// <summary>The log event property that names the file, relative to the repository root.</summary>
    public const string SourceFile = "SourceFile";

    /// <summary>The log event property that names the line (1-based).</summary>
    public const string SourceLine = "SourceLine";

    /// <summary>A logger whose warnings and errors annotate <paramref name="file"/> (at <paramref name="line"/>, when given).</summary>
    public static ILogger At(string file, int? line = null) => At(Log.Logger, file, line);

    /// <summary>The same, from a logger of the caller's.</summary>
    public static ILogger At(ILogger logger, string file, int? line = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(file);
        var annotated = logger.ForContext(SourceFile, file);
        return line is { } l ? annotated.ForContext(SourceLine, l) : annotated;
    }
}
