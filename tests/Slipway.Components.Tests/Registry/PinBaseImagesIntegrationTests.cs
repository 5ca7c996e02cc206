using Slipway.Components.Registry;
using Slipway.Execution;
using Slipway.IO;

namespace Slipway.Components.Tests.Registry;

/// <summary>PinBaseImages against the local registry, whose images base-images.env pins by digest.</summary>
[Collection(RegistryIntegrationCollection.Name)]
public sealed class PinBaseImagesIntegrationTests : IDisposable
{
    private const string StaleDigest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-pin-").FullName;
    private readonly CapturedLog _log = new();
    private readonly RegistryClient _registry = new(timeout: TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        _log.Dispose();
        _registry.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A build with only the pinning component.</summary>
    internal sealed class PinBuild : SlipwayBuild, IPinBaseImages;

    // ./build.sh PinBaseImages in the test directory, through the engine; returns its output and asserts it succeeded.
    private string RunTarget()
    {
        using var output = new StringWriter();
        var exitCode = Engine.Run<PinBuild>(new EngineOptions(["PinBaseImages"])
        {
            RootDirectory = AbsolutePath.Create(_directory),
            Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
            Output = output,
        }, []);
        Assert.True(exitCode == 0, output.ToString());
        return output.ToString();
    }

    private static string Digest(string pinnedReference) => pinnedReference[pinnedReference.IndexOf('@', StringComparison.Ordinal)..];

    [SkippableFact]
    public async Task Rewrites_stale_and_missing_pins_to_the_current_digests()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var baseTag = LocalDocker.Setting("BASE_IMAGE_TAG");
        var runtimeTag = LocalDocker.Setting("RUNTIME_IMAGE_TAG");
        var dockerfile = AbsolutePath.Create(Path.Combine(_directory, "Dockerfile"));
        dockerfile.WriteAllText(
            $"ARG RUNTIME_IMAGE={runtimeTag}@{StaleDigest}\n" +
            $"FROM {baseTag} AS build\n" +
            "RUN echo build\n" +
            "FROM ${RUNTIME_IMAGE}\n");

        var pins = await new BaseImagePinner(_registry, RetrySettings.Default).PinAsync(dockerfile);

        var expected =
            $"ARG RUNTIME_IMAGE={runtimeTag}{Digest(LocalDocker.Setting("RUNTIME_IMAGE"))}\n" +
            $"FROM {baseTag}{Digest(LocalDocker.Setting("BASE_IMAGE"))} AS build\n" +
            "RUN echo build\n" +
            "FROM ${RUNTIME_IMAGE}\n";
        Assert.Equal(expected, dockerfile.ReadAllText());
        Assert.Equal(2, pins.Count(p => !p.IsCurrent));
        Assert.Contains($"{runtimeTag}@{StaleDigest} → {runtimeTag}{Digest(LocalDocker.Setting("RUNTIME_IMAGE"))}", _log.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp-*"));
    }

    [SkippableFact]
    public void The_target_pins_the_dockerfile_and_reports_old_and_new_digests()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var baseTag = LocalDocker.Setting("BASE_IMAGE_TAG");
        var pinned = baseTag + Digest(LocalDocker.Setting("BASE_IMAGE"));
        File.WriteAllText(Path.Combine(_directory, "Dockerfile"), $"FROM {baseTag}@{StaleDigest}\n");
        var output = RunTarget();

        Assert.Equal($"FROM {pinned}\n", File.ReadAllText(Path.Combine(_directory, "Dockerfile")));
        Assert.Contains($"line 1: {baseTag}@{StaleDigest} → {pinned}", output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 base image pin(s) updated", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Current_pins_are_left_as_they_are()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var dockerfile = AbsolutePath.Create(Path.Combine(_directory, "Dockerfile"));
        var text = $"FROM {LocalDocker.Setting("BASE_IMAGE_TAG")}{Digest(LocalDocker.Setting("BASE_IMAGE"))}\r\n";
        dockerfile.WriteAllText(text);
        var written = File.GetLastWriteTimeUtc(dockerfile);

        var pins = await new BaseImagePinner(_registry, RetrySettings.Default).PinAsync(dockerfile);

        Assert.True(Assert.Single(pins).IsCurrent);
        Assert.Equal(text, dockerfile.ReadAllText());
        Assert.Equal(written, File.GetLastWriteTimeUtc(dockerfile));
    }

    [SkippableFact]
    public async Task A_tag_the_registry_does_not_have_is_a_clear_error_and_the_file_is_unchanged()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var dockerfile = AbsolutePath.Create(Path.Combine(_directory, "Dockerfile"));
        var text = $"FROM {LocalDocker.Registry}/base/debian:no-such-tag@{StaleDigest}\n";
        dockerfile.WriteAllText(text);

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => new BaseImagePinner(_registry, RetrySettings.Default).PinAsync(dockerfile));

