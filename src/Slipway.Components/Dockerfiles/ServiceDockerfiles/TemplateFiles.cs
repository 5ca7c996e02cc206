namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The slipway template's files AddDockerfile takes its parts from, embedded in this assembly at build time: the
/// service template's <c>Dockerfile</c> (base image pins, which PinBaseImages keeps current, and its
/// <c>restore-inputs</c> stage) and the adoption template's <c>.dockerignore</c> (written for a build context that holds
/// several projects' Dockerfiles). So a written Dockerfile pins what the template of the same Slipway version pins.
/// </summary>
internal static partial class TemplateFiles
{
    private const string RestoreInputsFrom = "FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS restore-inputs";

    /// <summary>The service template's Dockerfile.</summary>
    public static string Dockerfile => Read("Slipway.Components.Template.Dockerfile");

    /// <summary>The adoption template's <c>.dockerignore</c>.</summary>
    public static string DockerIgnore => Read("Slipway.Components.Template.dockerignore");

    /// <summary>The <c>ARG SDK_IMAGE=…</c> and <c>ARG RUNTIME_IMAGE=…</c> lines of <paramref name="dockerfile"/>, as written.</summary>
    /// <exception cref="InvalidOperationException">One of them is missing: the template changed without this reader.</exception>
    public static IReadOnlyList<string> BaseImageArguments(string dockerfile) =>
        new[] { "SDK_IMAGE", "RUNTIME_IMAGE" }.Select(name => Lines(dockerfile).FirstOrDefault(l => l.StartsWith($"ARG {name}=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The template's Dockerfile has no 'ARG {name}=' line.")).ToList();

    /// <summary>
    /// The <c>restore-inputs</c> stage of <paramref name="dockerfile"/>: the comment block above its <c>FROM</c>, and its
    /// lines up to the first blank line.
    /// </summary>
    /// <exception cref="InvalidOperationException">The template has no such stage.</exception>
    public static string RestoreInputsStage(string dockerfile)
    {
        var lines = Lines(dockerfile);
        var from = Array.IndexOf(lines, RestoreInputsFrom);
        if (from < 0) throw new InvalidOperationException($"The template's Dockerfile has no '{RestoreInputsFrom}' line.");
        var start = from;
        while (start > 0 && lines[start - 1].StartsWith('#')) start--;
        var end = Array.FindIndex(lines, from, l => l.Length == 0);
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    /// <summary>The .NET major version of the runtime image <paramref name="dockerfile"/> pins (<c>aspnet:10.0-…</c> → 10); null when its tag names none.</summary>
    public static int? RuntimeMajorVersion(string dockerfile) =>
        RuntimeTag().Match(BaseImageArguments(dockerfile)[1]) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [System.Text.RegularExpressions.GeneratedRegex(@":(\d+)\.\d+")]
    private static partial System.Text.RegularExpressions.Regex RuntimeTag();

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static string Read(string name)
    {
        using var stream = typeof(TemplateFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is not embedded in Slipway.Components.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
