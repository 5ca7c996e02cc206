using Slipway.Components.Tests.Versioning;
using Slipway.Components.Versioning;
using Slipway.Execution;
using Slipway.IO;

namespace Slipway.Components.Tests.Infrastructure;

/// <summary>What the tests that run a build through the real engine share: a clean environment, a released repository, a run.</summary>
internal static class EngineRuns
{
    /// <summary>This process's environment without CI markers and without registry, image or signing settings of its own.</summary>
    public static Dictionary<string, string> Environment() =>
        Slipway.Hosts.Host.ReadEnvironment()
            .Where(e => e.Key is not ("GITHUB_ACTIONS" or "GITLAB_CI" or "CI" or "TF_BUILD" or "JENKINS_URL" or "TEAMCITY_VERSION" or GitCheckout.BranchVariable))
            .Where(e => !e.Key.StartsWith("SLIPWAY_", StringComparison.Ordinal) && !e.Key.StartsWith("COSIGN_", StringComparison.Ordinal))
            .Where(e => e.Key is not ("REGISTRY" or "IMAGE" or "REGISTRY_PASSWORD" or "REGISTRY_USERNAME" or "SKIP_SIGN"))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>A git repository whose one commit (ignoring <c>.nuke/</c> and <c>artifacts/</c>) is tagged <paramref name="tag"/>.</summary>
    public static TempGitRepository ReleasedRepository(string tag)
    {
        var repository = TempGitRepository.Create();
        File.WriteAllText(Path.Combine(repository.Path, ".gitignore"), ".nuke/\nartifacts/\n");
        File.WriteAllText(Path.Combine(repository.Path, ".dockerignore"), ".nuke/\nartifacts/\n");
        repository.Git("add", ".gitignore", ".dockerignore");
        repository.Commit("release");
        repository.Git("tag", tag);
        return repository;
    }

    /// <summary>Runs <typeparamref name="TBuild"/> in <paramref name="root"/> with <see cref="Environment"/>; its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run<TBuild>(string root, params string[] arguments)
        where TBuild : SlipwayBuild, new()
    {
        using var output = new StringWriter();
        var exitCode = Engine.Run<TBuild>(new EngineOptions(arguments) { RootDirectory = AbsolutePath.Create(root), Environment = Environment(), Output = output }, []);
        return (exitCode, output.ToString());
    }
}