        Assert.Contains("base/debian:no-such-tag (line 1 of Dockerfile) does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, dockerfile.ReadAllText());
    }

    [SkippableFact]
    public void The_sdk_image_follows_global_json_and_the_gitlab_image_and_the_attribute_move_with_it()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var sdkTag = LocalDocker.Setting("SDK_IMAGE_TAG"); // localhost:5000/dotnet/sdk:10.0.401-bookworm
        var version = sdkTag[(sdkTag.LastIndexOf(':') + 1)..].Split('-')[0];
        var olderTag = sdkTag.Replace(version, "10.0.100", StringComparison.Ordinal);
        var pinned = sdkTag + Digest(LocalDocker.Setting("SDK_IMAGE"));
        File.WriteAllText(Path.Combine(_directory, "global.json"), $$"""{ "sdk": { "version": "{{version}}", "rollForward": "latestFeature" } }""");
        File.WriteAllText(Path.Combine(_directory, "Dockerfile"), $"ARG SDK_IMAGE={olderTag}@{StaleDigest}\nFROM ${{SDK_IMAGE}} AS build\n");
        File.WriteAllText(Path.Combine(_directory, ".gitlab-ci.yml"), $"publish:\n  image: '{olderTag}@{StaleDigest}'\n");
        Directory.CreateDirectory(Path.Combine(_directory, "build"));
        File.WriteAllText(Path.Combine(_directory, "build", "Build.cs"), $"[GitLabCi(Image = \"{olderTag}@{StaleDigest}\")]\nclass Build;\n");
        var output = RunTarget();

        Assert.Equal($"ARG SDK_IMAGE={pinned}\nFROM ${{SDK_IMAGE}} AS build\n", File.ReadAllText(Path.Combine(_directory, "Dockerfile")));
        Assert.Equal($"publish:\n  image: '{pinned}'\n", File.ReadAllText(Path.Combine(_directory, ".gitlab-ci.yml")));
        Assert.Equal($"[GitLabCi(Image = \"{pinned}\")]\nclass Build;\n", File.ReadAllText(Path.Combine(_directory, "build", "Build.cs")));
        Assert.Contains($"line 1 (ARG SDK_IMAGE): {olderTag}@{StaleDigest} → {pinned}", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_global_json_version_without_an_sdk_image_is_a_clear_error_and_nothing_is_written()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var sdkTag = LocalDocker.Setting("SDK_IMAGE_TAG");
        var dockerfile = AbsolutePath.Create(Path.Combine(_directory, "Dockerfile"));
        var text = $"FROM {sdkTag}{Digest(LocalDocker.Setting("SDK_IMAGE"))} AS build\n";
        dockerfile.WriteAllText(text);

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => new BaseImagePinner(_registry, RetrySettings.Default).PinAsync(dockerfile, "10.0.999"));

        Assert.Contains("the SDK image of global.json's version 10.0.999", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, dockerfile.ReadAllText());
    }
}
