using Slipway.Common.Tests.Support;
using Slipway.IO;

namespace Slipway.Common.Tests.Parameters;

public enum Flavour
{
    Vanilla,
    Chocolate,
}

public sealed class ParameterTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class Typed : SlipwayBuild
    {
        internal static Typed? Last;

        [Parameter("Image name")] readonly string ImageName = "default-image";
        [Parameter("Port")] readonly int Port = 8080;
        [Parameter("Verbose output")] readonly bool Loud;
        [Parameter("Flavour")] readonly Flavour Taste = Flavour.Vanilla;
        [Parameter("Tags")] readonly string[] Tags = [];
        [Parameter("Output directory")] readonly AbsolutePath? Output;
        [Parameter("Retries")] readonly int? Retries;
        [Parameter("Registry password"), Secret] readonly string? RegistryPassword;

        public string ImageNameValue => ImageName;
        public int PortValue => Port;
        public bool LoudValue => Loud;
        public Flavour TasteValue => Taste;
        public string[] TagsValue => Tags;
        public AbsolutePath? OutputValue => Output;
        public int? RetriesValue => Retries;

        Target Show => _ => _.Executes(() =>
        {
            Last = this;
            Serilog.Log.Information("password is {Password}", RegistryPassword);
        });
    }

    private Typed RunShow(params string[] args)
    {
        Typed.Last = null;
        var code = _harness.Run<Typed>(["Show", .. args]);
        Assert.True(code == 0, _harness.Output);
        return Typed.Last!;
    }

    [Fact]
    public void A_pem_block_is_a_value_not_an_option_and_stays_masked()
    {
        const string pem = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nZXlKcmRHWWlPbnNpYm1GdFpTSTZJbk5qY21GNWRDST0=\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----";
        var build = RunShow("--registry-password", pem, "--port", "-1");
        Assert.Equal(-1, build.PortValue);
        Assert.DoesNotContain("ZXlKcmRHWWlPbnNpYm1GdFpTSTZJbk5qY21GNWRDST0=", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("password is ****", _harness.Output, StringComparison.Ordinal);
        // Each line of the block is a secret of its own (a PEM reaches logs a line at a time).
        using var run = new Slipway.Common.Tests.Support.TestRun();
        Slipway.Logging.SecretMasker.Register(pem);
        Assert.Equal("key: ****", Slipway.Logging.SecretMasker.Apply("key: ZXlKcmRHWWlPbnNpYm1GdFpTSTZJbk5qY21GNWRDST0="));
    }

    [Fact]
    public void Defaults_stay_when_nothing_is_given()
    {
        var build = RunShow();
        Assert.Equal("default-image", build.ImageNameValue);
        Assert.Equal(8080, build.PortValue);
        Assert.False(build.LoudValue);
        Assert.Null(build.RetriesValue);
    }

    [Fact]
    public void Command_line_values_are_converted_to_the_declared_types()
    {
        var build = RunShow("--image-name", "orders", "--port", "9000", "--loud", "--taste", "chocolate",
            "--tags", "a", "b", "--output", "out/dir", "--retries", "3");
        Assert.Equal("orders", build.ImageNameValue);
        Assert.Equal(9000, build.PortValue);
        Assert.True(build.LoudValue);
        Assert.Equal(Flavour.Chocolate, build.TasteValue);
        Assert.Equal(["a", "b"], build.TagsValue);
        Assert.Equal(_harness.Root / "out/dir", build.OutputValue);
        Assert.Equal(3, build.RetriesValue);
    }

    [Fact]
    public void Command_line_beats_environment_beats_profile_beats_parameters_json()
    {
        (_harness.Root / ".nuke" / "parameters.json").WriteAllText("""{ "ImageName": "from-json", "Port": 1, "Tags": ["x", "y"] }""");
        (_harness.Root / ".nuke" / "parameters.ci.json").WriteAllText("""{ "Port": 2 }""");
        Assert.Equal("from-json", RunShow().ImageNameValue);
        Assert.Equal(["x", "y"], RunShow().TagsValue);
        Assert.Equal(2, RunShow("--profile", "ci").PortValue);

        _harness.Environment["IMAGE_NAME"] = "from-env";
        Assert.Equal("from-env", RunShow().ImageNameValue);
        Assert.Equal("from-cli", RunShow("--image-name", "from-cli").ImageNameValue);
    }

    [Fact]
    public void Prefixed_environment_variable_is_read()
    {
        _harness.Environment["SLIPWAY_PORT"] = "7000";
        Assert.Equal(7000, RunShow().PortValue);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_value_and_the_expected_type()
    {
        Assert.Equal(2, _harness.Run<Typed>("Show", "--port", "eighty"));
        Assert.Contains("Parameter --port (command line): 'eighty' is not a valid int", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_enum_value_lists_the_allowed_values()
    {
        _harness.Environment["TASTE"] = "mint";
        Assert.Equal(2, _harness.Run<Typed>("Show"));
        Assert.Contains("Parameter --taste (env TASTE): 'mint' is not a valid Vanilla|Chocolate", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_parameter_exits_2_with_a_suggestion()
    {
        Assert.Equal(2, _harness.Run<Typed>("Show", "--imgae-name", "x"));
        Assert.Contains("Unknown parameter '--imgae-name'. Did you mean '--image-name'?", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_profile_file_is_an_error()
    {
        Assert.Equal(2, _harness.Run<Typed>("Show", "--profile", "nope"));
        Assert.Contains(".nuke/parameters.nope.json does not exist", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_values_are_never_printed()
    {
        Assert.Equal(0, _harness.Run<Typed>("Show", "--registry-password", "hunter2-very-secret"));
        Assert.DoesNotContain("hunter2-very-secret", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("password is ****", _harness.Output, StringComparison.Ordinal);

        Assert.Equal(0, _harness.Run<Typed>("--help", "--registry-password", "hunter2-very-secret"));
        Assert.DoesNotContain("hunter2-very-secret", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_registered_with_GitHub_Actions_masking()
    {
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        _harness.Environment["REGISTRY_PASSWORD"] = "gh-secret-value";
        Assert.Equal(0, _harness.Run<Typed>("Show"));
        Assert.Contains("::add-mask::gh-secret-value", _harness.Output, StringComparison.Ordinal);
        Assert.Single(_harness.Output.Split('\n'), l => l.Contains("gh-secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_shows_type_variable_value_and_its_source()
    {
        _harness.Environment["PORT"] = "81";
        Assert.Equal(0, _harness.Run<Typed>("--help"));
        Assert.Contains("--port <int>  Port", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("env PORT or SLIPWAY_PORT; value: 81 (env PORT)", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("--taste <Vanilla|Chocolate>", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("value: default-image (default)", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_is_generated_for_ide_completion()
    {
        _harness.Run<Typed>("--help");
        var schema = (_harness.Root / ".nuke" / "build.schema.json").ReadAllText();
        using var doc = System.Text.Json.JsonDocument.Parse(schema);
        var properties = doc.RootElement.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("Port").GetProperty("type").GetString());
        Assert.Equal("Chocolate", properties.GetProperty("Taste").GetProperty("enum")[1].GetString());
        Assert.Equal("array", properties.GetProperty("Tags").GetProperty("type").GetString());
        Assert.Equal("Show", properties.GetProperty("Skip").GetProperty("items").GetProperty("enum")[0].GetString());
    }
}
