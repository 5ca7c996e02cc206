namespace Slipway.Components.Dockerfiles;

/// <summary>Reads <c>NAME=value</c> build arguments, as given to <c>docker build --build-arg</c>.</summary>
internal static class BuildArguments
{
    /// <summary>The arguments as a dictionary; a later value for the same name wins.</summary>
    /// <exception cref="BuildFailedException">An item has no <c>=</c> or no name.</exception>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string>? items)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new BuildFailedException($"The build argument '{item}' is not NAME=value; pass e.g. --docker-lint-build-args RUNTIME_IMAGE=registry/dotnet/aspnet:10.0@sha256:...");
            result[item[..eq].Trim()] = item[(eq + 1)..];
        }
        return result;
    }
}
