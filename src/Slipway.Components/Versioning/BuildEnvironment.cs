namespace Slipway.Components.Versioning;

/// <summary>
/// The environment a build runs with: the one the engine detected its host from (a test may pass its own).
/// GitVersion's build-agent variables and the CI registry defaults are read from it.
/// </summary>
internal static class BuildEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(ISlipwayBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return build.Host.Environment;
    }
}
