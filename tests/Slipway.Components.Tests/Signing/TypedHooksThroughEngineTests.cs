using System.Text.RegularExpressions;
using Slipway.Components.Images;
using Slipway.Components.Registry;
using Slipway.Components.Signing;
using Slipway.Components.Tests.Registry;
using Slipway.Components.Tests.Versioning;
using Slipway.Components.Versioning;
using Slipway.Execution;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Tests.Signing;

/// <summary>
/// A build's typed hooks for GitVersion, docker push and cosign, run by the real engine: Sign on a released repository,
/// pushing to the local registry and signing with a fresh key. The commands the log echoes carry each hook's edit.
/// </summary>
[Collection(RegistryIntegrationCollection.Name)]
public sealed partial class TypedHooksThroughEngineTests : IDisposable
{
    private const string Password = "typed hooks";
    private readonly List<string> _images = [];

    public void Dispose()
    {
        foreach (var image in _images) LocalDocker.RemoveImage(image);
    }

    /// <summary>A build that edits the settings of GitVersion, every push and the signature.</summary>
    internal sealed class HookedBuild : SlipwayBuild, ISign
    {
        GitVersionSettings IVersioning.ConfigureGitVersion(GitVersionSettings settings) => settings.AddOverrideConfig("tag-prefix", "[vV]?");

        DockerPushSettings IPush.ConfigurePush(DockerPushSettings settings) => settings with { DisableContentTrust = true };

        CosignSettings ISign.ConfigureCosign(CosignSettings settings) =>
            settings.When(settings.Subcommand == "sign", s => s.AddAnnotation("team", "orders"));
    }

    [SkippableFact]
    public void Typed_hooks_change_the_GitVersion_push_and_cosign_command_lines()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        Skip.If(Tool.Find("cosign") is null, "cosign is not installed");
        Skip.IfNot(File.Exists(GitVersionTool.DllPath(Infrastructure.EngineRuns.Environment())), "GitVersion.MsBuild 6.8.2 was not downloaded");
        using var repository = Infrastructure.EngineRuns.ReleasedRepository("v2.0.0");
        var imageId = LocalDocker.BuildUniqueImage(repository.Git("rev-parse", "HEAD"));
        _images.Add(imageId);
        var root = AbsolutePath.Create(repository.Path);
        var image = "hooks-" + Guid.NewGuid().ToString("N")[..10];
        new ImageRecord
        {
            ImageId = imageId, LocalReference = "e2e:build", Image = image,
            Scan = new ScanRecord { ImageId = imageId, Passed = true, Threshold = "HIGH" },
        }.Write(root / "artifacts" / "image.json");
        (root / "artifacts" / "sbom").CreateDirectory();
        (root / "artifacts" / "sbom" / $"{image}.cdx.json").WriteAllText("""{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}""");
        using var keyDirectory = new Infrastructure.TemporaryDirectory("slipway-hook-keys");
        var keys = keyDirectory.Path;
        Tool.Of("cosign").WithArguments(["generate-key-pair"]).WithWorkingDirectory(keys).WithEnvironment("COSIGN_PASSWORD", Password).Execute();

        using var output = new StringWriter();
        var exitCode = Engine.Run<HookedBuild>(new EngineOptions([
            "Sign", "--skip", "DockerBuild", "TrivyScan", "Sbom", "--registry", "localhost:5000/slipway-tests", "--image", image,
            "--cosign-key", keys / "cosign.key", "--cosign-password", Password,
        ]) { RootDirectory = root, Environment = Infrastructure.EngineRuns.Environment(), Output = output }, []);

        var log = output.ToString();
        Assert.True(exitCode == 0, log);
        Assert.Matches(@"> \S*dotnet \S+ /output json /nofetch /overrideconfig tag-prefix=\[vV\]\?", log);
        Assert.Matches($@"> \S*docker push --disable-content-trust localhost:5000/slipway-tests/{image}:2\.0\.0\b", log);
        Assert.Matches($@"> \S*cosign sign --yes --key=\S+ --tlog-upload=false -a team=orders localhost:5000/slipway-tests/{image}@sha256:[0-9a-f]{{64}}", log);
        Assert.Equal(3, AttestWithoutAnnotation().Matches(log).Count);
        Assert.DoesNotContain(Password, log, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"> \S*cosign attest --yes --replace --key=\S+ --tlog-upload=false --type \S+ --predicate \S+ \S+@sha256:")]
    private static partial Regex AttestWithoutAnnotation();
}
