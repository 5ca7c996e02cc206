using System.Text.Json;

namespace Slipway.Components.Destination;

/// <summary>Whether docker's own configuration (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>) may hold a login for a registry.</summary>
internal static class DockerConfigLogins
{
    /// <summary>
    /// True when <c>auths</c> or <c>credHelpers</c> names the host, or a <c>credsStore</c> may hold it (a store is not
    /// asked here). False when there is no configuration, or it is not JSON.
    /// </summary>
    public static bool Has(string host, IReadOnlyDictionary<string, string> environment)
    {
        var directory = environment.TryGetValue("DOCKER_CONFIG", out var configured) && configured.Length > 0
            ? configured
            : environment.TryGetValue("HOME", out var home) && home.Length > 0 ? Path.Combine(home, ".docker") : null;
        var file = directory is null ? null : Path.Combine(directory, "config.json");
        if (file is null || !File.Exists(file)) return false;
        try
        {
            using var config = JsonDocument.Parse(File.ReadAllText(file));
            var root = config.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            if (root.TryGetProperty("credsStore", out var store) && store.ValueKind == JsonValueKind.String && store.GetString() is { Length: > 0 }) return true;
            return Names(root, "auths", host) || Names(root, "credHelpers", host);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // docker writes a login as the host, or as an https:// URL (Docker Hub's https://index.docker.io/v1/).
    private static bool Names(JsonElement root, string section, string host) =>
        root.TryGetProperty(section, out var entries) && entries.ValueKind == JsonValueKind.Object
        && entries.EnumerateObject().Any(e => string.Equals(e.Name, host, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(e.Name, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, host, StringComparison.OrdinalIgnoreCase)));
}
