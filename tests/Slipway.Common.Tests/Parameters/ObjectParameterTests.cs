using System.ComponentModel;
using Slipway.Common.Tests.Support;
using Slipway.IO;

namespace Slipway.Common.Tests.Parameters;

/// <summary>
/// Parameters whose values are objects (a JSON object each), as a list of images in <c>.nuke/parameters.json</c> is:
/// read from the file, the environment and the command line, checked key by key, described in the schema; and the
/// overview sections a build adds to <c>--help</c> and <c>--plan</c>.
/// </summary>
public sealed class ObjectParameterTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public sealed record Mirror
    {
        [Description("Host name")] public required string Host { get; init; }
        public required AbsolutePath CaFile { get; init; }
        public int Port { get; init; } = 443;
    }

    private sealed class MirrorBuild : SlipwayBuild
    {
        [Parameter("Registry mirrors")] readonly Mirror[] Mirrors = [];
        [Parameter("The primary mirror")] readonly Mirror? Primary;

        [Overview("Mirrors")]
        IEnumerable<string> MirrorLines => Mirrors.Select(m => $"{m.Host}:{m.Port} ({m.CaFile.Name})");

        [Overview("Broken")]
        IEnumerable<string> Broken => throw new BuildFailedException("the section's own message");

        Target Show => _ => _.Executes(() =>
        {
            foreach (var m in Mirrors) Serilog.Log.Information("mirror {Host} {Port} {Ca}", m.Host, m.Port, m.CaFile.RelativeTo(RootDirectory));
            if (Primary is { } p) Serilog.Log.Information("primary {Host}", p.Host);
        });
    }

    private void Parameters(string json) => (_harness.Root / ".nuke" / "parameters.json").WriteAllText(json);

    [Fact]
    public void An_array_of_objects_in_parameters_json_binds_each_object_with_paths_from_the_root_and_defaults_kept()
    {
        Parameters("""{ "Mirrors": [ { "host": "a.example", "CaFile": "certs/a.pem", "Port": 5000 }, { "Host": "b.example", "CaFile": "b.pem" } ] }""");

        Assert.Equal(0, _harness.Run<MirrorBuild>("Show"));

        Assert.Contains("mirror a.example 5000 certs/a.pem", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("mirror b.example 443 b.pem", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_takes_a_json_array_and_the_command_line_one_object_per_value()
    {
        _harness.Environment["MIRRORS"] = """[{ "Host": "env.example", "CaFile": "e.pem" }]""";
        Assert.Equal(0, _harness.Run<MirrorBuild>("Show"));
        Assert.Contains("mirror env.example 443 e.pem", _harness.Output, StringComparison.Ordinal);

        Assert.Equal(0, _harness.Run<MirrorBuild>("Show", "--mirrors", """{"Host":"x.example","CaFile":"x.pem"}""", """{"Host":"y.example","CaFile":"y.pem"}""",
            "--primary", """{"Host":"p.example","CaFile":"p.pem"}"""));
        Assert.Contains("mirror y.example 443 y.pem", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("primary p.example", _harness.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Mirrors": [ { "Host": "a", "CaFile": "a.pem", "Prot": 1 } ] }""", "'Prot' is not a key of Mirror; its keys are Host, CaFile, Port")]
    [InlineData("""{ "Mirrors": [ { "Host": "a" } ] }""", "has no CaFile; each Mirror needs Host, CaFile")]
    [InlineData("""{ "Mirrors": [ { "Host": "a", "CaFile": "a.pem", "Port": "many" } ] }""", "Mirror.Port: 'many' is not a valid int")]
    [InlineData("""{ "Mirrors": [ "a.example" ] }""", "is not valid JSON")]
    public void A_wrong_object_stops_the_run_naming_the_parameter_the_file_and_the_key(string json, string problem)
    {
        Parameters(json);

        Assert.Equal(2, _harness.Run<MirrorBuild>("Show"));

        Assert.Contains("Parameter --mirrors (.nuke/parameters.json)", _harness.Output, StringComparison.Ordinal);
        Assert.Contains(problem, _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_describes_the_object_its_keys_and_which_are_required()
    {
        _harness.Run<MirrorBuild>("--help");

        using var schema = System.Text.Json.JsonDocument.Parse((_harness.Root / ".nuke" / "build.schema.json").ReadAllText());
        var mirrors = schema.RootElement.GetProperty("properties").GetProperty("Mirrors");
        Assert.Equal("array", mirrors.GetProperty("type").GetString());
        var item = mirrors.GetProperty("items");
        Assert.Equal("object", item.GetProperty("type").GetString());
        Assert.False(item.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal("Host name", item.GetProperty("properties").GetProperty("Host").GetProperty("description").GetString());
        Assert.Equal("integer", item.GetProperty("properties").GetProperty("Port").GetProperty("type").GetString());
        Assert.Equal(["Host", "CaFile"], item.GetProperty("required").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void Help_and_plan_show_the_overview_sections_and_a_failing_section_its_message()
    {
        Parameters("""{ "Mirrors": [ { "Host": "a.example", "CaFile": "certs/a.pem" } ] }""");

        Assert.Equal(0, _harness.Run<MirrorBuild>("--help"));
        Assert.Contains("--mirrors <{Host,CaFile,Port}[]>", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("Mirrors:\n  a.example:443 (a.pem)", _harness.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Broken:\n  error: the section's own message", _harness.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        Assert.Equal(0, _harness.Run<MirrorBuild>("Show", "--plan"));
        Assert.Contains("Mirrors:\n  a.example:443 (a.pem)", _harness.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
