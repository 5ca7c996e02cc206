using Slipway.IO;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// The generated build as a NUKE user edits it: no using lines, a <c>[Parameter] readonly bool</c> field (which the
/// template's warnings-as-errors must not turn into CS0649) and a target that <c>Requires</c> it to be true.
/// </summary>
[Collection(GeneratedServiceOwnRegistriesCollection.Name)]
public sealed class NukeUserBuildTests(GeneratedService service)
{
    private const string ClassLine = "sealed class Build : SlipwayBuild,";

    [Fact]
    public void The_generated_build_file_has_no_using_line()
    {
        var build = File.ReadAllLines(service.Repository / "build" / "Build.cs");
        Assert.DoesNotContain(build, line => line.StartsWith("using ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_required_bool_parameter_field_compiles_stops_the_run_when_false_and_runs_the_target_when_given()
    {
        var repository = WithApprovedRelease("nuke-user-approved");

        var refused = service.Publish(repository, ["Release"]);

        var refusedOutput = Commands.Text(refused);
        Assert.True(refused.ExitCode == 2, $"exited {refused.ExitCode}:\n{refusedOutput}");
        Assert.Contains("Target Release requires parameter Approved to be true: pass --approved", refusedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("released by the approver", refusedOutput, StringComparison.Ordinal);

        var approved = service.Publish(repository, ["Release", "--approved"]);

        Expect.Succeeded(approved);
        Assert.Contains("released by the approver", Commands.Text(approved), StringComparison.Ordinal);
    }

    /// <summary>A fresh repository whose Build.cs has an <c>Approved</c> flag and a <c>Release</c> target that requires it.</summary>
    private AbsolutePath WithApprovedRelease(string name)
    {
        var repository = service.Pack.Generate(name, "--ci", "none", "--registry", "localhost:5000/x");
        var build = repository / "build" / "Build.cs";
        var text = File.ReadAllText(build);
        var body = text.IndexOf('{', text.IndexOf(ClassLine, StringComparison.Ordinal));
        Assert.True(body > 0, "Build.cs has no build class");
        const string members = """

                [Parameter("The release was approved")] readonly bool Approved;

                Target Release => _ => _
                    .Description("Releases once approved")
                    .Requires(() => Approved)
                    .Executes(() => Serilog.Log.Information("released by the approver"));

            """;
        File.WriteAllText(build, text.Insert(body + 1, members));
        Commands.Git(repository, "init", "--quiet", "--initial-branch", "main");
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", "An approved release");
        return repository;
    }
}
