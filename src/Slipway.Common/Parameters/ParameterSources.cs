using System.Text.Json;
using Slipway.IO;

namespace Slipway.Parameters;

/// <summary>A raw value and where it came from, for <c>--help</c>.</summary>
internal sealed record RawValue(IReadOnlyList<string> Values, string Source);

/// <summary>Reads raw values for a parameter from the command line, the environment and parameters files, highest first.</summary>
internal sealed class ParameterSources
{
    private readonly IReadOnlyDictionary<string, CommandLineOption> _commandLine;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<(string File, Dictionary<string, IReadOnlyList<string>> Values)> _files = [];

    public ParameterSources(IEnumerable<CommandLineOption> options, IReadOnlyDictionary<string, string> environment, AbsolutePath root, string? profile)
    {
        _commandLine = options.GroupBy(o => o.Normalized).ToDictionary(g => g.Key, g => g.Last());
        _environment = environment;
        var directory = root / ".nuke";
        if (profile is not null)
        {
            var profileFile = directory / $"parameters.{profile}.json";
            if (!profileFile.FileExists())
                throw new ParameterValueException($"--profile {profile}: {profileFile.RelativeTo(root)} does not exist. Create it, or pick another profile.");
            _files.Add((profileFile.RelativeTo(root), ReadJson(profileFile, root)));
        }
        var defaults = directory / "parameters.json";
        if (defaults.FileExists()) _files.Add((defaults.RelativeTo(root), ReadJson(defaults, root)));
    }

    /// <summary>Keys of the parameters files that name no parameter, with the file they are in.</summary>
    public IEnumerable<(string Key, string File)> FileKeys =>
        _files.SelectMany(f => f.Values.Keys.Select(k => (k, f.File)));

    public RawValue? Find(ParameterDescriptor parameter)
    {
        if (_commandLine.TryGetValue(ParameterDescriptor.Normalize(parameter.Name), out var option))
            return new RawValue(option.Values, "command line");
        foreach (var name in new[] { parameter.EnvironmentName, parameter.PrefixedEnvironmentName })
        {
            if (_environment.TryGetValue(name, out var value) && value.Length > 0)
                return new RawValue([value], "env " + name);
        }
        foreach (var (file, values) in _files)
        {
            var hit = values.FirstOrDefault(v => ParameterDescriptor.Normalize(v.Key) == ParameterDescriptor.Normalize(parameter.Name));
            if (hit.Value is not null) return new RawValue(hit.Value, file);
        }
        return null;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadJson(AbsolutePath file, AbsolutePath root)
    {
        try
        {
            using var document = JsonDocument.Parse(file.ReadAllText(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ParameterValueException($"{file.RelativeTo(root)} must hold a JSON object of parameter names and values.");
            var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$')) continue;
                result[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => [.. property.Value.EnumerateArray().Select(Scalar)],
                    JsonValueKind.Null => [],
                    _ => [Scalar(property.Value)],
                };
            }
            return result;
        }
        catch (JsonException ex)
        {
            throw new ParameterValueException($"{file.RelativeTo(root)} is not valid JSON: {ex.Message}");
        }
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => e.GetRawText(),
    };
}
