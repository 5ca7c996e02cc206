namespace Slipway.Processes;

/// <summary>The entry point of the tool runner: <c>Tool.Of("docker").WithArguments(["build", "."]).ExecuteAsync()</c>.</summary>
public static class Tool
{
    /// <summary>A command for an executable on PATH (or a full path), with no arguments yet.</summary>
    public static ToolCommand Of(string executable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        return new ToolCommand(executable);
    }

    /// <summary>
    /// Counts the time until the returned scope is disposed as the time of a tool, not the engine's own: for a wait on an
    /// outside service that is not a process, such as a request to a registry's HTTP API. The closing line's <c>tools</c>
    /// includes it, and <c>--verbosity verbose</c> names it as <paramref name="what"/> beside the spans of engine time.
    /// </summary>
    /// <example><c>using (Tool.Waiting("registry ghcr.io")) response = await http.SendAsync(request, token);</c></example>
    public static IDisposable Waiting(string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        return ToolClock.StartInRun(what);
    }

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, name + ext);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
