using System.Text.Json;
using System.Text.RegularExpressions;
using Slipway.Components.Docker;
using Slipway.Processes;

namespace Slipway.Components.Registry;

/// <summary>
/// The docker commands on a local image that Tag and Push run (tag, inspect, push), each judged by exit code and output:
/// transient failures become <see cref="TransientRegistryException"/>.
/// </summary>
internal sealed partial class DockerImageCommands(DockerCli docker, string login = "no credentials (Docker's stored login)")
{
    private static readonly TimeSpan s_pushTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Edits each push's settings before it runs (the build's <c>IPush.ConfigurePush</c>); unchanged by default.</summary>
    public Func<DockerPushSettings, DockerPushSettings> ConfigurePush { get; init; } = settings => settings;

    /// <summary><c>docker tag SOURCE TARGET</c>.</summary>
    public async Task TagAsync(string source, string target, CancellationToken cancellationToken)
    {
        var result = await Command(["tag", source, target]).ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
            throw new BuildFailedException($"docker tag {source} {target} failed: {Errors(result)}. Run DockerBuild again so the image exists.");
    }

    /// <summary>
    /// Fails, before anything is tagged, unless the image's <c>org.opencontainers.image.revision</c> label is
    /// <paramref name="expected"/>: the commit being published (with <c>-dirty</c> for uncommitted changes).
    /// </summary>
    public async Task CheckRevisionAsync(string imageId, string? expected, CancellationToken cancellationToken)
    {
        var labels = await LabelsAsync(imageId, cancellationToken);
        labels.TryGetValue(Images.OciLabels.Revision, out var revision);
        if (expected is null || revision == expected) return;
        throw new BuildFailedException(
            $"The image {imageId} was built from revision {revision ?? "(no revision label)"}, but this build publishes {expected}. Nothing was tagged. " +
            "Run DockerBuild again in this checkout (another build may have replaced artifacts/image.json).");
    }

    /// <summary>The labels of a local image.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LabelsAsync(string imageId, CancellationToken cancellationToken)
    {
        var result = await Command(["image", "inspect", "--format", "{{json .Config.Labels}}", imageId]).ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
            throw new BuildFailedException($"The image {imageId} from image.json is not in the local Docker store ({Errors(result)}). Run DockerBuild again.");
        return JsonSerializer.Deserialize<Dictionary<string, string>?>(result.StandardOutput.Trim()) ?? [];
    }

    /// <summary><c>docker push REFERENCE</c>; returns the manifest digest the registry stored.</summary>
    public async Task<string?> PushAsync(string reference, CancellationToken cancellationToken)
    {
        var result = await Command([.. ConfigurePush(new DockerPushSettings(reference)).ToArguments()]).WithOutputLogging(true).WithTimeout(s_pushTimeout).ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
            throw Judge(result, $"docker push {reference}", $"The registry refused the push as {login}: check that these credentials may write to this repository.");
        return PushedDigest().Matches(result.StandardOutput + "\n" + result.StandardError).LastOrDefault()?.Groups[1].Value;
    }

    /// <summary>The <c>repo@digest</c> references the local image already has (from earlier pushes or pulls).</summary>
    public async Task<IReadOnlyList<string>> RepoDigestsAsync(string imageId, CancellationToken cancellationToken)
    {
        var result = await Command(["image", "inspect", "--format", "{{json .RepoDigests}}", imageId]).ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
            throw new BuildFailedException($"The image {imageId} from image.json is not in the local Docker store ({Errors(result)}). Run DockerBuild again.");
        return JsonSerializer.Deserialize<List<string>>(result.StandardOutput.Trim()) ?? [];
    }

    private ToolCommand Command(string[] arguments) => docker.Command(arguments).WithExitCodeValidation(false);

    private static Exception Judge(ToolResult result, string what, string fix)
    {
        var errors = Errors(result);
        return RegistryRetry.LooksTransient(errors)
            ? new TransientRegistryException($"{what}: {errors}")
            : new BuildFailedException($"{what} failed (exit code {result.ExitCode}): {errors}. {fix}");
    }

    private static string Errors(ToolResult result)
    {
        var lines = result.Output.Where(l => l.IsError).Select(l => l.Text.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) lines = [.. result.Output.Select(l => l.Text.Trim()).Where(l => l.Length > 0).TakeLast(3)];
        return Logging.SecretMasker.Apply(string.Join(" / ", lines.TakeLast(5)));
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex PushedDigest();
}
