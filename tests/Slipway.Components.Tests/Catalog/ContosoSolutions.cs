using System.Diagnostics;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Catalog;

/// <summary>
/// Two copies of one repository, made once with the dotnet CLI (<c>dotnet new sln</c>, <c>dotnet sln add</c>): one with a
/// <c>Contoso.sln</c>, one with a <c>Contoso.slnx</c>, each listing <c>src/Contoso.Api</c>, <c>src/Contoso.Worker</c> and
/// <c>src/Contoso.Shared</c>. No Dockerfile yet: each test copies one and adds the Dockerfiles it is about.
/// </summary>
public sealed class ContosoSolutions : IDisposable
{
    private readonly TemporaryDirectory _temp = new("slipway-catalog");

    public ContosoSolutions()
    {
        foreach (var format in new[] { "sln", "slnx" })
        {
            var root = (_temp.Path / format).CreateDirectory();
            foreach (var project in new[] { "Contoso.Api", "Contoso.Worker", "Contoso.Shared" }) WriteProject(root, "src", project);
            Dotnet(root, "new", "sln", "-n", "Contoso", "--format", format);
            Dotnet(root, "sln", $"Contoso.{format}", "add", "src/Contoso.Api", "src/Contoso.Worker", "src/Contoso.Shared");
        }
    }

    /// <summary>A fresh copy of the repository with the given solution format (<c>sln</c> or <c>slnx</c>), with <c>.nuke/</c>.</summary>
    internal AbsolutePath Copy(TemporaryDirectory into, string format)
    {
        var root = into.CopyIn(_temp.Path / format, "contoso");
        (root / ".nuke").CreateDirectory();
        return root;
    }

    /// <summary>Writes a minimal SDK-style project <c>&lt;folder&gt;/&lt;name&gt;/&lt;name&gt;.csproj</c>.</summary>
    internal static AbsolutePath WriteProject(AbsolutePath root, string folder, string name)
    {
        var project = root / folder / name / $"{name}.csproj";
        project.WriteAllText("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n</Project>\n");
        return project;
    }

    /// <summary>Runs the dotnet CLI in <paramref name="directory"/>; fails the test with its output when it fails.</summary>
    internal static void Dotnet(AbsolutePath directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output.Result}\n{error}");
    }

    public void Dispose() => _temp.Dispose();
}
