using System.Diagnostics;

namespace Slipway.Common.Tests.Bootstrap;

/// <summary>
/// A throw-away repository in the temp folder: <c>.nuke/</c>, <c>global.json</c>, <c>Directory.Build.props</c>,
/// <c>build/_build.csproj</c> referencing this repository's engine, <c>build/Build.cs</c>, and copies of the real
/// <c>build.sh</c> and <c>build.ps1</c>.
/// </summary>
internal sealed class SampleRepository : IDisposable
{
    /// <summary>Variables the test host may carry that would steer the scripts or a nested MSBuild.</summary>
    private static readonly string[] s_clearedVariables =
    [
        "SLIPWAY_NO_WARM_START", "SLIPWAY_NO_READY_TO_RUN", "SLIPWAY_DOTNET_INSTALL_URL", "SLIPWAY_DOWNLOAD_TIMEOUT", "SAMPLE_ARGS_FILE",
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
    ];

    private SampleRepository(string root) => Root = root;

    public string Root { get; }

    /// <summary>Creates the sample; with <paramref name="withBuild"/> false, build/ is left out.</summary>
    public static SampleRepository Create(bool withBuild = true)
    {
        var repository = new SampleRepository(Path.Combine(Path.GetTempPath(), "slipway-bootstrap-" + Guid.NewGuid().ToString("N")[..10]));
        Directory.CreateDirectory(Path.Combine(repository.Root, ".nuke"));
        repository.Write(".nuke/parameters.json", "{}\n");
        repository.Write("global.json", SampleFiles.GlobalJson);
        repository.Write("Directory.Build.props", SampleFiles.DirectoryBuildProps);
        if (withBuild)
        {
            repository.Write("build/_build.csproj", SampleFiles.BuildProject(RepositoryPaths.EngineProject));
            repository.Write("build/Build.cs", SampleFiles.BuildCs);
        }
        foreach (var script in new[] { BootstrapScript.Bash, BootstrapScript.PowerShell })
            File.Copy(Path.Combine(RepositoryPaths.Root, script.FileName), repository.PathOf(script.FileName));
        return repository;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Write(string relativePath, string text)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public void Delete(string relativePath) => File.Delete(PathOf(relativePath));

    /// <summary>Runs a bootstrap script of this repository with the given arguments, from <paramref name="workingDirectory"/> (default: the root).</summary>
    public ScriptRun Run(BootstrapScript script, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        var start = new ProcessStartInfo(script.Interpreter ?? PathOf(script.FileName)) { WorkingDirectory = workingDirectory ?? Root };
        if (script.Interpreter is not null)
        {
            foreach (var argument in script.InterpreterArguments) start.ArgumentList.Add(argument);
            start.ArgumentList.Add(PathOf(script.FileName));
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in s_clearedVariables) start.Environment.Remove(name);
        // The bootstrap's logic is what these runs test: plain IL compiles in a third of the time of ReadyToRun. The
        // ReadyToRun test asks for it with SLIPWAY_NO_READY_TO_RUN=0.
        start.Environment["SLIPWAY_NO_READY_TO_RUN"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return ScriptRun.Start(start, timeout ?? TimeSpan.FromMinutes(5));
    }

    public ScriptRun Run(BootstrapScript script, params string[] arguments) => Run(script, (IEnumerable<string>)arguments);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds a file; the temp folder is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
